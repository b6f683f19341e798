package importer

import (
	"fmt"
	"strings"
)

// A tolerant RFC 5545 reader. golang-ical stops at the first line it
// cannot read and does not say where anything was; here a bad line spoils
// only the component it is in, every component knows its line, and text
// outside any component (after END:VCALENDAR, or a bare VEVENT file) is
// kept apart rather than refused.

// icalProp is one content line (RFC 5545 §3.1), unfolded.
type icalProp struct {
	Name   string // upper case
	Params map[string][]string
	Value  string
	Line   int // where it starts in the file, from 1
}

// param is the first value of a parameter, "" when absent.
func (p *icalProp) param(name string) string {
	if p == nil {
		return ""
	}
	if v := p.Params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// icalComp is a component: BEGIN:NAME … END:NAME.
type icalComp struct {
	Name  string
	Line  int
	Props []*icalProp
	Comps []*icalComp
	// Bad says what spoils the component (a line that is not a content
	// line, a missing END), naming the line; "" when it is whole.
	Bad string
}

func (c *icalComp) prop(name string) *icalProp {
	for _, p := range c.Props {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (c *icalComp) props(name string) []*icalProp {
	var out []*icalProp
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

func (c *icalComp) value(name string) string {
	if p := c.prop(name); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}

func (c *icalComp) children(name string) []*icalComp {
	var out []*icalComp
	for _, k := range c.Comps {
		if k.Name == name {
			out = append(out, k)
		}
	}
	return out
}

// spoil marks c bad, keeping the first reason.
func (c *icalComp) spoil(format string, args ...any) {
	if c.Bad == "" {
		c.Bad = fmt.Sprintf(format, args...)
	}
}

// icalFile is what parseICal found: the top-level components in order
// (VCALENDARs, or VEVENTs of a bare file) and notes about text it passed
// over, each naming its line.
type icalFile struct {
	Roots []*icalComp
	Notes []string
}

// maxICalDepth bounds nesting, so a hostile file cannot make a deep tree.
const maxICalDepth = 8

// parseICal reads iCalendar text. It never fails: what it cannot read it
// marks (icalComp.Bad) or notes.
func parseICal(text string) icalFile {
	var f icalFile
	var stack []*icalComp
	for _, ln := range unfoldLines(text) {
		if strings.TrimSpace(ln.text) == "" {
			continue
		}
		p, err := parseContentLine(ln.text)
		if err != nil {
			if len(stack) > 0 {
				stack[len(stack)-1].spoil("line %d: %v", ln.number, err)
			} else {
				f.Notes = append(f.Notes, fmt.Sprintf("line %d: outside any component and not a content line; ignored", ln.number))
			}
			continue
		}
		p.Line = ln.number
		switch p.Name {
		case "BEGIN":
			c := &icalComp{Name: strings.ToUpper(strings.TrimSpace(p.Value)), Line: ln.number}
			if len(stack) == maxICalDepth {
				stack[len(stack)-1].spoil("line %d: components nested more than %d deep", ln.number, maxICalDepth)
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Comps = append(parent.Comps, c)
			} else {
				f.Roots = append(f.Roots, c)
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			i := len(stack) - 1
			for i >= 0 && stack[i].Name != name {
				i--
			}
			if i < 0 {
				f.Notes = append(f.Notes, fmt.Sprintf("line %d: END:%s without its BEGIN; ignored", ln.number, name))
				continue
			}
			// Components left open inside the one that ends are cut short.
			for _, open := range stack[i+1:] {
				open.spoil("line %d: BEGIN:%s has no END:%s before line %d", open.Line, open.Name, open.Name, ln.number)
			}
			stack = stack[:i]
		default:
			if len(stack) == 0 {
				f.Notes = append(f.Notes, fmt.Sprintf("line %d: %s outside any component; ignored", ln.number, p.Name))
				continue
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	for _, open := range stack {
		open.spoil("line %d: BEGIN:%s has no END:%s before the end of the file", open.Line, open.Name, open.Name)
	}
	return f
}

type numberedLine struct {
	text   string
	number int
}

// unfoldLines joins folded lines (a line that starts with a space or tab
// continues the one before, RFC 5545 §3.1), keeping where each began.
func unfoldLines(text string) []numberedLine {
	var out []numberedLine
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if (strings.HasPrefix(raw, " ") || strings.HasPrefix(raw, "\t")) && len(out) > 0 {
			out[len(out)-1].text += raw[1:]
			continue
		}
		out = append(out, numberedLine{raw, i + 1})
	}
	return out
}

// parseContentLine splits name *(";" param) ":" value. Parameter values
// may be quoted, and then hold ':' ';' and ','.
func parseContentLine(s string) (*icalProp, error) {
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return nil, fmt.Errorf("%q is not a content line (no property name)", clip(s))
	}
	p := &icalProp{Name: strings.ToUpper(s[:i])}
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return nil, fmt.Errorf("%s: a parameter is not NAME=value", p.Name)
		}
		name := strings.ToUpper(s[i:j])
		i = j + 1
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("%s: parameter %s has an unclosed quote", p.Name, name)
				}
				v, i = s[i+1:i+1+end], i+end+2
			} else {
				j := i
				for j < len(s) && s[j] != ';' && s[j] != ':' && s[j] != ',' {
					j++
				}
				v, i = s[i:j], j
			}
			if p.Params == nil {
				p.Params = map[string][]string{}
			}
			p.Params[name] = append(p.Params[name], v)
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
	}
	if i >= len(s) || s[i] != ':' {
		return nil, fmt.Errorf("%q is not a content line (NAME:value)", clip(s))
	}
	p.Value = s[i+1:]
	return p, nil
}

func isNameChar(b byte) bool {
	return b == '-' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// clip shortens a line for a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// unescapeText undoes RFC 5545 §3.3.11 TEXT escapes: \n \N \, \; \\.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
