package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/update"
)

// syncReport is what `sync --json` prints.
type syncReport struct {
	OK         bool   `json:"ok"`
	Version    int64  `json:"version,omitempty"`
	Changed    bool   `json:"changed"`
	Downloaded int    `json:"downloaded"`
	Reused     int    `json:"reused"`
	Bytes      int64  `json:"bytes"`
	Requests   int64  `json:"requests"`
	WireBytes  int64  `json:"wire_bytes"`
	Reason     string `json:"reason,omitempty"`
	Error      string `json:"error,omitempty"`
	Millis     int64  `json:"millis"`
	// Pictures: what the sync did with the feed's pictures.
	Pictures *update.Pictures `json:"pictures,omitempty"`
}

func syncCommand(args []string, stdout io.Writer, name string) error {
	fs, data := newFlags(name)
	feedURL := fs.String("feed", "", "feed address (http, https) — remembered after the first sync")
	if name == "import" {
		feedURL = fs.String("from", "", "a copied feed folder (USB stick, shared folder)")
	}
	root := fs.String("root", "", "the trusted root.json (needed the first time only)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lib, err := library.Open(*data)
	if err != nil {
		return err
	}
	defer lib.Close()
	source, err := feedSource(lib, name, *feedURL)
	if err != nil {
		return err
	}
	state := filepath.Join(lib.Dir, update.StateDirName)
	if *root != "" {
		rootBytes, err := os.ReadFile(*root)
		if err != nil {
			return err
		}
		if err := update.TrustRoot(state, rootBytes); err != nil {
			return err
		}
	}
	trusted, err := update.TrustedRoot(state)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	begin := time.Now()
	res, err := update.Once(ctx, lib.Store, source, update.Options{Root: trusted, StateDir: state}, time.Now)
	if err == nil && name == "sync" {
		err = lib.Store.SetSetting(update.SettingFeed, source)
	}
	report := syncReport{OK: err == nil, Millis: time.Since(begin).Milliseconds()}
	if res != nil {
		report.Version, report.Changed, report.Downloaded, report.Reused, report.Bytes = res.Version, res.Changed, res.Downloaded, res.Reused, res.Bytes
		report.Requests, report.WireBytes = res.Requests, res.WireBytes
		if res.Pictures.Total > 0 {
			report.Pictures = &res.Pictures
		}
	}
	var se *update.Error
	if errors.As(err, &se) {
		report.Reason = string(se.Reason)
		report.Requests, report.WireBytes = se.Requests, se.WireBytes
	}
	if err != nil {
		report.Error = err.Error()
	}
	if *asJSON {
		json.NewEncoder(stdout).Encode(report)
	} else if err == nil {
		printSync(stdout, report)
	}
	return err
}

func feedSource(lib *library.Library, name, given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if name == "import" {
		return "", errors.New("import: --from FOLDER is required")
	}
	if v, ok, err := lib.Store.Setting(update.SettingFeed); err == nil && ok {
		return v, nil
	}
	return "", errors.New("sync: --feed URL is required the first time")
}

func printSync(w io.Writer, r syncReport) {
	defer printPictures(w, r.Pictures)
	if !r.Changed {
		fmt.Fprintf(w, "up to date: feed version %d (%d ms)\n", r.Version, r.Millis)
		return
	}
	fmt.Fprintf(w, "applied feed version %d: %d shards downloaded (%d bytes), %d already here (%d ms)\n",
		r.Version, r.Downloaded, r.Bytes, r.Reused, r.Millis)
}

func exportCommand(args []string, stdout io.Writer) error {
	fs, data := newFlags("export")
	to := fs.String("to", "", "folder to write the feed copy to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("export: --to FOLDER is required")
	}
	lib, err := library.OpenReadOnly(*data)
	if err != nil {
		return err
	}
	defer lib.Close()
	state := filepath.Join(lib.Dir, update.StateDirName)
	if err := update.Export(lib.Store, state, *to, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a verified copy of the feed to %s; import it elsewhere with: motesplats import --from %s\n", *to, *to)
	return nil
}

// printPictures says what a sync did with the pictures, and each one it
// refused (its item shows without it).
func printPictures(w io.Writer, p *update.Pictures) {
	if p == nil {
		return
	}
	fmt.Fprintf(w, "pictures: %d downloaded (%d bytes), %d already here, %d removed, %d refused\n",
		p.Downloaded, p.Bytes, p.Held, p.Removed, len(p.Refused))
	for _, r := range p.Refused {
		fmt.Fprintf(w, "refused picture %s\n", r)
	}
}
