// Package xliff writes and reads the XLIFF 1.2 files translators exchange
// with the fund (docs/editing.md): one <file> per item, one <trans-unit>
// per text to translate, Swedish the source. Markdown structure is kept
// out of the translator's hands as <ph> codes (markdown.go). XLIFF 1.2,
// not 2.x, because it is the version every mainstream tool reads and
// writes back: memoQ, Trados Studio, OmegaT (through Okapi's filter, which
// is 1.2), Weblate (2.0 only since 5.15, marked as in development) and
// Crowdin.
package xliff

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Namespace and Version of the files written and read.
const (
	Namespace = "urn:oasis:names:tc:xliff:document:1.2"
	Version   = "1.2"
)

// Document is one exchange file: texts from SourceLang to TargetLang.
type Document struct {
	SourceLang, TargetLang string
	Files                  []File
}

// File holds the units of one item; Original names its source file.
type File struct {
	Original string
	Units    []Unit
}

// Unit is one text to translate.
type Unit struct {
	ID     string
	Note   string
	Source []Piece
	Target []Piece // nil: no <target>
	State  string  // the target's state: needs-translation, needs-review-translation, translated …
}

// Write encodes d as XLIFF 1.2.
func (d *Document) Write(w io.Writer) error {
	var b strings.Builder
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff version=%q xmlns=%q>\n", Version, Namespace)
	for _, f := range d.Files {
		fmt.Fprintf(&b, "<file original=%s source-language=%s target-language=%s datatype=\"plaintext\">\n<body>\n",
			attr(f.Original), attr(d.SourceLang), attr(d.TargetLang))
		for _, u := range f.Units {
			fmt.Fprintf(&b, "<trans-unit id=%s xml:space=\"preserve\">\n<source xml:lang=%s>", attr(u.ID), attr(d.SourceLang))
			writePieces(&b, u.Source)
			b.WriteString("</source>\n")
			if u.Target != nil {
				fmt.Fprintf(&b, "<target xml:lang=%s", attr(d.TargetLang))
				if u.State != "" {
					fmt.Fprintf(&b, " state=%s", attr(u.State))
				}
				b.WriteString(">")
				writePieces(&b, u.Target)
				b.WriteString("</target>\n")
			}
			if u.Note != "" {
				b.WriteString("<note>")
				xml.EscapeText(&b, []byte(u.Note))
				b.WriteString("</note>\n")
			}
			b.WriteString("</trans-unit>\n")
		}
		b.WriteString("</body>\n</file>\n")
	}
	b.WriteString("</xliff>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

type escaper interface {
	io.Writer
	io.StringWriter
}

func attr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(s))
	b.WriteByte('"')
	return b.String()
}

func writePieces(b escaper, pieces []Piece) {
	for _, p := range pieces {
		if !p.IsCode() {
			xml.EscapeText(b, []byte(p.Text))
			continue
		}
		fmt.Fprintf(b, "<ph id=\"%d\" ctype=%s>", p.ID, attr(ctype(p.Code)))
		xml.EscapeText(b, []byte(p.Code))
		b.WriteString("</ph>")
	}
}

// ctype says what a code is, for tools that show it: a line break, or
// Markdown.
func ctype(code string) string {
	if strings.Trim(code, "\n\\") == "" {
		return "lb"
	}
	return "x-markdown"
}

