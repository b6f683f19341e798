// Command indexbench measures building the search index of the generated
// national content (50,000 items, 290 municipalities) from a store, for
// BENCHMARKS.md: wall time, peak Go heap (sampled every 2 ms) and peak RSS
// (the kernel's VmHWM) of a process that does nothing else.
//
//	go run ./.ci/indexbench -db /tmp/x.db -load   # once: generate and apply
//	go run ./.ci/indexbench -db /tmp/x.db         # build, as the app does
//
// and a one-item sync reflected in search (issue 16, part 2): the content
// applied in parts, as a sync does, then one service changed at a time by
// a patch, the index updated item by item, and built anew for comparison:
//
//	go run ./.ci/indexbench -db /tmp/y.db -load -parts
//	go run ./.ci/indexbench -db /tmp/y.db -patches 5
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/synth"
)

func main() {
	db := flag.String("db", "", "store file")
	load := flag.Bool("load", false, "generate the content and apply it to the store")
	inParts := flag.Bool("parts", false, "with -load: apply the content in parts, as a sync does, so that it can be patched")
	rounds := flag.Int("patches", 0, "measure this many one-item syncs: the index updated, and built anew")
	flag.Parse()
	if *db == "" {
		log.Fatal("-db is required")
	}
	if *load {
		set := synth.Generate(synth.Options{Municipalities: 290, Items: 50000, Seed: 1,
			Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
		st, err := store.Open(*db, nil)
		if err != nil {
			log.Fatal(err)
		}
		if *inParts {
			err = loadParts(st, set)
		} else {
			err = st.Apply(set, content.Version{Number: 1, Source: content.SourceFeed})
		}
		if err != nil {
			log.Fatal(err)
		}
		st.Close()
		return
	}
	st, err := store.Open(*db, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if *rounds > 0 {
		dir, err := os.MkdirTemp("", "indexbench")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		patches(st, dir, *rounds)
		return
	}
	peak := make(chan uint64)
	stop := make(chan struct{})
	go sampleHeap(stop, peak)
	begin := time.Now()
	ix, err := build(st)
	if err != nil {
		log.Fatal(err)
	}
	took := time.Since(begin)
	close(stop)
	fmt.Printf("%d documents in %.2f s; peak heap %.0f MB; peak RSS %s\n",
		ix.Len(), took.Seconds(), float64(<-peak)/1e6, vmHWM())
}

// sampleHeap sends the largest live heap (objects, in use or not yet
// swept) seen until stop closes.
func sampleHeap(stop chan struct{}, peak chan uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var top uint64
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for {
		metrics.Read(s)
		top = max(top, s[0].Value.Uint64())
		select {
		case <-stop:
			peak <- top
			return
		case <-t.C:
		}
	}
}

func vmHWM() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
