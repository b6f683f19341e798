package search

import (
	"slices"
	"strings"
)

// Swedish terms in any script. A visitor who learnt "vårdcentral" or
// "Försäkringskassan" by ear types it in their own script («вардсентрал»,
// «فوردسنترال») or without å, ä, ö. Such a word is transliterated into
// Latin letters (Translit), and both it and every Latin word of the index
// are reduced to a phonetic key (PhoneticKey): the consonants as they
// sound, vowels left out. A query word that finds nothing in its own
// script looks its key up among the keys of the index's Latin words.
//
// The key is deliberately coarse, because the scripts lose different
// things: Arabic writes no short vowels and has no p or v (p→b, v→f),
// Cyrillic writers hear Swedish rs, sj, tj and -tion as ш or ч, and
// everybody doubles letters differently. So:
//
//   - vowels (a e i o u y å ä ö …) are dropped; a word that starts with
//     one keeps a single "a" for it;
//   - v, w, f are f; p, b are b; g, k, c (hard), q, ck are k; c before
//     e, i, y, ä, ö, and z are s; x is ks;
//   - sh, sj, sch, stj, skj, tj, kj, ch, zh and -tion/-sion are s (the
//     Swedish sje- and tje-sounds, Cyrillic ш щ ч ж);
//   - ts and tz inside a word are s (Cyrillic ц);
//   - h after a consonant, and the Cyrillic soft and hard signs, go;
//     dj, gj, hj, lj at the start are j;
//   - a letter repeated (after all of the above) counts once.
//
// "vårdcentral", «вардсентрал», «вордцентраль» and «فوردسنترال» all have
// the key "frdsntrl"; "SFI" and «سفي» "sf".

// Translit writes a Cyrillic or Arabic word in Latin letters the way a
// Swede would read them; a Latin word is returned lower-cased. It is
// meant for matching, not for display.
func Translit(word string) string {
	var b strings.Builder
	rs := []rune(strings.ToLower(word))
	for i, r := range rs {
		start := i == 0 || !isTranslitLetter(rs[i-1])
		if s, ok := cyrillicLatin[r]; ok {
			if strings.ContainsRune("яюєї", r) && (start || strings.ContainsRune("ь'ъ", rs[i-1])) ||
				r == 'є' && rs[i-1] == 'т' || r == 'о' && !start && rs[i-1] == 'ь' {
				// «тьєнстен», «тєнстен»: the Swedish tj of tjänsten.
				b.WriteByte('j')
			}
			b.WriteString(s)
			continue
		}
		if s, ok := arabicLatin(r, start, i == len(rs)-1 || !isTranslitLetter(rs[i+1])); ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isTranslitLetter(r rune) bool { return isWordRune(r) }

var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "j", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "ts", 'ч': "tj", 'ш': "sh", 'щ': "sh", 'ь': "", 'ю': "u",
	'я': "a", 'ё': "o", 'э': "e", 'ы': "i", 'ъ': "", '\'': "",
}

// arabicLatin maps one Arabic letter. The long-vowel letters و and ي are
// consonants (v, j) at the start of a word and vowels inside it; ه and ة
// at the end are the ending -a.
func arabicLatin(r rune, start, end bool) (string, bool) {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ع', 'ء', 'ئ', 'ؤ':
		return "a", true
	case 'و':
		if start {
			return "v", true
		}
		return "o", true
	case 'ي', 'ی':
		if start {
			return "j", true
		}
		return "i", true
	case 'ة':
		return "a", true
	case 'ه':
		if end {
			return "a", true
		}
		return "h", true
	}
	if s, ok := arabicConsonants[r]; ok {
		return s, true
	}
	if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 { // tashkeel, tatweel
		return "", true
	}
	return "", false
}

var arabicConsonants = map[rune]string{
	'ب': "b", 'پ': "p", 'ت': "t", 'ث': "s", 'ج': "g", 'چ': "tj", 'ح': "h", 'خ': "k",
	'د': "d", 'ذ': "z", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d",
	'ط': "t", 'ظ': "z", 'غ': "g", 'ف': "f", 'ڤ': "v", 'ق': "k", 'ك': "k", 'ک': "k",
	'گ': "g", 'ل': "l", 'م': "m", 'ن': "n",
}

// PhoneticKey reduces a word in any script to its phonetic key (see the
// comment at the top of this file).
func PhoneticKey(word string) string {
	return phoneticKey(nil, Translit(word))
}

