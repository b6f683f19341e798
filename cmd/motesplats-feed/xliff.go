package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/editor"
	"github.com/motesplats/motesplats/internal/source"
)

func xliffCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("xliff: export or import?")
	}
	switch args[0] {
	case "export":
		return xliffExport(args[1:], stdout)
	case "import":
		return xliffImport(args[1:], stdout)
	}
	return fmt.Errorf("xliff: unknown command %q: export or import", args[0])
}

func xliffExport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("xliff export", flag.ContinueOnError)
	dir := fs.String("content", "", "content folder")
	lang := fs.String("lang", "", "the language to translate into: uk, ar or en")
	since := fs.String("changed-since", "", "also send texts whose Swedish changed since this date (YYYY-MM-DD) or published version (with --feed)")
	feedDir := fs.String("feed", "", "the feed folder the version of --changed-since was published in")
	out := fs.String("out", "", "the XLIFF file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *out == "" || *lang == "" {
		return errors.New("xliff export: --content DIR, --lang and --out FILE are required")
	}
	if !source.HoldsContent(*dir) {
		return fmt.Errorf("xliff export: %s holds none of the kind folders (articles/, services/ …): is it a content folder?", *dir)
	}
	s, err := editor.ParseSince(*since, *feedDir)
	if err != nil {
		return fmt.Errorf("xliff export: %w", err)
	}
	doc, err := editor.ExportXLIFF(*dir, content.Lang(*lang), s)
	if err != nil {
		return fmt.Errorf("xliff export: %w", err)
	}
	if err := editor.WriteXLIFF(*out, doc); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d text(s) of %d item(s) to translate into %s to %s\n", editor.Units(doc), len(doc.Files), *lang, *out)
	return nil
}

func xliffImport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("xliff import", flag.ContinueOnError)
	dir := fs.String("content", "", "content folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() != 1 {
		return errors.New("xliff import: --content DIR and one XLIFF file are required")
	}
	if !source.HoldsContent(*dir) {
		return fmt.Errorf("xliff import: %s holds none of the kind folders (articles/, services/ …): is it a content folder?", *dir)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	report, err := editor.ImportXLIFF(*dir, f)
	if err != nil {
		return fmt.Errorf("xliff import %s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "imported %d text(s) into %s: %d changed, %d item(s) written\n", report.Units, report.Lang, report.Changed, report.Items)
	return nil
}
