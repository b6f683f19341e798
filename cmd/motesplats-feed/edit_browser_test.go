package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motesplats/motesplats/internal/editor"
	"github.com/motesplats/motesplats/internal/feed"
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

// TestEditorPublishesToAKiosk goes from the browser to the kiosk: in a
// real headless Chromium the editor writes an article in four languages,
// Arabic typed into its right-to-left field; a save without a body shows
// the validator's message beside the body; with the body it saves and is
// published with the Publish button. A kiosk (the real `motesplats`
// binary) that synced the version before then syncs the new one from the
// feed on 127.0.0.1, and `motesplats search` finds the article in Swedish
// and in Arabic. With MOTESPLATS_EDITOR_SCREENSHOTS=DIR it also writes
// the screenshots of docs/editing.md there.
func TestEditorPublishesToAKiosk(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium is not installed (`.ci/deps test` installs it): the real-browser test of the editor did not run")
	}
	begin := time.Now()
	kiosk := filepath.Join(t.TempDir(), "motesplats")
	built := make(chan error, 1)
	go func() { // while the browser works
		out, err := exec.Command("go", "build", "-tags", "ci", "-o", kiosk, "../motesplats").CombinedOutput()
		if err != nil {
			err = &buildError{err, out}
		}
		built <- err
	}()

	// Every version must hold the core items (topics/emergency,
	// articles/emergency-112) or a kiosk refuses it: edit a copy of the
	// built-in content.
	dir := t.TempDir()
	content, keys, out, data := filepath.Join(dir, "content"), filepath.Join(dir, "keys"), filepath.Join(dir, "feed"), filepath.Join(dir, "kiosk")
	if err := os.CopyFS(content, os.DirFS("../../assets/content")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "--keys", keys}, {"build", "--content", content, "--keys", keys, "--out", out}} {
		if err := run(args, &bytes.Buffer{}); err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
	}
	srv, err := editor.New(editor.Options{Content: content, Keys: keys, Out: out, Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	ed := httptest.NewServer(srv)
	defer ed.Close()
	feedServer := httptest.NewServer(feed.Handler(out))
	defer feedServer.Close()

	if err := <-built; err != nil {
		t.Fatal(err)
	}
	kioskRun := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(kiosk, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		if err != nil {
			t.Fatalf("motesplats %s: %v\n%s%s", strings.Join(args, " "), err, stdout, stderr.String())
		}
		return string(stdout)
	}
	syncKiosk := func() {
		kioskRun("sync", "--data", data, "--feed", feedServer.URL, "--root", filepath.Join(keys, feed.RootFile))
	}
	found := func(lang, word string) bool {
		var r struct {
			Results []struct{ Kind, ID string }
		}
		line := kioskRun("search", "--data", data, "--lang", lang, "--json", word)
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("search: %v\n%s", err, line)
		}
		for _, res := range r.Results {
			if res.Kind == "articles" && res.ID == "bokcirkel" {
				return true
			}
		}
		return false
	}
	syncKiosk()
	if found("sv", "bokcirkel") {
		t.Fatal("the kiosk finds the article before it was written")
	}

	ctx := browser(t, exe)
	shots := os.Getenv("MOTESPLATS_EDITOR_SCREENSHOTS")
	byName := func(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	step("fill in the titles",
		chromedp.Navigate(ed.URL+"/new/articles?ui=sv"),
		chromedp.WaitVisible(byName("id")),
		chromedp.SendKeys(byName("id"), "bokcirkel"),
		chromedp.SetValue(byName("topic"), "language"),
		chromedp.SendKeys(byName("title.sv"), "Bokcirkel på biblioteket"),
		chromedp.SendKeys(byName("title.uk"), "Книжковий гурток у бібліотеці"),
		chromedp.SendKeys(byName("title.ar"), "نادي الكتاب في المكتبة"),
		chromedp.SendKeys(byName("title.en"), "Book circle at the library"),
	)
	direction, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('[name="title.ar"]')).direction`))
	if err != nil {
		t.Fatal(err)
	}
	if direction != "rtl" {
		t.Errorf("the Arabic field's direction is %q", direction)
	}
	// Saved without a body: the validator's message shows beside it, in
	// the interface's language.
	step("save without a body", chromedp.Click(css(`button[name="save"]`)), chromedp.WaitVisible(css(`[data-field="body"] .problem`)))
	bodyBox, err := chromedp.Run(ctx, chromedp.Text(css(`[data-field="body"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(bodyBox, "Måste fyllas i på minst ett språk.") {
		t.Errorf("the body field does not show the validator's message:\n%s", bodyBox)
	}
	if _, err := os.Stat(filepath.Join(content, "articles", "bokcirkel.json")); err == nil {
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
	if title != "نادي الكتاب في المكتبة" {
		t.Errorf("title.ar after the refused save = %q", title)
	}
	step("write the body and preview it",
		chromedp.SendKeys(byName("body.sv"), "Vi läser och pratar svenska i en **bokcirkel** varje tisdag. Lån böcker gratis med lånekort."),
		chromedp.SendKeys(byName("body.uk"), "Щовівторка ми читаємо й розмовляємо шведською в **книжковому гуртку**."),
		chromedp.SendKeys(byName("body.ar"), "نقرأ ونتحدث السويدية في **نادي الكتاب** كل يوم ثلاثاء."),
		chromedp.SendKeys(byName("body.en"), "Every Tuesday we read and talk Swedish in a **book circle**."),
		chromedp.Click(css(`button.preview[data-for="body.ar"]`)),
		chromedp.WaitVisible(css(`[id="preview-body.ar"] strong`)),
	)
	preview, err := chromedp.Run(ctx, chromedp.Text(css(`[id="preview-body.ar"] strong`)))
	if err != nil {
		t.Fatal(err)
	}
	if preview != "نادي الكتاب" {
		t.Errorf("the preview shows %q in bold", preview)
	}
	if shots != "" {
		shoot(t, ctx, filepath.Join(shots, "editor-sv-ar.png"), `[data-field="title"]`)
	}
	step("save", chromedp.Click(css(`button[name="save"]`)), chromedp.WaitVisible(css(`p.notice`)))
	if notice, _ := chromedp.Run(ctx, chromedp.Text(css(`p.notice`))); notice != "Sparat." {
		t.Errorf("notice %q after saving", notice)
	}

	// Publish: the progress page reloads itself until the result is there.
	step("publish", chromedp.Click(css(`form.publish button`)), chromedp.WaitVisible(css(`#published, #failed`)))
	heading, err := chromedp.Run(ctx, chromedp.Text(css(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	if heading != "Publicerat: version 2" {
		page, _ := chromedp.Run(ctx, chromedp.Text(css(`main`)))
		t.Fatalf("after Publish the page says %q:\n%s", heading, page)
	}
	row, err := chromedp.Run(ctx, chromedp.Text(css(`tr[data-kind="articles"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if cells := strings.Fields(row); strings.Join(cells, " ") != "Artiklar 1 0 0" {
		t.Errorf("the changes row for articles is %q, want one added", row)
	}
	if shots != "" {
		shoot(t, ctx, filepath.Join(shots, "editor-published.png"), `h1`)
		step("list", chromedp.Navigate(ed.URL+"/?kind=articles"))
		shoot(t, ctx, filepath.Join(shots, "editor-list.png"), `table.items`)
		step("the Arabic interface", chromedp.Navigate(ed.URL+"/edit/articles/bokcirkel?ui=ar"), chromedp.WaitVisible(byName("title.ar")))
		shoot(t, ctx, filepath.Join(shots, "editor-ar-ui.png"), `header`)
	}

	syncKiosk()
	if !found("sv", "bokcirkel") {
		t.Error("after the sync, `motesplats search bokcirkel` does not find the new article")
	}
	if !found("ar", "نادي الكتاب") {
		t.Error("after the sync, the Arabic search does not find the new article")
	}
	t.Logf("editor to kiosk in %v", time.Since(begin).Round(time.Millisecond))
}

// TestEditorFlagsChangedSwedish: in a real headless Chromium, the
// Swedish title of an article is edited and saved; its Ukrainian title
// then shows the "changed in Swedish since the translation" flag, which
// goes away when the Ukrainian title is edited and saved. The Arabic one,
// still flagged, is marked "still correct" without an edit.
func TestEditorFlagsChangedSwedish(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium is not installed (`.ci/deps test` installs it): the real-browser test of the editor did not run")
	}
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../assets/content")); err != nil {
		t.Fatal(err)
	}
	srv, err := editor.New(editor.Options{Content: content, Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	ed := httptest.NewServer(srv)
	defer ed.Close()
	ctx := browser(t, exe)
	byName := func(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	flags := func() []string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('p.stale[data-stale]')].filter(e => e.offsetParent !== null).map(e => e.dataset.stale)`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	const page = "/edit/articles/emergency-112?ui=sv"
	step("open", chromedp.Navigate(ed.URL+page), chromedp.WaitVisible(byName("title.sv")))
	if got := flags(); len(got) != 0 {
		t.Fatalf("flags before any change: %v", got)
	}
	step("edit the Swedish title",
		chromedp.SetValue(byName("title.sv"), "Ring 112 när någon är i fara"),
		chromedp.Click(css(`button[name="save"]`)),
		chromedp.WaitVisible(css(`p.notice`)),
		chromedp.WaitVisible(css(`p.stale[data-stale="title.uk"]`)),
	)
	if got := strings.Join(flags(), " "); got != "title.uk title.ar title.en" {
		t.Errorf("after the Swedish changed, flags %q", got)
	}
	flag, err := chromedp.Run(ctx, chromedp.Text(css(`p.stale[data-stale="title.uk"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flag, "Svenskan har ändrats sedan översättningen skrevs.") {
		t.Errorf("the flag says %q", flag)
	}
	if shots := os.Getenv("MOTESPLATS_EDITOR_SCREENSHOTS"); shots != "" {
		shoot(t, ctx, filepath.Join(shots, "editor-changed-swedish.png"), `[data-field="title"]`)
	}
	step("save the Ukrainian title",
		chromedp.SetValue(byName("title.uk"), "Телефонуйте 112, коли хтось у небезпеці"),
		chromedp.Click(css(`button[name="save"]`)),
		chromedp.WaitVisible(css(`p.notice`)),
		chromedp.WaitVisible(css(`p.stale[data-stale="title.ar"]`)),
	)
	if got := strings.Join(flags(), " "); got != "title.ar title.en" {
		t.Errorf("after saving the Ukrainian title, flags %q", got)
	}
	step("the Arabic title is still correct",
		chromedp.Click(css(`p.stale[data-stale="title.ar"] input[name="confirm"]`)),
		chromedp.Click(css(`button[name="save"]`)),
		chromedp.WaitVisible(css(`p.notice`)),
		chromedp.WaitVisible(css(`p.stale[data-stale="title.en"]`)),
	)
	if got := strings.Join(flags(), " "); got != "title.en" {
		t.Errorf("after still correct, flags %q", got)
	}
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string {
	return "build motesplats: " + e.err.Error() + "\n" + string(e.out)
}

// browser starts a headless Chromium for the test; it stops with it.
func browser(t *testing.T, exe string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.WindowSize(1280, 1400),
		chromedp.Flag("lang", "sv"),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	return ctx
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
