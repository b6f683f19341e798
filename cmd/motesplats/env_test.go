package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/library"
)

// TestWithoutDisplay starts the real window binary (not the headless
// test build) with no DISPLAY: it says so in one line on stderr, in the
// system's language, and exits 1, instead of Fyne's driver panicking.
func TestWithoutDisplay(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "motesplats")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Skipf("the window binary does not build here (cgo, GL headers): %v\n%s", err, out)
	}
	for _, c := range []struct{ lang, want string }{
		{"en_GB.UTF-8", "finds no display"},
		{"uk_UA.UTF-8", "не знаходить екрана"},
		{"C.UTF-8", "DISPLAY"},
	} {
		cmd := exec.Command(bin, "--data", t.TempDir())
		cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=/usr/bin:/bin", "LANG=" + c.lang}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if exitCode(err) != 1 || len(lines) != 1 || !strings.Contains(lines[0], c.want) {
			t.Errorf("LANG=%s: exit %d, stderr:\n%s", c.lang, exitCode(err), stderr.String())
		}
	}
}

// TestSubcommandsInPlainLocales: with LANG unset, C or C.UTF-8 (servers,
// containers, cron), status --json prints only JSON on stdout and nothing
// on stderr — Fyne, linked for the window, logs a locale error at start
// otherwise.
func TestSubcommandsInPlainLocales(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	lib, err := library.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	for _, env := range [][]string{
		{},
		{"LANG="},
		{"LANG=C"},
		{"LANG=C.UTF-8"},
		{"LC_ALL=C"},
		{"LC_ALL=C.UTF-8", "LANG=sv_SE.UTF-8"},
		{"LANG=POSIX"},
	} {
		cmd := exec.Command(bin, "status", "--data", dir, "--json")
		cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=/usr/bin:/bin"}, env...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%v: %v\n%s", env, err, stderr.String())
			continue
		}
		var r statusReport
		if err := json.Unmarshal([]byte(stdout.String()), &r); err != nil || r.Version == nil {
			t.Errorf("%v: stdout is not the status as JSON (%v):\n%s", env, err, stdout.String())
		}
		if stderr.Len() != 0 {
			t.Errorf("%v: stderr is not empty:\n%s", env, stderr.String())
		}
	}
}
