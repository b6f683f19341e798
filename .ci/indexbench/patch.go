package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"syscall"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/indexer"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// loadParts applies set to st part by part, as a first sync does, so
// that later versions can be patched.
func loadParts(st *store.Store, set *content.Set) error {
	shards, err := feed.Split(set)
	if err != nil {
		return err
	}
	byKind := map[content.Kind][]store.Part{}
	for _, s := range shards {
		kind, items, err := feed.Decode(s)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(s.Data)
		byKind[kind] = append(byKind[kind], store.Part{Name: s.Name, Hash: hex.EncodeToString(sum[:]), Items: items, Bytes: len(s.Data)})
	}
	var parts []store.Part
	for _, k := range content.Kinds {
		parts = append(parts, byKind[k]...)
	}
	i := 0
	return st.Rebuild(content.Version{Number: 1, Source: content.SourceFeed}, func() (*store.Part, error) {
		if i == len(parts) {
			return nil, nil
		}
		i++
		return &parts[i-1], nil
	})
}

// onePatch is a sync that changes one service's Swedish name: the part
// (shard) that holds it comes down again, with the service changed.
func onePatch(st *store.Store, round int) (*store.Changes, int, error) {
	parts, err := st.Parts()
	if err != nil {
		return nil, 0, err
	}
	var names []string
	for name := range parts {
		if feed.KindOf(name) == content.KindService {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, 0, fmt.Errorf("the store has no service parts")
	}
	name := names[(round*7)%len(names)]
	var part store.Part
	err = st.View(func(tx *store.Tx) error {
		_, encoded, err := tx.PartItems(name)
		if err != nil {
			return err
		}
		for _, data := range encoded {
			var s content.Service
			if err := json.Unmarshal(data, &s); err != nil {
				return err
			}
			part.Items = append(part.Items, &s)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	s := part.Items[len(part.Items)/2].(*content.Service)
	s.Name = content.Text{content.Swedish: fmt.Sprintf("Cykelverkstad %d", round), content.English: s.Name[content.English]}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s %d", name, round))
	part.Name, part.Hash = name, hex.EncodeToString(sum[:])
	ch, err := st.PatchChanges(content.Version{Number: int64(round + 2), Source: content.SourceFeed}, nil, []store.Part{part})
	return ch, len(part.Items), err
}

// patches measures, for rounds one-item syncs, how long the app's index
// takes to reflect the change: updated item by item (after) and built
// anew from the store (before); each in a process that does nothing else
// but the store.
func patches(st *store.Store, dir string, rounds int) {
	live := &indexer.Live{CacheFile: filepath.Join(dir, search.CacheFileName)}
	// Ready comes twice for every new index: when it is in use, and again
	// when the file it was saved to takes its place.
	ready := make(chan time.Time, 16)
	live.Ready = func(*search.Index) { ready <- time.Now() }
	live.Refresh(st)
	if err := live.Wait(); err != nil {
		log.Fatal(err)
	}
	var updates, builds []time.Duration
	for r := range rounds {
		begin := time.Now()
		ch, items, err := onePatch(st, r)
		if err != nil {
			log.Fatal(err)
		}
		patched := time.Since(begin)
		runtime.GC() // the heap measured is what the update adds
		peak := make(chan uint64)
		stop := make(chan struct{})
		go sampleHeap(stop, peak)
		if *cpuProfile != "" {
			startProfile()
		}
		for len(ready) > 0 { // the last index's Ready calls
			<-ready
		}
		cpu := cpuTime()
		begin = time.Now()
		live.Apply(st, ch)
		shown := (<-ready).Sub(begin)
		cpuShown := cpuTime() - cpu
		if *cpuProfile != "" {
			pprof.StopCPUProfile()
		}
		if err := live.Wait(); err != nil {
			log.Fatal(err)
		}
		saved := time.Since(begin)
		cpuSaved := cpuTime() - cpu
		close(stop)
		top := <-peak
		want := fmt.Sprintf("Cykelverkstad %d", r)
		if res := live.Index().Search(search.Query{Text: want, Lang: content.Swedish, Limit: 1}); len(res) == 0 || res[0].ID != ch.Changed[0].ID {
			log.Fatalf("round %d: the index does not find the changed service: %v", r, res)
		}
		updates = append(updates, shown)
		fmt.Printf("one-item sync %d: %d changed of a part of %d; store patch %.0f ms; search reflects it after %.1f ms (update; %.1f ms of CPU), index saved and loaded after %.0f ms (%.0f ms of CPU); peak heap %.0f MB; %d documents updated since the build\n",
			r+1, len(ch.Changed), items, ms(patched), ms(shown), ms(cpuShown), ms(saved), ms(cpuSaved), float64(top)/1e6, live.Index().Updated())
		if *noBuild {
			continue
		}

		// Before: the same version's index built anew, as the app did
		// after every sync.
		runtime.GC()
		fresh := &indexer.Live{}
		freshReady := make(chan time.Time, 1)
		fresh.Ready = func(*search.Index) { freshReady <- time.Now() }
		peak = make(chan uint64)
		stop = make(chan struct{})
		go sampleHeap(stop, peak)
		begin = time.Now()
		fresh.Refresh(st)
		built := (<-freshReady).Sub(begin)
		fresh.Wait()
		close(stop)
		builds = append(builds, built)
		fmt.Printf("  the same version built anew: %.0f ms; peak heap %.0f MB\n", ms(built), float64(<-peak)/1e6)
	}
	if *noBuild {
		fmt.Printf("median of %d: update %.1f ms\n", rounds, ms(median(updates)))
		return
	}
	fmt.Printf("median of %d: update %.1f ms, build %.0f ms\n", rounds, ms(median(updates)), ms(median(builds)))
}

var noBuild = flag.Bool("nobuild", false, "with -patches: do not build each version anew for comparison")

var cpuProfile = flag.String("cpuprofile", "", "with -patches: a CPU profile of the updates")

var profileFile *os.File

// startProfile profiles (again) into the -cpuprofile file: the profile
// holds the last update.
func startProfile() {
	var err error
	if profileFile, err = os.Create(*cpuProfile); err == nil {
		err = pprof.StartCPUProfile(profileFile)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
