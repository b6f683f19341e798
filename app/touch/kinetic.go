package touch

import (
	"math"
	"time"
)

// The kinetic math of a fling, kept free of widgets and of the wall clock
// so it is tested with made-up times. Distances are in Fyne's device
// independent units (dp), speeds in dp per second.

const (
	// velocityWindow is how far back the release speed looks: the last
	// moments of a swipe say where the finger was heading, the start of
	// a long slow drag does not.
	velocityWindow = 100 * time.Millisecond
	// decayTime is the time constant of the exponential slow-down (the
	// speed falls to 37 % in this time), as on common touch systems; a
	// fling travels speed × decayTime in all.
	decayTime = 325 * time.Millisecond
	// minFlingSpeed is the slowest release that still flings: below it
	// the finger was stopping, and the content stays where it was left.
	minFlingSpeed = 50
	// maxFlingSpeed caps a release measured over a few milliseconds
	// (a jerk of the hand, or a synthetic pointer) to a sane speed.
	maxFlingSpeed = 6000
	// stopSpeed ends a fling: slower than this it moves less than a dp
	// in a frame, and would only creep.
	stopSpeed = 10
)

// sample is where the finger was along the scrolling axis at a moment.
type sample struct {
	at  time.Time
	pos float32
}

// Tracker follows a drag along one axis to tell how fast it moved at the
// end. The zero value is ready to use.
type Tracker struct {
	samples []sample
}

// maxSamples bounds the memory of a long drag; at 60 events a second
// this is far more than velocityWindow holds.
const maxSamples = 32

// Reset forgets the previous drag.
func (t *Tracker) Reset() { t.samples = t.samples[:0] }

// Add records that the finger was at pos (the total movement since the
// press) at the moment at.
func (t *Tracker) Add(at time.Time, pos float32) {
	if len(t.samples) == maxSamples {
		copy(t.samples, t.samples[1:])
		t.samples = t.samples[:maxSamples-1]
	}
	t.samples = append(t.samples, sample{at: at, pos: pos})
}

// Velocity is the finger's speed at now in dp per second, measured over
// the samples of the last velocityWindow; zero when the finger rested
// longer than that, or there is too little to measure.
func (t *Tracker) Velocity(now time.Time) float32 {
	first := -1
	for i, s := range t.samples {
		if now.Sub(s.at) <= velocityWindow {
			first = i
			break
		}
	}
	if first < 0 || first == len(t.samples)-1 {
		return 0
	}
	a, b := t.samples[first], t.samples[len(t.samples)-1]
	dt := b.at.Sub(a.at).Seconds()
	if dt <= 0 {
		return 0
	}
	return clampSpeed((b.pos - a.pos) / float32(dt))
}

func clampSpeed(v float32) float32 {
	return float32(math.Max(-maxFlingSpeed, math.Min(maxFlingSpeed, float64(v))))
}

// Fling is the motion after a release: it starts at the release speed and
// slows down exponentially until it stops.
type Fling struct {
	start    time.Time
	velocity float32 // dp per second, signed
}

// NewFling starts a fling at the moment start with the release velocity;
// ok is false when the release was too slow to fling at all.
func NewFling(start time.Time, velocity float32) (f Fling, ok bool) {
	velocity = clampSpeed(velocity)
	if math.Abs(float64(velocity)) < minFlingSpeed {
		return Fling{}, false
	}
	return Fling{start: start, velocity: velocity}, true
}

// At is how far the fling has carried the content by now, and whether it
// has come to rest; once done, the distance no longer changes.
func (f Fling) At(now time.Time) (distance float32, done bool) {
	elapsed := max(now.Sub(f.start), 0)
	if end := f.Duration(); elapsed >= end {
		elapsed, done = end, true
	}
	tau := decayTime.Seconds()
	decay := math.Exp(-elapsed.Seconds() / tau)
	return float32(float64(f.velocity) * tau * (1 - decay)), done
}

// Duration is how long the fling lasts: until its speed falls to
// stopSpeed.
func (f Fling) Duration() time.Duration {
	speed := math.Abs(float64(f.velocity))
	if speed <= stopSpeed {
		return 0
	}
	return time.Duration(decayTime.Seconds() * math.Log(speed/stopSpeed) * float64(time.Second))
}

// Distance is how far the whole fling travels.
func (f Fling) Distance() float32 {
	d, _ := f.At(f.start.Add(f.Duration()))
	return d
}
