package editor

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// TrashDir is the folder inside the content folder that deleted items are
// moved to. Its name starts with "." so that build and validate skip it.
const TrashDir = ".trash"

// folder is the content folder being edited. Every write goes through
// its lock, so the check that a file is unchanged and the write that
// replaces it are one step for every request of this editor.
type folder struct {
	dir string
	mu  sync.Mutex
}

// ErrConflict: the file changed since the form was opened.
var ErrConflict = errors.New("changed by someone else since you opened it")

// ErrExists: an item of that kind and id exists already.
var ErrExists = errors.New("an item with this id exists already")

// version is the ETag of a file's bytes; "" for a file that does not exist.
func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

func knownKind(kind string) (content.Kind, bool) {
	k := content.Kind(kind)
	return k, slices.Contains(content.Kinds, k)
}

// path is the file of an item. The id is checked first: an id is lower-case
// letters, digits and '-', so it cannot leave the kind's folder.
func (fo *folder) path(kind content.Kind, id string) (string, error) {
	if !slices.Contains(content.Kinds, kind) || !content.ValidID(id) {
		return "", fmt.Errorf("%q is not an item id", id)
	}
	return filepath.Join(fo.dir, string(kind), id+".json"), nil
}

// read returns an item's object, its version and its bytes.
func (fo *folder) read(kind content.Kind, id string) (map[string]any, string, error) {
	p, err := fo.path(kind, id)
	if err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "", err
	}
	m := map[string]any{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, "", fmt.Errorf("%s: %w", source.File(kind, id), err)
	}
	return m, version(data), nil
}

// entry is one item in the list.
type entry struct {
	Kind    content.Kind
	ID      string
	Title   string
	Filled  map[content.Lang]int // translated fields written in each language
	Fields  int                  // translated fields written in any language
	Stale   map[content.Lang]int // translations whose Swedish changed since
	Damaged string               // why the file cannot be read, if it cannot
}

