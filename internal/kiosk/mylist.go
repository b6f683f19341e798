package kiosk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/motesplats/motesplats/internal/content"
)

// Item is one entry of My list.
type Item struct {
	Kind content.Kind `json:"kind"`
	ID   string       `json:"id"`
}

// MaxListItems keeps My list to what a guide can show a family; it also
// bounds the setting's size.
const MaxListItems = 200

// ErrListFull: My list already holds MaxListItems.
var ErrListFull = fmt.Errorf("kiosk: My list holds at most %d items", MaxListItems)

// MyList is the ordered list of items a guide picked in desktop mode, kept
// in the settings so it survives a restart. It is safe for concurrent use.
type MyList struct {
	settings Settings
	mu       sync.Mutex
}

// NewMyList returns the list stored in s.
func NewMyList(s Settings) *MyList { return &MyList{settings: s} }

// Add appends it unless it is already on the list; added says which.
func (l *MyList) Add(it Item) (added bool, err error) {
	if !knownKind(it.Kind) || !content.ValidID(it.ID) {
		return false, fmt.Errorf("kiosk: cannot add %s/%q to My list", it.Kind, it.ID)
	}
	err = l.update(func(items []Item) ([]Item, error) {
		if slices.Contains(items, it) {
			return items, nil
		}
		if len(items) >= MaxListItems {
			return nil, ErrListFull
		}
		added = true
		return append(items, it), nil
	})
	return added, err
}

// Remove takes it off the list; removing an item not on it is no error.
func (l *MyList) Remove(it Item) error {
	return l.update(func(items []Item) ([]Item, error) {
		return slices.DeleteFunc(items, func(x Item) bool { return x == it }), nil
	})
}

// Move puts the item at index from at index to (indexes of Items).
func (l *MyList) Move(from, to int) error {
	return l.update(func(items []Item) ([]Item, error) {
		if from < 0 || from >= len(items) || to < 0 || to >= len(items) {
			return nil, fmt.Errorf("kiosk: cannot move My list item %d to %d of %d", from, to, len(items))
		}
		it := items[from]
		items = slices.Delete(items, from, from+1)
		return slices.Insert(items, to, it), nil
	})
}

// Clear empties the list.
func (l *MyList) Clear() error {
	return l.update(func([]Item) ([]Item, error) { return nil, nil })
}

// Contains tells whether it is on the list, for the "add" button's state.
func (l *MyList) Contains(it Item) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	items, err := l.load()
	return slices.Contains(items, it), err
}

// Items returns the list in order. Items that no longer exist (a content
// update removed them) are dropped from the stored list too, so the
// indexes Move takes are those of the returned slice.
func (l *MyList) Items(exists func(kind content.Kind, id string) bool) ([]Item, error) {
	var out []Item
	err := l.update(func(items []Item) ([]Item, error) {
		out = slices.DeleteFunc(items, func(x Item) bool { return !exists(x.Kind, x.ID) })
		return out, nil
	})
	return slices.Clip(out), err
}

// update applies change to the stored list under the lock and saves the
// result when it differs.
func (l *MyList) update(change func([]Item) ([]Item, error)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	items, err := l.load()
	if err != nil {
		return err
	}
	before := slices.Clone(items)
	items, err = change(items)
	if err != nil || slices.Equal(before, items) {
		return err
	}
	return l.save(items)
}

func (l *MyList) load() ([]Item, error) {
	v, ok, err := l.settings.Setting(KeyMyList)
	if err != nil || !ok {
		return nil, err
	}
	var items []Item
	if err := json.Unmarshal([]byte(v), &items); err != nil {
		// A damaged list must not block the guide for good: it is
		// emptied and reported once, and the next call works again.
		return nil, errors.Join(ErrListDamaged, err, l.save(nil))
	}
	return items, nil
}

// ErrListDamaged: the stored My list could not be read and was emptied;
// the call that found it did nothing else.
var ErrListDamaged = errors.New("kiosk: the stored My list is damaged")

func (l *MyList) save(items []Item) error {
	b, err := json.Marshal(nonNil(items))
	if err != nil {
		return err
	}
	return l.settings.SetSetting(KeyMyList, string(b))
}

func knownKind(k content.Kind) bool { return slices.Contains(content.Kinds, k) }
