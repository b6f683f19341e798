package app

import (
	"path/filepath"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/keyboard"
	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// searchResultsShown is how many results a search screen lists.
const searchResultsShown = 50

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
	field := textview.NewEntry(dirOf(u.Lang()))
	field.PlaceHolder = u.t("SearchPlaceholder")
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
	keys := keyboard.New(field)
	keys.OnKey = u.touch
	keys.SetLayout(u.Lang())
	keys.Hidden = !u.Kiosk()
	toggle := u.iconButton(u.t("SearchKeyboard"), theme.ComputerIcon(), func() {
		keys.Hidden = !keys.Hidden
		keys.Refresh()
	})
	top := container.NewBorder(nil, note, nil, nil, u.sides(nil, field, toggle))
	if !u.Kiosk() && u.win != nil {
		u.win.Canvas().Focus(field) // a desk with a real keyboard types at once
	}
	return container.NewBorder(top, keys, nil, nil, list)
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
	_ = u.lib.Store.View(func(tx *store.Tx) error {
		for _, r := range results {
			if item, ok := readResult(tx, r); ok {
				items = append(items, item)
			}
		}
		return nil
	})
	rows := make([]row, len(items))
	for i, item := range items {
		rows[i] = u.resultRow(item)
	}
	return rows
}

// readResult reads a found item; one gone since the index was built is
// left out.
func readResult(tx *store.Tx, r search.Result) (item any, ok bool) {
	var err error
	switch r.Kind {
	case content.KindArticle:
		var a content.Article
		a, ok, err = tx.Article(r.ID)
		item = a
	case content.KindService:
		var s content.Service
		s, ok, err = tx.Service(r.ID)
		item = s
	case content.KindEvent:
		var e content.Event
		e, ok, err = tx.Event(r.ID)
		item = e
	case content.KindProject:
		var p content.Project
		p, ok, err = tx.Project(r.ID)
		item = p
	}
	return item, ok && err == nil
}

// resultRow is one result as a row: its title and what kind of thing it is.
func (u *UI) resultRow(item any) row {
	switch it := item.(type) {
	case content.Article:
		return row{title: it.Title, detail: u.ui(u.t("KindArticle")), open: func() { u.Open(articlePage{id: it.ID}) }}
	case content.Service:
		detail := joinNonEmpty(" · ", u.t("KindService"), u.text(u.municipalityName(it.Municipality)))
		return row{title: it.Name, detail: u.ui(detail), open: func() { u.Open(servicePage{id: it.ID}) }}
	case content.Event:
		detail := joinNonEmpty(" · ", u.t("KindEvent"), u.loc.DateWithWeekday(it.Start))
		return row{title: it.Title, detail: u.ui(detail), open: func() { u.Open(eventPage{id: it.ID}) }}
	case content.Project:
		return row{title: it.Name, detail: u.ui(u.t("KindProject")), open: func() { u.Open(projectPage{id: it.ID}) }}
	}
	return row{}
}
