package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/folders"
)

// usbStick makes a folder that stands for a mounted USB stick holding a
// feed folder with root.json, and makes it the chooser's only place.
func usbStick(t *testing.T) string {
	t.Helper()
	stick := t.TempDir()
	if err := os.MkdirAll(filepath.Join(stick, "feed"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stick, "feed", "root.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stick, "photo.jpg"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := places
	places = func() []folders.Place { return []folders.Place{{Path: stick, Removable: true}} }
	t.Cleanup(func() { places = old })
	return stick
}

// overlayButton finds a button by text in the top overlay.
func overlayButton(t *testing.T, w fyne.Window, text string) *textview.Button {
	t.Helper()
	var found *textview.Button
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*textview.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in the chooser", text)
	}
	return found
}

func TestChooserSpeaksTheReadersLanguage(t *testing.T) {
	stick := usbStick(t)
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			u, w := newTestUI(t, lang)
			var chosen string
			u.choosePath(u.t("ChooserRootTitle"), chooseFile, []string{".json"}, "", func(p string) { chosen = p })
			en := u.catalog.For(content.English)
			var texts []string
			walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				switch v := o.(type) {
				case *textview.Label:
					texts = append(texts, v.Text)
				case *textview.Button:
					texts = append(texts, v.Text)
				}
			})
			for _, s := range texts {
				for _, id := range []string{"ChooserRootTitle", "ChooserUp", "Cancel"} {
					if lang != content.English && s == en.T(id, nil) {
						t.Errorf("English %q in the %s chooser", s, lang)
					}
				}
			}
			if hasText(texts, "photo.jpg") {
				t.Error("a file of the wrong kind is offered")
			}
			test.Tap(overlayButton(t, w, "feed"))
			test.Tap(overlayButton(t, w, "root.json"))
			if want := filepath.Join(stick, "feed", "root.json"); chosen != want {
				t.Errorf("chose %q, want %q", chosen, want)
			}
			if w.Canvas().Overlays().Top() != nil {
				t.Error("the chooser stayed open after the choice")
			}
		})
	}
}

func hasText(texts []string, s string) bool {
	for _, t := range texts {
		if t == s {
			return true
		}
	}
	return false
}

func TestChooserSavesUnderTheTypedName(t *testing.T) {
	stick := usbStick(t)
	u, w := newTestUI(t, content.Swedish)
	var chosen string
	u.choosePath(u.t("ChooserSaveTitle"), chooseSave, []string{".ics"}, "händelser.ics", func(p string) { chosen = p })
	test.Tap(overlayButton(t, w, "feed"))
	c := findFirstIn[*textview.Entry](t, w.Canvas().Overlays().Top(), "file name")
	c.SetText("a/b.ics")
	test.Tap(overlayButton(t, w, u.t("ChooserSave")))
	if chosen != "" {
		t.Fatalf("a name with a slash was accepted: %q", chosen)
	}
	c.SetText("familjen.ics")
	test.Tap(overlayButton(t, w, u.t("ChooserSave")))
	if want := filepath.Join(stick, "feed", "familjen.ics"); chosen != want {
		t.Errorf("saved to %q, want %q", chosen, want)
	}
}

func TestReadSmallFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := readSmallFile(dir, 100); err == nil {
		t.Error("a folder was read as a file")
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, 200), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSmallFile(big, 100); err == nil {
		t.Error("a file over the limit was read")
	}
}

// findFirstIn is findFirst under any object.
func findFirstIn[T fyne.CanvasObject](t *testing.T, root fyne.CanvasObject, what string) T {
	t.Helper()
	var found T
	ok := false
	walk(root, func(o fyne.CanvasObject) {
		if v, is := o.(T); is && !ok {
			found, ok = v, true
		}
	})
	if !ok {
		t.Fatalf("no %s", what)
	}
	return found
}
