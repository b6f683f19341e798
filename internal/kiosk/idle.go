package kiosk

import (
	"context"
	"sync"
	"time"
)

// Phase is where the idle timer is.
type Phase int

const (
	// Resting: nobody has touched the kiosk since it was last reset (or
	// started), so there is nothing to reset and no countdown to show.
	Resting Phase = iota
	// Active: a visitor touched it recently.
	Active
	// CountingDown: the visitor sees the seconds left before the reset.
	CountingDown
	// Expired: the idle time is over; the kiosk returns to Home.
	Expired
)

var phaseNames = [...]string{"resting", "active", "counting down", "expired"}

func (p Phase) String() string {
	if p < 0 || int(p) >= len(phaseNames) {
		return "unknown"
	}
	return phaseNames[p]
}

// DefaultTick is how often Run looks at the clock: often enough that the
// countdown's seconds change on time, rarely enough to cost nothing.
const DefaultTick = 200 * time.Millisecond

// Idle times how long the kiosk has been left alone. The UI calls Touch on
// every tap and key; Run drives the countdown and the reset. All methods
// are safe to call from any goroutine.
type Idle struct {
	// Tick is Run's polling interval; zero means DefaultTick.
	Tick time.Duration

	now func() time.Time

	mu        sync.Mutex
	idle      time.Duration
	countdown time.Duration
	last      time.Time
	touched   bool
}

// NewIdle returns a resting timer that resets idle after the last touch,
// showing a countdown for the last countdown of it. now is the clock; nil
// means time.Now.
func NewIdle(idle, countdown time.Duration, now func() time.Time) *Idle {
	if now == nil {
		now = time.Now
	}
	return &Idle{now: now, idle: idle, countdown: countdown}
}

// SetTimes changes the idle time and countdown, e.g. after the admin saved
// new settings; a visitor's current timer keeps its last touch.
func (i *Idle) SetTimes(idle, countdown time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.idle, i.countdown = idle, countdown
}

// Touch records visitor input: the idle time starts again and any
// countdown stops. Call it for input only, not for the UI's own changes,
// or a reset would schedule the next one.
func (i *Idle) Touch() {
	now := i.now()
	i.mu.Lock()
	defer i.mu.Unlock()
	i.last, i.touched = now, true
}

// State tells the phase at now and the time left before the reset (zero
// when Resting or Expired). It changes nothing.
func (i *Idle) State(now time.Time) (Phase, time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.state(now)
}

func (i *Idle) state(now time.Time) (Phase, time.Duration) {
	if !i.touched {
		return Resting, 0
	}
	left := i.idle - now.Sub(i.last)
	switch {
	case left <= 0:
		return Expired, 0
	case left <= i.countdown:
		return CountingDown, left
	default:
		return Active, left
	}
}

// step is State that also moves an expired timer to Resting, in one lock,
// so a touch that arrives during the reset is never lost.
func (i *Idle) step(now time.Time) (Phase, time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	p, left := i.state(now)
	if p == Expired {
		i.touched = false
	}
	return p, left
}

// SecondsLeft is d in whole seconds rounded up, as the countdown shows
// it: 10, 9, … 1, never 0 before the reset.
func SecondsLeft(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}

// Run drives the timer until ctx ends. It calls onCountdown with the
// seconds left whenever the shown number changes, and with 0 when the
// countdown must disappear because the visitor touched the kiosk. When the
// time is up it calls onReset (the countdown is then gone too) and rests
// until the next Touch. Both callbacks run on Run's goroutine, so the UI
// wraps its work in fyne.Do; either may be nil.
func (i *Idle) Run(ctx context.Context, onCountdown func(secondsLeft int), onReset func()) {
	tick := i.Tick
	if tick <= 0 {
		tick = DefaultTick
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	shown := 0
	show := func(n int) {
		if n != shown {
			shown = n
			if onCountdown != nil {
				onCountdown(n)
			}
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		switch p, left := i.step(i.now()); p {
		case Expired:
			shown = 0
			if onReset != nil {
				onReset()
			}
		case CountingDown:
			show(SecondsLeft(left))
		default:
			show(0)
		}
	}
}
