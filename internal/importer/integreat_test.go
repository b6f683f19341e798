package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/motesplats/motesplats/internal/content"
)

const regionDump = "testdata/integreat-region"

// TestIntegreatRegion imports the five-language dump of the fictional
// region (generate.py): the page tree, every HTML construct, events
// without ids, location categories and organisations.
func TestIntegreatRegion(t *testing.T) {
	set, rep, err := Integreat(regionDump, IntegreatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 5 articles, 3 events, 2 services; skipped: the record with a text
	// id, the German-only page, the empty page without sub-pages.
	checkSet(t, set, rep, 10, 3)
	for _, p := range []struct {
		record, msg string
		skipped     bool
	}{
		{"en/pages.json[7]", "expected int64", true},
		{"de/pages.json[6] (id 1006)", "is only in de", true},
		{"en/pages.json[6] (id 2007)", "has no content and no sub-pages", true},
		{"sv/locations.json[1] (id 3801)", "latitude 100, longitude 101 is not a position on earth", false},
	} {
		if !hasProblem(rep, p.record, p.msg, p.skipped) {
			t.Errorf("no problem %q about %s:\n%s", p.msg, p.record, rep.Summary())
		}
	}

	// Top-level pages are topics; their excerpt is the summary.
	var topics []string
	for _, tp := range set.Topics {
		topics = append(topics, tp.ID+"="+tp.Title["en"]+"/"+tp.Summary["sv"])
	}
	wantTopics := []string{"integreat-topic-1000=Arriving in Exempelstad/Den första informationen.", "integreat-topic-1004=Health/Läkare och nödfall."}
	if !reflect.DeepEqual(topics, wantTopics) {
		t.Errorf("topics:\n got %q\nwant %q", topics, wantTopics)
	}
	// Sub-pages follow in tree order, depth first; ids are the German
	// (source language) ids, though German is not kept.
	var articles []string
	for _, a := range set.Articles {
		articles = append(articles, a.Topic+"#"+itoa(a.Order)+" "+a.ID+" "+a.Title["en"])
	}
	wantArticles := []string{
		"integreat-topic-1000#0 integreat-page-1000 Arriving in Exempelstad",
		"integreat-topic-1000#1 integreat-page-1001 First steps",
		"integreat-topic-1000#2 integreat-page-1002 Work & training",
		"integreat-topic-1000#3 integreat-page-1003 Job centre",
		"integreat-topic-1004#0 integreat-page-1005 Doctors",
	}
	if !reflect.DeepEqual(articles, wantArticles) {
		t.Errorf("articles:\n got %q\nwant %q", articles, wantArticles)
	}
	byID := map[string]content.Article{}
	for _, a := range set.Articles {
		byID[a.ID] = a
	}
	if s := byID["integreat-page-1001"].Summary; s["en"] != "What you do first." || s["ar"] != "ما تفعله أولاً." {
		t.Errorf("excerpt as summary: %v", s)
	}
	if tt := byID["integreat-page-1002"].Title; tt["sv"] != "Arbete & utbildning" || tt["uk"] != "Робота & навчання" {
		t.Errorf("entity in title: %v", tt)
	}
	for _, c := range []struct{ page, lang, construct, want string }{
		{"integreat-page-1000", "en", "<br> as hard breaks", "The citizens' office:\\\nExempelgatan 5\\\n702 10 Exempelstad\n\nPhone: 070-1740641"},
		{"integreat-page-1000", "ar", "right-to-left text with breaks", "مكتب المواطنين:\\\nExempelgatan 5"},
		{"integreat-page-1001", "en", "ordered list", "1. Register\n2. Open an account\n3. Find a course"},
		{"integreat-page-1001", "sv", "nested list", "- Papper\n  - Pass\n  - Hyreskontrakt\n- Tider"},
		{"integreat-page-1001", "uk", "link inside strong", "**Консультація: [записатися онлайн](https://beratung.example.org/)** або зателефонувати."},
		{"integreat-page-1001", "en", "table", "- Day: Monday; Time: 9–12\n- Day: Thursday; Time: 13–16"},
		{"integreat-page-1002", "en", "unclosed a: the rest is kept", "Start [job portal](https://arbeit.example.org/)\n\n## Advice\n\nWrite to info_beratung@example.org."},
		{"integreat-page-1002", "sv", "no needless escapes", "1\\. januari: kontoret stängt. 5 * 3 tider [1]."},
		{"integreat-page-1005", "en", "bold", "In an emergency: **112**."},
	} {
		if body := byID[c.page].Body[content.Lang(c.lang)]; !strings.Contains(body, c.want) {
			t.Errorf("%s (%s %s): body\n%s\nlacks\n%s", c.construct, c.page, c.lang, body, c.want)
		}
	}

	// Events without ids stay apart, named after their German path.
	var evIDs []string
	for _, e := range set.Events {
		evIDs = append(evIDs, e.ID)
	}
	sort.Strings(evIDs)
	wantEv := []string{"integreat-event-1502", "integreat-event-cafe-de-c9e88c7f", "integreat-event-walk-de-8f17861e"}
	if !reflect.DeepEqual(evIDs, wantEv) {
		t.Errorf("events %q, want %q", evIDs, wantEv)
	}
	for _, e := range set.Events {
		if e.Title["sv"] == "" || e.Title["en"] == "" {
			t.Errorf("event %s lost a translation: %v", e.ID, e.Title)
		}
	}

	svc := services(set)
	advice := svc["integreat-location-1800"]
	if !reflect.DeepEqual(advice.Categories, []string{"help"}) || advice.Organisation["uk"] != "Exempelverein" ||
		advice.Website != "https://verein.example.org" || advice.Geo == nil {
		t.Errorf("advice centre: category %v, organisation %v, website %q, geo %v", advice.Categories, advice.Organisation, advice.Website, advice.Geo)
	}
	meeting := svc["integreat-location-1801"]
	if meeting.Geo != nil || !reflect.DeepEqual(meeting.Categories, []string{"leisure"}) || meeting.Address == nil {
		t.Errorf("meeting point (bad position dropped, the rest kept): %+v", meeting)
	}
}

// copyLangs copies some language folders of the region dump.
func copyLangs(t *testing.T, langs ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, l := range langs {
		files, _ := filepath.Glob(filepath.Join(regionDump, l, "*.json"))
		if err := os.MkdirAll(filepath.Join(dir, l), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, l, filepath.Base(f)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func allIDs(set *content.Set) []string {
	var out []string
	for _, k := range []content.Kind{content.KindTopic, content.KindArticle, content.KindEvent, content.KindService} {
		for _, id := range set.IDs(k) {
			out = append(out, string(k)+"/"+id)
		}
	}
	sort.Strings(out)
	return out
}

// TestIntegreatIDsStable: the same region dumped with different language
// folders gives the same ids, so a re-import replaces, never duplicates.
func TestIntegreatIDsStable(t *testing.T) {
	var first []string
	for _, langs := range [][]string{{"en"}, {"de", "en"}, {"sv", "ar"}, {"de", "en", "sv", "uk", "ar"}} {
		set, _, err := Integreat(copyLangs(t, langs...), IntegreatOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ids := allIDs(set)
		if first == nil {
			first = ids
			if len(ids) < 10 {
				t.Fatalf("en alone gives only %v", ids)
			}
			continue
		}
		// Every item of the en-only import keeps its id; other languages
		// may add items that have no English translation.
		have := map[string]bool{}
		for _, id := range ids {
			have[id] = true
		}
		for _, id := range first {
			if !have[id] {
				t.Errorf("%v: %s from the en-only import is gone (ids %v)", langs, id, ids)
			}
		}
	}
}

func TestIntegreatMunicipality(t *testing.T) {
	set, _, err := Integreat(regionDump, IntegreatOptions{Municipality: "exempelstad"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Municipalities) != 0 {
		t.Errorf("municipalities derived although one was given: %+v", set.Municipalities)
	}
	for _, a := range set.Articles {
		if a.Municipality != "exempelstad" {
			t.Errorf("article %s municipality %q", a.ID, a.Municipality)
		}
	}
	for _, e := range set.Events {
		if e.Municipality != "exempelstad" {
			t.Errorf("event %s municipality %q", e.ID, e.Municipality)
		}
	}
	for _, s := range set.Services {
		if s.Municipality != "exempelstad" {
			t.Errorf("service %s municipality %q", s.ID, s.Municipality)
		}
	}
	if _, _, err := Integreat(regionDump, IntegreatOptions{Municipality: "Exempel Stad"}); err == nil || !strings.Contains(err.Error(), "not an id") {
		t.Errorf("bad municipality id: err = %v", err)
	}
}

// TestIntegreatTree: parents found by path or id, orphans and loops filed
// under "imported", grouping pages without content keep their sub-pages.
func TestIntegreatTree(t *testing.T) {
	page := func(id int, parentID int, parentPath, title, body string) string {
		return `{"id": ` + itoa(id) + `, "path": "/r/sv/p` + itoa(id) + `/", "url": "https://integreat.example.org/r/sv/p` + itoa(id) + `/", "title": "` + title +
			`", "content": "` + body + `", "order": ` + itoa(id) + `, "parent": {"id": ` + itoa(parentID) + `, "path": ` + parentPath + `}}`
	}
	pages := "[" + strings.Join([]string{
		page(1, 0, "null", "Rot", ""),
		page(2, 1, `"/r/sv/p1/"`, "Grupp", ""),
		page(3, 2, "null", "Blad", "<p>text</p>"),
		page(4, 99, "null", "Föräldralös", "<p>text</p>"),
		page(5, 6, "null", "Slinga A", "<p>a</p>"),
		page(6, 5, "null", "Slinga B", "<p>b</p>"),
	}, ",") + "]"
	set, rep, err := IntegreatFS(fstest.MapFS{"sv/pages.json": {Data: []byte(pages)}}, IntegreatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range set.Articles {
		got[a.Title["sv"]] = a.Topic + "#" + itoa(a.Order)
	}
	want := map[string]string{"Blad": "integreat-topic-1#0", "Föräldralös": "imported#0", "Slinga A": "imported#1", "Slinga B": "imported#2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("articles %v, want %v\n%s", got, want, rep.Summary())
	}
	if !hasProblem(rep, "sv/pages.json[3] (id 4)", "parent page (id 99) is not in the dump", false) ||
		!hasProblem(rep, "sv/pages.json[4] (id 5)", "form a loop", false) {
		t.Errorf("report:\n%s", rep.Summary())
	}
}

// FuzzIntegreat: any pages, events and locations files import without a
// panic, and what comes out is valid content.
func FuzzIntegreat(f *testing.F) {
	for _, name := range []string{"en/pages.json", "sv/events.json", "sv/locations.json"} {
		data, err := os.ReadFile(filepath.Join(regionDump, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, filepath.Base(name))
	}
	f.Add([]byte(`[{"id": null, "path": null}, {"id": 1, "available_languages": {"en": {"id": 1}}, "parent": {"id": 1}}]`), "pages.json")
	f.Fuzz(func(t *testing.T, data []byte, file string) {
		if file != "pages.json" && file != "events.json" && file != "locations.json" {
			return
		}
		fsys := fstest.MapFS{"sv/" + file: {Data: data}, "en/" + file: {Data: data}}
		set, _, err := IntegreatFS(fsys, IntegreatOptions{})
		if err != nil {
			return
		}
		if problems := set.Validate(); len(problems) > 0 {
			t.Fatalf("invalid content: %v", problems)
		}
	})
}
