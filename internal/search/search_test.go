package search

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// builtin is the index of the content built into the app.
var builtin = sync.OnceValues(func() (*content.Set, *Index) {
	set, err := source.ReadDir("../../assets/content")
	if err != nil {
		panic(err)
	}
	return set, Build(set)
})

func ids(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// TestBuiltinQueries runs the project's own queries, in the four
// languages, over the built-in content: want must be among the first top
// results.
func TestBuiltinQueries(t *testing.T) {
	_, ix := builtin()
	cases := []struct {
		what string
		lang content.Lang
		q    string
		want string
		top  int
	}{
		{"prefix", content.Swedish, "vårdc", "health-care", 1},
		{"prefix", content.Swedish, "tandv", "dental-care", 1},
		{"prefix", content.Ukrainian, "мігра", "migrationsverket", 3},
		{"prefix", content.Ukrainian, "шко", "school-preschool", 1},
		{"prefix", content.Arabic, "الأسر", "family-reunification", 5},
		{"prefix", content.English, "dent", "dental-care", 1},
		{"typo", content.Swedish, "Migrationsverkt", "migrationsverket", 1},
		{"typo", content.English, "Migartionsverket", "migrationsverket", 1},
		{"typo", content.Ukrainian, "поліклінка", "child-health-bvc", 1},
		{"diacritics", content.Swedish, "vardcentral", "health-care", 1},
		{"diacritics", content.Swedish, "tandvard", "dental-care", 1},
		{"diacritics", content.Arabic, "مَدْرَسَة", "school-preschool", 1},
		{"word form", content.Swedish, "skolan ", "school-preschool", 1},
		{"word form", content.Swedish, "vårdcentralen ", "health-care", 1},
		{"word form", content.Ukrainian, "сім'ї ", "family-reunification", 2},
		{"word form", content.Ukrainian, "школу ", "school-preschool", 1},
		{"word form", content.Arabic, "الأسرة", "family-reunification", 1},
		{"word form", content.English, "dentists", "dental-care", 2},
		{"cross-language", content.Arabic, "SFI", "sfi", 1},
		{"cross-language", content.Arabic, "Migrationsverket", "migrationsverket", 1},
		{"cross-language", content.Arabic, "vårdcentral", "health-care", 1},
		{"cross-language", content.Ukrainian, "1177", "vardguiden-1177", 1},
		{"cross-language", content.English, "Försäkringskassan", "forsakringskassan", 1},
		{"question", content.Swedish, "Hur ansöker jag om SFI?", "sfi", 1},
		{"question", content.English, "Where do I get a personal number?", "personal-identity-number", 2},
		{"question", content.Ukrainian, "Як записатися до лікаря?", "health-care", 1},
		{"question", content.Arabic, "كيف أحصل على رقم شخصي؟", "personal-identity-number", 3},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %s %s", c.what, c.lang, c.q), func(t *testing.T) {
			got := ids(ix.Search(Query{Text: c.q, Lang: c.lang, Limit: 10}))
			i := slices.Index(got, c.want)
			if i < 0 || i >= c.top {
				t.Errorf("%q (%s): %s is not in the first %d of %v", c.q, c.lang, c.want, c.top, got)
			}
		})
	}
}

// TestSameResults checks spellings that must find the same items.
func TestSameResults(t *testing.T) {
	_, ix := builtin()
	groups := []struct {
		lang  content.Lang
		forms []string
	}{
		{content.Ukrainian, []string{"сім'я ", "сімʼя ", "сім’я ", "СІМ`Я "}},
		{content.Arabic, []string{"مدرسة ", "مَدْرَسَة ", "مـدرسـة "}},
		{content.Swedish, []string{"SFI ", "sfi ", "Sfi "}},
	}
	for _, g := range groups {
		want := ix.Search(Query{Text: g.forms[0], Lang: g.lang})
		if len(want) == 0 {
			t.Errorf("%q finds nothing", g.forms[0])
		}
		for _, f := range g.forms[1:] {
			if got := ix.Search(Query{Text: f, Lang: g.lang}); !slices.Equal(got, want) {
				t.Errorf("%q finds %v, %q finds %v", g.forms[0], ids(want), f, ids(got))
			}
		}
	}
}

