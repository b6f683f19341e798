package editor

import (
	"regexp"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// unresolved finds a message key shown instead of its text (msg falls
// back to the key when the catalogs lack it).
var unresolved = regexp.MustCompile(`>\s*(f|rule|hours|day|ref|publish|translate|kiosk|attendance|step|folder|other|login|delete)\.[a-zA-Z.]+\s*<`)

// TestInterfaceLanguages opens every page in each interface language: the
// page's lang and direction follow it (Arabic right to left), the words
// come from that language's catalog, and no message key is left showing.
func TestInterfaceLanguages(t *testing.T) {
	dir := copyDir(t, fixture)
	for _, tc := range []struct {
		ui, dir, save, title string
	}{
		{"sv", "auto", "Spara", "Rubrik"},
		{"uk", "auto", "Зберегти", "Заголовок"},
		{"ar", "rtl", "حفظ", "العنوان"},
		{"en", "auto", "Save", "Title"},
	} {
		_, c := start(t, loopback(dir))
		c.get("/?ui=" + tc.ui) // the cookie keeps it on the pages after
		pages := []string{"/", "/translate", "/edit/articles/health-care", "/delete/articles/health-care"}
		for _, k := range content.Kinds {
			pages = append(pages, "/new/"+string(k))
		}
		for _, p := range pages {
			body := c.get(p).body
			if want := `<html lang="` + tc.ui + `" dir="` + tc.dir + `">`; !strings.Contains(body, want) {
				t.Errorf("%s %s: no %s", tc.ui, p, want)
			}
			if m := unresolved.FindString(body); m != "" {
				t.Errorf("%s %s: the key %s shows instead of its text", tc.ui, p, m)
			}
		}
		form := c.get("/new/articles").body
		if !strings.Contains(form, ">"+tc.save+"<") || !strings.Contains(fieldBox(t, form, "title"), tc.title) {
			t.Errorf("%s: the article form lacks %q or %q", tc.ui, tc.save, tc.title)
		}
	}
}
