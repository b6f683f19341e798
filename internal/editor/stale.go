package editor

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
)

// "Changed in Swedish since the translation" (docs/editing.md). Next to
// each translation the editor keeps a hash of the Swedish it was written
// from, in a file of its own beside the item's:
//
//	.translated/<kind>/<id>.json   {"title": {"uk": "3f1c…", "en": "…"}, "partners.0": {…}}
//
// keyed by the text's path as XLIFF units name it ("title",
// "hours.exceptions.2.note"). The folder's name starts with a dot, so
// build, validate and the kiosk never read it, and the item files stay
// exactly the format. A translation is flagged when its Swedish now hashes
// differently. Saving a translation (in the form, or by XLIFF import)
// records the Swedish beside it; so does "still correct". A translation
// written before the editor kept track has no record and no flag until a
// save records the Swedish it stood beside: from then on a change of the
// Swedish shows.

// TranslatedDir is the folder inside the content folder holding the
// Swedish each translation was made from.
const TranslatedDir = ".translated"

// sources maps a text's path to, per language, the hash of the Swedish
// its translation was written from.
type sources map[string]map[string]string

// translations are the languages translated from Swedish.
var translations = []content.Lang{content.Ukrainian, content.Arabic, content.English}

// svHash is the record of a Swedish text: 64 bits of its SHA-256 are
// plenty to tell one version of a text from the next.
func svHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

func (src sources) set(path string, l content.Lang, h string) {
	if src[path] == nil {
		src[path] = map[string]string{}
	}
	src[path][string(l)] = h
}

func (fo *folder) sourcesPath(kind content.Kind, id string) (string, error) {
	if _, err := fo.path(kind, id); err != nil {
		return "", err
	}
	return filepath.Join(fo.dir, TranslatedDir, string(kind), id+".json"), nil
}

// readSources reads an item's records; none when there is no file. A
// damaged file counts as none: the flags are a help, not the content.
func (fo *folder) readSources(kind content.Kind, id string) sources {
	src := sources{}
	p, err := fo.sourcesPath(kind, id)
	if err != nil {
		return src
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return src
	}
	if json.Unmarshal(data, &src) != nil {
		return sources{}
	}
	return src
}

// writeSources writes an item's records atomically, or removes the file
// when there are none.
func (fo *folder) writeSources(kind content.Kind, id string, src sources) error {
	p, err := fo.sourcesPath(kind, id)
	if err != nil {
		return err
	}
	if len(src) == 0 {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	data, err := json.MarshalIndent(src, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteBytes(p, 0o644, append(data, '\n'))
}

// textsOf is every translated text of an item's object by its path.
func textsOf(m map[string]any) map[string]map[string]string {
	out := map[string]map[string]string{}
	walkTexts(m, "", func(path string, t map[string]any) {
		row := map[string]string{}
		for l, v := range t {
			row[l], _ = v.(string)
		}
		out[path] = row
	})
	return out
}

// staleKey names one translation: "title.uk", "partners.0.ar".
func staleKey(path string, l content.Lang) string { return path + "." + string(l) }

// splitStaleKey is staleKey backwards.
func splitStaleKey(key string) (string, content.Lang, bool) {
	i := strings.LastIndexByte(key, '.')
	if i <= 0 {
		return "", "", false
	}
	l := content.Lang(key[i+1:])
	return key[:i], l, l.Known() && l != content.Swedish
}

// stale lists the translations of m whose Swedish changed since they were
// written, by staleKey, sorted.
func stale(m map[string]any, src sources) []string {
	var out []string
	for path, t := range textsOf(m) {
		sv := t[string(content.Swedish)]
		if strings.TrimSpace(sv) == "" {
			continue
		}
		for _, l := range translations {
			rec := src[path][string(l)]
			if strings.TrimSpace(t[string(l)]) != "" && rec != "" && rec != svHash(sv) {
				out = append(out, staleKey(path, l))
			}
		}
	}
	sort.Strings(out)
	return out
}

// staleCounts is how many translations of each language are flagged.
func staleCounts(keys []string) map[content.Lang]int {
	n := map[content.Lang]int{}
	for _, k := range keys {
		if _, l, ok := splitStaleKey(k); ok {
			n[l]++
		}
	}
	return n
}

// updateSources is the records after a save that turned before into
// after. A translation written or changed in the save, or confirmed
// ("still correct"), was made from the Swedish beside it now; one left as
// it was keeps its record; one the editor has no record of is taken to
// match the Swedish it stood beside before the save. Records of texts
// and translations that are gone are dropped.
func updateSources(before, after map[string]any, had sources, confirmed map[string]bool) sources {
	old := textsOf(before)
	out := sources{}
	for path, t := range textsOf(after) {
		sv := t[string(content.Swedish)]
		if strings.TrimSpace(sv) == "" {
			continue
		}
		for _, l := range translations {
			tr := t[string(l)]
			if strings.TrimSpace(tr) == "" {
				continue
			}
			prev, existed := old[path]
			switch {
			case !existed || prev[string(l)] != tr || confirmed[staleKey(path, l)]:
				out.set(path, l, svHash(sv))
			case had[path][string(l)] != "":
				out.set(path, l, had[path][string(l)])
			default:
				out.set(path, l, svHash(prev[string(content.Swedish)]))
			}
		}
	}
	return out
}

// cloneObject is a deep copy of an item's object.
func cloneObject(m map[string]any) map[string]any {
	data, err := json.Marshal(m)
	out := map[string]any{}
	if err == nil {
		json.Unmarshal(data, &out)
	}
	return out
}

// recordSources writes the records of a save (see updateSources).
func (fo *folder) recordSources(kind content.Kind, id string, before, after map[string]any, had sources, confirmed map[string]bool) error {
	fo.mu.Lock()
	defer fo.mu.Unlock()
	return fo.writeSources(kind, id, updateSources(before, after, had, confirmed))
}

// folderStale counts the flagged translations of every item, per kind and
// language.
func (fo *folder) folderStale() map[content.Kind]map[content.Lang]int {
	out := map[content.Kind]map[content.Lang]int{}
	for _, kind := range content.Kinds {
		out[kind] = map[content.Lang]int{}
		for _, id := range fo.ids(kind) {
			m, _, err := fo.read(kind, id)
			if err != nil {
				continue
			}
			for l, n := range staleCounts(stale(m, fo.readSources(kind, id))) {
				out[kind][l] += n
			}
		}
	}
	return out
}
