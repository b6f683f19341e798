package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/library"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

// The admin PIN is set outside the window: whoever stands at a kiosk
// must never be the one who chooses it. The PIN is read from the
// terminal without echo, or as one line on standard input, never from
// the command line (which any user sees in the process list).

func pinCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("pin: say set, status or hash (see motesplats help)")
	}
	switch args[0] {
	case "set":
		return pinSet(args[1:], stdout)
	case "status":
		return pinStatus(args[1:], stdout)
	case "hash":
		return pinHash(args[1:], stdout)
	}
	return fmt.Errorf("pin %s: say set, status or hash", args[0])
}

// noPINArguments refuses words after the flags: a PIN typed there would
// be in the shell history and the process list.
func noPINArguments(name string, rest []string) error {
	if len(rest) > 0 {
		return fmt.Errorf("%s takes no PIN on the command line (others could read it in the process list): type it when asked, or give it as one line on standard input", name)
	}
	return nil
}

func pinSet(args []string, stdout io.Writer) error {
	fs, data := newFlags("pin set")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noPINArguments("pin set", fs.Args()); err != nil {
		return err
	}
	pin, err := readNewPIN(os.Stdin, os.Stderr)
	if err != nil {
		return err
	}
	admin, done := openAdmin(*data)
	defer done()
	if err := admin.SetPIN(pin); err != nil {
		return err
	}
	st := admin.Status()
	fmt.Fprintf(stdout, "The admin PIN of %s is set (kiosk mode %s; earlier wrong tries and lockouts are cleared).\n",
		*data, onOff(st.Kiosk))
	return nil
}

func pinStatus(args []string, stdout io.Writer) error {
	fs, data := newFlags("pin status")
	if err := fs.Parse(args); err != nil {
		return err
	}
	admin, done := openAdmin(*data)
	defer done()
	st := admin.Status()
	fmt.Fprintf(stdout, "kiosk file: %s\nkiosk mode: %s\n", admin.Path(), onOff(st.Kiosk))
	switch st.PIN {
	case kiosk.NoPIN:
		fmt.Fprintln(stdout, "admin PIN:  not set (kiosk mode will not start; set one with: motesplats pin set --data "+*data+")")
	case kiosk.PINDamaged:
		why := "the stored hash cannot be read"
		if st.Damaged != nil {
			why = st.Damaged.Error()
		}
		fmt.Fprintf(stdout, "admin PIN:  DAMAGED, no PIN unlocks (%s); set a new one with: motesplats pin set --data %s\n", why, *data)
	default:
		fmt.Fprintln(stdout, "admin PIN:  set")
	}
	if !st.LockedUntil.IsZero() {
		fmt.Fprintf(stdout, "locked:     until %s (lockout %d in a row)\n", st.LockedUntil.Local().Format("2006-01-02 15:04"), st.Lockouts)
	}
	return nil
}

// pinHash prints the hash of a PIN for a provisioning file.
func pinHash(args []string, stdout io.Writer) error {
	fs, _ := newFlags("pin hash")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noPINArguments("pin hash", fs.Args()); err != nil {
		return err
	}
	pin, err := readNewPIN(os.Stdin, os.Stderr)
	if err != nil {
		return err
	}
	hash, err := kiosk.HashPIN(pin, kiosk.DefaultKDF)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, hash)
	return nil
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// openAdmin opens the kiosk file of the data folder. The store is opened
// read-only, and only to move kiosk settings of an older version into
// the kiosk file; a store that is in use (the app runs: it has moved
// them already), missing or damaged is left alone.
func openAdmin(dir string) (*kiosk.Admin, func()) {
	path := filepath.Join(dir, library.StoreFile)
	if _, err := os.Stat(filepath.Join(dir, kiosk.FileName)); err == nil {
		return kiosk.NewAdmin(dir, nil), func() {}
	}
	if _, err := os.Stat(path); err != nil {
		return kiosk.NewAdmin(dir, nil), func() {}
	}
	s, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		return kiosk.NewAdmin(dir, nil), func() {}
	}
	return kiosk.NewAdmin(dir, s), func() { s.Close() }
}

// readNewPIN reads a new PIN: twice without echo from a terminal, or one
// line from standard input (provisioning scripts). The PIN is never
// printed, not even in an error.
func readNewPIN(in *os.File, prompt io.Writer) (string, error) {
	fd := int(in.Fd())
	if !term.IsTerminal(fd) {
		return readPINLine(in)
	}
	fmt.Fprintf(prompt, "New admin PIN (%d–%d digits): ", kiosk.MinPINDigits, kiosk.MaxPINDigits)
	first, err := term.ReadPassword(fd)
	fmt.Fprintln(prompt)
	if err != nil {
		return "", err
	}
	if _, ok := kiosk.NormalizePIN(string(first)); !ok {
		return "", kiosk.ErrPINRule
	}
	fmt.Fprint(prompt, "The same PIN again: ")
	second, err := term.ReadPassword(fd)
	fmt.Fprintln(prompt)
	if err != nil {
		return "", err
	}
	if string(first) != string(second) {
		return "", errors.New("the two PINs were not the same; nothing was changed")
	}
	return string(first), nil
}

func readPINLine(in io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(in, 256)).ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", errors.New("no PIN on standard input: give it as one line, e.g. from a file readable only by root")
	}
	pin := strings.TrimSpace(line)
	if _, ok := kiosk.NormalizePIN(pin); !ok {
		return "", kiosk.ErrPINRule
	}
	return pin, nil
}

// provision applies a provisioning file to the data folder.
func provision(args []string, stdout io.Writer) error {
	fs, data := newFlags("provision")
	file := fs.String("file", "", "provisioning file (TOML, see README: Kiosk set-up)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("provision: --file FILE is required")
	}
	p, err := kiosk.ReadProvision(*file)
	if err != nil {
		return err
	}
	lib, err := library.Open(*data)
	if err != nil {
		return err
	}
	defer lib.Close()
	admin := kiosk.NewAdmin(lib.Dir, lib.Store)
	if err := p.Apply(lib.Store, admin, update.SettingFeed); err != nil {
		return err
	}
	st := admin.Status()
	fmt.Fprintf(stdout, "%s applied to %s (kiosk mode %s, admin PIN %s).\n", *file, lib.Dir, onOff(st.Kiosk),
		map[kiosk.PINState]string{kiosk.NoPIN: "not set", kiosk.PINSet: "set", kiosk.PINDamaged: "damaged"}[st.PIN])
	return nil
}
