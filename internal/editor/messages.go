package editor

import (
	"strings"
	"sync"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
)

// The editor's own words are in the message catalogs
// (locales/editor.*.toml), in all four languages like the content; the
// code names them by short keys ("publish.ok", "f.title"), which catalogID
// turns into the catalog's ids (EditorPublishOk, EditorFieldTitle).

var loadCatalog = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.New() })

// definedIDs are the catalog's ids, for msgOr.
var definedIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	if c, err := loadCatalog(); err == nil {
		for _, id := range c.MessageIDs() {
			ids[id] = true
		}
	}
	return ids
})

// catalogID is the catalog id of a message key.
func catalogID(key string) string {
	parts := strings.Split(key, ".")
	if parts[0] == "f" {
		parts[0] = "field"
	}
	var b strings.Builder
	b.WriteString("Editor")
	for _, p := range parts {
		if p == "" {
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// uiLang is a page's interface language: one of the four, else Swedish.
func uiLang(ui string) content.Lang {
	if l := content.Lang(ui); l.Known() {
		return l
	}
	return content.Swedish
}

// msg is a message in the interface language ui; the key itself when the
// catalogs lack it (the catalog test keeps that from shipping).
func msg(ui, key string) string { return msgData(ui, key, nil) }

// msgData is msg for a message with placeholders ({{.Name}}).
func msgData(ui, key string, data map[string]any) string {
	c, err := loadCatalog()
	if err != nil {
		return key
	}
	id := catalogID(key)
	if text := c.For(uiLang(ui)).T(id, data); text != id {
		return text
	}
	return key
}

// msgOr is msg for an optional message: "" when there is none.
func msgOr(ui, key string) string {
	if !definedIDs()[catalogID(key)] {
		return ""
	}
	return msg(ui, key)
}

// dirOfUI is the writing direction of the interface: Arabic is right to
// left.
func dirOfUI(ui string) string { return dirOf(uiLang(ui)) }
