package editor

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/source"
)

// Publishing runs in the background: POST /publish starts it and sends the
// browser to GET /publish, which shows the steps done so far and reloads
// itself each second until the result is there. A publish of the built-in
// content takes a second or two; a bigger folder or a slow disk longer, and
// the editor should say it is working rather than hang.

// The steps of a publish, in order (message ids).
var publishSteps = []string{"step.validate", "step.compare", "step.build", "step.sign", "step.done"}

// publishResult is what the Publish page shows.
type publishResult struct {
	OK                bool
	Error             string
	Problems          []string // in the interface language: view fills them
	Warnings          []string
	fileErrors        source.Errors
	warnings          content.Problems
	Targets, Snapshot int64
	Changed           bool
	Items, Shards     int
	DeltaBytes        int64 // the new shard files: what a kiosk downloads
	Changes           map[content.Kind]feed.Change
	Stats             content.Stats
	Kinds             []content.Kind
	Langs             []content.Lang
}

// publishJob is the current or last publish.
type publishJob struct {
	mu      sync.Mutex
	started time.Time
	step    int // index in publishSteps of the step running
	running bool
	result  *publishResult
}

// publishView is a snapshot of the job for the page.
type publishView struct {
	Running bool
	Steps   []stepView
	Result  *publishResult
	Seconds string
}

type stepView struct {
	Label      string
	Done, Here bool
}

func (j *publishJob) at(step int) {
	j.mu.Lock()
	j.step = step
	j.mu.Unlock()
}

func (j *publishJob) view(ui string) publishView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := publishView{Running: j.running, Result: j.result}
	if j.result != nil {
		// The validator's problems, said in the reader's language.
		res := *j.result
		res.Problems, res.Warnings = nil, nil
		for _, e := range res.fileErrors {
			res.Problems = append(res.Problems, fileErrorText(ui, e))
		}
		for _, p := range res.warnings {
			res.Warnings = append(res.Warnings, itemProblemText(ui, p))
		}
		v.Result = &res
	}
	if !j.started.IsZero() {
		v.Seconds = fmt.Sprintf("%.1f", time.Since(j.started).Seconds())
	}
	for i, id := range publishSteps {
		done := i < j.step || (!j.running && j.result != nil && j.result.OK)
		v.Steps = append(v.Steps, stepView{Label: msg(ui, id), Done: done, Here: j.running && i == j.step})
	}
	return v
}

// publishNow starts a publish unless one is running, and shows its page.
func (s *Server) publishNow(w http.ResponseWriter, r *http.Request, token string) {
	if s.opt.Keys == "" || s.opt.Out == "" {
		http.Error(w, msg(uiOf(r), "publish.none"), http.StatusBadRequest)
		return
	}
	j := &s.job
	j.mu.Lock()
	if !j.running {
		j.running, j.started, j.step, j.result = true, time.Now(), 0, nil
		go func() {
			res := s.build(j.at)
			j.mu.Lock()
			j.running, j.result = false, &res
			j.mu.Unlock()
		}()
	}
	j.mu.Unlock()
	http.Redirect(w, r, "/publish", http.StatusSeeOther)
}

// publishPage shows the running publish's steps, or the last one's result.
func (s *Server) publishPage(w http.ResponseWriter, r *http.Request, token string) {
	p := s.basePage(r, token, "")
	if !p.Publish {
		http.Error(w, msg(p.UI, "publish.none"), http.StatusBadRequest)
		return
	}
	v := s.job.view(p.UI)
	status := http.StatusOK
	if v.Result != nil && !v.Result.OK {
		status = http.StatusUnprocessableEntity
	}
	p.Data, p.Refresh = v, v.Running
	s.render(w, status, "publish", p)
}

// build publishes the folder as `motesplats-feed build` does (the
// validator, the shrink guard at its default, an empty folder refused),
// calling at with the index of each step as it begins.
func (s *Server) build(at func(step int)) publishResult {
	res := publishResult{Kinds: content.Kinds, Langs: content.Languages}
	at(0)
	set, err := source.ReadDir(s.opt.Content)
	var errs source.Errors
	if errors.As(err, &errs) {
		res.fileErrors = errs
		res.Error = fmt.Sprintf("%d problem(s)", len(errs))
		return res
	}
	if err != nil {
		res.Error = err.Error()
		return res
	}
	// The pictures the items name, made as build makes them.
	made, perrs := images.PrepareCached(set, os.DirFS(s.opt.Content), images.CacheDir())
	if len(perrs) > 0 {
		for _, e := range perrs {
			res.Problems = append(res.Problems, e.Error())
		}
		res.Error = fmt.Sprintf("%d problem(s)", len(perrs))
		return res
	}
	pictures := make([]feed.Shard, len(made))
	for i, p := range made {
		pictures[i] = feed.Shard{Name: p.Name, Data: p.Data}
	}
	set.Each(func(item content.Item) {
		res.warnings = append(res.warnings, content.Warnings(item)...)
	})
	if err := feed.CheckShrink(set, s.opt.Out, feed.DefaultMaxShrink); err != nil {
		res.Error = err.Error()
		return res
	}
	at(1)
	if res.Changes, err = feed.Changes(set, s.opt.Out); err != nil {
		res.Error = err.Error()
		return res
	}
	// Build splits the set again: splitting here first names a shard
	// problem as the build step's, before any key is read.
	at(2)
	if _, err := feed.Split(set); err != nil {
		res.Error = err.Error()
		return res
	}
	at(3)
	built, err := feed.BuildWith(set, pictures, s.opt.Keys, s.opt.Out, feed.DefaultExpiries, s.opt.Now())
	if err != nil {
		res.Error = strings.TrimSpace(err.Error())
		return res
	}
	at(4)
	res.OK = true
	res.Targets, res.Snapshot, res.Changed = built.TargetsVersion, built.SnapshotVersion, built.ContentChanged
	res.Items, res.Shards = set.Len(), len(built.Shards)
	res.DeltaBytes = built.WrittenBytes()
	res.Stats = set.Stats()
	return res
}
