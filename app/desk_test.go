package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/handout"
)

// deskList opens My list in Swedish with two events, two services and
// an article on it.
func deskList(t *testing.T) (*UI, fyne.Window) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-01 09:00"), nil)
	for _, it := range []struct {
		kind content.Kind
		id   string
	}{
		{content.KindEvent, "kias-oppet-hus-2024-05-15"},
		{content.KindEvent, "jobbsteget-tillsammans-digitalt-2024-05-14"},
		{content.KindService, "migrationsverket"},
		{content.KindService, "kias-2-activa"},
		{content.KindArticle, "sfi"},
	} {
		if _, err := u.mylist.items.Add(kioskItem(it.kind, it.id)); err != nil {
			t.Fatal(err)
		}
	}
	u.Open(myListPage{})
	return u, w
}

// chooseInto makes the save chooser answer path at once.
func chooseInto(t *testing.T, path string) *string {
	old := chooseSaveFile
	t.Cleanup(func() { chooseSaveFile = old })
	var offered string
	chooseSaveFile = func(_ *UI, _, name, _ string, done func(string)) { offered = name; done(path) }
	return &offered
}

func TestExportWritesEveryEventAndServiceOfMyList(t *testing.T) {
	u, w := deskList(t)
	dir := t.TempDir()
	offered := chooseInto(t, filepath.Join(dir, "familjen.ics"))
	test.Tap(findButton(t, w, u.t("HandoutExport")))
	if *offered != "motesplats.ics" {
		t.Errorf("offered %q, want motesplats.ics", *offered)
	}
	cal, err := os.ReadFile(filepath.Join(dir, "familjen.ics"))
	if err != nil {
		t.Fatal(err)
	}
	cards, err := os.ReadFile(filepath.Join(dir, "familjen.vcf"))
	if err != nil {
		t.Fatalf("no contacts file beside the calendar: %v", err)
	}
	for _, id := range []string{"kias-oppet-hus-2024-05-15", "jobbsteget-tillsammans-digitalt-2024-05-14"} {
		if !bytes.Contains(cal, []byte("UID:"+id+"@")) {
			t.Errorf("the calendar lacks %s", id)
		}
	}
	if n := bytes.Count(cards, []byte("BEGIN:VCARD")); n != 2 || !bytes.Contains(cards, []byte("FN:Migrationsverket")) {
		t.Errorf("the contacts file has %d cards:\n%s", n, cards)
	}
	// The guide is told what went where.
	for _, want := range []string{"familjen.ics", "familjen.vcf", "(2)"} {
		if !hasLabelContaining(w, want) {
			t.Errorf("no message names %q", want)
		}
	}
}

// hasLabelContaining looks for a label with sub in the window and in
// its dialogs.
func hasLabelContaining(w fyne.Window, sub string) bool {
	found := false
	look := func(o fyne.CanvasObject) {
		if l, ok := o.(*textview.Label); ok && strings.Contains(l.Text, sub) {
			found = true
		}
	}
	walk(w.Content(), look)
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, look)
	}
	return found
}

func TestHandoutSavesAPDFInTheFamilysLanguage(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no lp: the desk has no printer
	u, w := deskList(t)
	test.Tap(lastButton(t, w, "العربية")) // the family reads Arabic; the screen stays Swedish
	if u.mylist.familyLang() != content.Arabic || u.Lang() != content.Swedish {
		t.Fatalf("family %s, screen %s", u.mylist.familyLang(), u.Lang())
	}
	out := filepath.Join(t.TempDir(), "lapp.pdf")
	offered := chooseInto(t, out)
	test.Tap(findButton(t, w, u.t("HandoutButton")))
	if !hasLabelContaining(w, u.t("HandoutNoPrinter")) {
		t.Error("without a printer the desk is not told to save a PDF")
	}
	test.Tap(lastButton(t, w, u.t("HandoutSavePDF")))
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF saved: %v", err)
	}
	if *offered != "motesplats-ar.pdf" {
		t.Errorf("offered %q", *offered)
	}
	if !bytes.Contains(pdf, []byte("MotesplatsSans-Regular")) {
		t.Error("the PDF does not embed the app's font")
	}
}

