package editor

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// An item is edited as the JSON object of its file (map[string]any):
// each field of the form reads its part of the object and writes it back.
// Parts no field covers (an override's description or place …) stay as they were, so the editor never drops what it cannot
// show. The object is then decoded strictly into content's type and
// validated exactly as build does.

// fieldType is how a field is shown and read.
type fieldType int

const (
	tID         fieldType = iota // the id: editable only when creating
	tLine                        // translated text of one line
	tLines                       // translated text of several lines
	tMarkdown                    // translated Markdown text, with preview
	tString                      // one plain string
	tInt                         // a whole number
	tDate                        // YYYY-MM-DD
	tBool                        // a checkbox
	tRef                         // an id of another kind, as a select
	tRefs                        // ids of another kind, as a multiple select
	tCategories                  // categories, as checkboxes
	tList                        // strings, one per line
	tCommaList                   // strings, separated by commas
	tKeywords                    // search words per language, one per line
	tPartners                    // a list of translated names, one per line
	tAddress                     // street, postal code, city
	tGeo                         // latitude, longitude
	tZone                        // an IANA time zone
	tDateTime                    // an instant, entered as wall-clock time in the item's timeZone
	tRRule                       // a recurrence rule: none, weekly, monthly or written out
	tAttendance                  // offline, online or mixed
	tHours                       // opening hours: unknown, always open, or weekly intervals, and dated exceptions
	tExDates                     // an event's excluded starts, one a line
	tRDates                      // an event's added starts, one a line
	tOverrides                   // an event's changed occurrences, one a line, and their titles
)

// field is one field of a kind's form. Path is its JSON path, the same
// path content.Problem.Field uses, so problems find their field.
type field struct {
	Path  string
	Type  fieldType
	Ref   content.Kind // for tRef and tRefs
	Label string       // message id
}

func f(path string, t fieldType, label string) field { return field{Path: path, Type: t, Label: label} }

func ref(path string, kind content.Kind, label string) field {
	return field{Path: path, Type: tRef, Ref: kind, Label: label}
}

var keywordsField = f("keywords", tKeywords, "f.keywords")

// forms lists each kind's fields in the order the form shows them.
var forms = map[content.Kind][]field{
	content.KindMunicipality: {
		f("id", tID, "f.id"), f("name", tLine, "f.name"), f("county", tLine, "f.county"),
	},
	content.KindTopic: {
		f("id", tID, "f.id"), f("order", tInt, "f.order"), f("icon", tString, "f.icon"),
		f("title", tLine, "f.title"), f("summary", tLines, "f.summary"),
	},
	content.KindArticle: {
		f("id", tID, "f.id"), ref("topic", content.KindTopic, "f.topic"), f("order", tInt, "f.order"),
		f("title", tLine, "f.title"), f("summary", tLines, "f.summary"), f("body", tMarkdown, "f.body"),
		ref("municipality", content.KindMunicipality, "f.municipality"),
		f("sources", tList, "f.sources"), f("updated", tDate, "f.updated"), keywordsField,
	},
	content.KindService: {
		f("id", tID, "f.id"), f("name", tLine, "f.name"), f("organisation", tLine, "f.organisation"),
		f("description", tMarkdown, "f.description"), f("categories", tCategories, "f.categories"),
		ref("municipality", content.KindMunicipality, "f.municipality"),
		f("address", tAddress, "f.address"), f("geo", tGeo, "f.geo"),
		f("phone", tString, "f.phone"), f("email", tString, "f.email"), f("website", tString, "f.website"),
		f("timeZone", tZone, "f.timeZone"), f("hours", tHours, "f.hours"),
		f("languages", tCommaList, "f.languages"), keywordsField,
	},
	content.KindEvent: {
		f("id", tID, "f.id"), f("title", tLine, "f.title"), f("description", tMarkdown, "f.description"),
		f("timeZone", tZone, "f.timeZone"), f("start", tDateTime, "f.start"), f("end", tDateTime, "f.end"),
		f("allDay", tBool, "f.allDay"), f("rrule", tRRule, "f.rrule"),
		f("exdates", tExDates, "f.exdates"), f("rdates", tRDates, "f.rdates"),
		f("overrides", tOverrides, "f.overrides"), f("cancelled", tBool, "f.cancelled"),
		f("attendance", tAttendance, "f.attendance"),
		f("place.name", tLine, "f.placeName"), f("place.address", tAddress, "f.address"), f("place.geo", tGeo, "f.geo"),
		f("onlineUrl", tString, "f.onlineUrl"), f("onlineInfo", tLines, "f.onlineInfo"),
		f("organiser", tLine, "f.organiser"), ref("project", content.KindProject, "f.project"),
		ref("municipality", content.KindMunicipality, "f.municipality"),
		f("categories", tCategories, "f.categories"), keywordsField,
	},
	content.KindProject: {
		f("id", tID, "f.id"), f("name", tLine, "f.name"), f("owner", tLine, "f.owner"),
		f("partners", tPartners, "f.partners"), f("start", tDate, "f.startDate"), f("end", tDate, "f.endDate"),
		{Path: "municipalities", Type: tRefs, Ref: content.KindMunicipality, Label: "f.municipalities"},
		f("summary", tLines, "f.summary"), f("offers", tMarkdown, "f.offers"),
		f("contactRole", tLine, "f.contactRole"), f("email", tString, "f.email"), f("website", tString, "f.website"),
		f("categories", tCategories, "f.categories"), keywordsField,
	},
}

