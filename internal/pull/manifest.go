package pull

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/motesplats/motesplats/internal/atomicfile"
)

// StateDir is the folder inside the content folder where pull keeps a
// manifest per source and the bodies of the last good answers. The
// content reader skips it (it is not a kind folder), so it never reaches
// the feed.
const StateDir = ".pulled"

// Manifest is what pull knows about one source: the files it owns in the
// content folder, with each file's provenance, and the validators of its
// last good answers for conditional requests.
type Manifest struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	// Origin is where the source is: the calendar or API address.
	Origin string `json:"origin"`
	// Config is a digest of the source's settings: when they change, a
	// 304 does not keep the items as they were.
	Config string `json:"config,omitempty"`
	// Checked is the last pull of the source, Fetched the last one that
	// got a complete, good answer (and changed or kept the items).
	Checked time.Time `json:"checked"`
	Fetched time.Time `json:"fetched,omitzero"`
	// Error is why the last pull failed; "" when it did not.
	Error string `json:"error,omitempty"`
	// Pending is set while files are being changed: Items then lists
	// every file the change may touch, so a pull cut off half-way owns
	// (and next time mends) all of them.
	Pending bool                  `json:"pending,omitempty"`
	HTTP    map[string]validators `json:"http,omitempty"`
	Items   []Owned               `json:"items"`
}

// Owned is one item file a source owns, with its provenance.
type Owned struct {
	// File is the path inside the content folder: "events/<id>.json".
	File string `json:"file"`
	// Record is the item's record in the source, as the source names it
	// (UID, id, index).
	Record string `json:"record,omitempty"`
	// SHA256 is the file as pull wrote it; a file that no longer has it
	// was edited by hand and is left alone from then on.
	SHA256 string `json:"sha256"`
	// Fetched is when this version of the item was fetched.
	Fetched time.Time `json:"fetched"`
}

var ownedFile = regexp.MustCompile(`^(municipalities|topics|projects|articles|services|events)/[a-z0-9-]{1,64}\.json$`)

func manifestPath(contentDir, id string) string {
	return filepath.Join(contentDir, StateDir, id+".json")
}

func cacheDir(contentDir, id string) string {
	return filepath.Join(contentDir, StateDir, id+".cache")
}

// loadManifest reads a source's manifest; a source never pulled has an
// empty one. A manifest that does not read is an error: without it pull
// cannot know which files the source owns.
func loadManifest(contentDir, id string) (*Manifest, error) {
	p := manifestPath(contentDir, id)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{Source: id}, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s does not read (%v); restore it, or remove it and the files it listed", p, err)
	}
	for _, o := range m.Items {
		if !ownedFile.MatchString(o.File) {
			return nil, fmt.Errorf("%s lists %q, which is not an item file of a content folder", p, o.File)
		}
	}
	m.Source = id
	return &m, nil
}

func saveManifest(contentDir string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(manifestPath(contentDir, m.Source), 0o644, append(data, '\n'))
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// cacheName is the file a URL's last good body is kept in.
func cacheName(url string) string { return sha([]byte(url))[:24] }

func readCached(contentDir, id string, v validators) []byte {
	if v.Body == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(cacheDir(contentDir, id), v.Body))
	if err != nil {
		return nil // without the body a 304 cannot be used: ask unconditionally
	}
	return data
}
