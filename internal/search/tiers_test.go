package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTiers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{capPrefix + 1, 5000, capWord + 3, 40000} {
		docs := make([]uint32, n)
		imps := make([]uint16, n)
		for i := range docs {
			docs[i] = uint32(3 * i)
			imps[i] = uint16(1 + r.IntN(5000)*13) // many ties
		}
		want := map[uint32]uint16{}
		for i, d := range docs {
			want[d] = imps[i]
		}
		var buf tierBuf
		tier(docs, imps, &buf)
		for i, d := range docs {
			if want[d] != imps[i] {
				t.Fatalf("n=%d: document %d lost its impact", n, d)
			}
		}
		var bounds []int
		for _, k := range tiers {
			if n > k {
				bounds = append(bounds, k)
			}
		}
		bounds = append(bounds, n)
		slices.Sort(bounds)
		from := 0
		for _, to := range bounds {
			if !slices.IsSorted(docs[from:to]) {
				t.Errorf("n=%d: tier [%d, %d) is not in document order", n, from, to)
			}
			if to < n {
				low, high := slices.Min(imps[:to]), slices.Max(imps[to:])
				if low>>4 < high>>4 { // the cut is exact to a bucket of 16
					t.Errorf("n=%d: the first %d postings hold %v, a later one %v", n, to, low, high)
				}
			}
			from = to
		}
	}
}
