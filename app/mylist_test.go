package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	ics "github.com/arran4/golang-ical"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
)

func TestMyListAddRemoveExport(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, "2024-05-01 09:00"), nil)
	out := filepath.Join(t.TempDir(), "lista.ics")
	old := chooseSaveFile
	t.Cleanup(func() { chooseSaveFile = old })
	var offered string
	chooseSaveFile = func(_ *UI, _, name, _ string, done func(string)) { offered = name; done(out) }

	for _, p := range []page{
		eventPage{id: "kias-oppet-hus-2024-05-15"},
		eventPage{id: "jobbsteget-tillsammans-digitalt-2024-05-14"},
		articlePage{id: "sfi"},
	} {
		u.Open(p)
		test.Tap(findButton(t, w, "Lägg till i min lista"))
		findButton(t, w, "Ta bort från min lista") // the button turned
	}
	u.Home()
	tapTile(t, w, "Min lista")
	if n := findList(t, w).Length(); n != 3 {
		t.Fatalf("My list shows %d items, want 3", n)
	}

	test.Tap(findButton(t, w, "Exportera till kalender och kontakter"))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("export wrote no file: %v", err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("the exported file does not parse: %v", err)
	}
	if n := len(cal.Events()); n != 2 || !strings.HasSuffix(offered, ".ics") {
		t.Errorf("exported %d events to %q, want the 2 on the list in an .ics", n, offered)
	}

	test.Tap(findButton(t, w, "Ta bort")) // the first row's remove
	if n := findList(t, w).Length(); n != 2 {
		t.Errorf("after removing one, My list shows %d items", n)
	}
	test.Tap(findButton(t, w, "Töm listan"))
	if !hasLabel(w, u.t("MyListEmpty")) {
		t.Error("a cleared list does not say it is empty")
	}
}

func TestMyListDropsRemovedItemsAndIsDesktopOnly(t *testing.T) {
	u, w := newTestUI(t, content.English)
	if _, err := u.mylist.items.Add(kioskItem(content.KindEvent, "kias-oppet-hus-2024-05-15")); err != nil {
		t.Fatal(err)
	}
	applyBuiltin(t, u, stockholmTime(t, "2024-05-01 09:00"), func(set *content.Set) {
		set.Events = set.Events[:0] // a new version without any event
	})
	u.Open(myListPage{})
	if !hasLabel(w, u.t("MyListEmpty")) {
		t.Error("an item the content no longer has is still on My list")
	}
	u.session.kiosk = true
	u.Home()
	for _, text := range []string{u.t("NavMyList")} {
		if hasLabel(w, text) {
			t.Errorf("kiosk mode shows %q", text)
		}
	}
	u.Open(eventPage{id: "jobbsteget-tillsammans-digitalt-2024-05-14"})
	if hasButton(w, u.t("AddToMyList")) || hasButton(w, u.t("ExportToCalendar")) {
		t.Error("kiosk mode offers My list or a file export")
	}
}

func kioskItem(kind content.Kind, id string) kiosk.Item { return kiosk.Item{Kind: kind, ID: id} }
