package search

import (
	"runtime"
	"strings"
	"unicode/utf8"
)

// Hints for a search that found nothing: the closest spelling the index
// knows, and the topics of the concepts the query's words hit.

// suggestMaxEdits is how far (Damerau–Levenshtein) a suggested word may
// be from a typed one; words of under five letters get one edit.
const suggestMaxEdits = 2

// Suggest returns the query with each word the index does not know
// replaced by the closest word it does (most documents first among the
// equally close), or "" when it has nothing better. It scans the
// vocabulary, so it is meant for a search that found nothing, not for
// every keystroke.
func (ix *Index) Suggest(text string) string {
	if ix == nil {
		return ""
	}
	defer runtime.KeepAlive(ix) // its postings may be views of a mapping (mapped.go)
	t := tokenizer{s: text}
	var out []string
	changed := false
	var a wordAnalysis
	for {
		w, ok := t.next()
		if !ok {
			break
		}
		a.analyze(w.text, analyzeSwedish)
		word := string(a.exact)
		if !a.stop && !ix.knows(string(a.exact), string(a.fold)) {
			if s := ix.closest(string(a.fold)); s != "" {
				word, changed = s, true
			}
		}
		out = append(out, word)
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}

func (ix *Index) knows(exact, fold string) bool {
	_, e := ix.levels[levelExact].lookup(exact)
	_, f := ix.levels[levelFold].lookup(fold)
	return e || f
}

// closest is the exact-level word nearest to fold (compared folded).
func (ix *Index) closest(fold string) string {
	q := []rune(fold)
	maxEdits := suggestMaxEdits
	if len(q) < typoMinLen {
		maxEdits = 1
	}
	if len(q) < 3 {
		return ""
	}
	p := &ix.levels[levelExact]
	best, bestDist, bestDF := "", maxEdits+1, 0
	var buf []byte
	var r []rune
	for i, term := range p.terms {
		n := utf8.RuneCountInString(term)
		if n < len(q)-maxEdits || n > len(q)+maxEdits || (len(term) > 0 && !sameScript(term, fold)) {
			continue
		}
		buf = foldForm(buf[:0], []byte(term), scriptOfWord(term))
		r = append(r[:0], []rune(string(buf))...)
		d := editDistance(q, r, maxEdits)
		if d > maxEdits {
			continue
		}
		if d < bestDist || (d == bestDist && p.df(i) > bestDF) {
			best, bestDist, bestDF = term, d, p.df(i)
		}
	}
	if bestDist == 0 { // only the fold differs: the word is known
		return ""
	}
	return best
}

func scriptOfWord(s string) script {
	for _, r := range s {
		if sc := scriptOf(r); sc != scriptLatin {
			return sc
		}
	}
	return scriptLatin
}

func sameScript(a, b string) bool { return scriptOfWord(a) == scriptOfWord(b) }

// editDistance is the optimal-string-alignment distance of a and b, or
// max+1 when it is more than max.
func editDistance(a, b []rune, max int) int { return osaDistance(a, b, max) }

// osaDistance is the optimal-string-alignment distance (Levenshtein plus
// swaps of neighbours) of a and b, or max+1 when it is more than max. It
// stops as soon as a whole row is over max, and keeps its rows on the
// stack for short words, since it runs for every near word of a keystroke.
func osaDistance[E comparable](a, b []E, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	n := len(b) + 1
	var buf [3 * 33]int
	rows := buf[:]
	if 3*n > len(buf) {
		rows = make([]int, 3*n)
	}
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

// ConceptTopics returns the topics (ids) of the concepts the words of text
// hit, in the order of the list, without repeats.
func (ix *Index) ConceptTopics(text string) []string {
	if ix == nil || ix.concepts == nil {
		return nil
	}
	defer runtime.KeepAlive(ix) // its postings may be views of a mapping (mapped.go)
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	words := ix.queryWords(sc, Query{Text: text})
	keys := make([][]string, len(words))
	partial := make([]bool, len(words))
	for i, w := range words {
		keys[i], partial[i] = w.keys, w.partial
	}
	var out []string
	hits, _ := ix.concepts.match(keys, partial)
	for _, cs := range hits {
		for _, c := range cs {
			for _, t := range ix.concepts.concepts[c].topics {
				if !contains(out, t) {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
