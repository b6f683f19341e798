package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

func TestProjectListsItsEventsAndServices(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-01 09:00"), nil)
	tapTile(t, w, u.t("NavProjects"))
	u.Open(projectPage{id: "kias-2"})
	if !hasLabel(w, u.t("ProjectEvents")) {
		t.Fatal("the project's page does not list its coming events")
	}
	// The project works in Örebro, so Örebro's services are listed.
	service := u.text(servicePage{id: "kias-2-activa"}.title(u))
	if !hasLabel(w, u.t("ProjectServices")) || !hasLabel(w, service) {
		t.Errorf("the project's page does not list the service %q in its municipality", service)
	}
	event := u.text(eventPage{id: "kias-oppet-hus-2024-05-15"}.title(u))
	tapTile(t, w, event)
	if p, ok := u.Current().(eventPage); !ok || p.id != "kias-oppet-hus-2024-05-15" {
		t.Fatalf("tapping the project's event opened %#v", u.Current())
	}

	// Once its events are over, the project shows them as earlier ones.
	u.Home()
	u.now = func() time.Time { return stockholmTime(t, "2025-01-01 09:00") }
	u.Open(projectPage{id: "kias-2"})
	if !hasLabel(w, u.t("EarlierEvents")) || hasLabel(w, u.t("ProjectEvents")) {
		t.Error("a project whose events are over does not list them as earlier events")
	}
}

func TestDetailPagesHaveNoEnglishOnlyWords(t *testing.T) {
	// Every caption on the new parts of the detail pages comes from the
	// catalogs, so in Ukrainian none of them is the English text.
	u, w := newTestUI(t, content.Ukrainian)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-14 09:00"), nil)
	en := u.catalog.For(content.English)
	for _, p := range []page{eventPage{id: "kias-oppet-hus-2024-05-15"}, servicePage{id: "sos-112"}, projectPage{id: "kias-2"}} {
		u.Open(p)
		if !hasButton(w, u.t("AddToMyList")) {
			t.Errorf("%T has no Ukrainian add-to-list button", p)
		}
		for _, id := range []string{"ScanToAddToCalendar", "ScanToSaveContact", "AddToMyList", "ExportToCalendar", "ProjectEvents", "OpenNow"} {
			if english := en.T(id, nil); hasLabel(w, english) || hasButton(w, english) {
				t.Errorf("%T shows the English %q in Ukrainian", p, english)
			}
		}
	}
}

func hasButton(w fyne.Window, text string) bool {
	found := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *widget.Button:
			found = found || b.Text == text
		case *textview.Button:
			found = found || b.Text == text
		}
	})
	return found
}
