package search

import (
	"unicode"
	"unicode/utf8"
)

// tokenizer splits text into words: runs of letters, digits and combining
// marks, with apostrophes kept between letters ("сім'я", "women's").
// Everything else separates words. It never allocates: words are slices of
// the text.
type tokenizer struct {
	s string
	i int
	// prevEnd is where the previous word ended, so a word right after
	// "word-" can be told apart (CV-verkstad, bank-id).
	prevEnd int
}

// word is one word of a text.
type word struct {
	text string
	// hyphened is set when the word follows the previous one with a
	// single hyphen between them.
	hyphened bool
	// partial is set when the word runs to the very end of the text: a
	// query's last word is then still being typed.
	partial bool
}

// asciiWord marks the ASCII bytes that are part of a word.
var asciiWord = func() (t [128]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// isApostrophe reports the characters people use as an apostrophe: the
// ASCII one, the typographic ’ and ‘, the modifier letter ʼ that Ukrainian
// orthography prescribes, the backtick and the prime.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02BC', '`', '\u2032':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	if r < rune(len(smallWord)) {
		return smallWord[r]
	}
	return wordRune(r)
}

func wordRune(r rune) bool {
	return r != '\u02BC' && // a letter in Unicode, an apostrophe to us
		(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// smallWord is wordRune for the two-byte runes, which cover the Latin,
// Cyrillic and Arabic letters: a table is several times faster than the
// unicode package's range lookups.
var smallWord = func() (t [0x800]bool) {
	for r := range t {
		t[r] = wordRune(rune(r))
	}
	return t
}()

// decode returns the rune at i and its width, with fast paths for one
// and two bytes.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) {
		if c2 := s[i+1]; c2&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c2&0x3F), 2
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// next returns the next word, or ok false at the end of the text.
func (t *tokenizer) next() (w word, ok bool) {
	s := t.s
	for t.i < len(s) {
		if c := s[t.i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			t.i++
			continue
		}
		r, n := decode(s, t.i)
		if isWordRune(r) {
			break
		}
		t.i += n
	}
	if t.i >= len(s) {
		return word{}, false
	}
	start := t.i
	// Arabic script and Latin letters or digits written together are two
	// words: وBankID is و and BankID.
	arabic, latin := false, false
	for t.i < len(s) {
		c := s[t.i]
		if c < utf8.RuneSelf && asciiWord[c] { // the common case, inline
			if arabic {
				break
			}
			latin = true
			t.i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = decode(s, t.i)
		}
		if isWordRune(r) {
			isArabic := scriptOf(r) == scriptArabic
			if (isArabic && latin) || (!isArabic && arabic) {
				break
			}
			arabic, latin = isArabic, !isArabic
			t.i += n
			continue
		}
		if isApostrophe(r) {
			// Kept between letters, and at the very end of a query
			// ("сім'" is on its way to "сім'я").
			if t.i+n == len(s) {
				t.i += n
				break
			}
			if r2, _ := decode(s, t.i+n); isWordRune(r2) {
				t.i += n
				continue
			}
		}
		break
	}
	w = word{
		text:     s[start:t.i],
		hyphened: t.prevEnd > 0 && start == t.prevEnd+1 && s[t.prevEnd] == '-',
		partial:  t.i == len(s),
	}
	t.prevEnd = t.i
	return w, true
}
