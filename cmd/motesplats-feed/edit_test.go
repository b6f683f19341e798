package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/editor"
)

func TestEditPasswordAndRemoteEditor(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "editor-password")
	content := filepath.Join(dir, "content")
	os.MkdirAll(filepath.Join(content, "topics"), 0o755)

	// Without a password, an editor other machines can reach is refused.
	err := run([]string{"edit", "--content", content, "--addr", "0.0.0.0:0", "--password-file", pwFile}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "edit-password") {
		t.Fatalf("remote editor without a password: %v", err)
	}

	in := filepath.Join(dir, "in")
	os.WriteFile(in, []byte("short\n"), 0o600)
	stdin, _ = os.Open(in)
	if err := run([]string{"edit-password", "--out", pwFile}, &bytes.Buffer{}); err == nil {
		t.Error("a short password was accepted")
	}
	os.WriteFile(in, []byte("a long enough password\n"), 0o600)
	stdin, _ = os.Open(in)
	defer func() { stdin = os.Stdin }()
	if err := run([]string{"edit-password", "--out", pwFile}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	hash, err := editor.ReadPasswordFile(pwFile)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := editor.MatchPassword(hash, "a long enough password"); !ok {
		t.Error("the written hash does not match the password")
	}
	if ok, _ := editor.MatchPassword(hash, "another password"); ok {
		t.Error("the hash matches another password")
	}
	if st, _ := os.Stat(pwFile); st.Mode().Perm() != 0o600 {
		t.Errorf("password file mode %v", st.Mode().Perm())
	}
}
