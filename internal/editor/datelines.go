package editor

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// Dated lists the form edits as text, one entry a line: the dated
// exceptions of opening hours ("2026-12-24 closed"), and an event's
// excluded and added dates ("2026-04-21", "2026-05-02 10:00-12:00").
// Each line is parsed here, and a bad one is named by its line number
// beside its input, in the interface language; nothing is written then.
// A value the short forms cannot say exactly (an exdate at another time
// zone's offset) is shown as the file has it and read back unchanged, so
// an unchanged save never alters the file.

// lineProblem reports a problem with an input: the catalog key of its
// message and the message's data (atLine for a line of a list).
type lineProblem func(name, key string, data map[string]any)

// atLine is the data of a message about line n (1-based) reading text.
func atLine(n int, text string) map[string]any { return map[string]any{"Line": n, "Text": text} }

// numberedLines is every line of a textarea with its number; blank lines count
// in the numbering (the person sees them) but are not returned.
func numberedLines(s string) (nums []int, texts []string) {
	for i, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			nums, texts = append(nums, i+1), append(texts, l)
		}
	}
	return nums, texts
}

var hhmm = regexp.MustCompile(`^(([01]\d|2[0-3]):[0-5]\d|24:00)$`)

// parseIntervals reads "09:00-12:00, 13:00-16:00"; ok is false when an
// interval is not two times with the closing after the opening.
func parseIntervals(s string) (slots []any, bad string, ok bool) {
	for _, iv := range strings.Split(s, ",") {
		if iv = strings.TrimSpace(iv); iv == "" {
			continue
		}
		opens, closes, _ := strings.Cut(strings.ReplaceAll(iv, "–", "-"), "-")
		opens, closes = strings.TrimSpace(opens), strings.TrimSpace(closes)
		if !hhmm.MatchString(opens) || !hhmm.MatchString(closes) || closes <= opens {
			return nil, iv, false
		}
		slots = append(slots, map[string]any{"opens": opens, "closes": closes})
	}
	return slots, "", true
}

func intervalsText(list []any) string {
	var parts []string
	for _, x := range list {
		if slot, ok := x.(map[string]any); ok {
			parts = append(parts, fmt.Sprintf("%v-%v", slot["opens"], slot["closes"]))
		}
	}
	return strings.Join(parts, ", ")
}

// --- opening-hour exceptions -------------------------------------------------

// closedWords are the words a line may use for a closed day: "closed"
// and the word of each interface language, so a Swedish publisher can
// write "stängt".
func closedWords() []string {
	words := []string{"closed"}
	for _, l := range content.Languages {
		words = append(words, msg(string(l), "hours.closed.word"))
	}
	return words
}

// exceptionsText is the dated exceptions one a line ("2026-12-24 stängt",
// "2026-12-31 10:00-14:00"), and the notes of each language one a line
// in the same order (an empty line for an exception without one).
func exceptionsText(m map[string]any, p, ui string) (string, map[content.Lang]string) {
	list, _ := get(m, p+".exceptions").([]any)
	var rows []string
	notes := map[content.Lang][]string{}
	for _, x := range list {
		ex, _ := x.(map[string]any)
		row := getString(ex, "date")
		if ex["closed"] == true {
			row += " " + msg(ui, "hours.closed.word")
		}
		if slots, _ := ex["slots"].([]any); len(slots) > 0 {
			row += " " + intervalsText(slots)
		}
		rows = append(rows, row)
		note := textOf(ex, "note")
		for _, l := range content.Languages {
			notes[l] = append(notes[l], note[string(l)])
		}
	}
	out := map[content.Lang]string{}
	for _, l := range content.Languages {
		out[l] = strings.TrimRight(strings.Join(notes[l], "\n"), "\n")
	}
	return strings.Join(rows, "\n"), out
}

