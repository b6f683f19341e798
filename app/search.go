package app

import (
	"path/filepath"
	"runtime/debug"
	"slices"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/indexer"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// searchResultsShown is how many results a search screen lists.
const searchResultsShown = 50

// searchMaxLength caps a query: longer ones find nothing more, and the
// field must never grow past the screen.
const searchMaxLength = 80

// finder is the presenter of searching: the live search index (kept up
// to date in the background), whether it is ready, and the search
// screen's field and re-run, so Ctrl+F and a new index reach the screen
// that is up. The search screen itself is searchPage; it keeps its query
// in the page, so going Home forgets it.
//
// Goroutines: an index build runs in the background and reports that a
// new index is in use through post, the one place here that calls
// fyne.Do; every other method runs on the UI goroutine.
type finder struct {
	u *UI

	find       *indexer.Live         // nil until the first indexContent
	field      *textview.Entry       // the search screen's field, for Ctrl+F
	indexReady func()                // the search screen's re-run of its query, when a new index is in use
	items      itemCache             // the items of the last queries' rows
	warmed     map[content.Lang]bool // the languages warmUp has searched and shaped
}

// itemCache keeps the summaries the rows of the last queries read, so
// the next keystroke, which mostly finds the same items, does not decode
// them from the store again (decoding was four tenths of a keystroke's
// time, BENCHMARKS.md, issue 16). It holds items of one store generation only,
// so it never shows an item a sync has changed since, and at most
// itemCacheSize of them: past that, those of the oldest queries go.
type itemCache struct {
	gen   uint64
	query int // the number of the current query
	items map[itemKey]cachedItem
}

// itemCacheSize bounds the items kept: a screenful of rows for each of
// the last several queries.
const itemCacheSize = 200

type itemKey struct {
	kind content.Kind
	id   string
}

type cachedItem struct {
	item content.Summary
	used int // the number of the query that last read it
}

// next starts the items of a new query.
func (c *itemCache) next() {
	c.query++
	if len(c.items) <= itemCacheSize {
		return
	}
	// Forget the least recently used half.
	used := make([]int, 0, len(c.items))
	for _, it := range c.items {
		used = append(used, it.used)
	}
	slices.Sort(used)
	oldest := used[len(used)/2]
	for k, it := range c.items {
		if it.used <= oldest {
			delete(c.items, k)
		}
	}
}

// item reads an item's summary through the cache. Summaries from the
// cache are shared: callers must not change them.
func (c *itemCache) item(tx *store.Tx, kind content.Kind, id string) (content.Summary, bool) {
	if g := tx.Generation(); g != c.gen || c.items == nil {
		c.gen, c.items = g, map[itemKey]cachedItem{}
	}
	key := itemKey{kind, id}
	it, ok := c.items[key]
	if !ok {
		var err error
		if it.item, ok, err = tx.Summary(kind, id); !ok || err != nil {
			return content.Summary{}, false
		}
	}
	it.used = c.query
	c.items[key] = it
	return it.item, true
}

// post runs f on the UI goroutine: the door for the index build's
// "ready", and the only fyne.Do of this presenter.
func (f *finder) post(fn func()) { fyne.Do(fn) }

// indexContent brings the search index up to the store's version in the
// background: it loads the index saved in the data folder when that is of
// the same version, else builds (and saves) one. Until the new index is in
// use searches use the old one, so typing never waits; then the search
// screen, if it is up, runs its query again.
func (f *finder) indexContent() { f.indexChanges(nil) }

// indexChanges is indexContent after a sync that patched these items
// (nil: not known): only they are indexed again.
func (f *finder) indexChanges(changes *store.Changes) {
	u := f.u
	if f.find == nil {
		f.find = &indexer.Live{CacheFile: filepath.Join(u.lib.Dir, search.CacheFileName)}
		f.find.Ready = func(*search.Index) {
			// Building decoded the whole version; hand that memory back
			// to the system now rather than keep it for a kiosk's idle
			// hours.
			debug.FreeOSMemory()
			f.post(func() {
				if f.indexReady != nil {
					f.indexReady()
				}
			})
		}
	}
	f.find.Apply(u.lib.Store, changes)
}

// waitForIndex blocks until no index build runs, so nothing writes the
// index file into the data folder once the UI is gone.
func (f *finder) waitForIndex() {
	if f.find != nil {
		_ = f.find.Wait() // a failed build only costs the next start a rebuild
	}
}

// searchIndex is the index to search, or nil while the first is built.
func (f *finder) searchIndex() *search.Index {
	if f.find == nil {
		return nil
	}
	return f.find.Index()
}

// findShortcut is Ctrl+F on a desk: the search field takes the focus,
// opening the search screen first when it is not up.
func (f *finder) findShortcut() {
	u := f.u
	if _, searching := u.Current().(searchPage); searching && f.field != nil {
		u.nav.focusEntry(f.field)
		return
	}
	u.Open(searchPage{})
}

// searchPage searches everything as the visitor types. Its query lives in
// the page, so going Home (or an idle reset) forgets it.
type searchPage struct{ query string }

func (searchPage) title(u *UI) content.Text { return u.ui(u.t("NavSearch")) }

func (p searchPage) build(u *UI) fyne.CanvasObject {
	var found *foundItems
	list, rows := u.reusingRowList(func() int { return found.len() }, func(i int) row { return u.finder.foundRow(found, i).row })
	note := u.uiText("")
	help := container.NewVBox()
	field := u.session.newEntry(u.t("SearchPlaceholder"), "")
	field.MaxLength = searchMaxLength
	// The help under a search that found nothing takes the list's place,
	// so it never lies over the list and takes its scrolling.
	helpView := touch.Scroll(container.NewVScroll(help))
	listView := touch.List(list)
	// fill runs a query; the caller then refreshes the list, once: every
	// full refresh of a list sets all its rows again.
	fill := func(q string) {
		found = u.finder.findItems(q)
		note.SetText(u.finder.searchNote(q, found.len()))
		helping := u.finder.fillNoResult(help, q, found.len(), func(s string) { field.SetText(s) })
		helpView.Hidden, listView.Hidden = !helping, helping
		helpView.Refresh()
	}
	run := func(q string) {
		u.finder.rememberQuery(q)
		fill(q)
		if list.GetScrollOffset() != 0 { // scrolling sets up the rows it brings into view, before the refresh sets them all
			list.ScrollToTop()
		}
		rows.refresh(listView)
	}
	// The rows and their pictograms are made while the screen opens, not
	// at the first letter typed; so is what a process does once per
	// language the first time it searches and shapes that language's
	// letters.
	rows.prewarm(u.newRow, u.rowsInView())
	for _, kind := range content.Kinds {
		u.rowPictogram(kindPictogram(kind))
	}
	u.finder.warmUp()
	field.SetText(p.query)
	fill(p.query)
	rows.refresh(listView)
	field.OnChanged = run
	// A new index re-runs the query in place: rebuilding the screen
	// would take the box from under the visitor's fingers.
	u.finder.indexReady = func() {
		if _, searching := u.Current().(searchPage); searching {
			fill(field.Text) // not scrolled: the list may not be drawn yet
			rows.refresh(listView)
		}
	}
	if u.finder.searchIndex() == nil {
		u.finder.indexContent()
	}
	// The keyboard comes with the focus (newEntry): a visitor who came
	// to search can type at once, on a desk or on the kiosk's keys.
	keyboardButton := u.iconButton(u.t("SearchKeyboard"), theme.ComputerIcon(), func() { u.nav.focusEntry(field) })
	top := container.NewBorder(nil, note, nil, nil, u.sides(nil, field, keyboardButton))
	u.finder.field = field
	u.nav.focusEntry(field)
	return container.NewBorder(top, nil, nil, nil, container.NewStack(listView, helpView))
}

// warmUp does, once per language, what the first search in a language
// does once: the index's first search (its scratch space, and the pages
// of the mapped file it reads) and shaping the first row titles and
// details in the language's script (HarfBuzz makes a plan per font and
// script). A visitor's first letter then costs what the next ones do
// (BENCHMARKS.md, issue 16).
func (f *finder) warmUp() {
	u := f.u
	lang := u.Lang()
	if f.warmed[lang] {
		return
	}
	if f.searchIndex() == nil {
		return // no index yet: warmed when the screen opens with one
	}
	if f.warmed == nil {
		f.warmed = map[content.Lang]bool{}
	}
	f.warmed[lang] = true
	sample := u.t("SearchPlaceholder")
	first, _ := utf8.DecodeRuneInString(sample)
	f.findItems(string(first)) // the index's search, and the store's reads around it
	for _, bold := range []bool{true, false} {
		l := u.uiText(sample)
		l.TextStyle.Bold = bold
		l.Refresh() // lays the text out: measures it
	}
}

// searchFewResults is the number of results under which the screen says
// how to widen the search.
const searchFewResults = 3

// fillNoResult fills the box under a search that found nothing: the
// closest spelling the index knows (a button that searches it), the
// topics of the concepts the words meant, then every topic; so a search
// never ends in a dead end. It reports whether there is help to show
// (none while there are results).
func (f *finder) fillNoResult(box *fyne.Container, q string, results int, search func(string)) bool {
	u := f.u
	box.RemoveAll()
	ix := f.searchIndex()
	if ix == nil || q == "" || results > 0 {
		return false
	}
	if s := ix.Suggest(q); s != "" {
		box.Add(u.iconButton(u.tf("SearchDidYouMean", map[string]any{"Suggestion": s}), theme.SearchIcon(), func() { search(s) }))
	}
	var topics []content.Topic
	_ = u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err }) // without them the box has only the suggestion
	meant := ix.ConceptTopics(q)
	byID := map[string]content.Topic{}
	for _, t := range topics {
		byID[t.ID] = t
	}
	for _, id := range meant {
		if t, ok := byID[id]; ok {
			box.Add(u.iconButton(u.tf("SearchMeantTopic", map[string]any{"Topic": u.text(t.Title)}), pictogram(topicPictogram(t.Icon)), func() { u.Open(articlesPage{topic: id}) }))
		}
	}
	if len(topics) > 0 {
		box.Add(bold(u.uiText(u.t("SearchBrowseTopics"))))
		box.Add(u.topicTiles(topics, 2, pictureTileIcon))
	}
	return len(box.Objects) > 0
}

