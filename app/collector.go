package app

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// collector runs Go's garbage collector while the visitor reads, so that
// it rarely runs while a screen is built or a letter is searched.
//
// Why: Go starts a collection when the heap has grown by what was live
// after the last one, so it starts in whatever allocates then: opening a
// screen or typing. On the kiosk's two cores its marking then shares the
// processors with that work for tens of milliseconds, and an opening that
// takes 2 ms took 7–18 ms (BENCHMARKS.md, issue 16, "garbage collected
// while the visitor reads"). A collection started when the window has been
// still for a moment marks on idle processors, in a few milliseconds, and
// leaves the next screen a fresh heap.
//
// busy is called from the UI goroutine at every input and every screen
// shown; the quiet period's timer runs collect on a goroutine of its own.
// It touches no widget, so it needs no fyne.Do.
type collector struct {
	// quiet is how long the window must be still before a collection
	// runs; 0 turns the collector off (tests' UIs; Run turns it on).
	quiet time.Duration
	// due reports whether a collection is worth running now;
	// heapHalfGrown unless a test sets it.
	due func() bool
	// collect runs a collection; runtime.GC unless a test sets it.
	collect func()

	mu    sync.Mutex
	timer *time.Timer
	last  time.Time // when busy last ran
}

// collectorQuiet is the app's quiet period: longer than the pause between
// two letters typed, shorter than a glance at a new screen.
const collectorQuiet = 250 * time.Millisecond

func newCollector() *collector {
	return &collector{due: heapHalfGrown, collect: runtime.GC}
}

// busy tells the collector the visitor did something: the quiet period
// starts again.
func (c *collector) busy() {
	if c.quiet <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = time.Now()
	if c.timer == nil {
		c.timer = time.AfterFunc(c.quiet, c.still)
		return
	}
	c.timer.Reset(c.quiet)
}

// still runs when the window has been still for the quiet period.
func (c *collector) still() {
	if c.due() {
		c.collect()
	}
}

// lastBusy is when busy last ran (zero when the collector is off).
func (c *collector) lastBusy() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// stop ends the quiet period's timer, if one is waiting.
func (c *collector) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
	}
}

// heapSamples are the runtime's figures heapHalfGrown reads.
var heapSamples = []metrics.Sample{
	{Name: "/gc/heap/live:bytes"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/gc/heap/goal:bytes"},
}

var heapSamplesMu sync.Mutex

// heapHalfGrown reports whether the heap has grown by at least half of
// what it may grow before the runtime collects by itself. Collecting
// earlier would cost processor time for little; later, the runtime may
// collect first, in the middle of the visitor's next tap.
func heapHalfGrown() bool {
	heapSamplesMu.Lock()
	defer heapSamplesMu.Unlock()
	metrics.Read(heapSamples)
	live, now, goal := heapSamples[0].Value.Uint64(), heapSamples[1].Value.Uint64(), heapSamples[2].Value.Uint64()
	return halfGrown(live, now, goal)
}

// halfGrown is heapHalfGrown's rule: the heap (now bytes) has used at
// least half of the room between what was live after the last collection
// and the goal the runtime collects at.
func halfGrown(live, now, goal uint64) bool {
	switch {
	case now <= live:
		return false // nothing allocated since
	case goal <= live:
		return true // no room at all (the memory limit): the runtime is about to collect
	}
	return now-live >= (goal-live)/2
}
