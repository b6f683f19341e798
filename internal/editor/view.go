package editor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// input is one control of the form, as the template draws it.
type input struct {
	Name, Label, Value string
	Control            string // "text", "textarea", "select", "multiselect", "checkbox", "checkboxes", "datetime-local", "date", "number"
	Lang, Dir          string // for the four-language columns
	Markdown           bool
	ReadOnly           bool
	List               string // id of a datalist
	Confirm            string // a translation flagged as changed in Swedish since: its staleKey
	Options            []option
	Problems           []string
}

type option struct {
	Value, Label string
	Selected     bool
}

// fieldView is one field: a label, its inputs (four language columns for
// a text), and the problems the validator found in it.
type fieldView struct {
	Path, Label, Help string
	Grid              bool // the inputs are the four language columns
	Inputs            []input
	Problems          []string
	Stale             []staleView // flagged translations inside the field
}

// staleView is a translation whose Swedish changed since it was written,
// shown on its field with a "still correct" box.
type staleView struct{ Label, Key string }

// dirOf is the writing direction of a language's input: Arabic is right to
// left; the others let the browser decide from the text.
func dirOf(l content.Lang) string {
	if l == content.Arabic {
		return "rtl"
	}
	return "auto"
}

func (s *Server) views(kind content.Kind, m map[string]any, creating bool, problems content.Problems, ui string, staleKeys []string) ([]fieldView, []string, []staleView) {
	var out []fieldView
	used := make([]bool, len(problems))
	shown := make([]bool, len(staleKeys))
	for _, fl := range forms[kind] {
		v := fieldView{Path: fl.Path, Label: msg(ui, fl.Label), Help: msgOr(ui, fl.Label+".help")}
		v.Inputs, v.Grid = s.inputs(fl, m, creating, ui)
		for i, key := range staleKeys {
			path, l, _ := splitStaleKey(key)
			if path != fl.Path && !strings.HasPrefix(path, fl.Path+".") {
				continue
			}
			shown[i] = true
			if in := inputNamed(v.Inputs, key); in != nil && path == fl.Path {
				in.Confirm = key
				continue
			}
			v.Stale = append(v.Stale, staleView{Label: strings.TrimPrefix(strings.TrimPrefix(path, fl.Path), ".") + " · " + langName(l), Key: key})
		}
		for i, p := range problems {
			if !within(p.Field, fl.Path) {
				continue
			}
			used[i] = true
			if in := inputNamed(v.Inputs, p.Field); in != nil {
				in.Problems = append(in.Problems, problemMessage(ui, p))
			} else {
				v.Problems = append(v.Problems, problemText(ui, p, fl.Path))
			}
		}
		out = append(out, v)
	}
	var rest []string
	for i, p := range problems {
		if !used[i] {
			rest = append(rest, strings.TrimPrefix(p.Field+": ", ": ")+problemMessage(ui, p))
		}
	}
	var otherStale []staleView
	for i, key := range staleKeys {
		if !shown[i] {
			path, l, _ := splitStaleKey(key)
			otherStale = append(otherStale, staleView{Label: path + " · " + langName(l), Key: key})
		}
	}
	return out, rest, otherStale
}

// within reports whether a problem's field path is the field's or inside it.
func within(problem, path string) bool {
	return problem == path || strings.HasPrefix(problem, path+".") || strings.HasPrefix(problem, path+"[")
}

func inputNamed(ins []input, name string) *input {
	for i := range ins {
		if ins[i].Name == name {
			return &ins[i]
		}
	}
	return nil
}

// problemText names the part of the field a problem is about
// ("mon[1].closes: …") when it is not the whole field.
func problemText(ui string, p content.Problem, path string) string {
	part := strings.TrimPrefix(strings.TrimPrefix(p.Field, path), ".")
	if part == "" {
		return problemMessage(ui, p)
	}
	return part + ": " + problemMessage(ui, p)
}

