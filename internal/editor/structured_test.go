package editor

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/source"
)

func decodeFile[T any](t *testing.T, dir string, kind content.Kind, id string) T {
	t.Helper()
	var item T
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(dir, string(kind), id+".json"))), &item); err != nil {
		t.Fatal(err)
	}
	return item
}

func TestWeeklyOpeningHours(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	csrf := csrfOf(t, c.get("/new/services").body)
	form := url.Values{
		"csrf": {csrf}, "id": {"test-service"}, "name.sv": {"Mötesplatsen"}, "name.ar": {"مكان اللقاء"},
		"timeZone": {"Europe/Stockholm"}, "hours.mode": {"weekly"},
		"hours.weekly.mon": {"09:00-12:00, 13:00-16:00"}, "hours.weekly.wed": {"09:00–16:00"},
		"hours.note.sv": {"Stängt i juli"}, "categories": {"help", "integration"}, "municipality": {"orebro"},
		"address.street": {"Storgatan 1"}, "address.city": {"Örebro"}, "geo.lat": {"59,27"}, "geo.lon": {"15.21"},
	}
	if resp := c.post("/save/services", form); resp.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.3000s", resp.status, resp.body)
	}
	s := decodeFile[content.Service](t, dir, content.KindService, "test-service")
	want := []content.TimeSlot{{Opens: "09:00", Closes: "12:00"}, {Opens: "13:00", Closes: "16:00"}}
	if len(s.Hours.Weekly["mon"]) != 2 || s.Hours.Weekly["mon"][0] != want[0] || s.Hours.Weekly["mon"][1] != want[1] {
		t.Errorf("mon = %v", s.Hours.Weekly["mon"])
	}
	if s.Hours.Weekly["wed"][0] != (content.TimeSlot{Opens: "09:00", Closes: "16:00"}) || len(s.Hours.Weekly) != 2 {
		t.Errorf("weekly = %v", s.Hours.Weekly)
	}
	if s.Hours.Note["sv"] != "Stängt i juli" || s.Geo == nil || s.Geo.Lat != 59.27 || s.Address.City != "Örebro" || s.Municipality != "orebro" {
		t.Errorf("saved %+v", s)
	}
	// The form shows the hours as they were typed.
	page := c.get("/edit/services/test-service").body
	if !strings.Contains(page, `value="09:00-12:00, 13:00-16:00"`) {
		t.Error("the edit page does not show Monday's hours")
	}
	// A closing time before the opening time is named by its day.
	f := formOf(t, page, "item")
	f.values.Set("hours.weekly.tue", "17:00-09:00")
	resp := c.post(f.action, f.values)
	if resp.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad hours: %d", resp.status)
	}
	if box := fieldBox(t, resp.body, "hours"); !strings.Contains(box, "weekly.tue[0]: Stänger 09:00, inte efter att det öppnar 17:00") {
		t.Errorf("hours box:\n%s", box)
	}
}

func TestEventTimesInTheirZone(t *testing.T) {
	cases := []struct {
		name, start, preset, until, wantStart, wantRule string
	}{
		{"winter, weekly until a date", "2026-03-03T17:00", "weekly", "2026-06-30", "2026-03-03T17:00:00+01:00", "FREQ=WEEKLY;UNTIL=20260630T235959Z"},
		{"summer, no recurrence", "2026-04-07T17:00", "none", "", "2026-04-07T17:00:00+02:00", ""},
		{"second Tuesday monthly", "2026-04-14T10:00", "monthly", "", "2026-04-14T10:00:00+02:00", "FREQ=MONTHLY;BYDAY=2TU"},
		{"last Friday monthly", "2026-04-24T10:00", "monthly", "", "2026-04-24T10:00:00+02:00", "FREQ=MONTHLY;BYDAY=-1FR"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, fixture)
			_, c := start(t, loopback(dir))
			form := url.Values{
				"csrf": {csrfOf(t, c.get("/new/events").body)}, "id": {"test-event"},
				"title.sv": {"Språkcafé"}, "title.uk": {"Мовне кафе"}, "title.ar": {"مقهى اللغة"}, "title.en": {"Language café"},
				"timeZone": {"Europe/Stockholm"}, "start": {tc.start}, "rrule.preset": {tc.preset}, "rrule.until": {tc.until},
				"attendance": {"offline"}, "place.name.sv": {"Biblioteket"}, "place.address.city": {"Örebro"},
				"project": {"kias-2"},
			}
			if resp := c.post("/save/events", form); resp.status != http.StatusSeeOther {
				t.Fatalf("save: %d\n%.3000s", resp.status, resp.body)
			}
			raw := map[string]any{}
			json.Unmarshal([]byte(mustRead(t, filepath.Join(dir, "events", "test-event.json"))), &raw)
			if raw["start"] != tc.wantStart || getString(raw, "rrule") != tc.wantRule {
				t.Errorf("start %v rule %q, want %s %q", raw["start"], getString(raw, "rrule"), tc.wantStart, tc.wantRule)
			}
			// Opened again, the form shows the same wall-clock time and preset.
			f := formOf(t, c.get("/edit/events/test-event").body, "item")
			if f.values.Get("start") != tc.start || f.values.Get("rrule.preset") != tc.preset || f.values.Get("rrule.until") != tc.until {
				t.Errorf("the form shows start %q preset %q until %q", f.values.Get("start"), f.values.Get("rrule.preset"), f.values.Get("rrule.until"))
			}
		})
	}
}

