package store

import (
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