func TestHandoutPrintsOnTheDefaultPrinter(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"lpstat": "#!/bin/sh\necho 'system default destination: Disken'\n",
		"lp":     "#!/bin/sh\ncat > '" + dir + "/printed.pdf'\necho 'request id is Disken-3 (1 file(s))'\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if name, ok := handout.DefaultPrinter(); !ok || name != "Disken" {
		t.Fatalf("the fake CUPS is not seen: %q", name)
	}
	u, w := deskList(t)
	test.Tap(findButton(t, w, u.t("HandoutButton")))
	test.Tap(lastButton(t, w, u.t("HandoutPrint")))
	deadline := 200
	for ; deadline > 0 && !hasLabelContaining(w, "Disken⁩."); deadline-- {
		time.Sleep(20 * time.Millisecond)
	}
	if deadline == 0 {
		t.Fatal("the desk was never told the handout was printed")
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "printed.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("lp got no PDF: %v", err)
	}
}

func TestListCodesStandBesideMyList(t *testing.T) {
	u, w := deskList(t)
	if !hasLabelContaining(w, u.t("HandoutListCode")) {
		t.Error("My list shows no code for the whole list")
	}
	doc, err := u.mylist.handoutDoc(mustListed(t, u))
	if err != nil {
		t.Fatal(err)
	}
	text := handout.ListText(doc)
	for _, want := range []string{"Migrationsverket", "+46 771 235 235", "Öppet hus"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list's text lacks %q:\n%s", want, text)
		}
	}
}

func mustListed(t *testing.T, u *UI) []listed {
	items, err := u.mylist.listedItems()
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestDeskShortcuts(t *testing.T) {
	ctrl, shift := fyne.KeyModifierShortcutDefault, fyne.KeyModifierShift
	for _, c := range []struct {
		name string
		key  fyne.KeyName
		mod  fyne.KeyModifier
		grow bool
	}{
		{"US layout: Ctrl, Shift and =", fyne.KeyEqual, ctrl | shift, true},
		{"US layout: Ctrl and = unshifted", fyne.KeyEqual, ctrl, true},
		{"Swedish layout or keypad: Ctrl and +", fyne.KeyPlus, ctrl, true},
		{"Ctrl, Shift and +", fyne.KeyPlus, ctrl | shift, true},
		{"Ctrl and -", fyne.KeyMinus, ctrl, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, w := newTestUI(t, content.Swedish)
			u.session.addShortcuts()
			before := u.theme.scale
			w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: c.key, Modifier: c.mod})
			after := u.theme.scale
			if c.grow && after <= before || !c.grow && after >= before {
				t.Errorf("text size %v → %v", before, after)
			}
		})
	}
}

func TestShortcutHelpInEveryLanguage(t *testing.T) {
	for _, lang := range content.Languages {
		u, w := newTestUI(t, lang)
		u.session.addShortcuts()
		w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF1, Modifier: fyne.KeyModifierShortcutDefault})
		for _, k := range u.session.shortcutKeys() {
			if !hasLabelContaining(w, k[1]) || !hasLabelContaining(w, k[0]) {
				t.Errorf("%s: the help lacks %q for %q", lang, k[1], k[0])
			}
		}
	}
}

// lastButton is the last button with text: the one in My list's own
// rows rather than the header's (the language buttons) or the
// dialog's over the page (print).
func lastButton(t *testing.T, w fyne.Window, text string) *textview.Button {
	t.Helper()
	var found *textview.Button
	look := func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && b.Text == text {
			found = b
		}
	}
	walk(w.Content(), look)
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, look)
	}
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
