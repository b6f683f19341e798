package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
)

// TestSearchCommand runs `motesplats search` as a process on a data folder
// seeded with the built-in content.
func TestSearchCommand(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	lib, err := library.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()

	t.Run("json", func(t *testing.T) {
		out, stderr, err := runBinary(bin, nil, "search", "--data", dir, "--lang", "ar", "--json", "--limit", "3", "vårdcentral")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		var r searchReport
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if r.Query != "vårdcentral" || len(r.Results) == 0 || len(r.Results) > 3 || r.Micros < 0 {
			t.Fatalf("report %+v", r)
		}
		if first := r.Results[0]; first.Kind != content.KindArticle || first.ID != "health-care" || first.Score <= 0 {
			t.Errorf("first result %+v, want the health-care article", first)
		}
	})

	t.Run("text shows the title in the reader's language", func(t *testing.T) {
		out, stderr, err := runBinary(bin, nil, "search", "--data", dir, "--lang", "uk", "Migrationsverkt")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		first, _, _ := strings.Cut(out, "\n")
		if !strings.Contains(first, "migrationsverket") || !strings.Contains(first, "Міграційна служба") {
			t.Errorf("first line %q", first)
		}
	})

	t.Run("queries file gives one JSON line per query", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "queries.txt")
		queries := []string{"SFI", "", "skolan ", "qqxqz zzyqw"}
		if err := os.WriteFile(file, []byte(strings.Join(queries, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, err := runBinary(bin, nil, "search", "--data", dir, "--lang", "sv", "--queries", file, "--kind", "articles")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		var got []searchReport
		lines := bufio.NewScanner(strings.NewReader(out))
		for lines.Scan() {
			var r searchReport
			if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
				t.Fatalf("line %q: %v", lines.Text(), err)
			}
			got = append(got, r)
		}
		if len(got) != 3 || got[0].Query != "SFI" || got[1].Query != "skolan " || got[2].Query != "qqxqz zzyqw" {
			t.Fatalf("reports %+v", got)
		}
		if len(got[0].Results) == 0 || got[0].Results[0].ID != "sfi" {
			t.Errorf("SFI: %+v", got[0].Results)
		}
		for _, r := range got[1].Results {
			if r.Kind != content.KindArticle {
				t.Errorf("--kind articles gave %+v", r)
			}
		}
		if got[2].Results == nil || len(got[2].Results) != 0 {
			t.Errorf("a query that finds nothing gives %v, want []", got[2].Results)
		}
		if !strings.Contains(out, `"results":[]`) {
			t.Errorf("no empty results list in %s", out)
		}
	})

	t.Run("bad arguments", func(t *testing.T) {
		for _, args := range [][]string{
			{"search", "--data", dir, "--lang", "fi", "sfi"},
			{"search", "--data", dir},
			{"search", "--data", dir, "--kind", "topics", "sfi"},
			{"search", "--data", dir, "--from", "tomorrow", "sfi"},
		} {
			if _, _, err := runBinary(bin, nil, args...); err == nil {
				t.Errorf("%v exited 0", args)
			}
		}
	})
}
