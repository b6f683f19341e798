package editor

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motesplats/motesplats/internal/content"
)

// chromium finds a headless-capable Chromium; .ci/deps test installs
// Debian's.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserCreatesArticle drives a real headless Chromium: it writes an
// article in four languages, types Arabic into its right-to-left field,
// saves without a body and sees the validator's message beside the body,
// adds the body, previews the Markdown and saves. With
// MOTESPLATS_EDITOR_SCREENSHOTS=DIR it also writes the screenshots of
// docs/editing.md there.
func TestBrowserCreatesArticle(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium is not installed (`.ci/deps test` installs it): the real-browser test of the editor did not run")
	}
	dir := copyDir(t, fixture)
	ts, _ := start(t, loopback(dir))
	shots := os.Getenv("MOTESPLATS_EDITOR_SCREENSHOTS")

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.WindowSize(1280, 1400),
		chromedp.Flag("lang", "sv"),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTime()

	byName := func(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/new/articles?ui=sv"),
		chromedp.WaitVisible(byName("id")),
		chromedp.SendKeys(byName("id"), "bibliotek"),
		chromedp.SetValue(byName("topic"), "health"),
		chromedp.SendKeys(byName("title.sv"), "Biblioteket"),
		chromedp.SendKeys(byName("title.uk"), "Бібліотека"),
		chromedp.SendKeys(byName("title.ar"), "المكتبة"),
		chromedp.SendKeys(byName("title.en"), "The library"),
	)
	if err != nil {
		t.Fatal(err)
	}
	direction, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('[name="title.ar"]')).direction`))
	if err != nil {
		t.Fatal(err)
	}
	// Saved without a body: the validator's message shows beside it.
	err = chromedp.Do(ctx, chromedp.Click(css(`button[name="save"]`)), chromedp.WaitVisible(css(`[data-field="body"] .problem`)))
	if err != nil {
		t.Fatal(err)
	}
	bodyBox, err := chromedp.Run(ctx, chromedp.Text(css(`[data-field="body"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if direction != "rtl" {
		t.Errorf("the Arabic field's direction is %q", direction)
	}
	if !strings.Contains(bodyBox, "is required in at least one language") {
		t.Errorf("the body field does not show the validator's message:\n%s", bodyBox)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "bibliotek.json")); err == nil {
		t.Fatal("an article without a body was written")
	}
	if shots != "" {
		shoot(t, ctx, filepath.Join(shots, "editor-problem.png"), `h1`)
	}

	// The form came back with what was typed, Arabic included.
	title, err := chromedp.Run(ctx, chromedp.Value(byName("title.ar")))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(byName("body.sv"), "Lån böcker **gratis** med lånekort."),
		chromedp.SendKeys(byName("body.uk"), "Позичайте книжки **безкоштовно** з читацьким квитком."),
		chromedp.SendKeys(byName("body.ar"), "استعر الكتب **مجاناً** ببطاقة المكتبة."),
		chromedp.SendKeys(byName("body.en"), "Borrow books **free** with a library card."),
		chromedp.Click(css(`button.preview[data-for="body.ar"]`)),
		chromedp.WaitVisible(css(`[id="preview-body.ar"] strong`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := chromedp.Run(ctx, chromedp.Text(css(`[id="preview-body.ar"] strong`)))
	if err != nil {
		t.Fatal(err)
	}
	if title != "المكتبة" {
		t.Errorf("title.ar after the refused save = %q", title)
	}
	if preview != "مجاناً" {
		t.Errorf("preview shows %q in bold", preview)
	}
	if shots != "" {
		shoot(t, ctx, filepath.Join(shots, "editor-sv-ar.png"), `[data-field="title"]`)
	}
	err = chromedp.Do(ctx, chromedp.Click(css(`button[name="save"]`)), chromedp.WaitVisible(css(`p.notice`)))
	if err != nil {
		t.Fatal(err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(css(`p.notice`)))
	if err != nil {
		t.Fatal(err)
	}
	if notice != "Sparat." {
		t.Errorf("notice %q", notice)
	}
	a := decodeFile[content.Article](t, dir, content.KindArticle, "bibliotek")
	if a.Title["ar"] != "المكتبة" || a.Body["ar"] != "استعر الكتب **مجاناً** ببطاقة المكتبة." || a.Topic != "health" {
		t.Errorf("saved %+v", a)
	}
	if shots != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?kind=articles")); err != nil {
			t.Fatal(err)
		}
		shoot(t, ctx, filepath.Join(shots, "editor-list.png"), `table.items`)
	}
}

// shoot saves the viewport as a PNG after scrolling sel into view.
func shoot(t *testing.T, ctx context.Context, path, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollBy(0, -80); true`)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
