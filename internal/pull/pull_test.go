package pull

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

const calendarType = "text/calendar; charset=utf-8"

// newContent copies the hand-written test content into a fresh folder and
// returns it with its files, to check later that none was touched.
func newContent(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	hand := map[string][]byte{}
	err := filepath.WalkDir("testdata/content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/content", p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		hand[filepath.ToSlash(rel)] = data
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, hand
}

// checkHandWritten fails when a hand-written file changed or went.
func checkHandWritten(t *testing.T, dir string, hand map[string][]byte) {
	t.Helper()
	for f, want := range hand {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || string(got) != string(want) {
			t.Errorf("hand-written %s was touched (err %v)", f, err)
		}
	}
}

// pullOnce runs a pull with short waits between attempts.
func pullOnce(t *testing.T, dir, sources string) *Summary {
	t.Helper()
	cfg, err := ParseConfig("sources.toml", sources)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), cfg, dir, Options{
		Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Now: func() time.Time { return time.Date(2027, 2, 1, 6, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	// Whatever happened, the folder reads as build reads it.
	if _, err := source.ReadDir(dir); err != nil {
		t.Fatalf("the content folder does not read after the pull: %v", err)
	}
	return sum
}

func itemFiles(t *testing.T, dir string, kind content.Kind) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, string(kind)))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}

