package content

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The text policy: which characters each kind of string field may hold,
// and how large a field may be. It is one policy for every string of every
// kind, checked wherever content enters: validate and build on the
// publisher, every importer, and the kiosk when it applies a shard. It
// exists because a right-to-left override or mark inside a phone number
// or street address reorders what a reader sees ("‮7711‬" shows as 1177)
// while the text still looks harmless in an editor.

// Limits of the source format (docs/content-format.md). The publisher and
// the kiosk enforce the same numbers, so a signed feed cannot make a kiosk
// hold or lay out more than a publisher could have written.
const (
	// MaxItemBytes caps one item as JSON (a source file, or one item of a shard).
	MaxItemBytes = 256 << 10
	// MaxFieldBytes caps one string: one language of a text, a street, a link.
	MaxFieldBytes = 64 << 10
	// MaxWordRunes caps one word of text (characters between white space);
	// a word holding "://" is a link and may be MaxURLBytes long.
	MaxWordRunes = 200
	// MaxURLBytes caps a web address, and a link inside a text.
	MaxURLBytes = 2048
	// MaxTokenBytes caps identifiers and codes (ids, categories, zones, rules).
	MaxTokenBytes = 1024
)

// Class is what a string field holds; it decides which characters the
// field may contain.
type Class int

// The classes of string field.
const (
	// ClassLine is one line of plain text: a title, a name, a street.
	ClassLine Class = iota
	// ClassBody is text of several lines (Markdown): newline and tab allowed.
	ClassBody
	// ClassPhone is a phone number: digits, spaces, + (first), -, ( and ),
	// and an extension after PhoneExtension.
	ClassPhone
	// ClassEmail is an e-mail address, in printable ASCII.
	ClassEmail
	// ClassURL is a web address: no spaces; letters of any script allowed.
	ClassURL
	// ClassToken is an identifier or code: ids, categories, language codes,
	// dates, times, time zones, recurrence rules. Printable ASCII, no spaces.
	ClassToken
	// ClassPostalCode is a Swedish postal code: digits and spaces.
	ClassPostalCode
)

// Violation is the first thing in a string that breaks the policy.
type Violation struct {
	Rune rune // the offending character; 0 when the string as a whole is wrong
	Pos  int  // its position, in characters from 1
	Why  string
	// Code is the problem code: CodePolicyChar for a character (Reason
	// says why), or the whole string's code with its Values in order.
	Code   string
	Reason string
	Values []any
}

// whole is a violation of the string as a whole.
func whole(code string, values ...any) Violation {
	return Violation{Why: fmt.Sprintf(problemTexts[code].format, values...), Code: code, Values: values}
}

// charName is "U+202E (RIGHT-TO-LEFT OVERRIDE)".
func (v Violation) charName() string {
	name := ""
	if n, ok := runeNames[v.Rune]; ok {
		name = " (" + n + ")"
	}
	return fmt.Sprintf("U+%04X%s", v.Rune, name)
}

func (v Violation) String() string {
	if v.Rune == 0 {
		return v.Why
	}
	return fmt.Sprintf("contains %s at character %d: %s", v.charName(), v.Pos, v.Why)
}

// problem is the violation as a problem of a field.
func (v Violation) problem(kind Kind, id, field string) Problem {
	if v.Rune == 0 {
		return NewProblem(kind, id, field, v.Code, v.Values...)
	}
	p := NewProblem(kind, id, field, CodePolicyChar, v.charName(), v.Pos, v.Why)
	p.Args["Reason"] = v.Reason
	return p
}

// runeNames names the characters an attack is most likely to use.
var runeNames = map[rune]string{
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x061C: "ARABIC LETTER MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0x2060: "WORD JOINER",
	0xFFFD: "REPLACEMENT CHARACTER", 0x00AD: "SOFT HYPHEN", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
}

