package update

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/images"
)

// Pictures live in files of their own in the data folder, not in the
// bbolt store: a picture is named by its hash, so a file is written once
// (to a temporary file, synced and renamed: never seen half-written) and
// never replaced, only deleted when no version names it any more. In the
// store they would bloat a file bbolt never shrinks, and every picture
// replaced over the years would stay in it as free pages; nor do they
// need the store's transaction: an item whose picture is missing shows
// without it (docs/sync.md, "Pictures").

// ImagesDirName is the folder in the data folder that keeps the pictures.
const ImagesDirName = images.Dir

// DefaultMaxImageBytes caps one picture a kiosk downloads: twice what
// build publishes, so a feed within its limits is never refused.
const DefaultMaxImageBytes = 2 * images.MaxPublishedBytes

// Pictures says what a sync did with the pictures of the feed's version.
// A picture refused does not fail the sync: its item shows without it,
// and the next sync tries it again.
type Pictures struct {
	Total      int   // pictures the version names
	Held       int   // already on the kiosk
	Downloaded int   // downloaded now
	Bytes      int64 // bytes of the pictures downloaded
	Removed    int   // pictures of older versions deleted
	// Refused names each picture not taken, with why: a hash or length
	// that does not match the signed one (tampered), over the size cap,
	// not a picture, or no room left in this sync's byte cap.
	Refused []string
}

// ImageFile is where a data folder keeps the picture a feed target (or
// an item's image.file) names, and ok is false for a name that is not a
// published picture's.
func ImageFile(dataDir, name string) (file string, ok bool) { return images.FileIn(dataDir, name) }

// shardTargets leaves the pictures out of a version's targets.
func shardTargets(all map[string]*metadata.TargetFiles) map[string]*metadata.TargetFiles {
	out := make(map[string]*metadata.TargetFiles, len(all))
	for name, tf := range all {
		if !feed.IsImage(name) {
			out[name] = tf
		}
	}
	return out
}

// syncPictures downloads the version's pictures the kiosk lacks (go-tuf
// checks each one's length and hash against the signed targets, as it
// does a shard), checks that each is a JPEG within the published limits,
// keeps it, and deletes the pictures no longer named. used is what the
// sync downloaded already, counted against MaxSyncBytes.
func syncPictures(ctx context.Context, client *feed.Client, opt Options, used int64) Pictures {
	var res Pictures
	if opt.ImageDir == "" {
		return res
	}
	all := client.Targets()
	var names []string
	for name := range all {
		if feed.IsImage(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	res.Total = len(names)
	budget := opt.MaxSyncBytes - used
	keep := map[string]bool{}
	refuse := func(name, format string, args ...any) {
		res.Refused = append(res.Refused, name+": "+fmt.Sprintf(format, args...))
	}
	for _, name := range names {
		tf := all[name]
		if !images.IsPublishedName(name) {
			refuse(name, "not a picture's name (images/<32 hex digits>.jpg)")
			continue
		}
		base := path.Base(name)
		keep[base] = true
		file := filepath.Join(opt.ImageDir, base)
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() && st.Size() == tf.Length {
			res.Held++
			continue
		}
		switch {
		case tf.Length > opt.MaxImageBytes:
			refuse(name, "%d bytes, over the %d-byte cap for a picture", tf.Length, opt.MaxImageBytes)
			continue
		case tf.Length > budget:
			refuse(name, "no room left in this sync's %d-byte cap; the next sync fetches it", opt.MaxSyncBytes)
			continue
		case ctx.Err() != nil:
			refuse(name, "the sync was stopped")
			continue
		}
		data, err := client.Download(tf)
		if err != nil {
			var se *Error
			if errors.As(classify(err), &se) && se.Reason == ReasonRejected {
				refuse(name, "rejected (%v): the file differs from the one the feed signed", err)
			} else {
				refuse(name, "%v", err)
			}
			continue
		}
		budget -= int64(len(data))
		if err := images.Check(data); err != nil {
			refuse(name, "%v", err)
			continue
		}
		if err := atomicfile.WriteBytesMkdir(file, 0o644, data); err != nil {
			refuse(name, "%v", err)
			continue
		}
		res.Downloaded++
		res.Bytes += int64(len(data))
	}
	res.Removed = removeOldPictures(opt.ImageDir, keep)
	return res
}

// ownFile names the files syncPictures writes: pictures, and the
// temporary files a power cut may have left of them.
var ownFile = regexp.MustCompile(`^(\.)?[0-9a-f]{32}\.jpg(\.[0-9]+\.tmp)?$`)

// removeOldPictures deletes the pictures (and left-over temporary files)
// in dir that keep does not name; other files are left alone.
func removeOldPictures(dir string, keep map[string]bool) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if keep[e.Name()] || !e.Type().IsRegular() || !ownFile.MatchString(e.Name()) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}
