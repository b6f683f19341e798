package keyboard

import (
	"unicode"

	"github.com/motesplats/motesplats/internal/content"
)

// layout is one language's keyboard.
type layout struct {
	// name is the language's short name in its own script, shown on the
	// key that switches to it.
	name string
	// letters is the caption of the key back from digits: the script's
	// first letters.
	letters string
	// rows are the letter rows in the order of the standard keyboard,
	// first key first; a right-to-left layout shows them mirrored.
	rows []string
	// punct is the last row of the digits page, with the script's own
	// comma and question mark.
	punct string
	rtl   bool
}

// layouts is every keyboard, by the language that chooses it.
//
// Swedish is QWERTY with å ö ä where a Swedish keyboard has them.
// Ukrainian is ЙЦУКЕН with ґ where the ISO key next to є is, and the
// apostrophe ʼ (U+02BC, a letter, so words with it stay whole) on the
// last row. Arabic is the standard PC layout (the ض row, the ش row, and
// ئ ء ؤ ر ى ة و ز ظ) with ذ, and أ إ آ that a PC types with shift; the
// ligature لا is left out, as ل then ا types the same.
var layouts = map[content.Lang]layout{
	content.Swedish: {
		name: "SV", letters: "ABC", punct: `.,?!'"%_`,
		rows: []string{"qwertyuiopå", "asdfghjklöä", "zxcvbnm"},
	},
	content.Ukrainian: {
		name: "УК", letters: "АБВ", punct: `.,?!'"%_`,
		rows: []string{"йцукенгшщзхї", "фівапролджєґ", "ячсмитьбюʼ"},
	},
	content.Arabic: {
		name: "ع", letters: "أبت", punct: `.،؟!'"%_`, rtl: true,
		rows: []string{"ضصثقفغعهخحجد", "شسيبلاتنمكطذ", "أإآئءؤرىةوزظ"},
	},
	content.English: {
		name: "EN", letters: "ABC", punct: `.,?!'"%_`,
		rows: []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"},
	},
}

// cycle is the order the switch key goes through the layouts.
var cycle = []content.Lang{content.Swedish, content.Ukrainian, content.Arabic, content.English}

// digitRows are the first rows of the digits page; the layout's punct
// row follows. Digits run left to right in every layout, as numbers are
// written so in Arabic too.
var digitRows = []string{"1234567890", "@#&-+()/:;"}

// layoutFor is the keyboard for a language; one without its own gets
// Swedish, the language of the place.
func layoutFor(lang content.Lang) (content.Lang, layout) {
	if l, ok := layouts[lang]; ok {
		return lang, l
	}
	return content.Swedish, layouts[content.Swedish]
}

// next is the layout after lang in the switch key's cycle.
func next(lang content.Lang) content.Lang {
	for i, l := range cycle {
		if l == lang {
			return cycle[(i+1)%len(cycle)]
		}
	}
	return cycle[0]
}

// cased reports whether the layout's letters have capitals, and so a
// shift key.
func (l layout) cased() bool {
	for _, row := range l.rows {
		for _, r := range row {
			if unicode.ToUpper(r) != r {
				return true
			}
		}
	}
	return false
}
