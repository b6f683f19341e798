package app

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

// syncStatus is the presenter of the window's bottom lines: the sync
// loop ("now" and stop), the progress line while a sync or an import
// runs, and the status line saying how old the content is and whether
// the kiosk is online. It reads the store and the reader's language
// through u; the screens and the search index it only asks to redraw.
//
// Goroutines: the sync loop, an import and the library's damage check
// report from their own goroutines. Each of their callbacks enters
// through post, the one place here that calls fyne.Do; every other
// method runs on the UI goroutine.
type syncStatus struct {
	u *UI

	status       *textview.Label // the status line, never empty
	progress     *widget.ProgressBar
	progressLine *fyne.Container // hidden until a sync runs

	syncNow  func() // the running loop's "sync at once"; nil with no loop
	stopSync context.CancelFunc
}

// newSyncStatus makes the status line and the progress line, hidden
// until a sync runs.
func newSyncStatus(u *UI) *syncStatus {
	s := &syncStatus{u: u, progress: widget.NewProgressBar(), progressLine: container.NewStack()}
	s.status = textview.NewLabel("", bidi.LeftToRight)
	s.status.MaxLines = 2
	s.progressLine.Hide()
	return s
}

// post runs f on the UI goroutine. It is the door for everything the
// sync loop, an import and the damage check report from their own
// goroutines, and the only fyne.Do of this presenter.
func (s *syncStatus) post(f func()) { fyne.Do(f) }

// showRecovered tells that a damaged content file was replaced, and why.
func (s *syncStatus) showRecovered(r *store.Recovery) {
	u := s.u
	s.status.SetText(u.tf("DamageRecovered", map[string]any{"Path": textview.Isolate(r.MovedTo), "Reason": textview.Isolate(r.Reason)}))
}