// TestRankingOrder checks that the exact form ranks above folded, stemmed,
// completed and mistyped ones, and that what must not match does not.
func TestRankingOrder(t *testing.T) {
	cases := []struct {
		what   string
		titles []string
		lang   content.Lang
		q      string
		want   []string // ids in this order, and nothing else
	}{
		{"Swedish exact above folded", []string{"rad", "råd"}, content.Swedish, "rad ", []string{"a0", "a1"}},
		{"Swedish exact above folded", []string{"rad", "råd"}, content.Swedish, "råd ", []string{"a1", "a0"}},
		{"Swedish exact above stemmed", []string{"skolan", "skola"}, content.Swedish, "skola ", []string{"a1", "a0"}},
		{"Swedish exact above stemmed", []string{"skola", "skolan"}, content.Swedish, "skolan ", []string{"a1", "a0"}},
		{"Swedish stemmed above completed", []string{"skolavslutning", "skolan"}, content.Swedish, "skola", []string{"a1", "a0"}},
		{"completion only while typing", []string{"skolavslutning", "skolan"}, content.Swedish, "skola ", []string{"a1"}},
		{"exact above typo", []string{"bibliotek", "biblioteket", "bibliotk"}, content.Swedish, "bibliotk ", []string{"a2"}},
		{"typo when nothing is exact", []string{"bibliotek", "kultur"}, content.Swedish, "bibliotk ", []string{"a0"}},
		{"Ukrainian exact above stemmed", []string{"сім'ї", "сім'я"}, content.Ukrainian, "сімʼя ", []string{"a1", "a0"}},
		{"Ukrainian exact above stemmed", []string{"сім'я", "сім'ї"}, content.Ukrainian, "сім’ї ", []string{"a1", "a0"}},
		{"Ukrainian without apostrophe", []string{"сім'я"}, content.Ukrainian, "сімя ", []string{"a0"}},
		{"Ukrainian й is not и", []string{"мій район", "раион"}, content.Ukrainian, "район ", []string{"a0"}},
		{"Ukrainian ї is not і", []string{"їжа", "іжа"}, content.Ukrainian, "їжа ", []string{"a0"}},
		{"Ukrainian і is not ї", []string{"їжа", "іжа"}, content.Ukrainian, "іжа ", []string{"a1"}},
		{"Ukrainian ґ is not г", []string{"ґанок", "ганок"}, content.Ukrainian, "ґанок ", []string{"a0"}},
		{"Ukrainian г is not ґ", []string{"ґанок", "ганок"}, content.Ukrainian, "ганок ", []string{"a1"}},
		{"Ukrainian є is not е", []string{"Європа", "Европа"}, content.Ukrainian, "європа ", []string{"a0"}},
		{"Ukrainian case", []string{"Київ"}, content.Ukrainian, "КИЇВ ", []string{"a0"}},
		{"Arabic clitic", []string{"جمع", "شيء آخر"}, content.Arabic, "لجمع ", []string{"a0"}},
		{"Arabic article", []string{"شيء آخر", "أسرة"}, content.Arabic, "الأسرة ", []string{"a1"}},
		{"Arabic exact above article", []string{"أسرة", "الأسرة"}, content.Arabic, "الأسرة ", []string{"a1", "a0"}},
		{"Arabic ta marbuta", []string{"مدرسه", "مدرسة"}, content.Arabic, "مدرسة ", []string{"a1", "a0"}},
		{"Arabic alef", []string{"اسرة", "أسرة"}, content.Arabic, "أسرة ", []string{"a1", "a0"}},
		{"Arabic ya", []string{"مستشفي", "مستشفى"}, content.Arabic, "مستشفى ", []string{"a1", "a0"}},
		{"Arabic tashkeel and tatweel", []string{"مَدرسة", "كتاب"}, content.Arabic, "مـدرسة ", []string{"a0"}},
		{"stop words alone find nothing", []string{"hur gör jag"}, content.Swedish, "hur jag ", nil},
		{"stop words do not swamp", []string{"hur och om", "sfi"}, content.Swedish, "hur om sfi ", []string{"a1"}},
		{"title of two words above one", []string{"kurs", "kurs i svenska"}, content.Swedish, "kurs svenska ", []string{"a1", "a0"}},
	}
	for _, c := range cases {
		t.Run(c.what+" "+c.q, func(t *testing.T) {
			set := &content.Set{}
			for i, title := range c.titles {
				set.Articles = append(set.Articles, content.Article{ID: fmt.Sprintf("a%d", i), Title: content.Text{c.lang: title}})
			}
			got := ids(Build(set).Search(Query{Text: c.q, Lang: c.lang}))
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("%q in %q: got %v, want %v", c.q, c.titles, got, c.want)
			}
		})
	}
}

