package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/motesplats/motesplats/internal/pull"
)

const pullUsage = `Usage:
  motesplats-feed pull --sources FILE --content DIR [--only ID,ID] [--json]

Fetches every source named in FILE (TOML) and writes its items into the
content folder DIR beside the hand-written ones. A manifest per source in
DIR/.pulled/ lists the files the source owns with their provenance; pull
never writes or removes any other file. Then run build (and timestamp) as
usual. See docs/sources.md.

FILE:
  timeout = "30s"     # deadline of one request      attempts = 3   max_mb = 20

  [[source]]
  id = "orebro-kalender"        # names the source: a-z, 0-9, -
  kind = "ical"                 # an iCalendar (webcal:// is fetched as https://)
  url = "https://example.org/calendar.ics"
  language = "sv"               # language of the texts: sv, uk, ar or en
  municipality = "orebro"       # optional: every event's municipality (must exist)
  project = "kias-2"            # optional: every event's project (must exist)

  [[source]]
  id = "integreat-region"
  kind = "integreat"            # /api/v3/<region>/<language>/pages/, events/, locations/
  base_url = "https://cms.integreat-app.de"
  region = "<region slug>"
  languages = ["sv", "uk", "ar", "en", "de"]
  municipality = "orebro"       # or [source.municipalities] "Town" = "id"

  [[source]]
  id = "hsds-services"
  kind = "hsds"                 # an HSDS 3.0 API: <url>/services?full=true&page=N
  url = "https://api.example.org/hsds"
  language = "sv"
  per_page = 100                # max_pages = 200
  [source.municipalities]       # towns of addresses to municipality ids
  "Örebro" = "orebro"

A source that fails (no answer, an error, HTML instead of data, a cut-off
or unreadable answer, a page missing) keeps its last good items. Items
that left a source are removed only after a complete answer. A 304 (not
modified) changes nothing.

Exit status: 0 every source pulled; 1 some source failed (the content
folder is consistent, with its last good items); 2 usage, sources file or
content folder error (nothing was fetched).
`

// usageError is a mistake in the command line, the sources file or the
// content folder: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }
func (e usageError) ExitCode() int { return 2 }

// sourcesFailed is a pull in which some source failed: exit status 1,
// after the summary.
type sourcesFailed struct{ n int }

func (e sourcesFailed) Error() string {
	return fmt.Sprintf("%d source(s) failed; their last good items were kept", e.n)
}
func (e sourcesFailed) ExitCode() int { return 1 }

func pullCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pull", flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = func() { fmt.Fprint(stdout, pullUsage) }
	sourcesFile := fs.String("sources", "", "sources file (TOML)")
	dir := fs.String("content", "", "content folder to pull into")
	only := fs.String("only", "", "pull only these sources (ids, comma-separated)")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err}
	}
	if *sourcesFile == "" || *dir == "" || fs.NArg() > 0 {
		return usageError{fmt.Errorf("pull: --sources FILE and --content DIR are required\n%s", pullUsage)}
	}
	cfg, err := pull.LoadConfig(*sourcesFile)
	if err != nil {
		return usageError{err}
	}
	if *only != "" {
		if cfg.Sources, err = selectSources(cfg.Sources, *only); err != nil {
			return usageError{fmt.Errorf("%s: %w", *sourcesFile, err)}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sum, err := pull.Run(ctx, cfg, *dir, pull.Options{})
	if err != nil {
		return usageError{err}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printPull(stdout, sum)
	}
	if n := sum.Failed(); n > 0 {
		return sourcesFailed{n}
	}
	return nil
}

func selectSources(all []pull.Source, only string) ([]pull.Source, error) {
	var out []pull.Source
	for _, id := range strings.Split(only, ",") {
		id = strings.TrimSpace(id)
		found := false
		for _, s := range all {
			if s.ID == id {
				out, found = append(out, s), true
			}
		}
		if !found {
			return nil, fmt.Errorf("--only: no source %q", id)
		}
	}
	return out, nil
}

// printPull writes the summary: a line per source, then what each one
// left out, refused or failed at.
func printPull(w io.Writer, sum *pull.Summary) {
	fmt.Fprintf(w, "%-24s %-12s %5s %7s %7s %5s %7s\n", "source", "status", "new", "changed", "removed", "kept", "skipped")
	for _, r := range sum.Sources {
		fmt.Fprintf(w, "%-24s %-12s %5d %7d %7d %5d %7d\n", r.Source, r.Status, r.New, r.Changed, r.Removed, r.Kept, r.Skipped)
	}
	for _, r := range sum.Sources {
		if r.Error != "" {
			fmt.Fprintf(w, "%s: failed: %s\n", r.Source, r.Error)
		}
		for _, f := range r.Conflicts {
			fmt.Fprintf(w, "%s: %s is not the source's (hand-written or another source's); left as it is\n", r.Source, f)
		}
		for _, f := range r.Released {
			fmt.Fprintf(w, "%s: %s was edited by hand; it is hand-written from now on (delete it to have it pulled again)\n", r.Source, f)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(w, "%s: %s\n", r.Source, n)
		}
		const shown = 5
		for i, p := range r.Problems {
			if i == shown {
				fmt.Fprintf(w, "%s: … and %d more importer notes (--json lists them all)\n", r.Source, len(r.Problems)-shown)
				break
			}
			fmt.Fprintf(w, "%s: %s\n", r.Source, p)
		}
	}
	var updated, unchanged int
	for _, r := range sum.Sources {
		switch r.Status {
		case pull.StatusUpdated:
			updated++
		case pull.StatusUnchanged, pull.StatusNotModified:
			unchanged++
		}
	}
	fmt.Fprintf(w, "%d source(s): %d updated, %d unchanged, %d failed\n", len(sum.Sources), updated, unchanged, sum.Failed())
}
