package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves a feed folder as static files, as any web server or CDN
// could: net/http's file server (Range, If-Modified-Since) plus strong
// ETags (so a poll for an unchanged timestamp costs a 304) and
// Cache-Control that lets caches keep files named by version or hash for
// ever while the timestamp is always asked again.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean(r.URL.Path)
		switch {
		case strings.HasSuffix(name, "/"+MetadataDir+"/timestamp.json"):
			w.Header().Set("Cache-Control", "no-cache")
		case strings.HasPrefix(name, "/"+MetadataDir+"/") || strings.HasPrefix(name, "/"+TargetsDir+"/"):
			// N.root.json, N.snapshot.json, N.targets.json and hashed shards never change.
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		if tag := etag(dir, name); tag != "" {
			w.Header().Set("ETag", tag)
		}
		files.ServeHTTP(w, r)
	})
}

// etag is the file's SHA-256 (taken from its name for a hashed shard).
// http.ServeContent answers If-None-Match with 304 when it matches.
func etag(dir, name string) string {
	base := path.Base(name)
	if m := hashedName.FindStringSubmatch(base); m != nil {
		return `"` + m[1] + `"`
	}
	if !strings.HasSuffix(base, ".json") {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}
