package i18n

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/motesplats/motesplats/internal/content"
)

// TestCatalogComplete guards every catalog file in locales/, whoever
// wrote it: each fails with the file, id and language to fix.
func TestCatalogComplete(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range catalogProblems(c) {
		t.Error(p)
	}
}

// TestCatalogRenders runs every message in every language through
// go-i18n with counts that reach every plural form, so a broken template
// or a missing form fails here rather than on the kiosk.
func TestCatalogRenders(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range content.Languages {
		loc := c.For(lang)
		for _, id := range c.MessageIDs() {
			data := map[string]any{}
			msgs := messagesOf(c, id)
			for _, m := range msgs {
				for _, name := range placeholders(m) {
					data[name] = "x"
				}
			}
			if !isPlural(msgs) {
				if _, err := loc.localize(id, nil, data); err != nil {
					t.Errorf("id %q in %s: %v", id, lang, err)
				}
				continue
			}
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 111} {
				data["Count"] = n
				if _, err := loc.localize(id, n, data); err != nil {
					t.Errorf("id %q in %s with count %d: %v", id, lang, n, err)
				}
			}
		}
	}
}

func TestCatalogCheckerNamesProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"x.sv.toml": {Data: []byte("A = \"Hej {{.Name}}\"\n[P]\none = \"{{.Count}} dag\"\nother = \"{{.Count}} dagar\"\n")},
		"x.uk.toml": {Data: []byte("A = \"Привіт {{.Nmae}}\"\n[P]\none = \"{{.Count}} день\"\nother = \"{{.Count}} днів\"\n")},
		"x.ar.toml": {Data: []byte("A = \"\"\n")},
		"x.en.toml": {Data: []byte("A = \"Hi {{.Name}}\"\n[P]\none = \"{{.Count}} day\"\nfew = \"x\"\nother = \"{{.Count}} days\"\n")},
		"y.sv.toml": {Data: []byte("B = \"b\"\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(catalogProblems(c), "\n")
	for _, want := range []string{
		`x.uk.toml: id "A" (uk) uses placeholders [Nmae], x.sv.toml (sv) uses [Name]`,
		`x.ar.toml: id "A" (ar) is empty`,
		`x.ar.toml: id "P" (ar) is missing`,
		`x.uk.toml: id "P" (uk) lacks plural forms [few many]`,
		`x.en.toml: id "P" (en) has plural forms English does not use: [few]`,
		`y.uk.toml: file is missing`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"unknown language": {"ui.de.toml": {Data: []byte("A = \"a\"\n")}},
		"duplicate id":     {"a.sv.toml": {Data: []byte("A = \"a\"\n")}, "b.sv.toml": {Data: []byte("A = \"b\"\n")}},
		"no files":         {},
		"bad toml":         {"a.sv.toml": {Data: []byte("A = \n")}},
	} {
		if _, err := Load(fsys); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

// catalogProblems lists, sorted, everything wrong with the catalog files.
func catalogProblems(c *Catalog) []string {
	var probs []string
	for area, files := range filesByArea(c) {
		probs = append(probs, areaProblems(area, files)...)
	}
	sort.Strings(probs)
	return probs
}

// filesByArea groups files by the part of the name before the language,
// "ui" for ui.sv.toml.
func filesByArea(c *Catalog) map[string]map[content.Lang]catalogFile {
	areas := map[string]map[content.Lang]catalogFile{}
	for _, f := range c.files {
		area := strings.TrimSuffix(f.path, "."+string(f.lang)+".toml")
		if areas[area] == nil {
			areas[area] = map[content.Lang]catalogFile{}
		}
		areas[area][f.lang] = f
	}
	return areas
}

func areaProblems(area string, files map[content.Lang]catalogFile) []string {
	var probs []string
	byID := map[string]map[content.Lang]*goi18n.Message{}
	for _, lang := range content.Languages {
		f, ok := files[lang]
		if !ok {
			probs = append(probs, fmt.Sprintf("%s.%s.toml: file is missing", area, lang))
			continue
		}
		for _, m := range f.messages {
			if byID[m.ID] == nil {
				byID[m.ID] = map[content.Lang]*goi18n.Message{}
			}
			byID[m.ID][lang] = m
		}
	}
	for id, msgs := range byID {
		probs = append(probs, messageProblems(id, msgs, files)...)
	}
	return probs
}

// messageProblems checks one id across the languages of one area.
func messageProblems(id string, msgs map[content.Lang]*goi18n.Message, files map[content.Lang]catalogFile) []string {
	var probs []string
	plural := isPlural(slices.Collect(maps.Values(msgs)))
	ref, refLang := referenceMessage(msgs)
	for _, lang := range content.Languages {
		f, ok := files[lang]
		if !ok {
			continue // reported for the whole file
		}
		at := fmt.Sprintf("%s: id %q (%s)", f.path, id, lang)
		m, ok := msgs[lang]
		if !ok {
			probs = append(probs, at+" is missing")
			continue
		}
		probs = append(probs, formProblems(at, m, lang, plural)...)
		if got, want := placeholders(m), placeholders(ref); lang != refLang && !equal(got, want) {
			probs = append(probs, fmt.Sprintf("%s uses placeholders %v, %s (%s) uses %v",
				at, got, files[refLang].path, refLang, want))
		}
	}
	return probs
}

// referenceMessage is the Swedish text, which translators start from, or
// the first language that has the id.
func referenceMessage(msgs map[content.Lang]*goi18n.Message) (*goi18n.Message, content.Lang) {
	for _, lang := range content.Languages {
		if m, ok := msgs[lang]; ok {
			return m, lang
		}
	}
	return nil, ""
}

func formProblems(at string, m *goi18n.Message, lang content.Lang, isPlural bool) []string {
	have := formsOf(m)
	for _, text := range have {
		if text == "" {
			return []string{at + " is empty"}
		}
	}
	if len(have) == 0 {
		return []string{at + " is empty"}
	}
	if !isPlural {
		return nil
	}
	var missing, extra []string
	need := requiredForms(lang)
	for _, form := range pluralFormNames {
		switch _, has := have[form]; {
		case need[form] && !has:
			missing = append(missing, form)
		case !need[form] && has:
			extra = append(extra, form)
		}
	}
	var probs []string
	if len(missing) > 0 {
		probs = append(probs, fmt.Sprintf("%s lacks plural forms %v", at, missing))
	}
	if len(extra) > 0 {
		probs = append(probs, fmt.Sprintf("%s has plural forms %s does not use: %v",
			at, display(lang), extra))
	}
	return probs
}

var pluralFormNames = []string{"zero", "one", "two", "few", "many", "other"}

// formsOf maps the CLDR form names a message has to their text. An empty
// form reads as absent, as go-i18n treats it.
func formsOf(m *goi18n.Message) map[string]string {
	forms := map[string]string{}
	for name, text := range map[string]string{
		"zero": m.Zero, "one": m.One, "two": m.Two,
		"few": m.Few, "many": m.Many, "other": m.Other,
	} {
		if text != "" {
			forms[name] = text
		}
	}
	return forms
}

// requiredForms asks CLDR (through x/text, the rules go-i18n also
// follows) which forms lang uses, by trying integers and decimals.
func requiredForms(lang content.Lang) map[string]bool {
	tag := language.Make(string(lang))
	need := map[string]bool{}
	for i := 0; i < 1000; i++ {
		need[formName(plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0))] = true
		for f := 0; f < 10; f++ {
			need[formName(plural.Cardinal.MatchPlural(tag, i, 1, 1, f, f))] = true
		}
	}
	return need
}

func formName(f plural.Form) string {
	return map[plural.Form]string{
		plural.Zero: "zero", plural.One: "one", plural.Two: "two",
		plural.Few: "few", plural.Many: "many", plural.Other: "other",
	}[f]
}

func TestRequiredForms(t *testing.T) {
	for lang, want := range map[content.Lang]string{
		content.Swedish:   "one other",
		content.English:   "one other",
		content.Ukrainian: "one few many other",
		content.Arabic:    "zero one two few many other",
	} {
		var got []string
		need := requiredForms(lang)
		for _, f := range pluralFormNames {
			if need[f] {
				got = append(got, f)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s needs %v, want %s", lang, got, want)
		}
	}
}

var placeholderAction = regexp.MustCompile(`\{\{(.*?)\}\}`)
var placeholderField = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)

// placeholders lists the sorted field names ({{.Name}}) used in any form;
// one form may leave out {{.Count}} (Arabic "دقيقتين" says two itself).
func placeholders(m *goi18n.Message) []string {
	set := map[string]bool{}
	for _, text := range formsOf(m) {
		for _, action := range placeholderAction.FindAllStringSubmatch(text, -1) {
			for _, field := range placeholderField.FindAllStringSubmatch(action[1], -1) {
				set[field[1]] = true
			}
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// isPlural reports whether any translation of a message has a form
// besides "other": then every translation needs its language's forms.
func isPlural(msgs []*goi18n.Message) bool {
	for _, m := range msgs {
		forms := formsOf(m)
		if _, simple := forms["other"]; len(forms) > 1 || (len(forms) == 1 && !simple) {
			return true
		}
	}
	return false
}

// messagesOf is id in every file that defines it.
func messagesOf(c *Catalog, id string) []*goi18n.Message {
	var all []*goi18n.Message
	for _, f := range c.files {
		for _, m := range f.messages {
			if m.ID == id {
				all = append(all, m)
			}
		}
	}
	return all
}

func equal(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func display(lang content.Lang) string {
	return map[content.Lang]string{
		content.Swedish: "Swedish", content.Ukrainian: "Ukrainian",
		content.Arabic: "Arabic", content.English: "English",
	}[lang]
}