// applyExceptions reads the exceptions and their notes into h.
func applyExceptions(form url.Values, h map[string]any, p string, bad lineProblem) {
	name := p + ".exceptions"
	old := map[string]map[string]any{}
	if list, ok := h["exceptions"].([]any); ok {
		for _, x := range list {
			if ex, ok := x.(map[string]any); ok {
				old[getString(ex, "date")] = ex
			}
		}
	}
	nums, texts := numberedLines(formValue(form, name))
	var list []any
	first := map[string]int{}
	for i, line := range texts {
		ex, ok := parseException(line, nums[i], name, bad)
		if !ok {
			continue
		}
		date := ex["date"].(string)
		if _, twice := first[date]; twice {
			bad(name, "lines.twice", atLine(nums[i], date))
			continue
		}
		first[date] = nums[i]
		// A note's languages outside the four stay (the validator names them).
		if prev, ok := old[date]; ok {
			for l, s := range textOf(prev, "note") {
				if !content.Lang(l).Known() {
					setText(ex, "note", l, s)
				}
			}
		}
		list = append(list, ex)
	}
	applyTextLines(form, list, name, "note", "lines.note", bad)
	if len(list) == 0 {
		delete(h, "exceptions")
		return
	}
	h["exceptions"] = list
}

// parseException reads "DATE [closed] [HH:MM-HH:MM, …]". A date alone
// is an exception without times, which the kiosk shows as closed.
func parseException(line string, n int, name string, bad lineProblem) (map[string]any, bool) {
	date, rest, _ := strings.Cut(line, " ")
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		bad(name, "lines.date", atLine(n, date))
		return nil, false
	}
	ex := map[string]any{"date": date}
	rest = strings.TrimSpace(rest)
	for _, w := range closedWords() {
		if word, after, _ := strings.Cut(rest+" ", " "); strings.EqualFold(word, w) {
			ex["closed"] = true
			rest = strings.TrimSpace(after)
			break
		}
	}
	slots, wrong, ok := parseIntervals(rest)
	if !ok {
		bad(name, "lines.interval", atLine(n, wrong))
		return nil, false
	}
	if len(slots) > 0 {
		ex["slots"] = slots
	}
	return ex, true
}

// setText sets one language of a text field of m (an exception's note,
// an override's title), making the field when it is not there yet.
func setText(m map[string]any, field, lang, s string) {
	t, ok := m[field].(map[string]any)
	if !ok {
		t = map[string]any{}
		m[field] = t
	}
	t[lang] = s
}

// applyTextLines gives list entry i the line i of each language's input
// name.field.LANG, as its text field (exception notes, override titles);
// a line with no entry is refused with the problem code.
func applyTextLines(form url.Values, list []any, name, field, problem string, bad lineProblem) {
	for _, l := range content.Languages {
		input := name + "." + field + "." + string(l)
		for i, s := range strings.Split(formValue(form, input), "\n") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if i >= len(list) {
				bad(input, problem, atLine(i+1, s))
				continue
			}
			setText(list[i].(map[string]any), field, string(l), s)
		}
	}
}

// --- an event's excluded and added dates --------------------------------------

// eventClock is the event's zone (Stockholm when it names none, as the
// form's default) and its start as wall-clock time there.
func eventClock(m map[string]any) (loc *time.Location, start time.Time, hasStart bool) {
	name := getString(m, "timeZone")
	if name == "" {
		name = "Europe/Stockholm"
	}
	loc, err := content.LoadZone(name)
	if err != nil {
		return nil, time.Time{}, false
	}
	start, err = time.Parse(time.RFC3339, getString(m, "start"))
	return loc, start.In(loc), err == nil
}

// atStartTime is the start's wall-clock time on day, as the file writes it.
func atStartTime(start time.Time, day time.Time, loc *time.Location) string {
	return time.Date(day.Year(), day.Month(), day.Day(), start.Hour(), start.Minute(), start.Second(), 0, loc).Format(time.RFC3339)
}

// instantText is an instant of the file as the form shows it: its date
// when it is at the event's start time, its date and wall-clock time in
// the event's zone, or as written when neither says it exactly.
func instantText(m map[string]any, s string, dateAlone bool) string {
	loc, start, hasStart := eventClock(m)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || loc == nil {
		return s
	}
	local := t.In(loc)
	if dateAlone && hasStart && atStartTime(start, local, loc) == s {
		return local.Format(time.DateOnly)
	}
	if local.Second() == 0 && local.Format(time.RFC3339) == s {
		return local.Format("2006-01-02 15:04")
	}
	return s
}

