// Package importer turns content published in other formats into the
// Mötesplats content model, so it can be written as a source folder
// (docs/importers.md):
//
//   - HSDS reads Open Referral HSDS 3.0 JSON (services),
//   - ICal reads iCalendar files (events),
//   - Integreat reads dumps of the Integreat CMS API (pages, events, places).
//
// An importer keeps going past a bad record: it leaves the record out and
// says why in the Report. Only a file it cannot read at all is an error.
// Every set an importer returns passes content.Set.Validate.
package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/motesplats/motesplats/internal/content"
)

// DefaultZone is the time zone of imported opening hours, of floating
// iCalendar times and of anything else that does not name its zone.
const DefaultZone = "Europe/Stockholm"

// RecordProblem is something wrong with one record of the input.
type RecordProblem struct {
	// Record names the record as the input does: its index, UID or id.
	Record string
	Err    string
	// Skipped is true when the record was left out; false when it was
	// imported with a part of it dropped (a note).
	Skipped bool
}

func (p RecordProblem) String() string {
	what := "note"
	if p.Skipped {
		what = "skipped"
	}
	return what + ": " + p.Record + ": " + p.Err
}

// Report says what an import did.
type Report struct {
	// Imported counts the records imported as items (services, events,
	// articles). Items derived from them (municipalities, the topic of
	// imported pages) are not counted.
	Imported int
	// Skipped counts the records left out.
	Skipped  int
	Problems []RecordProblem
	// Records names, for each item the import returns ("events/<id>"), the
	// record of the input it came from, as the input names it (its index,
	// UID or id): the item's provenance.
	Records map[string]string
}

// Summary is the report as text: each problem on its own line, then
// "N records imported, M skipped".
func (r Report) Summary() string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%d records imported, %d skipped", r.Imported, r.Skipped)
	return b.String()
}

func (r *Report) skip(record, format string, args ...any) {
	r.Problems = append(r.Problems, RecordProblem{Record: record, Err: fmt.Sprintf(format, args...), Skipped: true})
	r.Skipped++
}

func (r *Report) note(record, format string, args ...any) {
	r.Problems = append(r.Problems, RecordProblem{Record: record, Err: fmt.Sprintf(format, args...)})
}

// cleanText removes what the text policy refuses (content.Clean: bidi
// controls and marks, control characters other than newline and tab,
// stray joiners, U+FFFD). It also turns CRLF into LF and trims the ends.
func cleanText(s string) string {
	return strings.TrimSpace(dropInvisible(strings.ReplaceAll(s, "\r\n", "\n")))
}

// dropInvisible removes what the text policy refuses in any text
// (content.Clean), without trimming.
func dropInvisible(s string) string { return content.Clean(s) }

// cleanLine is cleanText for one-line texts (names, titles): runs of white
// space become one space.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// text makes a one-language Text, or nil when s is empty.
func text(lang content.Lang, s string) content.Text {
	if s == "" {
		return nil
	}
	return content.Text{lang: s}
}

// fold turns s into lower-case ASCII: marks are taken off letters
// (Ö → o, å → a) and a few letters without a decomposition are spelt out.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			if sub, ok := foldSpecial[r]; ok {
				b.WriteString(sub)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

var foldSpecial = map[rune]string{'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

// slug turns any text into an id-shaped string: folded, every run of other
// characters made one '-', at most 64 characters. It may be empty.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return truncateID(b.String(), 64)
}

func truncateID(id string, n int) string {
	if len(id) <= n {
		return id
	}
	return strings.TrimRight(id[:n], "-")
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// ids hands out ids unique within one kind.
type ids map[string]bool

// take returns the id for a record whose identity in the input is raw and
// whose preferred id is base (already a slug, possibly empty). A short hash
// of raw is added when base is empty or already taken.
func (seen ids) take(base, raw string) string {
	id := base
	if id == "" || seen[id] {
		id = truncateID(base, 55)
		if id != "" {
			id += "-"
		}
		id += shortHash(raw)
		for n := 2; seen[id]; n++ {
			id = truncateID(base, 55) + "-" + shortHash(raw+"#"+strconv.Itoa(n))
		}
	}
	seen[id] = true
	return id
}

// webURL returns s if it is an http(s) address, else "".
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return s
}

// email returns s if it is a bare e-mail address, else "".
func email(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "mailto:")
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		return ""
	}
	return s
}

// municipalities derives municipality items from cities named in
// addresses; the id is the folded city name.
type municipalities struct {
	byID map[string]content.Municipality
}

