package app

import (
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/store"
)

// The municipalities chosen on the admin screen are the kiosk's area: its
// lists and drop-downs show them and national items, nothing else.
func TestListsKeepToTheKiosksMunicipalities(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	cfg, _ := kiosk.Load(u.lib.Store, u.session.admin)
	cfg.Municipalities = []string{"berg"}
	if err := u.saveConfig(cfg); err != nil {
		t.Fatal(err)
	}
	var all []content.Service
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { all, err = tx.Services(store.ServiceQuery{}); return err }); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, s := range all {
		if s.Municipality == "" || s.Municipality == "berg" {
			want++
		}
	}
	if want == len(all) || want == 0 {
		t.Fatalf("the built-in services do not tell areas apart (%d of %d)", want, len(all))
	}
	u.Open(servicesPage{})
	if got := findList(t, w).Length(); got != want {
		t.Errorf("services list has %d rows, want %d (Berg's and the national ones)", got, want)
	}
	places := findSelect(t, w, u.t("AllMunicipalities"))
	if len(places.Options) != 2 || !slices.Contains(places.Options, "Berg") {
		t.Errorf("municipality choices %v, want all and Berg", places.Options)
	}
}
