package touch

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Delivering the tap that Fyne cancelled: Fyne's driver gives up on a
// tap once the pointer moved 2 px, and a finger moves that much in most
// taps. When a drag ends within TapSlop, the Surface finds what Fyne
// would have tapped (the topmost Tappable under the press) and taps it.

// tapAt taps what lies under p, a point on the drag layer.
func (s *Surface) tapAt(p fyne.Position) {
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.layer).Add(p)
	if tap := s.tapTarget(abs); tap != nil {
		tap()
	}
}

// tapTarget is the tap for the point abs (in canvas coordinates) inside
// the surface, nil when nothing there takes taps.
func (s *Surface) tapTarget(abs fyne.Position) func() {
	driver := fyne.CurrentApp().Driver()
	if s.list != nil {
		return s.rows.tapTarget(s.list, abs)
	}
	content := s.scroll.Content
	if content == nil {
		return nil
	}
	return tapTargetIn(content, driver.AbsolutePositionForObject(s.scroll).Add(content.Position()), abs)
}

// tapTargetIn finds the topmost Tappable at abs in o, which lies at oAbs:
// the last one a depth-first walk meets, as Fyne's driver picks it. It
// walks containers; a widget is a leaf, except a Surface, which knows its
// own content.
func tapTargetIn(o fyne.CanvasObject, oAbs, abs fyne.Position) func() {
	if o == nil || !o.Visible() {
		return nil
	}
	var found func()
	if contains(oAbs, o.Size(), abs) {
		switch w := o.(type) {
		case *Surface:
			found = w.tapTarget(abs)
		case fyne.Tappable:
			found = func() { w.Tapped(&fyne.PointEvent{Position: abs.Subtract(oAbs), AbsolutePosition: abs}) }
		}
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if t := tapTargetIn(child, oAbs.Add(child.Position()), abs); t != nil {
				found = t
			}
		}
	}
	return found
}

func contains(pos fyne.Position, size fyne.Size, p fyne.Position) bool {
	return p.X >= pos.X && p.Y >= pos.Y && p.X < pos.X+size.Width && p.Y < pos.Y+size.Height
}

// rowIndex knows which item each of a list's row objects shows. A list
// keeps its row widgets to itself, so the index learns them through the
// list's UpdateItem, which runs whenever a row comes into view.
type rowIndex struct {
	ids map[fyne.CanvasObject]widget.ListItemID
}

// maxIndexed bounds the index: a full Refresh of a list drops the rows it
// kept in reserve, and the index forgets those once it holds this many.
const maxIndexed = 256

// watch wraps the list's UpdateItem to keep the index.
func (r *rowIndex) watch(l *widget.List) {
	r.ids = map[fyne.CanvasObject]widget.ListItemID{}
	update := l.UpdateItem
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if len(r.ids) >= maxIndexed {
			r.forgetHidden(l)
		}
		r.ids[o] = id
		if update != nil {
			update(id, o)
		}
	}
}

// forgetHidden drops the rows that are not on screen now; one that comes
// back is indexed again by UpdateItem.
func (r *rowIndex) forgetHidden(l *widget.List) {
	driver := fyne.CurrentApp().Driver()
	if driver.CanvasForObject(l) == nil {
		return // nothing is on screen yet
	}
	listAbs := driver.AbsolutePositionForObject(l)
	for o := range r.ids {
		if !onScreen(driver.AbsolutePositionForObject(o), listAbs) {
			delete(r.ids, o)
		}
	}
}

// onScreen tells a row in view from one the list keeps in reserve, which
// Fyne places nowhere: (0, 0), a place no row in view has unless the
// list itself starts at the canvas's corner.
func onScreen(rowAbs, listAbs fyne.Position) bool {
	return !rowAbs.IsZero() || listAbs.IsZero()
}

// tapTarget is the tap at abs: a Tappable inside the row (a button on
// it), or else the row itself, which selects it as a tap on the row does.
func (r *rowIndex) tapTarget(l *widget.List, abs fyne.Position) func() {
	driver := fyne.CurrentApp().Driver()
	listAbs := driver.AbsolutePositionForObject(l)
	if !contains(listAbs, l.Size(), abs) {
		return nil
	}
	for o, id := range r.ids {
		rowAbs := driver.AbsolutePositionForObject(o)
		if !o.Visible() || !onScreen(rowAbs, listAbs) || !contains(rowAbs, o.Size(), abs) {
			continue
		}
		if tap := tapTargetIn(o, rowAbs, abs); tap != nil {
			return tap
		}
		return func() { l.Select(id) }
	}
	return nil
}