// translated reports whether the field is a text in the four languages.
func (fl field) translated() bool {
	return fl.Type == tLine || fl.Type == tLines || fl.Type == tMarkdown
}

// --- the JSON object -------------------------------------------------------

func get(m map[string]any, path string) any {
	var cur any = m
	for _, part := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[part]
	}
	return cur
}

func getString(m map[string]any, path string) string {
	switch v := get(m, path).(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// set puts v at path, making the objects on the way; a nil v removes the
// key and then every object on the way that became empty.
func set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	obj := m
	var chain []map[string]any
	for _, part := range parts[:len(parts)-1] {
		next, ok := obj[part].(map[string]any)
		if !ok {
			if v == nil {
				return
			}
			next = map[string]any{}
			obj[part] = next
		}
		chain = append(chain, obj)
		obj = next
	}
	last := parts[len(parts)-1]
	if v == nil {
		delete(obj, last)
		for i := len(chain) - 1; i >= 0; i-- {
			if len(obj) > 0 {
				break
			}
			delete(chain[i], parts[i])
			obj = chain[i]
		}
		return
	}
	obj[last] = v
}

// formValue is a submitted value with the browser's line ends made the
// format's (a CR is a control character the text policy refuses).
func formValue(form url.Values, name string) string {
	return strings.ReplaceAll(form.Get(name), "\r\n", "\n")
}

func oneLine(form url.Values, name string) string { return strings.TrimSpace(formValue(form, name)) }

// lines splits a textarea into its non-empty, trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func textOf(m map[string]any, path string) map[string]string {
	out := map[string]string{}
	if obj, ok := get(m, path).(map[string]any); ok {
		for l, v := range obj {
			if s, ok := v.(string); ok {
				out[l] = s
			}
		}
	}
	return out
}

// applyText writes a translated text from the inputs path.sv … path.en,
// keeping languages outside the four (validation names them).
func applyText(form url.Values, m map[string]any, path string, multiline bool) {
	obj := map[string]any{}
	for l, s := range textOf(m, path) {
		if !content.Lang(l).Known() {
			obj[l] = s
		}
	}
	for _, l := range content.Languages {
		v := formValue(form, path+"."+string(l))
		if multiline {
			v = strings.TrimRight(v, " \t\n")
		} else {
			v = strings.TrimSpace(v)
		}
		if v != "" {
			obj[string(l)] = v
		}
	}
	if len(obj) == 0 {
		set(m, path, nil)
		return
	}
	set(m, path, obj)
}

func setString(m map[string]any, path, v string) {
	if v == "" {
		set(m, path, nil)
		return
	}
	set(m, path, v)
}

