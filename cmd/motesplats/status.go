package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

// statusReport is what `motesplats status --json` prints.
type statusReport struct {
	Data string `json:"data"`
	// Damaged says why the store file is damaged; nothing else is read.
	Damaged string `json:"damaged,omitempty"`
	// SavedAt is set when another process (the app, a sync) has the
	// store open: the report is what it last saved beside the store.
	SavedAt *time.Time       `json:"saved_at,omitempty"`
	Version *content.Version `json:"version"`
	Stats   content.Stats    `json:"stats"`
	Sync    update.Status    `json:"sync"`
}

func status(args []string, stdout io.Writer) error {
	fs, data := newFlags("status")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lib, err := library.OpenReadOnly(*data)
	var damage *store.DamageError
	var running *library.AlreadyRunningError
	switch {
	case errors.As(err, &damage):
		return damagedStatus(stdout, *data, damage, *asJSON)
	case errors.As(err, &running):
		r, err := savedStatus(*data)
		if err != nil {
			return fmt.Errorf("%w; %v", running, err)
		}
		return printReport(stdout, r, *asJSON)
	case err != nil:
		return err
	}
	defer lib.Close()
	r := statusReport{Data: lib.Dir}
	err = lib.Store.View(func(tx *store.Tx) error {
		v, ok, err := tx.Version()
		if ok {
			r.Version = &v
		}
		if err == nil {
			r.Stats, err = tx.Stats()
		}
		return err
	})
	if err == nil {
		r.Sync, err = update.CurrentStatus(lib.Store, time.Now(), update.DefaultStaleAfter)
	}
	if errors.As(err, &damage) {
		return damagedStatus(stdout, lib.Dir, damage, *asJSON)
	}
	if err != nil {
		return err
	}
	return printReport(stdout, r, *asJSON)
}

func printReport(stdout io.Writer, r statusReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	printStatus(stdout, r)
	return nil
}

// savedStatus is the status the process that has the store open last
// saved beside it.
func savedStatus(dir string) (statusReport, error) {
	sum, err := library.ReadSummary(dir)
	if err != nil {
		return statusReport{}, err
	}
	return statusReport{Data: dir, Version: sum.Version, Stats: sum.Stats, SavedAt: &sum.Written,
		Sync: update.StatusOf(sum.Sync, sum.Version, time.Now(), update.DefaultStaleAfter)}, nil
}

// damagedStatus reports a damaged store (also as JSON, so a monitoring
// script sees it) and fails.
func damagedStatus(stdout io.Writer, dir string, damage *store.DamageError, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(statusReport{Data: dir, Damaged: damage.Reason})
	}
	return fmt.Errorf("%w\n%s", damage, damagedAdvice)
}

// damagedAdvice is what to do about a damaged store.
const damagedAdvice = "Start Mötesplats (or run `motesplats sync`): the damaged file is moved aside, kept, and the built-in content takes over until the next sync."

func printStatus(w io.Writer, r statusReport) {
	fmt.Fprintf(w, "data folder: %s\n", r.Data)
	if r.SavedAt != nil {
		fmt.Fprintf(w, "             in use by a running Mötesplats; as it saved it at %s\n", r.SavedAt.Local().Format("2006-01-02 15:04:05"))
	}
	if r.Version == nil {
		fmt.Fprintln(w, "content:     none")
	} else {
		v := r.Version
		fmt.Fprintf(w, "content:     version %d from %s, applied %s, digest %.12s\n",
			v.Number, v.Source, v.Applied.Format("2006-01-02 15:04:05 MST"), v.Digest)
	}
	if r.Sync.LastAttempt.IsZero() {
		fmt.Fprintln(w, "last sync:   never")
	} else {
		fmt.Fprintf(w, "last sync:   %s from %s", r.Sync.LastAttempt.Format("2006-01-02 15:04"), r.Sync.Feed)
		if r.Sync.LastError != "" {
			fmt.Fprintf(w, ", failed: %s", r.Sync.LastError)
		}
		fmt.Fprintln(w)
	}
	stale := ""
	if r.Sync.Stale {
		stale = fmt.Sprintf(" — STALE: older than %d days", int(update.DefaultStaleAfter.Hours()/24))
	}
	since := ""
	if !r.Sync.Since.IsZero() {
		since = " (content from " + r.Sync.Since.Format(time.DateOnly) + ")"
	}
	fmt.Fprintf(w, "content age: %s%s%s\n", r.Sync.Age.Round(time.Minute), since, stale)
	langs := make([]string, len(content.Languages))
	for i, l := range content.Languages {
		langs[i] = fmt.Sprintf("%6s", l)
	}
	fmt.Fprintf(w, "\n%-16s %6s %s\n", "kind", "items", strings.Join(langs, " "))
	for _, k := range content.Kinds {
		counts := make([]string, len(content.Languages))
		for i, l := range content.Languages {
			counts[i] = fmt.Sprintf("%6d", r.Stats.Languages[k][l])
		}
		fmt.Fprintf(w, "%-16s %6d %s\n", k, r.Stats.Items[k], strings.Join(counts, " "))
	}
}
