// Package source reads and writes the content source format: a folder with
// one sub-folder per kind and one JSON file per item (docs/content-format.md).
// The built-in content, the feed tool and the preview command all read
// content through this package. Items are content's types as JSON; an
// event's recurrence exceptions (exdates, rdates, overrides, cancelled)
// are described in docs/content-format.md, "Recurrence and its exceptions".
// The folder's images/ holds the pictures items name (image.file); Read
// checks the names, and internal/images reads, checks and publishes the
// pictures themselves (docs/content-format.md, "Images").
package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// MaxItemBytes caps one item file, so a mistake (or an attack) cannot make
// a kiosk hold a huge text in memory. Kiosks refuse larger items in shards.
const MaxItemBytes = content.MaxItemBytes

// FileError is a problem with one file: where it is, and what is wrong.
type FileError struct {
	File  string // path inside the folder, such as "events/kias.json"
	Field string // JSON field path, or "" for the whole file
	Err   string
	// Code and Args are the validator's problem code and arguments
	// (content.Problem), when the validator found it; "" otherwise.
	Code string
	Args map[string]any
}

func (e FileError) Error() string {
	if e.Field == "" {
		return e.File + ": " + e.Err
	}
	return e.File + ": " + e.Field + ": " + e.Err
}

// Errors is every problem found while reading a folder.
type Errors []FileError

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// ReadDir reads a content folder from disk. See Read.
func ReadDir(dir string) (*content.Set, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return Read(os.DirFS(dir))
}

// Read reads every item of a content folder and validates the whole set.
// On any problem it returns nil and an Errors naming every file and field
// that is wrong, so a publisher can fix them all in one go.
func Read(fsys fs.FS) (*content.Set, error) {
	var set content.Set
	var errs Errors
	folders := 0
	for _, kind := range content.Kinds {
		if readKind(fsys, kind, &set, &errs) {
			folders++
		}
	}
	if folders == 0 {
		return nil, Errors{{File: ".", Err: fmt.Sprintf("holds none of the folders of a content folder (%s): is it the content folder itself, such as assets/content?", kindList())}}
	}
	if len(errs) == 0 {
		for _, p := range set.Validate() {
			errs = append(errs, FileError{File: fileOf(p.Kind, p.ID), Field: p.Field, Err: p.Message, Code: p.Code, Args: p.Args})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &set, nil
}

func fileOf(kind content.Kind, id string) string {
	return path.Join(string(kind), id+".json")
}

// File is the path of an item's file inside a content folder, with
// forward slashes: "events/<id>.json".
func File(kind content.Kind, id string) string { return fileOf(kind, id) }

// Encode is an item as WriteDir writes it: indented JSON and a newline.
func Encode(item any) ([]byte, error) {
	data, err := json.MarshalIndent(item, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// HoldsContent reports whether the folder dir has a folder of at least one
// kind: whether it is a content folder, if perhaps an empty one.
func HoldsContent(dir string) bool {
	for _, kind := range content.Kinds {
		if st, err := os.Stat(filepath.Join(dir, string(kind))); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

func kindList() string {
	names := make([]string, len(content.Kinds))
	for i, k := range content.Kinds {
		names[i] = string(k) + "/"
	}
	return strings.Join(names, ", ")
}

// readKind reads the items of one kind; found is false when the folder
// has no sub-folder for the kind.
func readKind(fsys fs.FS, kind content.Kind, set *content.Set, errs *Errors) (found bool) {
	entries, err := fs.ReadDir(fsys, string(kind))
	if errors.Is(err, fs.ErrNotExist) {
		return false // a folder may leave a kind out
	}
	if err != nil {
		*errs = append(*errs, FileError{File: string(kind), Err: err.Error()})
		return true
	}
	for _, e := range entries {
		name := path.Join(string(kind), e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if !strings.HasSuffix(e.Name(), ".json") {
			*errs = append(*errs, FileError{File: name, Err: "not a .json file"})
			continue
		}
		if ferr := readItem(fsys, kind, name, set); ferr != nil {
			*errs = append(*errs, *ferr)
		}
	}
	return true
}

func readItem(fsys fs.FS, kind content.Kind, name string, set *content.Set) *FileError {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &FileError{File: name, Err: err.Error()}
	}
	if len(data) > MaxItemBytes {
		return &FileError{File: name, Err: fmt.Sprintf("is %d bytes; an item may be at most %d", len(data), MaxItemBytes)}
	}
	id, ferr := decodeInto(kind, data, set)
	if ferr != nil {
		ferr.File = name
		return ferr
	}
	if want := strings.TrimSuffix(path.Base(name), ".json"); id != want {
		return &FileError{File: name, Field: "id", Err: fmt.Sprintf("%q does not match the file name %q", id, want)}
	}
	return nil
}

// decodeInto decodes one item strictly (unknown fields are errors: they are
// usually misspelt field names) and appends it to the set.
func decodeInto(kind content.Kind, data []byte, set *content.Set) (string, *FileError) {
	switch kind {
	case content.KindTopic:
		return decode(data, &set.Topics, func(t content.Topic) string { return t.ID })
	case content.KindArticle:
		return decode(data, &set.Articles, func(a content.Article) string { return a.ID })
	case content.KindService:
		return decode(data, &set.Services, func(s content.Service) string { return s.ID })
	case content.KindEvent:
		return decode(data, &set.Events, func(e content.Event) string { return e.ID })
	case content.KindProject:
		return decode(data, &set.Projects, func(p content.Project) string { return p.ID })
	case content.KindMunicipality:
		return decode(data, &set.Municipalities, func(m content.Municipality) string { return m.ID })
	}
	return "", &FileError{Err: "unknown kind " + string(kind)}
}

func decode[T any](data []byte, list *[]T, id func(T) string) (string, *FileError) {
	var item T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&item); err != nil {
		return "", jsonError(data, err)
	}
	if dec.More() {
		return "", &FileError{Err: "has more than one JSON value"}
	}
	*list = append(*list, item)
	return id(item), nil
}

// jsonError turns a decoding error into one that names the field or the
// line and column, which is what a person editing the file needs.
func jsonError(data []byte, err error) *FileError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return &FileError{Err: fmt.Sprintf("line %d, column %d: %v", line, col, syn)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, _ := lineCol(data, int64(len(data)))
		return &FileError{Err: fmt.Sprintf("line %d: the file ends inside a JSON value (a missing } or ]?)", line)}
	case errors.As(err, &typ):
		return &FileError{Field: typ.Field, Err: fmt.Sprintf("expected %s, found JSON %s", typ.Type, typ.Value)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &FileError{Field: field, Err: "unknown field"}
	}
	return &FileError{Err: err.Error()}
}

func lineCol(data []byte, offset int64) (int, int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// WriteDir writes the set as a content folder, one indented JSON file per
// item, replacing files of the same name. It is the inverse of ReadDir.
func WriteDir(dir string, set *content.Set) error {
	write := func(kind content.Kind, id string, item content.Item) error {
		data, err := Encode(item)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(File(kind, id))), data, 0o644)
	}
	for _, kind := range content.Kinds {
		if err := os.MkdirAll(filepath.Join(dir, string(kind)), 0o755); err != nil {
			return err
		}
	}
	var err error
	set.Each(func(item content.Item) { err = firstErr(err, write(item.Kind(), item.ItemID(), item)) })
	return err
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
