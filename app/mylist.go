package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/store"
)

// My list: the items a guide at a desk picks to show a family, or to hand
// over as a calendar file. Desktop mode only: a kiosk keeps nothing of
// one visitor for the next.

// myList is the presenter of My list: the stored list, the add/remove
// button on each item's screen, the list screen's rows, and the desk's
// handout, codes and export of it (handout.go). The screen itself is
// myListPage.
//
// Goroutines: only printing runs away from the UI goroutine; its outcome
// comes back through post, the one place here that calls fyne.Do.
type myList struct {
	u     *UI
	items *kiosk.MyList // kept in the store's settings
}

func newMyList(u *UI) *myList { return &myList{u: u, items: kiosk.NewMyList(u.lib.Store)} }

// post runs f on the UI goroutine: the door for a print job's outcome,
// and the only fyne.Do of this presenter.
func (m *myList) post(f func()) { fyne.Do(f) }

// button adds the item to My list or takes it off; nil in kiosk
// mode.
func (m *myList) button(kind content.Kind, id string) fyne.CanvasObject {
	u := m.u
	if u.Kiosk() {
		return nil
	}
	it := kiosk.Item{Kind: kind, ID: id}
	b := u.iconButton("", nil, nil)
	var on bool
	show := func() {
		if on {
			b.SetText(u.t("RemoveFromMyList"))
			b.SetIcon(theme.ContentRemoveIcon())
		} else {
			b.SetText(u.t("AddToMyList"))
			b.SetIcon(theme.ContentAddIcon())
		}
	}
	on, _ = m.items.Contains(it) // an unreadable list reads as empty
	show()
	b.OnTapped = func() {
		var err error
		if on {
			err = m.items.Remove(it)
		} else {
			_, err = m.items.Add(it)
		}
		switch {
		case errors.Is(err, kiosk.ErrListFull):
			u.notify(u.t("MyListFull"))
		case err != nil:
			u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		default:
			on = !on
			show()
		}
	}
	return b
}

type myListPage struct{}

func (myListPage) title(u *UI) content.Text { return u.ui(u.t("NavMyList")) }

// listed is one item of My list with what the screen shows of it.
type listed struct {
	item  kiosk.Item
	title content.Text
	event *content.Event // set for events, for the calendar export
}

func (myListPage) build(u *UI) fyne.CanvasObject {
	items, err := u.mylist.listedItems()
	if err != nil {
		return u.readError(err)
	}
	if len(items) == 0 {
		return u.message(u.t("MyListEmpty"))
	}
	count := u.uiText(u.loc.N("MyListCount", len(items), nil))
	clear := u.iconButton(u.t("ClearMyList"), theme.DeleteIcon(), func() {
		if err := u.mylist.items.Clear(); err != nil {
			u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		}
		u.nav.show()
	})
	bar := u.actionBar(u.mylist.handoutButton(items), u.mylist.exportListButton(items), u.session.shortcutsButton(), clear)
	// The family's language and the whole list as codes stand on the
	// side the reading ends, so a family can scan it while the guide goes
	// through the list.
	return container.NewBorder(container.NewVBox(count, bar), nil, nil, nil, u.sides(nil, u.mylist.rows(items), u.mylist.familyColumn(items)))
}

// rows is the list itself: each row opens its item and has a
// button to take it off.
func (m *myList) rows(items []listed) fyne.CanvasObject {
	u := m.u
	list := widget.NewList(
		func() int { return len(items) },
		func() fyne.CanvasObject {
			title := bold(u.uiText(""))
			title.MaxLines = 1
			kind := u.uiText("")
			kind.MaxLines = 1
			remove := u.iconButton(u.t("RemoveItem"), theme.ContentRemoveIcon(), nil)
			text := container.New(layout.NewCustomPaddedVBoxLayout(0), title, kind)
			return u.sides(nil, text, remove)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			it := items[i]
			title, kind, remove := m.rowParts(o.(*fyne.Container))
			u.setText(title, it.title)
			kind.SetText(u.kindName(it.item.Kind))
			remove.OnTapped = func() {
				if err := m.items.Remove(it.item); err != nil {
					u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
				}
				u.nav.show()
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		u.Open(pageOf(items[i].item.Kind, items[i].item.ID))
	}
	return touch.List(list)
}

// rowParts finds the labels and button of a row made by
// rows (the Border layout keeps the centre first).
func (m *myList) rowParts(row *fyne.Container) (title, kind *textview.Label, remove *textview.Button) {
	for _, o := range row.Objects {
		switch v := o.(type) {
		case *textview.Button:
			remove = v
		case *fyne.Container:
			title, kind = v.Objects[0].(*textview.Label), v.Objects[1].(*textview.Label)
		}
	}
	return title, kind, remove
}

// listedItems reads My list and the items on it, in one read of the
// content. Items a content update removed are dropped from the stored
// list; that write comes after the read has ended, as a write must not
// wait on a read the same goroutine holds.
func (m *myList) listedItems() ([]listed, error) {
	u := m.u
	items, err := m.items.Items(func(content.Kind, string) bool { return true })
	if err != nil && !errors.Is(err, kiosk.ErrListDamaged) {
		return nil, err
	}
	out := make([]listed, 0, len(items))
	gone := map[kiosk.Item]bool{}
	err = u.lib.Store.View(func(tx *store.Tx) error {
		for _, it := range items {
			item, ok := readItem(tx, it.Kind, it.ID)
			if !ok {
				gone[it] = true
				continue
			}
			l := listed{item: it}
			l.title = item.Main()
			if e, isEvent := item.(*content.Event); isEvent {
				l.event = e
			}
			out = append(out, l)
		}
		return nil
	})
	if err == nil && len(gone) > 0 {
		_, _ = m.items.Items(func(kind content.Kind, id string) bool { return !gone[kiosk.Item{Kind: kind, ID: id}] }) // dropped again next time if this fails
	}
	return out, err
}

// readItem reads an item of any kind a list can show; ok is false when
// it no longer exists or cannot be read.
func readItem(tx *store.Tx, kind content.Kind, id string) (content.Item, bool) {
	item, ok, err := tx.Item(kind, id)
	return item, ok && err == nil
}

// kindName is what an item is, in the catalogs' words.
func (u *UI) kindName(k content.Kind) string {
	switch k {
	case content.KindArticle:
		return u.t("KindArticle")
	case content.KindService:
		return u.t("KindService")
	case content.KindEvent:
		return u.t("KindEvent")
	}
	return u.t("KindProject")
}

// pageOf is the screen that shows an item.
func pageOf(kind content.Kind, id string) page {
	switch kind {
	case content.KindArticle:
		return articlePage{id: id}
	case content.KindService:
		return servicePage{id: id}
	case content.KindEvent:
		return eventPage{id: id}
	}
	return projectPage{id: id}
}
