package kiosk

import "github.com/motesplats/motesplats/internal/content"

// Session is what one visitor leaves behind on a kiosk. The UI keeps it up
// to date; the idle reset clears it so the next visitor sees none of it.
type Session struct {
	Lang content.Lang
	// Search is the text in the search box.
	Search string
	// Path is the pages the visitor went through, Home first, by page
	// name; Back walks it.
	Path []string
	// Keyboard is the on-screen keyboard layout chosen; empty means the
	// layout of Lang.
	Keyboard string
}

// Reset forgets the visitor: the language goes back to defaultLang and
// the search text, path and keyboard layout are cleared. The path is
// dropped, not truncated, so no screen still holding the old slice can
// see a later visitor's pages appear in it.
func (s *Session) Reset(defaultLang content.Lang) {
	*s = Session{Lang: defaultLang}
}

// IsFresh tells whether the session is as Reset(defaultLang) leaves it.
func (s *Session) IsFresh(defaultLang content.Lang) bool {
	return s.Lang == defaultLang && s.Search == "" && len(s.Path) == 0 && s.Keyboard == ""
}
