package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/kiosk"
)

// runWithStdin runs the built command with stdin as its standard input
// (a pipe, not a terminal, as in a provisioning script).
func runWithStdin(bin, stdin string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG=en_GB.UTF-8")
	cmd.Stdin = strings.NewReader(stdin)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// filesContaining lists the files under dir whose bytes contain s.
func filesContaining(t *testing.T, dir, s string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); strings.Contains(string(b), s) {
				found = append(found, path)
			}
		}
		return nil
	})
	return found
}

func TestPINAndKioskProcesses(t *testing.T) {
	bin := buildBinary(t)

	t.Run("kiosk mode without a PIN is refused", func(t *testing.T) {
		dir := t.TempDir()
		_, stderr, err := runWithStdin(bin, "", "--data", dir, "--kiosk", "--lang", "en", "--smoke")
		if err == nil {
			t.Fatal("kiosk mode without a PIN exited 0")
		}
		for _, want := range []string{"Kiosk mode was not started: no admin PIN has been set",
			"motesplats pin set --data " + dir, "kiosk: no admin PIN has been set"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr %q does not say %q", stderr, want)
			}
		}
	})

	t.Run("pin set from stdin, then kiosk mode starts and the PIN works", func(t *testing.T) {
		dir := t.TempDir()
		stdout, stderr, err := runWithStdin(bin, "86420\n", "pin", "set", "--data", dir)
		if err != nil {
			t.Fatalf("pin set: %v\n%s", err, stderr)
		}
		if !strings.Contains(stdout, "The admin PIN of "+dir+" is set") {
			t.Errorf("pin set says %q", stdout)
		}
		if found := filesContaining(t, dir, "86420"); len(found) > 0 {
			t.Errorf("the PIN is in clear in %v", found)
		}
		if strings.Contains(stdout+stderr, "86420") {
			t.Error("the PIN was printed")
		}
		a := kiosk.NewAdmin(dir, nil)
		if ok, err := a.CheckPIN("86420"); !ok {
			t.Fatalf("the app's check refuses the PIN set from stdin: %v", err)
		}
		if _, stderr, err := runWithStdin(bin, "", "--data", dir, "--kiosk", "--lang", "en", "--smoke"); err != nil {
			t.Errorf("kiosk mode with a PIN: %v\n%s", err, stderr)
		}
		stdout, _, err = runWithStdin(bin, "", "pin", "status", "--data", dir)
		if err != nil || !strings.Contains(stdout, "admin PIN:  set") || !strings.Contains(stdout, "kiosk mode: off") {
			t.Errorf("pin status = %q, %v", stdout, err)
		}
	})

	t.Run("pin set refuses a PIN on the command line and a bad PIN", func(t *testing.T) {
		dir := t.TempDir()
		_, stderr, err := runWithStdin(bin, "", "pin", "set", "--data", dir, "1357")
		if err == nil || !strings.Contains(stderr, "takes no PIN on the command line") || strings.Contains(stderr, "1357") {
			t.Errorf("pin set with the PIN as argument: %v, %q", err, stderr)
		}
		_, stderr, err = runWithStdin(bin, "12ab\n", "pin", "set", "--data", dir)
		if err == nil || !strings.Contains(stderr, "the PIN must be 4–12 digits") || strings.Contains(stderr, "12ab") {
			t.Errorf("pin set with a bad PIN: %v, %q", err, stderr)
		}
		_, stderr, err = runWithStdin(bin, "", "pin", "set", "--data", dir)
		if err == nil || !strings.Contains(stderr, "no PIN on standard input") {
			t.Errorf("pin set with nothing on stdin: %v, %q", err, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, kiosk.FileName)); !os.IsNotExist(err) {
			t.Errorf("a refused pin set wrote the kiosk file: %v", err)
		}
	})

	t.Run("a damaged PIN is reported and pin set repairs it", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, kiosk.FileName), []byte("{oops"), 0o600); err != nil {
			t.Fatal(err)
		}
		stdout, _, _ := runWithStdin(bin, "", "pin", "status", "--data", dir)
		if !strings.Contains(stdout, "kiosk mode: on") || !strings.Contains(stdout, "admin PIN:  DAMAGED") {
			t.Errorf("pin status on a damaged file = %q", stdout)
		}
		if _, stderr, err := runWithStdin(bin, "2468\n", "pin", "set", "--data", dir); err != nil {
			t.Fatalf("pin set: %v %s", err, stderr)
		}
		if ok, err := kiosk.NewAdmin(dir, nil).CheckPIN("2468"); !ok {
			t.Errorf("after pin set on a damaged file: %v", err)
		}
	})

	t.Run("pin hash and provision", func(t *testing.T) {
		dir := t.TempDir()
		hash, stderr, err := runWithStdin(bin, "97531\n", "pin", "hash")
		hash = strings.TrimSpace(hash)
		if err != nil || !strings.HasPrefix(hash, "argon2id$v=19$m=65536,t=1,p=2$") || strings.Contains(hash, "97531") {
			t.Fatalf("pin hash = %q, %v, %s", hash, err, stderr)
		}
		file := filepath.Join(t.TempDir(), "kiosk.toml")
		text := "kiosk = true\nidle_seconds = 300\ndefault_language = \"uk\"\npin_hash = \"" + hash + "\"\n"
		if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, err := runWithStdin(bin, "", "provision", "--file", file, "--data", dir)
		if err != nil || !strings.Contains(stdout, "kiosk mode on, admin PIN set") {
			t.Fatalf("provision: %q %q %v", stdout, stderr, err)
		}
		if ok, err := kiosk.NewAdmin(dir, nil).CheckPIN("97531"); !ok {
			t.Errorf("the provisioned PIN does not work: %v", err)
		}
		// The kiosk setting alone (no --kiosk) now starts kiosk mode.
		if _, stderr, err := runWithStdin(bin, "", "--data", dir, "--smoke"); err != nil {
			t.Errorf("start after provisioning: %v\n%s", err, stderr)
		}

		bad := filepath.Join(t.TempDir(), "bad.toml")
		os.WriteFile(bad, []byte("kiosk = true\nidle_secs = 300\n"), 0o600)
		_, stderr, err = runWithStdin(bin, "", "provision", "--file", bad, "--data", t.TempDir())
		if err == nil || !strings.Contains(stderr, bad+":2: idle_secs: is not a setting") {
			t.Errorf("a malformed file: %v, %q", err, stderr)
		}
	})
}
