package update

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/motesplats/motesplats/internal/store"
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

// SettingFeed is the store setting that remembers the feed's address.
const SettingFeed = "feed.url"

// Start runs syncs in the background on DefaultSchedule (the first at
// once) when the data folder has a feed address and a trusted root; ok is
// false when it has not. progress (if set) is told how each sync goes and
// done is called after every sync, both on the sync's goroutine; now asks
// for a sync at once. The loop ends with ctx.
func Start(ctx context.Context, st *store.Store, dataDir string, progress func(Progress), done func(*Result, error)) (now func(), ok bool) {
	source, found, err := st.Setting(SettingFeed)
	if err != nil || !found {
		return nil, false
	}
	state := filepath.Join(dataDir, StateDirName)
	root, err := TrustedRoot(state)
	var damage *StateDamageError
	if errors.As(err, &damage) {
		// Said in the status, as a failed sync would be, until staff give
		// the root again.
		_ = Record(st, source, time.Now(), fail(ReasonLocal, err))
		if done != nil {
			done(nil, fail(ReasonLocal, err))
		}
	}
	if err != nil {
		return nil, false
	}
	requests := make(chan struct{}, 1)
	go Loop(ctx, DefaultSchedule, requests, func(ctx context.Context) error {
		res, err := Once(ctx, st, source, Options{Root: root, StateDir: state, Progress: progress}, time.Now)
		if done != nil {
			done(res, err)
		}
		return err
	}, nil)
	return func() {
		select {
		case requests <- struct{}{}:
		default: // one is already waiting
		}
	}, true
}

// Once runs one sync from source with opt and records its outcome in the
// store's status, as the status line and `motesplats status` show it. The
// app's loop, its import from a folder and the command line all sync
// through here. A status that cannot be saved is an error only when the
// sync itself worked.
func Once(ctx context.Context, st *store.Store, source string, opt Options, now func() time.Time) (*Result, error) {
	opt.Feed = source
	res, err := Run(ctx, st, opt)
	if rerr := Record(st, source, now(), err); rerr != nil && err == nil {
		err = rerr
	}
	return res, err
}