func manifestOf(t *testing.T, dir, id string) *Manifest {
	t.Helper()
	m, err := loadManifest(dir, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func checkCounts(t *testing.T, r Result, status string, created, changed, removed, kept int) {
	t.Helper()
	if r.Status != status || r.New != created || r.Changed != changed || r.Removed != removed || r.Kept != kept {
		t.Errorf("%s: got %s new %d changed %d removed %d kept %d (error %q); want %s %d %d %d %d",
			r.Source, r.Status, r.New, r.Changed, r.Removed, r.Kept, r.Error, status, created, changed, removed, kept)
	}
}

func calendarSources(url string) string {
	return `timeout = "2s"
attempts = 2
[[source]]
id = "kalender"
kind = "ical"
url = "` + url + `/kalender.ics"
language = "sv"
municipality = "orebro"
project = "exempelprojekt"
`
}

// TestPullCalendarThatChanges pulls a calendar three times: new items
// with their provenance, then a changed, a removed and a new event, then
// a 304 that changes nothing. The event whose id a hand-written file
// already has is never written.
func TestPullCalendarThatChanges(t *testing.T) {
	srv := newSite(t)
	dir, hand := newContent(t)
	srv.setFile(t, "/kalender.ics", "testdata/calendar-1.ics", calendarType)

	sum := pullOnce(t, dir, calendarSources(srv.URL))
	r := sum.Sources[0]
	checkCounts(t, r, StatusUpdated, 2, 0, 0, 0)
	if !slices.Equal(r.Conflicts, []string{"events/konflikt-example-org.json"}) {
		t.Errorf("conflicts = %v, want the hand-written event's file", r.Conflicts)
	}
	want := []string{"handskrivet-mote", "konflikt-example-org", "laxhjalp-example-org", "sprakcafe-example-org"}
	if got := itemFiles(t, dir, content.KindEvent); !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	checkHandWritten(t, dir, hand)

	m := manifestOf(t, dir, "kalender")
	if len(m.Items) != 2 || m.Fetched.IsZero() || m.Origin != srv.URL+"/kalender.ics" || m.Error != "" {
		t.Fatalf("manifest = %+v", m)
	}
	for _, o := range m.Items {
		data, err := os.ReadFile(filepath.Join(dir, o.File))
		if err != nil || sha(data) != o.SHA256 {
			t.Errorf("%s: the manifest's hash does not match the file", o.File)
		}
		if !strings.Contains(o.Record, "UID") || !o.Fetched.Equal(time.Date(2027, 2, 1, 6, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: provenance %+v lacks the UID or the fetched-at time", o.File, o)
		}
	}
	set, _ := source.ReadDir(dir)
	for _, e := range set.Events {
		if e.ID == "sprakcafe-example-org" && (e.Municipality != "orebro" || e.Project != "exempelprojekt") {
			t.Errorf("the source's municipality and project were not set: %+v", e)
		}
	}

	// The calendar changes: one event moved, one gone, one new.
	srv.setFile(t, "/kalender.ics", "testdata/calendar-2.ics", calendarType)
	r = pullOnce(t, dir, calendarSources(srv.URL)).Sources[0]
	checkCounts(t, r, StatusUpdated, 1, 1, 1, 0)
	want = []string{"handskrivet-mote", "konflikt-example-org", "promenad-example-org", "sprakcafe-example-org"}
	if got := itemFiles(t, dir, content.KindEvent); !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "events", "sprakcafe-example-org.json"))
	if !strings.Contains(string(data), "2027-03-02T17:00:00+01:00") {
		t.Errorf("the moved event was not rewritten:\n%s", data)
	}
	_, conditionalBefore := srv.count("/kalender.ics")

	// Nothing changed: the server answers 304 and nothing is written.
	before := manifestOf(t, dir, "kalender")
	r = pullOnce(t, dir, calendarSources(srv.URL)).Sources[0]
	checkCounts(t, r, StatusNotModified, 0, 0, 0, 2)
	if _, conditional := srv.count("/kalender.ics"); conditional != conditionalBefore+1 {
		t.Errorf("the third pull did not ask conditionally")
	}
	after := manifestOf(t, dir, "kalender")
	if !slices.Equal(before.Items, after.Items) {
		t.Errorf("a 304 changed the manifest's items:\n%+v\n%+v", before.Items, after.Items)
	}
	checkHandWritten(t, dir, hand)
}

// TestPullFailuresKeepLastGood gets a good calendar, then answers that
// are each no good: the source fails, its items stay as they were, and
// the next good answer is used again.
func TestPullFailuresKeepLastGood(t *testing.T) {
	good, err := os.ReadFile("testdata/calendar-1.ics")
	if err != nil {
		t.Fatal(err)
	}
	newer, _ := os.ReadFile("testdata/calendar-2.ics")
	for _, tc := range []struct {
		name     string
		reply    reply
		attempts int // requests the pull should make
		want     string
	}{
		{"server error", reply{status: 500, body: "oops"}, 2, "500 Internal Server Error (2 attempts)"},
		{"not found", reply{status: 404, body: "gone"}, 1, "404 Not Found"},
		{"HTML instead of a calendar", reply{body: "<!DOCTYPE html><html><body>Logga in</body></html>", ctype: "text/html"}, 1, "HTML page"},
		{"HTML without a content type", reply{body: "<html><head></head><body>Fel</body></html>"}, 1, "HTML page"},
		{"cut-off calendar", reply{body: string(newer[:len(newer)/2]), ctype: calendarType}, 1, "cut off"},
		{"broken connection", reply{body: string(newer[:200]), cut: true}, 2, "broke off"},
		{"not a calendar", reply{body: "{\"events\": []}"}, 1, "not an iCalendar"},
		{"stalls", reply{stall: true}, 2, "deadline of 300ms"},
		{"over the size cap", reply{body: "BEGIN:VCALENDAR\r\n" + strings.Repeat("X-FILL:0123456789\r\n", 60000) + "END:VCALENDAR\r\n"}, 1, "more than the cap of 1048576 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newSite(t)
			dir, hand := newContent(t)
			srv.set("/kalender.ics", reply{body: string(good), ctype: calendarType})
			sources := strings.Replace(calendarSources(srv.URL), `timeout = "2s"`, "timeout = \"300ms\"\nmax_mb = 1", 1)
			if r := pullOnce(t, dir, sources).Sources[0]; r.Status != StatusUpdated {
				t.Fatalf("the first pull: %+v", r)
			}
			lastGood := snapshot(t, dir)
			manifestBefore := manifestOf(t, dir, "kalender")

			srv.set("/kalender.ics", tc.reply)
			hitsBefore, _ := srv.count("/kalender.ics")
			begin := time.Now()
			r := pullOnce(t, dir, sources).Sources[0]
			took := time.Since(begin)
			checkCounts(t, r, StatusFailed, 0, 0, 0, 2)
			if !strings.Contains(r.Error, tc.want) {
				t.Errorf("error %q does not say %q", r.Error, tc.want)
			}
			if hits, _ := srv.count("/kalender.ics"); hits-hitsBefore != tc.attempts {
				t.Errorf("%d requests, want %d", hits-hitsBefore, tc.attempts)
			}
			if took > 3*time.Second {
				t.Errorf("the pull took %v: the deadline did not hold", took)
			}
			if got := snapshot(t, dir); !equalFiles(got, lastGood) {
				t.Errorf("a failed pull changed the content folder")
			}
			m := manifestOf(t, dir, "kalender")
			if m.Error == "" || !slices.Equal(m.Items, manifestBefore.Items) || !m.Fetched.Equal(manifestBefore.Fetched) {
				t.Errorf("the manifest after a failure: %+v", m)
			}
			checkHandWritten(t, dir, hand)

			// Good again: the new calendar is used.
			srv.set("/kalender.ics", reply{body: string(newer), ctype: calendarType})
			checkCounts(t, pullOnce(t, dir, sources).Sources[0], StatusUpdated, 1, 1, 1, 0)
		})
	}
}

