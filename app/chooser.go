package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/folders"
)

// The app's own file and folder chooser: Fyne's dialogs speak English
// whatever the UI language and cannot be mirrored. This one lists the
// mounted USB sticks and the home folder, then folders and files, every
// word from the catalogs and every text laid out by textview. Staff use
// it on the admin screen and a guide at a desk to save a calendar.

// chooseMode is what the chooser picks.
type chooseMode int

const (
	chooseFile   chooseMode = iota // an existing file with one of exts
	chooseFolder                   // a folder
	chooseSave                     // a folder and a new file name
)

// chooser is one open chooser.
type chooser struct {
	u     *UI
	mode  chooseMode
	exts  []string
	done  func(path string)
	dir   string
	popUp *widget.PopUp

	where   *textview.Label
	note    *textview.Label
	entries *fyne.Container
	name    *textview.Entry
}

// places lists where choosing starts; tests replace it.
var places = folders.SystemPlaces

// choosePath opens the chooser with a title; done gets the chosen path
// (for chooseSave the folder joined with the typed name, suggested
// first) and is never called when the chooser is cancelled.
func (u *UI) choosePath(title string, mode chooseMode, exts []string, suggested string, done func(path string)) *chooser {
	c := &chooser{u: u, mode: mode, exts: exts, done: done}
	c.where = textview.NewLabel("", dirOf(u.Lang()))
	c.note = u.uiText("")
	c.note.ColorName = theme.ColorNameError
	c.entries = container.NewVBox()
	var bottom []fyne.CanvasObject
	switch mode {
	case chooseFolder:
		bottom = append(bottom, u.iconButton(u.t("ChooserThisFolder"), theme.ConfirmIcon(), func() { c.finish(c.dir) }))
	case chooseSave:
		c.name = u.session.newEntry(u.t("ChooserFileName"), "")
		c.name.Fallback = bidi.LeftToRight
		c.name.SetText(suggested)
		bottom = append(bottom, c.name, u.iconButton(u.t("ChooserSave"), theme.DocumentSaveIcon(), c.save))
	}
	bottom = append(bottom, u.iconButton(u.t("Cancel"), theme.CancelIcon(), c.close))
	starts := places() // the mount table, read once per chooser
	top := container.NewVBox(heading(u.uiText(title)), c.placeButtons(starts), c.where,
		u.sides(u.iconButton(u.t("ChooserUp"), theme.MoveUpIcon(), c.up), nil, nil), c.note)
	body := container.NewBorder(top, container.NewVBox(bottom...), nil, nil, touch.Scroll(container.NewVScroll(c.entries)))
	canvas := u.win.Canvas()
	c.popUp = widget.NewModalPopUp(container.NewPadded(body), canvas)
	size := canvas.Size()
	c.popUp.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.85))
	c.popUp.Show()
	if len(starts) > 0 {
		c.open(starts[0].Path)
	} else {
		c.note.SetText(u.t("ChooserNoPlaces"))
	}
	return c
}

// placeButtons are the USB sticks and the home folder, one touch each.
func (c *chooser) placeButtons(starts []folders.Place) fyne.CanvasObject {
	u := c.u
	var buttons []fyne.CanvasObject
	for _, p := range starts {
		label, icon := u.t("ChooserHome"), theme.HomeIcon()
		if p.Removable {
			label, icon = filepath.Base(p.Path), theme.StorageIcon()
		}
		path := p.Path
		buttons = append(buttons, u.iconButton(label, icon, func() { c.open(path) }))
	}
	return container.NewGridWithColumns(max(min(len(buttons), 3), 1), u.inReadingOrder(buttons...)...)
}

// open shows what dir holds.
func (c *chooser) open(dir string) {
	u := c.u
	u.session.touch()
	entries, err := folders.List(dir, c.exts, c.mode == chooseFolder)
	if err != nil {
		c.note.SetText(u.tf("ChooserCannotRead", map[string]any{"Error": err.Error()}))
		return
	}
	c.dir = dir
	c.note.SetText("")
	c.where.SetText(textview.Isolate(dir))
	c.entries.RemoveAll()
	if len(entries) == 0 {
		c.entries.Add(u.uiText(u.t("ChooserEmpty")))
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name)
		icon, tap := theme.FileIcon(), func() { c.finish(path) }
		if e.Dir {
			icon, tap = theme.FolderIcon(), func() { c.open(path) }
		} else if c.mode == chooseSave {
			tap = func() { c.name.SetText(e.Name) }
		}
		b := textview.NewButton(e.Name, icon, bidi.Auto, tap)
		b.Importance = widget.LowImportance
		c.entries.Add(b)
	}
	c.entries.Refresh()
}

// up goes to the parent folder.
func (c *chooser) up() {
	if parent := filepath.Dir(c.dir); parent != c.dir {
		c.open(parent)
	}
}

// save is "Save here": the folder shown and the name typed.
func (c *chooser) save() {
	if !folders.ValidName(c.name.Text) {
		c.note.SetText(c.u.t("ChooserBadName"))
		return
	}
	c.finish(filepath.Join(c.dir, c.name.Text))
}

func (c *chooser) finish(path string) {
	c.close()
	c.done(path)
}

func (c *chooser) close() {
	c.u.session.showKeys(false)
	c.popUp.Hide()
}

// readSmallFile reads a regular file of at most limit bytes; anything
// else (a FIFO, a device, a huge file) is refused rather than read.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file", path)
	case st.Size() > limit:
		return nil, fmt.Errorf("%s is %d bytes, more than %d", path, st.Size(), limit)
	}
	return io.ReadAll(io.LimitReader(f, limit))
}
