package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
)

// days parses durations like "7d" as well as Go's "36h".
type days struct{ d *time.Duration }

func (v days) String() string {
	if v.d == nil {
		return ""
	}
	return v.d.String()
}

func (v days) Set(s string) error {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i <= 0 {
			return fmt.Errorf("%q is not a number of days", s)
		}
		*v.d = time.Duration(i) * 24 * time.Hour
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return fmt.Errorf("%q is not a duration (such as 7d or 36h)", s)
	}
	*v.d = d
	return nil
}

func expiryFlags(fs *flag.FlagSet) *feed.Expiries {
	exp := feed.DefaultExpiries
	fs.Var(days{&exp.Root}, "root-expiry", "how long root.json is valid (default 365d)")
	fs.Var(days{&exp.Targets}, "targets-expiry", "how long targets metadata is valid (default 90d)")
	fs.Var(days{&exp.Snapshot}, "snapshot-expiry", "how long snapshot metadata is valid (default 90d)")
	fs.Var(days{&exp.Timestamp}, "timestamp-expiry", "how long the timestamp is valid (default 7d)")
	return &exp
}

func initCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	keys := fs.String("keys", "", "folder for the new keys (created; must not hold keys)")
	rootKeys := fs.Int("root-keys", 1, "number of root keys")
	threshold := fs.Int("root-threshold", 1, "root keys needed to sign a new root")
	exp := expiryFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keys == "" {
		return errors.New("init: --keys DIR is required")
	}
	if err := feed.InitKeys(*keys, *rootKeys, *threshold, exp.Root, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created keys in %s (mode 0600: keep them offline and out of version control)\n", *keys)
	fmt.Fprintf(stdout, "give kiosks %s: it is the root they trust\n", filepath.Join(*keys, feed.RootFile))
	return nil
}

func buildCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	contentDir := fs.String("content", "", "content folder (docs/content-format.md)")
	keys := fs.String("keys", "", "keys folder made by init")
	out := fs.String("out", "", "feed folder to publish into")
	maxShrink := fs.Float64("max-shrink", 100*feed.DefaultMaxShrink, "largest share (percent) of the published items a version may remove")
	allowShrink := fs.Bool("allow-shrink", false, "publish even if the version removes more than --max-shrink")
	exp := expiryFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *contentDir == "" || *keys == "" || *out == "" {
		return errors.New("build: --content DIR, --keys DIR and --out DIR are required")
	}
	if *maxShrink < 0 || *maxShrink > 100 {
		return fmt.Errorf("build: --max-shrink %v is not a percentage (0-100)", *maxShrink)
	}
	begin := time.Now()
	set, pics, err := readContent(*contentDir, "; nothing was written")
	if err != nil {
		return err
	}
	printWarnings(stdout, set)
	if set.Len() > 0 && !*allowShrink {
		if err := feed.CheckShrink(set, *out, *maxShrink/100); err != nil {
			return err
		}
	}
	res, err := feed.BuildWith(set, pics, *keys, *out, *exp, time.Now())
	if err != nil {
		return err
	}
	printBuild(stdout, set, res, time.Since(begin))
	printPictures(stdout, pics)
	return nil
}

// printWarnings shows what is allowed but probably wrong in the content
// (HTML in Markdown), item by item, before the counts.
func printWarnings(w io.Writer, set *content.Set) {
	set.Each(func(item content.Item) {
		for _, p := range content.Warnings(item) {
			fmt.Fprintf(w, "warning: %s\n", p)
		}
	})
}

func printBuild(w io.Writer, set *content.Set, res *feed.BuildResult, took time.Duration) {
	var total, largest int
	var largestName string
	for _, s := range res.Shards {
		total += len(s.Data)
		if len(s.Data) > largest {
			largest, largestName = len(s.Data), s.Name
		}
	}
	state := "content unchanged: only the timestamp was signed again"
	if res.ContentChanged {
		state = fmt.Sprintf("%d new shard file(s)", len(res.Written))
	}
	fmt.Fprintf(w, "built targets v%d, snapshot v%d, timestamp v%d in %v: %s\n",
		res.TargetsVersion, res.SnapshotVersion, res.TimestampVersion, took.Round(time.Millisecond), state)
	fmt.Fprintf(w, "%d items in %d shards, %d bytes; largest shard %s (%d bytes)\n",
		set.Len(), len(res.Shards), total, largestName, largest)
	bytes := textBytes(set)
	var parts []string
	for _, l := range content.Languages {
		parts = append(parts, fmt.Sprintf("%s %d", l, bytes[l]))
	}
	fmt.Fprintf(w, "text bytes per language: %s\n", strings.Join(parts, ", "))
	printCompleteness(w, set.Stats())
}

// textBytes adds up the bytes of text written in each language.
func textBytes(set *content.Set) map[content.Lang]int {
	out := map[content.Lang]int{}
	add := func(ts ...content.Text) {
		for _, t := range ts {
			for l, s := range t {
				out[l] += len(s)
			}
		}
	}
	for _, a := range set.Articles {
		add(a.Title, a.Summary, a.Body)
	}
	for _, s := range set.Services {
		add(s.Name, s.Organisation, s.Description)
	}
	for _, e := range set.Events {
		add(e.Title, e.Description, e.Organiser, e.OnlineInfo)
	}
	for _, p := range set.Projects {
		add(p.Name, p.Owner, p.Summary, p.Offers, p.ContactRole)
	}
	for _, t := range set.Topics {
		add(t.Title, t.Summary)
	}
	for _, m := range set.Municipalities {
		add(m.Name, m.County)
	}
	return out
}

func timestampCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("timestamp", flag.ContinueOnError)
	keys := fs.String("keys", "", "keys folder made by init")
	out := fs.String("out", "", "feed folder")
	exp := expiryFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keys == "" || *out == "" {
		return errors.New("timestamp: --keys DIR and --out DIR are required")
	}
	ts, err := feed.Timestamp(*keys, *out, exp.Timestamp, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "timestamp v%d valid until %s\n", ts.Signed.Version, ts.Signed.Expires.Format(time.RFC3339))
	return nil
}

func verifyCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	root := fs.String("root", "", "the trusted root.json")
	dir := fs.String("dir", "", "feed folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *root == "" || *dir == "" {
		return errors.New("verify: --root FILE and --dir DIR are required")
	}
	set, err := feed.Verify(*root, *dir, time.Now())
	if err != nil {
		return fmt.Errorf("%s does not verify:\n%w", *dir, err)
	}
	fmt.Fprintf(stdout, "%s verifies: %d items, every file signed and hashed as the root requires\n", *dir, set.Len())
	return nil
}

func serveCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("dir", "", "feed folder")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("serve: --dir DIR is required")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s on http://%s/\n", *dir, ln.Addr())
	srv := &http.Server{Handler: feed.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(ln)
}
