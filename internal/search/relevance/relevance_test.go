package relevance

import (
	"reflect"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestLoadDir(t *testing.T) {
	sets, err := LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if got := Langs(sets); !reflect.DeepEqual(got, []content.Lang{content.Swedish, content.English}) {
		t.Fatalf("languages %v, want [sv en]", got)
	}
	sv := sets[content.Swedish]
	if len(sv) != 4 {
		t.Fatalf("%d Swedish cases, want 4", len(sv))
	}
	want := Case{Line: 4, Type: Keywords, Query: "gratis svenska", Answers: []string{"article:sfi", "article:library"}}
	if !reflect.DeepEqual(sv[1], want) {
		t.Errorf("second case %+v, want %+v", sv[1], want)
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("an empty folder loaded without error")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"question\tq\ta\n\nkeywords\tonly two", "x.tsv:3: want 3 tab-separated fields"},
		{"# c\nquery\tq\ta", `x.tsv:2: type "query"`},
		{"question\t \ta", "x.tsv:1: empty query"},
		{"question\tq\t , ", "x.tsv:1: no answers"},
		{"keywords\tq\tsfi,Not An Id", `x.tsv:1: answer "Not An Id" is not a valid id`},
		{"everyday\tq\tplace:x", `x.tsv:1: answer "place:x" is not a valid id`},
	} {
		_, err := Parse(strings.NewReader(tc.text), "x.tsv")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one starting %q", tc.text, err, tc.want)
		}
	}
	// A byte-order mark, CRLF line ends and comments are accepted.
	cases, err := Parse(strings.NewReader("\ufeff# c\r\nquestion\tq?\ta,b\r\n"), "x.tsv")
	if err != nil || len(cases) != 1 || cases[0].Line != 2 || len(cases[0].Answers) != 2 {
		t.Errorf("got %+v, %v", cases, err)
	}
}

func TestEvaluate(t *testing.T) {
	sets, err := LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	// A searcher that finds "sfi" for anything about Swedish, at rank 1 or
	// rank 6, and returns health-care for nothing.
	var gotLang content.Lang
	search := func(q string, lang content.Lang) []string {
		gotLang = lang
		switch {
		case strings.Contains(q, "lär"):
			return []string{"article:sfi", "article:x"}
		case strings.Contains(q, "gratis"):
			return []string{"article:a", "article:b", "article:c", "article:d", "article:e", "article:library"} // rank 6: a miss at k=5
		case strings.Contains(q, "vårdcentral"):
			return []string{"article:a", "article:b", "article:c", "article:d", "article:health-care"} // rank 5: a hit
		}
		return nil
	}
	r := Evaluate(content.Swedish, sets[content.Swedish], 5, search)
	if gotLang != content.Swedish {
		t.Errorf("searcher got language %q", gotLang)
	}
	if r.All != (Score{K: 5, Hits: 2, Total: 4}) {
		t.Errorf("all: %v", r.All)
	}
	if q := r.ByType[Question]; q != (Score{K: 5, Hits: 1, Total: 2}) {
		t.Errorf("questions: %v", q)
	}
	if k := r.ByType[Keywords]; k != (Score{K: 5, Hits: 1, Total: 2}) {
		t.Errorf("keywords: %v", k)
	}
	if len(r.Misses) != 2 || r.Misses[0].Case.Line != 4 || len(r.Misses[0].Got) != 5 {
		t.Errorf("misses: %+v", r.Misses)
	}
	if got := r.All.Recall(); got != 0.5 {
		t.Errorf("recall %v, want 0.5", got)
	}
	if s := (Score{}).Recall(); s != 0 {
		t.Errorf("recall of no cases %v", s)
	}
	// At k=6 the rank-6 answer counts.
	if r6 := Evaluate(content.Swedish, sets[content.Swedish], 6, search); r6.All.Hits != 3 {
		t.Errorf("recall@6 hits %d, want 3", r6.All.Hits)
	}
}

func TestCheckAnswers(t *testing.T) {
	sets, err := LoadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckAnswers("sv.tsv", sets[content.Swedish], []string{"article:sfi", "article:library", "article:health-care"}); err != nil {
		t.Error(err)
	}
	err = CheckAnswers("sv.tsv", sets[content.Swedish], []string{"article:sfi", "article:health-care"})
	if err == nil || !strings.Contains(err.Error(), `sv.tsv:4: answer "article:library" is not an item of the content`) {
		t.Errorf("error %v", err)
	}
}