func TestWeeklyEventKeepsItsHourOverDaylightSaving(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := url.Values{
		"csrf": {csrfOf(t, c.get("/new/events").body)}, "id": {"dst"}, "title.sv": {"Läxhjälp"},
		"timeZone": {"Europe/Stockholm"}, "start": {"2026-03-24T17:00"}, "rrule.preset": {"weekly"}, "rrule.until": {"2026-04-10"},
		"attendance": {"online"}, "onlineUrl": {"https://example.org/mote"},
	}
	if resp := c.post("/save/events", form); resp.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.3000s", resp.status, resp.body)
	}
	e := decodeFile[content.Event](t, dir, content.KindEvent, "dst")
	loc, _ := time.LoadLocation("Europe/Stockholm")
	starts := e.Occurrences(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	if len(starts) != 3 {
		t.Fatalf("occurrences %v", starts)
	}
	for _, s := range starts {
		if s.In(loc).Hour() != 17 {
			t.Errorf("%v is not 17:00 in Stockholm", s)
		}
	}
}

func TestUnknownZoneNamedAtTheTime(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := url.Values{"csrf": {csrfOf(t, c.get("/new/events").body)}, "id": {"x"}, "title.sv": {"X"},
		"timeZone": {"Europe/Stokholm"}, "start": {"2026-03-24T17:00"}, "attendance": {"online"}, "onlineUrl": {"https://example.org"}}
	resp := c.post("/save/events", form)
	if resp.status != http.StatusUnprocessableEntity || !strings.Contains(fieldBox(t, resp.body, "start"), "Europe/Stokholm") {
		t.Errorf("unknown zone: %d", resp.status)
	}
}

// publishAndWait presses Publish and follows the progress page until the
// result is there.
func publishAndWait(t *testing.T, c *client, csrf string) response {
	t.Helper()
	resp := c.post("/publish", url.Values{"csrf": {csrf}})
	if resp.status != http.StatusSeeOther || resp.location != "/publish" {
		t.Fatalf("publish: %d to %q", resp.status, resp.location)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp = c.get("/publish")
		if !strings.Contains(resp.body, `http-equiv="refresh"`) {
			return resp
		}
		if !strings.Contains(resp.body, `class="here"`) {
			t.Fatalf("a running publish shows no step:\n%.2000s", resp.body)
		}
	}
	t.Fatal("the publish did not finish in 30 s")
	return resp
}