// Read decodes an XLIFF 1.2 document. It refuses another version, and
// inline elements other than <ph> (and <mrk>, whose content it reads, as
// Trados marks segments with it).
func Read(r io.Reader) (*Document, error) {
	dec := xml.NewDecoder(r)
	d := &Document{}
	var file *File
	var unit *Unit
	sawRoot := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, lineError(dec, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "trans-unit" && unit != nil {
				file.Units = append(file.Units, *unit)
				unit = nil
			}
			continue
		}
		switch start.Name.Local {
		case "xliff":
			if v := attrOf(start, "version"); v != Version {
				return nil, fmt.Errorf("this is XLIFF %q; the editor reads XLIFF 1.2 (export the file from your tool as XLIFF 1.2)", v)
			}
			sawRoot = true
		case "file":
			if !sawRoot {
				return nil, errors.New("not an XLIFF file: no <xliff> element")
			}
			src, tgt := attrOf(start, "source-language"), attrOf(start, "target-language")
			if d.SourceLang == "" && len(d.Files) == 0 {
				d.SourceLang, d.TargetLang = src, tgt
			} else if src != d.SourceLang || tgt != d.TargetLang {
				return nil, fmt.Errorf("<file original=%q> is %s → %s, the file before it %s → %s: one file holds one language pair",
					attrOf(start, "original"), src, tgt, d.SourceLang, d.TargetLang)
			}
			d.Files = append(d.Files, File{Original: attrOf(start, "original")})
			file = &d.Files[len(d.Files)-1]
		case "trans-unit":
			if file == nil {
				return nil, lineError(dec, errors.New("<trans-unit> outside a <file>"))
			}
			unit = &Unit{ID: attrOf(start, "id")}
		case "source", "target":
			if unit == nil {
				continue // <source> in <alt-trans> of another unit, or a header
			}
			lang := attrOf(start, "lang")
			pieces, err := readPieces(dec, start.Name.Local, unit.ID)
			if err != nil {
				return nil, err
			}
			if start.Name.Local == "source" {
				unit.Source = pieces
				if lang != "" && !SameLanguage(lang, d.SourceLang) {
					return nil, fmt.Errorf("unit %s: the source is in %q, the file's source language is %q", unit.ID, lang, d.SourceLang)
				}
			} else {
				if pieces == nil {
					pieces = []Piece{}
				}
				unit.Target, unit.State = pieces, attrOf(start, "state")
				if lang != "" && !SameLanguage(lang, d.TargetLang) {
					return nil, fmt.Errorf("unit %s: the target is in %q, the file's target language is %q", unit.ID, lang, d.TargetLang)
				}
			}
		case "alt-trans":
			if err := dec.Skip(); err != nil { // earlier translations a tool offers: not ours to read
				return nil, lineError(dec, err)
			}
		case "note":
			if unit != nil {
				var note string
				if err := dec.DecodeElement(&note, &start); err != nil {
					return nil, lineError(dec, err)
				}
				unit.Note = note
			}
		}
	}
	if !sawRoot {
		return nil, errors.New("not an XLIFF file: no <xliff> element")
	}
	return d, nil
}

// readPieces reads a <source> or <target>'s mixed content up to its end.
func readPieces(dec *xml.Decoder, element, unit string) ([]Piece, error) {
	var pieces []Piece
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, lineError(dec, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if n := len(pieces); n > 0 && !pieces[n-1].IsCode() {
				pieces[n-1].Text += string(t)
			} else {
				pieces = append(pieces, Piece{Text: string(t)})
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "mrk":
				depth++
			case "ph":
				id, err := strconv.Atoi(attrOf(t, "id"))
				if err != nil || id < 1 {
					return nil, fmt.Errorf("unit %s: <ph id=%q> in the %s: the codes are numbered from 1 as exported", unit, attrOf(t, "id"), element)
				}
				var code string
				if err := dec.DecodeElement(&code, &t); err != nil {
					return nil, lineError(dec, err)
				}
				pieces = append(pieces, Piece{ID: id, Code: code})
			default:
				return nil, fmt.Errorf("unit %s: <%s> in the %s: only the exported <ph> codes may be in a text (the Markdown around them is kept by the editor)", unit, t.Name.Local, element)
			}
		case xml.EndElement:
			if t.Name.Local == "mrk" && depth > 0 {
				depth--
				continue
			}
			return pieces, nil
		}
	}
}

func attrOf(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func lineError(dec *xml.Decoder, err error) error {
	line, _ := dec.InputPos()
	return fmt.Errorf("line %d: %w", line, err)
}

// SameLanguage compares language tags by their first subtag: a tool may
// write uk-UA for uk.
func SameLanguage(a, b string) bool {
	return strings.EqualFold(Primary(a), Primary(b))
}

// Primary is a tag's language subtag, lower case: "uk" for "uk-UA".
func Primary(tag string) string {
	tag, _, _ = strings.Cut(tag, "-")
	tag, _, _ = strings.Cut(tag, "_")
	return strings.ToLower(tag)
}

// Translate puts a unit's target back together with the source's codes,
// checking that every code is there once and no other: the Markdown
// structure comes back exactly as it went out, wherever the translator
// placed it.
func Translate(u Unit) (string, error) {
	codes := map[int]string{}
	for _, p := range u.Source {
		if p.IsCode() {
			codes[p.ID] = p.Code
		}
	}
	seen := map[int]bool{}
	var b strings.Builder
	for _, p := range u.Target {
		if !p.IsCode() {
			b.WriteString(p.Text)
			continue
		}
		code, ok := codes[p.ID]
		if !ok {
			return "", fmt.Errorf("unit %s: the translation has a code <ph id=\"%d\"> the source does not have", u.ID, p.ID)
		}
		if seen[p.ID] {
			return "", fmt.Errorf("unit %s: the code <ph id=\"%d\"> is in the translation twice", u.ID, p.ID)
		}
		seen[p.ID] = true
		b.WriteString(code)
	}
	var missing []string
	for _, p := range u.Source {
		if p.IsCode() && !seen[p.ID] {
			missing = append(missing, fmt.Sprintf("<ph id=\"%d\"> (%s)", p.ID, strconv.Quote(p.Code)))
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("unit %s: the translation lacks the code(s) %s: put them back where the Markdown belongs", u.ID, strings.Join(missing, ", "))
	}
	return b.String(), nil
}
