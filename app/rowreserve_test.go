package app

import (
	"fmt"
	"math/rand"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/content"
)

// reserveList shows a list of n rows ("row 0", "row 1", …) made through a
// row reserve in the test window, as the search screen shows its results.
func reserveList(t *testing.T, u *UI, w fyne.Window, n *int) (*touch.Surface, *rowReserve, func() int) {
	t.Helper()
	list, rows := u.reusingRowList(func() int { return *n }, func(i int) row {
		return row{title: u.ui(fmt.Sprintf("row %d", i)), detail: u.ui("detail"), icon: pictService}
	})
	view := touch.List(list)
	w.SetContent(view)
	w.Resize(fyne.NewSize(600, 800))
	return view, rows, func() int { return len(rows.made) }
}

// shownRows are the titles of the row cards in the window, in tree order.
func shownRows(w fyne.Window) []string {
	var titles []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*card); ok {
			title, _, _, _ := rowParts(c)
			titles = append(titles, title.Text)
		}
	})
	return titles
}

// TestRowsOutliveFullRefreshes: a list emptied and filled again (the
// search field cleared, a letter typed) uses the rows it made before
// instead of making new ones, and they show the new rows.
func TestRowsOutliveFullRefreshes(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	n := 40
	view, rows, made := reserveList(t, u, w, &n)
	rows.refresh(view)
	shown := len(shownRows(w))
	if shown == 0 || shown >= n {
		t.Fatalf("%d rows shown of %d", shown, n)
	}
	before := made()
	for _, length := range []int{0, 40, 2, 40, 0, 0, 40} {
		n = length
		rows.refresh(view)
		if got := len(shownRows(w)); got != min(shown, length) {
			t.Fatalf("%d rows: %d shown, want %d", length, got, min(shown, length))
		}
	}
	if made() != before {
		t.Errorf("the list made %d rows, then %d more while emptied and filled again", before, made()-before)
	}
	if got := shownRows(w)[0]; got != "row 0" {
		t.Errorf("first row shows %q", got)
	}
}

// TestRowsAreNeverInTwoPlaces shrinks, grows and scrolls a list at
// random: every row in view is a widget of its own showing its own row,
// whether the list took it from Fyne's reserve or from ours.
func TestRowsAreNeverInTwoPlaces(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	n := 60
	view, rows, _ := reserveList(t, u, w, &n)
	list := findFirst[*widget.List](t, w, "list")
	rows.refresh(view)
	r := rand.New(rand.NewSource(1))
	for step := range 300 {
		switch r.Intn(3) {
		case 0:
			n = r.Intn(80)
			rows.refresh(view)
		case 1:
			list.ScrollToOffset(float32(r.Intn(3000)))
		case 2:
			list.ScrollToTop()
		}
		titles := shownRows(w)
		seen := map[string]bool{}
		var first int
		for i, title := range titles {
			var id int
			if _, err := fmt.Sscanf(title, "row %d", &id); err != nil || id >= n {
				t.Fatalf("step %d: a row in view shows %q (%d rows)", step, title, n)
			}
			if seen[title] {
				t.Fatalf("step %d: %q shown twice: %q", step, title, titles)
			}
			seen[title] = true
			if i == 0 {
				first = id
			}
			if id != first+i {
				t.Fatalf("step %d: rows in view %q are not one after another", step, titles)
			}
		}
	}
}

// TestSpareRowMeasuresAsNew: Fyne sizes every row by a new item's size,
// and a spare row handed out as one must measure the same, whatever it
// showed (a heading, no detail, no pictogram, a long title).
func TestSpareRowMeasuresAsNew(t *testing.T) {
	u, w := newTestUI(t, content.Arabic)
	fresh := u.newRow()
	w.SetContent(fresh)
	want := fresh.MinSize()
	for _, r := range []row{
		{title: u.ui("Rubrik"), section: true},
		{title: u.ui("عنوان")},
		{title: u.ui("عنوان طويل جدا جدا جدا"), detail: u.ui("تفاصيل"), icon: pictEvent},
	} {
		c := u.newRow()
		w.SetContent(c)
		u.setRow(c, r)
		rows := &rowReserve{made: []fyne.CanvasObject{c}, spare: []*card{c}, theme: currentTheme()}
		if got := rows.take(u.newRow); got != c {
			t.Fatal("the spare row was not used")
		}
		if got := c.MinSize(); got != want {
			t.Errorf("after %+v a spare row handed out measures %v, a new one %v", r, got, want)
		}
	}
}

// TestSpareRowsOfAnotherThemeAreNotUsed: rows drawn in one theme are not
// handed out after the theme changed (a larger text size): the list
// makes new ones, as Fyne's own reserve does.
func TestSpareRowsOfAnotherThemeAreNotUsed(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	n := 40
	view, rows, _ := reserveList(t, u, w, &n)
	rows.refresh(view)
	n = 0
	rows.refresh(view)
	old := map[fyne.CanvasObject]bool{}
	for _, c := range rows.spare {
		old[c] = true
	}
	if len(old) == 0 {
		t.Fatal("an emptied list left no spare rows")
	}
	u.changeTextSize(1)
	n = 40
	rows.refresh(view)
	walk(w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*card); ok && old[c] {
			t.Fatal("a row made before the theme changed is shown after it")
		}
	})
	if len(shownRows(w)) == 0 {
		t.Fatal("no rows shown")
	}
}

// TestRefilledRowsKeepTheirHeight: rows that showed headings and no
// detail line, emptied and filled again, are as tall as the first time
// (Fyne sizes every row by an item it asks for, which may be a spare row).
func TestRefilledRowsKeepTheirHeight(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	n := 30
	list, rows := u.reusingRowList(func() int { return n }, func(i int) row {
		return row{title: u.ui(fmt.Sprintf("heading %d", i)), section: true}
	})
	view := touch.List(list)
	w.SetContent(view)
	w.Resize(fyne.NewSize(600, 800))
	rows.refresh(view)
	heights := func() (out []float32) {
		walk(w.Content(), func(o fyne.CanvasObject) {
			if c, ok := o.(*card); ok {
				out = append(out, c.Size().Height)
			}
		})
		return out
	}
	first := heights()
	n = 0
	rows.refresh(view)
	n = 30
	rows.refresh(view)
	if again := heights(); fmt.Sprint(again) != fmt.Sprint(first) {
		t.Errorf("row heights %v, then %v after the list was emptied and filled again", first, again)
	}
}
