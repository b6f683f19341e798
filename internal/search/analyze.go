package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/motesplats/motesplats/internal/content"
)

// analyzer is the set of rules a word is analysed with. It follows the
// word's script: Arabic script is always Arabic and Cyrillic always
// Ukrainian, whatever the language of the text around it; Latin words are
// Swedish or English.
type analyzer uint8

const (
	analyzeSwedish analyzer = iota
	analyzeEnglish
	analyzeUkrainian
	analyzeArabic
)

// script is the writing system of a word.
type script uint8

const (
	scriptLatin script = iota // Latin letters, digits, anything else
	scriptCyrillic
	scriptArabic
)

func scriptOf(r rune) script {
	switch {
	case r < 0x0400:
		return scriptLatin
	case r <= 0x052F:
		return scriptCyrillic
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return scriptArabic
	}
	return scriptLatin
}

// latinAnalyzer is the analyzer for Latin words in a text of lang: the
// text's own language for Swedish and English, Swedish otherwise (Latin
// words in Arabic or Ukrainian text are mostly Swedish names: SFI,
// Migrationsverket, folkbokförd).
func latinAnalyzer(lang content.Lang) analyzer {
	if lang == content.English {
		return analyzeEnglish
	}
	return analyzeSwedish
}

// Word is one word of a text at the three levels it is indexed at.
type Word struct {
	// Exact is the word lower-cased, in NFC, with Arabic tashkeel and
	// tatweel removed, Arabic-Indic digits as ASCII digits and every
	// apostrophe as '.
	Exact string
	// Folded is what a reader may type instead: Latin letters without
	// diacritics, Ukrainian without apostrophes, Arabic with one alef,
	// ي for ى, ه for ة and without the definite article. It equals Exact
	// when there is nothing to fold.
	Folded string
	// Stems are the word's light stems (at most maxStems; none equal to
	// Folded). Arabic words whose first letter may be a clitic (و ف ب ك ل)
	// get one stem with it and one without; a word that may be a noun in ة
	// with a pronoun (إقامتي, my residence) also gets the noun's stem.
	Stems []string
	// Stop marks a word too common in its language to mean anything on
	// its own (och, the, як, في). Stop words are not indexed.
	Stop bool
}

// Analyze splits text into words and analyses each by its script, as the
// index does for a text written in lang. It is exported for tests and for
// tools that compare this engine with others.
func Analyze(lang content.Lang, text string) []Word {
	var out []Word
	var a wordAnalysis
	t := tokenizer{s: text}
	for {
		w, ok := t.next()
		if !ok {
			return out
		}
		a.analyze(w.text, latinAnalyzer(lang))
		out = append(out, a.word())
	}
}

// wordAnalysis holds one word's forms; its buffers are reused from word to
// word.
type wordAnalysis struct {
	script   script
	analyzer analyzer
	exact    []byte
	fold     []byte
	stems    [maxStems]string
	nstems   int
	stop     bool
	runes    []rune
	arabic   [maxStems]string
}

func (a *wordAnalysis) word() Word {
	w := Word{Exact: string(a.exact), Folded: string(a.fold), Stop: a.stop}
	w.Stems = append(w.Stems, a.stems[:a.nstems]...)
	return w
}

// analyze fills a with the forms of raw, a word from the tokenizer. Latin
// words are analysed with latin.
func (a *wordAnalysis) analyze(raw string, latin analyzer) {
	a.exact, a.script = exactForm(a.exact[:0], raw)
	switch a.script {
	case scriptArabic:
		a.analyzer = analyzeArabic
	case scriptCyrillic:
		a.analyzer = analyzeUkrainian
	default:
		a.analyzer = latin
	}
	a.fold = foldForm(a.fold[:0], a.exact, a.script)
	a.stop = isStop(a.analyzer, a.exact, a.fold)
	a.stemWith(a.analyzer)
}

// stemWith recomputes the stems with another analyzer (a Latin query word
// is stemmed as Swedish and as English).
func (a *wordAnalysis) stemWith(an analyzer) {
	a.nstems = 0
	fold := string(a.fold)
	add := func(s string) {
		if s == "" || s == fold {
			return
		}
		for _, have := range a.stems[:a.nstems] {
			if have == s {
				return
			}
		}
		a.stems[a.nstems] = s
		a.nstems++
	}
	switch an {
	case analyzeSwedish:
		add(stemSwedish(fold))
	case analyzeEnglish:
		add(stemEnglish(fold))
	case analyzeUkrainian:
		a.runes = append(a.runes[:0], []rune(fold)...)
		add(stemUkrainian(a.runes))
	case analyzeArabic:
		a.runes = append(a.runes[:0], []rune(fold)...)
		for _, s := range stemArabic(a.runes, &a.arabic) {
			add(s)
		}
	}
}

