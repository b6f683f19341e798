// Package handout makes the printable handout of a guide's My list: an
// A4 PDF in the family's language with each item's title, key facts, a
// short text and the same take-away QR code as on screen.
//
// Lines are laid out by the app's own bidi line layout (passed in as a
// LayoutFunc, since it lives with the widgets), so Arabic and mixed lines
// come out in the order the screen shows them; each single-direction
// piece is shaped by go-text/typesetting, the shaper Fyne draws with, and
// its glyphs are placed by id with the font embedded.
package handout

import (
	"image"
	"strings"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Piece, Line and Paragraph are a laid-out paragraph: each line's
// single-direction pieces, in logical order, at X from the line's left.
type Piece struct {
	Text     string
	X, Width float32
	RTL      bool
}

// Line is one laid-out line.
type Line struct {
	Pieces []Piece
	Width  float32
}

// Paragraph is one laid-out paragraph; RTL ones are right-aligned.
type Paragraph struct {
	Lines []Line
	RTL   bool
}

// LayoutFunc lays out one paragraph in lines at most maxWidth wide
// (app/textview.Layout in the app).
type LayoutFunc func(text string, maxWidth float32, dir bidi.Direction, measure func(string) float32) Paragraph

// Doc is a handout, all its text already in the family's language.
type Doc struct {
	Heading string // the meeting place's name
	Date    string
	Dir     bidi.Direction // the family's language's direction
	Items   []Item
}

// Text is a paragraph with the direction of the language it is in (a
// text missing in the family's language falls back to another).
type Text struct {
	Text string
	Dir  bidi.Direction
}

// Item is one item of My list on the handout.
type Item struct {
	Title     Text
	Facts     []Text // "Address: …" lines, values isolated
	Body      Text
	QR        image.Image // nil: no code
	QRCaption string
}

// Fonts are the TrueType files the handout embeds (the app's Motesplats
// Sans, which covers Latin, Cyrillic and Arabic).
type Fonts struct {
	Regular, Bold []byte
}

// Sizes in points.
const (
	margin      = 48
	qrSize      = 100 // 35 mm: a phone reads it at arm's length
	columnGap   = 16
	headingSize = 20
	titleSize   = 13
	textSize    = 10
	smallSize   = 8
	lineFactor  = 1.4
)

// PDF lays the handout out on A4 pages and writes it as a PDF.
func PDF(doc Doc, fonts Fonts, layout LayoutFunc) ([]byte, error) {
	regular, err := loadFace("MotesplatsSans-Regular", fonts.Regular)
	if err != nil {
		return nil, err
	}
	bold, err := loadFace("MotesplatsSans-Bold", fonts.Bold)
	if err != nil {
		return nil, err
	}
	c := &composer{pdf: &pdfDoc{faces: []*face{regular, bold}, title: doc.Heading}, layout: layout, rtl: doc.Dir == bidi.RightToLeft}
	c.page()
	c.header(doc)
	for _, it := range doc.Items {
		c.item(it)
	}
	return c.pdf.bytes(), nil
}

// composer places blocks down the pages.
type composer struct {
	pdf    *pdfDoc
	cur    *pdfPage
	layout LayoutFunc
	rtl    bool
	y      float32 // top of the next block, from the top of the page
}

const (
	fontRegular = 0
	fontBold    = 1
)

func (c *composer) page() {
	c.cur = c.pdf.newPage()
	c.y = margin
}

// laidOut is a paragraph laid out in a font at a size, ready to draw.
type laidOut struct {
	para Paragraph
	font int
	size float32
	grey float32
}

func (l laidOut) height() float32 { return float32(len(l.para.Lines)) * l.size * lineFactor }

// lay lays out text (lines split at newlines) to width.
func (c *composer) lay(t Text, fontIndex int, size, width float32) []laidOut {
	var out []laidOut
	for line := range strings.SplitSeq(t.Text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		p := c.layout(line, width, t.Dir, c.pdf.faces[fontIndex].measure(size))
		out = append(out, laidOut{para: p, font: fontIndex, size: size})
	}
	return out
}

func heightOf(ls []laidOut) float32 {
	var h float32
	for _, l := range ls {
		h += l.height()
	}
	return h
}

// draw draws paragraphs from y in the column from left, width wide, each
// line aligned by its paragraph's direction; it returns the y below.
func (c *composer) draw(ls []laidOut, left, width, y float32) float32 {
	for _, l := range ls {
		f := c.pdf.faces[l.font]
		if l.grey != 0 {
			c.cur.colour(l.grey)
		}
		for _, line := range l.para.Lines {
			baseline := y + l.size*1.05
			x := left
			if l.para.RTL {
				x = left + width - line.Width
			}
			for _, p := range line.Pieces {
				// Only a piece with Arabic letters is shaped right to
				// left: the layout already mirrored the neutral pieces
				// of a right-to-left run, as the screen draws them.
				rtl := p.RTL && hasRTL(p.Text)
				gs, _ := f.shape(p.Text, rtl, l.size)
				c.cur.glyphs(l.font, l.size, x+p.X, baseline, gs, unmirrored(p))
			}
			y += l.size * lineFactor
		}
		if l.grey != 0 {
			c.cur.colour(0)
		}
	}
	return y
}

// unmirrored is the text a mirrored neutral piece of a right-to-left
// line stands for: the layout drew "(" as ")", and a reader copying the
// line must get "(" back. Empty for every other piece.
func unmirrored(p Piece) string {
	if !p.RTL {
		return ""
	}
	runes := []rune(p.Text)
	if len(runes) != 1 || bidi.Mirror(runes[0]) == runes[0] {
		return ""
	}
	return string(bidi.Mirror(runes[0]))
}

func (c *composer) header(doc Doc) {
	width := float32(pageWidth - 2*margin)
	ls := c.lay(Text{doc.Heading, doc.Dir}, fontBold, headingSize, width)
	date := c.lay(Text{doc.Date, doc.Dir}, fontRegular, textSize+1, width)
	for i := range date {
		date[i].grey = 0.3
	}
	c.y = c.draw(append(ls, date...), margin, width, c.y)
	c.y += 6
	c.cur.rule(margin, pageWidth-margin, c.y)
	c.y += 12
}

// item draws one item: its text in one column and its code in another,
// the code on the side the reading ends (left for Arabic). An item is
// not split across pages unless it is taller than a page.
func (c *composer) item(it Item) {
	full := float32(pageWidth - 2*margin)
	width := full
	if it.QR != nil {
		width = full - qrSize - columnGap
	}
	text := c.lay(it.Title, fontBold, titleSize, width)
	for _, f := range it.Facts {
		text = append(text, c.lay(f, fontRegular, textSize, width)...)
	}
	text = append(text, c.lay(it.Body, fontRegular, textSize, width)...)
	caption := c.lay(Text{it.QRCaption, c.dir()}, fontRegular, smallSize, qrSize)
	h := heightOf(text)
	if it.QR != nil {
		h = max(h, qrSize+4+heightOf(caption))
	}
	if c.y+h > pageHeight-margin && c.y > margin {
		c.page()
	}
	textLeft, qrLeft := float32(margin), float32(margin+width+columnGap)
	if c.rtl && it.QR != nil {
		textLeft, qrLeft = margin+qrSize+columnGap, margin
	}
	c.draw(text, textLeft, width, c.y)
	if it.QR != nil {
		c.pdf.images = append(c.pdf.images, it.QR)
		c.cur.image(len(c.pdf.images)-1, qrLeft, c.y, qrSize)
		c.draw(caption, qrLeft, qrSize, c.y+qrSize+4)
	}
	c.y += h + 8
	c.cur.rule(margin, pageWidth-margin, c.y)
	c.y += 10
}

func (c *composer) dir() bidi.Direction {
	if c.rtl {
		return bidi.RightToLeft
	}
	return bidi.LeftToRight
}
