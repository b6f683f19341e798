package search

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

func builtinContent(t *testing.T) *content.Set {
	t.Helper()
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Read(sub)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// The built-in list parses, and every target is an item or topic of the
// built-in content.
func TestBuiltinConceptsValid(t *testing.T) {
	list, err := BuiltinConcepts()
	if err != nil {
		t.Fatal(err)
	}
	set := builtinContent(t)
	for _, c := range list {
		for _, target := range c.Targets {
			kind, id, _ := ParseTarget(target)
			if !contains(set.IDs(kind), id) {
				t.Errorf("concept %s: target %s is not in the built-in content", c.ID, target)
			}
		}
	}
}

func TestParseConceptsErrors(t *testing.T) {
	const words = "sv = [\"a\"]\nuk = [\"б\"]\nar = [\"ج\"]\nen = [\"d\"]\n"
	for _, c := range []struct{ text, want string }{
		{"[[concept]]\nid = \"x\"\ntargets = [\"article:sfi\"]\n" + words + "[[concept]]\nid = \"x\"\ntargets = [\"article:sfi\"]\n" + words, `concept 2 ("x"): id repeats`},
		{"[[concept]]\nid = \"x\"\ntargets = [\"place:sfi\"]\n" + words, `target "place:sfi" is not kind:id`},
		{"[[concept]]\nid = \"x\"\n" + words, "no targets"},
		{"[[concept]]\nid = \"x\"\ntargets = [\"article:sfi\"]\nsv = [\"a\"]\n", "no uk words"},
		{"[[concept]]\nid = \"x\"\ntargets = [\"article:sfi\"]\nfr = [\"a\"]\n" + words, "unknown field"},
		{"[[concept]]\nid = \"x\"\ntargets = [\"article:sfi\"]\nsv = [\"a b c d e\"]\nuk = [\"б\"]\nar = [\"ج\"]\nen = [\"d\"]\n", "has 5 words"},
	} {
		_, err := ParseConcepts([]byte(c.text), "c.toml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one with %q", err, c.want)
		}
	}
}

// Everyday words, in four languages, find what they mean.
func TestConceptsFindWhatWordsMean(t *testing.T) {
	ix := Build(builtinContent(t))
	for _, c := range []struct {
		lang  content.Lang
		query string
		want  string // kind/id in the first two
	}{
		{content.Ukrainian, "лікар", "services/vardguiden-1177"},
		{content.Ukrainian, "лікаря", "services/vardguiden-1177"},
		{content.Arabic, "دكتور", "services/vardguiden-1177"},
		{content.Arabic, "الطبيب", "articles/health-care"},
		{content.Arabic, "مستشفى", "articles/health-care"},
		{content.Swedish, "läkare", "services/vardguiden-1177"},
		{content.English, "doctor", "articles/health-care"},
		{content.Ukrainian, "зубний лікар", "articles/dental-care"},
		{content.English, "police", "services/polisen"},
		{content.Ukrainian, "вардсентрал", "articles/health-care"},
		{content.Arabic, "فوردسنترال", "articles/health-care"},
		{content.Ukrainian, "форсекрінгскассан", "services/forsakringskassan"},
		{content.Arabic, "سفي", "articles/sfi"},
	} {
		res := ix.Search(Query{Text: c.query, Lang: c.lang, Limit: 2})
		var got []string
		for _, r := range res {
			got = append(got, string(r.Kind)+"/"+r.ID)
		}
		if !contains(got, c.want) {
			t.Errorf("%s %q: first two %v, want %s among them", c.lang, c.query, got, c.want)
		}
	}
	// A phrase wins over its words: a dentist is not a doctor.
	res := ix.Search(Query{Text: "зубний лікар", Lang: content.Ukrainian, Limit: 1})
	if len(res) == 0 || res[0].ID != "dental-care" {
		t.Errorf("зубний лікар: first %v, want dental-care", res)
	}
}

// A concept's target ranks below an item whose title has the word, and
// above the items that only mention it.
func TestConceptWeightBelowExactTitle(t *testing.T) {
	list := []Concept{{ID: "test", Targets: []string{"article:sfi"}, SV: []string{"tolk"}, UK: []string{"x"}, AR: []string{"x"}, EN: []string{"x"}}}
	set := builtinContent(t)
	with := BuildWith(set, Options{Concepts: list})
	without := BuildWith(set, Options{Concepts: []Concept{}})
	rank := func(ix *Index, id string) int {
		for i, r := range ix.Search(Query{Text: "tolk", Lang: content.Swedish, Limit: 50}) {
			if r.ID == id {
				return i
			}
		}
		return -1
	}
	if r := rank(with, "interpreter"); r != 0 {
		t.Errorf("with the concept the title match is at %d, want 0", r)
	}
	if r := rank(with, "sfi"); r != 1 {
		t.Errorf("the concept's target is at %d, want 1: under the title, over the mentions", r)
	}
	if r := rank(without, "sfi"); r == 1 {
		t.Error("without the concept sfi is second anyway: the test proves nothing")
	}
}

