package editor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/xliff"
)

// Translation exchange (docs/editing.md): the texts a language lacks, or
// whose Swedish changed since a date or a published version, go out as
// XLIFF 1.2 and come back through the editor's own validation.

// Since says which translated texts to send again although they exist:
// those whose Swedish may have changed.
type Since struct {
	// Date (YYYY-MM-DD): the items whose "updated" is on or after it.
	Date string
	// Before: the Swedish of each text (by unit id) in an earlier
	// version; a text whose Swedish differs from it is sent again.
	Before map[string]string
}

var dateOnly = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ParseSince reads --changed-since: a date YYYY-MM-DD, or the number of a
// version published in the feed folder feedDir.
func ParseSince(value, feedDir string) (Since, error) {
	switch {
	case value == "":
		return Since{}, nil
	case dateOnly.MatchString(value):
		return Since{Date: value}, nil
	}
	version, err := strconv.ParseInt(value, 10, 64)
	if err != nil || version < 1 {
		return Since{}, fmt.Errorf("--changed-since %q: give a date (YYYY-MM-DD) or a published version number", value)
	}
	if feedDir == "" {
		return Since{}, fmt.Errorf("--changed-since %d is a version: say which feed folder it was published in (--feed DIR)", version)
	}
	set, err := feed.VersionSet(feedDir, version)
	if err != nil {
		return Since{}, err
	}
	before := map[string]string{}
	var encodeErr error
	set.Each(func(item content.Item) {
		kind, id := item.Kind(), item.ItemID()
		data, err := json.Marshal(item)
		if err != nil {
			encodeErr = err
			return
		}
		m := map[string]any{}
		json.Unmarshal(data, &m)
		walkTexts(m, "", func(path string, t map[string]any) {
			if sv, _ := t[string(content.Swedish)].(string); sv != "" {
				before[unitID(kind, id, path)] = sv
			}
		})
	})
	return Since{Before: before}, encodeErr
}

func unitID(kind content.Kind, id, path string) string { return string(kind) + "/" + id + "/" + path }

// splitUnitID is unitID backwards.
func splitUnitID(uid string) (content.Kind, string, string, bool) {
	parts := strings.SplitN(uid, "/", 3)
	if len(parts) != 3 {
		return "", "", "", false
	}
	kind, ok := knownKind(parts[0])
	return kind, parts[1], parts[2], ok && content.ValidID(parts[1]) && parts[2] != ""
}

