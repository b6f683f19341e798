package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/handout"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/takeaway"
)

// The guide's desk: My list as a printed handout and as codes in the
// family's language (which the guide picks, whatever the screen's
// language), exported as a calendar and contact cards. (The keyboard
// shortcuts' help is the session's, beside the shortcuts, in kiosk.go.)

// Setting keys of the desk. keyPlaceName is the meeting place's name
// for the handout's heading (the app's name when it is not set).
const (
	keyFamilyLang = "handout.language"
	keyPlaceName  = "place.name"
)

// familyLang is the language the handout and the list codes are in: the
// guide's last choice, or the screen's language.
func (m *myList) familyLang() content.Lang {
	u := m.u
	if v, ok, err := u.lib.Store.Setting(keyFamilyLang); err == nil && ok {
		for _, l := range content.Languages {
			if string(l) == v {
				return l
			}
		}
	}
	return u.Lang()
}

// familyLangChoice lets the guide pick the family's language, each name
// in its own script; the chosen one is marked.
func (m *myList) familyLangChoice() fyne.CanvasObject {
	u := m.u
	chosen := m.familyLang()
	var buttons []fyne.CanvasObject
	for _, l := range content.Languages {
		var icon fyne.Resource
		if l == chosen {
			icon = theme.ConfirmIcon()
		}
		buttons = append(buttons, textview.NewButton(u.catalog.For(l).T("LanguageName", nil), icon, dirOf(l), func() {
			if err := u.lib.Store.SetSetting(keyFamilyLang, string(l)); err != nil {
				u.notify(u.tf("ErrorReading", map[string]any{"Error": err.Error()}))
			}
			u.nav.show()
		}))
	}
	return container.NewVBox(bold(u.uiText(u.t("HandoutFamilyLanguage"))),
		container.NewGridWithColumns(2, u.inReadingOrder(buttons...)...))
}

// familyColumn is what stands beside My list for the family: their
// language and the whole list as codes in it, scrolling on its own.
func (m *myList) familyColumn(items []listed) fyne.CanvasObject {
	col := container.NewVBox(m.familyLangChoice())
	addIf(col, m.listCodes(items))
	return touch.Scroll(container.NewVScroll(col))
}

// handoutDoc is the handout of the list in the family's language.
func (m *myList) handoutDoc(items []listed) (handout.Doc, error) {
	u := m.u
	values, err := m.itemValues(items)
	if err != nil {
		return handout.Doc{}, err
	}
	loc := u.catalog.For(m.familyLang())
	place := loc.T("AppName", nil)
	if v, ok, err := u.lib.Store.Setting(keyPlaceName); err == nil && ok && strings.TrimSpace(v) != "" {
		place = strings.TrimSpace(v)
	}
	return handout.Build(values, loc, u.now(), place), nil
}

// itemValues reads the items of the list in one read of the content.
func (m *myList) itemValues(items []listed) ([]any, error) {
	u := m.u
	var out []any
	err := u.lib.Store.View(func(tx *store.Tx) error {
		for _, it := range items {
			if v, ok := readItem(tx, it.item.Kind, it.item.ID); ok {
				out = append(out, v)
			}
		}
		return nil
	})
	return out, err
}

// handoutLayout is the screen's own line layout for the handout, so a
// printed Arabic line is ordered exactly as the screen orders it.
func handoutLayout(text string, width float32, dir bidi.Direction, measure func(string) float32) handout.Paragraph {
	p := textview.Layout(text, width, dir, measure)
	out := handout.Paragraph{RTL: p.RTL, Lines: make([]handout.Line, len(p.Lines))}
	for i, l := range p.Lines {
		out.Lines[i] = handout.Line{Width: l.Width, Pieces: make([]handout.Piece, len(l.Pieces))}
		for j, pc := range l.Pieces {
			out.Lines[i].Pieces[j] = handout.Piece(pc)
		}
	}
	return out
}

// handoutPDF makes the handout of the list.
func (m *myList) handoutPDF(items []listed) ([]byte, error) {
	doc, err := m.handoutDoc(items)
	if err != nil {
		return nil, err
	}
	return handout.PDF(doc, handout.Fonts{Regular: assets.TextRegular, Bold: assets.TextBold}, handoutLayout)
}

// handoutButton makes the handout and offers to print it (when the desk
// has a default printer) or save it as a PDF.
func (m *myList) handoutButton(items []listed) fyne.CanvasObject {
	u := m.u
	return u.iconButton(u.t("HandoutButton"), theme.DocumentPrintIcon(), func() {
		pdf, err := m.handoutPDF(items)
		if err != nil {
			u.notify(u.tf("HandoutFailed", map[string]any{"Error": err.Error()}))
			return
		}
		lang := m.familyLang()
		name := "motesplats-" + string(lang) + ".pdf"
		ready := u.tf("HandoutReady", map[string]any{"Count": len(items), "Language": u.catalog.For(lang).T("LanguageName", nil)})
		save := u.iconButton(u.t("HandoutSavePDF"), theme.DocumentSaveIcon(), func() { m.saveHandout(pdf, name) })
		printer, ok := handout.DefaultPrinter()
		if !ok {
			u.showDialog(u.t("HandoutButton"), u.uiText(ready+"\n"+u.t("HandoutNoPrinter")), save)
			return
		}
		print := u.iconButton(u.t("HandoutPrint"), theme.DocumentPrintIcon(), func() { m.printHandout(pdf, printer) })
		u.showDialog(u.t("HandoutButton"), u.uiText(ready), print, save)
	})
}

