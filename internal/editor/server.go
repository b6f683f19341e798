// Package editor is the fund's local web editor for a content folder
// (docs/editing.md): it lists, creates, edits, duplicates and deletes
// items in the four languages side by side, validates every save exactly
// as build does, writes files atomically, refuses a save over someone
// else's, publishes (build and sign) with a button, previews the folder on
// this machine's kiosk, and exchanges translations as XLIFF 1.2. Its
// words are in the message catalogs, in all four languages. Pages are
// drawn on the server; the little JavaScript there is only adds the
// Markdown preview and the delete question.
package editor

import (
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// MaxFormBytes caps a request body: an item is at most 256 KiB as JSON,
// and a form holds it once with some overhead.
const MaxFormBytes = 1 << 20

// Options configure a Server.
type Options struct {
	Content string // the content folder
	// Keys and Out are build's --keys and --out; Publish is off without them.
	Keys, Out string
	// PasswordHash is an argon2id hash from HashPassword. Required unless
	// Loopback: an editor other machines can reach must ask for it.
	PasswordHash string
	// Loopback says the server listens on 127.0.0.1 or ::1 only.
	Loopback bool
	// Kiosk is the kiosk program for "preview on a kiosk"; "" is
	// KioskProgram on PATH.
	Kiosk string
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
}

// Server is the editor's HTTP handler.
type Server struct {
	opt     Options
	folder  *folder
	tmpl    *template.Template
	handler http.Handler

	mu       sync.Mutex
	sessions map[string]string // session id → CSRF token
	job      publishJob        // one publish at a time
}

// ErrNoPassword: the editor listens beyond this machine without a password.
var ErrNoPassword = errors.New("an editor reachable from other machines needs a password: make one with `motesplats-feed edit-password`")

// New returns the editor for a content folder.
func New(opt Options) (*Server, error) {
	if !opt.Loopback && opt.PasswordHash == "" {
		return nil, ErrNoPassword
	}
	if opt.PasswordHash != "" {
		if _, _, _, err := decodePasswordHash(opt.PasswordHash); err != nil {
			return nil, err
		}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if _, err := loadCatalog(); err != nil {
		return nil, err
	}
	s := &Server{opt: opt, folder: &folder{dir: opt.Content}, sessions: map[string]string{}}
	tmpl, err := template.New("").Funcs(template.FuncMap{
		"msg":     msg,
		"msgData": msgData,
		"dirOfUI": dirOfUI,
		"data": func(kv ...any) map[string]any { // pairs of name and value
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"join": strings.Join,
	}).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s.tmpl = tmpl
	s.handler = s.routes()
	return s, nil
}

// IsLoopback reports whether a listen address is on this machine only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("GET /{$}", s.guard(s.listPage))
	mux.HandleFunc("GET /new/{kind}", s.guard(s.newPage))
	mux.HandleFunc("GET /edit/{kind}/{id}", s.guard(s.editPage))
	mux.HandleFunc("GET /duplicate/{kind}/{id}", s.guard(s.duplicatePage))
	mux.HandleFunc("POST /save/{kind}", s.guard(s.save))
	mux.HandleFunc("POST /save/{kind}/{id}", s.guard(s.save))
	mux.HandleFunc("GET /delete/{kind}/{id}", s.guard(s.deletePage))
	mux.HandleFunc("POST /delete/{kind}/{id}", s.guard(s.delete))
	mux.HandleFunc("POST /preview", s.guard(s.preview))
	mux.HandleFunc("POST /publish", s.guard(s.publishNow))
	mux.HandleFunc("GET /publish", s.guard(s.publishPage))
	mux.HandleFunc("POST /kiosk-preview", s.guard(s.kioskPreview))
	mux.HandleFunc("GET /translate", s.guard(s.translatePage))
	mux.HandleFunc("GET /xliff/export", s.guard(s.exportXLIFF))
	mux.HandleFunc("POST /xliff/import", s.guard(s.importXLIFF))
	// Go's cross-origin protection refuses a form another site's page
	// posts (Sec-Fetch-Site, Origin); the per-session token in every form
	// is the second lock, for browsers that send neither.
	return http.NewCrossOriginProtection().Handler(s.limits(mux))
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// limits caps request bodies and, on loopback, refuses a Host that is not
// this machine: a web page could otherwise reach the editor through a
// name it points at 127.0.0.1 (DNS rebinding).
func (s *Server) limits(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(MaxFormBytes)
		if r.URL.Path == "/xliff/import" {
			limit = MaxXLIFFBytes
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if s.opt.Loopback && !IsLoopback(hostWithPort(r.Host)) {
			http.Error(w, "the editor answers only to 127.0.0.1 and localhost", http.StatusMisdirectedRequest)
			return
		}
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func hostWithPort(host string) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return host
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), "80")
}

const sessionCookie = "motesplats-editor"

const maxSessions = 1000

// session returns the request's CSRF token, or "" without a session.
func (s *Server) session(r *http.Request) (id, token string) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return "", ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return c.Value, s.sessions[c.Value]
}

func (s *Server) newSession(w http.ResponseWriter) string {
	id, token := randomHex(), randomHex()
	s.mu.Lock()
	// A client that keeps no cookies starts a session on every page; the
	// cap keeps that from growing without end (editors then log in again).
	if len(s.sessions) >= maxSessions {
		clear(s.sessions)
	}
	s.sessions[id] = token
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return token
}

func randomHex() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

type ctxToken struct{}

// guard lets a request in with a session: on loopback without a password
// a page starts one; otherwise the login does. Every POST must carry the
// session's token.
func (s *Server) guard(h func(http.ResponseWriter, *http.Request, string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, token := s.session(r)
		if token == "" {
			if s.opt.PasswordHash != "" {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login", http.StatusSeeOther)
				} else {
					http.Error(w, "log in first", http.StatusUnauthorized)
				}
				return
			}
			if r.Method != http.MethodGet {
				http.Error(w, msg(uiOf(r), "forbidden"), http.StatusForbidden)
				return
			}
			token = s.newSession(w)
		}
		if ui := r.URL.Query().Get("ui"); r.Method == http.MethodGet && content.Lang(ui).Known() {
			http.SetCookie(w, &http.Cookie{Name: "ui", Value: ui, Path: "/", SameSite: http.SameSiteStrictMode})
		}
		if r.Method == http.MethodPost {
			sent := r.FormValue("csrf")
			if sent == "" {
				sent = r.Header.Get("X-CSRF-Token")
			}
			if subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				http.Error(w, msg(uiOf(r), "forbidden"), http.StatusForbidden)
				return
			}
		}
		h(w, r, token)
	}
}