func (s *Server) inputs(fl field, m map[string]any, creating bool, ui string) ([]input, bool) {
	p := fl.Path
	switch fl.Type {
	case tID:
		return []input{{Name: p, Value: getString(m, p), Control: "text", ReadOnly: !creating}}, false
	case tLine, tLines, tMarkdown:
		t := textOf(m, p)
		var ins []input
		for _, l := range content.Languages {
			in := input{Name: p + "." + string(l), Label: langName(l), Lang: string(l), Dir: dirOf(l), Value: t[string(l)], Control: "text"}
			if fl.Type != tLine {
				in.Control, in.Markdown = "textarea", fl.Type == tMarkdown
			}
			ins = append(ins, in)
		}
		return ins, true
	case tKeywords, tPartners:
		var ins []input
		for _, l := range content.Languages {
			value := partnerLines(m, p, l)
			if fl.Type == tKeywords {
				value = strings.Join(stringsOf(get(m, p+"."+string(l))), "\n")
			}
			ins = append(ins, input{Name: p + "." + string(l), Label: langName(l), Lang: string(l), Dir: dirOf(l), Value: value, Control: "textarea"})
		}
		return ins, true
	case tString:
		return []input{{Name: p, Value: getString(m, p), Control: "text"}}, false
	case tInt:
		return []input{{Name: p, Value: getString(m, p), Control: "number"}}, false
	case tDate:
		return []input{{Name: p, Value: getString(m, p), Control: "date"}}, false
	case tBool:
		return []input{{Name: p, Value: getString(m, p), Control: "checkbox"}}, false
	case tZone:
		v := getString(m, p)
		if v == "" && creating {
			v = "Europe/Stockholm"
		}
		return []input{{Name: p, Value: v, Control: "text", List: "zones"}}, false
	case tRef:
		return []input{{Name: p, Control: "select", Options: s.refOptions(fl.Ref, []string{getString(m, p)}, ui)}}, false
	case tRefs:
		return []input{{Name: p, Control: "multiselect", Options: s.refOptions(fl.Ref, stringsOf(get(m, p)), "")}}, false
	case tCategories:
		picked := stringsOf(get(m, p))
		var opts []option
		for _, c := range content.Categories {
			opts = append(opts, option{Value: c, Label: c, Selected: slices.Contains(picked, c)})
		}
		return []input{{Name: p, Control: "checkboxes", Options: opts}}, false
	case tList:
		return []input{{Name: p, Value: strings.Join(stringsOf(get(m, p)), "\n"), Control: "textarea"}}, false
	case tCommaList:
		return []input{{Name: p, Value: strings.Join(stringsOf(get(m, p)), ", "), Control: "text"}}, false
	case tAddress:
		var ins []input
		for _, part := range addressParts {
			ins = append(ins, input{Name: p + "." + part, Label: msg(ui, "f.address."+part), Value: getString(m, p+"."+part), Control: "text"})
		}
		return ins, false
	case tGeo:
		return []input{
			{Name: p + ".lat", Label: msg(ui, "f.geo.lat"), Value: getString(m, p+".lat"), Control: "text"},
			{Name: p + ".lon", Label: msg(ui, "f.geo.lon"), Value: getString(m, p+".lon"), Control: "text"},
		}, false
	case tDateTime:
		return []input{{Name: p, Value: localTime(m, p), Control: "datetime-local"}}, false
	case tAttendance:
		v := getString(m, p)
		var opts []option
		for _, a := range []content.Attendance{content.Offline, content.Online, content.Mixed} {
			opts = append(opts, option{Value: string(a), Label: msg(ui, "attendance."+string(a)), Selected: v == string(a)})
		}
		return []input{{Name: p, Control: "select", Options: opts}}, false
	case tRRule:
		rule := getString(m, p)
		preset, until, count := rulePreset(rule)
		var opts []option
		for _, r := range []string{ruleNone, ruleWeekly, ruleMonthly, ruleCustom} {
			opts = append(opts, option{Value: r, Label: msg(ui, "rule."+r), Selected: preset == r})
		}
		return []input{
			{Name: p + ".preset", Label: msg(ui, "rule.repeat"), Control: "select", Options: opts},
			{Name: p + ".until", Label: msg(ui, "rule.until"), Value: until, Control: "date"},
			{Name: p + ".count", Label: msg(ui, "rule.count"), Value: count, Control: "number"},
			{Name: p + ".custom", Label: msg(ui, "rule.custom.label"), Value: rule, Control: "text"},
		}, false
	case tHours:
		return s.hoursInputs(m, p, ui), false
	case tExDates:
		return []input{{Name: p, Value: exdatesText(m, p), Control: "textarea", Dir: "ltr"}}, false
	case tRDates:
		return []input{{Name: p, Value: rdatesText(m, p), Control: "textarea", Dir: "ltr"}}, false
	case tOverrides:
		rows, titles := overridesText(m, p, ui)
		ins := []input{{Name: p, Value: rows, Control: "textarea", Dir: "ltr"}}
		for _, l := range content.Languages {
			ins = append(ins, input{Name: p + ".title." + string(l), Label: msg(ui, "overrides.title") + " (" + langName(l) + ")",
				Lang: string(l), Dir: dirOf(l), Value: titles[l], Control: "textarea"})
		}
		return ins, false
	}
	return nil, false
}

