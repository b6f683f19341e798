package search

import "strings"

// The stemmers are light and hand-written: they take off the common
// inflection endings (and, for Arabic, the attached prefixes) so that the
// forms of one word meet, and rather leave a word alone than cut into its
// root. A stemmed match always ranks below an exact or folded one, so a
// stemmer may join two words now and then without burying exact hits.
// All of them work on the folded form.

// swedishSuffixes are Snowball's Swedish step 1 endings, plus the
// definite -an, -ans, -et and -ets (skolan, verket) that Snowball leaves
// on, longest first.
var swedishSuffixes = func() []string {
	list := strings.Fields(`heterna hetens anden andes andet arens heten heter arnas ernas ornas
		arna erna orna ande arne aste ades aren ens erns ans ets het ast
		ad ade are en ern ar er or as es at an et a e`)
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && len(list[j]) > len(list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	return list
}()

func isSwedishVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// swedishR1 is where Snowball's region R1 starts: after the first
// non-vowel that follows a vowel, but at least at 3.
func swedishR1(w string) int {
	for i := 1; i < len(w); i++ {
		if !isSwedishVowel(w[i]) && isSwedishVowel(w[i-1]) {
			return max(i+1, 3)
		}
	}
	return len(w)
}

// stemSwedish follows Snowball's Swedish stemmer (steps 1 to 3, inside
// R1) with the -an ending added.
func stemSwedish(w string) string {
	if len(w) < 4 || !isASCII(w) {
		return w
	}
	r1 := swedishR1(w)
	for _, suf := range swedishSuffixes {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= r1 {
			w = w[:len(w)-len(suf)]
			goto step2
		}
	}
	if n := len(w); n-1 >= r1 && w[n-1] == 's' && strings.IndexByte("bcdfghjklmnoprtvy", w[n-2]) >= 0 {
		w = w[:n-1]
	}
step2:
	for _, end := range [...]string{"dd", "gd", "nn", "dt", "gt", "kt", "tt"} {
		if strings.HasSuffix(w, end) && len(w)-2 >= r1 {
			w = w[:len(w)-1]
			break
		}
	}
	for _, suf := range [...]string{"lig", "els", "ig"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= r1 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func hasVowel(w string) bool {
	return strings.ContainsAny(w, "aeiouy")
}

// stemEnglish takes off plural, possessive, -ed and -ing endings and a
// final e, so that centre/centres, apply/applies/applied/applying and
// course/courses meet.
func stemEnglish(w string) string {
	if len(w) < 4 || !isASCII(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4 && hasVowel(w[:len(w)-2]) && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:len(w)-2])
	case strings.HasSuffix(w, "ing") && len(w) > 5 && hasVowel(w[:len(w)-3]):
		w = undouble(w[:len(w)-3])
	}
	if strings.HasSuffix(w, "ation") && len(w) >= 9 {
		w = w[:len(w)-5] // vaccination → vaccin, as vaccine
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// undouble takes one letter off a doubled final consonant (running → run).
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && strings.IndexByte("bdfgmnprt", w[n-1]) >= 0 {
		return w[:n-1]
	}
	return w
}

// ukrainianEndings are the common noun and adjective endings. Verb
// endings are left alone: -ла, -ти and the like end too many nouns
// (школа, діти).
var ukrainianEndings = splitRunes(
	"ього", "ьому",
	"ами", "ями", "ого", "ому", "ими", "іми", "ові", "еві", "єві", "ьої", "ьою",
	"ом", "ем", "єм", "ам", "ям", "ах", "ях", "ів", "їв", "ей", "ій", "ий", "их", "іх", "им", "ім",
	"ою", "ею", "єю", "ої",
	"а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "й", "ь",
)

var ukrainianReflexive = splitRunes("ся", "сь")

// stemUkrainian takes off the reflexive particle and then the longest
// ending that leaves at least three letters: сім'я, сім'ї, сім'ю → сім;
// школа, школи, школою → школ; вагітність, вагітності → вагітност. A word of three letters or fewer is left
// alone, so мій and край keep their й.
func stemUkrainian(w []rune) string {
	for _, r := range ukrainianReflexive {
		if len(w)-len(r) >= 4 && hasSuffixRunes(w, r) {
			w = w[:len(w)-len(r)]
			break
		}
	}
	for _, e := range ukrainianEndings {
		if len(w)-len(e) >= 3 && hasSuffixRunes(w, e) {
			w = w[:len(w)-len(e)]
			break
		}
	}
	// The і of -ість is о in the other cases (вагітність, вагітності).
	if n := len(w); n >= 5 && w[n-3] == 'і' && w[n-2] == 'с' && w[n-1] == 'т' {
		w[n-3] = 'о'
	}
	return string(w)
}

// Arabic clitics, in folded form. The definite prefixes (with the
// conjunctions and prepositions that go before them) are taken off as
// Lucene's light stemmer does; a single-letter prefix (و ف ب ك ل) is
// ambiguous (بلدية starts with ب but has none), so it gives a second stem.
var (
	arabicDefinite = splitRunes("وال", "بال", "كال", "فال", "لل", "ال")
	arabicSingle   = splitRunes("و", "ف", "ب", "ك", "ل")
	arabicSuffixes = [][]rune{
		[]rune("ها"), []rune("هم"), []rune("كم"), []rune("ان"), []rune("ات"), []rune("ون"), []rune("ين"),
		[]rune("يه"), []rune("ه"), []rune("ي"),
	}
)

// maxStems is the most stems a word has.
const maxStems = 4

// arabicPronouns are the possessive suffixes after which a noun's ة is
// written ت: إقامة → إقامتي, شهادة → بشهادتي.
var arabicPronouns = splitRunes("كما", "كم", "كن", "هما", "هم", "هن", "ها", "نا", "ك", "ه", "ي")

// stemArabic returns the light stems of w (folded, so without the
// definite article) in out: with the suffixes taken off; without a
// one-letter clitic, when w may start with one (لجمع → لجمع, جمع); and
// for a word in ت plus a pronoun, the stem of the noun in ة (إقامتي →
// اقام, as إقامة). Stems keep at least two letters, three after a
// one-letter clitic.
func stemArabic(w []rune, out *[maxStems]string) []string {
	stems := out[:0]
	add := func(s []rune) {
		if len(s) < 2 || len(stems) == maxStems {
			return
		}
		for _, have := range stems {
			if have == string(s) {
				return
			}
		}
		stems = append(stems, string(s))
	}
	stem := func(base []rune, min int) {
		add(arabicSuffix(base, min))
		if noun := arabicNounOf(base); noun != nil {
			add(arabicSuffix(noun, min))
		}
	}
	stem(arabicDefinitePrefix(w), 2)
	for _, p := range arabicSingle {
		if len(w)-len(p) >= 3 && hasPrefixRunes(w, p) {
			if rest := arabicDefinitePrefix(w[len(p):]); len(rest) >= 3 {
				stem(rest, 3)
			}
			break
		}
	}
	return stems
}

// arabicNounOf returns the noun in ة (folded: ه) that w would be with a
// pronoun suffix after its ت, or nil.
func arabicNounOf(w []rune) []rune {
	for _, p := range arabicPronouns {
		n := len(w) - len(p)
		if n >= 3 && hasSuffixRunes(w, p) && w[n-1] == 'ت' {
			noun := append([]rune{}, w[:n-1]...)
			return append(noun, 'ه')
		}
	}
	return nil
}

func arabicDefinitePrefix(w []rune) []rune {
	for _, p := range arabicDefinite {
		if len(w)-len(p) >= 2 && hasPrefixRunes(w, p) {
			return w[len(p):]
		}
	}
	return w
}

// arabicSuffix takes off up to two endings (جمعيات → جمعي → جمع), each
// leaving at least min letters.
func arabicSuffix(w []rune, min int) []rune {
	stripped := 0
	for _, s := range arabicSuffixes {
		if stripped < 2 && len(w)-len(s) >= min && hasSuffixRunes(w, s) {
			w = w[:len(w)-len(s)]
			stripped++
		}
	}
	return w
}
