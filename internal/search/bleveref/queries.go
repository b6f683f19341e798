package main

import (
	"math/rand"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search/relevance"
)

// Query sources in the keystroke list.
const (
	fromPrefix = "prefix" // a prefix of a relevance-set keywords query
	fromWords  = "words"  // 1–3 words taken from the synthetic titles
)

// typed is one keystroke query.
type typed struct {
	lang   content.Lang
	text   string
	source string
}

// keystrokeQueries is the timed query list: per language, every prefix
// (rune by rune, as typed, so "v", "va", … "vårdcentral", "vårdcentral ",
// "vårdcentral ö", …) of every keywords query of the relevance set, without
// duplicates; then perLang queries of one, two and three consecutive words
// (a third each) from titles of random items of set in that language.
func keystrokeQueries(rel map[content.Lang][]relevance.Case, set *content.Set, perLang int, seed int64) []typed {
	var out []typed
	for _, lang := range content.Languages {
		seen := map[string]bool{}
		for _, c := range rel[lang] {
			if c.Type != relevance.Keywords {
				continue
			}
			r := []rune(c.Query)
			for i := 1; i <= len(r); i++ {
				p := string(r[:i])
				if strings.TrimSpace(p) == "" || seen[p] {
					continue
				}
				seen[p] = true
				out = append(out, typed{lang, p, fromPrefix})
			}
		}
	}
	rnd := rand.New(rand.NewSource(seed))
	for _, lang := range content.Languages {
		titles := titlesIn(set, lang)
		if len(titles) == 0 {
			continue
		}
		for i := 0; i < perLang; i++ {
			n := 1 + i%3
			var w []string
			for len(w) < n {
				w = words(titles[rnd.Intn(len(titles))])
			}
			at := rnd.Intn(len(w) - n + 1)
			out = append(out, typed{lang, strings.Join(w[at:at+n], " "), fromWords})
		}
	}
	return out
}

// titlesIn lists the titles and names written in lang of set's items.
func titlesIn(set *content.Set, lang content.Lang) []string {
	var t []string
	add := func(x content.Text) {
		if s := x[lang]; s != "" {
			t = append(t, s)
		}
	}
	for _, x := range set.Articles {
		add(x.Title)
	}
	for _, x := range set.Services {
		add(x.Name)
	}
	for _, x := range set.Events {
		add(x.Title)
	}
	for _, x := range set.Projects {
		add(x.Name)
	}
	return t
}

// words splits s into words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
}

// percentile is the p-quantile (0 < p ≤ 1) of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

// latencies holds one engine's timings of a query list.
type latencies struct {
	all    []time.Duration
	by     map[string][]time.Duration // by bucket
	nonEmp int                        // queries with at least one result (last pass)
}

func (l *latencies) add(bucket string, d time.Duration) {
	l.all = append(l.all, d)
	if l.by == nil {
		l.by = map[string][]time.Duration{}
	}
	l.by[bucket] = append(l.by[bucket], d)
}

func (l *latencies) sort() {
	sort.Slice(l.all, func(i, j int) bool { return l.all[i] < l.all[j] })
	for _, b := range l.by {
		sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
	}
}

// bucket names the group a query is reported in.
func bucket(q typed) string {
	if q.source == fromWords {
		return "1–3 words from titles"
	}
	w := strings.Fields(q.text)
	last := []rune(w[len(w)-1])
	switch {
	case strings.HasSuffix(q.text, " "):
		return "prefixes ending in a space"
	case len(last) <= 2:
		return "prefixes, last word 1–2 letters"
	}
	return "prefixes, last word ≥ 3 letters"
}

var buckets = []string{"prefixes, last word 1–2 letters", "prefixes, last word ≥ 3 letters", "prefixes ending in a space", "1–3 words from titles"}
