package app

import (
	"strings"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	contentsync "github.com/motesplats/motesplats/internal/sync"
)

// showRecovered tells that a damaged content file was replaced.
func (u *UI) showRecovered() {
	r := u.lib.Recovered
	u.status.SetText(u.tf("RecoveredNotice", map[string]any{"Path": textview.Isolate(r.MovedTo)}))
}

// refreshStatus shows which content the kiosk has and how old it is,
// and says so plainly when the last update failed or the content is old.
func (u *UI) refreshStatus() {
	v, ok, err := u.lib.Store.Version()
	if st, serr := contentsync.CurrentStatus(u.lib.Store, u.now(), contentsync.DefaultStaleAfter); serr == nil && ok && v.Source == content.SourceFeed {
		if reason := failureReason(st.LastError); reason != "" {
			u.status.SetText(u.t(reason) + " " + u.tf("StatusFeed", map[string]any{"Number": v.Number, "Age": u.loc.Relative(u.now(), v.Applied)}))
			return
		}
		if st.Stale {
			u.status.SetText(u.tf("StatusStale", map[string]any{"Age": u.loc.Relative(u.now(), u.now().Add(-st.Age))}))
			return
		}
	}
	switch {
	case err != nil:
		u.status.SetText(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
	case !ok:
		u.status.SetText(u.t("NoContent"))
	case v.Source == content.SourceFeed:
		u.status.SetText(u.tf("StatusFeed", map[string]any{"Number": v.Number, "Age": u.loc.Relative(u.now(), v.Applied)}))
	case v.Source == content.SourceLocal:
		u.status.SetText(u.tf("StatusLocal", map[string]any{"Age": u.loc.Relative(u.now(), v.Applied)}))
	default:
		u.status.SetText(u.t("StatusBuiltin"))
	}
}

// failureReason is the catalog id at the front of a recorded sync error.
func failureReason(lastError string) string {
	id, _, found := strings.Cut(lastError, ":")
	if !found || !strings.HasPrefix(id, "Sync") {
		return ""
	}
	return id
}