// rememberQuery keeps the query in the page on the stack, so a language
// switch (which rebuilds the screen) keeps what was typed.
func (f *finder) rememberQuery(q string) {
	u := f.u
	if _, ok := u.Current().(searchPage); ok {
		u.nav.keepTop(searchPage{query: q})
	}
}

func (f *finder) searchNote(q string, n int) string {
	u := f.u
	switch {
	case f.searchIndex() == nil:
		return u.t("SearchPreparing")
	case q == "":
		return u.t("SearchHint")
	case n == 0:
		return u.t("SearchNoResults")
	case n < searchFewResults:
		return u.t("SearchFewResults")
	}
	return ""
}

// foundItems are the items a query found, each listed once however the
// index holds it. An item is read from the store only when its row first
// comes into view: a keystroke reads a screenful of items, not all
// fifty (decoding them was most of a keystroke's time, BENCHMARKS.md,
// issue 16).
type foundItems struct {
	hits   []search.Result
	rows   []*resultRow // nil until read
	places map[string]content.Text
}

// len is the number of items found (0 for no query).
func (found *foundItems) len() int {
	if found == nil {
		return 0
	}
	return len(found.hits)
}

// findItems runs a query; items gone from the store since the index was
// built are left out.
func (f *finder) findItems(q string) *foundItems {
	u := f.u
	if f.find == nil || q == "" {
		return nil
	}
	ix, indexed := f.find.Current()
	if ix == nil {
		return nil
	}
	results := ix.Search(search.Query{Text: q, Lang: u.Lang(), Limit: searchResultsShown})
	found := &foundItems{hits: make([]search.Result, 0, len(results))}
	seen := make(map[itemKey]bool, len(results))
	f.items.next()
	_ = u.lib.Store.View(func(tx *store.Tx) error {
		// An index of the store's content finds only items it has; one a
		// sync has overtaken may find items gone since (a bbolt lookup
		// each, a third of a first-time keystroke's search).
		digest, err := tx.VersionDigest()
		current := err == nil && digest != "" && digest == indexed
		for _, r := range results {
			key := itemKey{r.Kind, r.ID}
			if seen[key] || !current && !tx.Has(r.Kind, r.ID) {
				continue
			}
			seen[key] = true
			found.hits = append(found.hits, r)
		}
		found.places, _ = tx.MunicipalityNames() // without them a service's row just lacks its place
		return nil
	})
	found.rows = make([]*resultRow, len(found.hits))
	return found
}

