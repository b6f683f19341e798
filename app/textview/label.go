package textview

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/internal/bidi"
)

// Label shows text in any direction: paragraphs split at newlines, each
// laid out with Layout and aligned by its own direction.
type Label struct {
	widget.BaseWidget

	Text      string
	TextStyle fyne.TextStyle
	// SizeName is the theme size of the text; theme.SizeNameText if empty.
	SizeName fyne.ThemeSizeName
	// ColorName is the theme colour; theme.ColorNameForeground if empty.
	ColorName fyne.ThemeColorName
	// Wrapping breaks lines to the width the label is given.
	Wrapping bool
	// MaxLines keeps only the first lines (0: all), for list rows; a
	// wrapping text cut there ends with an ellipsis.
	MaxLines int
	// Centered centres every line in the label's width, as under a
	// tile's picture; otherwise lines start at their paragraph's side.
	Centered bool
	// Direction is the paragraphs' direction: that of the text's language
	// (bidi.RightToLeft for Arabic), or bidi.Auto to guess from the text.
	Direction bidi.Direction

	laidWidth  float32
	paragraphs []Paragraph
}

// NewLabel returns a wrapping label.
func NewLabel(text string, dir bidi.Direction) *Label {
	l := &Label{Text: text, Wrapping: true, Direction: dir}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text and redraws.
func (l *Label) SetText(s string) {
	l.Text = s
	l.Refresh()
}

// Resize lays the text out again when the width changes, since the line
// breaks, and so the height, depend on it.
func (l *Label) Resize(size fyne.Size) {
	if size == l.Size() {
		return
	}
	l.BaseWidget.Resize(size)
	if l.Wrapping && size.Width != l.laidWidth {
		l.Refresh()
	}
}

// Refresh lays the text out for the current width and redraws it.
func (l *Label) Refresh() {
	l.relayout()
	l.BaseWidget.Refresh()
}

func (l *Label) textSize() float32 {
	name := l.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	return l.Theme().Size(name)
}

func (l *Label) padding() float32 { return l.Theme().Size(theme.SizeNameInnerPadding) }

func (l *Label) relayout() {
	size, style := l.textSize(), l.TextStyle
	measure := func(s string) float32 { return measureWidth(s, size, style) }
	width := float32(0)
	if l.Wrapping {
		width = l.Size().Width - 2*l.padding()
	}
	l.laidWidth = l.Size().Width
	l.paragraphs = l.paragraphs[:0]
	lines := 0
	for _, text := range strings.Split(l.Text, "\n") {
		left := 0 // no limit
		if l.MaxLines > 0 {
			left = l.MaxLines - lines
		}
		p := laidOutParagraph(text, width, left, l.Direction, size, style, measure)
		lines += len(p.Lines)
		l.paragraphs = append(l.paragraphs, p)
		if l.MaxLines > 0 && lines >= l.MaxLines {
			break
		}
	}
}

// MinSize is the height of the laid-out lines; a wrapping label asks for
// little width, as it can wrap into whatever it gets.
func (l *Label) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	return l.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	l.relayout()
	r := &labelRenderer{label: l}
	r.build()
	return r
}

type labelRenderer struct {
	label *Label
	texts []fyne.CanvasObject
	// drop is how far down each text object sits in its line, so that
	// pieces drawn from different fonts (Latin from Noto Sans, Arabic from
	// Noto Sans Arabic) share one baseline.
	drop []float32
}

// lineSample holds tall Latin and Arabic letters, so a line is high enough
// for either script and the baseline is the same for both.
const lineSample = "Mgعجـ"

func (r *labelRenderer) lineHeight() float32 {
	l := r.label
	size, _ := fyne.CurrentApp().Driver().RenderedTextSize(lineSample, l.textSize(), l.TextStyle, nil)
	return size.Height
}

func (r *labelRenderer) MinSize() fyne.Size {
	l := r.label
	pad := l.padding()
	var widest float32
	lines := 0
	for _, p := range l.paragraphs {
		for _, line := range p.Lines {
			widest = max(widest, line.Width)
			lines++
		}
	}
	if l.Wrapping {
		widest = l.textSize() * 2
	}
	return fyne.NewSize(widest+2*pad, float32(lines)*r.lineHeight()+2*pad)
}

// Layout places every piece: lines top to bottom, pieces left to right,
// a right-to-left paragraph against the right edge.
func (r *labelRenderer) Layout(size fyne.Size) {
	l := r.label
	pad, lh := l.padding(), r.lineHeight()
	i, y := 0, pad
	for _, p := range l.paragraphs {
		for _, line := range p.Lines {
			x := pad
			switch {
			case l.Centered:
				x = (size.Width - line.Width) / 2
			case p.RTL:
				x = size.Width - pad - line.Width
			}
			for _, piece := range line.Pieces {
				t := r.texts[i]
				t.Move(fyne.NewPos(x+piece.X, y+r.drop[i]))
				t.Resize(fyne.NewSize(piece.Width, lh-r.drop[i]))
				i++
			}
			y += lh
		}
	}
}

func (r *labelRenderer) Refresh() {
	r.build()
	r.Layout(r.label.Size())
	for _, t := range r.texts {
		canvas.Refresh(t)
	}
}

// build makes one text object per piece, reusing the ones it has.
func (r *labelRenderer) build() {
	l := r.label
	size, col := l.textSize(), l.Theme().Color(r.colorName(), fyne.CurrentApp().Settings().ThemeVariant())
	r.drop = r.drop[:0]
	n := 0
	for _, p := range l.paragraphs {
		for _, line := range p.Lines {
			for _, piece := range line.Pieces {
				if n == len(r.texts) {
					r.texts = append(r.texts, canvas.NewText("", col))
				}
				t := r.texts[n].(*canvas.Text)
				t.Text, t.Color, t.TextSize, t.TextStyle = piece.Text, col, size, l.TextStyle
				first, _ := utf8.DecodeRuneInString(piece.Text)
				own, tallest := ascents(first, size, l.TextStyle)
				r.drop = append(r.drop, tallest-own)
				n++
			}
		}
	}
	r.texts = r.texts[:n]
}

func (r *labelRenderer) colorName() fyne.ThemeColorName {
	if r.label.ColorName != "" {
		return r.label.ColorName
	}
	return theme.ColorNameForeground
}

func (r *labelRenderer) Objects() []fyne.CanvasObject { return r.texts }

func (r *labelRenderer) Destroy() {}
