package editor

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// Weekdays as the format writes them, in the order the form shows them.
var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// localLayout is what <input type="datetime-local"> sends.
const localLayout = "2006-01-02T15:04"

// formZone is the time zone the form names, or Stockholm's when it names
// none: the zone the fund's meeting places are in.
func formZone(form url.Values) (*time.Location, string) {
	name := oneLine(form, "timeZone")
	if name == "" {
		name = "Europe/Stockholm"
	}
	loc, err := content.LoadZone(name)
	if err != nil {
		return nil, name
	}
	return loc, name
}

// applyDateTime reads a wall-clock time in the item's zone and writes the
// instant as RFC 3339 with the offset in force then, as the format wants.
func applyDateTime(form url.Values, m map[string]any, p string, bad lineProblem) {
	s := oneLine(form, p)
	if s == "" {
		set(m, p, nil)
		return
	}
	loc, name := formZone(form)
	if loc == nil {
		bad(p, "value.zone", map[string]any{"Text": name})
		return
	}
	t, err := time.ParseInLocation(localLayout, s, loc)
	if err != nil {
		t, err = time.ParseInLocation(localLayout+":05", s, loc)
	}
	if err != nil {
		if t, err = time.ParseInLocation(time.DateOnly, s, loc); err != nil {
			bad(p, "value.dateTime", map[string]any{"Text": s})
			return
		}
	}
	set(m, p, t.Format(time.RFC3339))
}

// localTime is the item's instant at path as wall-clock time in its zone,
// for the form.
func localTime(m map[string]any, p string) string {
	s := getString(m, p)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	if loc, err := content.LoadZone(getString(m, "timeZone")); err == nil {
		t = t.In(loc)
	}
	if t.Second() != 0 {
		return t.Format(localLayout + ":05")
	}
	return t.Format(localLayout)
}

// Recurrence presets. A rule the presets do not describe stays as
// written, in the "custom" input.
const (
	ruleNone    = "none"
	ruleWeekly  = "weekly"
	ruleMonthly = "monthly"
	ruleCustom  = "custom"
)

var untilPart = regexp.MustCompile(`^(.*);UNTIL=(\d{8})T235959Z$`)
var countPart = regexp.MustCompile(`^(.*);COUNT=([1-9]\d*)$`)
var monthlyRule = regexp.MustCompile(`^FREQ=MONTHLY;BYDAY=(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$`)

// rulePreset splits a rule into its preset and its end: a last date or
// a number of times (RFC 5545 allows one of them, not both).
func rulePreset(rule string) (preset, until, count string) {
	if rule == "" {
		return ruleNone, "", ""
	}
	body := rule
	if m := untilPart.FindStringSubmatch(rule); m != nil {
		body = m[1]
		until = m[2][:4] + "-" + m[2][4:6] + "-" + m[2][6:]
	} else if m := countPart.FindStringSubmatch(rule); m != nil {
		body, count = m[1], m[2]
	}
	switch {
	case body == "FREQ=WEEKLY":
		return ruleWeekly, until, count
	case monthlyRule.MatchString(body):
		return ruleMonthly, until, count
	}
	return ruleCustom, "", ""
}

var ruleDays = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// monthlyByDay is "the same weekday of the month" as the start: the 2nd
// Tuesday, or the last Friday when the start is in the month's last week
// (a 5th Friday does not exist every month).
func monthlyByDay(start time.Time) string {
	n := (start.Day()-1)/7 + 1
	nth := fmt.Sprint(n)
	if n >= 5 || start.AddDate(0, 0, 7).Month() != start.Month() && n == 4 {
		nth = "-1"
	}
	return "FREQ=MONTHLY;BYDAY=" + nth + ruleDays[start.Weekday()]
}

func applyRRule(form url.Values, m map[string]any, p string, bad, badLine lineProblem) {
	preset := oneLine(form, p+".preset")
	until, count := oneLine(form, p+".until"), oneLine(form, p+".count")
	var rule string
	switch preset {
	case "", ruleNone:
		set(m, p, nil)
		return
	case ruleWeekly:
		rule = "FREQ=WEEKLY"
	case ruleMonthly:
		start, err := time.Parse(time.RFC3339, getString(m, "start"))
		if err != nil {
			bad(p, "value.monthlyNeedsStart", nil)
			return
		}
		if loc, err := content.LoadZone(getString(m, "timeZone")); err == nil {
			start = start.In(loc)
		}
		rule = monthlyByDay(start)
	case ruleCustom:
		setString(m, p, strings.TrimPrefix(oneLine(form, p+".custom"), "RRULE:"))
		return
	default:
		bad(p, "value.preset", map[string]any{"Text": preset})
		return
	}
	switch {
	case until != "" && count != "":
		badLine(p+".count", "rule.endTwice", nil)
		return
	case until != "":
		d, err := time.Parse(time.DateOnly, until)
		if err != nil {
			bad(p+".until", "value.date", map[string]any{"Text": until})
			return
		}
		rule += ";UNTIL=" + d.Format("20060102") + "T235959Z"
	case count != "":
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 || n > content.MaxRuleCount {
			badLine(p+".count", "rule.countBad", map[string]any{"Text": count, "Max": content.MaxRuleCount})
			return
		}
		rule += ";COUNT=" + strconv.Itoa(n)
	}
	set(m, p, rule)
}

// Opening-hours modes.
const (
	hoursUnknown = "unknown"
	hoursAlways  = "always"
	hoursWeekly  = "weekly"
)

func hoursMode(m map[string]any, p string) string {
	h, ok := get(m, p).(map[string]any)
	switch {
	case !ok:
		return hoursUnknown
	case h["alwaysOpen"] == true:
		return hoursAlways
	}
	return hoursWeekly
}

// dayIntervals is a day's opening times as the form shows them:
// "09:00-12:00, 13:00-16:00".
func dayIntervals(m map[string]any, p, day string) string {
	list, _ := get(m, p+".weekly."+day).([]any)
	var parts []string
	for _, x := range list {
		if slot, ok := x.(map[string]any); ok {
			parts = append(parts, fmt.Sprintf("%v-%v", slot["opens"], slot["closes"]))
		}
	}
	return strings.Join(parts, ", ")
}

// applyHours writes the mode, the weekly intervals, the dated exceptions
// and the note. The weekly times are passed on as typed; the validator
// names a bad one by its day and place ("hours.weekly.mon[1].closes").
func applyHours(form url.Values, m map[string]any, p string, badLine lineProblem) {
	mode := oneLine(form, p+".mode")
	if mode == "" || mode == hoursUnknown {
		set(m, p, nil)
		return
	}
	h, ok := get(m, p).(map[string]any)
	if !ok {
		h = map[string]any{}
	}
	delete(h, "alwaysOpen")
	delete(h, "weekly")
	if mode == hoursAlways {
		h["alwaysOpen"] = true
	} else {
		weekly := map[string]any{}
		for _, day := range weekdays {
			var slots []any
			for _, iv := range strings.Split(oneLine(form, p+".weekly."+day), ",") {
				if iv = strings.TrimSpace(iv); iv == "" {
					continue
				}
				opens, closes, _ := strings.Cut(strings.ReplaceAll(iv, "–", "-"), "-")
				slots = append(slots, map[string]any{"opens": strings.TrimSpace(opens), "closes": strings.TrimSpace(closes)})
			}
			if len(slots) > 0 {
				weekly[day] = slots
			}
		}
		if len(weekly) > 0 {
			h["weekly"] = weekly
		}
	}
	applyExceptions(form, h, p, badLine)
	set(m, p, h)
	applyText(form, m, p+".note", true)
}