// exactForm appends the exact form of raw to buf and tells its script.
func exactForm(buf []byte, raw string) ([]byte, script) {
	if !norm.NFC.IsNormalString(raw) {
		// Decomposed input (и + U+0306 for й, a + U+030A for å, ا + U+0654
		// for أ): compose, so it meets the precomposed spelling.
		raw = norm.NFC.String(raw)
	}
	sc := scriptLatin
	hasLatinLetter := false
	for i := 0; i < len(raw); {
		r, n := decode(raw, i)
		i += n
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r == '`':
				r = '\''
			}
			hasLatinLetter = hasLatinLetter || r >= 'a'
			buf = append(buf, byte(r))
			continue
		}
		switch s := scriptOf(r); {
		case s == scriptArabic:
			sc = scriptArabic
			r = arabicExact(r)
			if r < 0 {
				continue
			}
		case s == scriptCyrillic:
			if sc != scriptArabic {
				sc = scriptCyrillic
			}
		case isApostrophe(r):
			r = '\''
		case unicode.IsLetter(r):
			hasLatinLetter = true
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	if sc == scriptCyrillic && hasLatinLetter {
		buf = cyrillicLookalikes(buf)
	}
	return buf, sc
}

// arabicExact maps one Arabic-script rune to its exact form: -1 drops
// tashkeel (U+064B–U+065F, U+0670) and tatweel (U+0640), Arabic-Indic
// digits become ASCII digits.
func arabicExact(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
		return -1
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0
	}
	return r
}

// cyrillicLookalikes replaces Latin letters that look like Cyrillic ones
// inside a Cyrillic word: "шкoла" typed with a Latin o is "школа".
func cyrillicLookalikes(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for _, r := range string(b) {
		if c, ok := lookalike[r]; ok {
			r = c
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

var lookalike = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х',
	'y': 'у', 'k': 'к', 'm': 'м', 't': 'т', 'h': 'н', 'b': 'в', 'ï': 'ї',
}

// foldForm appends the folded form of exact, a word in script sc, to buf.
func foldForm(buf, exact []byte, sc script) []byte {
	switch sc {
	case scriptArabic:
		start := len(buf)
		for _, r := range string(exact) {
			buf = utf8.AppendRune(buf, arabicFold(r))
		}
		buf = stripArabicDefinite(buf, start)
	case scriptCyrillic:
		for _, r := range string(exact) {
			switch r {
			case '\'', 'ъ': // ъ stands in for the apostrophe on Russian keyboards
				continue
			case 'ё', 'э':
				r = 'е'
			case 'ы':
				r = 'и'
			}
			buf = utf8.AppendRune(buf, r)
		}
	default:
		for i := 0; i < len(exact); {
			c := exact[i]
			if c < utf8.RuneSelf {
				if c != '\'' {
					buf = append(buf, c)
				}
				i++
				continue
			}
			r, n := utf8.DecodeRune(exact[i:])
			i += n
			buf = append(buf, latinFold(r)...)
		}
	}
	return buf
}

// stripArabicDefinite takes the definite article, with a conjunction or
// preposition before it (ال وال بال كال فال لل), off the Arabic word in
// buf[start:]: الأسرة and أسرة are one word, the one in a title, the other
// in a question. At least two letters stay.
func stripArabicDefinite(buf []byte, start int) []byte {
	w := buf[start:]
	for _, p := range arabicDefiniteBytes {
		if len(w) >= len(p)+4 && string(w[:len(p)]) == p { // 4 bytes: two letters
			n := copy(w, w[len(p):])
			return buf[:start+n]
		}
	}
	return buf
}

var arabicDefiniteBytes = []string{"وال", "بال", "كال", "فال", "لل", "ال"}

// arabicFold makes the letters readers write for one another equal: the
// alef forms, alef maqsura and ya, ta marbuta and ha, hamza on waw and ya
// carriers, and the Persian kaf and ya.
func arabicFold(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ئ':
		return 'ي'
	case 'ة', 'ۀ':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ک':
		return 'ك'
	}
	return r
}

// latinFolds maps Latin letters with diacritics to their base letters. It
// is made once with x/text: decompose (NFD), drop the combining marks,
// recompose; plus the letters that do not decompose (ø, æ, ß …). Only
// Latin words are folded so: й (и + breve) and ї (і + diaeresis) are
// Ukrainian letters, not decorated ones.
var latinFolds = func() map[rune]string {
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	m := map[rune]string{
		'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ł': "l", 'þ': "th", 'ð': "d", 'ı': "i",
	}
	for r := rune(0xC0); r <= 0x24F; r++ {
		if _, ok := m[r]; ok || !unicode.IsLower(r) {
			continue
		}
		s, _, err := transform.String(strip, string(r))
		if err == nil && s != string(r) {
			m[r] = s
		}
	}
	return m
}()

func latinFold(r rune) string {
	if s, ok := latinFolds[r]; ok {
		return s
	}
	return string(r)
}

// hasPrefixRunes reports whether w starts with p.
func hasPrefixRunes(w, p []rune) bool {
	if len(w) < len(p) {
		return false
	}
	for i := range p {
		if w[i] != p[i] {
			return false
		}
	}
	return true
}

func hasSuffixRunes(w, s []rune) bool {
	if len(w) < len(s) {
		return false
	}
	off := len(w) - len(s)
	for i := range s {
		if w[off+i] != s[i] {
			return false
		}
	}
	return true
}

// splitRunes turns a list of strings into rune slices, longest first, so
// the longest affix is tried first.
func splitRunes(list ...string) [][]rune {
	out := make([][]rune, len(list))
	for i, s := range list {
		out[i] = []rune(s)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
