// Package relevance measures how well a search ranks: it reads a relevance
// set (questions and kiosk keyword queries, each with the articles that
// answer it) and computes recall@k for any searcher, so the project's engine
// and a reference engine are judged on the same cases.
//
// A relevance file is UTF-8 text, one case a line:
//
//	type<TAB>query<TAB>answers
//
// where type is "question", "keywords", "everyday" or "translit" and
// answers is a comma-separated list of items, any one of which answers the
// query: "kind:id" (kind article, service, event, project or topic), or a
// bare id for an article (the first set's form). Blank lines and lines
// starting with "#" are ignored. The files of a set are named after their
// language: sv.tsv, uk.tsv, ar.tsv, en.tsv.
package relevance

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// The types of case.
const (
	Question = "question" // a natural question, as someone would ask it
	Keywords = "keywords" // a short query, as typed on a kiosk
	Everyday = "everyday" // an everyday word, not the items' own words
	Translit = "translit" // a Swedish term in another script or misspelt by ear
)

// Types lists the types of case, in report order.
var Types = []string{Question, Keywords, Everyday, Translit}

// answerKinds are the kinds an answer may name.
var answerKinds = map[string]content.Kind{
	"article": content.KindArticle,
	"service": content.KindService,
	"event":   content.KindEvent,
	"project": content.KindProject,
	"topic":   content.KindTopic,
}

// Answer is the form answers and search results are compared in.
func Answer(kind content.Kind, id string) string {
	for name, k := range answerKinds {
		if k == kind {
			return name + ":" + id
		}
	}
	return string(kind) + ":" + id
}

// parseAnswer turns "kind:id" or a bare article id into "kind:id".
func parseAnswer(a string) (string, bool) {
	kind, id, ok := strings.Cut(a, ":")
	if !ok {
		kind, id = "article", a
	}
	if _, known := answerKinds[kind]; !known || !content.ValidID(id) {
		return "", false
	}
	return kind + ":" + id, true
}

// Case is one query with the items that answer it.
type Case struct {
	Line    int // line in its file, for messages
	Type    string
	Query   string
	Answers []string // "kind:id"
}

// Parse reads the cases of one relevance file; name is used in errors,
// which say "name:line: what is wrong".
func Parse(r io.Reader, name string) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated fields (type, query, answers), got %d", name, n, len(f))
		}
		typ := strings.TrimSpace(f[0])
		if !slices.Contains(Types, typ) {
			return nil, fmt.Errorf("%s:%d: type %q is not one of %s", name, n, typ, strings.Join(Types, ", "))
		}
		q := strings.TrimSpace(f[1])
		if q == "" {
			return nil, fmt.Errorf("%s:%d: empty query", name, n)
		}
		var answers []string
		for _, a := range strings.Split(f[2], ",") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			ans, ok := parseAnswer(a)
			if !ok {
				return nil, fmt.Errorf("%s:%d: answer %q is not a valid id or kind:id", name, n, a)
			}
			answers = append(answers, ans)
		}
		if len(answers) == 0 {
			return nil, fmt.Errorf("%s:%d: no answers", name, n)
		}
		cases = append(cases, Case{Line: n, Type: typ, Query: q, Answers: answers})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return cases, nil
}

// Load reads one relevance file.
func Load(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, path)
}

// LoadDir reads the file of every language of content.Languages that has
// one in dir (sv.tsv, uk.tsv, …). It is an error when none has.
func LoadDir(dir string) (map[content.Lang][]Case, error) {
	sets := make(map[content.Lang][]Case)
	for _, lang := range content.Languages {
		path := filepath.Join(dir, string(lang)+".tsv")
		if _, err := os.Stat(path); os.IsNotExist(err) {
			continue
		}
		cases, err := Load(path)
		if err != nil {
			return nil, err
		}
		sets[lang] = cases
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%s: no relevance file (sv.tsv, uk.tsv, ar.tsv, en.tsv)", dir)
	}
	return sets, nil
}

// KnownAnswers lists every item of set as an answer ("kind:id").
func KnownAnswers(set *content.Set) []string {
	var out []string
	for _, k := range answerKinds {
		for _, id := range set.IDs(k) {
			out = append(out, Answer(k, id))
		}
	}
	return out
}

// CheckAnswers returns an error naming every answer that is not among ids
// (the "kind:id" of the items of the collection searched), so a typo in
// the set is not silently counted as a miss.
func CheckAnswers(name string, cases []Case, ids []string) error {
	known := make(map[string]bool, len(ids))
	for _, id := range ids {
		known[id] = true
	}
	var bad []string
	for _, c := range cases {
		for _, a := range c.Answers {
			if !known[a] {
				bad = append(bad, fmt.Sprintf("%s:%d: answer %q is not an item of the content", name, c.Line, a))
			}
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "\n"))
	}
	return nil
}

// Searcher returns the items ("kind:id") it finds for query, best first.
// lang is the language of the query (the reader's language).
type Searcher func(query string, lang content.Lang) []string

// Score is recall@k over some cases: Hits of Total cases had an answer in
// the first K results.
type Score struct {
	K, Hits, Total int
}

// Recall is Hits/Total, or 0 for no cases.
func (s Score) Recall() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.Total)
}

func (s Score) String() string {
	return fmt.Sprintf("%.3f (%d/%d)", s.Recall(), s.Hits, s.Total)
}

// Miss is a case whose answers were not in the first k results.
type Miss struct {
	Case Case
	Got  []string // the first k results
}

// Report is recall@k of one searcher on the cases of one language.
type Report struct {
	Lang     content.Lang
	All      Score
	ByType   map[string]Score // by type of case
	Misses   []Miss
	Searches int
}

// Evaluate runs every case through search and counts a case as found when
// at least one of its answers is among the first k ids returned (recall@k
// with "any answer" relevance, also called success@k).
func Evaluate(lang content.Lang, cases []Case, k int, search Searcher) Report {
	r := Report{Lang: lang, All: Score{K: k}, ByType: map[string]Score{}}
	for _, t := range Types {
		r.ByType[t] = Score{K: k}
	}
	for _, c := range cases {
		got := search(c.Query, lang)
		r.Searches++
		if len(got) > k {
			got = got[:k]
		}
		hit := false
		for _, id := range got {
			for _, a := range c.Answers {
				if id == a {
					hit = true
				}
			}
		}
		t := r.ByType[c.Type]
		t.Total++
		r.All.Total++
		if hit {
			t.Hits++
			r.All.Hits++
		} else {
			r.Misses = append(r.Misses, Miss{Case: c, Got: append([]string(nil), got...)})
		}
		r.ByType[c.Type] = t
	}
	return r
}

// Langs returns the languages of sets in the order of content.Languages.
func Langs(sets map[content.Lang][]Case) []content.Lang {
	var out []content.Lang
	for _, l := range content.Languages {
		if _, ok := sets[l]; ok {
			out = append(out, l)
		}
	}
	// Languages outside content.Languages are not loaded by LoadDir, but a
	// caller may build sets by hand.
	var extra []string
	for l := range sets {
		if !l.Known() {
			extra = append(extra, string(l))
		}
	}
	sort.Strings(extra)
	for _, l := range extra {
		out = append(out, content.Lang(l))
	}
	return out
}
