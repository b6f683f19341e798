package touch

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// frameInterval paces a fling at 60 frames a second.
const frameInterval = time.Second / 60

// tickFrames calls step on the Fyne goroutine once a frame until it
// returns false or stop is called. A frame still waiting in Fyne's queue
// is not queued twice, so a busy window skips frames instead of piling
// them up; each step reads the clock, so a skipped frame loses no
// distance.
func tickFrames(step func() bool) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	stop = func() { once.Do(func() { close(done) }) }
	go func() {
		ticker := time.NewTicker(frameInterval)
		defer ticker.Stop()
		var queued atomic.Bool
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
			}
			if !queued.CompareAndSwap(false, true) {
				continue
			}
			fyne.Do(func() {
				defer queued.Store(false)
				select {
				case <-done:
					return
				default:
				}
				if !step() {
					stop()
				}
			})
		}
	}()
	return stop
}
