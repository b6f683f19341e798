package content

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Problem is one thing wrong with one item. Field is a path into the item
// as it is written in the source format, such as "title.sv" or
// "hours.weekly.mon[0].opens".
type Problem struct {
	Kind    Kind
	ID      string
	Field   string
	Message string // in English, for validate and build
	// Code is the problem's stable code (problemcodes.go) and Args the
	// values its message names, for a program that says it in another
	// language; Code is "" for a problem from outside the validator.
	Code string
	Args map[string]any
}

func (p Problem) String() string {
	return fmt.Sprintf("%s/%s: %s: %s", p.Kind, p.ID, p.Field, p.Message)
}

// Problems is a list of problems; as an error it names them all.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Categories is the closed list of categories an item may carry.
var Categories = []string{
	"emergency", "health", "housing", "school", "language", "work", "money",
	"rights", "family", "children", "residence", "transport", "help",
	"authority", "leisure", "integration",
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	hhmmPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$`)
	weekdayKeys = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)

// ValidID reports whether id is a well-formed item id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// checker collects the problems of one item.
type checker struct {
	kind Kind
	id   string
	out  *Problems
}

// add reports a problem by its code and its arguments in order.
func (c checker) add(field, code string, values ...any) {
	*c.out = append(*c.out, NewProblem(c.kind, c.id, field, code, values...))
}

func (c checker) itemID(id string) {
	if !ValidID(id) {
		c.add("id", CodeIDInvalid, id)
	}
}

// text checks a translated text: required or not, and languages known.
// Its characters are checked with every other string (stringsOf).
func (c checker) text(field string, t Text, required bool) {
	if required && t.Empty() {
		c.add(field, CodeTextRequired)
	}
	for l := range t {
		if !l.Known() {
			c.add(field+"."+string(l), CodeLangUnknown, string(l))
		}
	}
}

// keywords checks an item's search words: known languages, at most
// MaxKeywords a language, each one non-empty and short. Their characters
// are checked with every other string (stringsOf: one line each).
func (c checker) keywords(k Keywords) {
	for l, words := range k {
		field := "keywords." + string(l)
		if !l.Known() {
			c.add(field, CodeLangUnknown, string(l))
			continue
		}
		if len(words) > MaxKeywords {
			c.add(field, CodeKeywordsTooMany, len(words), MaxKeywords)
		}
		for i, w := range words {
			f := fmt.Sprintf("%s[%d]", field, i)
			switch {
			case strings.TrimSpace(w) == "":
				c.add(f, CodeKeywordEmpty)
			case len(w) > MaxKeywordLength:
				c.add(f, CodeKeywordTooLong, len(w), MaxKeywordLength)
			}
		}
	}
}

func (c checker) categories(field string, cats []string) {
	for i, cat := range cats {
		if !contains(Categories, cat) {
			c.add(fmt.Sprintf("%s[%d]", field, i), CodeCategoryUnknown, cat)
		}
	}
}

func (c checker) date(field, s string) {
	if s == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		c.add(field, CodeDateInvalid, s)
	}
}

// projectDates checks a project's start and end, each a date or a year,
// and that the end does not come before the start.
func (c checker) projectDates(start, end string) {
	var first, last time.Time
	ok := true
	if start != "" {
		var err error
		if first, _, _, err = ParseProjectDate(start); err != nil {
			c.add("start", CodeDateOrYearInvalid, start)
			ok = false
		}
	}
	if end != "" {
		var err error
		if _, last, _, err = ParseProjectDate(end); err != nil {
			c.add("end", CodeDateOrYearInvalid, end)
			ok = false
		}
	}
	if ok && start != "" && end != "" && last.Before(first) {
		c.add("end", CodeEndBeforeStart, end, start)
	}
}

func (c checker) zone(field, name string, required bool) {
	if name == "" {
		if required {
			c.add(field, CodeZoneRequired)
		}
		return
	}
	if _, err := LoadZone(name); err != nil {
		c.add(field, CodeZoneUnknown, name)
	}
}

func (c checker) webURL(field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		c.add(field, CodeURLInvalid, s)
	}
}

func (c checker) email(field, s string) {
	if s == "" {
		return
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		c.add(field, CodeEmailInvalid, s)
	}
}

func (c checker) geo(field string, g *Geo) {
	if g == nil {
		return
	}
	if g.Lat < -90 || g.Lat > 90 {
		c.add(field+".lat", CodeLatOutside, g.Lat)
	}
	if g.Lon < -180 || g.Lon > 180 {
		c.add(field+".lon", CodeLonOutside, g.Lon)
	}
}

func (c checker) ref(field, id string, known map[string]bool, what string) {
	if id != "" && !known[id] {
		c.add(field, CodeRefMissing, what, id)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// imageFile is a picture's path in a content folder or the feed:
// "images/" and a name of letters, digits, '.', '_' and '-' (no folders,
// so it cannot lead out of images/).
var imageFile = regexp.MustCompile(`^images/[A-Za-z0-9][A-Za-z0-9._-]{0,119}$`)

// ImageExtensions are the kinds of picture a content folder may hold.
var ImageExtensions = []string{".jpg", ".jpeg", ".png", ".webp"}

// ValidImageFile reports whether name is a well-formed picture path.
func ValidImageFile(name string) bool {
	if !imageFile.MatchString(name) {
		return false
	}
	lower := strings.ToLower(name)
	for _, ext := range ImageExtensions {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// image checks an item's picture: its file, its size when build has set
// it, an alt text (required: a visitor who cannot see the picture hears
// it) and the credit.
func (c checker) image(img *Image) {
	if img == nil {
		return
	}
	switch {
	case img.File == "":
		c.add("image.file", "is required (images/<name>.jpg, .png or .webp)")
	case !ValidImageFile(img.File):
		c.add("image.file", "%q is not a picture in images/ (images/<name> with letters, digits, '.', '_' or '-', ending in .jpg, .jpeg, .png or .webp)", img.File)
	}
	if img.Width < 0 || img.Height < 0 || img.Width > MaxImageSide || img.Height > MaxImageSide || (img.Width == 0) != (img.Height == 0) {
		c.add("image", "size %d×%d is not a picture's size (both 1–%d, or both left out)", img.Width, img.Height, MaxImageSide)
	}
	c.text("image.alt", img.Alt, true)
	c.text("image.credit", img.Credit, false)
	for l, s := range img.Alt {
		if len(s) > MaxAltBytes {
			c.add("image.alt."+string(l), "is %d bytes; at most %d", len(s), MaxAltBytes)
		}
	}
	for l, s := range img.Credit {
		if len(s) > MaxCreditBytes {
			c.add("image.credit."+string(l), "is %d bytes; at most %d", len(s), MaxCreditBytes)
		}
	}
}