// foundRow is the row of the i-th item found, read the first time it is
// asked for. An item gone in between (a sync landed) gives a row with just
// its kind, until the new index runs the query again.
func (f *finder) foundRow(found *foundItems, i int) resultRow {
	if r := found.rows[i]; r != nil {
		return *r
	}
	u := f.u
	hit := found.hits[i]
	var item content.Summary
	var ok bool
	_ = u.lib.Store.View(func(tx *store.Tx) error {
		item, ok = f.items.item(tx, hit.Kind, hit.ID)
		return nil
	})
	r := resultRow{hit.Kind, row{detail: u.ui(u.kindName(hit.Kind)), icon: kindPictogram(hit.Kind)}}
	if ok {
		r = u.resultRow(item, found.places)
	}
	found.rows[i] = &r
	return r
}

// searchRows runs a query and reads every item it found, in the reader's
// language.
func (f *finder) searchRows(q string) []resultRow {
	found := f.findItems(q)
	rows := make([]resultRow, found.len())
	for i := range rows {
		rows[i] = f.foundRow(found, i)
	}
	return rows
}

// resultRow is one result: an icon and a word for its kind (so an article
// and a project of the same name are told apart), its title, and for a
// service where it is and whether it is open now, for an event when.
type resultRow struct {
	kind content.Kind
	row
}

// resultRow makes the row of one item found; places names the
// municipalities.
func (u *UI) resultRow(item content.Summary, places map[string]content.Text) resultRow {
	kind, id, title := item.Kind, item.ID, item.Title
	detail := u.kindName(kind)
	switch kind {
	case content.KindService:
		place := u.text(places[item.Municipality])
		if place == "" {
			place = u.t("National")
		}
		detail = joinNonEmpty(" · ", detail, place)
		hours := content.Service{TimeZone: item.TimeZone, Hours: item.Hours}
		if open, known := serviceOpen(hours, u.now()); known {
			detail = joinNonEmpty(" · ", detail, u.openMark(open))
		}
	case content.KindEvent:
		detail = joinNonEmpty(" · ", detail, u.loc.DateWithWeekday(item.Start))
	}
	return resultRow{kind, row{title: title, detail: u.ui(detail), icon: kindPictogram(kind), open: func() { u.Open(pageOf(kind, id)) }}}
}
