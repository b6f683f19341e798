package store

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// BenchmarkSummaryVsItem reads the summary, then the whole item, of the
// national set's first 500 services and 500 events: what a search row
// decodes, against the item.
func BenchmarkSummaryVsItem(b *testing.B) {
	s, set := nationalStore(b)
	var refs []content.Ref
	for _, v := range set.Services[:500] {
		refs = append(refs, content.Ref{Kind: content.KindService, ID: v.ID})
	}
	for _, e := range set.Events[:500] {
		refs = append(refs, content.Ref{Kind: content.KindEvent, ID: e.ID})
	}
	for _, c := range []struct {
		name string
		read func(tx *Tx, r content.Ref) error
	}{
		{"summary", func(tx *Tx, r content.Ref) error { _, _, err := tx.Summary(r.Kind, r.ID); return err }},
		{"item", func(tx *Tx, r content.Ref) error { _, _, err := tx.Item(r.Kind, r.ID); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				err := s.View(func(tx *Tx) error {
					for _, r := range refs {
						if err := c.read(tx, r); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(refs)), "ns/item")
		})
	}
}

// BenchmarkDecodeItem decodes the stored bytes of the national set's first
// 500 services and 500 events into whole items, with encoding/json and
// with the store's decoder (goccy/go-json).
func BenchmarkDecodeItem(b *testing.B) {
	s, set := nationalStore(b)
	type stored struct {
		kind content.Kind
		data []byte
	}
	var items []stored
	err := s.View(func(tx *Tx) error {
		for _, v := range set.Services[:500] {
			items = append(items, stored{content.KindService, bytes.Clone(tx.tx.Bucket([]byte(content.KindService)).Get([]byte(v.ID)))})
		}
		for _, e := range set.Events[:500] {
			items = append(items, stored{content.KindEvent, bytes.Clone(tx.tx.Bucket([]byte(content.KindEvent)).Get([]byte(e.ID)))})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		decode func([]byte, any) error
	}{
		{"encoding-json", json.Unmarshal},
		{"store", unmarshal},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				for _, it := range items {
					item, _ := content.NewItem(it.kind)
					if err := c.decode(it.data, item); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
		})
	}
}
