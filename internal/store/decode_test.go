package store_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// TestStoredItemsDecodeAsEncodingJSON: every stored item of the built-in
// and of generated content reads back through the store (which decodes
// with goccy/go-json) equal to encoding/json's decoding of its stored
// bytes. The items read are all kept to the end before they are compared,
// so a decoder that let a string share a buffer it reuses would show.
func TestStoredItemsDecodeAsEncodingJSON(t *testing.T) {
	for name, set := range builtInAndGenerated(t, 7) {
		t.Run(name, func(t *testing.T) {
			path := storeFileWith(t, set)
			type stored struct {
				kind content.Kind
				id   string
				want content.Item // encoding/json's
			}
			var items []stored
			db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			err = db.View(func(tx *bolt.Tx) error {
				for _, kind := range content.Kinds {
					err := tx.Bucket([]byte(kind)).ForEach(func(k, v []byte) error {
						want, err := content.NewItem(kind)
						if err != nil {
							return err
						}
						if err := json.Unmarshal(v, want); err != nil {
							return err
						}
						items = append(items, stored{kind, string(k), want})
						return nil
					})
					if err != nil {
						return err
					}
				}
				return nil
			})
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got := make([]content.Item, len(items))
			err = s.View(func(tx *store.Tx) error {
				for i, it := range items {
					item, ok, err := tx.Item(it.kind, it.id)
					if err != nil || !ok {
						t.Fatalf("%s %s: found %v, %v", it.kind, it.id, ok, err)
					}
					got[i] = item
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[content.Kind]int{}
			for i, it := range items {
				if !reflect.DeepEqual(got[i], it.want) {
					t.Errorf("%s %s: read\n%+v\nwant\n%+v", it.kind, it.id, got[i], it.want)
				}
				kinds[it.kind]++
			}
			for _, kind := range content.Kinds {
				if kinds[kind] == 0 && name == "generated" {
					t.Errorf("no %s compared", kind)
				}
			}
		})
	}
}

// TestDamagedStoredItemIsAnError: a stored item that is not JSON of its
// kind is an error naming what is wrong, never a half-filled item.
func TestDamagedStoredItemIsAnError(t *testing.T) {
	set := generated(2, 40, 1)
	path := storeFileWith(t, set)
	damaged := map[string]string{
		"cut short":     `{"id": "x", "name": {"sv": "Bibli`,
		"wrong type":    `{"id": "x", "name": {"sv": 7}}`,
		"not JSON":      `<service/>`,
		"trailing junk": `{"id": "x"} {"id": "y"}`,
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			id := set.Services[0].ID
			putStored(t, path, content.KindService, id, data)
			s, err := store.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			_ = s.View(func(tx *store.Tx) error {
				_, _, err := tx.Service(id)
				if err == nil {
					t.Errorf("%s: read without an error", data)
				}
				_, _, err = tx.Item(content.KindService, id)
				if err == nil || !strings.Contains(err.Error(), id) {
					t.Errorf("%s: Item's error %v does not name the item %s", data, err, id)
				}
				return nil
			})
		})
	}
}
