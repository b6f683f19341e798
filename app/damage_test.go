package app

import (
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// TestStatusLineSaysTheFirstSyncFailed: on built-in content, a failed
// first update (a full disk here) is said, not only "not yet updated";
// in plain words for a visitor (the reason itself is the admin screen's).
func TestStatusLineSaysTheFirstSyncFailed(t *testing.T) {
	u, _ := newTestUI(t, content.English)
	u.lib.Store.SetSyncStatus(store.SyncStatus{LastAttempt: time.Now(), LastError: "SyncLocal: write: no space left on device"})
	u.syncing.refreshStatus()
	if !strings.HasPrefix(u.syncing.status.Text, u.t("CurrentUpdateFailed")) || !strings.Contains(u.syncing.status.Text, u.t("StatusNoFeed")) {
		t.Errorf("after a failed first sync the status says %q", u.syncing.status.Text)
	}
}

// TestRecoveryIsShownWithItsReason: when damage found while the window
// is open replaces the store, the status line says so, and why.
func TestRecoveryIsShownWithItsReason(t *testing.T) {
	u, _ := newTestUI(t, content.Arabic)
	u.syncing.recovered(&store.Recovery{Reason: "page 12 calls itself page 4108", MovedTo: "/data/motesplats.db.broken-1"}, nil)
	if !strings.Contains(u.syncing.status.Text, "page 12 calls itself page 4108") || !strings.Contains(u.syncing.status.Text, "motesplats.db.broken-1") ||
		!strings.Contains(u.syncing.status.Text, "المحتوى المدمج") {
		t.Errorf("the status says %q", u.syncing.status.Text)
	}
}