func TestKeywordsAreIndexed(t *testing.T) {
	set := builtinContent(t)
	for i := range set.Articles {
		if set.Articles[i].ID == "school-preschool" {
			set.Articles[i].Keywords = content.Keywords{content.Swedish: {"lekis"}}
		}
	}
	res := Build(set).Search(Query{Text: "lekis", Lang: content.English, Limit: 1})
	if len(res) == 0 || res[0].ID != "school-preschool" {
		t.Errorf("lekis found %v, want school-preschool", res)
	}
}

func TestSuggestAndConceptTopics(t *testing.T) {
	ix := Build(builtinContent(t))
	for _, c := range []struct{ typed, want string }{
		{"skattevrkt", "skatteverket"},
		{"sfi", ""}, // known: nothing to suggest
		{"qqqqqqqqq", ""},
	} {
		if got := ix.Suggest(c.typed); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	if got := ix.ConceptTopics("دكتور"); len(got) != 1 || got[0] != "health" {
		t.Errorf("topics of دكتور: %v, want [health]", got)
	}
	if got := ix.ConceptTopics("xyz"); len(got) != 0 {
		t.Errorf("topics of xyz: %v", got)
	}
}

// Swedish terms typed by ear: the first two results have the item, and
// without the phonetic matching (or the concept list, for a concept's
// word) they do not: each case needs the mechanism it names.
func TestByEar(t *testing.T) {
	set := builtinContent(t)
	ix := Build(set)
	noTranslit := BuildWith(set, Options{NoTranslit: true})
	top2 := func(ix *Index, lang content.Lang, q string) []string {
		var got []string
		for _, r := range ix.Search(Query{Text: q, Lang: lang, Limit: 2}) {
			got = append(got, string(r.Kind)+"/"+r.ID)
		}
		return got
	}
	for _, c := range []struct {
		why   string
		lang  content.Lang
		query string
		want  string
	}{
		{"joined words", content.Ukrainian, "скатте веркет", "services/skatteverket"},
		{"joined words", content.Arabic, "فولك تاند فوردن", "articles/dental-care"},
		{"joined words", content.Arabic, "بيرسون نومر", "articles/personal-identity-number"},
		{"the article taken off", content.Arabic, "الفوردسنترال", "articles/health-care"},
		{"an acronym by its letters", content.Ukrainian, "бвц", "articles/child-health-bvc"},
		{"an acronym by its letters, joined", content.Arabic, "بي في سي", "articles/child-health-bvc"},
		{"a concept's Swedish word by ear", content.Ukrainian, "бустадсфермедлінген", "articles/housing"},
		{"fuzzy key", content.Ukrainian, "мігрейшн веркет", "services/migrationsverket"},
		{"rs heard as sh", content.Arabic, "فوشكرينغسكاسا", "services/forsakringskassan"},
	} {
		if got := top2(ix, c.lang, c.query); !contains(got, c.want) {
			t.Errorf("%s: %q: first two %v, want %s", c.why, c.query, got, c.want)
		}
		if got := top2(noTranslit, c.lang, c.query); contains(got, c.want) {
			t.Errorf("%s: %q finds %s without phonetic matching: the case proves nothing", c.why, c.query, c.want)
		}
	}
	// Without joining, each word alone does not find it.
	if got := top2(ix, content.Arabic, "فولك"); contains(got, "articles/dental-care") {
		t.Errorf("فولك alone finds dental care: the joined case proves nothing")
	}
	// A Ukrainian word typed on a Russian keyboard.
	if got := top2(ix, content.Ukrainian, "ликарня"); !contains(got, "articles/health-care") && !contains(got, "articles/emergency-112") {
		t.Errorf("ликарня: first two %v, want a hospital item", got)
	}
	// A short key from another script must be near the word in letters.
	for _, r := range ix.Search(Query{Text: "свое", Lang: content.Ukrainian, Limit: 5}) {
		if r.ID == "sfi" {
			t.Errorf("свое finds SFI")
		}
	}
}

// A doctor is not sick pay: «лікар» and «лікарня» (hospital), typed as the
// last word, rank health care and 1177 above employment terms, whose
// title has лікарняні (sick pay), a completion of both.
func TestDoctorAboveSickPay(t *testing.T) {
	ix := Build(builtinContent(t))
	for _, q := range []string{"лікар", "лікарня"} {
		rank := map[string]int{}
		for i, r := range ix.Search(Query{Text: q, Lang: content.Ukrainian, Limit: 20}) {
			rank[r.ID] = i + 1
		}
		sick := rank["employment-terms"]
		for _, id := range []string{"health-care", "vardguiden-1177"} {
			if rank[id] == 0 || sick != 0 && rank[id] > sick {
				t.Errorf("%q: %s at %d, employment-terms at %d", q, id, rank[id], sick)
			}
		}
	}
}
