package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

var stockholm, _ = time.LoadLocation("Europe/Stockholm")

// testSet builds a valid set of n services and n events in two
// municipalities; tag goes into every title so versions can be told apart.
func testSet(n int, tag string) *content.Set {
	s := &content.Set{
		Municipalities: []content.Municipality{
			{ID: "orebro", Name: content.Text{"sv": "Örebro"}},
			{ID: "are", Name: content.Text{"sv": "Åre"}},
		},
		Topics:   []content.Topic{{ID: "health", Title: content.Text{"sv": "Hälsa", "en": "Health"}}},
		Projects: []content.Project{{ID: "kias-2", Name: content.Text{"sv": "KIAS 2.0"}, Owner: content.Text{"sv": "Activa"}, Summary: content.Text{"sv": "Stöd"}}},
	}
	base := time.Date(2030, 1, 1, 10, 0, 0, 0, stockholm)
	for i := 0; i < n; i++ {
		muni := []string{"orebro", "are", ""}[i%3]
		s.Articles = append(s.Articles, content.Article{ID: fmt.Sprintf("a%d", i), Topic: "health", Order: n - i,
			Title: content.Text{"sv": tag + " artikel " + strconv.Itoa(i)}, Body: content.Text{"sv": "Text"}})
		s.Services = append(s.Services, content.Service{ID: fmt.Sprintf("s%d", i), Municipality: muni,
			Name: content.Text{"sv": tag + " tjänst " + strconv.Itoa(i), "en": "service"}, Categories: []string{"health"}})
		s.Events = append(s.Events, content.Event{ID: fmt.Sprintf("e%d", i), Municipality: muni,
			Title: content.Text{"sv": tag + " evenemang " + strconv.Itoa(i)}, Start: base.Add(time.Duration(i) * time.Hour),
			TimeZone: "Europe/Stockholm", Attendance: content.Online, OnlineURL: "https://example.org/e"})
	}
	return s
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "motesplats.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestApplyAndRead(t *testing.T) {
	s, _ := openTemp(t)
	if _, ok, err := s.Version(); err != nil || ok {
		t.Fatalf("new store: version ok=%v err=%v, want none", ok, err)
	}
	set := testSet(30, "v1")
	if err := s.Apply(set, content.Version{Number: 1, Source: content.SourceFeed}); err != nil {
		t.Fatal(err)
	}
	err := s.View(func(tx *Tx) error {
		v, ok, err := tx.Version()
		if err != nil || !ok || v.Number != 1 || v.Digest != set.Digest() {
			t.Errorf("version = %+v ok=%v err=%v", v, ok, err)
		}
		st, _ := tx.Stats()
		if st.Items[content.KindEvent] != 30 || st.Languages[content.KindService][content.English] != 30 {
			t.Errorf("stats = %+v", st)
		}
		arts, _ := tx.Articles("health")
		if len(arts) != 30 || arts[0].ID != "a29" { // Order n-i: a29 has the lowest order
			t.Errorf("articles by topic: %d, first %q", len(arts), arts[0].ID)
		}
		svc, _ := tx.Services(ServiceQuery{Municipality: "orebro"})
		if len(svc) != 20 { // 10 in Örebro + 10 national
			t.Errorf("services in orebro with national = %d, want 20", len(svc))
		}
		byCat, _ := tx.Services(ServiceQuery{Category: "health", Municipality: "are"})
		if len(byCat) != 20 {
			t.Errorf("health services in are = %d, want 20", len(byCat))
		}
		back, err := tx.Set()
		if err != nil || back.Digest() != set.Digest() {
			t.Errorf("read back differs from what was applied (err %v)", err)
		}
		if it, ok, err := tx.Item(content.KindService, "s7"); err != nil || !ok || it.(*content.Service).Name["sv"] != "v1 tjänst 7" {
			t.Errorf("Item(services, s7) = %+v, %v, %v", it, ok, err)
		}
		if it, ok, err := tx.Item(content.KindEvent, "e99"); err != nil || ok || it != nil {
			t.Errorf("Item(events, e99) = %+v, %v, %v; want none", it, ok, err)
		}
		if _, _, err := tx.Item("recipes", "x"); err == nil {
			t.Error("Item of an unknown kind worked")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEventsInStartOrder(t *testing.T) {
	s, _ := openTemp(t)
	set := testSet(12, "v1")
	// A weekly event in Örebro across the spring daylight-saving change.
	set.Events = append(set.Events, content.Event{ID: "weekly", Municipality: "orebro",
		Title: content.Text{"sv": "Språkcafé"}, Start: time.Date(2030, 3, 20, 10, 0, 0, 0, stockholm),
		RRule: "FREQ=WEEKLY;COUNT=3", TimeZone: "Europe/Stockholm", Attendance: content.Online, OnlineURL: "https://example.org/c"})
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	var got []Occurrence
	s.View(func(tx *Tx) (err error) {
		got, err = tx.Events(EventQuery{From: time.Date(2030, 1, 1, 11, 0, 0, 0, stockholm), Municipality: "orebro", Limit: 5})
		return err
	})
	var ids []string
	for i, o := range got {
		ids = append(ids, o.Event.ID)
		if i > 0 && o.Start.Before(got[i-1].Start) {
			t.Errorf("not in start order: %v", ids)
		}
	}
	// e0 (10:00) is before From; e1 is in are; e2 national, e3 orebro, e5 national, e6 orebro, e8 national.
	if want := "[e2 e3 e5 e6 e8]"; fmt.Sprint(ids) != want {
		t.Errorf("next events = %v, want %s", ids, want)
	}
	var weekly []time.Time
	s.View(func(tx *Tx) error {
		occ, err := tx.Events(EventQuery{From: time.Date(2030, 3, 1, 0, 0, 0, 0, stockholm), Municipality: "orebro"})
		for _, o := range occ {
			if o.Event.ID == "weekly" {
				weekly = append(weekly, o.Start.In(stockholm))
			}
		}
		return err
	})
	if len(weekly) != 3 {
		t.Fatalf("weekly occurrences = %v, want 3", weekly)
	}
	for _, w := range weekly {
		if w.Hour() != 10 {
			t.Errorf("occurrence %v is not at 10:00 local time across DST", w)
		}
	}
}

func TestApplyInvalidKeepsOldVersion(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Apply(testSet(5, "v1"), content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	bad := testSet(5, "v2")
	bad.Events[2].Municipality = "nowhere"
	err := s.Apply(bad, content.Version{Number: 2})
	var problems content.Problems
	if !errors.As(err, &problems) || len(problems) != 1 || problems[0].ID != "e2" || problems[0].Field != "municipality" {
		t.Fatalf("apply of invalid set: %v", err)
	}
	if v, _, _ := s.Version(); v.Number != 1 {
		t.Errorf("version after failed apply = %d, want 1", v.Number)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	_, path := openTemp(t)
	start := time.Now()
	_, err := Open(path, &Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open took %v: the timeout did not apply", time.Since(start))
	}
}

func TestInvalidFileMovedAside(t *testing.T) {
	cases := []struct {
		name  string
		write func(path string) error
	}{
		{"text file", func(p string) error {
			return os.WriteFile(p, []byte("these are not the pages you are looking for\n"), 0o600)
		}},
		{"random bytes", func(p string) error {
			b := make([]byte, 64<<10)
			for i := range b {
				b[i] = byte(i*7 + i/13)
			}
			return os.WriteFile(p, b, 0o600)
		}},
		{"another app's bbolt file", func(p string) error {
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("photos")); return err })
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "motesplats.db")
			if err := c.write(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			s, err := Open(path, nil)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer s.Close()
			r := s.Recovered()
			if r == nil || r.Reason == "" {
				t.Fatalf("Recovered() = %+v, want a report", r)
			}
			moved, err := os.ReadFile(r.MovedTo)
			if err != nil || string(moved) != string(before) {
				t.Errorf("the bad file was not kept unchanged at %s (err %v)", r.MovedTo, err)
			}
			if err := s.Apply(testSet(2, "v1"), content.Version{Number: 1}); err != nil {
				t.Errorf("new store does not work: %v", err)
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s, path := openTemp(t)
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion+1)))
	})
	s.Close()
	_, err := Open(path, nil)
	var se *SchemaError
	if !errors.As(err, &se) || se.Found != SchemaVersion+1 {
		t.Fatalf("open of newer schema: %v, want SchemaError", err)
	}
	if _, statErr := os.Stat(path); statErr != nil {
		t.Errorf("the newer file must stay where it is: %v", statErr)
	}
}

func TestSettingsAndSyncStatus(t *testing.T) {
	s, _ := openTemp(t)
	if _, ok, _ := s.Setting("language"); ok {
		t.Error("unset setting reported as set")
	}
	s.SetSetting("language", "ar")
	if v, ok, _ := s.Setting("language"); !ok || v != "ar" {
		t.Errorf("setting = %q %v", v, ok)
	}
	when := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	s.SetSyncStatus(SyncStatus{Feed: "https://example.org/feed", LastSuccess: when})
	// Settings and status survive a new content version.
	s.Apply(testSet(2, "v1"), content.Version{Number: 1})
	st, _ := s.SyncStatus()
	if !st.LastSuccess.Equal(when) {
		t.Errorf("sync status = %+v", st)
	}
	if v, _, _ := s.Setting("language"); v != "ar" {
		t.Error("setting lost by Apply")
	}
	for range 2 { // the second delete finds nothing and is no error
		if err := s.DeleteSetting("language"); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := s.Setting("language"); ok {
		t.Error("deleted setting still reported as set")
	}
}

// TestPastEventsNewestFirst: the latest occurrences before a time, in
// the whole country or in a kiosk's area with the national ones; events
// e0, e3 are in Örebro, e1, e4 in Åre and e2, e5 national, an hour apart.
func TestPastEventsNewestFirst(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Apply(testSet(6, "v1"), content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	before := time.Date(2030, 1, 1, 13, 30, 0, 0, stockholm)
	tests := []struct {
		name string
		q    EventQuery
		want string
	}{
		{"everywhere", EventQuery{From: before, Limit: 3}, "[e3 e2 e1]"},
		{"no limit", EventQuery{From: before}, "[e3 e2 e1 e0]"},
		{"after them all", EventQuery{From: before.Add(24 * time.Hour), Limit: 2}, "[e5 e4]"},
		{"Örebro", EventQuery{From: before, Municipality: "orebro"}, "[e3 e2 e0]"},
		{"the area", EventQuery{From: before.Add(24 * time.Hour), Among: []string{"are"}, Limit: 3}, "[e5 e4 e2]"},
		{"before any", EventQuery{From: before.Add(-24 * time.Hour), Among: []string{"are"}}, "[]"},
	}
	for _, tt := range tests {
		var ids []string
		err := s.View(func(tx *Tx) error {
			occ, err := tx.PastEvents(tt.q)
			for _, o := range occ {
				ids = append(ids, o.Event.ID)
			}
			return err
		})
		if err != nil || fmt.Sprint(ids) != tt.want {
			t.Errorf("%s: past events = %v (%v), want %s", tt.name, ids, err, tt.want)
		}
	}
}

func TestVerifyFindsContentThatIsNotItsVersion(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Apply(testSet(5, "v1"), content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Verify(); err != nil || v.Number != 1 {
		t.Fatalf("verify of a good store: %v, %v", v, err)
	}
	// Change one item behind the store's back, as a lying disk might.
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(content.KindTopic)).Put([]byte("health"), []byte(`{"id":"health","title":{"sv":"Annat"}}`))
	})
	if _, err := s.Verify(); err == nil || !strings.Contains(err.Error(), "holds content with digest") {
		t.Errorf("verify of a changed store: %v", err)
	}
}

func TestQueriesAmongMunicipalities(t *testing.T) {
	s, _ := openTemp(t)
	set := testSet(30, "v1") // services and events in orebro, are and national, in turn
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	count := func(munis []string, of func(string) string) map[string]int {
		out := map[string]int{}
		for _, m := range munis {
			out[of(m)]++
		}
		return out
	}
	err := s.View(func(tx *Tx) error {
		services, err := tx.Services(ServiceQuery{Among: []string{"orebro"}})
		if err != nil {
			return err
		}
		var got []string
		for _, sv := range services {
			got = append(got, sv.Municipality)
		}
		if c := count(got, func(m string) string { return m }); c["orebro"] != 10 || c[""] != 10 || c["are"] != 0 {
			t.Errorf("services among orebro: %v, want 10 in orebro, 10 national, none in are", c)
		}
		events, err := tx.Events(EventQuery{Among: []string{"orebro", "are"}})
		if err != nil {
			return err
		}
		got = got[:0]
		for i, o := range events {
			got = append(got, o.Event.Municipality)
			if i > 0 && o.Start.Before(events[i-1].Start) {
				t.Errorf("events among two municipalities out of start order at %d", i)
			}
		}
		if c := count(got, func(m string) string { return m }); c["orebro"] != 10 || c["are"] != 10 || c[""] != 10 {
			t.Errorf("events among orebro and are: %v, want 10 each and 10 national", c)
		}
		limited, err := tx.Events(EventQuery{Among: []string{"orebro", "are"}, Limit: 7})
		if err != nil {
			return err
		}
		if len(limited) != 7 || limited[6].Start != events[6].Start {
			t.Errorf("limit 7: %d occurrences, the last at %v; want the first 7 of the whole list", len(limited), limited[len(limited)-1].Start)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMunicipalityNamesPerVersion: the names are read once per content
// version, and a new version's names replace them.
func TestMunicipalityNamesPerVersion(t *testing.T) {
	s, _ := openTemp(t)
	set := testSet(3, "v1")
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	read := func() map[string]content.Text {
		var names map[string]content.Text
		if err := s.View(func(tx *Tx) (err error) { names, err = tx.MunicipalityNames(); return err }); err != nil {
			t.Fatal(err)
		}
		return names
	}
	first := read()
	if len(first) != 2 || first["are"]["sv"] != "Åre" {
		t.Fatalf("names = %v", first)
	}
	if again := read(); reflect.ValueOf(again).Pointer() != reflect.ValueOf(first).Pointer() {
		t.Error("the names were decoded again for the same version")
	}
	set.Municipalities[1].Name = content.Text{"sv": "Åre kommun"}
	if err := s.Apply(set, content.Version{Number: 2}); err != nil {
		t.Fatal(err)
	}
	if got := read()["are"]["sv"]; got != "Åre kommun" {
		t.Errorf("after a new version the name is %q", got)
	}
}

// Generation stays while nothing is written, and changes with every
// write: a new version, a setting.
func TestGenerationChangesWithEveryWrite(t *testing.T) {
	s, _ := openTemp(t)
	gen := func() (g uint64) {
		if err := s.View(func(tx *Tx) error { g = tx.Generation(); return nil }); err != nil {
			t.Fatal(err)
		}
		return g
	}
	if err := s.Apply(testSet(3, "v1"), content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	g1 := gen()
	if again := gen(); again != g1 {
		t.Errorf("generation %d, then %d with no write between", g1, again)
	}
	if err := s.Apply(testSet(3, "v2"), content.Version{Number: 2}); err != nil {
		t.Fatal(err)
	}
	g2 := gen()
	if g2 == g1 {
		t.Errorf("generation %d before and after a new version", g1)
	}
	if err := s.SetSetting("language", "ar"); err != nil {
		t.Fatal(err)
	}
	if g3 := gen(); g3 == g2 {
		t.Errorf("generation %d before and after a setting", g2)
	}
}

// TestProjectEvents: a project's coming and past occurrences come from
// its own index, and a schema 2 file (without that index) gets it when
// it is opened.
func TestProjectEvents(t *testing.T) {
	s, path := openTemp(t)
	set := testSet(6, "v1")
	for _, i := range []int{1, 2, 4} { // e1, e2, e4 are the project's
		set.Events[i].Project = "kias-2"
	}
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2030, 1, 1, 12, 30, 0, 0, stockholm) // after e2, before e3
	check := func(when string) {
		t.Helper()
		var coming, past []string
		err := s.View(func(tx *Tx) error {
			next, err := tx.Events(EventQuery{From: at, Project: "kias-2"})
			for _, o := range next {
				coming = append(coming, o.Event.ID)
			}
			if err != nil {
				return err
			}
			before, err := tx.PastEvents(EventQuery{From: at, Project: "kias-2", Limit: 1})
			for _, o := range before {
				past = append(past, o.Event.ID)
			}
			return err
		})
		if err != nil || fmt.Sprint(coming) != "[e4]" || fmt.Sprint(past) != "[e2]" {
			t.Errorf("%s: coming %v, latest past %v (%v); want [e4] and [e2]", when, coming, past, err)
		}
	}
	check("applied")

	// As a schema 2 file: no project index.
	err := s.db.Update(func(tx *bolt.Tx) error {
		return errors.Join(tx.DeleteBucket(bucketEventsByProj), tx.Bucket(bucketMeta).Put(keySchema, []byte("2")))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("migrated from schema 2")
	if v, err := s.Verify(); err != nil || v.Number != 1 {
		t.Errorf("verify after the migration: %v, %v", v, err)
	}
}

// TestEventsByCategory: a category's events come from their own index,
// the area and the project still apply, the limit counts only what is
// returned, and a schema 3 file (without that index) gets it when it is
// opened.
func TestEventsByCategory(t *testing.T) {
	s, path := openTemp(t)
	set := testSet(16, "v1")
	for i := range set.Events {
		switch i % 4 {
		case 0, 2:
			set.Events[i].Categories = []string{"language"}
		case 1:
			set.Events[i].Categories = []string{"family", "language"}
		}
		if i%3 == 1 {
			set.Events[i].Project = "kias-2"
		}
	}
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2030, 1, 1, 10, 0, 0, 0, stockholm)
	middle := base.Add(8*time.Hour - time.Minute)
	queries := []EventQuery{
		{From: base, Category: "language"},
		{From: base, Category: "language", Limit: 3},
		{From: base, Category: "family", Among: []string{"are"}},
		{From: base, Category: "language", Municipality: "orebro", Limit: 4},
		{From: base, Category: "language", Project: "kias-2"},
		{From: middle, Category: "family"},
	}
	// want is what the query gives when every event is read and picked
	// out by hand: the old way, slow but plainly right.
	want := func(tx *Tx, q EventQuery, past bool) []string {
		var all []Occurrence
		var err error
		if past {
			all, err = tx.PastEvents(EventQuery{From: q.From})
		} else {
			all, err = tx.Events(EventQuery{From: q.From})
		}
		if err != nil {
			t.Fatal(err)
		}
		munis := area(q.Municipality, q.Among)
		var ids []string
		for _, o := range all {
			e := o.Event
			if !slices.Contains(e.Categories, q.Category) || (q.Project != "" && e.Project != q.Project) ||
				(q.Project == "" && len(munis) > 0 && e.Municipality != "" && !slices.Contains(munis, e.Municipality)) {
				continue
			}
			if q.Limit > 0 && len(ids) == q.Limit {
				break
			}
			ids = append(ids, e.ID)
		}
		return ids
	}
	ids := func(occ []Occurrence) (out []string) {
		for _, o := range occ {
			out = append(out, o.Event.ID)
		}
		return out
	}
	check := func(when string) {
		t.Helper()
		err := s.View(func(tx *Tx) error {
			for _, q := range queries {
				next, err := tx.Events(q)
				if err != nil {
					return err
				}
				if got, w := fmt.Sprint(ids(next)), fmt.Sprint(want(tx, q, false)); got != w || got == "[]" {
					t.Errorf("%s: Events(%+v) = %s, want %s (not empty)", when, q, got, w)
				}
				q.From = base.Add(16 * time.Hour)
				before, err := tx.PastEvents(q)
				if err != nil {
					return err
				}
				if got, w := fmt.Sprint(ids(before)), fmt.Sprint(want(tx, q, true)); got != w || got == "[]" {
					t.Errorf("%s: PastEvents(%+v) = %s, want %s (not empty)", when, q, got, w)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check("applied")

	// As a schema 3 file: no category index.
	err := s.db.Update(func(tx *bolt.Tx) error {
		return errors.Join(tx.DeleteBucket(bucketEventsByCat), tx.Bucket(bucketMeta).Put(keySchema, []byte("3")))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path, nil); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("migrated from schema 3")
	if v, err := s.Verify(); err != nil || v.Number != 1 {
		t.Errorf("verify after the migration: %v, %v", v, err)
	}
}
