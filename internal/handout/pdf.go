package handout

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/go-text/typesetting/font"
)

// A small PDF 1.7 writer: pages of glyphs placed by id with embedded
// TrueType fonts (Type0/Identity-H, so any of the font's glyphs, including
// Arabic joined forms the shaper chose, can be placed), grey images and
// lines. Nothing else is needed for a handout, and no PDF library for Go
// shapes Arabic (see docs/handout.md).

// pdfPage is one page's content stream and the images it draws.
type pdfPage struct {
	ops    bytes.Buffer
	images []int // indexes into pdfDoc.images
}

type pdfDoc struct {
	faces  []*face
	images []image.Image
	pages  []*pdfPage
	title  string
}

const (
	pageWidth  = 595.28 // A4 in points
	pageHeight = 841.89
)

func (d *pdfDoc) newPage() *pdfPage {
	p := &pdfPage{}
	d.pages = append(d.pages, p)
	return p
}

// glyphs draws shaped glyphs with their piece's left edge at x and the
// baseline at y (from the top of the page), in face fi at size. actual,
// when set, is the text the glyphs stand for when a glyph's own text is
// not it (a bracket mirrored in a right-to-left line).
func (p *pdfPage) glyphs(fi int, size, x, y float32, gs []glyph, actual string) {
	if len(gs) == 0 {
		return
	}
	if actual != "" {
		fmt.Fprintf(&p.ops, "/Span << /ActualText %s >> BDC\n", textString(actual))
		defer p.ops.WriteString("EMC\n")
	}
	fmt.Fprintf(&p.ops, "BT /F%d %s Tf\n", fi, num(size))
	for _, g := range gs {
		fmt.Fprintf(&p.ops, "1 0 0 1 %s %s Tm <%04X> Tj\n", num(x+g.x), num(pageHeight-y+g.y), uint16(g.id))
	}
	p.ops.WriteString("ET\n")
}

// rule draws a thin grey line from x1 to x2 at y.
func (p *pdfPage) rule(x1, x2, y float32) {
	fmt.Fprintf(&p.ops, "q 0.75 G 0.6 w %s %s m %s %s l S Q\n", num(x1), num(pageHeight-y), num(x2), num(pageHeight-y))
}

// image draws image index img as a size×size square with its top left
// corner at x, y.
func (p *pdfPage) image(img int, x, y, size float32) {
	p.images = append(p.images, img)
	fmt.Fprintf(&p.ops, "q %s 0 0 %s %s %s cm /Im%d Do Q\n", num(size), num(size), num(x), num(pageHeight-y-size), img)
}

// colour sets the grey level of the text that follows (0 black).
func (p *pdfPage) colour(grey float32) { fmt.Fprintf(&p.ops, "%s g\n", num(grey)) }

func num(v float32) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// writer numbers objects and remembers where each starts, for the
// cross-reference table.
type writer struct {
	buf     bytes.Buffer
	offsets []int
}

func (w *writer) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets)
}

func (w *writer) object(n int, body string) {
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(n int, dict string, data []byte, compress bool) {
	if compress {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, _ = zw.Write(data) // writing to memory cannot fail
		_ = zw.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// bytes writes the whole file.
func (d *pdfDoc) bytes() []byte {
	w := &writer{}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog, pages, info := w.reserve(), w.reserve(), w.reserve()
	fontRefs := make([]int, len(d.faces))
	for i, f := range d.faces {
		fontRefs[i] = d.writeFont(w, f)
	}
	imageRefs := make([]int, len(d.images))
	for i, img := range d.images {
		imageRefs[i] = writeImage(w, img)
	}
	var fonts strings.Builder
	for i, ref := range fontRefs {
		fmt.Fprintf(&fonts, "/F%d %d 0 R ", i, ref)
	}
	var kids []string
	for _, p := range d.pages {
		page, contents := w.reserve(), w.reserve()
		w.stream(contents, "", p.ops.Bytes(), true)
		var xobj strings.Builder
		for _, img := range slices.Compact(slices.Sorted(slices.Values(p.images))) {
			fmt.Fprintf(&xobj, "/Im%d %d 0 R ", img, imageRefs[img])
		}
		w.object(page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R /Resources << /Font << %s>> /XObject << %s>> >> >>",
			pages, num(pageWidth), num(pageHeight), contents, fonts.String(), xobj.String()))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	w.object(pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	w.object(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	w.object(info, fmt.Sprintf("<< /Title %s /Producer (Motesplats) >>", textString(d.title)))
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, catalog, info, xref)
	return w.buf.Bytes()
}

// writeFont embeds the whole font file with the widths and text of the
// glyphs used; it returns the Type0 font's object number.
func (d *pdfDoc) writeFont(w *writer, f *face) int {
	type0, cid, desc, file, toUni := w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve()
	w.stream(file, fmt.Sprintf("/Length1 %d", len(f.data)), f.data, true)
	asc, dsc := f.extents()
	w.object(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-1000 %d 2000 %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		f.name, dsc, asc, asc, dsc, asc*7/10, file))
	w.object(cid, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 0 /W [%s] >>",
		f.name, desc, widthArray(f)))
	w.stream(toUni, "", toUnicode(f), true)
	w.object(type0, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		f.name, cid, toUni))
	return type0
}

func usedGlyphs(f *face) []font.GID {
	return slices.Sorted(func(yield func(font.GID) bool) {
		for id := range f.used {
			if !yield(id) {
				return
			}
		}
	})
}

func widthArray(f *face) string {
	var b strings.Builder
	for _, id := range usedGlyphs(f) {
		fmt.Fprintf(&b, "%d [%d] ", id, f.advance1000(id))
	}
	return b.String()
}

// toUnicode is the CMap that turns glyph ids back into text, so a
// viewer can copy, search and read the handout aloud.
func toUnicode(f *face) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var ids []font.GID
	for _, id := range usedGlyphs(f) {
		if f.unicode[id] != "" {
			ids = append(ids, id)
		}
	}
	for chunk := range slices.Chunk(ids, 100) {
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, id := range chunk {
			fmt.Fprintf(&b, "<%04X> <%s>\n", uint16(id), utf16Hex(f.unicode[id]))
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// textString is a PDF text string in UTF-16 (any language).
func textString(s string) string { return "<FEFF" + utf16Hex(s) + ">" }

// writeImage embeds an image as 8-bit grey (the QR codes are black and
// white); it returns its object number.
func writeImage(w *writer, img image.Image) int {
	n := w.reserve()
	b := img.Bounds()
	pix := make([]byte, 0, b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			pix = append(pix, byte((r*299+g*587+bl*114)/1000>>8))
		}
	}
	w.stream(n, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false", b.Dx(), b.Dy()), pix, true)
	return n
}
