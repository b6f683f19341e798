package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/synth"
)

var benchStart = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func nationalSet(b *testing.B) *content.Set {
	b.Helper()
	return synth.Generate(synth.Options{Municipalities: 290, Items: 50000, Seed: 1, Start: benchStart})
}

// nationalStore is a store holding the national set.
func nationalStore(b *testing.B) (*Store, *content.Set) {
	b.Helper()
	set := nationalSet(b)
	s, err := Open(filepath.Join(b.TempDir(), "motesplats.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Apply(set, content.Version{Number: 1}); err != nil {
		b.Fatal(err)
	}
	return s, set
}

// BenchmarkApply50k applies a whole national version (50,000 items) in one
// transaction to a store that already holds one, as a full update does.
func BenchmarkApply50k(b *testing.B) {
	s, set := nationalStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Apply(set, content.Version{Number: int64(i + 2)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(set.Len()), "items/op")
}

// BenchmarkNextEventsOfMunicipality reads the next 50 events of one
// municipality (with the national ones) from the 50,000-item store.
func BenchmarkNextEventsOfMunicipality(b *testing.B) {
	s, set := nationalStore(b)
	muni := set.Municipalities[len(set.Municipalities)/2].ID
	from := benchStart.AddDate(0, 3, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n int
		err := s.View(func(tx *Tx) error {
			occ, err := tx.Events(EventQuery{From: from, Municipality: muni, Limit: 50})
			n = len(occ)
			return err
		})
		if err != nil || n != 50 {
			b.Fatalf("got %d events, err %v", n, err)
		}
	}
}
