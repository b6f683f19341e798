package app

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

// showRecovered tells that a damaged content file was replaced, and why.
func (u *UI) showRecovered(r *store.Recovery) {
	u.status.SetText(u.tf("DamageRecovered", map[string]any{"Path": textview.Isolate(r.MovedTo), "Reason": textview.Isolate(r.Reason)}))
}

// recovered is told that damage found while the window was open made the
// library replace the content file: the screens and the search index are
// built again from the built-in content.
func (u *UI) recovered(r *store.Recovery, err error) {
	if err != nil {
		u.status.SetText(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
		return
	}
	u.show()
	u.indexContent()
	u.showRecovered(r)
}

// refreshStatus shows which content the kiosk has and how old it is,
// whether it is online, and says so plainly when the last update failed
// or the content is old. It never leaves the line empty.
func (u *UI) refreshStatus() {
	u.status.Direction = dirOf(u.Lang())
	st, serr := update.CurrentStatus(u.lib.Store, u.now(), update.DefaultStaleAfter)
	text := u.contentStatus(st, serr)
	if conn := u.connectionStatus(st, serr); conn != "" {
		text += " " + conn
	}
	u.status.SetText(strings.TrimSpace(text))
}

// contentStatus is the first sentence, in plain words for a visitor:
// the date of the information, and whether it may be out of date or
// could not be updated. Version numbers, sources and feeds are for the
// admin screen. st and serr are the sync status as read for this line.
func (u *UI) contentStatus(st update.Status, serr error) string {
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
func (u *UI) connectionStatus(st update.Status, serr error) string {
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

// newSyncProgress makes the progress line, hidden until a sync runs.
func (u *UI) newSyncProgress() {
	u.progress = widget.NewProgressBar()
	u.progressLine = container.NewStack()
	u.progressLine.Hide()
}

// showProgress shows how far a running sync has come, with a caption in
// the reader's language at the start of the line.
func (u *UI) showProgress(p update.Progress) {
	caption := u.uiText(u.t("SyncRunning"))
	caption.Wrapping = false
	u.progressLine.Objects = []fyne.CanvasObject{u.sides(caption, u.progress, nil)}
	u.progress.SetValue(progressFraction(p))
	u.progressLine.Show()
	u.progressLine.Refresh()
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
func (u *UI) syncFinished(res *update.Result, err error) {
	u.progressLine.Hide()
	u.refreshStatus()
	if err == nil && res != nil && res.Changed {
		u.show()
		u.indexChanges(res.Changes) // the old index serves until the new one is in place
	}
}

// startSync starts the background sync loop when the data folder knows a
// feed and its trusted root (saved on the admin screen or by `motesplats
// sync`); it reports whether the loop runs. Both callbacks come from the
// sync goroutine.
func (u *UI) startSync() bool {
	if u.syncNow != nil {
		return true
	}
	ctx, cancel := context.WithCancel(u.ctx)
	now, ok := update.Start(ctx, u.lib.Store, u.lib.Dir,
		func(p update.Progress) { fyne.Do(func() { u.showProgress(p) }) },
		func(res *update.Result, err error) { fyne.Do(func() { u.syncFinished(res, err) }) })
	if !ok {
		cancel()
		return false
	}
	u.syncNow, u.stopSync = now, cancel
	return true
}

// restartSync starts the loop again, after the feed address or the root
// changed: the running loop keeps the ones it started with.
func (u *UI) restartSync() bool {
	if u.stopSync != nil {
		u.stopSync()
	}
	u.syncNow, u.stopSync = nil, nil
	return u.startSync()
}

// syncNowOrStart asks the running loop for a sync at once, or starts the
// loop (whose first sync is at once); false when there is no feed to
// sync from.
func (u *UI) syncNowOrStart() bool {
	if u.syncNow != nil {
		u.syncNow()
		return true
	}
	return u.startSync()
}

// stateDir is where the data folder keeps the trusted root and metadata.
func (u *UI) stateDir() string { return filepath.Join(u.lib.Dir, update.StateDirName) }

// importFrom updates from a copied feed folder (a USB stick), checked
// against the trusted root exactly as a download is; done runs on the UI
// goroutine afterwards.
func (u *UI) importFrom(folder string, done func(error)) {
	root, err := update.TrustedRoot(u.stateDir())
	if err != nil {
		done(err)
		return
	}
	u.showProgress(update.Progress{Phase: update.PhaseMetadata})
	ctx, st, state := u.ctx, u.lib.Store, u.stateDir()
	go func() {
		res, err := update.Once(ctx, st, folder, update.Options{Root: root, StateDir: state,
			Progress: func(p update.Progress) { fyne.Do(func() { u.showProgress(p) }) }}, u.now)
		fyne.Do(func() {
			u.syncFinished(res, err)
			done(err)
		})
	}()
}
