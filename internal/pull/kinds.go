package pull

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/importer"
)

// fetchAll fetches every URL of a source. It returns only when all of
// them answered: a source's answer is complete or it is not used.
func (p *puller) fetchAll(ctx context.Context, s Source, m *Manifest) ([]answer, error) {
	switch s.Kind {
	case KindICal:
		a, err := p.fetch(ctx, s, m, s.URL)
		if err != nil {
			return nil, err
		}
		return []answer{a}, checkICal(a)
	case KindIntegreat:
		var out []answer
		for _, u := range integreatURLs(s) {
			a, err := p.fetch(ctx, s, m, u.url)
			if err != nil {
				return nil, err
			}
			if err := checkJSON(a, '['); err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return out, nil
	case KindHSDS:
		return p.fetchHSDS(ctx, s, m)
	}
	return nil, fmt.Errorf("unknown kind %q", s.Kind)
}

func (p *puller) fetch(ctx context.Context, s Source, m *Manifest, u string) (answer, error) {
	var prev *validators
	var cached []byte
	if v, ok := m.HTTP[u]; ok {
		prev, cached = &v, readCached(p.dir, s.ID, v)
	}
	return p.fetcher.get(ctx, u, prev, cached)
}

// checkICal refuses what is not a whole calendar: an iCalendar file that
// does not end with END:VCALENDAR was cut off, and importing it would
// remove the events it lost.
func checkICal(a answer) error {
	text := strings.TrimSpace(string(bytes.TrimPrefix(a.Body, []byte("\xef\xbb\xbf"))))
	upper := strings.ToUpper(text)
	if !strings.HasPrefix(upper, "BEGIN:VCALENDAR") {
		return &fetchError{URL: a.URL, Msg: "answered something that is not an iCalendar file (no BEGIN:VCALENDAR at the start)"}
	}
	if !strings.HasSuffix(upper, "END:VCALENDAR") {
		return &fetchError{URL: a.URL, Msg: "the calendar is cut off (it does not end with END:VCALENDAR)"}
	}
	return nil
}

// checkJSON refuses a body that is not whole JSON starting with open
// ('[' or '{'): a truncated answer fails json.Valid.
func checkJSON(a answer, open byte) error {
	body := bytes.TrimSpace(bytes.TrimPrefix(a.Body, []byte("\xef\xbb\xbf")))
	if len(body) == 0 || body[0] != open {
		what := "a JSON list"
		if open == '{' {
			what = "a JSON object"
		}
		return &fetchError{URL: a.URL, Msg: "answered something that is not " + what}
	}
	if !json.Valid(body) {
		return &fetchError{URL: a.URL, Msg: "answered JSON that is cut off or broken"}
	}
	return nil
}

type integreatURL struct {
	url  string
	file string // the dump's file: "sv/pages.json"
}

// integreatURLs are the Integreat CMS API v3 endpoints of a region, per
// language (integreat_cms/api/urls.py): pages, events with recurring
// events combined, and locations (POIs).
func integreatURLs(s Source) []integreatURL {
	var out []integreatURL
	for _, lang := range s.Languages {
		base := s.BaseURL + "/api/v3/" + url.PathEscape(s.Region) + "/" + url.PathEscape(lang) + "/"
		out = append(out,
			integreatURL{base + "pages/", lang + "/pages.json"},
			integreatURL{base + "events/?combine_recurring=True", lang + "/events.json"},
			integreatURL{base + "locations/", lang + "/locations.json"})
	}
	return out
}

// hsdsPage is the envelope of an HSDS 3.0 API list.
type hsdsPage struct {
	Contents   *[]json.RawMessage `json:"contents"`
	TotalItems *float64           `json:"total_items"`
	TotalPages *float64           `json:"total_pages"`
	PageNumber *float64           `json:"page_number"`
	LastPage   *bool              `json:"last_page"`
}

// hsdsURL is the services list of an HSDS API, fully nested, one page.
func hsdsURL(s Source, page int) string {
	u, _ := url.Parse(s.URL) // checked when the sources file was read
	if !strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/services") {
		u.Path = strings.TrimRight(u.Path, "/") + "/services"
	}
	q := u.Query()
	q.Set("full", "true")
	q.Set("page", strconv.Itoa(page))
	q.Set("per_page", strconv.Itoa(s.PerPage))
	u.RawQuery = q.Encode()
	return u.String()
}