func TestPublishBuildsAndSigns(t *testing.T) {
	dir := copyDir(t, fixture)
	keys, out := filepath.Join(t.TempDir(), "keys"), t.TempDir()
	now := time.Now()
	if err := feed.InitKeys(keys, 1, 1, feed.DefaultExpiries.Root, now); err != nil {
		t.Fatal(err)
	}
	_, c := start(t, Options{Content: dir, Loopback: true, Keys: keys, Out: out})
	csrf := csrfOf(t, c.get("/").body) // the Publish button's form
	resp := publishAndWait(t, c, csrf)
	if resp.status != http.StatusOK || !strings.Contains(resp.body, "version 1") {
		t.Fatalf("publish: %d\n%.3000s", resp.status, resp.body)
	}
	for _, step := range []string{"Validerar ✓", "Bygger ✓", "Signerar och skriver ✓", "Klart ✓"} {
		if !strings.Contains(resp.body, step) {
			t.Errorf("the result page lacks the step %q", step)
		}
	}
	set, err := feed.Verify(filepath.Join(keys, feed.RootFile), out, now)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := source.ReadDir(dir)
	if set.Len() != want.Len() {
		t.Errorf("the feed holds %d items, the folder %d", set.Len(), want.Len())
	}
	// The first version adds every item; its delta is every shard.
	shardBytes := folderBytes(t, filepath.Join(out, feed.TargetsDir))
	if got := elementText(t, resp.body, "delta"); got != strconv.FormatInt(shardBytes, 10) {
		t.Errorf("delta %s bytes, the shards hold %d", got, shardBytes)
	}
	if got := changeRow(t, resp.body, "topics"); got != fmt.Sprintf("Ämnen %d 0 0", len(want.Topics)) {
		t.Errorf("first version, topics row %q", got)
	}

	// One article changed, one removed, one added: the next version says so.
	os.Remove(filepath.Join(dir, "articles", "health-care.json"))
	edited := filepath.Join(dir, "articles", "emergency-112.json")
	text := mustRead(t, edited)
	os.WriteFile(edited, []byte(strings.Replace(text, "Ring 112", "Ring alltid 112", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, "articles", "zz-new.json"), []byte(strings.Replace(text, `"id": "emergency-112"`, `"id": "zz-new"`, 1)), 0o644)
	resp = publishAndWait(t, c, csrf)
	if got := changeRow(t, resp.body, "articles"); got != "Artiklar 1 1 1" {
		t.Errorf("second version, articles row %q\n%.3000s", got, resp.body)
	}
	if changeRow(t, resp.body, "topics") != "" {
		t.Error("unchanged topics are listed as changed")
	}
	if d, _ := strconv.Atoi(elementText(t, resp.body, "delta")); d <= 0 || int64(d) >= shardBytes {
		t.Errorf("second version's delta %d bytes (all shards: %d)", d, shardBytes)
	}

	// A broken folder publishes nothing and says why.
	timestamp := filepath.Join(out, feed.MetadataDir, "timestamp.json")
	before := mustRead(t, timestamp)
	os.WriteFile(filepath.Join(dir, "topics", "broken.json"), []byte(`{"id": "broken"}`), 0o644)
	resp = publishAndWait(t, c, csrf)
	if resp.status != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "topics/broken.json: title: Måste fyllas i på minst ett språk.") {
		t.Errorf("publishing a broken folder: %d\n%.2000s", resp.status, resp.body)
	}
	if mustRead(t, timestamp) != before {
		t.Error("a refused publish signed a new timestamp")
	}
}

// folderBytes is the size of the files under dir.
func folderBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// elementText is the text of the element with an id ("" without one).
func elementText(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + id + `">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// changeRow is the publish page's row of changes for a kind, its cells'
// text joined by spaces ("" when the kind did not change).
func changeRow(t *testing.T, page, kind string) string {
	t.Helper()
	m := regexp.MustCompile(`<tr data-kind="` + kind + `">(.*?)</tr>`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	cells := regexp.MustCompile(`<td>([^<]*)</td>`).FindAllStringSubmatch(m[1], -1)
	var out []string
	for _, c := range cells {
		out = append(out, c[1])
	}
	return strings.Join(out, " ")
}

func TestKioskPreview(t *testing.T) {
	dir := copyDir(t, fixture)
	bin := t.TempDir()
	// A stand-in kiosk program: it writes down how it was called.
	called := filepath.Join(bin, "called")
	script := "#!/bin/sh\necho \"$@\" > " + called + ".tmp && mv " + called + ".tmp " + called + "\n"
	if err := os.WriteFile(filepath.Join(bin, "kiosk-test"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		program, want string
	}{
		{"no-such-kiosk-program", "Kioskprogrammet no-such-kiosk-program är inte installerat"},
		{filepath.Join(bin, "kiosk-test"), "Startade " + filepath.Join(bin, "kiosk-test") + " load --content " + dir},
	} {
		_, c := start(t, Options{Content: dir, Loopback: true, Kiosk: tc.program})
		resp := c.post("/kiosk-preview", url.Values{"csrf": {csrfOf(t, c.get("/").body)}})
		if resp.status != http.StatusOK || !strings.Contains(resp.body, tc.want) {
			t.Errorf("%s: %d\n%.2000s", tc.program, resp.status, resp.body)
		}
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got, err := os.ReadFile(called); err == nil {
			if string(got) != "load --content "+dir+"\n" {
				t.Errorf("the kiosk program was called with %q", got)
			}
			return
		}
	}
	t.Error("the kiosk program did not run")
}
