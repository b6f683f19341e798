package i18n

import (
	"maps"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/motesplats/motesplats/internal/content"
)

// Localizer gives text, formats and sort order in one language.
// It is safe for concurrent use.
type Localizer struct {
	lang content.Lang
	loc  *goi18n.Localizer

	// A collate.Collator keeps scratch buffers and is not safe for
	// concurrent use; sorting is rare and short, so a mutex is cheaper
	// than a collator per call.
	mu  sync.Mutex
	col *collate.Collator

	// plain keeps the messages T gave without data, id → text: a screen
	// asks for its captions at every build, and go-i18n looks each up
	// and runs its template every time (a tenth of opening a project's
	// screen). The catalog never changes under a Localizer.
	plain sync.Map
}

func newLocalizer(b *goi18n.Bundle, lang content.Lang) *Localizer {
	tag := language.Make(string(lang))
	return &Localizer{
		lang: lang,
		loc:  goi18n.NewLocalizer(b, tag.String()),
		col:  collate.New(tag),
	}
}

// Lang is the language this localizer writes.
func (l *Localizer) Lang() content.Lang { return l.lang }

// T returns the message id with data filled in ({{.Name}} in the catalog
// reads data["Name"]); data may be nil.
//
// T never fails on screen: a message missing in this language falls back
// to Swedish, and a message missing everywhere shows its id, so a gap is
// visible and searchable instead of a blank label. The completeness test
// keeps both from reaching a release.
func (l *Localizer) T(id string, data map[string]any) string {
	if data == nil {
		if s, ok := l.plain.Load(id); ok {
			return s.(string)
		}
	}
	s, _ := l.localize(id, nil, data)
	s = orID(s, id)
	if data == nil {
		l.plain.Store(id, s)
	}
	return s
}

// N returns the plural message id in the CLDR plural form for count in
// this language. The catalog reads count as {{.Count}}.
func (l *Localizer) N(id string, count int, data map[string]any) string {
	d := maps.Clone(data)
	if d == nil {
		d = make(map[string]any, 1)
	}
	d["Count"] = count
	s, _ := l.localize(id, count, d)
	return orID(s, id)
}

// localize returns go-i18n's best effort text and its error; tests use the
// error to prove every message renders in every language.
func (l *Localizer) localize(id string, count any, data map[string]any) (string, error) {
	cfg := &goi18n.LocalizeConfig{MessageID: id, PluralCount: count}
	if data != nil {
		cfg.TemplateData = data
	}
	return l.loc.Localize(cfg)
}

func orID(s, id string) string {
	if s == "" {
		return id
	}
	return s
}

// Compare orders a and b the way a reader of this language expects:
// Swedish puts å ä ö after z, English files å with a, Ukrainian puts ґ
// after г. It returns -1, 0 or 1.
func (l *Localizer) Compare(a, b string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.col.CompareString(a, b)
}

// SortStrings sorts s in place in this language's order.
func (l *Localizer) SortStrings(s []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.col.SortStrings(s)
}
