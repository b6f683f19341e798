package search

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// filter is a query's kind, municipality and date limits, resolved
// against the index once per query.
type filter struct {
	kinds    []content.Kind // nil: all
	anyMuni  bool
	muni     uint16 // 0 with !anyMuni: an unknown municipality, national items only
	dated    bool
	from, to int64
	fromTime time.Time
	toTime   time.Time
}

func (ix *Index) newFilter(q Query) *filter {
	f := &filter{kinds: q.Kinds, anyMuni: q.Municipality == ""}
	if len(f.kinds) == 0 {
		f.kinds = nil
	}
	if !f.anyMuni {
		f.muni = ix.muniNumbers[q.Municipality]
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		f.dated = true
		f.from, f.to = math.MinInt64, math.MaxInt64
		f.fromTime, f.toTime = q.From, q.To
		if !q.From.IsZero() {
			f.from = q.From.Unix()
		}
		if q.To.IsZero() {
			f.toTime = farFuture
		} else {
			f.to = q.To.Unix()
		}
	}
	return f
}

// allowedCache keeps the allowed arrays of the last few kind and
// municipality filters: a kiosk asks with the same one all day.
type allowedCache struct {
	mu   sync.Mutex
	sets map[string][]bool
}

// allowed returns, for a query with a kind or municipality filter, which
// documents pass it (nil without one).
func (ix *Index) allowed(f *filter) []bool {
	if f.kinds == nil && f.anyMuni {
		return nil
	}
	key := fmt.Sprint(f.kinds, f.anyMuni, f.muni)
	c := &ix.allowedSets
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, ok := c.sets[key]; ok {
		return a
	}
	if c.sets == nil || len(c.sets) >= 8 {
		c.sets = map[string][]bool{}
	}
	a := make([]bool, len(ix.ids))
	for d := range a {
		a[d] = f.passKindAndPlace(ix, uint32(d))
	}
	c.sets[key] = a
	return a
}

// pass reports whether document d passes the filter. It runs only on
// documents that would make the top, so it may be slower than scoring.
func (f *filter) pass(ix *Index, d uint32) bool {
	if !f.passKindAndPlace(ix, d) {
		return false
	}
	if f.dated && ix.kinds[d] == content.KindEvent {
		return f.eventIn(&ix.events[int(d)-ix.eventBase])
	}
	return true
}

// passKindAndPlace is pass without the dates.
func (f *filter) passKindAndPlace(ix *Index, d uint32) bool {
	if f.kinds != nil && !slices.Contains(f.kinds, ix.kinds[d]) {
		return false
	}
	if !f.anyMuni {
		switch m := ix.munis[d]; m {
		case 0:
		case multiMuni:
			if f.muni == 0 || !slices.Contains(ix.projectMunis[d], f.muni) {
				return false
			}
		default:
			if m != f.muni {
				return false
			}
		}
	}
	return true
}

// eventIn reports whether an event has an occurrence in [from, to).
func (f *filter) eventIn(t *eventTimes) bool {
	if t.first >= f.to || (t.last != 0 && t.last < f.from) {
		return false
	}
	if !t.recurs {
		return t.first >= f.from
	}
	i, _ := slices.BinarySearch(t.starts, f.from)
	if i < len(t.starts) {
		return t.starts[i] < f.to
	}
	if t.forever != nil { // past the starts worked out at build
		return len(t.forever.Occurrences(f.fromTime, f.toTime)) > 0
	}
	return false
}

// eventTimes are what the date filter needs of an event: the first and
// last start (last zero: recurs for ever) and, for a recurring event, the
// starts themselves (content caps them at 500).
type eventTimes struct {
	first, last int64
	recurs      bool
	starts      []int64
	// forever is a copy of an event whose rule has no end, for ranges
	// past its first 500 starts.
	forever *content.Event
}

func timesOf(e *content.Event) eventTimes {
	t := eventTimes{first: e.Start.Unix()}
	if e.RRule == "" {
		t.last = t.first
		return t
	}
	opt, err := content.ParseRRule(e.RRule)
	if err != nil {
		t.last = t.first
		return t
	}
	t.recurs = true
	occ := e.Occurrences(time.Time{}, farFuture)
	t.starts = make([]int64, len(occ))
	for i, o := range occ {
		t.starts[i] = o.Unix()
	}
	switch {
	case opt.Count == 0 && opt.Until.IsZero():
		c := *e
		t.forever = &c
	case len(occ) > 0:
		t.last = t.starts[len(occ)-1]
	default:
		t.last = t.first
	}
	return t
}

var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