// snapshot reads every item file of a content folder.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := readFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for f, data := range a {
		if string(b[f]) != string(data) {
			return false
		}
	}
	return true
}

func hsdsSources(url string) string {
	return `[[source]]
id = "tjanster"
kind = "hsds"
url = "` + url + `/hsds"
language = "sv"
per_page = 2
attempts = 1
[source.municipalities]
"Örebro" = "orebro"
`
}

const hsdsPage1 = "/hsds/services?full=true&page=1&per_page=2"
const hsdsPage2 = "/hsds/services?full=true&page=2&per_page=2"

// TestPullHSDSPages follows an HSDS API's pages; a missing page keeps
// the last good services, and a service gone from a complete answer is
// removed.
func TestPullHSDSPages(t *testing.T) {
	srv := newSite(t)
	dir, hand := newContent(t)
	sources := strings.Replace(hsdsSources(srv.URL), "attempts = 1\n", "", 1)
	sources = "attempts = 1\n" + sources
	srv.setFile(t, hsdsPage1, "testdata/hsds/page-1.json", "application/json")
	srv.setFile(t, hsdsPage2, "testdata/hsds/page-2.json", "application/json")

	r := pullOnce(t, dir, sources).Sources[0]
	// svc-3 is in Exempelby, which the content folder has no municipality for.
	checkCounts(t, r, StatusUpdated, 2, 0, 0, 0)
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], `municipality "exempelby" is not in the content folder`) {
		t.Errorf("notes = %q", r.Notes)
	}
	want := []string{"handskriven-tjanst", "svc-1", "svc-2"}
	if got := itemFiles(t, dir, content.KindService); !slices.Equal(got, want) {
		t.Errorf("services = %v, want %v", got, want)
	}
	if hits, _ := srv.count(hsdsPage2); hits != 1 {
		t.Errorf("page 2 was fetched %d times", hits)
	}
	if _, err := os.Stat(filepath.Join(dir, "municipalities", "exempelby.json")); err == nil {
		t.Error("a pull wrote a municipality")
	}

	// svc-2 is gone from page 1, but page 2 fails: nothing is removed.
	srv.set(hsdsPage1, reply{body: mustRead(t, "testdata/hsds/page-1-without-svc-2.json")})
	srv.set(hsdsPage2, reply{status: 500})
	r = pullOnce(t, dir, sources).Sources[0]
	checkCounts(t, r, StatusFailed, 0, 0, 0, 2)
	if got := itemFiles(t, dir, content.KindService); !slices.Equal(got, want) {
		t.Errorf("after an incomplete answer services = %v, want %v", got, want)
	}

	// Page 1 says there are 3 records but the pages hold 2: incomplete.
	srv.setFile(t, hsdsPage1, "testdata/hsds/page-1.json", "application/json")
	srv.set(hsdsPage2, reply{body: `{"total_items": 3, "total_pages": 2, "page_number": 2, "last_page": true, "contents": []}`})
	r = pullOnce(t, dir, sources).Sources[0]
	if r.Status != StatusFailed || !strings.Contains(r.Error, "total_items says 3") {
		t.Errorf("a short answer: %+v", r)
	}

	// A complete answer without svc-2 (now on one page) removes it.
	srv.set(hsdsPage1, reply{body: mustRead(t, "testdata/hsds/after-removal.json")})
	r = pullOnce(t, dir, sources).Sources[0]
	checkCounts(t, r, StatusUpdated, 0, 0, 1, 1)
	want = []string{"handskriven-tjanst", "svc-1"}
	if got := itemFiles(t, dir, content.KindService); !slices.Equal(got, want) {
		t.Errorf("services = %v, want %v", got, want)
	}
	checkHandWritten(t, dir, hand)
}

