package takeaway

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/content"
)

// maxLineOctets is the longest content line iCalendar (RFC 5545 §3.1) and
// vCard (RFC 2426 §2.6) allow before it must be folded, line break excluded.
const maxLineOctets = 75

// lines collects content lines, folded and ended with CRLF as both
// formats require.
type lines struct{ buf bytes.Buffer }

// add appends one content line, "NAME;PARAM=x:value", folded.
func (l *lines) add(line string) { l.buf.WriteString(fold(line)) }

// text appends a property whose value is free text, escaped; an empty
// value is left out, since an empty SUMMARY or NOTE only adds bytes.
func (l *lines) text(name, value string) {
	if value != "" {
		l.add(name + ":" + escapeText(value))
	}
}

// bytes returns what was collected.
func (l *lines) bytes() []byte { return l.buf.Bytes() }

// fold cuts a content line into pieces of at most 75 octets, each
// continuation starting with one space (which counts toward its 75), and
// ends it with CRLF. It cuts only where a UTF-8 character starts: a reader
// unfolds by deleting "CRLF space", and a split character would come back
// whole in theory but breaks readers that decode each physical line.
func fold(line string) string {
	var b strings.Builder
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// textEscaper escapes a TEXT value (RFC 5545 §3.3.11, RFC 2426 §4): the
// backslash first so that the escapes it adds are not escaped again (the
// replacer never rescans its own output), then ; , and every kind of line
// break as \n.
var textEscaper = strings.NewReplacer(
	`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// escapeText escapes s for a TEXT value and drops control characters other
// than tab and line breaks, which neither format allows in a value.
func escapeText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return textEscaper.Replace(s)
}

// paramValue quotes a parameter value when it holds a character that would
// end the parameter (RFC 5545 §3.2); quotes themselves are not allowed and
// are dropped.
func paramValue(s string) string {
	s = strings.ReplaceAll(s, `"`, "")
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// coordinate formats a latitude or longitude with at most six decimals
// (about 10 cm): more only makes the QR code denser.
func coordinate(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}

// GeoURI returns the RFC 5870 geo: URI of a position, such as
// "geo:59.2753,15.2134". A phone opens it in its map app, so a screen can
// show it as a QR code with LinkQR.
func GeoURI(g content.Geo) string {
	return "geo:" + coordinate(g.Lat) + "," + coordinate(g.Lon)
}

// trimText shortens s to at most limit bytes, never inside a UTF-8
// character, and marks the cut with an ellipsis (counted in limit). It cuts
// after the last whole sentence when one ends in the second half, else
// after the last whole word there, so a text without spaces still keeps
// most of itself.
func trimText(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	const ellipsis = "…"
	room := limit - len(ellipsis)
	if room <= 0 {
		return ""
	}
	for room > 0 && !utf8.RuneStart(s[room]) {
		room--
	}
	cut := s[:room]
	// A sentence end keeps its space before the ellipsis.
	if i := lastSentenceEnd(cut[:max(room-1, 0)]); i > len(cut)/2 {
		return cut[:i] + " " + ellipsis
	}
	wordEnds := strings.ContainsRune(" \n\t", rune(s[room]))
	if i := strings.LastIndexAny(cut, " \n\t"); !wordEnds && i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " \n\t,;:–—-،") + ellipsis
}

// lastSentenceEnd is the index just after the last full stop, question or
// exclamation mark (Latin or Arabic) that is followed by a space, or -1.
func lastSentenceEnd(s string) int {
	best := -1
	for _, mark := range []string{". ", "? ", "! ", "؟ ", "… "} {
		if i := strings.LastIndex(s, mark); i >= 0 && i+len(mark)-1 > best {
			best = i + len(mark) - 1
		}
	}
	return best
}
