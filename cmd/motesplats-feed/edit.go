package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/motesplats/motesplats/internal/editor"
	"github.com/motesplats/motesplats/internal/source"
)

// defaultPasswordFile is where edit-password writes and edit reads the
// editor's password hash unless told otherwise.
func defaultPasswordFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "motesplats", "editor-password")
}

func editCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("edit", flag.ContinueOnError)
	dir := fs.String("content", "", "content folder to edit")
	addr := fs.String("addr", "127.0.0.1:8090", "address to listen on; beyond 127.0.0.1 a password is required")
	keys := fs.String("keys", "", "keys folder made by init (for Publish)")
	out := fs.String("out", "", "feed folder to publish into (for Publish)")
	pwFile := fs.String("password-file", defaultPasswordFile(), "password hash made by edit-password")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("edit: --content DIR is required")
	}
	if !source.HoldsContent(*dir) {
		return fmt.Errorf("edit: %s holds none of the kind folders (articles/, services/ …): is it a content folder?", *dir)
	}
	if (*keys == "") != (*out == "") {
		return errors.New("edit: --keys and --out go together (Publish needs both)")
	}
	opt := editor.Options{Content: *dir, Keys: *keys, Out: *out, Loopback: editor.IsLoopback(*addr)}
	if hash, err := editor.ReadPasswordFile(*pwFile); err == nil {
		opt.PasswordHash = hash
	} else if !opt.Loopback {
		return fmt.Errorf("edit: %s is reachable from other machines and needs a password (%v): run `motesplats-feed edit-password`", *addr, err)
	}
	srv, err := editor.New(opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "editing %s on http://%s/\n", *dir, ln.Addr())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
	return hs.Serve(ln)
}

func editPasswordCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("edit-password", flag.ContinueOnError)
	pwFile := fs.String("out", defaultPasswordFile(), "file to write the password hash to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pwFile == "" {
		return errors.New("edit-password: --out FILE is required")
	}
	password, err := readPassword()
	if err != nil {
		return err
	}
	hash, err := editor.HashPassword(password)
	if err != nil {
		return fmt.Errorf("edit-password: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(*pwFile), 0o700); err != nil {
		return err
	}
	if err := editor.WritePasswordFile(*pwFile, hash); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the editor's password hash to %s\n", *pwFile)
	return nil
}

// stdin is where edit-password reads the password (tests replace it).
var stdin = os.Stdin

// readPassword asks twice on a terminal; from a pipe it reads one line.
func readPassword() (string, error) {
	fd := int(stdin.Fd())
	if !term.IsTerminal(fd) {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", errors.New("edit-password: no password on standard input")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	fmt.Fprint(os.Stderr, "New password: ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(os.Stderr, "Again: ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", err
	}
	if string(a) != string(b) {
		return "", errors.New("edit-password: the two passwords differ")
	}
	return string(a), nil
}