func setList(m map[string]any, path string, items []string) {
	if len(items) == 0 {
		set(m, path, nil)
		return
	}
	list := make([]any, len(items))
	for i, s := range items {
		list[i] = s
	}
	set(m, path, list)
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// apply writes the submitted form into the item's object. Problems are
// what cannot even be put into the object (a number that is not one, a
// time in a zone that does not exist); the validator finds the rest.
func apply(kind content.Kind, form url.Values, m map[string]any, creating bool, ui string) content.Problems {
	var out content.Problems
	// A problem with what the person typed, in their language: the
	// catalog key of its message and the message's data.
	badLine := func(path, key string, data map[string]any) {
		out = append(out, content.Problem{Kind: kind, Field: path, Message: msgData(ui, key, data)})
	}
	bad := badLine
	for _, fl := range forms[kind] {
		p := fl.Path
		switch fl.Type {
		case tID:
			if creating {
				setString(m, p, oneLine(form, p))
			}
		case tLine:
			applyText(form, m, p, false)
		case tLines, tMarkdown:
			applyText(form, m, p, true)
		case tString, tDate, tRef, tZone, tAttendance:
			setString(m, p, oneLine(form, p))
		case tInt:
			s := oneLine(form, p)
			if s == "" {
				set(m, p, nil)
			} else if n, err := strconv.Atoi(s); err != nil {
				bad(p, "value.notWhole", map[string]any{"Text": s})
			} else {
				set(m, p, float64(n))
			}
		case tBool:
			if form.Get(p) != "" {
				set(m, p, true)
			} else {
				set(m, p, nil)
			}
		case tRefs, tCategories:
			setList(m, p, keepOrder(stringsOf(get(m, p)), form[p]))
		case tList:
			setList(m, p, lines(formValue(form, p)))
		case tCommaList:
			var items []string
			for _, s := range strings.Split(oneLine(form, p), ",") {
				if s = strings.TrimSpace(s); s != "" {
					items = append(items, s)
				}
			}
			setList(m, p, items)
		case tKeywords:
			applyKeywords(form, m, p)
		case tPartners:
			applyPartners(form, m, p)
		case tAddress:
			for _, part := range addressParts {
				setString(m, p+"."+part, oneLine(form, p+"."+part))
			}
		case tGeo:
			applyGeo(form, m, p, bad)
		case tDateTime:
			applyDateTime(form, m, p, bad)
		case tRRule:
			applyRRule(form, m, p, bad, badLine)
		case tHours:
			applyHours(form, m, p, badLine)
		case tExDates:
			applyExDates(form, m, p, badLine)
		case tRDates:
			applyRDates(form, m, p, badLine)
		case tOverrides:
			applyOverrides(form, m, p, badLine)
		}
	}
	return out
}

// keepOrder is the picked values in the order the item had them, new
// ones after: a form sends checkboxes in the order it shows them, and an
// unchanged save must not reorder the file.
func keepOrder(had, picked []string) []string {
	var out []string
	for _, v := range had {
		if slices.Contains(picked, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range picked {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

var addressParts = []string{"street", "postalCode", "city"}

func applyKeywords(form url.Values, m map[string]any, p string) {
	obj := map[string]any{}
	for _, l := range content.Languages {
		words := lines(formValue(form, p+"."+string(l)))
		if len(words) > 0 {
			list := make([]any, len(words))
			for i, w := range words {
				list[i] = w
			}
			obj[string(l)] = list
		}
	}
	if len(obj) == 0 {
		set(m, p, nil)
		return
	}
	set(m, p, obj)
}

// applyPartners reads one partner a line in each language: line i of
// every language is partner i.
func applyPartners(form url.Values, m map[string]any, p string) {
	var partners []map[string]any
	for _, l := range content.Languages {
		for i, name := range strings.Split(formValue(form, p+"."+string(l)), "\n") {
			name = strings.TrimSpace(name)
			for len(partners) <= i {
				partners = append(partners, map[string]any{})
			}
			if name != "" {
				partners[i][string(l)] = name
			}
		}
	}
	var list []any
	for _, pt := range partners {
		if len(pt) > 0 {
			list = append(list, pt)
		}
	}
	if len(list) == 0 {
		set(m, p, nil)
		return
	}
	set(m, p, list)
}

func applyGeo(form url.Values, m map[string]any, p string, bad lineProblem) {
	lat, lon := oneLine(form, p+".lat"), oneLine(form, p+".lon")
	if lat == "" && lon == "" {
		set(m, p, nil)
		return
	}
	geo := map[string]any{}
	for name, s := range map[string]string{"lat": lat, "lon": lon} {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		if err != nil {
			bad(p+"."+name, "value.notNumber", map[string]any{"Text": s})
			continue
		}
		geo[name] = v
	}
	set(m, p, geo)
}

// partnerLines is the partners of one language, one a line.
func partnerLines(m map[string]any, p string, l content.Lang) string {
	list, _ := get(m, p).([]any)
	out := make([]string, len(list))
	for i, x := range list {
		if obj, ok := x.(map[string]any); ok {
			out[i], _ = obj[string(l)].(string)
		}
	}
	return strings.Join(out, "\n")
}