func TestFilters(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
	set := &content.Set{
		Municipalities: []content.Municipality{{ID: "orebro", Name: content.Text{"sv": "Örebro"}}, {ID: "krokom", Name: content.Text{"sv": "Krokom"}}},
		Articles:       []content.Article{{ID: "art", Title: content.Text{"sv": "Språkcafé"}}},
		Services: []content.Service{
			{ID: "national", Name: content.Text{"sv": "Språkcafé på nätet"}},
			{ID: "in-orebro", Name: content.Text{"sv": "Språkcafé"}, Municipality: "orebro"},
			{ID: "in-krokom", Name: content.Text{"sv": "Språkcafé"}, Municipality: "krokom"},
		},
		Events: []content.Event{
			{ID: "once", Title: content.Text{"sv": "Språkcafé"}, Start: day(2), TimeZone: "UTC", Municipality: "orebro"},
			{ID: "weekly", Title: content.Text{"sv": "Språkcafé"}, Start: day(2), TimeZone: "UTC", RRule: "FREQ=WEEKLY;COUNT=4"},
			{ID: "forever", Title: content.Text{"sv": "Språkcafé"}, Start: day(2), TimeZone: "UTC", RRule: "FREQ=DAILY"},
		},
		Projects: []content.Project{
			{ID: "two-places", Name: content.Text{"sv": "Språkcafé"}, Municipalities: []string{"krokom", "orebro"}},
			{ID: "elsewhere", Name: content.Text{"sv": "Språkcafé"}, Municipalities: []string{"krokom", "are"}},
		},
	}
	ix := Build(set)
	if ix.Len() != 9 {
		t.Fatalf("Len() = %d, want 9", ix.Len())
	}
	cases := []struct {
		what string
		q    Query
		want []string
	}{
		{"everything", Query{}, []string{"art", "national", "in-orebro", "in-krokom", "once", "weekly", "forever", "two-places", "elsewhere"}},
		{"kinds", Query{Kinds: []content.Kind{content.KindService, content.KindProject}}, []string{"national", "in-orebro", "in-krokom", "two-places", "elsewhere"}},
		{"municipality and national", Query{Municipality: "orebro"}, []string{"art", "national", "in-orebro", "once", "weekly", "forever", "two-places"}},
		{"unknown municipality: national only", Query{Municipality: "nowhere"}, []string{"art", "national", "weekly", "forever"}},
		{"events in a range, others kept", Query{Kinds: []content.Kind{content.KindEvent, content.KindArticle}, From: day(3), To: day(10)}, []string{"art", "weekly", "forever"}},
		{"the single event's day", Query{Kinds: []content.Kind{content.KindEvent}, From: day(2), To: day(3)}, []string{"once", "weekly", "forever"}},
		{"after the weekly rule ends", Query{Kinds: []content.Kind{content.KindEvent}, From: day(24)}, []string{"forever"}},
		{"before everything", Query{Kinds: []content.Kind{content.KindEvent}, To: day(1)}, nil},
		{"far past the first 500 days", Query{Kinds: []content.Kind{content.KindEvent}, From: day(1).AddDate(3, 0, 0), To: day(1).AddDate(3, 0, 2)}, []string{"forever"}},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			c.q.Text, c.q.Lang = "språkcafé ", content.Swedish
			got := ids(ix.Search(c.q))
			if !sameSet(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestLimitAndOrder(t *testing.T) {
	_, ix := builtin()
	all := ix.Search(Query{Text: "svenska", Lang: content.Swedish, Limit: 50})
	if len(all) < 10 {
		t.Fatalf("only %d results for svenska", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Fatalf("results out of order at %d: %v", i, all)
		}
	}
	if got := ix.Search(Query{Text: "svenska", Lang: content.Swedish}); len(got) != min(20, len(all)) || !slices.Equal(got, all[:len(got)]) {
		t.Errorf("default limit gives %d results, not the first 20 of the same list", len(got))
	}
	if got := ix.Search(Query{Text: "svenska", Lang: content.Swedish, Limit: 3}); !slices.Equal(got, all[:3]) {
		t.Errorf("Limit 3 gives %v, want %v", got, all[:3])
	}
	if got := ix.Search(Query{Text: "  ?! ", Lang: content.Swedish}); len(got) != 0 {
		t.Errorf("punctuation finds %v", got)
	}
}

// TestConcurrentSearch runs searches from several goroutines at once (run
// with -race to check the pooled scratch memory).
func TestConcurrentSearch(t *testing.T) {
	_, ix := builtin()
	queries := []Query{
		{Text: "vårdc", Lang: content.Swedish}, {Text: "сім'я", Lang: content.Ukrainian},
		{Text: "الأسرة", Lang: content.Arabic}, {Text: "dental care", Lang: content.English},
	}
	want := make([][]Result, len(queries))
	for i, q := range queries {
		want[i] = ix.Search(q)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(queries)
				if got := ix.Search(queries[k]); !slices.Equal(got, want[k]) {
					t.Errorf("%q gave %v concurrently, %v alone", queries[k].Text, ids(got), ids(want[k]))
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestBuildIsDeterministic: the same content gives the same scores.
func TestBuildIsDeterministic(t *testing.T) {
	set, ix := builtin()
	again := Build(set)
	for _, q := range []string{"svenska", "школа", "مدرسة", "health care"} {
		a := ix.Search(Query{Text: q, Limit: 50})
		b := again.Search(Query{Text: q, Limit: 50})
		if !slices.Equal(a, b) {
			t.Errorf("%q: two builds differ: %v and %v", q, a, b)
		}
	}
}

func TestEmpty(t *testing.T) {
	ix := Build(&content.Set{})
	if ix.Len() != 0 || ix.Search(Query{Text: "sfi"}) != nil {
		t.Error("an empty index finds something")
	}
	var none *Index
	if none.Len() != 0 || none.Search(Query{Text: "sfi"}) != nil {
		t.Error("a nil index finds something")
	}
}

// TestFilterBeforeCaps: a kiosk's municipality filter is applied while
// postings are read, so the completions of a short prefix, which read
// only a term's best postings, still find the municipality's items when
// thousands of others have the term in their titles.
func TestFilterBeforeCaps(t *testing.T) {
	set := &content.Set{Municipalities: []content.Municipality{{ID: "krokom"}, {ID: "orebro"}}}
	for i := 0; i < 3*capPrefix; i++ {
		set.Services = append(set.Services, content.Service{
			ID: fmt.Sprintf("krokom-%d", i), Municipality: "krokom", Name: content.Text{"sv": "Språkcafé"},
		})
	}
	for i := 0; i < 3; i++ {
		set.Services = append(set.Services, content.Service{
			ID: fmt.Sprintf("orebro-%d", i), Municipality: "orebro", Name: content.Text{"sv": "Mötesplats"},
			Description: content.Text{"sv": "Här finns också ett språkcafé, och mycket annat som händer i stadsdelen varje vecka."},
		})
	}
	ix := Build(set)
	for _, q := range []Query{
		{Text: "sp", Lang: content.Swedish, Municipality: "orebro"},
		{Text: "språkcafé ", Lang: content.Swedish, Municipality: "orebro", Kinds: []content.Kind{content.KindService}},
	} {
		got := ids(ix.Search(q))
		if !sameSet(got, []string{"orebro-0", "orebro-1", "orebro-2"}) {
			t.Errorf("%q in orebro: %v", q.Text, got)
		}
	}
	if got := ix.Search(Query{Text: "sp", Lang: content.Swedish, Kinds: []content.Kind{}}); len(got) != 20 {
		t.Errorf("empty Kinds is all kinds, got %d results", len(got))
	}
}

// A rule with an end but more than the 500 starts worked out at build
// still matches a range past those (FREQ=DAILY;COUNT=1000 runs ~33 months).
func TestLongBoundedRuleMatchesLateRanges(t *testing.T) {
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	set := &content.Set{Events: []content.Event{{ID: "long", Title: content.Text{"sv": "Språkcafé"},
		Start: start, TimeZone: "UTC", RRule: "FREQ=DAILY;COUNT=1000"}}}
	ix := Build(set)
	late := Query{Text: "språkcafé", Kinds: []content.Kind{content.KindEvent}, From: start.AddDate(0, 0, 800), To: start.AddDate(0, 0, 802)}
	if got := ix.Search(late); len(got) != 1 {
		t.Errorf("day 800 of a 1000-day rule: %v, want the event", got)
	}
	after := Query{Text: "språkcafé", Kinds: []content.Kind{content.KindEvent}, From: start.AddDate(0, 0, 1001)}
	if got := ix.Search(after); len(got) != 0 {
		t.Errorf("after the rule's end: %v, want nothing", got)
	}
}
