// Package i18n turns message ids into text in the reader's language and
// formats dates, times, numbers and relative times for Sweden.
//
// Every word a person reads comes from the catalogs in locales/ (go-i18n
// v2 TOML), including month names and "in 2 days": the Go code only holds
// rules, never words. All four languages are equal; Swedish is only the
// fallback for a language the kiosk does not offer.
package i18n

import (
	"fmt"
	"io/fs"
	"sort"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/locales"
)

// Catalog is every message of the app in every language. It is read-only
// once loaded, so one Catalog serves all screens and goroutines.
type Catalog struct {
	bundle     *goi18n.Bundle
	files      []catalogFile
	localizers map[content.Lang]*Localizer
}

// catalogFile remembers what one file held, so tests can name the file
// that lacks a message.
type catalogFile struct {
	path     string
	lang     content.Lang
	messages []*goi18n.Message
}

// New loads the catalogs embedded in the binary.
func New() (*Catalog, error) { return Load(locales.FS) }

// Load reads every *.toml at the root of fsys. A file for a language the
// kiosk does not offer, or an id defined twice in one language, is an
// error: both are typos that go-i18n would otherwise accept silently.
func Load(fsys fs.FS) (*Catalog, error) {
	paths, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("i18n: no *.toml catalog files")
	}
	c := &Catalog{bundle: goi18n.NewBundle(language.Swedish)}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	defined := map[content.Lang]map[string]string{} // lang → id → path
	for _, p := range paths {
		if err := c.loadFile(fsys, p, defined); err != nil {
			return nil, err
		}
	}
	c.localizers = make(map[content.Lang]*Localizer, len(content.Languages))
	for _, l := range content.Languages {
		c.localizers[l] = newLocalizer(c.bundle, l)
	}
	return c, nil
}

func (c *Catalog) loadFile(fsys fs.FS, path string, defined map[content.Lang]map[string]string) error {
	buf, err := fs.ReadFile(fsys, path)
	if err != nil {
		return err
	}
	mf, err := c.bundle.ParseMessageFileBytes(buf, path)
	if err != nil {
		return fmt.Errorf("i18n: %s: %w", path, err)
	}
	lang := content.Lang(mf.Tag.String())
	if !lang.Known() {
		return fmt.Errorf("i18n: %s: language %q is not one of %v", path, mf.Tag, content.Languages)
	}
	if defined[lang] == nil {
		defined[lang] = map[string]string{}
	}
	for _, m := range mf.Messages {
		if prev, dup := defined[lang][m.ID]; dup {
			return fmt.Errorf("i18n: %s: id %q already defined in %s", path, m.ID, prev)
		}
		defined[lang][m.ID] = path
	}
	c.files = append(c.files, catalogFile{path: path, lang: lang, messages: mf.Messages})
	return nil
}

// For returns the localizer for lang. A language the kiosk does not offer
// gets Swedish, the language of the country the kiosk stands in.
func (c *Catalog) For(lang content.Lang) *Localizer {
	if l, ok := c.localizers[lang]; ok {
		return l
	}
	return c.localizers[content.Swedish]
}

// MessageIDs returns every id defined in any file, sorted.
func (c *Catalog) MessageIDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range c.files {
		for _, m := range f.messages {
			if !seen[m.ID] {
				seen[m.ID] = true
				ids = append(ids, m.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}