// printHandout sends the PDF to the printer away from the UI goroutine,
// with a note on screen while CUPS takes it.
func (m *myList) printHandout(pdf []byte, printer string) {
	u := m.u
	who := map[string]any{"Printer": textview.Isolate(printer)}
	progress := u.showDialog("", u.uiText(u.tf("HandoutPrinting", who)))
	go func() {
		_, err := handout.Print(pdf, u.t("AppName"))
		m.post(func() {
			progress.Hide()
			if err != nil {
				u.notify(u.tf("HandoutPrintFailed", map[string]any{"Error": err.Error()}))
				return
			}
			u.notify(u.tf("HandoutPrinted", who))
		})
	}()
}

// chooseSaveFile asks where to save a file of the given extension; tests
// replace it to skip the chooser.
var chooseSaveFile = func(u *UI, title, name, ext string, done func(path string)) {
	u.choosePath(title, chooseSave, []string{ext}, name, done)
}

func (m *myList) saveHandout(pdf []byte, name string) {
	u := m.u
	chooseSaveFile(u, u.t("HandoutSaveTitle"), name, ".pdf", func(path string) {
		if err := takeaway.WriteFile(path, pdf); err != nil {
			u.notify(u.tf("SaveFailed", map[string]any{"Error": err.Error()}))
			return
		}
		u.notify(u.tf("SavedTo", map[string]any{"Path": textview.Isolate(path)}))
	})
}

// listCodes are the whole list as one or a few codes, in the family's
// language, for beside My list; nil when they cannot be made.
func (m *myList) listCodes(items []listed) fyne.CanvasObject {
	u := m.u
	doc, err := m.handoutDoc(items)
	if err != nil {
		return nil
	}
	doc.Items = withoutCodes(doc.Items)
	payloads := handout.ListCodes(doc, handout.MaxListBytes)
	box := container.NewVBox()
	for i, p := range payloads {
		caption := u.t("HandoutListCode")
		if len(payloads) > 1 {
			caption = u.tf("HandoutListCodePart", map[string]any{"Part": i + 1, "Parts": len(payloads)})
		}
		img, err := takeaway.QR(p, qrSizePx)
		addIf(box, u.qrView(img, err, pictTakeAway, caption))
	}
	return box
}

// withoutCodes drops the item codes a list code does not carry.
func withoutCodes(items []handout.Item) []handout.Item {
	out := make([]handout.Item, len(items))
	for i, it := range items {
		it.QR = nil
		out[i] = it
	}
	return out
}

// exportListButton saves every event of the list in one calendar and
// every service in one contacts file beside it; nil when the list has
// neither.
func (m *myList) exportListButton(items []listed) fyne.CanvasObject {
	u := m.u
	if u.Kiosk() {
		return nil
	}
	var events, services int
	for _, it := range items {
		switch it.item.Kind {
		case content.KindEvent:
			events++
		case content.KindService:
			services++
		}
	}
	if events+services == 0 {
		return nil
	}
	ext := ".ics"
	if events == 0 {
		ext = ".vcf"
	}
	return u.iconButton(u.t("HandoutExport"), theme.DocumentSaveIcon(), func() {
		chooseSaveFile(u, u.t("ChooserSaveTitle"), "motesplats"+ext, ext, func(path string) {
			written, err := m.exportList(items, path)
			if err != nil {
				u.notify(u.tf("SaveFailed", map[string]any{"Error": err.Error()}))
				return
			}
			u.notify(written)
		})
	})
}

// exportList writes the files and says what went where.
func (m *myList) exportList(items []listed, path string) (string, error) {
	u := m.u
	values, err := m.itemValues(items)
	if err != nil {
		return "", err
	}
	var events []content.Event
	var services []content.Service
	for _, v := range values {
		switch v := v.(type) {
		case *content.Event:
			events = append(events, *v)
		case *content.Service:
			services = append(services, *v)
		}
	}
	files, err := handout.Export(events, services, m.familyLang(), u.now())
	if err != nil {
		return "", err
	}
	base := strings.TrimSuffix(path, filepath.Ext(path))
	var said []string
	for _, f := range []struct {
		data  []byte
		ext   string
		id    string
		count int
	}{{files.Calendar, ".ics", "HandoutExportedCalendar", files.Events}, {files.Contacts, ".vcf", "HandoutExportedContacts", files.Services}} {
		if f.data == nil {
			continue
		}
		if err := takeaway.WriteFile(base+f.ext, f.data); err != nil {
			return "", fmt.Errorf("%s: %w", base+f.ext, err)
		}
		said = append(said, u.tf(f.id, map[string]any{"Count": f.count, "Path": textview.Isolate(base + f.ext)}))
	}
	return strings.Join(said, "\n"), nil
}
