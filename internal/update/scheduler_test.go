package update

import (
	"context"
	"errors"
	"math/rand/v2"
	stdsync "sync"
	"testing"
	"time"
)

func TestScheduleBacksOffAndCaps(t *testing.T) {
	s := Schedule{Interval: 15 * time.Minute, Jitter: 0, MinBackoff: 30 * time.Second, MaxBackoff: time.Hour}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		failures int
		want     time.Duration
	}{{0, 15 * time.Minute}, {1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {8, time.Hour}, {50, time.Hour}}
	for _, c := range cases {
		if got := s.Next(c.failures, rng); got != c.want {
			t.Errorf("after %d failures: %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestScheduleJitterSpreadsAFleet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	seen := map[time.Duration]bool{}
	for i := 0; i < 100; i++ {
		d := DefaultSchedule.Next(0, rng)
		if d < DefaultSchedule.Interval || d >= DefaultSchedule.Interval+DefaultSchedule.Jitter {
			t.Fatalf("wait %v outside [interval, interval+jitter)", d)
		}
		seen[d.Round(time.Second)] = true
	}
	if len(seen) < 50 {
		t.Errorf("only %d different waits among 100 kiosks", len(seen))
	}
}

func TestLoopRunsAtStartOnDemandAndBacksOff(t *testing.T) {
	s := Schedule{Interval: time.Hour, MinBackoff: 20 * time.Millisecond, MaxBackoff: 40 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	now := make(chan struct{})
	var mu stdsync.Mutex
	var results []error
	calls := 0
	outcomes := make(chan struct{}, 10)
	go Loop(ctx, s, now, func(context.Context) error {
		calls++
		if calls <= 3 {
			return errors.New("offline")
		}
		return nil
	}, func(err error) {
		mu.Lock()
		results = append(results, err)
		mu.Unlock()
		outcomes <- struct{}{}
	})
	// At start, then two retries backing off, then success: four runs
	// without waiting the hour-long interval.
	for i := 0; i < 4; i++ {
		select {
		case <-outcomes:
		case <-time.After(2 * time.Second):
			t.Fatalf("run %d did not happen", i+1)
		}
	}
	// Now the interval is an hour; a request syncs at once.
	now <- struct{}{}
	select {
	case <-outcomes:
	case <-time.After(2 * time.Second):
		t.Fatal("sync on demand did not run")
	}
	mu.Lock()
	defer mu.Unlock()
	if results[2] == nil || results[3] != nil || results[4] != nil {
		t.Errorf("outcomes %v", results)
	}
}