// phoneticKey appends the key of latin, a lower-case Latin word, to buf.
func phoneticKey(buf []byte, latin string) string {
	s := latin
	if !isASCII(s) {
		var b []byte
		for _, r := range s {
			b = append(b, latinFold(r)...)
		}
		s = string(b)
	}
	out := buf[:0]
	last := byte(0)
	emit := func(c byte) {
		if c == 's' && last == 'r' && len(out) > 1 {
			// Swedish rs is one sound, sj-like: "försäkring" is heard
			// «фошекрінг», «فوشكرينغ».
			out[len(out)-1] = 's'
			last = 's'
			return
		}
		if c != last {
			out = append(out, c)
			last = c
		}
	}
	for _, p := range [...]string{"dj", "gj", "hj", "lj"} {
		if strings.HasPrefix(s, p) {
			s = "j" + s[2:]
			break
		}
	}
	if len(s) > 0 && isVowel(s[0]) {
		emit('a')
	}
	for i := 0; i < len(s); {
		c := s[i]
		rest := s[i:]
		switch {
		case isVowel(c):
			last = 0 // a vowel between two alike consonants keeps both: "kk" of "kök" is not "k"
			i++
			continue
		case strings.HasPrefix(rest, "tion"), strings.HasPrefix(rest, "sion"):
			emit('s')
			last = 0
			i += 3 // the "n" comes next
			continue
		case hasAny(rest, "sch", "stj", "skj"):
			emit('s')
			i += 3
			continue
		case hasAny(rest, "sh", "sj", "tj", "kj", "ch", "zh"):
			emit('s')
			i += 2
			continue
		case hasAny(rest, "ts", "tz") && i > 0 && !strings.HasPrefix(rest, "tsh"):
			emit('s')
			i += 2
			continue
		case hasAny(rest, "ck", "kh", "gh"):
			emit('k')
			i += 2
			continue
		case hasAny(rest, "ph"):
			emit('f')
			i += 2
			continue
		case hasAny(rest, "th"):
			emit('t')
			i += 2
			continue
		}
		switch c {
		case 'v', 'w', 'f':
			emit('f')
		case 'p', 'b':
			emit('b')
		case 'g', 'k', 'q':
			emit('k')
		case 'c':
			if i+1 < len(s) && strings.IndexByte("eiy", s[i+1]) >= 0 {
				emit('s')
			} else {
				emit('k')
			}
		case 'z':
			emit('s')
		case 'x':
			emit('k')
			emit('s')
		case 'h':
			if i == 0 || isVowel(s[i-1]) {
				emit('h')
			}
		case '\'', '-':
		default:
			emit(c)
		}
		i++
	}
	return string(out)
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func hasAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// phonEntry is one Latin word of the index under its phonetic key.
type phonEntry struct {
	key  string
	term int32 // in the exact level
	df   int32
}

// phonTable is every Latin word of the index by phonetic key, sorted by
// key, then by how many documents have the word (most first).
type phonTable []phonEntry

// minPhonKey is the shortest key a Latin word needs to be in the table:
// one consonant says nothing.
const minPhonKey = 2

func buildPhon(p *postings) phonTable {
	var t phonTable
	var buf []byte
	for i, term := range p.terms {
		if !isLatinWord(term) {
			if loose, ok := cyrillicLoose(term); ok {
				t = append(t, phonEntry{looseMark + loose, int32(i), int32(p.df(i))})
			}
			continue
		}
		k := phoneticKey(buf, term)
		buf = []byte(k)[:0]
		if len(k) < minPhonKey {
			continue
		}
		t = append(t, phonEntry{k, int32(i), int32(p.df(i))})
		if spelt := spellAcronym(term); spelt != "" {
			if k := phoneticKey(nil, spelt); k != t[len(t)-1].key {
				t = append(t, phonEntry{k, int32(i), int32(p.df(i))})
			}
		}
	}
	slices.SortFunc(t, func(a, b phonEntry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(b.df - a.df)
	})
	return t
}

// spellAcronym writes an acronym as its letters are said in Swedish, as
// a visitor who heard it writes it: BVC is «бевесе», «بي في سي». An
// acronym here is two to four letters, all consonants but perhaps the
// last (BVC, SFI, LMA); other words give "".
func spellAcronym(term string) string {
	if len(term) < 2 || len(term) > 4 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(term); i++ {
		c := term[i]
		name, ok := letterNames[c]
		if !ok || isVowel(c) && i < len(term)-1 {
			return ""
		}
		b.WriteString(name)
	}
	return b.String()
}

// letterNames are the Swedish names of the letters.
var letterNames = map[byte]string{
	'a': "a", 'b': "be", 'c': "se", 'd': "de", 'e': "e", 'f': "eff", 'g': "ge",
	'h': "hå", 'i': "i", 'j': "ji", 'k': "kå", 'l': "ell", 'm': "em", 'n': "en",
	'o': "o", 'p': "pe", 'q': "ku", 'r': "ärr", 's': "ess", 't': "te", 'u': "u",
	'v': "ve", 'x': "eks", 'y': "y", 'z': "säta",
}

// A Ukrainian word typed on a Russian keyboard, or without its dots,
// has и for і and ї, е for є, г for ґ: «ликарня» is лікарня, «своє» may
// be «свое». Cyrillic words of the index that have one of those letters
// are also in the table under their loose form (cyrillicLoose), marked
// with looseMark so that it never meets a phonetic key.
const looseMark = "\x01"

// cyrillicLoose writes a folded Cyrillic word with і, ї as и, є as е and
// ґ as г; ok is false for a word that has none of them, or is not
// Cyrillic.
func cyrillicLoose(fold string) (string, bool) {
	if !strings.ContainsAny(fold, "іїєґ") {
		return fold, false
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'і', 'ї':
			return 'и'
		case 'є':
			return 'е'
		case 'ґ':
			return 'г'
		}
		return r
	}, fold), true
}

