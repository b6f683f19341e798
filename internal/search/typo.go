package search

import (
	"slices"
	"unicode/utf8"
)

// Typos: a query word of five letters or more also matches the words one
// edit away (a letter missing, extra, changed, or two letters swapped:
// Damerau–Levenshtein distance 1). Candidates are found SymSpell's way:
// every indexed word of five letters or more is stored under a hash of
// each of its one-letter deletions, so a query word needs only its own
// deletions looked up, never a scan of the vocabulary. Hash collisions
// are harmless: every candidate is checked.
const (
	typoMinLen   = 5 // letters a query word needs before typos are tried
	typoMaxCands = 16
)

type typoIndex struct {
	// terms are the folded words of four letters or more, sorted: a query
	// word with one letter too many is one of them after a deletion.
	terms []string
	// dels are (hash of a deletion, index in terms), sorted by hash.
	dels []deletion
}

type deletion struct {
	hash uint64
	term uint32
}

func buildTypo(folds []string) typoIndex {
	var t typoIndex
	for _, s := range folds {
		if utf8.RuneCountInString(s) >= typoMinLen-1 {
			t.terms = append(t.terms, s)
		}
	}
	slices.Sort(t.terms)
	for i, s := range t.terms {
		if utf8.RuneCountInString(s) < typoMinLen {
			continue
		}
		for p := 0; p < len(s); {
			_, n := utf8.DecodeRuneInString(s[p:])
			t.dels = append(t.dels, deletion{hashWithout(s, p, n), uint32(i)})
			p += n
		}
	}
	slices.SortFunc(t.dels, func(a, b deletion) int {
		switch {
		case a.hash < b.hash:
			return -1
		case a.hash > b.hash:
			return 1
		}
		return int(a.term) - int(b.term)
	})
	return t
}

// hashWithout is the FNV-1a hash of s without the n bytes at p.
func hashWithout(s string, p, n int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		if i == p {
			i += n - 1
			continue
		}
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// candidates returns the indexed words one edit away from q (a folded
// word), at most typoMaxCands, appended to out.
func (t *typoIndex) candidates(q string, out []string) []string {
	if utf8.RuneCountInString(q) < typoMinLen {
		return out
	}
	add := func(s string) {
		if s == q || len(out) >= typoMaxCands || slices.Contains(out, s) || !oneEdit(q, s) {
			return
		}
		out = append(out, s)
	}
	// q with one letter too many: a deletion of q is a word.
	buf := make([]byte, 0, len(q))
	for p := 0; p < len(q); {
		_, n := utf8.DecodeRuneInString(q[p:])
		buf = append(append(buf[:0], q[:p]...), q[p+n:]...)
		if i, ok := slices.BinarySearch(t.terms, string(buf)); ok {
			add(t.terms[i])
		}
		p += n
	}
	// q with a letter missing: q is a deletion of a word. q with a letter
	// changed, or two swapped: q and the word share a deletion.
	t.lookup(hashWithout(q, -1, 0), add)
	for p := 0; p < len(q); {
		_, n := utf8.DecodeRuneInString(q[p:])
		t.lookup(hashWithout(q, p, n), add)
		p += n
	}
	return out
}

func (t *typoIndex) lookup(h uint64, add func(string)) {
	i, _ := slices.BinarySearchFunc(t.dels, h, func(d deletion, h uint64) int {
		switch {
		case d.hash < h:
			return -1
		case d.hash > h:
			return 1
		}
		return 0
	})
	for ; i < len(t.dels) && t.dels[i].hash == h; i++ {
		add(t.terms[t.dels[i].term])
	}
}

// oneEdit reports whether a and b are at Damerau–Levenshtein distance
// exactly 1.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 1: // one letter more in ra
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return slices.Equal(ra[i+1:], rb[i:])
	case 0:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		if i == len(ra) {
			return false
		}
		if slices.Equal(ra[i+1:], rb[i+1:]) {
			return true // changed
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && slices.Equal(ra[i+2:], rb[i+2:])
	}
	return false
}
