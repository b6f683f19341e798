package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

// Golden images: small reference renders, drawn by Fyne's software
// painter with the app's theme and fonts, of the parts whose letters and
// order went wrong before (a dotless Ukrainian і, mixed Arabic and Latin
// out of order, narrow dialogs, literal Markdown escapes, one line for an
// address). A change in any of them fails here; look at the image in
// testdata/failed/ and, if the new one is right, copy it over the old.

// goldenMarkdown holds, per language, what a real article holds: an
// escape, hard breaks in an address, a numbered list starting at 3, a
// web address and digits among the language's own letters.
var goldenMarkdown = map[content.Lang]string{
	content.Swedish:   "Kontakt: gc\\_def@example.org  \nStorgatan 1  \n111 22 Stockholm\n\n3. Ring 112 \\[SOS\\]\n4. Läs på 1177.se\n\nVårdcentralen är öppen 8–17.",
	content.Ukrainian: "Контакт: gc\\_def@example.org  \nStorgatan 1  \n111 22 Stockholm\n\n3. Телефонуйте 112 \\[SOS\\]\n4. Читайте на 1177.se\n\nЯкщо ви захворіли і не знаєте, куди звернутися, — Інформація про охорону здоров’я.",
	content.Arabic:    "للتواصل: gc\\_def@example.org  \nStorgatan 1  \n111 22 Stockholm\n\n3. اتصل بالرقم 112 \\[SOS\\]\n4. اقرأ على 1177.se\n\nالمركز الصحي (vårdcentral) مفتوح من 8 إلى 17.",
	content.English:   "Contact: gc\\_def@example.org  \nStorgatan 1  \n111 22 Stockholm\n\n3. Call 112 \\[SOS\\]\n4. Read on 1177.se\n\nThe health centre is open 8–17.",
}

func TestGoldenImages(t *testing.T) {
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			u, w := newTestUI(t, lang)
			w.SetPadded(false)

			w.SetContent(u.nav.buildHeader())
			w.Resize(fyne.NewSize(540, navHeight(2)))
			test.AssertImageMatches(t, "golden/bar-"+string(lang)+".png", w.Canvas().Capture())

			w.SetContent(textview.NewMarkdown(goldenMarkdown[lang], dirOf(lang)))
			w.Resize(fyne.NewSize(540, 420))
			test.AssertImageMatches(t, "golden/markdown-"+string(lang)+".png", w.Canvas().Capture())

			w.SetContent(u.uiText(""))
			w.Resize(fyne.NewSize(540, 480))
			u.notify(u.tf("SavedTo", map[string]any{"Path": textview.Isolate("/media/usb/Mötesplats/händelser.ics")}))
			test.AssertImageMatches(t, "golden/dialog-"+string(lang)+".png", w.Canvas().Capture())
		})
	}
	t.Run("start", func(t *testing.T) {
		u, w, _ := newKioskUI(t, content.Swedish)
		w.SetPadded(false)
		w.SetContent(u.session.start)
		u.session.showStart()
		w.Resize(fyne.NewSize(540, 600))
		test.AssertImageMatches(t, "golden/start.png", w.Canvas().Capture())
	})
	t.Run("dropdown-ar", func(t *testing.T) {
		u, w := newTestUI(t, content.Arabic)
		w.SetPadded(false)
		d := u.choice([]string{"كل البلديات", "Örebro", "Göteborg", "مالمو Malmö"}, "كل البلديات", nil)
		w.SetContent(d)
		w.Resize(fyne.NewSize(400, 320))
		d.Resize(fyne.NewSize(400, 56))
		test.Tap(d)
		test.AssertImageMatches(t, "golden/dropdown-ar.png", w.Canvas().Capture())
	})
}
