package search

import (
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
	sets map[allowedKey][]bool
}

// allowedKey names a kind and municipality filter without allocating.
type allowedKey struct {
	kinds   uint8 // a bit for each kind by its rank in content.Kinds, bit 7 for any other; 0: all
	anyMuni bool
	muni    uint16
}

func (f *filter) key() allowedKey {
	k := allowedKey{anyMuni: f.anyMuni, muni: f.muni}
	for _, kind := range f.kinds {
		r := kind.Rank()
		if r < 0 {
			r = 7
		}
		k.kinds |= 1 << r
	}
	return k
}

// allowed returns, for a query with a kind or municipality filter, which
// documents pass it (nil without one).
func (ix *Index) allowed(f *filter) []bool {
	if f.kinds == nil && f.anyMuni {
		return nil
	}
	key := f.key()
	c := &ix.allowedSets
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, ok := c.sets[key]; ok {
		return a
	}
	if c.sets == nil || len(c.sets) >= 8 {
		c.sets = map[allowedKey][]bool{}
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
	if t.more != nil { // past the starts worked out at build
		return len(t.more.Occurrences(f.fromTime, f.toTime)) > 0
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
	// more is a copy of an event whose rule goes on after starts (it has
	// no end, or more than the 500 starts Occurrences gives), for ranges
	// past its first 500 starts.
	more *content.Event
}

func timesOf(e *content.Event) eventTimes {
	t := eventTimes{first: e.Start.Unix(), last: e.Start.Unix()}
	if e.RRule == "" && len(e.RDates) == 0 && len(e.Overrides) == 0 && len(e.ExDates) == 0 && !e.Cancelled {
		return t
	}
	occ := e.Occurrences(time.Time{}, farFuture)
	if len(occ) == 0 {
		// Cancelled, or every start excluded: no date range holds it.
		return eventTimes{first: math.MaxInt64, last: math.MinInt64 + 1, recurs: true}
	}
	t.first = occ[0].Unix()
	t.recurs = true
	t.starts = make([]int64, len(occ))
	for i, o := range occ {
		t.starts[i] = o.Unix()
	}
	// The last start of a bounded rule, which may be past the first 500
	// that Occurrences gives; zero for a rule without an end.
	last := e.LastStart()
	t.last = 0
	if !last.IsZero() {
		t.last = last.Unix()
	}
	if t.last == 0 || t.last > t.starts[len(t.starts)-1] {
		// Only what Occurrences reads: the texts of a whole copy would
		// keep memory the index has no use for.
		t.more = &content.Event{Start: e.Start, End: e.End, TimeZone: e.TimeZone, AllDay: e.AllDay,
			RRule: e.RRule, ExDates: e.ExDates, RDates: e.RDates, Overrides: e.Overrides, Cancelled: e.Cancelled}
	}
	return t
}

var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