// CheckString checks s against the policy for its class and returns the
// first violation, if any. It reads s once; ASCII and the characters no
// rule is about take a fast path, since the kiosk checks every string of
// every item it applies.
func CheckString(class Class, s string) (Violation, bool) {
	if v, bad := checkSize(class, s); bad {
		return v, true
	}
	if class == ClassPhone {
		s = withoutExtension(s)
	}
	text := class == ClassLine || class == ClassBody
	w := words{s: s}
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		w.pos++
		if !plain(class, r) {
			next := rune(-1)
			if i+size < len(s) {
				next, _ = utf8.DecodeRuneInString(s[i+size:])
			}
			if reason := refusal(class, prev, r, next); reason != "" {
				return Violation{Rune: r, Pos: w.pos, Why: reasonTexts[reason], Code: CodePolicyChar, Reason: reason}, true
			}
		}
		if text {
			if v, bad := w.next(i, r, size); bad {
				return v, true
			}
		}
		prev = r
		i += size
	}
	if text {
		return w.end()
	}
	if class == ClassPhone && s != "" && !strings.ContainsAny(s, "0123456789") {
		return whole(CodePolicyNoDigits, s), true
	}
	return Violation{}, false
}

// PhoneExtension marks an extension after a phone number:
// "08-123 45 67 ext. 123".
const PhoneExtension = " ext. "

// withoutExtension takes a well-formed extension (digits after
// PhoneExtension) off a phone number.
func withoutExtension(s string) string {
	head, ext, ok := strings.Cut(s, PhoneExtension)
	if !ok || ext == "" || strings.Trim(ext, "0123456789") != "" {
		return s
	}
	return head
}

// plain reports whether r needs no further look in a field of class:
// printable ASCII in text, links, codes and addresses, and in text any
// character no rule is about.
func plain(class Class, r rune) bool {
	switch class {
	case ClassLine, ClassBody:
		return (r >= ' ' && r <= '~') || (r >= utf8.RuneSelf && !special(r))
	case ClassEmail, ClassToken, ClassURL:
		return r > ' ' && r <= '~'
	}
	return false
}

var (
	specialOnce sync.Once
	specialBMP  []uint64 // bit r is set when a rule is about r
)

// special reports whether any rule of the policy is about r (refused
// somewhere, or allowed only in some places), from a bitmap of the Basic
// Multilingual Plane made on first use.
func special(r rune) bool {
	if r > 0xFFFF {
		return refusedAnywhere(ClassBody, 'a', r, 'a') != ""
	}
	specialOnce.Do(func() {
		specialBMP = make([]uint64, 0x10000/64)
		for c := rune(0); c <= 0xFFFF; c++ {
			if c == '\n' || c == '\t' || c == 0x200C || c == 0x200D || c == 0x00AD ||
				refusedAnywhere(ClassBody, 'a', c, 'a') != "" {
				specialBMP[c/64] |= 1 << (c % 64)
			}
		}
	})
	return specialBMP[r/64]&(1<<(r%64)) != 0
}

func checkSize(class Class, s string) (Violation, bool) {
	limit := MaxFieldBytes
	switch class {
	case ClassURL, ClassEmail:
		limit = MaxURLBytes
	case ClassToken, ClassPhone, ClassPostalCode:
		limit = MaxTokenBytes
	}
	if len(s) > limit {
		return whole(CodePolicySize, len(s), limit), true
	}
	return Violation{}, false
}

// words finds a word too long to lay out on a screen, as CheckString
// goes through a text.
type words struct {
	s          string
	pos        int // characters read
	start, len int // the current word: its first byte, its length in characters
}

func (w *words) next(i int, r rune, size int) (Violation, bool) {
	if r == ' ' || r == '\n' || r == '\t' || (r >= utf8.RuneSelf && isSpace(r)) {
		v, bad := w.check(i)
		w.start, w.len = i+size, 0
		return v, bad
	}
	w.len++
	return Violation{}, false
}