func mustRead(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPullIntegreatTwoLanguages fetches a region's three endpoints in two
// languages; each item has both languages' texts.
func TestPullIntegreatTwoLanguages(t *testing.T) {
	srv := newSite(t)
	dir, hand := newContent(t)
	for _, lang := range []string{"sv", "en"} {
		base := "/api/v3/exempelstad/" + lang + "/"
		srv.setFile(t, base+"pages/", "testdata/integreat/"+lang+"/pages.json", "application/json")
		srv.setFile(t, base+"events/?combine_recurring=True", "testdata/integreat/"+lang+"/events.json", "application/json")
		srv.setFile(t, base+"locations/", "testdata/integreat/"+lang+"/locations.json", "application/json")
	}
	sources := `[[source]]
id = "integreat-exempelstad"
kind = "integreat"
base_url = "` + srv.URL + `/"
region = "exempelstad"
languages = ["sv", "en"]
municipality = "orebro"
`
	r := pullOnce(t, dir, sources).Sources[0]
	// A topic, two articles (the top page's own text and its sub-page),
	// an event and a service.
	checkCounts(t, r, StatusUpdated, 5, 0, 0, 0)
	set, err := source.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pulled int
	for _, a := range set.Articles {
		pulled++
		if a.Title[content.Swedish] == "" || a.Title[content.English] == "" || a.Municipality != "orebro" {
			t.Errorf("article %s: %+v", a.ID, a.Title)
		}
	}
	for _, e := range set.Events {
		if strings.HasPrefix(e.ID, "integreat-") {
			pulled++
			if e.Title[content.Swedish] != "Språkcafé (exempel)" || e.Title[content.English] != "Language café (example)" {
				t.Errorf("event %s: %+v", e.ID, e.Title)
			}
		}
	}
	if pulled != 3 {
		t.Errorf("%d pulled articles and events, want 3", pulled)
	}
	for _, o := range manifestOf(t, dir, "integreat-exempelstad").Items {
		if !strings.Contains(o.Record, "(id ") {
			t.Errorf("%s: record %q does not name the Integreat id", o.File, o.Record)
		}
	}
	// The second pull: every endpoint answers 304.
	r = pullOnce(t, dir, sources).Sources[0]
	checkCounts(t, r, StatusNotModified, 0, 0, 0, 5)
	if _, c := srv.count("/api/v3/exempelstad/en/locations/"); c != 1 {
		t.Errorf("locations in en were asked conditionally %d times, want 1", c)
	}
	lastGood := snapshot(t, dir)

	// One endpoint of one language answers garbage: the region fails as a
	// whole and keeps its items.
	for _, bad := range []struct{ body, want string }{
		{"<html><body>Wartungsarbeiten</body></html>", "HTML page"},
		{`[{"id": 6001, "title": "The example lib`, "cut off or broken"},
		{`{"detail": "Not found."}`, "not a JSON list"},
	} {
		srv.set("/api/v3/exempelstad/en/locations/", reply{body: bad.body, ctype: "application/json"})
		r = pullOnce(t, dir, sources).Sources[0]
		checkCounts(t, r, StatusFailed, 0, 0, 0, 5)
		if !strings.Contains(r.Error, bad.want) || !strings.Contains(r.Error, "/en/locations/") {
			t.Errorf("error %q does not say %q about en/locations", r.Error, bad.want)
		}
		if !equalFiles(snapshot(t, dir), lastGood) {
			t.Errorf("%s: a failed pull changed the content folder", bad.want)
		}
	}
	checkHandWritten(t, dir, hand)
}

// TestPullHandEditedFileIsReleased: a pulled file edited by hand is not
// written over; it counts as hand-written from then on.
func TestPullHandEditedFileIsReleased(t *testing.T) {
	srv := newSite(t)
	dir, _ := newContent(t)
	srv.setFile(t, "/kalender.ics", "testdata/calendar-1.ics", calendarType)
	pullOnce(t, dir, calendarSources(srv.URL))
	edited := filepath.Join(dir, "events", "sprakcafe-example-org.json")
	data, _ := os.ReadFile(edited)
	data = []byte(strings.Replace(string(data), "Språkcafé (exempel)", "Språkcafé, rättat för hand (exempel)", 1))
	if err := os.WriteFile(edited, data, 0o644); err != nil {
		t.Fatal(err)
	}
	srv.setFile(t, "/kalender.ics", "testdata/calendar-2.ics", calendarType)
	r := pullOnce(t, dir, calendarSources(srv.URL)).Sources[0]
	if !slices.Equal(r.Released, []string{"events/sprakcafe-example-org.json"}) || !slices.Contains(r.Conflicts, "events/sprakcafe-example-org.json") {
		t.Errorf("released %v, conflicts %v", r.Released, r.Conflicts)
	}
	if got, _ := os.ReadFile(edited); string(got) != string(data) {
		t.Error("the hand-edited file was written over")
	}
	for _, o := range manifestOf(t, dir, "kalender").Items {
		if o.File == "events/sprakcafe-example-org.json" {
			t.Error("the manifest still owns the hand-edited file")
		}
	}
}

// TestPullEmptyAnswerIsAFault: a calendar that suddenly has no events is
// taken as a fault unless allow_empty says the source may be empty.
func TestPullEmptyAnswerIsAFault(t *testing.T) {
	srv := newSite(t)
	dir, _ := newContent(t)
	srv.setFile(t, "/kalender.ics", "testdata/calendar-1.ics", calendarType)
	pullOnce(t, dir, calendarSources(srv.URL))
	srv.set("/kalender.ics", reply{body: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"})
	r := pullOnce(t, dir, calendarSources(srv.URL)).Sources[0]
	if r.Status != StatusFailed || !strings.Contains(r.Error, "no items") {
		t.Errorf("an empty calendar: %+v", r)
	}
	r = pullOnce(t, dir, calendarSources(srv.URL)+"allow_empty = true\n").Sources[0]
	checkCounts(t, r, StatusUpdated, 0, 0, 2, 0)
}

// TestPullInterruptedCommit: a manifest left pending by a pull cut off
// while writing owns every file it listed, so the next pull mends them.
func TestPullInterruptedCommit(t *testing.T) {
	srv := newSite(t)
	dir, hand := newContent(t)
	srv.setFile(t, "/kalender.ics", "testdata/calendar-1.ics", calendarType)
	pullOnce(t, dir, calendarSources(srv.URL))
	m := manifestOf(t, dir, "kalender")
	// As if cut off after claiming promenad and writing half of it.
	m.Pending = true
	m.Items = append(m.Items, Owned{File: "events/promenad-example-org.json", SHA256: "not-yet"})
	if err := saveManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "events", "promenad-example-org.json"), []byte(`{"id": "promenad-example-org", "title": {"sv": "x"}, "start": "2027-03-06T10:00:00+01:00", "timeZone": "Europe/Stockholm", "attendance": "online", "onlineUrl": "https://example.org"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.setFile(t, "/kalender.ics", "testdata/calendar-2.ics", calendarType)
	r := pullOnce(t, dir, calendarSources(srv.URL)).Sources[0]
	if r.Status != StatusUpdated || len(r.Conflicts) != 1 || r.Changed != 2 || r.Removed != 1 {
		t.Errorf("after an interrupted pull: %+v", r)
	}
	if m := manifestOf(t, dir, "kalender"); m.Pending || len(m.Items) != 2 {
		t.Errorf("manifest: %+v", m)
	}
	checkHandWritten(t, dir, hand)
}

// TestPullKeepsTheManifestReadable: the manifest is JSON a person can read.
func TestPullManifestIsJSON(t *testing.T) {
	srv := newSite(t)
	dir, _ := newContent(t)
	srv.setFile(t, "/kalender.ics", "testdata/calendar-1.ics", calendarType)
	pullOnce(t, dir, calendarSources(srv.URL))
	data, err := os.ReadFile(filepath.Join(dir, StateDir, "kalender.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"source", "kind", "origin", "checked", "fetched", "http", "items"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("the manifest lacks %q:\n%s", k, data)
		}
	}
}

// TestPullNeedsAContentFolder: a folder that is not a content folder, or
// one that does not read cleanly, stops the pull before any request.
func TestPullNeedsAContentFolder(t *testing.T) {
	srv := newSite(t)
	cfg, err := ParseConfig("sources.toml", calendarSources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	broken, _ := newContent(t)
	os.WriteFile(filepath.Join(broken, "events", "trasig.json"), []byte(`{"id": "trasig"`), 0o644)
	for dir, want := range map[string]string{
		t.TempDir():                 "none of the folders of a content folder",
		filepath.Join(broken, "no"): "must exist",
		broken:                      "events/trasig.json: line 1",
	} {
		if _, err := Run(context.Background(), cfg, dir, Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", dir, err, want)
		}
	}
	if hits, _ := srv.count("/kalender.ics"); hits != 0 {
		t.Errorf("%d requests were made", hits)
	}
}
