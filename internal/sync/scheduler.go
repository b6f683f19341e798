package sync

import (
	"context"
	"math/rand/v2"
	"time"
)

// Schedule says when to sync: at start, then every Interval with up to
// Jitter added at random (so a fleet of kiosks does not poll in step), and
// after a failure sooner but backing off exponentially up to MaxBackoff.
type Schedule struct {
	Interval   time.Duration
	Jitter     time.Duration
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

// DefaultSchedule polls every 15 minutes plus up to 3 minutes.
var DefaultSchedule = Schedule{
	Interval:   15 * time.Minute,
	Jitter:     3 * time.Minute,
	MinBackoff: 30 * time.Second,
	MaxBackoff: time.Hour,
}

// Next returns how long to wait before the next sync, given how many
// syncs in a row have failed.
func (s Schedule) Next(failures int, rng *rand.Rand) time.Duration {
	jitter := time.Duration(0)
	if s.Jitter > 0 {
		jitter = time.Duration(rng.Int64N(int64(s.Jitter)))
	}
	if failures == 0 {
		return s.Interval + jitter
	}
	wait := s.MinBackoff
	for i := 1; i < failures && wait < s.MaxBackoff; i++ {
		wait *= 2
	}
	return min(wait, s.MaxBackoff) + jitter/4
}

// Loop runs sync now, then on the schedule, and at once whenever now
// receives, until ctx ends. Each outcome goes to done. sync is run on this
// goroutine, one at a time (go-tuf's updater is not safe for concurrent
// use).
func Loop(ctx context.Context, s Schedule, now <-chan struct{}, sync func(context.Context) error, done func(error)) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	failures := 0
	for {
		err := sync(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			failures++
		} else {
			failures = 0
		}
		if done != nil {
			done(err)
		}
		timer := time.NewTimer(s.Next(failures, rng))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		case <-now:
			timer.Stop()
		}
	}
}
