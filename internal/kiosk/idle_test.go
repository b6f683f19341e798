package kiosk

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

func TestIdleState(t *testing.T) {
	clk := newClock()
	idle := NewIdle(120*time.Second, 10*time.Second, clk.Now)
	start := clk.Now()
	if p, left := idle.State(start); p != Resting || left != 0 {
		t.Errorf("untouched: State = %v, %v; want resting", p, left)
	}
	idle.Touch()
	tests := []struct {
		after   time.Duration
		phase   Phase
		seconds int
	}{
		{0, Active, 120},
		{109 * time.Second, Active, 11},
		{110*time.Second - time.Millisecond, Active, 11},
		{110 * time.Second, CountingDown, 10},
		{110*time.Second + time.Millisecond, CountingDown, 10},
		{119 * time.Second, CountingDown, 1},
		{120*time.Second - time.Millisecond, CountingDown, 1},
		{120 * time.Second, Expired, 0},
		{time.Hour, Expired, 0}, // e.g. after the PC slept
	}
	for _, tt := range tests {
		p, left := idle.State(start.Add(tt.after))
		if p != tt.phase || SecondsLeft(left) != tt.seconds {
			t.Errorf("%v after a touch: State = %v, %d s; want %v, %d s",
				tt.after, p, SecondsLeft(left), tt.phase, tt.seconds)
		}
	}
}

func TestIdleTouchRestarts(t *testing.T) {
	clk := newClock()
	idle := NewIdle(60*time.Second, 10*time.Second, clk.Now)
	idle.Touch()
	clk.Add(55 * time.Second)
	if p, _ := idle.State(clk.Now()); p != CountingDown {
		t.Fatalf("55 s of 60: phase %v, want counting down", p)
	}
	idle.Touch()
	if p, left := idle.State(clk.Now()); p != Active || left != 60*time.Second {
		t.Errorf("after a touch in the countdown: %v, %v; want active, 60 s", p, left)
	}
}

// recorder collects what Run reports, for the test goroutine to wait on.
type recorder struct {
	mu      sync.Mutex
	shown   []int
	resets  int
	onReset func()
	event   chan struct{}
}

func newRecorder() *recorder { return &recorder{event: make(chan struct{}, 100)} }

func (r *recorder) countdown(n int) {
	r.mu.Lock()
	r.shown = append(r.shown, n)
	r.mu.Unlock()
	r.event <- struct{}{}
}

func (r *recorder) reset() {
	r.mu.Lock()
	r.resets++
	if r.onReset != nil {
		r.onReset()
	}
	r.mu.Unlock()
	r.event <- struct{}{}
}

// wait waits for the next report.
func (r *recorder) wait(t *testing.T) {
	t.Helper()
	select {
	case <-r.event:
	case <-time.After(5 * time.Second):
		t.Fatal("Run reported nothing within 5 s")
	}
}

// quiet checks that Run reports nothing for a while.
func (r *recorder) quiet(t *testing.T) {
	t.Helper()
	select {
	case <-r.event:
		shown, resets := r.get()
		t.Fatalf("unexpected report: countdown %v, %d resets", shown, resets)
	case <-time.After(50 * time.Millisecond):
	}
}

func (r *recorder) get() ([]int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.shown...), r.resets
}

func startRun(t *testing.T, idle *Idle, r *recorder) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		idle.Run(ctx, r.countdown, r.reset)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

// TestIdleResetClearsVisitor is the idle reset: the countdown
// counts down, a touch stops it, and when the time is up the visitor's
// state is cleared and the language reset, once, until the next visitor.
// (The app keeps the visitor's state in its screens; here a language and
// a search stand for it.)
func TestIdleResetClearsVisitor(t *testing.T) {
	clk := newClock()
	idle := NewIdle(30*time.Second, 3*time.Second, clk.Now)
	idle.Tick = time.Millisecond
	lang, search := content.Arabic, "tandläkare"
	r := newRecorder()
	r.onReset = func() { lang, search = content.Swedish, "" }
	startRun(t, idle, r)

	idle.Touch()
	r.quiet(t) // active: no countdown yet
	clk.Add(27 * time.Second)
	r.wait(t) // 3
	clk.Add(time.Second)
	r.wait(t) // 2
	idle.Touch()
	r.wait(t) // 0: the countdown disappears
	clk.Add(28 * time.Second)
	r.wait(t) // 2
	clk.Add(2 * time.Second)
	r.wait(t) // reset

	shown, resets := r.get()
	if want := []int{3, 2, 0, 2}; !slices.Equal(shown, want) || resets != 1 {
		t.Fatalf("countdown %v, %d resets; want %v, 1 reset", shown, resets, want)
	}
	r.mu.Lock()
	gotLang, gotSearch := lang, search
	r.mu.Unlock()
	if gotLang != content.Swedish || gotSearch != "" {
		t.Errorf("after the idle reset: language %s, search %q; want sv and none", gotLang, gotSearch)
	}

	clk.Add(time.Hour)
	r.quiet(t) // nobody came: nothing more to reset
	if p, _ := idle.State(clk.Now()); p != Resting {
		t.Errorf("after the reset: phase %v, want resting", p)
	}

	idle.Touch() // the next visitor
	clk.Add(30 * time.Second)
	r.wait(t)
	if _, resets := r.get(); resets != 2 {
		t.Errorf("%d resets after the second visitor, want 2", resets)
	}
}

func TestIdleRunRealClock(t *testing.T) {
	idle := NewIdle(400*time.Millisecond, 200*time.Millisecond, nil)
	idle.Tick = 5 * time.Millisecond
	r := newRecorder()
	startRun(t, idle, r)
	start := time.Now()
	idle.Touch()
	r.wait(t) // countdown 1
	r.wait(t) // reset
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("reset after %v, before the idle time of 400 ms", d)
	}
	if shown, resets := r.get(); !slices.Equal(shown, []int{1}) || resets != 1 {
		t.Errorf("countdown %v, %d resets; want [1], 1", shown, resets)
	}
}

// TestIdleConcurrentTouch is for the race detector: the UI goroutine
// touches while Run reads.
func TestIdleConcurrentTouch(t *testing.T) {
	idle := NewIdle(time.Hour, time.Minute, nil)
	idle.Tick = time.Millisecond
	startRun(t, idle, newRecorder())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				idle.Touch()
				idle.State(time.Now())
			}
		})
	}
	idle.SetTimes(2*time.Hour, time.Minute)
	wg.Wait()
	if p, _ := idle.State(time.Now()); p != Active {
		t.Errorf("phase %v, want active", p)
	}
}
