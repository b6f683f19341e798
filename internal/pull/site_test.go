package pull

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

// reply is what the test site answers at one address.
type reply struct {
	status int // 0 is 200
	body   string
	ctype  string
	// etag, when set, is sent, and a request that brings it back gets
	// 304.
	etag string
	// stall holds the answer until the client gives up.
	stall bool
	// cut declares a longer body than is sent, then closes the connection.
	cut bool
}

// site is a real HTTP server on 127.0.0.1 whose answers a test sets and
// changes between pulls; it counts the requests and the conditional ones.
type site struct {
	*httptest.Server
	mu          sync.Mutex
	replies     map[string]reply
	hits        map[string]int
	conditional map[string]int
}

func newSite(t *testing.T) *site {
	s := &site{replies: map[string]reply{}, hits: map[string]int{}, conditional: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// key normalises an address's query, as the client may order it in any way.
func key(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	return r.URL.Path + "?" + r.URL.Query().Encode()
}

func (s *site) set(path string, r reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[path] = r
}

// setFile serves a test file with an ETag made from its name.
func (s *site) setFile(t *testing.T, path, file, ctype string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s.set(path, reply{body: string(data), ctype: ctype, etag: strconv.Quote(file)})
}

func (s *site) count(path string) (hits, conditional int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path], s.conditional[path]
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	k := key(r)
	s.mu.Lock()
	rep, ok := s.replies[k]
	s.hits[k]++
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.conditional[k]++
	}
	s.mu.Unlock()
	switch {
	case !ok:
		http.NotFound(w, r)
	case rep.stall:
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	case rep.etag != "" && r.Header.Get("If-None-Match") == rep.etag:
		w.WriteHeader(http.StatusNotModified)
	case rep.cut:
		w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)+1000))
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(rep.body))
	default:
		if rep.ctype != "" {
			w.Header().Set("Content-Type", rep.ctype)
		}
		if rep.etag != "" {
			w.Header().Set("ETag", rep.etag)
		}
		if rep.status != 0 {
			w.WriteHeader(rep.status)
		}
		w.Write([]byte(rep.body))
	}
}