// recovered is told that damage found while the window was open made the
// library replace the content file: the screens and the search index are
// built again from the built-in content.
func (s *syncStatus) recovered(r *store.Recovery, err error) {
	u := s.u
	if err != nil {
		s.status.SetText(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		return
	}
	u.nav.show()
	u.finder.indexContent()
	s.showRecovered(r)
}

// refreshStatus shows which content the kiosk has and how old it is,
// whether it is online, and says so plainly when the last update failed
// or the content is old. It never leaves the line empty.
func (s *syncStatus) refreshStatus() {
	u := s.u
	s.status.Direction = dirOf(u.Lang())
	st, serr := update.CurrentStatus(u.lib.Store, u.now(), update.DefaultStaleAfter)
	text := s.contentStatus(st, serr)
	if conn := s.connectionStatus(st, serr); conn != "" {
		text += " " + conn
	}
	s.status.SetText(strings.TrimSpace(text))
}

// contentStatus is the first sentence, in plain words for a visitor:
// the date of the information, and whether it may be out of date or
// could not be updated. Version numbers, sources and feeds are for the
// admin screen. st and serr are the sync status as read for this line.
func (s *syncStatus) contentStatus(st update.Status, serr error) string {
	u := s.u
	v, ok, err := u.lib.Store.Version()
	switch {
	case err != nil:
		return u.tf("ErrorReading", map[string]any{"Error": err.Error()})
	case !ok:
		return u.t("NoContent")
	}
	since := st.Since
	if serr != nil || since.IsZero() {
		since = v.Published
		if since.IsZero() {
			since = v.Applied
		}
	}
	date := map[string]any{"Date": u.loc.Date(since)}
	var text string
	switch {
	case serr == nil && st.Stale:
		text = u.tf("CurrentStale", date)
	case v.Source == content.SourceLocal:
		text = u.tf("CurrentPreview", date)
	default:
		text = u.tf("CurrentInfoFrom", date)
	}
	if serr == nil && failureReason(st.LastError) != "" {
		text = u.t("CurrentUpdateFailed") + " " + text
	}
	return text
}

// connectionStatus is the second sentence: online when the last sync
// from the feed worked, offline (on the content the kiosk has) when no
// feed is set. A failed sync already said why in the first sentence.
func (s *syncStatus) connectionStatus(st update.Status, serr error) string {
	u := s.u
	if _, set, err := u.lib.Store.Setting(update.SettingFeed); err != nil || !set {
		return u.t("StatusNoFeed")
	}
	if serr != nil || st.LastError != "" || st.LastSuccess.IsZero() {
		return ""
	}
	return u.t("StatusOnline")
}

// failureReason is the catalog id at the front of a recorded sync error.
func failureReason(lastError string) string {
	id, _, found := strings.Cut(lastError, ":")
	if !found || !strings.HasPrefix(id, "Sync") {
		return ""
	}
	return id
}

// showProgress shows how far a running sync has come, with a caption in
// the reader's language at the start of the line.
func (s *syncStatus) showProgress(p update.Progress) {
	u := s.u
	caption := u.uiText(u.t("SyncRunning"))
	caption.Wrapping = false
	s.progressLine.Objects = []fyne.CanvasObject{u.sides(caption, s.progress, nil)}
	s.progress.SetValue(progressFraction(p))
	s.progressLine.Show()
	s.progressLine.Refresh()
}

// progressFraction turns the phases into one bar: checking the metadata
// is quick, downloading the shards is most of the work, applying is last.
func progressFraction(p update.Progress) float64 {
	switch p.Phase {
	case update.PhaseMetadata:
		return 0.05
	case update.PhaseShards:
		done := 0.0
		switch {
		case p.BytesTotal > 0:
			done = float64(p.BytesDone) / float64(p.BytesTotal)
		case p.ShardsTotal > 0:
			done = float64(p.ShardsDone) / float64(p.ShardsTotal)
		}
		return 0.1 + 0.8*min(done, 1)
	case update.PhaseApply:
		return 0.95
	}
	return 1
}

// syncFinished hides the progress and shows the outcome; new content is
// drawn at once.
func (s *syncStatus) syncFinished(res *update.Result, err error) {
	s.progressLine.Hide()
	s.refreshStatus()
	if err == nil && res != nil && res.Changed {
		s.u.nav.show()
		s.u.finder.indexChanges(res.Changes) // the old index serves until the new one is in place
	}
}

// startSync starts the background sync loop when the data folder knows a
// feed and its trusted root (saved on the admin screen or by `motesplats
// sync`); it reports whether the loop runs. Both callbacks come from the
// sync goroutine, so they enter through post.
func (s *syncStatus) startSync() bool {
	if s.syncNow != nil {
		return true
	}
	u := s.u
	ctx, cancel := context.WithCancel(u.ctx)
	now, ok := update.Start(ctx, u.lib.Store, u.lib.Dir,
		func(p update.Progress) { s.post(func() { s.showProgress(p) }) },
		func(res *update.Result, err error) { s.post(func() { s.syncFinished(res, err) }) })
	if !ok {
		cancel()
		return false
	}
	s.syncNow, s.stopSync = now, cancel
	return true
}

// restartSync starts the loop again, after the feed address or the root
// changed: the running loop keeps the ones it started with.
func (s *syncStatus) restartSync() bool {
	if s.stopSync != nil {
		s.stopSync()
	}
	s.syncNow, s.stopSync = nil, nil
	return s.startSync()
}

// syncNowOrStart asks the running loop for a sync at once, or starts the
// loop (whose first sync is at once); false when there is no feed to
// sync from.
func (s *syncStatus) syncNowOrStart() bool {
	if s.syncNow != nil {
		s.syncNow()
		return true
	}
	return s.startSync()
}

// stateDir is where the data folder keeps the trusted root and metadata.
func (s *syncStatus) stateDir() string { return filepath.Join(s.u.lib.Dir, update.StateDirName) }

// importFrom updates from a copied feed folder (a USB stick), checked
// against the trusted root exactly as a download is; done runs on the UI
// goroutine afterwards (through post).
func (s *syncStatus) importFrom(folder string, done func(error)) {
	root, err := update.TrustedRoot(s.stateDir())
	if err != nil {
		done(err)
		return
	}
	s.showProgress(update.Progress{Phase: update.PhaseMetadata})
	u := s.u
	ctx, st, state := u.ctx, u.lib.Store, s.stateDir()
	go func() {
		res, err := update.Once(ctx, st, folder, update.Options{Root: root, StateDir: state,
			Progress: func(p update.Progress) { s.post(func() { s.showProgress(p) }) }}, u.now)
		s.post(func() {
			s.syncFinished(res, err)
			done(err)
		})
	}()
}

// syncLog says in plain words what the last sync did.
func (s *syncStatus) syncLog() string {
	u := s.u
	st, err := update.CurrentStatus(u.lib.Store, u.now(), update.DefaultStaleAfter)
	if err != nil {
		return u.tf("ErrorReading", map[string]any{"Error": err.Error()})
	}
	lines := []string{s.contentVersionLine()}
	if feed, ok, _ := u.lib.Store.Setting(update.SettingFeed); ok {
		lines = append(lines, u.tf("LogFeed", map[string]any{"Feed": textview.Isolate(feed)}))
	} else {
		lines = append(lines, u.t("LogNoFeed"))
	}
	if st.LastAttempt.IsZero() {
		return strings.Join(append(lines, u.t("LogNever")), "\n")
	}
	lines = append(lines, u.tf("LogAttempt", map[string]any{"Time": u.loc.DateTime(st.LastAttempt)}))
	if !st.LastSuccess.IsZero() {
		lines = append(lines, u.tf("LogSuccess", map[string]any{"Time": u.loc.DateTime(st.LastSuccess)}))
	}
	if reason := failureReason(st.LastError); reason != "" {
		lines = append(lines, u.t(reason))
	} else if st.LastError == "" {
		lines = append(lines, u.t("LogWorked"))
	}
	return strings.Join(lines, "\n")
}

// contentVersionLine is the technical detail the visitors' status line
// leaves out: which content version the kiosk holds, where it came from,
// when it was saved here, and the date it counts its age from.
func (s *syncStatus) contentVersionLine() string {
	u := s.u
	v, ok, err := u.lib.Store.Version()
	switch {
	case err != nil:
		return u.tf("ErrorReading", map[string]any{"Error": err.Error()})
	case !ok:
		return u.t("NoContent")
	}
	id := "CurrentAdminBuiltin"
	switch v.Source {
	case content.SourceFeed:
		id = "CurrentAdminFeed"
	case content.SourceLocal:
		id = "CurrentAdminLocal"
	}
	line := u.tf(id, map[string]any{"Number": v.Number, "Time": u.loc.DateTime(v.Applied)})
	if !v.Published.IsZero() {
		line += " " + u.tf("CurrentAdminWritten", map[string]any{"Date": u.loc.Date(v.Published)})
	}
	return line
}
