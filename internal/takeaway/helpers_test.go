package takeaway

import (
	"io/fs"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// builtin loads the content built into the app, which every test over
// real items runs on.
func builtin(t *testing.T) *content.Set {
	t.Helper()
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Read(sub)
	if err != nil {
		t.Fatalf("reading the built-in content: %v", err)
	}
	return set
}

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := content.LoadZone("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// checkLines asserts the shape both formats share: CRLF after every line
// and nothing else, no physical line over 75 octets, each line valid
// UTF-8 on its own (so folding split no character), continuation lines
// starting with a space.
func checkLines(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("does not end with CRLF")
	}
	if strings.Count(s, "\n") != strings.Count(s, "\r\n") || strings.Count(s, "\r") != strings.Count(s, "\r\n") {
		t.Errorf("has a bare LF or CR")
	}
	for i, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > maxLineOctets {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d is not valid UTF-8 on its own: %q", i+1, line)
		}
		if line == "" || line == " " {
			t.Errorf("line %d is empty", i+1)
		}
	}
}

// unfold joins folded lines back, as a reader does.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }
