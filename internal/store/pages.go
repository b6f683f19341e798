package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// dropPagesEvery lets the pages of the file read go (dropPages) every
// period until stop is called, and once more then. stop must be called
// before tx ends; it waits for the goroutine.
func dropPagesEvery(tx *bolt.Tx, period time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				dropPages(tx)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		dropPages(tx)
	}
}
