package app

import (
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
)

func TestHalfGrown(t *testing.T) {
	const MB = 1 << 20
	for _, c := range []struct {
		name            string
		live, now, goal uint64
		want            bool
	}{
		{"just collected", 30 * MB, 30 * MB, 60 * MB, false},
		{"a third grown", 30 * MB, 40 * MB, 60 * MB, false},
		{"half grown", 30 * MB, 45 * MB, 60 * MB, true},
		{"about to collect", 30 * MB, 59 * MB, 60 * MB, true},
		{"past the goal", 30 * MB, 70 * MB, 60 * MB, true},
		{"memory limit: no room", 60 * MB, 61 * MB, 60 * MB, true},
		{"memory limit, nothing new", 60 * MB, 60 * MB, 60 * MB, false},
		{"swept below live", 30 * MB, 20 * MB, 60 * MB, false},
	} {
		if got := halfGrown(c.live, c.now, c.goal); got != c.want {
			t.Errorf("%s: halfGrown(%d, %d, %d) = %v, want %v", c.name, c.live/MB, c.now/MB, c.goal/MB, got, c.want)
		}
	}
}

// fakeCollector counts its collections; due is what its rule says.
func fakeCollector(quiet time.Duration, due bool) (*collector, *atomic.Int32) {
	var n atomic.Int32
	c := newCollector()
	c.quiet = quiet
	c.due = func() bool { return due }
	c.collect = func() { n.Add(1) }
	return c, &n
}

func TestCollectorCollectsOnceTheWindowIsStill(t *testing.T) {
	c, n := fakeCollector(20*time.Millisecond, true)
	defer c.stop()
	start := time.Now()
	for range 5 { // a burst of input: one quiet period, after the last
		c.busy()
	}
	waitFor(t, func() bool { return n.Load() > 0 }) // a loaded machine runs timers late
	if waited := time.Since(start); waited < c.quiet {
		t.Errorf("collected %v after the input, before the quiet period of %v", waited, c.quiet)
	}
	time.Sleep(5 * c.quiet)
	if got := n.Load(); got != 1 {
		t.Errorf("%d collections after one burst of input, want 1", got)
	}
}

func TestCollectorWaitsWhileTheVisitorIsBusy(t *testing.T) {
	c, n := fakeCollector(time.Hour, true)
	defer c.stop()
	c.busy()
	time.Sleep(50 * time.Millisecond)
	c.busy()
	if got := n.Load(); got != 0 {
		t.Errorf("%d collections before the window was still", got)
	}
}

func TestCollectorSkipsWhenNotDue(t *testing.T) {
	c, n := fakeCollector(time.Millisecond, false)
	defer c.stop()
	c.busy()
	time.Sleep(100 * time.Millisecond)
	if got := n.Load(); got != 0 {
		t.Errorf("%d collections with the heap not half grown", got)
	}
}

func TestCollectorOffWithoutQuietPeriod(t *testing.T) {
	c, n := fakeCollector(0, true)
	c.busy()
	time.Sleep(50 * time.Millisecond)
	if got := n.Load(); got != 0 || c.timer != nil {
		t.Errorf("a collector with no quiet period collected %d times (timer %v)", got, c.timer)
	}
}

// TestInputScreensAndSearchKeepTheCollectorWaiting: a tap, opening a
// screen and typing into the search field each start the quiet period
// again.
func TestInputScreensAndSearchKeepTheCollectorWaiting(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	u.collector.quiet = time.Hour // never fires here
	defer u.collector.stop()
	for _, c := range []struct {
		name string
		act  func()
	}{
		{"a screen opened", func() { u.Open(searchPage{}) }},
		{"a letter typed into the search field", func() {
			findIn[*textview.Entry](t, w.Content()).TypedRune('s')
		}},
		{"Back", func() { u.Back() }},
		{"a tap anywhere", func() { test.Tap(findIn[*tapCatcher](t, w.Content())) }},
	} {
		before := u.collector.lastBusy()
		time.Sleep(time.Millisecond)
		c.act()
		if !u.collector.lastBusy().After(before) {
			t.Errorf("%s: the quiet period did not start again", c.name)
		}
	}
}
