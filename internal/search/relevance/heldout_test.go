package relevance

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// heldoutDir is the held-out set of everyday words and transliterations
// (see its README.md). It is never used for tuning; this test only checks
// that the files are well formed and that every answer exists.
const heldoutDir = "../testdata/relevance-heldout"

// The types of held-out case.
const (
	everyday = "everyday" // an everyday word or short phrase
	translit = "translit" // a Swedish term in another script or misspelt by ear
)

// heldoutKinds maps the kind written in an answer ("article:health-care")
// to the content kind whose ids it names.
var heldoutKinds = map[string]content.Kind{
	"article": content.KindArticle,
	"service": content.KindService,
	"event":   content.KindEvent,
	"project": content.KindProject,
	"topic":   content.KindTopic,
}

// heldoutCase is one line of a held-out file.
type heldoutCase struct {
	line    int
	typ     string
	query   string
	answers []string // "kind:id"
}

// parseHeldout reads one held-out file; errors say "name:line: what".
func parseHeldout(path string) ([]heldoutCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []heldoutCase
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		c, err := parseHeldoutLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		c.line = n
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

func parseHeldoutLine(line string) (heldoutCase, error) {
	f := strings.Split(line, "\t")
	if len(f) != 3 {
		return heldoutCase{}, fmt.Errorf("want 3 tab-separated fields (type, query, answers), got %d", len(f))
	}
	c := heldoutCase{typ: f[0], query: strings.TrimSpace(f[1])}
	if c.typ != everyday && c.typ != translit {
		return c, fmt.Errorf("type %q is neither %q nor %q", c.typ, everyday, translit)
	}
	if c.query == "" {
		return c, fmt.Errorf("empty query")
	}
	for _, a := range strings.Split(f[2], ",") {
		if a = strings.TrimSpace(a); a != "" {
			c.answers = append(c.answers, a)
		}
	}
	if len(c.answers) == 0 {
		return c, fmt.Errorf("no answers")
	}
	return c, nil
}

// builtinIDs returns every "kind:id" of the built-in content.
func builtinIDs(t *testing.T) map[string]bool {
	t.Helper()
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Read(sub)
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]bool)
	for name, kind := range heldoutKinds {
		for _, id := range set.IDs(kind) {
			ids[name+":"+id] = true
		}
	}
	return ids
}

func TestHeldoutSetAnswersExist(t *testing.T) {
	known := builtinIDs(t)
	for _, lang := range content.Languages {
		path := filepath.Join(heldoutDir, string(lang)+".tsv")
		cases, err := parseHeldout(path)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		seen := map[string]int{}
		for _, c := range cases {
			counts[c.typ]++
			if prev, dup := seen[c.query]; dup {
				t.Errorf("%s:%d: query %q repeats line %d", path, c.line, c.query, prev)
			}
			seen[c.query] = c.line
			for _, a := range c.answers {
				if !known[a] {
					t.Errorf("%s:%d: answer %q is not a kind:id of the built-in content", path, c.line, a)
				}
			}
		}
		if len(cases) < 40 {
			t.Errorf("%s: %d cases, want at least 40", path, len(cases))
		}
		t.Logf("%s: %d cases (%d everyday, %d translit)", lang, len(cases), counts[everyday], counts[translit])
	}
}

func TestParseHeldoutLineRejects(t *testing.T) {
	for _, line := range []string{
		"everyday\tdoctor",                      // two fields
		"keywords\tdoctor\tarticle:health-care", // unknown type
		"everyday\t \tarticle:health-care",      // empty query
		"translit\tvardcentral\t , ",            // no answers
	} {
		if _, err := parseHeldoutLine(line); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
	c, err := parseHeldoutLine("translit\tvardcentral\tarticle:health-care, topic:health")
	if err != nil || len(c.answers) != 2 || c.answers[1] != "topic:health" {
		t.Errorf("got %+v, %v", c, err)
	}
}