// walkTexts calls fn for every translated text in an item's object: an
// object whose keys are languages and whose Swedish is a string. Paths
// are dotted, with list indexes: "title", "hours.note", "partners.0".
func walkTexts(v any, path string, fn func(path string, t map[string]any)) {
	join := func(key string) string {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	switch v := v.(type) {
	case map[string]any:
		if isText(v) {
			fn(path, v)
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkTexts(v[k], join(k), fn)
		}
	case []any:
		for i, e := range v {
			walkTexts(e, join(strconv.Itoa(i)), fn)
		}
	}
}

func isText(m map[string]any) bool {
	if _, ok := m[string(content.Swedish)].(string); !ok {
		return false
	}
	for k, v := range m {
		if _, ok := v.(string); !ok || !content.Lang(k).Known() {
			return false
		}
	}
	return true
}

// textAt finds the text at a dotted path ("" when there is none).
func textAt(m map[string]any, path string) map[string]any {
	var v any = m
	for _, key := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			v = c[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	t, ok := v.(map[string]any)
	if !ok || !isText(t) {
		return nil
	}
	return t
}

// ExportXLIFF collects from the content folder dir every text lang needs:
// those without a translation, and with since those whose Swedish may have
// changed (sent with the old translation to revise).
func ExportXLIFF(dir string, lang content.Lang, since Since) (*xliff.Document, error) {
	if !lang.Known() || lang == content.Swedish {
		return nil, fmt.Errorf("--lang %q: translations are made from Swedish into uk, ar or en", lang)
	}
	fo := &folder{dir: dir}
	doc := &xliff.Document{SourceLang: string(content.Swedish), TargetLang: string(lang)}
	for _, kind := range content.Kinds {
		for _, id := range fo.ids(kind) {
			m, _, err := fo.read(kind, id)
			if err != nil {
				return nil, err
			}
			file := xliff.File{Original: string(kind) + "/" + id + ".json"}
			updated, _ := m["updated"].(string)
			src := fo.readSources(kind, id)
			walkTexts(m, "", func(path string, t map[string]any) {
				sv, _ := t[string(content.Swedish)].(string)
				if strings.TrimSpace(sv) == "" {
					return
				}
				uid := unitID(kind, id, path)
				u := xliff.Unit{ID: uid, Source: xliff.Segment(sv), Note: fmt.Sprintf("%s %s, %s", kind, id, path)}
				old, _ := t[string(lang)].(string)
				rec := src[path][string(lang)]
				switch {
				case strings.TrimSpace(old) == "":
				case rec != "" && rec != svHash(sv):
					// Changed in Swedish since the translation was written.
					u.Target, u.State = xliff.Segment(old), "needs-review-translation"
				case since.Date != "" && updated >= since.Date,
					since.Before != nil && since.Before[uid] != sv:
					u.Target, u.State = xliff.Segment(old), "needs-review-translation"
				default:
					return
				}
				file.Units = append(file.Units, u)
			})
			if len(file.Units) > 0 {
				doc.Files = append(doc.Files, file)
			}
		}
	}
	return doc, nil
}

// ImportError lists every reason an XLIFF file was refused; nothing was
// written.
type ImportError struct{ Problems []string }

func (e *ImportError) Error() string {
	return fmt.Sprintf("the translations were not imported (%d problem(s); nothing was written):\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// ImportReport says what an import wrote.
type ImportReport struct {
	Lang                  content.Lang
	Units, Changed, Items int
}

// ImportXLIFF reads translations from an XLIFF file into the content
// folder dir. Everything is checked first: the language pair, every unit
// id against the items, the Swedish against the one exported, every
// target present with its codes, and each changed item through the
// validator the editor's save runs. Only when all is right are the
// changed items written, each atomically.
func ImportXLIFF(dir string, r io.Reader) (*ImportReport, error) {
	return (&folder{dir: dir}).importXLIFF(r)
}

type pendingItem struct {
	kind        content.Kind
	id, version string
	m           map[string]any
	changed     bool
	// translated are the translations the file gives (staleKey): each
	// was made from the Swedish the item has, changed or confirmed.
	translated map[string]bool
}

func (fo *folder) importXLIFF(r io.Reader) (*ImportReport, error) {
	doc, err := xliff.Read(r)
	if err != nil {
		return nil, err
	}
	lang := content.Lang(xliff.Primary(doc.TargetLang))
	if xliff.Primary(doc.SourceLang) != string(content.Swedish) {
		return nil, fmt.Errorf("the file translates from %q; the editor's exports are from Swedish (sv)", doc.SourceLang)
	}
	if !lang.Known() || lang == content.Swedish {
		return nil, fmt.Errorf("the file's target language is %q; translations go into uk, ar or en", doc.TargetLang)
	}
	report := &ImportReport{Lang: lang}
	items := map[string]*pendingItem{}
	var order []string
	var problems []string
	seen := map[string]bool{}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			report.Units++
			p, changed := fo.importUnit(u, lang, items, &order, seen)
			if p != "" {
				problems = append(problems, p)
			}
			if changed {
				report.Changed++
			}
		}
	}
	if report.Units == 0 {
		problems = append(problems, "the file holds no units")
	}
	for _, key := range order {
		it := items[key]
		if !it.changed {
			continue
		}
		if _, ps := fo.check(it.kind, it.m); len(ps) > 0 {
			for _, p := range ps {
				problems = append(problems, fmt.Sprintf("%s/%s: %s", it.kind, it.id, p.String()))
			}
		}
	}
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	for _, key := range order {
		it := items[key]
		if it.changed {
			_, ps, err := fo.save(it.kind, it.id, it.version, it.m)
			if err == nil && len(ps) > 0 {
				err = errors.New(ps[0].String())
			}
			if err != nil {
				return report, fmt.Errorf("%s/%s: %w (the %d item(s) before it were written)", it.kind, it.id, err, report.Items)
			}
			report.Items++
		}
		// Every translation the file gives, changed or confirmed as it
		// was, is now made from the item's Swedish: its flag clears.
		if err := fo.markTranslated(it.kind, it.id, it.m, it.translated); err != nil {
			return report, fmt.Errorf("%s/%s: %w", it.kind, it.id, err)
		}
	}
	return report, nil
}

// markTranslated records that the translations keys (staleKey) of an
// item were made from the Swedish beside them in m.
func (fo *folder) markTranslated(kind content.Kind, id string, m map[string]any, keys map[string]bool) error {
	if len(keys) == 0 {
		return nil
	}
	fo.mu.Lock()
	defer fo.mu.Unlock()
	src := fo.readSources(kind, id)
	texts := textsOf(m)
	for key := range keys {
		path, l, ok := splitStaleKey(key)
		if sv := texts[path][string(content.Swedish)]; ok && sv != "" {
			src.set(path, l, svHash(sv))
		}
	}
	return fo.writeSources(kind, id, src)
}

// importUnit checks one unit and puts its translation into its item;
// it returns the problem, naming the unit, or "".
func (fo *folder) importUnit(u xliff.Unit, lang content.Lang, items map[string]*pendingItem, order *[]string, seen map[string]bool) (string, bool) {
	if seen[u.ID] {
		return fmt.Sprintf("unit %s: is in the file twice", u.ID), false
	}
	seen[u.ID] = true
	kind, id, path, ok := splitUnitID(u.ID)
	if !ok {
		return fmt.Sprintf("unit %s: unknown id (the editor's ids are kind/item/field, such as articles/emergency-112/body)", u.ID), false
	}
	key := string(kind) + "/" + id
	it := items[key]
	if it == nil {
		m, version, err := fo.read(kind, id)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf("unit %s: unknown id: there is no %s/%s.json", u.ID, kind, id), false
		}
		if err != nil {
			return fmt.Sprintf("unit %s: %v", u.ID, err), false
		}
		it = &pendingItem{kind: kind, id: id, version: version, m: m, translated: map[string]bool{}}
		items[key] = it
		*order = append(*order, key)
	}
	t := textAt(it.m, path)
	if t == nil {
		return fmt.Sprintf("unit %s: unknown id: %s/%s has no text %q", u.ID, kind, id, path), false
	}
	if sv, _ := t[string(content.Swedish)].(string); sv != xliff.Join(u.Source) {
		return fmt.Sprintf("unit %s: the Swedish changed since the file was exported; export again and translate the new text", u.ID), false
	}
	if u.Target == nil || strings.TrimSpace(joinText(u.Target)) == "" {
		return fmt.Sprintf("unit %s: missing translation (no target, or an empty one)", u.ID), false
	}
	text, err := xliff.Translate(u)
	if err != nil {
		return err.Error(), false
	}
	it.translated[staleKey(path, lang)] = true
	if old, _ := t[string(lang)].(string); old != text {
		t[string(lang)] = text
		it.changed = true
		return "", true
	}
	return "", false
}

// joinText is a segment's text without its codes.
func joinText(pieces []xliff.Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}

// WriteXLIFF writes a document to a file atomically.
func WriteXLIFF(path string, doc *xliff.Document) error {
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, 0o644, b.Bytes())
}

// Units counts a document's units.
func Units(doc *xliff.Document) int {
	n := 0
	for _, f := range doc.Files {
		n += len(f.Units)
	}
	return n
}
