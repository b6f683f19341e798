package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
)

// eventLine is one occurrence as `motesplats events --json` prints it: the
// occurrence as the store's start index has it, after EXDATE, RDATE and
// changed or cancelled occurrences.
type eventLine struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
	// Place is the place's name, Online the link; either may be empty.
	Place  string `json:"place,omitempty"`
	Online string `json:"online,omitempty"`
	// Status is "scheduled", "moved" (not at the time its rule gives) or
	// "changed" (retitled or relocated). Cancelled occurrences are not
	// listed: they do not happen.
	Status string `json:"status"`
}

// maxListedEvents bounds one listing; the index holds two years.
const maxListedEvents = 10000

func eventsCommand(args []string, stdout io.Writer) error {
	fs, data := newFlags("events")
	fromFlag := fs.String("from", "", "first day (YYYY-MM-DD, default today)")
	toFlag := fs.String("to", "", "day after the last (YYYY-MM-DD, default 30 days after --from)")
	muni := fs.String("municipality", "", "only this municipality (id) and national events")
	lang := fs.String("lang", "sv", "language of the titles: sv, uk, ar or en")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil {
		return err
	}
	l := content.Lang(*lang)
	if !l.Known() {
		return fmt.Errorf("events: --lang %q: use sv, uk, ar or en", *lang)
	}
	from, err := eventsDay("from", *fromFlag)
	if err != nil {
		return err
	}
	if from.IsZero() {
		y, m, d := time.Now().In(i18n.Stockholm).Date()
		from = time.Date(y, m, d, 0, 0, 0, 0, i18n.Stockholm)
	}
	to, err := eventsDay("to", *toFlag)
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, 30)
	}
	if !to.After(from) {
		return fmt.Errorf("events: --to %s is not after --from %s", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	lib, err := library.OpenReadOnly(*data)
	if err != nil {
		return err
	}
	defer lib.Close()
	var occ []store.Occurrence
	err = lib.Store.View(func(tx *store.Tx) (err error) {
		occ, err = tx.Events(store.EventQuery{From: from, Municipality: *muni, Limit: maxListedEvents})
		return err
	})
	if err != nil {
		return err
	}
	lines := []eventLine{}
	for _, o := range occ {
		if !o.Start.Before(to) {
			break
		}
		lines = append(lines, lineOf(o, l))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(lines)
	}
	for _, e := range lines {
		where := strings.TrimSpace(e.Place + " " + e.Online)
		fmt.Fprintf(stdout, "%s  %-9s  %s  %s  (%s)\n", e.Start, e.Status, e.ID, e.Title, where)
	}
	return nil
}

func lineOf(o store.Occurrence, lang content.Lang) eventLine {
	e := o.Event
	loc, err := content.LoadZone(e.TimeZone)
	if err != nil {
		loc = i18n.Stockholm
	}
	line := eventLine{ID: e.ID, Title: e.Title.String(lang), Start: o.Start.In(loc).Format(time.RFC3339), Online: e.OnlineURL, Status: "scheduled"}
	if !o.End.IsZero() {
		line.End = o.End.In(loc).Format(time.RFC3339)
	}
	if e.Place != nil {
		line.Place = e.Place.Name.String(lang)
	}
	switch {
	case o.Moved:
		line.Status = "moved"
	case o.Changed:
		line.Status = "changed"
	}
	return line
}

func eventsDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, i18n.Stockholm)
	if err != nil {
		return time.Time{}, fmt.Errorf("events: --%s %q: use YYYY-MM-DD", flag, s)
	}
	return t, nil
}
