package handout

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Printing goes through CUPS's own commands, which every Linux desk with
// a printer has: lpstat names the default printer, lp takes the PDF on
// its standard input (CUPS turns PDF into what the printer speaks).

// printTimeout bounds a call to CUPS: a hung scheduler must not hang the
// guide's screen.
const printTimeout = 20 * time.Second

// DefaultPrinter is the name of the default printer, ok false when there
// is no lp command or no default printer (then the handout is saved as a
// PDF instead).
func DefaultPrinter() (name string, ok bool) {
	if _, err := exec.LookPath("lp"); err != nil {
		return "", false
	}
	lpstat, err := exec.LookPath("lpstat")
	if err != nil {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, lpstat, "-d")
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		return "", false
	}
	// "system default destination: Office" (the words are CUPS's own,
	// in English under LC_ALL=C; "no system default destination" else).
	_, after, found := strings.Cut(string(out), ": ")
	name = strings.TrimSpace(after)
	return name, found && name != ""
}

// Print sends pdf to the default printer with a job title; it returns
// what lp says (the request id) or an error with lp's own message.
func Print(pdf []byte, title string) (string, error) {
	lp, err := exec.LookPath("lp")
	if err != nil {
		return "", fmt.Errorf("handout: no lp command to print with: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, lp, "-t", title, "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("handout: lp: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}
