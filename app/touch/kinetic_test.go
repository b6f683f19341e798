package touch

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestTrackerVelocity(t *testing.T) {
	cases := []struct {
		name    string
		samples []sample // at as offsets from t0 in pos order
		release time.Duration
		want    float32
	}{
		{"steady swipe", []sample{{t0, 0}, {t0.Add(ms(16)), -16}, {t0.Add(ms(32)), -32}, {t0.Add(ms(48)), -48}}, ms(48), -1000},
		{"only the last 100 ms count", []sample{{t0, 0}, {t0.Add(ms(200)), -10}, {t0.Add(ms(250)), -110}, {t0.Add(ms(300)), -210}}, ms(300), -2000},
		{"finger rested before release", []sample{{t0, 0}, {t0.Add(ms(16)), 40}}, ms(200), 0},
		{"one sample", []sample{{t0, 5}}, ms(0), 0},
		{"no time between samples", []sample{{t0, 0}, {t0, 50}}, ms(0), 0},
		{"a jerk is capped", []sample{{t0, 0}, {t0.Add(ms(1)), 500}}, ms(1), maxFlingSpeed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var tr Tracker
			for _, s := range c.samples {
				tr.Add(s.at, s.pos)
			}
			if got := tr.Velocity(t0.Add(c.release)); math.Abs(float64(got-c.want)) > 0.5 {
				t.Errorf("velocity %v, want %v", got, c.want)
			}
		})
	}
}

func TestTrackerKeepsOnlyRecentSamples(t *testing.T) {
	var tr Tracker
	for i := range 1000 {
		tr.Add(t0.Add(ms(i)), float32(i))
	}
	if len(tr.samples) != maxSamples {
		t.Fatalf("%d samples kept, want %d", len(tr.samples), maxSamples)
	}
	if got := tr.Velocity(t0.Add(ms(999))); math.Abs(float64(got-1000)) > 0.5 {
		t.Errorf("velocity %v, want 1000", got)
	}
	tr.Reset()
	if got := tr.Velocity(t0.Add(ms(999))); got != 0 {
		t.Errorf("after Reset velocity %v, want 0", got)
	}
}

func TestFlingTooSlowDoesNotStart(t *testing.T) {
	if _, ok := NewFling(t0, minFlingSpeed-1); ok {
		t.Error("a release below minFlingSpeed flung")
	}
	if _, ok := NewFling(t0, -(minFlingSpeed + 1)); !ok {
		t.Error("a release above minFlingSpeed did not fling")
	}
}

// A fling moves in the release's direction, slows down every frame,
// comes to rest after Duration and then stays put.
func TestFlingDeceleratesToAStop(t *testing.T) {
	for _, v := range []float32{1500, -1500, 300, maxFlingSpeed * 3} {
		f, ok := NewFling(t0, v)
		if !ok {
			t.Fatalf("%v: no fling", v)
		}
		var last, lastStep float32 = 0, float32(math.Inf(1))
		frames := 0
		for now := t0.Add(frameInterval); ; now = now.Add(frameInterval) {
			d, done := f.At(now)
			step := float32(math.Abs(float64(d - last)))
			if (d-last)*v < 0 {
				t.Fatalf("%v: moved backwards at %v", v, now.Sub(t0))
			}
			if step > lastStep+1e-3 {
				t.Fatalf("%v: sped up at %v (%v after %v)", v, now.Sub(t0), step, lastStep)
			}
			last, lastStep = d, step
			frames++
			if done {
				break
			}
			if frames > 600 {
				t.Fatalf("%v: still moving after 10 s", v)
			}
		}
		if later, _ := f.At(t0.Add(time.Minute)); later != last {
			t.Errorf("%v: moved on after rest: %v then %v", v, last, later)
		}
		speed := math.Min(math.Abs(float64(v)), maxFlingSpeed)
		want := speed * decayTime.Seconds() * (1 - stopSpeed/speed)
		if math.Abs(math.Abs(float64(last))-want) > 0.5 || math.Abs(float64(f.Distance()-last)) > 1e-3 {
			t.Errorf("%v: travelled %v (Distance %v), want %.1f", v, last, f.Distance(), want)
		}
		t.Logf("release %v dp/s: %.0f dp in %v", v, last, f.Duration().Round(time.Millisecond))
	}
}