// uiOf is the interface language: ?ui= or the cookie it set, else Swedish.
func uiOf(r *http.Request) string {
	if v := r.URL.Query().Get("ui"); content.Lang(v).Known() {
		return v
	}
	if c, err := r.Cookie("ui"); err == nil && content.Lang(c.Value).Known() {
		return c.Value
	}
	return string(content.Swedish)
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "login", page{UI: uiOf(r)})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ui := uiOf(r)
	if s.opt.PasswordHash == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	ok, err := MatchPassword(s.opt.PasswordHash, r.FormValue("password"))
	if err != nil || !ok {
		time.Sleep(500 * time.Millisecond) // slows guessing; argon2id does the rest
		s.render(w, http.StatusUnauthorized, "login", page{UI: ui, Error: msg(ui, "login.wrong")})
		return
	}
	s.newSession(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// page is what every template gets.
type page struct {
	UI, CSRF, Error, Notice string
	Kinds                   []kindLink
	Publish                 bool
	Refresh                 bool // reload each second (a publish running)
	Data                    any
}

type kindLink struct {
	Kind, Label string
	Current     bool
}

func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := s.tmpl.ExecuteTemplate(w, name, p); err != nil {
		// Headers are gone; the broken page at least says why.
		w.Write([]byte("template: " + template.HTMLEscapeString(err.Error())))
	}
}
