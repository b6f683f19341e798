package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/store"
)

// searchReport is one query's line of `motesplats search --json` and
// `--queries`: the results and the time the search took, in microseconds,
// with the index already built.
type searchReport struct {
	Query   string          `json:"query"`
	Results []search.Result `json:"results"`
	Micros  int64           `json:"micros"`
}

func searchCommand(args []string, stdout io.Writer) error {
	fs, data := newFlags("search")
	lang := fs.String("lang", "sv", "the reader's language: sv, uk, ar or en")
	limit := fs.Int("limit", 10, "results per query")
	asJSON := fs.Bool("json", false, "print one JSON line per query")
	queries := fs.String("queries", "", "file of queries, one a line: print one JSON line per query")
	kinds := fs.String("kind", "", "only these kinds, comma-separated: articles, services, events, projects")
	muni := fs.String("municipality", "", "only items of this municipality (id) and national ones")
	from := fs.String("from", "", "only events with an occurrence on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only events with an occurrence before this date (YYYY-MM-DD)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := search.Query{Lang: content.Lang(*lang), Limit: *limit, Municipality: *muni}
	if !q.Lang.Known() {
		return fmt.Errorf("search: --lang %q: use sv, uk, ar or en", *lang)
	}
	var err error
	if q.Kinds, err = parseKinds(*kinds); err != nil {
		return err
	}
	if q.From, err = parseDay("from", *from); err != nil {
		return err
	}
	if q.To, err = parseDay("to", *to); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if (text == "") == (*queries == "") {
		return errors.New("search: give a query, or --queries FILE (not both)")
	}
	set, ix, err := loadIndex(*data)
	if err != nil {
		return err
	}
	if *queries != "" {
		return searchFile(ix, q, *queries, stdout)
	}
	q.Text = text
	r := timedSearch(ix, q)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(r)
	}
	printResults(stdout, set, q.Lang, r.Results)
	return nil
}

// loadIndex reads the data folder's content and indexes it.
func loadIndex(dir string) (*content.Set, *search.Index, error) {
	lib, err := library.OpenReadOnly(dir)
	if err != nil {
		return nil, nil, err
	}
	defer lib.Close()
	var set *content.Set
	err = lib.Store.View(func(tx *store.Tx) error {
		set, err = tx.Set()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return set, search.Build(set), nil
}

func timedSearch(ix *search.Index, q search.Query) searchReport {
	start := time.Now()
	res := ix.Search(q)
	took := time.Since(start)
	if res == nil {
		res = []search.Result{}
	}
	return searchReport{Query: q.Text, Results: res, Micros: took.Microseconds()}
}

// searchFile runs every line of a file as a query, one JSON line each.
func searchFile(ix *search.Index, q search.Query, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		q.Text = strings.TrimSuffix(lines.Text(), "\r")
		if strings.TrimSpace(q.Text) == "" {
			continue
		}
		if err := enc.Encode(timedSearch(ix, q)); err != nil {
			return err
		}
	}
	if err := lines.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return out.Flush()
}

func parseKinds(s string) ([]content.Kind, error) {
	if s == "" {
		return nil, nil
	}
	var kinds []content.Kind
	for _, k := range strings.Split(s, ",") {
		kind := content.Kind(strings.TrimSpace(k))
		switch kind {
		case content.KindArticle, content.KindService, content.KindEvent, content.KindProject:
			kinds = append(kinds, kind)
		default:
			return nil, fmt.Errorf("search: --kind %q: use articles, services, events or projects", k)
		}
	}
	return kinds, nil
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, i18n.Stockholm)
	if err != nil {
		return time.Time{}, fmt.Errorf("search: --%s %q: use YYYY-MM-DD", flag, s)
	}
	return t, nil
}

// printResults prints one line per result: kind, id, score and the
// title in the reader's language (or the fallback one).
func printResults(w io.Writer, set *content.Set, lang content.Lang, res []search.Result) {
	titles := titlesOf(set)
	for i, r := range res {
		fmt.Fprintf(w, "%2d  %-8s  %-40s %7.3f  %s\n", i+1, r.Kind, r.ID, r.Score, titles[string(r.Kind)+"/"+r.ID].String(lang))
	}
}

func titlesOf(set *content.Set) map[string]content.Text {
	m := map[string]content.Text{}
	set.Each(func(item content.Item) {
		kind, id, title := item.Kind(), item.ItemID(), item.Main()
		m[string(kind)+"/"+id] = title
	})
	return m
}
