package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// publishedFeed initialises keys and builds the built-in content once.
func publishedFeed(t *testing.T) (keys, out string) {
	t.Helper()
	dir := t.TempDir()
	keys, out = filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
	if _, err := runFeed(t, "init", "--keys", keys); err != nil {
		t.Fatal(err)
	}
	if text, err := runFeed(t, "build", "--content", "../../assets/content", "--keys", keys, "--out", out); err != nil {
		t.Fatalf("build: %v\n%s", err, text)
	}
	return keys, out
}

func timestampVersion(t *testing.T, out string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "metadata", "timestamp.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Issue 13, part 5: `build --content assets` (one folder too high) used to
// sign an empty version that wiped every kiosk.
func TestBuildRefusesTheFolderAboveTheContent(t *testing.T) {
	keys, out := publishedFeed(t)
	before := timestampVersion(t, out)
	_, err := runFeed(t, "build", "--content", "../../assets", "--keys", keys, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "holds none of the folders") {
		t.Fatalf("build --content assets: %v", err)
	}
	empty := t.TempDir()
	os.Mkdir(filepath.Join(empty, "topics"), 0o755)
	_, err = runFeed(t, "build", "--content", empty, "--keys", keys, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "has no items") {
		t.Fatalf("build of a content folder with empty kind folders: %v", err)
	}
	if timestampVersion(t, out) != before {
		t.Fatal("a refused build changed the published feed")
	}
}

// A version that drops most items is refused unless --allow-shrink; one
// within --max-shrink goes through.
func TestBuildRefusesALargeShrink(t *testing.T) {
	keys, out := publishedFeed(t)
	all, err := source.ReadDir("../../assets/content")
	if err != nil {
		t.Fatal(err)
	}
	only := func(keep func(item content.Item) bool) string {
		var s content.Set
		all.Each(func(item content.Item) {
			if keep(item) {
				s.Add(item)
			}
		})
		dir := t.TempDir()
		if err := source.WriteDir(dir, &s); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// Municipalities and topics only: most of the content is gone.
	shrunk := only(func(item content.Item) bool {
		k, _ := item.Kind(), item.ItemID()
		return k == content.KindMunicipality || k == content.KindTopic
	})
	before := timestampVersion(t, out)
	_, err = runFeed(t, "build", "--content", shrunk, "--keys", keys, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "--allow-shrink") || !strings.Contains(err.Error(), "articles 44") {
		t.Fatalf("build of a shrunk folder: %v", err)
	}
	if timestampVersion(t, out) != before {
		t.Fatal("a refused build changed the published feed")
	}
	if _, err := runFeed(t, "build", "--content", shrunk, "--keys", keys, "--out", out, "--max-shrink", "10", "--allow-shrink"); err != nil {
		t.Fatalf("build --allow-shrink: %v", err)
	}
	// Back to everything, then one event fewer: well within 20 %.
	if _, err := runFeed(t, "build", "--content", "../../assets/content", "--keys", keys, "--out", out); err != nil {
		t.Fatal(err)
	}
	dropped := false
	oneLess := only(func(item content.Item) bool {
		if k, _ := item.Kind(), item.ItemID(); k == content.KindEvent && !dropped {
			dropped = true
			return false
		}
		return true
	})
	if text, err := runFeed(t, "build", "--content", oneLess, "--keys", keys, "--out", out); err != nil {
		t.Fatalf("build removing one item: %v\n%s", err, text)
	}
}

// Issue 13: raw HTML in a Markdown body showed as an empty article; the
// publisher now hears of it, naming the item and field.
func TestValidateWarnsOfHTMLInMarkdown(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "topics"), 0o755)
	os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
	os.WriteFile(filepath.Join(dir, "topics", "health.json"), []byte(`{"id": "health", "title": {"sv": "Hälsa"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "articles", "vard.json"), []byte(`{"id": "vard", "topic": "health",
		"title": {"sv": "Vård"}, "body": {"sv": "<div><p>Ring 1177.</p></div>", "en": "Call 1177 if you are < 18."}}`), 0o644)
	text, err := runFeed(t, "validate", "--content", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "warning: articles/vard: body.sv: holds HTML (<div>)") || strings.Contains(text, "body.en") {
		t.Errorf("validate output:\n%s", text)
	}
}