// parseInstant reads "YYYY-MM-DD" (at the event's start time, when
// dateAlone), "YYYY-MM-DD HH:MM" in the event's zone, or RFC 3339 kept
// as typed. key names the problem.
func parseInstant(m map[string]any, s string, dateAlone bool) (string, string) {
	loc, start, hasStart := eventClock(m)
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return s, ""
	}
	if loc == nil {
		return "", "lines.zone"
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil && dateAlone {
		if !hasStart {
			return "", "lines.needsStart"
		}
		return atStartTime(start, d, loc), ""
	}
	for _, layout := range []string{"2006-01-02 15:04", localLayout} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.Format(time.RFC3339), ""
		}
	}
	if dateAlone {
		return "", "lines.instant"
	}
	return "", "lines.dateTime"
}

func exdatesText(m map[string]any, p string) string {
	var rows []string
	for _, s := range stringsOf(get(m, p)) {
		rows = append(rows, instantText(m, s, true))
	}
	return strings.Join(rows, "\n")
}

func applyExDates(form url.Values, m map[string]any, p string, bad lineProblem) {
	nums, texts := numberedLines(formValue(form, p))
	var list []string
	first := map[string]int{}
	for i, line := range texts {
		t, problem := parseInstant(m, line, true)
		if problem != "" {
			bad(p, problem, atLine(nums[i], line))
			continue
		}
		if _, twice := first[t]; twice {
			bad(p, "lines.twice", atLine(nums[i], line))
			continue
		}
		first[t] = nums[i]
		list = append(list, t)
	}
	setList(m, p, list)
}

var sameDayPeriod = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}) ?[-–] ?(\d{2}:\d{2})$`)

// rdatesText is the added dates one a line: a start ("2026-05-02",
// "2026-05-02 10:00"), a start and end on one day
// ("2026-05-02 10:00-12:00"), or a start and end joined by "/".
func rdatesText(m map[string]any, p string) string {
	list, _ := get(m, p).([]any)
	var rows []string
	for _, x := range list {
		rd, _ := x.(map[string]any)
		start, end := getString(rd, "start"), getString(rd, "end")
		// The file writes a missing end as the zero time (time.Time is
		// never empty to omitempty); either way the occurrence has none.
		if t, err := time.Parse(time.RFC3339, end); err == nil && t.IsZero() {
			end = ""
		}
		row := instantText(m, start, end == "")
		if end != "" {
			endText := instantText(m, end, false)
			if d, h, ok := strings.Cut(row, " "); ok && strings.HasPrefix(endText, d+" ") && len(h) == 5 {
				row += "-" + strings.TrimPrefix(endText, d+" ")
			} else {
				row += "/" + endText
			}
		}
		rows = append(rows, row)
	}
	return strings.Join(rows, "\n")
}

func applyRDates(form url.Values, m map[string]any, p string, bad lineProblem) {
	nums, texts := numberedLines(formValue(form, p))
	var list []any
	for i, line := range texts {
		startText, endText, period := strings.Cut(line, "/")
		if g := sameDayPeriod.FindStringSubmatch(line); g != nil {
			startText, endText, period = g[1]+" "+g[2], g[1]+" "+g[3], true
		}
		start, problem := parseInstant(m, strings.TrimSpace(startText), !period)
		if problem != "" {
			bad(p, problem, atLine(nums[i], strings.TrimSpace(startText)))
			continue
		}
		rd := map[string]any{"start": start}
		if period {
			end, problem := parseInstant(m, strings.TrimSpace(endText), false)
			if problem != "" {
				bad(p, problem, atLine(nums[i], strings.TrimSpace(endText)))
				continue
			}
			rd["end"] = end
		}
		list = append(list, rd)
	}
	if len(list) == 0 {
		set(m, p, nil)
		return
	}
	set(m, p, list)
}
