// Command motesplats-feed is the publisher's tool: it checks content
// folders and builds the signed, sharded, static feed kiosks sync from.
// Run it without arguments for the list of commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "motesplats-feed:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode is 1 for an error, or the code the error asks for (pull: 2
// for a usage or configuration error), so cron and systemd can tell them
// apart.
func exitCode(err error) int {
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return coded.ExitCode()
	}
	return 1
}

const usage = `Usage:
  motesplats-feed init --keys DIR [--root-keys 1] [--root-threshold 1]
                                             create signing keys and the root.json kiosks trust
  motesplats-feed build --content DIR --keys DIR --out DIR [--max-shrink 20] [--allow-shrink]
                                             validate, shard and sign content as the next feed version;
                                             refuses empty content and a version removing over 20 % of the items
  motesplats-feed timestamp --keys DIR --out DIR
                                             sign the timestamp again (daily), with a fresh expiry
  motesplats-feed verify --root root.json --dir DIR
                                             check a feed exactly as a kiosk would
  motesplats-feed serve --dir DIR [--addr 127.0.0.1:8080]
                                             serve a feed folder over HTTP
  motesplats-feed validate --content DIR     check a content folder; report completeness per language
  motesplats-feed import hsds FILE [--lang L] --out DIR | import ical FILE --lang L --out DIR | import integreat DIR [--municipality ID] --out DIR
                                             bring Open Referral HSDS, iCalendar or Integreat content into the format
  motesplats-feed pull --sources FILE --content DIR [--only ID,ID] [--json]
                                             fetch iCalendar, Integreat and HSDS sources into a content folder
                                             (exit 0 all pulled, 1 a source failed, 2 usage/config error)
  motesplats-feed fleet --feed URL --state DIR [--kiosks 500]
                                             load-test a server with many kiosks polling at once
  motesplats-feed edit --content DIR [--addr 127.0.0.1:8090] [--keys DIR --out DIR] [--password-file FILE]
                                             a local web editor for the content folder (docs/editing.md)
  motesplats-feed edit-password [--out FILE] set the password an editor beyond 127.0.0.1 asks for
  motesplats-feed xliff export --content DIR --lang uk [--changed-since VERSION|YYYY-MM-DD [--feed DIR]] --out FILE
                                             the texts a language needs (missing, or changed in Swedish
                                             since the translation), as XLIFF 1.2 for translators
  motesplats-feed xliff import --content DIR FILE
                                             check translations from an XLIFF file and write them
  motesplats-feed generate --out DIR [--municipalities 290] [--items 50000] [--seed 1]
                                             write synthetic national-scale content (for benchmarks)
`

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return errors.New("a command is needed")
	}
	switch args[0] {
	case "init":
		return initCommand(args[1:], stdout)
	case "build":
		return buildCommand(args[1:], stdout)
	case "timestamp":
		return timestampCommand(args[1:], stdout)
	case "verify":
		return verifyCommand(args[1:], stdout)
	case "serve":
		return serveCommand(args[1:], stdout)
	case "validate":
		return validate(args[1:], stdout)
	case "import":
		return importCommand(args[1:], stdout)
	case "pull":
		return pullCommand(args[1:], stdout)
	case "fleet":
		return fleetCommand(args[1:], stdout)
	case "edit":
		return editCommand(args[1:], stdout)
	case "edit-password":
		return editPasswordCommand(args[1:], stdout)
	case "xliff":
		return xliffCommand(args[1:], stdout)
	case "generate":
		return generate(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

func validate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	dir := fs.String("content", "", "content folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("validate: --content DIR is required")
	}
	set, pics, err := readContent(*dir, "")
	if err != nil {
		return err
	}
	printWarnings(stdout, set)
	printCompleteness(stdout, set.Stats())
	printPictures(stdout, pics)
	return nil
}

// printCompleteness shows, per kind, how many items have their main text
// in each language: what translators still have to do.
func printCompleteness(w io.Writer, st content.Stats) {
	fmt.Fprintf(w, "%-16s %6s", "kind", "items")
	for _, l := range content.Languages {
		fmt.Fprintf(w, " %6s", l)
	}
	fmt.Fprintln(w)
	for _, k := range content.Kinds {
		fmt.Fprintf(w, "%-16s %6d", k, st.Items[k])
		for _, l := range content.Languages {
			fmt.Fprintf(w, " %6d", st.Languages[k][l])
		}
		fmt.Fprintln(w)
	}
}

func generate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	out := fs.String("out", "", "folder to write the content to")
	munis := fs.Int("municipalities", 290, "number of municipalities")
	items := fs.Int("items", 50000, "number of items")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same content")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("generate: --out DIR is required")
	}
	begin := time.Now()
	set := synth.Generate(synth.Options{Municipalities: *munis, Items: *items, Seed: *seed,
		Start: time.Now().Truncate(24 * time.Hour)})
	if err := source.WriteDir(*out, set); err != nil {
		return err
	}
	kinds := make([]string, 0, len(content.Kinds))
	for k, n := range set.Stats().Items {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	fmt.Fprintf(stdout, "wrote %d items to %s in %v (%s)\n", set.Len(), *out,
		time.Since(begin).Round(time.Millisecond), strings.Join(kinds, ", "))
	return nil
}
