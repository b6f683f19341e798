package editor

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/source"
)

// publishResult is what the Publish page shows.
type publishResult struct {
	OK                bool
	Error             string
	Problems          []string
	Warnings          []string
	Targets, Snapshot int64
	Changed           bool
	Items, Shards     int
	Stats             content.Stats
	Kinds             []content.Kind
	Langs             []content.Lang
}

// publishNow builds and signs the folder as build does (same checks: the
// validator, the shrink guard at its default, an empty folder refused).
func (s *Server) publishNow(w http.ResponseWriter, r *http.Request, token string) {
	p := s.basePage(r, token, "")
	if !p.Publish {
		http.Error(w, msg(p.UI, "publish.none"), http.StatusBadRequest)
		return
	}
	s.publish.Lock()
	res := s.build()
	s.publish.Unlock()
	status := http.StatusOK
	if !res.OK {
		status = http.StatusUnprocessableEntity
	}
	p.Data = res
	s.render(w, status, "publish", p)
}

func (s *Server) build() publishResult {
	res := publishResult{Kinds: content.Kinds, Langs: content.Languages}
	set, err := source.ReadDir(s.opt.Content)
	var errs source.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			res.Problems = append(res.Problems, e.Error())
		}
		res.Error = fmt.Sprintf("%d problem(s)", len(errs))
		return res
	}
	if err != nil {
		res.Error = err.Error()
		return res
	}
	set.Each(func(item any) {
		for _, p := range content.Warnings(item) {
			res.Warnings = append(res.Warnings, p.String())
		}
	})
	if err := feed.CheckShrink(set, s.opt.Out, feed.DefaultMaxShrink); err != nil {
		res.Error = err.Error()
		return res
	}
	built, err := feed.Build(set, s.opt.Keys, s.opt.Out, feed.DefaultExpiries, s.opt.Now())
	if err != nil {
		res.Error = strings.TrimSpace(err.Error())
		return res
	}
	res.OK = true
	res.Targets, res.Snapshot, res.Changed = built.TargetsVersion, built.SnapshotVersion, built.ContentChanged
	res.Items, res.Shards = set.Len(), len(built.Shards)
	res.Stats = set.Stats()
	return res
}
