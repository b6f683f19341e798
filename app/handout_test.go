package app

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/handout"
	"github.com/motesplats/motesplats/internal/i18n"
)

var updateHandout = flag.Bool("update-handout", false, "rewrite docs/handout/ar-page1.png")

// builtIn reads an item of the built-in content.
func builtIn[T any](t *testing.T, path string) *T {
	t.Helper()
	b, err := assets.Content.ReadFile("content/" + path)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &v
}

// only keeps one language of a text, so an item falls back to it.
func only(t content.Text, lang content.Lang) content.Text { return content.Text{lang: t[lang]} }

// poppler runs a poppler-utils tool, skipping when it is not installed.
func poppler(t *testing.T, tool string, args ...string) []byte {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils)", tool)
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return out
}

// visible drops the bidi embedding marks pdftotext puts around runs.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
}

// arabicHandout is an Arabic handout of real built-in items: an
// authority with its phone, an event, a project's service known only in
// Ukrainian and an article known only in Swedish.
func arabicHandout(t *testing.T) (pdf []byte, ar *i18n.Localizer, items []any) {
	t.Helper()
	mig := builtIn[content.Service](t, "services/migrationsverket.json")
	ev := builtIn[content.Event](t, "events/kias-oppet-hus-2024-05-15.json")
	kias := builtIn[content.Service](t, "services/kias-2-activa.json")
	kias.Name, kias.Description = only(kias.Name, content.Ukrainian), only(kias.Description, content.Ukrainian)
	art := builtIn[content.Article](t, "articles/bank-money.json")
	art.Title, art.Summary = only(art.Title, content.Swedish), only(art.Summary, content.Swedish)
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	ar = cat.For(content.Arabic)
	items = []any{mig, ev, kias, art}
	doc := handout.Build(items, ar, time.Date(2024, 5, 8, 10, 0, 0, 0, i18n.Stockholm), "Mötesplats Örebro")
	pdf, err = handout.PDF(doc, handout.Fonts{Regular: assets.TextRegular, Bold: assets.TextBold}, handoutLayout)
	if err != nil {
		t.Fatal(err)
	}
	return pdf, ar, items
}

func TestHandoutPDFKeepsArabicInReadingOrder(t *testing.T) {
	pdf, ar, items := arabicHandout(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text := visible(string(poppler(t, "pdftotext", file, "-")))
	mig, ev := items[0].(*content.Service), items[1].(*content.Event)
	kias, art := items[2].(*content.Service), items[3].(*content.Article)
	// Right-to-left lines come back in logical order: pdftotext reads the
	// glyphs in visual order and turns right-to-left lines back, so a piece
	// placed in the wrong order, or a ligature mapped backwards, breaks the
	// sequence of Arabic words. (Where it puts the neutrals between an
	// Arabic word and a number is its own guess, so lines are compared by
	// their Arabic words, and the left-to-right runs on their own.)
	words := arabicWords(text)
	for _, want := range []string{
		"الأربعاء، 8 مايو 2024",   // the date, with the lam-alef ligature
		ar.T("HoursUnknown", nil), // an Arabic sentence with punctuation
		ev.Title[content.Arabic],
		ev.Description[content.Arabic],
		strings.Join(strings.Fields(mig.Description[content.Arabic])[:14], " "),
	} {
		if w := arabicWords(want); !containsRun(words, w) {
			t.Errorf("the PDF's Arabic words lack %q in this order; it reads:\n%s", strings.Join(w, " "), text)
		}
	}
	for _, want := range [][2]string{
		{"الهاتف", "+46 771 235 235"},               // a phone number inside an Arabic line
		{"13:00–15:00", "مايو"},                     // event time in an Arabic line
		{"العنوان", "Landbotorpsallén 25A, Örebro"}, // a Latin address in an Arabic line
		{"Mötesplats Örebro", ""},
		{kias.Name[content.Ukrainian], ""}, // Ukrainian, left to right
		{strings.Join(strings.Fields(kias.Description[content.Ukrainian])[:6], " "), ""},
		{art.Title[content.Swedish], ""}, // Swedish
	} {
		if line := lineWith(text, want[0]); line == "" || !strings.Contains(line, want[1]) {
			t.Errorf("the PDF has no line with %q and %q; it reads:\n%s", want[0], want[1], text)
		}
	}
	fonts := string(poppler(t, "pdffonts", file))
	for _, name := range []string{"MotesplatsSans-Regular", "MotesplatsSans-Bold"} {
		line := lineWith(fonts, name)
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font %s is not embedded with a ToUnicode map:\n%s", name, fonts)
		}
	}
}

// arabicWords are the words of Arabic letters in s, in order.
func arabicWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Arabic, r) || r == '،' || r == '؟' })
}

// containsRun tells whether want occurs in words as a contiguous run.
func containsRun(words, want []string) bool {
	for i := 0; i+len(want) <= len(words); i++ {
		if slices.Equal(words[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

func lineWith(s, sub string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestHandoutPageIsRightAligned rasterises the first page and checks the
// Arabic page is drawn from the right: the heading's ink ends at the right
// margin, and the codes stand at the left.
func TestHandoutPageIsRightAligned(t *testing.T) {
	pdf, _, _ := arabicHandout(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	poppler(t, "pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", file, filepath.Join(dir, "page"))
	raw, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	w := float64(img.Bounds().Dx())
	right := w * (595.28 - 48) / 595.28
	left := w * 48 / 595.28
	// The heading: rows 8–14 % of the page height.
	h := img.Bounds().Dy()
	minX, maxX := inkSpan(img, h*8/100, h*10/100)
	if maxX < int(right)-4 || float64(minX) < left+w/4 {
		t.Errorf("heading ink spans x %d–%d of %v; want it ending at the right margin %.0f", minX, maxX, w, right)
	}
	// The first code: rows 14–25 %, at the left margin.
	minX, _ = inkSpan(img, h*14/100, h*25/100)
	if float64(minX) > left+8 {
		t.Errorf("the first item's ink starts at x %d; want the code at the left margin %.0f", minX, left)
	}
	if *updateHandout {
		if err := os.WriteFile("../docs/handout/ar-page1.png", raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// inkSpan is the leftmost and rightmost dark pixel in rows y0 to y1.
func inkSpan(img image.Image, y0, y1 int) (minX, maxX int) {
	b := img.Bounds()
	minX, maxX = b.Max.X, -1
	for y := y0; y < y1; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0x8000 {
				minX, maxX = min(minX, x), max(maxX, x)
			}
		}
	}
	return minX, maxX
}

// TestHandoutCodesScan reads the codes off the printed page with ZBar:
// the contact card of the first service is the one the screen shows.
func TestHandoutCodesScan(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg is not installed (apt-get install zbar-tools)")
	}
	pdf, _, _ := arabicHandout(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	poppler(t, "pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", file, filepath.Join(dir, "page"))
	out, err := exec.Command(zbar, "--raw", "-q", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		t.Fatalf("zbarimg read no code from the page: %v", err)
	}
	codes := string(out)
	for _, want := range []string{"BEGIN:VCARD", "TEL", "BEGIN:VCALENDAR", "DTSTART"} {
		if !strings.Contains(strings.ReplaceAll(codes, " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the codes on the page lack %q:\n%s", want, codes)
		}
	}
}
