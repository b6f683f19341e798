// Command motesplats is the Mötesplats kiosk and desktop app. With no
// subcommand it opens the window; the subcommands work without a display.
//
//	motesplats [--data DIR] [--lang sv|uk|ar|en] [--open SCREEN] [--kiosk] [--size WxH] [--smoke]
//	motesplats status [--data DIR] [--json]
//	motesplats load --content DIR [--data DIR]
//	motesplats pin set|status|hash [--data DIR]
//	motesplats provision --file FILE [--data DIR]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/motesplats/motesplats/app"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/quietinit"
	"github.com/motesplats/motesplats/internal/store"
)

func main() {
	quietinit.Restore()
	started := time.Now()
	err := run(os.Args[1:], os.Stdout, started)
	if err != nil {
		fmt.Fprintln(os.Stderr, "motesplats:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer, started time.Time) error {
	if len(args) > 0 {
		switch args[0] {
		case "status":
			return status(args[1:], stdout)
		case "load":
			return load(args[1:], stdout)
		case "sync", "import":
			return syncCommand(args[1:], stdout, args[0])
		case "export":
			return exportCommand(args[1:], stdout)
		case "check":
			return check(args[1:], stdout)
		case "search":
			return searchCommand(args[1:], stdout)
		case "events":
			return eventsCommand(args[1:], stdout)
		case "pin":
			return pinCommand(args[1:], stdout)
		case "provision":
			return provision(args[1:], stdout)
		case "help", "-h", "--help", "-help":
			fmt.Fprint(stdout, usage)
			return nil
		}
	}
	return window(args, started)
}

const usage = `Usage:
  motesplats [--data DIR] [--lang sv|uk|ar|en] [--kiosk] [--size WxH] [--open SCREEN] [--smoke]
                                                            open the app (--kiosk: full screen, admin PIN to leave)
  motesplats status [--data DIR] [--json]                   show the content in the data folder
  motesplats load --content DIR [--data DIR]                preview an unsigned content folder
  motesplats sync [--data DIR] --feed URL [--root root.json] [--json]
                                                            update from the signed feed once (feed and root remembered)
  motesplats import [--data DIR] --from FOLDER [--root root.json] [--json]
                                                            update from a copied feed (USB stick), checked the same way
  motesplats export [--data DIR] --to FOLDER                write this kiosk's verified feed copy for others
  motesplats check [--data DIR]                             check the store file and that it holds exactly its version
  motesplats search [--data DIR] [--lang L] [--limit N] [--json] QUERY…
                                                            search the content; --queries FILE: one JSON line per query
  motesplats events [--data DIR] [--from DATE] [--to DATE] [--municipality ID] [--lang L] [--json]
                                                            list event occurrences (after exceptions) from the store
  motesplats pin set [--data DIR]                           set the admin PIN: typed twice without echo, or one line on stdin
  motesplats pin status [--data DIR]                        kiosk mode, whether a PIN is set or damaged, any lockout
  motesplats pin hash                                       print a PIN's hash (PIN typed or on stdin) for a provisioning file
  motesplats provision --file FILE [--data DIR]             apply a provisioning file (kiosk mode, idle time, language, PIN hash…)

The data folder defaults to ` + "$XDG_DATA_HOME/motesplats (~/.local/share/motesplats)." + `
`

func newFlags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	data := fs.String("data", library.DefaultDir(), "data folder")
	return fs, data
}

func window(args []string, started time.Time) error {
	fs, data := newFlags("motesplats")
	lang := fs.String("lang", "", "language: sv, uk, ar or en (default: last choice, else the system's)")
	smoke := fs.Bool("smoke", false, "show the home screen once and exit (for CI and start-up timing)")
	size := fs.String("size", "", "window size WIDTHxHEIGHT, e.g. 1080x1920 (default 1024x720; kiosk mode fills the screen)")
	kiosk := fs.Bool("kiosk", false, "kiosk mode: full screen, left only with the admin PIN, back to Home when idle (also a setting on the admin screen)")
	open := fs.String("open", "", "screen to show: information, services, events, projects, or article:ID, service:ID, event:ID, project:ID")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *lang != "" && !content.Lang(*lang).Known() {
		return fmt.Errorf("--lang %q: use sv, uk, ar or en", *lang)
	}
	catalog, err := i18n.New()
	if err != nil {
		return err
	}
	if !haveDisplay() {
		return errors.New(catalog.For(i18n.SystemLanguage()).T("DamageNoDisplay", nil))
	}
	lib, err := library.Open(*data)
	if err != nil {
		return openError(catalog, err)
	}
	defer lib.Close()
	if r := lib.Recovered(); r != nil {
		fmt.Fprintf(os.Stderr, "motesplats: %s was not a valid store (%s); moved to %s and replaced by the built-in content\n",
			lib.Store.Path(), r.Reason, r.MovedTo)
	}
	width, height, err := parseSize(*size)
	if err != nil {
		return err
	}
	limitMemory()
	time.AfterFunc(settled, debug.FreeOSMemory)
	return app.Run(lib, catalog, app.Options{Lang: content.Lang(*lang), Smoke: *smoke, Started: started, Open: *open, Kiosk: *kiosk, Width: width, Height: height})
}

// memoryLimit is the Go heap's soft limit in the window (GOMEMLIMIT, when
// set, wins). Go lets the heap grow to twice what is live before it
// collects; building the search index of a national cache (about 110 MB
// live on top of the window's 45 MB) then held near 500 MB. With the
// limit the collector runs sooner, and the process stays near 310 MB at
// its peak (BENCHMARKS.md, issue 16). At idle about 110 MB is live, so
// it does not make the collector run all the time; should the live heap
// ever pass it, Go caps the collector at half the CPU rather than fail.
const memoryLimit = 160 << 20

// settled is when the window's start-up garbage is handed back to the
// system. Start-up (the first screen, the index loaded, the store's
// background check) allocates in its first second or so; Go collects
// again only when the heap has grown by what is live (about 45 MB), which
// an idle kiosk may never do, so that garbage would stay resident for its
// idle hours: 0–10 MB, depending on whether it came before or after the
// collection the index's arrival forces (BENCHMARKS.md, issue 16). One
// collection costs a few milliseconds.
const settled = 10 * time.Second

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// openError says why the data folder cannot be opened, in the system's
// language for the cases a person at the kiosk can act on: these are the
// messages one might see before the window opens.
func openError(catalog *i18n.Catalog, err error) error {
	loc := catalog.For(i18n.SystemLanguage())
	var running *library.AlreadyRunningError
	var newer *store.SchemaError
	switch {
	case errors.As(err, &running):
		return errors.New(loc.T("AlreadyRunning", map[string]any{"Dir": running.Dir}))
	case errors.As(err, &newer):
		return errors.New(loc.T("NewerSchema", map[string]any{"Path": newer.Path}))
	}
	return err
}

func check(args []string, stdout io.Writer) error {
	fs, data := newFlags("check")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lib, err := library.OpenReadOnly(*data)
	var damage *store.DamageError
	if errors.As(err, &damage) {
		return fmt.Errorf("%w\n%s", damage, damagedAdvice)
	}
	if err != nil {
		return err
	}
	defer lib.Close()
	v, err := lib.Store.Verify()
	if errors.As(err, &damage) {
		return fmt.Errorf("%w\n%s", damage, damagedAdvice)
	}
	if err != nil {
		return fmt.Errorf("%s: %w (move the file aside and restart: the app rebuilds it from the built-in content, and sync brings the feed back)", lib.Store.Path(), err)
	}
	fmt.Fprintf(stdout, "%s is sound: content version %d from %s, digest %.12s\n", lib.Store.Path(), v.Number, v.Source, v.Digest)
	return nil
}

func load(args []string, stdout io.Writer) error {
	fs, data := newFlags("load")
	dir := fs.String("content", "", "content folder in the source format (docs/content-format.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("load: --content DIR is required")
	}
	lib, err := library.Open(*data)
	if err != nil {
		return err
	}
	defer lib.Close()
	begin := time.Now()
	v, err := lib.LoadLocal(*dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %s into %s in %v (digest %.12s)\n", *dir, lib.Dir, time.Since(begin).Round(time.Millisecond), v.Digest)
	return nil
}

// parseSize reads --size WIDTHxHEIGHT; "" gives zeros (the app's default).
func parseSize(s string) (w, h float32, err error) {
	if s == "" {
		return 0, 0, nil
	}
	var wi, hi int
	if _, err := fmt.Sscanf(s, "%dx%d", &wi, &hi); err != nil || wi < 320 || hi < 320 {
		return 0, 0, fmt.Errorf("--size %q: give the window size as WIDTHxHEIGHT, each at least 320, e.g. 1080x1920", s)
	}
	return float32(wi), float32(hi), nil
}
