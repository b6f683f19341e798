package app

import (
	"path/filepath"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// searchResultsShown is how many results a search screen lists.
const searchResultsShown = 50

// searchMaxLength caps a query: longer ones find nothing more, and the
// field must never grow past the screen.
const searchMaxLength = 80

// indexContent brings the search index up to the store's version in the
// background: it loads the index saved in the data folder when that is of
// the same version, else builds (and saves) one. Until the new index is in
// use searches use the old one, so typing never waits; then the search
// screen, if it is up, runs its query again.
func (u *UI) indexContent() {
	if u.find == nil {
		u.find = &search.Live{CacheFile: filepath.Join(u.lib.Dir, search.CacheFileName)}
		u.find.Ready = func(*search.Index) {
			// Building decoded the whole version; hand that memory back
			// to the system now rather than keep it for a kiosk's idle
			// hours.
			debug.FreeOSMemory()
			fyne.Do(func() {
				if u.indexReady != nil {
					u.indexReady()
				}
			})
		}
	}
	u.find.Refresh(u.lib.Store)
}

// searchIndex is the index to search, or nil while the first is built.
func (u *UI) searchIndex() *search.Index {
	if u.find == nil {
		return nil
	}
	return u.find.Index()
}

// searchPage searches everything as the visitor types. Its query lives in
// the page, so going Home (or an idle reset) forgets it.
type searchPage struct{ query string }

func (searchPage) title(u *UI) content.Text { return u.ui(u.t("NavSearch")) }

func (p searchPage) build(u *UI) fyne.CanvasObject {
	var rows []row
	list := u.rowListOf(func() []row { return rows })
	note := u.uiText("")
	field := u.newEntry(u.t("SearchPlaceholder"), "")
	field.MaxLength = searchMaxLength
	fill := func(q string) {
		rows = u.searchRows(q)
		note.SetText(u.searchNote(q, len(rows)))
	}
	run := func(q string) {
		u.rememberQuery(q)
		fill(q)
		list.ScrollToTop()
		list.Refresh()
	}
	field.SetText(p.query)
	fill(p.query)
	field.OnChanged = run
	// A new index re-runs the query in place: rebuilding the screen
	// would take the box from under the visitor's fingers.
	u.indexReady = func() {
		if _, searching := u.Current().(searchPage); searching {
			fill(field.Text) // not scrolled: the list may not be drawn yet
			list.Refresh()
		}
	}
	if u.searchIndex() == nil {
		u.indexContent()
	}
	// The keyboard comes with the focus (newEntry): a visitor who came
	// to search can type at once, on a desk or on the kiosk's keys.
	keyboardButton := u.iconButton(u.t("SearchKeyboard"), theme.ComputerIcon(), func() { u.focusEntry(field) })
	top := container.NewBorder(nil, note, nil, nil, u.sides(nil, field, keyboardButton))
	u.searchField = field
	u.focusEntry(field)
	return container.NewBorder(top, nil, nil, nil, list)
}

// rememberQuery keeps the query in the page on the stack, so a language
// switch (which rebuilds the screen) keeps what was typed.
func (u *UI) rememberQuery(q string) {
	if _, ok := u.Current().(searchPage); ok {
		u.stack[len(u.stack)-1] = searchPage{query: q}
	}
}

func (u *UI) searchNote(q string, n int) string {
	switch {
	case u.searchIndex() == nil:
		return u.t("SearchPreparing")
	case q == "":
		return u.t("SearchHint")
	case n == 0:
		return u.t("SearchNoResults")
	}
	return ""
}

// searchRows runs a query and reads the items it found, in the reader's
// language.
func (u *UI) searchRows(q string) []row {
	ix := u.searchIndex()
	if ix == nil || q == "" {
		return nil
	}
	results := ix.Search(search.Query{Text: q, Lang: u.Lang(), Limit: searchResultsShown})
	items := make([]any, 0, len(results))
	var munis []content.Municipality
	_ = u.lib.Store.View(func(tx *store.Tx) error {
		for _, r := range results {
			if item, ok := readItem(tx, r.Kind, r.ID); ok { // one gone since the index was built is left out
				items = append(items, item)
			}
		}
		munis, _ = tx.Municipalities() // without them a service's row just lacks its place
		return nil
	})
	places := municipalityNames(munis)
	rows := make([]row, len(items))
	for i, item := range items {
		rows[i] = u.resultRow(item, places)
	}
	return rows
}

// resultRow is one result as a row: its title and what kind of thing it
// is; for a service also where, for an event when. places names the
// municipalities.
func (u *UI) resultRow(item any, places map[string]content.Text) row {
	kind, id, title := content.Describe(item)
	detail := u.kindName(kind)
	switch it := item.(type) {
	case *content.Service:
		detail = joinNonEmpty(" · ", detail, u.text(places[it.Municipality]))
	case *content.Event:
		detail = joinNonEmpty(" · ", detail, u.loc.DateWithWeekday(it.Start))
	}
	return row{title: title, detail: u.ui(detail), open: func() { u.Open(pageOf(kind, id)) }}
}
