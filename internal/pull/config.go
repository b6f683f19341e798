// Package pull keeps a content folder current with sources on the web:
// iCalendar calendars, Integreat regions and HSDS 3.0 APIs, named in a
// sources file (docs/sources.md). Each source's answer is imported with
// internal/importer and written as item files beside the hand-written
// ones; a manifest per source (<content>/.pulled/<source>.json) lists the
// files it owns, so a pull never touches a file it did not write.
package pull

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/motesplats/motesplats/internal/content"
)

// The kinds of source.
const (
	KindICal      = "ical"
	KindIntegreat = "integreat"
	KindHSDS      = "hsds"
)

// Limits and defaults of fetching; a sources file may change them.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultAttempts = 3
	DefaultMaxBytes = 20 << 20
	DefaultPerPage  = 100
	DefaultMaxPages = 200
	MaxAttempts     = 10
)

// Config is a sources file.
type Config struct {
	// Timeout is the deadline of one HTTP request (all of its attempts
	// get one each).
	Timeout time.Duration
	// Attempts is how often a request is tried when the server fails or
	// the connection breaks (1 = no retry).
	Attempts int
	// MaxBytes caps one answer's body.
	MaxBytes int64
	// UserAgent is sent with every request.
	UserAgent string
	Sources   []Source
}

// Source is one place content is pulled from.
type Source struct {
	// ID names the source: its manifest file and its lines in the summary.
	ID   string
	Kind string

	// URL is the calendar (ical) or the API's base address (hsds).
	URL string
	// BaseURL is the Integreat CMS (https://cms.integreat-app.de).
	BaseURL string
	// Region is the Integreat region slug.
	Region string
	// Languages are the Integreat languages to fetch.
	Languages []string
	// Language is the language of an iCalendar's or HSDS API's texts.
	Language content.Lang
	// Municipality, when set, is the municipality of every item.
	Municipality string
	// Municipalities maps the towns of HSDS and Integreat addresses
	// (as written, or folded to an id) to municipality ids.
	Municipalities map[string]string
	// Project is the project id of every event (ical).
	Project string
	// Place names where events without LOCATION happen (ical).
	Place string
	// Zone is the zone of floating times (ical); "" is Europe/Stockholm.
	Zone string
	// PerPage and MaxPages bound HSDS paging.
	PerPage  int
	MaxPages int
	// AllowEmpty accepts an answer with no items as the truth (every
	// item of the source removed); otherwise it is taken as a fault.
	AllowEmpty bool
}

// ConfigError is a sources file that cannot be used.
type ConfigError struct {
	File string
	Msg  string
}

func (e *ConfigError) Error() string { return e.File + ": " + e.Msg }

// rawConfig is the TOML shape of a sources file.
type rawConfig struct {
	Timeout   string      `toml:"timeout"`
	Attempts  *int        `toml:"attempts"`
	MaxMB     *int        `toml:"max_mb"`
	UserAgent string      `toml:"user_agent"`
	Sources   []rawSource `toml:"source"`
}

type rawSource struct {
	ID             string            `toml:"id"`
	Kind           string            `toml:"kind"`
	URL            string            `toml:"url"`
	BaseURL        string            `toml:"base_url"`
	Region         string            `toml:"region"`
	Languages      []string          `toml:"languages"`
	Language       string            `toml:"language"`
	Municipality   string            `toml:"municipality"`
	Municipalities map[string]string `toml:"municipalities"`
	Project        string            `toml:"project"`
	Place          string            `toml:"place"`
	Zone           string            `toml:"zone"`
	PerPage        int               `toml:"per_page"`
	MaxPages       int               `toml:"max_pages"`
	AllowEmpty     bool              `toml:"allow_empty"`
}

var sourceID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// LoadConfig reads and checks a sources file.
func LoadConfig(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &ConfigError{File: file, Msg: err.Error()}
	}
	return ParseConfig(file, string(data))
}

// ParseConfig reads a sources file's text; file names it in errors.
func ParseConfig(file, text string) (*Config, error) {
	var raw rawConfig
	md, err := toml.Decode(text, &raw)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &ConfigError{File: file, Msg: fmt.Sprintf("line %d: %s", perr.Position.Line, perr.Message)}
		}
		return nil, &ConfigError{File: file, Msg: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, &ConfigError{File: file, Msg: "unknown key(s) " + strings.Join(keys, ", ") + " (misspelt?)"}
	}
	cfg := &Config{Timeout: DefaultTimeout, Attempts: DefaultAttempts, MaxBytes: DefaultMaxBytes, UserAgent: raw.UserAgent}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "motesplats-feed-pull"
	}
	if raw.Timeout != "" {
		d, err := time.ParseDuration(raw.Timeout)
		if err != nil || d <= 0 {
			return nil, &ConfigError{File: file, Msg: fmt.Sprintf("timeout %q is not a duration such as 30s", raw.Timeout)}
		}
		cfg.Timeout = d
	}
	if raw.Attempts != nil {
		if *raw.Attempts < 1 || *raw.Attempts > MaxAttempts {
			return nil, &ConfigError{File: file, Msg: fmt.Sprintf("attempts must be 1 to %d (got %d)", MaxAttempts, *raw.Attempts)}
		}
		cfg.Attempts = *raw.Attempts
	}
	if raw.MaxMB != nil {
		if *raw.MaxMB < 1 || *raw.MaxMB > 1024 {
			return nil, &ConfigError{File: file, Msg: fmt.Sprintf("max_mb must be 1 to 1024 (got %d)", *raw.MaxMB)}
		}
		cfg.MaxBytes = int64(*raw.MaxMB) << 20
	}
	if len(raw.Sources) == 0 {
		return nil, &ConfigError{File: file, Msg: "no [[source]] tables"}
	}
	seen := map[string]bool{}
	for i, rs := range raw.Sources {
		src, err := checkSource(rs)
		if err != nil {
			name := fmt.Sprintf("source %d", i+1)
			if rs.ID != "" {
				name += fmt.Sprintf(" (%q)", rs.ID)
			}
			return nil, &ConfigError{File: file, Msg: name + ": " + err.Error()}
		}
		if seen[src.ID] {
			return nil, &ConfigError{File: file, Msg: fmt.Sprintf("source %d: id %q is used twice", i+1, src.ID)}
		}
		seen[src.ID] = true
		cfg.Sources = append(cfg.Sources, src)
	}
	return cfg, nil
}