// list reads the items of the kinds, keeping those whose file holds query
// (case-insensitive) in its id or any text.
func (fo *folder) list(kinds []content.Kind, query string) ([]entry, error) {
	query = strings.ToLower(strings.TrimSpace(query))
	var out []entry
	for _, kind := range kinds {
		files, err := os.ReadDir(filepath.Join(fo.dir, string(kind)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, fi := range files {
			id, ok := strings.CutSuffix(fi.Name(), ".json")
			if fi.IsDir() || !ok || strings.HasPrefix(fi.Name(), ".") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(fo.dir, string(kind), fi.Name()))
			if err != nil {
				return nil, err
			}
			if query != "" && !strings.Contains(strings.ToLower(id), query) && !matches(data, query) {
				continue
			}
			e := makeEntry(kind, id, data)
			if e.Damaged == "" {
				m := map[string]any{}
				json.Unmarshal(data, &m)
				e.Stale = staleCounts(stale(m, fo.readSources(kind, id)))
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// matches looks for the query in the file's strings (decoded, so that
// escaped characters match as they read).
func matches(data []byte, query string) bool {
	if bytes.Contains(bytes.ToLower(data), []byte(query)) {
		return true
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return false
	}
	found := false
	walkStrings(v, func(s string) { found = found || strings.Contains(strings.ToLower(s), query) })
	return found
}

func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	}
}

func makeEntry(kind content.Kind, id string, data []byte) entry {
	e := entry{Kind: kind, ID: id}
	m := map[string]any{}
	if err := json.Unmarshal(data, &m); err != nil {
		e.Damaged = err.Error()
		return e
	}
	main := textOf(m, "title")
	if len(main) == 0 {
		main = textOf(m, "name")
	}
	e.Title = content.Text(langKeys(main)).String(content.Swedish)
	e.Filled, e.Fields = completeness(kind, m)
	return e
}

func langKeys(t map[string]string) content.Text {
	out := content.Text{}
	for l, s := range t {
		out[content.Lang(l)] = s
	}
	return out
}

// completeness counts the item's translated fields written in each
// language, out of those written in any: what a translator has left.
func completeness(kind content.Kind, m map[string]any) (map[content.Lang]int, int) {
	filled := map[content.Lang]int{}
	total := 0
	for _, fl := range forms[kind] {
		if !fl.translated() {
			continue
		}
		t := textOf(m, fl.Path)
		any := false
		for _, l := range content.Languages {
			if strings.TrimSpace(t[string(l)]) != "" {
				filled[l]++
				any = true
			}
		}
		if any {
			total++
		}
	}
	return filled, total
}

// refs are the ids items may refer to, read from the file names.
func (fo *folder) refs() *content.Refs {
	r := content.NewRefs()
	for _, kind := range []content.Kind{content.KindMunicipality, content.KindTopic, content.KindProject} {
		for _, id := range fo.ids(kind) {
			r.Add(kind, id)
		}
	}
	return r
}

// ids lists the ids of a kind, sorted.
func (fo *folder) ids(kind content.Kind) []string {
	files, _ := os.ReadDir(filepath.Join(fo.dir, string(kind)))
	var out []string
	for _, fi := range files {
		if id, ok := strings.CutSuffix(fi.Name(), ".json"); ok && !fi.IsDir() && content.ValidID(id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// check decodes the object strictly into its kind's type and runs the
// validator build runs, returning the file's bytes when there is nothing
// to complain about.
func (fo *folder) check(kind content.Kind, m map[string]any) ([]byte, content.Problems) {
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, content.Problems{{Kind: kind, Message: err.Error()}}
	}
	item, err := content.NewItem(kind)
	if err != nil {
		return nil, content.Problems{{Kind: kind, Message: err.Error()}}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(item); err != nil {
		return nil, content.Problems{decodeProblem(kind, err)}
	}
	problems := content.ValidateItem(item, fo.refs())
	if len(problems) > 0 {
		return nil, problems
	}
	data, err := source.Encode(item)
	if err != nil {
		return nil, content.Problems{{Kind: kind, Message: err.Error()}}
	}
	if len(data) > source.MaxItemBytes {
		return nil, content.Problems{{Kind: kind, Message: fmt.Sprintf("the item is %d bytes; an item may be at most %d", len(data), source.MaxItemBytes),
			Code: "item.tooBig", Args: map[string]any{"Bytes": len(data), "Max": source.MaxItemBytes}}}
	}
	return data, nil
}

func decodeProblem(kind content.Kind, err error) content.Problem {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return content.Problem{Kind: kind, Field: typ.Field, Message: fmt.Sprintf("expected %s", typ.Type),
			Code: "decode.type", Args: map[string]any{"Type": typ.Type.String()}}
	}
	var perr *time.ParseError
	if errors.As(err, &perr) {
		return content.Problem{Kind: kind, Message: fmt.Sprintf("%q is not a time", perr.Value),
			Code: "decode.time", Args: map[string]any{"Value": perr.Value}}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return content.Problem{Kind: kind, Message: err.Error(), Code: "decode.unknownField", Args: map[string]any{"Name": name}}
	}
	return content.Problem{Kind: kind, Message: err.Error()}
}

// save validates the object and writes it atomically, if the file is
// still the version the form was opened on ("" for a new item).
func (fo *folder) save(kind content.Kind, id, opened string, m map[string]any) (string, content.Problems, error) {
	p, err := fo.path(kind, id)
	if err != nil {
		return "", content.Problems{content.NewProblem(kind, id, "id", content.CodeIDInvalid, id)}, nil
	}
	data, problems := fo.check(kind, m)
	if len(problems) > 0 {
		return "", problems, nil
	}
	fo.mu.Lock()
	defer fo.mu.Unlock()
	current, err := os.ReadFile(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if opened != "" {
			return "", nil, ErrConflict // deleted since it was opened
		}
	case err != nil:
		return "", nil, err
	case opened == "":
		return "", nil, ErrExists
	case version(current) != opened:
		return "", nil, ErrConflict
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", nil, err
	}
	if err := atomicfile.WriteBytes(p, 0o644, data); err != nil {
		return "", nil, err
	}
	return version(data), nil, nil
}

// trash moves an item's file to .trash/<kind>/, named with the time so an
// earlier deletion of the same id is kept too; refused when the file
// changed since it was shown.
func (fo *folder) trash(kind content.Kind, id, opened string) error {
	p, err := fo.path(kind, id)
	if err != nil {
		return err
	}
	fo.mu.Lock()
	defer fo.mu.Unlock()
	current, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if version(current) != opened {
		return ErrConflict
	}
	dest := filepath.Join(fo.dir, TrashDir, string(kind))
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	name := id + "." + time.Now().UTC().Format("20060102T150405.000000000Z") + ".json"
	if err := os.Rename(p, filepath.Join(dest, name)); err != nil {
		return err
	}
	// The records of its translations go with it: an item made later
	// under the same id starts without them.
	return fo.writeSources(kind, id, nil)
}