// isSpace is unicode.IsSpace for characters outside ASCII, without a
// table search.
func isSpace(r rune) bool {
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

func (w *words) end() (Violation, bool) { return w.check(len(w.s)) }

func (w *words) check(end int) (Violation, bool) {
	if w.len <= MaxWordRunes {
		return Violation{}, false
	}
	word := w.s[w.start:end]
	if strings.Contains(word, "://") || strings.Contains(word, "mailto:") {
		if len(word) <= MaxURLBytes {
			return Violation{}, false
		}
		return whole(CodePolicyLink, len(word), MaxURLBytes), true
	}
	at := w.pos - w.len
	if end == len(w.s) {
		at++
	}
	return whole(CodePolicyWord, w.len, at, MaxWordRunes), true
}

// refusal says why r may not stand between prev and next in a field of
// class (a Reason… code), or "" when it may. prev and next are -1 at the ends.
func refusal(class Class, prev, r, next rune) string {
	if why := refusedAnywhere(class, prev, r, next); why != "" {
		return why
	}
	switch class {
	case ClassPhone:
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '-', r == '(', r == ')':
		case r == '+' && prev == -1:
		default:
			return ReasonPhone
		}
	case ClassPostalCode:
		if !(r >= '0' && r <= '9' || r == ' ') {
			return ReasonPostalCode
		}
	case ClassEmail, ClassToken:
		if r <= ' ' || r > '~' {
			return ReasonASCII
		}
	case ClassURL:
		if r <= ' ' || (r > '~' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r)) {
			return ReasonURL
		}
	}
	return ""
}

// refusedAnywhere is what no field may hold: characters that reorder,
// hide or damage what a reader sees.
func refusedAnywhere(class Class, prev, r, next rune) string {
	switch {
	case r == utf8.RuneError:
		return ReasonUTF8
	case isBidiControl(r):
		return ReasonBidi
	case r == '\n' || r == '\t':
		if class != ClassBody {
			return ReasonLineBreak
		}
	case r == 0x200C || r == 0x200D:
		if !joinerNeeded(r, prev, next) || (class != ClassLine && class != ClassBody) {
			return ReasonJoiner
		}
	case r == 0x00AD:
		if !unicode.IsLetter(prev) || !unicode.IsLetter(next) || (class != ClassLine && class != ClassBody) {
			return ReasonSoftHyphen
		}
	case unicode.IsControl(r):
		return ReasonControl
	case unicode.Is(unicode.Cf, r), r == 0x2028, r == 0x2029:
		return ReasonInvisible
	case unicode.Is(unicode.Co, r), unicode.Is(unicode.Noncharacter_Code_Point, r):
		return ReasonPrivateUse
	}
	return ""
}

// isBidiControl reports the marks, embeddings, overrides and isolates of
// the Unicode bidirectional algorithm.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// joiningScripts are the scripts whose spelling needs ZWNJ or ZWJ (Persian
// and Urdu in Arabic script, the Indic scripts, Syriac, Mongolian …).
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian, unicode.Devanagari,
	unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil,
	unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Myanmar, unicode.Khmer,
}

// joinerNeeded reports whether a ZWNJ or ZWJ stands where a script uses
// one: right after a letter or mark of a joining script, and before a
// letter, mark or (Persian) end of word. ZWJ may also join two emoji.
func joinerNeeded(r, prev, next rune) bool {
	if r == 0x200D && unicode.Is(unicode.So, prev) && unicode.Is(unicode.So, next) {
		return true
	}
	if prev < 0 || !unicode.IsOneOf(joiningScripts, prev) || unicode.IsDigit(prev) {
		return false
	}
	return next < 0 || unicode.IsSpace(next) || (unicode.IsOneOf(joiningScripts, next) && !unicode.IsDigit(next))
}

// Clean removes from s what no text may hold (bidi controls and marks,
// control characters other than newline and tab, stray joiners, invisible
// formatting characters, U+FFFD), for importers that take text from
// elsewhere: a mark in an imported phone number is dropped, not kept.
func Clean(s string) string {
	var b strings.Builder
	prev := rune(-1)
	for i, r := range s {
		next := rune(-1)
		if j := i + utf8.RuneLen(r); j < len(s) {
			next, _ = utf8.DecodeRuneInString(s[j:])
		}
		if refusedAnywhere(ClassBody, prev, r, next) == "" {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