// of returns the municipality id for a city, adding the municipality.
func (m *municipalities) of(city string) string {
	city = cleanLine(city)
	id := slug(city)
	if id == "" || !content.ValidID(id) {
		return ""
	}
	if m.byID == nil {
		m.byID = map[string]content.Municipality{}
	}
	if _, ok := m.byID[id]; !ok {
		m.byID[id] = content.Municipality{ID: id, Name: content.Text{content.Swedish: city}}
	}
	return id
}

func (m *municipalities) list() []content.Municipality {
	out := make([]content.Municipality, 0, len(m.byID))
	for _, x := range m.byID {
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// records maps an item (kind and id) to the record it came from, so a
// validation problem can be reported against the input.
type records map[string]string

func (r records) set(kind content.Kind, id, record string) { r[string(kind)+"/"+id] = record }

func (r records) name(kind content.Kind, id string) string {
	if s, ok := r[string(kind)+"/"+id]; ok {
		return s
	}
	return string(kind) + "/" + id
}

// finish validates the set, drops every imported item that has a problem
// (reporting it against its record) until the set is valid, and counts
// what was imported.
func finish(set *content.Set, rep *Report, recs records) {
	for round := 0; round < 5; round++ {
		problems := set.Validate()
		if len(problems) == 0 {
			break
		}
		bad := map[string][]string{}
		var order []string
		for _, p := range problems {
			key := string(p.Kind) + "/" + p.ID
			if _, ok := bad[key]; !ok {
				order = append(order, key)
			}
			bad[key] = append(bad[key], p.Field+": "+p.Message)
		}
		for _, key := range order {
			kind, id, _ := strings.Cut(key, "/")
			rep.skip(recs.name(content.Kind(kind), id), "%s", strings.Join(bad[key], "; "))
		}
		drop := func(kind content.Kind, id string) bool { _, ok := bad[string(kind)+"/"+id]; return ok }
		set.Municipalities = filter(set.Municipalities, func(x content.Municipality) bool { return !drop(content.KindMunicipality, x.ID) })
		set.Topics = filter(set.Topics, func(x content.Topic) bool { return !drop(content.KindTopic, x.ID) })
		set.Projects = filter(set.Projects, func(x content.Project) bool { return !drop(content.KindProject, x.ID) })
		set.Articles = filter(set.Articles, func(x content.Article) bool { return !drop(content.KindArticle, x.ID) })
		set.Services = filter(set.Services, func(x content.Service) bool { return !drop(content.KindService, x.ID) })
		set.Events = filter(set.Events, func(x content.Event) bool { return !drop(content.KindEvent, x.ID) })
	}
	rep.Imported = len(set.Articles) + len(set.Services) + len(set.Events)
	rep.Records = map[string]string{}
	for _, kind := range content.Kinds {
		for _, id := range set.IDs(kind) {
			if name, ok := recs[string(kind)+"/"+id]; ok {
				rep.Records[string(kind)+"/"+id] = name
			}
		}
	}
}

func filter[T any](items []T, keep func(T) bool) []T {
	out := items[:0]
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// number is a JSON number that some producers write as a string. A value
// that is not a number is kept in Bad (not an error), so the rest of the
// record still decodes and the field alone can be left out.
type number struct {
	V   float64
	OK  bool
	Bad string
}

func (n *number) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		n.Bad = string(b)
		return nil
	}
	n.V, n.OK = v, true
	return nil
}

func (n number) String() string {
	switch {
	case n.Bad != "":
		return n.Bad
	case n.OK:
		return strconv.FormatFloat(n.V, 'f', -1, 64)
	}
	return "null"
}

// geo returns a position, or nil when it is missing or 0,0.
func geo(lat, lon number) *content.Geo {
	if !lat.OK || !lon.OK || (lat.V == 0 && lon.V == 0) {
		return nil
	}
	return &content.Geo{Lat: lat.V, Lon: lon.V}
}

var goStructInPath = regexp.MustCompile(`\b(ig|hsds)[A-Z]\w*\.`)

// jsonErr says briefly what is wrong with one record's JSON.
func jsonErr(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		// The path names embedded Go structs too (igCommon.id); only the
		// JSON keys mean anything to the reader.
		field := goStructInPath.ReplaceAllString(typ.Field, "")
		return fmt.Sprintf("field %s: expected %s, found JSON %s", field, typ.Type, typ.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
