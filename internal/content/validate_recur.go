package content

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// recurrence checks an event's rule and exceptions against the limits in
// recur.go. It runs on the publisher (validate, build) and on the kiosk
// for every shard it applies, so a hostile rule never reaches the index.
func (c checker) recurrence(e *Event) {
	if e.RRule != "" {
		c.rule(e)
	}
	for field, n := range map[string]int{"exdates": len(e.ExDates), "rdates": len(e.RDates), "overrides": len(e.Overrides)} {
		if n > MaxExceptions {
			c.add(field, "has %d entries; at most %d are allowed", n, MaxExceptions)
		}
	}
	for i, t := range e.ExDates {
		if t.IsZero() {
			c.add(fmt.Sprintf("exdates[%d]", i), "is not a time")
		}
	}
	for i, rd := range e.RDates {
		f := fmt.Sprintf("rdates[%d]", i)
		if rd.Start.IsZero() {
			c.add(f+".start", "is required")
		}
		if !rd.End.IsZero() && rd.End.Before(rd.Start) {
			c.add(f+".end", "%s is before start %s", rd.End.Format(time.RFC3339), rd.Start.Format(time.RFC3339))
		}
	}
	for i := range e.Overrides {
		c.override(fmt.Sprintf("overrides[%d]", i), &e.Overrides[i])
	}
}

func (c checker) rule(e *Event) {
	opt, err := ParseRRule(e.RRule)
	if err != nil {
		c.add("rrule", "%v", err)
		return
	}
	if opt.Freq > FinestFrequency {
		c.add("rrule", "FREQ=%s repeats more often than hourly; the finest allowed is FREQ=HOURLY", opt.Freq)
		return
	}
	if opt.Count > MaxRuleCount {
		c.add("rrule", "COUNT=%d is more than %d occurrences", opt.Count, MaxRuleCount)
		return
	}
	if e.Start.IsZero() {
		return
	}
	start := e.Start.In(e.zone())
	n := len(ruleStarts(*opt, start, start, start.Add(RuleHorizon), MaxRuleStarts+1))
	if n > MaxRuleStarts {
		c.add("rrule", "gives more than %d starts in its first two years; split it into events that recur less often", MaxRuleStarts)
	}
	// A rule that never matches (BYMONTH=2;BYMONTHDAY=30) would make every
	// walk search to the year 9999; a leap day is at most four years off.
	if n == 0 && len(ruleStarts(*opt, start, start, start.AddDate(4, 0, 2), 1)) == 0 {
		c.add("rrule", "gives no start in the four years after start")
	}
}

func (c checker) override(f string, o *Override) {
	if o.RecurrenceID.IsZero() {
		c.add(f+".recurrenceId", "is required (the start of the occurrence it changes)")
	}
	if !o.End.IsZero() && !o.Start.IsZero() && o.End.Before(o.Start) {
		c.add(f+".end", "%s is before start %s", o.End.Format(time.RFC3339), o.Start.Format(time.RFC3339))
	}
	c.text(f+".title", o.Title, false)
	c.text(f+".description", o.Description, false)
	if o.Place != nil {
		c.text(f+".place.name", o.Place.Name, false)
		c.geo(f+".place.geo", o.Place.Geo)
	}
	c.webURL(f+".onlineUrl", o.OnlineURL)
}

var (
	textType = reflect.TypeFor[Text]()
	timeType = reflect.TypeFor[time.Time]()
)

// hasReplacement reports whether any string in v holds U+FFFD or is not
// UTF-8 (which encoding/json would turn into U+FFFD).
func hasReplacement(v reflect.Value) bool {
	switch v.Type() {
	case textType: // most of an item, read without reflection
		for _, s := range v.Interface().(Text) {
			if badText(s) {
				return true
			}
		}
		return false
	case timeType:
		return false
	}
	switch v.Kind() {
	case reflect.String:
		return badText(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && hasReplacement(v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			// Only the item's own fields: not the insides of a time.Time.
			if t.Field(i).IsExported() && hasReplacement(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if hasReplacement(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if hasReplacement(it.Key()) || hasReplacement(it.Value()) {
				return true
			}
		}
	}
	return false
}

func badText(s string) bool {
	// Contains on the encoded rune is a byte search; ContainsRune with
	// RuneError would decode every rune.
	return strings.Contains(s, "\uFFFD") || !utf8.ValidString(s)
}

// replacementChars finds U+FFFD in any text of an item: it stands for
// bytes a converter could not read (a Latin-1 file read as UTF-8), and a
// reader would see "�" in place of a letter.
func replacementChars(kind Kind, id string, item any) Problems {
	if !hasReplacement(reflect.ValueOf(item)) {
		return nil // the common case, without encoding the item
	}
	data, err := json.Marshal(item)
	if err != nil {
		return nil
	}
	var tree any
	if json.Unmarshal(data, &tree) != nil {
		return nil
	}
	var out Problems
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case string:
			if strings.ContainsRune(v, '\uFFFD') {
				out = append(out, Problem{kind, id, path, "contains U+FFFD (�), a character the text was read wrongly as: convert the source to UTF-8"})
			}
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(strings.TrimPrefix(path+"."+k, "."), v[k])
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", tree)
	return out
}