func checkSource(rs rawSource) (Source, error) {
	s := Source{
		ID: rs.ID, Kind: rs.Kind, URL: rs.URL, BaseURL: strings.TrimRight(rs.BaseURL, "/"), Region: rs.Region,
		Languages: rs.Languages, Language: content.Lang(rs.Language), Municipality: rs.Municipality,
		Municipalities: rs.Municipalities, Project: rs.Project, Place: rs.Place, Zone: rs.Zone,
		PerPage: rs.PerPage, MaxPages: rs.MaxPages, AllowEmpty: rs.AllowEmpty,
	}
	if !sourceID.MatchString(s.ID) {
		return s, fmt.Errorf("id %q must be 1–64 lower-case letters, digits and -", s.ID)
	}
	only := func(what string, set bool, kinds ...string) error {
		for _, k := range kinds {
			if s.Kind == k {
				return nil
			}
		}
		if set {
			return fmt.Errorf("%s is not a setting of kind %q", what, s.Kind)
		}
		return nil
	}
	for _, err := range []error{
		only("url", s.URL != "", KindICal, KindHSDS),
		only("base_url", s.BaseURL != "", KindIntegreat),
		only("region", s.Region != "", KindIntegreat),
		only("languages", s.Languages != nil, KindIntegreat),
		only("language", s.Language != "", KindICal, KindHSDS),
		only("municipalities", s.Municipalities != nil, KindIntegreat, KindHSDS),
		only("project", s.Project != "", KindICal),
		only("place", s.Place != "", KindICal),
		only("zone", s.Zone != "", KindICal),
		only("per_page", s.PerPage != 0, KindHSDS),
		only("max_pages", s.MaxPages != 0, KindHSDS),
	} {
		if err != nil {
			return s, err
		}
	}
	switch s.Kind {
	case KindICal, KindHSDS:
		if rest, ok := strings.CutPrefix(s.URL, "webcal://"); ok && s.Kind == KindICal {
			s.URL = "https://" + rest // webcal: is how calendars are offered for subscribing
		}
		if err := checkURL("url", s.URL); err != nil {
			return s, err
		}
		if s.Language == "" {
			s.Language = content.Swedish
		}
		if !s.Language.Known() {
			return s, fmt.Errorf("language %q is not one of sv, uk, ar, en", s.Language)
		}
	case KindIntegreat:
		if s.BaseURL == "" {
			s.BaseURL = "https://cms.integreat-app.de"
		}
		if err := checkURL("base_url", s.BaseURL); err != nil {
			return s, err
		}
		if !sourceID.MatchString(s.Region) {
			return s, fmt.Errorf("region %q is not an Integreat region slug (such as \"testumgebung\")", s.Region)
		}
		if len(s.Languages) == 0 {
			return s, fmt.Errorf("languages is needed: the language codes to fetch, such as [\"sv\", \"uk\", \"ar\", \"en\"]")
		}
		for _, l := range s.Languages {
			if !sourceID.MatchString(l) {
				return s, fmt.Errorf("languages: %q is not a language code", l)
			}
		}
	case "":
		return s, fmt.Errorf("kind is needed: %q, %q or %q", KindICal, KindIntegreat, KindHSDS)
	default:
		return s, fmt.Errorf("kind %q is not %q, %q or %q", s.Kind, KindICal, KindIntegreat, KindHSDS)
	}
	if s.Municipality != "" && !content.ValidID(s.Municipality) {
		return s, fmt.Errorf("municipality %q is not an id", s.Municipality)
	}
	if s.Municipality != "" && s.Municipalities != nil {
		return s, fmt.Errorf("municipality and municipalities exclude each other: one puts every item in one municipality")
	}
	for town, id := range s.Municipalities {
		if !content.ValidID(id) {
			return s, fmt.Errorf("municipalities: %q = %q is not a municipality id", town, id)
		}
	}
	if s.Project != "" && !content.ValidID(s.Project) {
		return s, fmt.Errorf("project %q is not an id", s.Project)
	}
	if (s.Place != "" || s.Zone != "") && !icalOptions {
		return s, fmt.Errorf("place and zone are not supported yet: this build's iCalendar importer has no such options")
	}
	if s.Zone != "" {
		if _, err := content.LoadZone(s.Zone); err != nil {
			return s, fmt.Errorf("zone %q is not an IANA time zone", s.Zone)
		}
	}
	if s.PerPage == 0 {
		s.PerPage = DefaultPerPage
	}
	if s.PerPage < 1 || s.PerPage > 1000 {
		return s, fmt.Errorf("per_page must be 1 to 1000 (got %d)", s.PerPage)
	}
	if s.MaxPages == 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.MaxPages < 1 || s.MaxPages > 10000 {
		return s, fmt.Errorf("max_pages must be 1 to 10000 (got %d)", s.MaxPages)
	}
	return s, nil
}

func checkURL(field, s string) error {
	u, err := url.Parse(s)
	if s == "" {
		return fmt.Errorf("%s is needed", field)
	}
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%s %q is not an http(s) address", field, s)
	}
	return nil
}
