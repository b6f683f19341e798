package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// SummaryFile is a small file beside the store with what `motesplats
// status` shows. bbolt lets one process open the store at a time, so
// while the app or a sync has it open, status reads this instead.
const SummaryFile = "status.json"

// Summary is what the summary file holds.
type Summary struct {
	Version *content.Version `json:"version"`
	Stats   content.Stats    `json:"stats"`
	Sync    store.SyncStatus `json:"sync"`
	Written time.Time        `json:"written"`
}

// writeSummary rewrites the summary file when what it says has changed.
// It is best effort: status says the file is missing or old, and the
// store stays the truth.
func (l *Library) writeSummary() {
	var sum Summary
	err := l.Store.View(func(tx *store.Tx) error {
		v, ok, err := tx.Version()
		if ok {
			sum.Version = &v
		}
		if err == nil {
			sum.Stats, err = tx.Stats()
		}
		return err
	})
	if err != nil {
		return
	}
	if sum.Sync, err = l.Store.SyncStatus(); err != nil {
		return
	}
	data, err := json.Marshal(sum)
	if err != nil {
		return
	}
	l.summaryMu.Lock()
	defer l.summaryMu.Unlock()
	if string(data) == string(l.summary) {
		return
	}
	sum.Written = time.Now().UTC()
	stamped, _ := json.MarshalIndent(sum, "", "  ")
	if atomicfile.WriteBytes(filepath.Join(l.Dir, SummaryFile), 0o600, stamped) == nil {
		l.summary = data
	}
}

// ReadSummary reads the summary file of the data folder dir.
func ReadSummary(dir string) (*Summary, error) {
	data, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no status saved in %s yet", dir)
	}
	if err != nil {
		return nil, err
	}
	var sum Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		return nil, fmt.Errorf("the saved status %s is damaged: %w", filepath.Join(dir, SummaryFile), err)
	}
	return &sum, nil
}
