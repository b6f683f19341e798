package editor

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// An event's changed occurrences (overrides, RECURRENCE-ID) are edited
// as lines like its excluded and added dates, one occurrence a line:
//
//	2026-04-21 inställt                 that occurrence is cancelled
//	2026-04-28 → 2026-04-29 18:00       moved (its length kept)
//	2026-05-05 → 2026-05-05 18:00-20:00 moved, with its own end
//	2026-05-12                          not moved: only its title differs
//
// The occurrence is named as an exdate is ("2026-04-21" at the event's
// start time, or with a time of its own); "->" may stand for "→", and
// "cancelled" or the interface language's word for the cancelled one. The
// titles of the occurrences are one a line in each language, in the same
// order. What the lines do not say (a description, a place or link of the
// occurrence's own) stays as the file has it, found by the occurrence.

// cancelledWords are the words a line may use for a cancelled occurrence.
func cancelledWords() []string {
	words := []string{"cancelled", "canceled"}
	for _, l := range content.Languages {
		words = append(words, msg(string(l), "overrides.cancelled.word"))
	}
	return words
}

// zeroTime reports a time the file writes for "none" (a zero time.Time
// is never left out by encoding/json) or no time at all.
func zeroTime(s string) bool {
	t, err := time.Parse(time.RFC3339, s)
	return s == "" || (err == nil && t.IsZero())
}

// overridesText is the overrides one a line, and their titles in each
// language one a line in the same order.
func overridesText(m map[string]any, p, ui string) (string, map[content.Lang]string) {
	list, _ := get(m, p).([]any)
	var rows []string
	titles := map[content.Lang][]string{}
	for _, x := range list {
		o, _ := x.(map[string]any)
		row := instantText(m, getString(o, "recurrenceId"), true)
		if o["cancelled"] == true {
			row += " " + msg(ui, "overrides.cancelled.word")
		}
		start, end := getString(o, "start"), getString(o, "end")
		switch {
		case !zeroTime(start):
			to := instantText(m, start, zeroTime(end))
			if !zeroTime(end) {
				endText := instantText(m, end, false)
				if d, h, ok := strings.Cut(to, " "); ok && strings.HasPrefix(endText, d+" ") && len(h) == 5 {
					to += "-" + strings.TrimPrefix(endText, d+" ")
				} else {
					to += "/" + endText
				}
			}
			row += " → " + to
		case !zeroTime(end):
			row += " → /" + instantText(m, end, false)
		}
		rows = append(rows, row)
		title := textOf(o, "title")
		for _, l := range content.Languages {
			titles[l] = append(titles[l], title[string(l)])
		}
	}
	out := map[content.Lang]string{}
	for _, l := range content.Languages {
		out[l] = strings.TrimRight(strings.Join(titles[l], "\n"), "\n")
	}
	return strings.Join(rows, "\n"), out
}

// sameInstant compares two RFC 3339 times as instants.
func sameInstant(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339, a)
	tb, errB := time.Parse(time.RFC3339, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}

// applyOverrides reads the lines and titles into the event's overrides.
func applyOverrides(form url.Values, m map[string]any, p string, bad lineProblem) {
	old, _ := get(m, p).([]any)
	nums, texts := numberedLines(formValue(form, p))
	var list []any
	var ids []string
	for i, line := range texts {
		o, ok := parseOverride(m, line, nums[i], p, bad)
		if !ok {
			continue
		}
		id := o["recurrenceId"].(string)
		twice := false
		for _, seen := range ids {
			twice = twice || sameInstant(seen, id)
		}
		if twice {
			bad(p, "lines.twice", atLine(nums[i], line))
			continue
		}
		if !isOccurrence(m, id) {
			bad(p, "overrides.notOccurrence", atLine(nums[i], strings.Fields(line)[0]))
			continue
		}
		ids = append(ids, id)
		keepUnshown(o, old, id)
		list = append(list, o)
	}
	applyTextLines(form, list, p, "title", "overrides.titleLine", bad)
	if len(list) == 0 {
		set(m, p, nil)
		return
	}
	set(m, p, list)
}

// keepUnshown copies from the file's override of the same occurrence what
// the lines do not show: description, place, link, and title languages
// outside the four.
func keepUnshown(o map[string]any, old []any, id string) {
	for _, x := range old {
		prev, _ := x.(map[string]any)
		if prev == nil || !sameInstant(getString(prev, "recurrenceId"), id) {
			continue
		}
		for _, key := range []string{"description", "place", "onlineUrl"} {
			if v, ok := prev[key]; ok {
				o[key] = v
			}
		}
		for l, s := range textOf(prev, "title") {
			if !content.Lang(l).Known() {
				setText(o, "title", l, s)
			}
		}
		return
	}
}

// parseOverride reads "OCCURRENCE [cancelled] [→ START[-HH:MM | /END] | → /END]".
func parseOverride(m map[string]any, line string, n int, name string, bad lineProblem) (map[string]any, bool) {
	line = strings.ReplaceAll(line, "->", "→")
	head, move, moved := strings.Cut(line, "→")
	head, move = strings.TrimSpace(head), strings.TrimSpace(move)
	o := map[string]any{}
	if f := strings.Fields(head); len(f) > 1 {
		for _, w := range cancelledWords() {
			if strings.EqualFold(f[len(f)-1], w) {
				o["cancelled"] = true
				head = strings.TrimSpace(strings.TrimSuffix(head, f[len(f)-1]))
				break
			}
		}
	}
	id, problem := parseInstant(m, head, true)
	if problem != "" {
		bad(name, problem, atLine(n, head))
		return nil, false
	}
	o["recurrenceId"] = id
	if !moved {
		return o, true
	}
	if move == "" {
		bad(name, "overrides.moveTo", atLine(n, line))
		return nil, false
	}
	if o["cancelled"] == true {
		bad(name, "overrides.cancelledMoved", atLine(n, line))
		return nil, false
	}
	startText, endText, period := strings.Cut(move, "/")
	if g := sameDayPeriod.FindStringSubmatch(move); g != nil {
		startText, endText, period = g[1]+" "+g[2], g[1]+" "+g[3], true
	}
	startText, endText = strings.TrimSpace(startText), strings.TrimSpace(endText)
	if startText != "" {
		start, problem := parseInstant(m, startText, !period)
		if problem != "" {
			bad(name, problem, atLine(n, startText))
			return nil, false
		}
		o["start"] = start
	}
	if period {
		end, problem := parseInstant(m, endText, false)
		if problem != "" {
			bad(name, problem, atLine(n, endText))
			return nil, false
		}
		o["end"] = end
	}
	return o, true
}

// isOccurrence reports whether the event, as the form now has it, has an
// occurrence starting at id (from its start, rule or extra dates): an
// override of another time would add an occurrence rather than change one.
// When the event cannot be read yet (no start, a bad rule), the validator
// has the say.
func isOccurrence(m map[string]any, id string) bool {
	t, err := time.Parse(time.RFC3339, id)
	data, merr := json.Marshal(m)
	var e content.Event
	if err != nil || merr != nil || json.Unmarshal(data, &e) != nil || e.Start.IsZero() {
		return true
	}
	if e.RRule != "" {
		if _, err := content.ParseRRule(e.RRule); err != nil {
			return true
		}
	}
	e.Overrides, e.ExDates, e.Cancelled = nil, nil, false
	ins := e.Instances(t, t.Add(time.Second), 1)
	return len(ins) == 1 && ins[0].Start.Equal(t)
}
