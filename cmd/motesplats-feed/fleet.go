package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	stdsync "sync"
	"sync/atomic"
	"time"

	"github.com/motesplats/motesplats/internal/feed"
)

// fleetCommand simulates many kiosks polling a feed at once, each with its
// own copy of a synced kiosk's feed state, as a load test of the server a
// publisher picked: it reports requests, bytes and time.
func fleetCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fleet", flag.ContinueOnError)
	source := fs.String("feed", "", "feed address to poll")
	state := fs.String("state", "", "feed-state folder of a kiosk that has synced (its data folder's feed-state)")
	kiosks := fs.Int("kiosks", 500, "number of simulated kiosks")
	parallel := fs.Int("parallel", 50, "kiosks polling at the same moment")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *source == "" || *state == "" {
		return errors.New("fleet: --feed URL and --state DIR are required")
	}
	root, err := os.ReadFile(filepath.Join(*state, "root.json"))
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "fleet-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	var requests, bytes, failures atomic.Int64
	sem := make(chan struct{}, *parallel)
	var wg stdsync.WaitGroup
	begin := time.Now()
	for i := 0; i < *kiosks; i++ {
		dir := filepath.Join(work, fmt.Sprint(i))
		if err := os.CopyFS(dir, os.DirFS(*state)); err != nil {
			return err
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			counter := &feed.CountingFetcher{}
			c, err := feed.NewClient(root, *source, feed.ClientOptions{StateDir: dir, Fetcher: counter})
			if err == nil {
				err = c.Refresh()
			}
			if err != nil {
				failures.Add(1)
			}
			requests.Add(counter.Requests.Load())
			bytes.Add(counter.Bytes.Load())
		}()
	}
	wg.Wait()
	took := time.Since(begin)
	fmt.Fprintf(stdout, "%d kiosks polled in %v: %d requests, %d body bytes (%.0f per kiosk), %d failed\n",
		*kiosks, took.Round(time.Millisecond), requests.Load(), bytes.Load(), float64(bytes.Load())/float64(*kiosks), failures.Load())
	return nil
}