// isLatinWord reports a word of Latin letters (not only digits).
func isLatinWord(s string) bool {
	letter := false
	for _, r := range s {
		if scriptOf(r) != scriptLatin {
			return false
		}
		if r >= 'a' && r <= 'z' || r > 0x7F {
			letter = true
		}
	}
	return letter
}

// Transliterated matches: how many words a key may expand to, and the
// shortest key matched as the start of longer words (a compound: «الاربتس»
// for arbets-).
const (
	phonMaxTerms  = 6
	phonMinPrefix = 4
)

// lookup calls add for the words with key, then, with prefixes and when
// the key is long enough, for the words whose key starts with it, with the
// share of the word's key the query's covers; at most phonMaxTerms in all.
func (t phonTable) lookup(key string, prefixes bool, add func(term int32, share float32)) {
	if len(key) < minPhonKey {
		return
	}
	lo, _ := slices.BinarySearchFunc(t, key, func(e phonEntry, k string) int { return strings.Compare(e.key, k) })
	n := 0
	i := lo
	for ; i < len(t) && t[i].key == key && n < phonMaxTerms; i++ {
		add(t[i].term, 1)
		n++
	}
	if !prefixes || len(key) < phonMinPrefix {
		return
	}
	for ; i < len(t) && strings.HasPrefix(t[i].key, key) && n < phonMaxTerms; i++ {
		if t[i].key != key {
			add(t[i].term, float32(len(key))/float32(len(t[i].key)))
			n++
		}
	}
}

// Keys this long or longer that meet no word exactly or as its start are
// also looked up within fuzzyEdits edits (one per fuzzyPer letters of
// the key), among the keys that share their first two letters: an
// ear hears more than the key forgives («мігрейшн веркет» for
// Migrationsverket, «سوسيالتيانستن» for socialtjänsten).
const (
	fuzzyMinKey = 7
	fuzzyPer    = 5
	fuzzyMax    = 2
)

// fuzzy calls add for the words whose key is within the allowed edits of
// key, nearest first, at most phonMaxTerms, with the share of the word's
// key that matches.
func (t phonTable) fuzzy(key string, add func(term int32, share float32)) {
	if len(key) < fuzzyMinKey || len(key) > maxFuzzyKey {
		return
	}
	edits := min(fuzzyMax, len(key)/fuzzyPer)
	lo, _ := slices.BinarySearchFunc(t, key[:2], func(e phonEntry, k string) int { return strings.Compare(e.key, k) })
	type near struct {
		term  int32
		d     int
		share float32
	}
	var found [phonMaxTerms]near
	n := 0
	for i := lo; i < len(t) && strings.HasPrefix(t[i].key, key[:2]); i++ {
		e := &t[i]
		if len(e.key) > maxFuzzyKey {
			continue
		}
		d := keyDistance(key, e.key, edits)
		if d > edits {
			continue
		}
		x := near{e.term, d, float32(len(e.key)-d) / float32(max(len(e.key), len(key)))}
		// Keep the nearest, then the most common (the table's order).
		j := n
		for j > 0 && found[j-1].d > d {
			j--
		}
		if j == len(found) {
			continue
		}
		if n < len(found) {
			n++
		}
		copy(found[j+1:n], found[j:n-1])
		found[j] = x
	}
	for _, x := range found[:n] {
		add(x.term, x.share)
	}
}

// maxFuzzyKey is the longest key compared by edits.
const maxFuzzyKey = 32

// keyDistance is the optimal-string-alignment distance of two keys, or
// max+1 when it is more than max.
func keyDistance(a, b string, max int) int { return osaDistance([]byte(a), []byte(b), max) }
