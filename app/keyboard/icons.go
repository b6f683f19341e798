package keyboard

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
)

// The key icons are drawn here because Fyne's theme has no backspace,
// return or shift symbol. Each is a filled outline in a 24×24 box: Fyne
// recolours only fills, so an outline is a shape with a hole, and a hole
// is a polygon wound the other way round (SVG's default nonzero rule).

// polygon is a closed outline of points (x, y) in the 24×24 box.
type polygon [][2]float32

// reversed winds the polygon the other way, making it a hole in the
// shape before it.
func (p polygon) reversed() polygon {
	out := make(polygon, len(p))
	for i, pt := range p {
		out[len(p)-1-i] = pt
	}
	return out
}

// mirrored flips the polygon left to right, for right-to-left layouts.
func (p polygon) mirrored() polygon {
	out := make(polygon, len(p))
	for i, pt := range p {
		out[i] = [2]float32{24 - pt[0], pt[1]}
	}
	return out
}

// svgIcon draws the polygons as one path.
func svgIcon(name string, shapes ...polygon) fyne.Resource {
	var d strings.Builder
	for _, p := range shapes {
		for i, pt := range p {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%g %g ", cmd, pt[0], pt[1])
		}
		d.WriteString("Z ")
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path d="` +
		strings.TrimSpace(d.String()) + `"/></svg>`
	return fyne.NewStaticResource(name+".svg", []byte(svg))
}

var (
	// backspaceOutline is a key cap pointing left (the way text is erased
	// in a left-to-right line); backspaceCross is the ✕ cut out of it.
	backspaceOutline = polygon{{8, 5}, {21, 5}, {21, 19}, {8, 19}, {2, 12}}
	backspaceCross   = cross(14.5, 12, 4.2, 0.9).reversed()

	// enterArrow is ↵: down from the top right, then left to the arrowhead.
	enterArrow = polygon{{18, 5}, {20, 5}, {20, 14}, {7.8, 14}, {11, 17.2}, {9.6, 18.6},
		{4, 13}, {9.6, 7.4}, {11, 8.8}, {7.8, 12}, {18, 12}}

	// shiftArrow is ⇧; shiftHollow is its inside, cut out while shift is off.
	shiftArrow  = polygon{{12, 3}, {21, 12}, {16, 12}, {16, 20}, {8, 20}, {8, 12}, {3, 12}}
	shiftHollow = polygon{{12, 5.55}, {16.65, 10.2}, {14.2, 10.2}, {14.2, 18.2},
		{9.8, 18.2}, {9.8, 10.2}, {7.35, 10.2}}.reversed()
)

// cross is an ✕ centred on (cx, cy): arms reaching arm from the centre
// along the diagonals, half as thick as half.
func cross(cx, cy, arm, half float32) polygon {
	const sqrt2 = 1.41421356
	p, q, r := (arm+half)/sqrt2, (arm-half)/sqrt2, half*sqrt2
	// The twelve corners, clockwise on screen from the notch on the right.
	pts := polygon{{r, 0}, {p, q}, {q, p}, {0, r}, {-q, p}, {-p, q},
		{-r, 0}, {-p, -q}, {-q, -p}, {0, -r}, {q, -p}, {p, -q}}
	for i := range pts {
		pts[i][0] += cx
		pts[i][1] += cy
	}
	return pts
}

var (
	backspaceIcon    = svgIcon("keyboard-backspace", backspaceOutline, backspaceCross)
	backspaceIconRTL = svgIcon("keyboard-backspace-rtl", backspaceOutline.mirrored(), backspaceCross.mirrored())
	enterIcon        = svgIcon("keyboard-enter", enterArrow)
	enterIconRTL     = svgIcon("keyboard-enter-rtl", enterArrow.mirrored())
	shiftOffIcon     = svgIcon("keyboard-shift", shiftArrow, shiftHollow)
	shiftOnIcon      = svgIcon("keyboard-shift-on", shiftArrow)
)
