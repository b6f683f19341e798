package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestXLIFFCommands: after a published version the Swedish of one title
// changes; `xliff export --changed-since 1` sends it to the English
// translator with the old English to revise, and `xliff import` writes the
// revision — or refuses a broken file, naming the unit.
func TestXLIFFCommands(t *testing.T) {
	dir := t.TempDir()
	content, keys, out := filepath.Join(dir, "content"), filepath.Join(dir, "keys"), filepath.Join(dir, "feed")
	if err := os.CopyFS(content, os.DirFS("../../assets/content")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "--keys", keys}, {"build", "--content", content, "--keys", keys, "--out", out}} {
		if err := run(args, &bytes.Buffer{}); err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
	}
	article := filepath.Join(content, "articles", "emergency-112.json")
	replaceIn(t, article, `"sv": "Ring 112 vid nödläge"`, `"sv": "Ring 112 i en nödsituation"`)

	xlf := filepath.Join(dir, "en.xlf")
	var stdout bytes.Buffer
	if err := run([]string{"xliff", "export", "--content", content, "--lang", "en", "--changed-since", "1", "--feed", out, "--out", xlf}, &stdout); err != nil {
		t.Fatal(err)
	}
	exported := string(mustReadFile(t, xlf))
	unit := `<trans-unit id="articles/emergency-112/title" xml:space="preserve">
<source xml:lang="sv">Ring 112 i en nödsituation</source>
<target xml:lang="en" state="needs-review-translation">Call 112 in an emergency</target>`
	if !strings.Contains(exported, unit) {
		t.Errorf("the export lacks the changed title with its old English:\n%.3000s", exported)
	}
	if strings.Contains(exported, `id="articles/emergency-112/body"`) {
		t.Error("the unchanged body was exported")
	}
	if !strings.Contains(stdout.String(), "to translate into en to "+xlf) {
		t.Errorf("stdout %q", stdout.String())
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--changed-since", "7"}, "--changed-since 7 is a version: say which feed folder"},
		{[]string{"--changed-since", "9", "--feed", out}, "version 9 of " + out},
		{[]string{"--changed-since", "last week"}, `--changed-since "last week": give a date (YYYY-MM-DD) or a published version number`},
		{[]string{"--lang", "sv"}, `--lang "sv": translations are made from Swedish into uk, ar or en`},
	} {
		args := append([]string{"xliff", "export", "--content", content, "--lang", "en", "--out", filepath.Join(dir, "x.xlf")}, tc.args...)
		if err := run(args, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}

	// The translator's revision comes back; a file in the wrong language is refused.
	revised := strings.Replace(exported, "Call 112 in an emergency</target>", "Call 112 in an emergency situation</target>", 1)
	broken := filepath.Join(dir, "broken.xlf")
	os.WriteFile(broken, []byte(strings.Replace(revised, `<target xml:lang="en" state="needs-review-translation">Call 112`, `<target xml:lang="ar">Call 112`, 1)), 0o644)
	err := run([]string{"xliff", "import", "--content", content, broken}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `unit articles/emergency-112/title: the target is in "ar", the file's target language is "en"`) {
		t.Errorf("a wrong target language: %v", err)
	}
	os.WriteFile(xlf, []byte(revised), 0o644)
	stdout.Reset()
	if err := run([]string{"xliff", "import", "--content", content, xlf}, &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mustReadFile(t, article)), `"en": "Call 112 in an emergency situation"`) {
		t.Error("the revised English was not written")
	}
	if !strings.Contains(stdout.String(), "1 changed, 1 item(s) written") {
		t.Errorf("stdout %q", stdout.String())
	}
	if err := run([]string{"validate", "--content", content}, &bytes.Buffer{}); err != nil {
		t.Errorf("after the import the folder does not validate: %v", err)
	}
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data := string(mustReadFile(t, path))
	if !strings.Contains(data, old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(data, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
