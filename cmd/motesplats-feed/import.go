package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/importer"
	"github.com/motesplats/motesplats/internal/source"
)

const importUsage = `Usage:
  motesplats-feed import hsds FILE [--lang L] --out DIR   Open Referral HSDS 3.0 JSON, texts in L (default sv)
  motesplats-feed import ical FILE --lang L --out DIR     iCalendar events, texts in L (sv, uk, ar, en)
      [--zone Europe/Stockholm]  zone of floating times when the file names none (X-WR-TIMEZONE)
      [--place TEXT]             place of events that have neither LOCATION nor URL
  motesplats-feed import integreat DIR [--municipality ID] --out DIR
                                                          Integreat CMS API dump (DIR/<lang>/pages.json, …);
                                                          ID: the municipality the region is (must be in --out)

If DIR already holds content it is read (and must be valid) and the
imported items are added to it, replacing items of the same id; derived
municipalities and the "imported" topic are only added when missing.
See docs/importers.md.
`

// importCommand runs an importer and writes what it imported as a
// content source folder.
func importCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, importUsage)
		if len(args) == 0 {
			return errors.New("import: a format is needed (hsds, ical or integreat)")
		}
		return nil
	}
	format := args[0]
	fs := flag.NewFlagSet("import "+format, flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("out", "", "content folder to write to (created, or merged into)")
	lang := fs.String("lang", "", "language of the texts (ical, hsds): sv, uk, ar or en")
	municipality := fs.String("municipality", "", "municipality id of the imported items (integreat)")
	zone := fs.String("zone", "", "ical: IANA zone of floating times when the calendar names none (default "+importer.DefaultZone+")")
	place := fs.String("place", "", "ical: place of events that have neither LOCATION nor URL")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("import %s: exactly one input is needed\n%s", format, importUsage)
	}
	if *out == "" {
		return fmt.Errorf("import %s: --out DIR is required", format)
	}
	in := pos[0]

	var set *content.Set
	var rep importer.Report
	switch format {
	case "hsds", "ical":
		if format == "hsds" && *lang == "" {
			*lang = string(content.Swedish)
		}
		if !content.Lang(*lang).Known() {
			return fmt.Errorf("import %s: --lang must be one of sv, uk, ar, en (got %q)", format, *lang)
		}
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		if format == "hsds" {
			set, rep, err = importer.HSDS(f, content.Lang(*lang))
		} else {
			set, rep, err = importer.ICalWith(f, importer.ICalOptions{Lang: content.Lang(*lang), Zone: *zone, Place: *place})
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
	case "integreat":
		if set, rep, err = importer.Integreat(in, importer.IntegreatOptions{Municipality: *municipality}); err != nil {
			return err
		}
	default:
		return fmt.Errorf("import: unknown format %q\n%s", format, importUsage)
	}

	if *municipality != "" && format != "integreat" {
		return fmt.Errorf("import %s: --municipality is for integreat only", format)
	}
	written, replaced, err := mergeInto(*out, set)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep.Summary())
	fmt.Fprintf(stdout, "wrote %d items to %s (%d replaced items of the same id)\n", written, *out, replaced)
	return nil
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// mergeInto writes the imported items into the folder out. When out
// already exists its content is read and validated first; imported
// articles, services and events replace items of the same id, while
// municipalities and topics the import derived are only added when the
// folder lacks them (a hand-written one with all four languages stays).
// The merged whole is validated before anything is written, and only the
// imported items' files are written, so other files stay as they were.
func mergeInto(out string, imported *content.Set) (written, replaced int, err error) {
	existing := &content.Set{}
	if source.HoldsContent(out) { // a new or empty folder has nothing to merge with
		if existing, err = source.ReadDir(out); err != nil {
			return 0, 0, fmt.Errorf("%s already holds content that does not read cleanly; fix it or choose another --out:\n%w", out, err)
		}
	}
	has := func(kind content.Kind, id string) bool { return itemIDs(existing, kind)[id] }
	toWrite := &content.Set{Articles: imported.Articles, Services: imported.Services, Events: imported.Events}
	for _, m := range imported.Municipalities {
		if !has(content.KindMunicipality, m.ID) {
			toWrite.Municipalities = append(toWrite.Municipalities, m)
		}
	}
	for _, t := range imported.Topics {
		if !has(content.KindTopic, t.ID) {
			toWrite.Topics = append(toWrite.Topics, t)
		}
	}
	for _, k := range []content.Kind{content.KindArticle, content.KindService, content.KindEvent} {
		for id := range itemIDs(toWrite, k) {
			if has(k, id) {
				replaced++
			}
		}
	}
	merged := mergeSets(existing, toWrite)
	if missing := missingMunicipalities(merged); len(missing) > 0 {
		return 0, 0, fmt.Errorf("municipality %s is not in %s; add municipalities/%s.json (its name in the four languages) first; nothing written",
			strings.Join(missing, ", "), out, missing[0])
	}
	if problems := merged.Validate(); len(problems) > 0 {
		return 0, 0, fmt.Errorf("the merged content would not be valid; nothing written:\n%w", problems)
	}
	if err := source.WriteDir(out, toWrite); err != nil {
		return 0, 0, err
	}
	return toWrite.Len(), replaced, nil
}

// missingMunicipalities lists the municipality ids the set's articles,
// services and events name that it has no municipality for.
func missingMunicipalities(s *content.Set) []string {
	have := itemIDs(s, content.KindMunicipality)
	var missing []string
	add := func(id string) {
		if id != "" && !have[id] && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	for _, a := range s.Articles {
		add(a.Municipality)
	}
	for _, v := range s.Services {
		add(v.Municipality)
	}
	for _, e := range s.Events {
		add(e.Municipality)
	}
	return missing
}

func itemIDs(s *content.Set, kind content.Kind) map[string]bool {
	ids := map[string]bool{}
	for _, id := range s.IDs(kind) {
		ids[id] = true
	}
	return ids
}

// mergeSets returns base with the items of over added, replacing items of
// the same kind and id.
func mergeSets(base, over *content.Set) *content.Set {
	return &content.Set{
		Municipalities: mergeByID(base.Municipalities, over.Municipalities, func(x content.Municipality) string { return x.ID }),
		Topics:         mergeByID(base.Topics, over.Topics, func(x content.Topic) string { return x.ID }),
		Projects:       mergeByID(base.Projects, over.Projects, func(x content.Project) string { return x.ID }),
		Articles:       mergeByID(base.Articles, over.Articles, func(x content.Article) string { return x.ID }),
		Services:       mergeByID(base.Services, over.Services, func(x content.Service) string { return x.ID }),
		Events:         mergeByID(base.Events, over.Events, func(x content.Event) string { return x.ID }),
	}
}

func mergeByID[T any](base, over []T, id func(T) string) []T {
	replace := map[string]bool{}
	for _, x := range over {
		replace[id(x)] = true
	}
	out := make([]T, 0, len(base)+len(over))
	for _, x := range base {
		if !replace[id(x)] {
			out = append(out, x)
		}
	}
	return append(out, over...)
}