// fetchHSDS follows the pages of /services until the last one; a plain
// JSON list is the whole answer.
func (p *puller) fetchHSDS(ctx context.Context, s Source, m *Manifest) ([]answer, error) {
	var out []answer
	var records int
	for page := 1; ; page++ {
		if page > s.MaxPages {
			return nil, fmt.Errorf("%s: more than max_pages = %d pages; the answer is not complete (raise max_pages)", s.URL, s.MaxPages)
		}
		a, err := p.fetch(ctx, s, m, hsdsURL(s, page))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
		if page == 1 && bytes.HasPrefix(bytes.TrimSpace(a.Body), []byte("[")) {
			return out, checkJSON(a, '[') // a plain list: all there is
		}
		if err := checkJSON(a, '{'); err != nil {
			return nil, err
		}
		var env hsdsPage
		if err := json.Unmarshal(a.Body, &env); err != nil || env.Contents == nil {
			return nil, &fetchError{URL: a.URL, Msg: `answered JSON that is not an HSDS page (no "contents" list)`}
		}
		records += len(*env.Contents)
		last := len(*env.Contents) == 0
		switch {
		case env.LastPage != nil:
			last = *env.LastPage
		case env.TotalPages != nil:
			last = float64(page) >= *env.TotalPages
		}
		if !last {
			continue
		}
		if env.TotalItems != nil && int(*env.TotalItems) != records {
			return nil, &fetchError{URL: a.URL, Msg: fmt.Sprintf("the pages held %d records, but total_items says %d: the answer is not complete", records, int(*env.TotalItems))}
		}
		return out, nil
	}
}

// importAnswers turns a source's complete answer into content.
func importAnswers(s Source, answers []answer) (*content.Set, importer.Report, error) {
	switch s.Kind {
	case KindICal:
		return importICal(s, answers[0].Body)
	case KindIntegreat:
		fsys := fstest.MapFS{}
		for i, u := range integreatURLs(s) {
			fsys[u.file] = &fstest.MapFile{Data: answers[i].Body}
		}
		return importer.IntegreatFS(fsys, importer.IntegreatOptions{Municipality: s.Municipality})
	case KindHSDS:
		var all []json.RawMessage
		for _, a := range answers {
			body := bytes.TrimSpace(a.Body)
			if len(body) > 0 && body[0] == '[' {
				var list []json.RawMessage
				if err := json.Unmarshal(body, &list); err != nil {
					return nil, importer.Report{}, err
				}
				all = append(all, list...)
				continue
			}
			var env hsdsPage
			if err := json.Unmarshal(body, &env); err != nil || env.Contents == nil {
				return nil, importer.Report{}, fmt.Errorf("%s: not an HSDS page", a.URL)
			}
			all = append(all, *env.Contents...)
		}
		if all == nil {
			all = []json.RawMessage{}
		}
		joined, err := json.Marshal(all)
		if err != nil {
			return nil, importer.Report{}, err
		}
		return importer.HSDS(bytes.NewReader(joined), s.Language)
	}
	return nil, importer.Report{}, fmt.Errorf("unknown kind %q", s.Kind)
}

// icalOptions is true now that the iCalendar importer takes a zone and
// a default place (importer.ICalWith); the sources file checks them.
const icalOptions = true

// importICal reads a calendar with the source's language, zone for
// floating times and default place.
func importICal(s Source, body []byte) (*content.Set, importer.Report, error) {
	return importer.ICalWith(bytes.NewReader(body), importer.ICalOptions{Lang: s.Language, Zone: s.Zone, Place: s.Place})
}
