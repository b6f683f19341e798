// Package content is the Mötesplats content model: the kinds of item a kiosk
// shows, their translated texts, and the rules every item must follow.
// It knows nothing of storage, feeds or screens.
package content

import "sort"

// Lang is a language code used for content and the user interface.
type Lang string

// The four languages of Mötesplats. Every one is equal; the order is the
// order in which the language picker shows them.
const (
	Swedish   Lang = "sv"
	Ukrainian Lang = "uk"
	Arabic    Lang = "ar"
	English   Lang = "en"
)

// Languages lists the supported languages in display order.
var Languages = []Lang{Swedish, Ukrainian, Arabic, English}

// Known reports whether l is one of the supported languages.
func (l Lang) Known() bool {
	for _, k := range Languages {
		if k == l {
			return true
		}
	}
	return false
}

// Text is something a person reads, in as many languages as it was written in.
type Text map[Lang]string

// In returns the text for lang using the one fallback rule of the whole app:
// the asked language, then Swedish, then English, then any other language
// (in display order, so the choice is stable). It also returns the language
// it picked, so a screen can mark text that is not in the reader's language.
// An empty Text gives "" and "".
func (t Text) In(lang Lang) (string, Lang) {
	for _, l := range [...]Lang{lang, Swedish, English} {
		if s := t[l]; s != "" {
			return s, l
		}
	}
	for _, l := range Languages {
		if s := t[l]; s != "" {
			return s, l
		}
	}
	// Languages outside the four are kept by the model but shown last.
	var other []string
	for l, s := range t {
		if s != "" {
			other = append(other, string(l))
		}
	}
	if len(other) == 0 {
		return "", ""
	}
	sort.Strings(other)
	return t[Lang(other[0])], Lang(other[0])
}

// String returns the text in lang with fallback, for callers that do not
// care which language was picked.
func (t Text) String(lang Lang) string {
	s, _ := t.In(lang)
	return s
}

// Has reports whether the text exists in exactly lang, without fallback.
func (t Text) Has(lang Lang) bool { return t[lang] != "" }

// Empty reports whether the text has no language at all.
func (t Text) Empty() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}