func (s *Server) hoursInputs(m map[string]any, p, ui string) []input {
	mode := hoursMode(m, p)
	var opts []option
	for _, h := range []string{hoursUnknown, hoursAlways, hoursWeekly} {
		opts = append(opts, option{Value: h, Label: msg(ui, "hours."+h), Selected: mode == h})
	}
	ins := []input{{Name: p + ".mode", Label: msg(ui, "hours.mode"), Control: "select", Options: opts}}
	for _, day := range weekdays {
		ins = append(ins, input{Name: p + ".weekly." + day, Label: msg(ui, "day."+day), Value: dayIntervals(m, p, day), Control: "text"})
	}
	note := textOf(m, p+".note")
	for _, l := range content.Languages {
		ins = append(ins, input{Name: p + ".note." + string(l), Label: msg(ui, "hours.note") + " (" + langName(l) + ")",
			Lang: string(l), Dir: dirOf(l), Value: note[string(l)], Control: "text"})
	}
	exceptions, notes := exceptionsText(m, p, ui)
	ins = append(ins, input{Name: p + ".exceptions", Label: msg(ui, "hours.exceptions"), Value: exceptions, Control: "textarea", Dir: "ltr"})
	for _, l := range content.Languages {
		ins = append(ins, input{Name: p + ".exceptions.note." + string(l), Label: msg(ui, "hours.exceptions.note") + " (" + langName(l) + ")",
			Lang: string(l), Dir: dirOf(l), Value: notes[l], Control: "textarea"})
	}
	return ins
}

// refOptions are the ids of a kind, with an empty choice first for a
// single select (ui != "": "none"/national).
func (s *Server) refOptions(kind content.Kind, picked []string, ui string) []option {
	var opts []option
	if ui != "" {
		opts = append(opts, option{Value: "", Label: msg(ui, "ref.none."+string(kind)), Selected: len(picked) == 0 || picked[0] == ""})
	}
	ids := s.folder.ids(kind)
	for _, id := range ids {
		opts = append(opts, option{Value: id, Label: id, Selected: slices.Contains(picked, id)})
	}
	// A reference to an id that does not exist stays visible, so the
	// validator's message about it makes sense.
	for _, id := range picked {
		if id != "" && !slices.Contains(ids, id) {
			opts = append(opts, option{Value: id, Label: fmt.Sprintf("%s (?)", id), Selected: true})
		}
	}
	return opts
}

func langName(l content.Lang) string {
	switch l {
	case content.Swedish:
		return "Svenska (sv)"
	case content.Ukrainian:
		return "Українська (uk)"
	case content.Arabic:
		return "العربية (ar)"
	case content.English:
		return "English (en)"
	}
	return string(l)
}
