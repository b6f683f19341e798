package main

import (
	"flag"

	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

var whole = flag.Bool("whole", false, "read the whole version into a content.Set first, then index it (as before issue 16)")

// build indexes the store's version as the app does (item by item), or
// with -whole from the decoded version.
func build(st *store.Store) (*search.Index, error) {
	var ix *search.Index
	err := st.View(func(tx *store.Tx) error {
		if !*whole {
			var err error
			ix, err = search.BuildFrom(tx, search.Options{})
			return err
		}
		set, err := tx.Set()
		if err == nil {
			ix = search.Build(set)
		}
		return err
	})
	return ix, err
}
