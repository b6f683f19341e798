package editor

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

const fixture = "testdata/content"

func loopback(dir string) Options { return Options{Content: dir, Loopback: true} }

// session opens the list page (which starts a session on loopback) and
// returns the CSRF token of its forms.
func csrfOf(t *testing.T, page string) string {
	t.Helper()
	const marker = `name="csrf" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		t.Fatalf("no CSRF token in the page:\n%.2000s", page)
	}
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

func readItem(t *testing.T, dir string, kind content.Kind, id string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, string(kind), id+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func newArticle(csrf string) url.Values {
	return url.Values{
		"csrf": {csrf}, "id": {"test-article"}, "topic": {"health"},
		"title.sv": {"Vårdcentralen"}, "title.uk": {"Медичний центр"}, "title.ar": {"المركز الصحي"}, "title.en": {"The health centre"},
		"body.sv": {"Ring **1177**.\r\nEller gå dit."}, "body.uk": {"Телефонуйте **1177**."},
		"body.ar": {"اتصل بالرقم **1177**."}, "body.en": {"Call **1177**."},
	}
}

func TestCreateArticleInFourLanguages(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	csrf := csrfOf(t, c.get("/new/articles").body)
	resp := c.post("/save/articles", newArticle(csrf))
	if resp.status != http.StatusSeeOther || resp.location != "/edit/articles/test-article?done=saved" {
		t.Fatalf("save: %d %q\n%.3000s", resp.status, resp.location, resp.body)
	}
	m := readItem(t, dir, content.KindArticle, "test-article")
	title := m["title"].(map[string]any)
	if title["ar"] != "المركز الصحي" || title["uk"] != "Медичний центр" || m["topic"] != "health" {
		t.Errorf("saved %v", m)
	}
	// The browser's CR LF is the format's LF (a CR is refused by the text policy).
	if body := m["body"].(map[string]any)["sv"]; body != "Ring **1177**.\nEller gå dit." {
		t.Errorf("body.sv = %q", body)
	}
	if _, err := source.ReadDir(dir); err != nil {
		t.Errorf("the folder no longer validates: %v", err)
	}
	page := c.get("/edit/articles/test-article?done=saved").body
	for _, want := range []string{`id="title.ar" value="المركز الصحي" lang="ar" dir="rtl"`, `id="title.uk" value="Медичний центр" lang="uk" dir="auto"`, "Sparat."} {
		if !strings.Contains(page, want) {
			t.Errorf("the edit page lacks %q", want)
		}
	}
	// A second create with the same id is refused, the first file kept.
	again := newArticle(csrf)
	again.Set("title.sv", "Annan")
	if resp := c.post("/save/articles", again); resp.status != http.StatusConflict {
		t.Errorf("create over an existing id: %d, want 409", resp.status)
	}
	if readItem(t, dir, content.KindArticle, "test-article")["title"].(map[string]any)["sv"] != "Vårdcentralen" {
		t.Error("a create over an existing id replaced the file")
	}
}

// TestRoundTripKeepsEveryItem opens every item of the built-in content
// in the form and saves it unchanged: the file must decode to the same
// item. This is what proves the form covers each field it shows and
// keeps the ones it does not.
func TestRoundTripKeepsEveryItem(t *testing.T) {
	dir := copyDir(t, "../../assets/content")
	_, c := start(t, loopback(dir))
	n := 0
	for _, kind := range content.Kinds {
		files, _ := os.ReadDir(filepath.Join(dir, string(kind)))
		for _, fi := range files {
			id := strings.TrimSuffix(fi.Name(), ".json")
			before := canonical(t, kind, filepath.Join(dir, string(kind), fi.Name()))
			page := c.get("/edit/" + string(kind) + "/" + id)
			if page.status != http.StatusOK {
				t.Fatalf("%s/%s: %d", kind, id, page.status)
			}
			f := formOf(t, page.body, "item")
			resp := c.post(f.action, f.values)
			if resp.status != http.StatusSeeOther {
				t.Errorf("%s/%s: saving unchanged: %d\n%.3000s", kind, id, resp.status, resp.body)
				continue
			}
			if after := canonical(t, kind, filepath.Join(dir, string(kind), fi.Name())); !bytes.Equal(before, after) {
				t.Errorf("%s/%s changed on an unchanged save:\nbefore %s\nafter  %s", kind, id, before, after)
			}
			n++
		}
	}
	if n < 50 {
		t.Errorf("only %d items round-tripped", n)
	}
}

// canonical is an item file decoded into its type and encoded again,
// with times as instants in UTC (a time may be written with another
// offset for the same instant).
func canonical(t *testing.T, kind content.Kind, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	item, _ := content.NewItem(kind)
	if err := json.Unmarshal(data, item); err != nil {
		t.Fatal(err)
	}
	if e, ok := item.(*content.Event); ok {
		e.Start, e.End = e.Start.UTC(), e.End.UTC()
	}
	out, _ := source.Encode(item)
	return out
}

func TestEditConflictWritesNothing(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	f := formOf(t, c.get("/edit/topics/health").body, "item")
	// Someone else saves the file after the form was opened.
	path := filepath.Join(dir, "topics", "health.json")
	other := []byte(strings.Replace(mustRead(t, path), "Hälsa", "Hälsa (ändrad)", 1))
	if err := os.WriteFile(path, other, 0o644); err != nil {
		t.Fatal(err)
	}
	f.values.Set("title.sv", "Min rubrik")
	resp := c.post(f.action, f.values)
	if resp.status != http.StatusConflict || !strings.Contains(resp.body, "Ändrat av någon annan sedan du öppnade det") {
		t.Fatalf("conflicting save: %d\n%.2000s", resp.status, resp.body)
	}
	if got := mustRead(t, path); got != string(other) {
		t.Errorf("the conflicting save wrote the file:\n%s", got)
	}
	// Opened again, the form carries the new version and saves.
	f = formOf(t, c.get("/edit/topics/health").body, "item")
	f.values.Set("title.sv", "Min rubrik")
	if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
		t.Fatalf("save after reopening: %d", resp.status)
	}
	if title := readItem(t, dir, content.KindTopic, "health")["title"].(map[string]any)["sv"]; title != "Min rubrik" {
		t.Errorf("title.sv = %q", title)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestValidationShownBesideFields: each case breaks one field; nothing is
// written and the validator's message sits in that field's box.
// TestValidationShownBesideFields saves invalid articles in each
// interface language: the validator's problem (by its code) is said in
// that language beside the field it names, and nothing is written.
func TestValidationShownBesideFields(t *testing.T) {
	cases := []struct {
		name, field, value, input string
		message                   map[string]string // by interface language
	}{
		{"bidi control in Arabic title", "title.ar", "المركز\u202eالصحي", "title", map[string]string{
			"sv": "202E (RIGHT-TO-LEFT OVERRIDE) vid tecken 7: ett dubbelriktningstecken", "uk": "202E (RIGHT-TO-LEFT OVERRIDE) на позиції 7: керівний символ",
			"ar": "202E (RIGHT-TO-LEFT OVERRIDE) عند الحرف 7: علامة التحكم", "en": "202E (RIGHT-TO-LEFT OVERRIDE) at character 7: a bidirectional control"}},
		{"no title in any language", "title.sv", "", "title", map[string]string{
			"sv": "Måste fyllas i på minst ett språk.", "uk": "Потрібно заповнити хоча б однією мовою.", "ar": "مطلوب بلغة واحدة على الأقل.", "en": "Is required in at least one language."}},
		{"unknown topic", "topic", "no-such-topic", "topic", map[string]string{
			"sv": "Hänvisar till ämnet ”no-such-topic”", "uk": "Посилається на тему «no-such-topic»", "ar": "يشير إلى الموضوع «no-such-topic»", "en": "Refers to the topic &#34;no-such-topic&#34;"}},
		{"bad date", "updated", "2026-13-45", "updated", map[string]string{
			"sv": "”2026-13-45” är inget datum", "uk": "«2026-13-45» — не дата", "ar": "«2026-13-45» ليس تاريخاً", "en": "&#34;2026-13-45&#34; is not a date"}},
		{"bad source", "sources", "ftp://example.org", "sources", map[string]string{
			"sv": "är ingen http(s)-adress", "uk": "не адреса http(s)", "ar": "ليس عنوان http(s)", "en": "is not an http(s) address"}},
		{"bad id", "id", "../../etc/passwd", "id", map[string]string{
			"sv": "är inget giltigt id", "uk": "недійсний ідентифікатор", "ar": "ليس معرّفاً صالحاً", "en": "is not a valid id"}},
		{"order not a number", "order", "första", "order", map[string]string{
			"sv": "”första” är inget heltal", "uk": "«första» — не ціле число", "ar": "«första» ليس عدداً صحيحاً", "en": "&#34;första&#34; is not a whole number"}},
	}
	for _, tc := range cases {
		for ui, message := range tc.message {
			t.Run(tc.name+"/"+ui, func(t *testing.T) {
				dir := copyDir(t, fixture)
				_, c := start(t, loopback(dir))
				form := newArticle(csrfOf(t, c.get("/new/articles").body))
				if tc.field == "title.sv" {
					for _, l := range content.Languages {
						form.Del("title." + string(l))
					}
				} else {
					form.Set(tc.field, tc.value)
				}
				resp := c.post("/save/articles?ui="+ui, form)
				if resp.status != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422\n%.2000s", resp.status, resp.body)
				}
				box := fieldBox(t, resp.body, tc.input)
				if !strings.Contains(box, message) || !strings.Contains(box, `class="problem"`) {
					t.Errorf("the %s field does not show %q:\n%s", tc.input, message, box)
				}
				if _, err := os.Stat(filepath.Join(dir, "articles", "test-article.json")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("an invalid item was written (%v)", err)
				}
				entries, _ := os.ReadDir(filepath.Join(dir, "articles"))
				if len(entries) != 2 {
					t.Errorf("articles/ holds %d files, want the fixture's 2", len(entries))
				}
			})
		}
	}
}

// fieldBox is the HTML of the fieldset for a field path.
func fieldBox(t *testing.T, page, path string) string {
	t.Helper()
	i := strings.Index(page, `data-field="`+path+`"`)
	if i < 0 {
		t.Fatalf("no field %q in the page", path)
	}
	end := strings.Index(page[i:], "</fieldset>")
	return page[i : i+end]
}

func TestTraversalRefused(t *testing.T) {
	dir := copyDir(t, fixture)
	secret := filepath.Join(filepath.Dir(dir), "secret.json")
	os.WriteFile(secret, []byte(`{"id":"x"}`), 0o644)
	_, c := start(t, loopback(dir))
	csrf := csrfOf(t, c.get("/new/articles").body)
	for _, path := range []string{
		"/edit/articles/..%2f..%2fsecret", "/edit/articles/%2e%2e", "/edit/..%2f/x", "/edit/articles/Health",
		"/delete/articles/..%2fhealth-care", "/duplicate/articles/..%2F..%2Fsecret",
	} {
		if resp := c.get(path); resp.status == http.StatusOK {
			t.Errorf("GET %s: 200\n%.500s", path, resp.body)
		}
	}
	for _, path := range []string{"/save/articles/..%2f..%2fsecret", "/delete/topics/..%2f..%2fsecret", "/save/..%2ftopics"} {
		resp := c.post(path, url.Values{"csrf": {csrf}, "id": {"x"}, "title.sv": {"x"}})
		if resp.status < 400 {
			t.Errorf("POST %s: %d", path, resp.status)
		}
	}
	if _, err := os.Stat(secret); err != nil {
		t.Errorf("the file outside the folder is gone: %v", err)
	}
}

func TestBodySizeLimit(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	form := newArticle(csrfOf(t, c.get("/new/articles").body))
	form.Set("body.sv", strings.Repeat("a ", MaxFormBytes))
	resp := c.post("/save/articles", form)
	if resp.status != http.StatusRequestEntityTooLarge && resp.status != http.StatusForbidden {
		t.Errorf("oversized form: %d, want 413", resp.status)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "test-article.json")); err == nil {
		t.Error("an oversized form was written")
	}
}

func TestCSRFTokenRequired(t *testing.T) {
	dir := copyDir(t, fixture)
	ts, c := start(t, loopback(dir))
	csrf := csrfOf(t, c.get("/new/articles").body)
	for name, token := range map[string]string{"none": "", "wrong": strings.Repeat("0", len(csrf))} {
		form := newArticle(token)
		if resp := c.post("/save/articles", form); resp.status != http.StatusForbidden {
			t.Errorf("%s token: %d, want 403", name, resp.status)
		}
	}
	// A form another site posts is refused even with the right token.
	req, _ := http.NewRequest("POST", ts.URL+"/save/articles", strings.NewReader(newArticle(csrf).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "test-article.json")); err == nil {
		t.Error("a forged form was written")
	}
	if resp := c.post("/save/articles", newArticle(csrf)); resp.status != http.StatusSeeOther {
		t.Errorf("with the token: %d", resp.status)
	}
}

func TestAuthRequiredOffLoopback(t *testing.T) {
	dir := copyDir(t, fixture)
	if _, err := New(Options{Content: dir, Loopback: false}); !errors.Is(err, ErrNoPassword) {
		t.Fatalf("off loopback without a password: %v", err)
	}
	hash, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	_, c := start(t, Options{Content: dir, Loopback: false, PasswordHash: hash})
	if resp := c.get("/"); resp.status != http.StatusSeeOther || resp.location != "/login" {
		t.Fatalf("GET / without login: %d %q", resp.status, resp.location)
	}
	if resp := c.post("/save/articles", newArticle("")); resp.status != http.StatusUnauthorized {
		t.Errorf("POST without login: %d", resp.status)
	}
	if resp := c.post("/login", url.Values{"password": {"wrong password!"}}); resp.status != http.StatusUnauthorized {
		t.Errorf("wrong password: %d", resp.status)
	}
	if resp := c.post("/login", url.Values{"password": {"correct horse battery"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("right password: %d", resp.status)
	}
	page := c.get("/")
	if page.status != http.StatusOK {
		t.Fatalf("GET / after login: %d", page.status)
	}
	if resp := c.post("/save/articles", newArticle(csrfOf(t, c.get("/new/articles").body))); resp.status != http.StatusSeeOther {
		t.Errorf("save after login: %d\n%.1000s", resp.status, resp.body)
	}
}

func TestHostMustBeLoopback(t *testing.T) {
	ts, c := start(t, loopback(copyDir(t, fixture)))
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "attacker.example:8090"
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d", resp.StatusCode)
	}
}

func TestDeleteMovesToTrash(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	page := c.get("/delete/articles/health-care")
	if !strings.Contains(page.body, "articles/health-care.json") {
		t.Fatalf("the delete page does not name the file:\n%s", page.body)
	}
	f := formOf(t, strings.Replace(page.body, `class="confirm"`, `id="confirm"`, 1), "confirm")
	resp := c.post(f.action, f.values)
	if resp.status != http.StatusSeeOther {
		t.Fatalf("delete: %d %s", resp.status, resp.body)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "health-care.json")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the file is still there")
	}
	trashed, _ := filepath.Glob(filepath.Join(dir, TrashDir, "articles", "health-care.*.json"))
	if len(trashed) != 1 {
		t.Errorf("trash holds %v", trashed)
	}
	if _, err := source.ReadDir(dir); err != nil {
		t.Errorf("the trash is read as content: %v", err)
	}
}

func TestDuplicateKeepsHiddenParts(t *testing.T) {
	dir := copyDir(t, fixture)
	_, c := start(t, loopback(dir))
	f := formOf(t, c.get("/duplicate/services/vardguiden-1177").body, "item")
	if f.values.Get("id") != "vardguiden-1177-copy" {
		t.Fatalf("duplicate id %q", f.values.Get("id"))
	}
	if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
		t.Fatalf("save duplicate: %d\n%.2000s", resp.status, resp.body)
	}
	a := readItem(t, dir, content.KindService, "vardguiden-1177")
	b := readItem(t, dir, content.KindService, "vardguiden-1177-copy")
	delete(a, "id")
	delete(b, "id")
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("the copy differs:\n%s\n%s", ja, jb)
	}
}

func TestListFilterAndSearch(t *testing.T) {
	_, c := start(t, loopback(copyDir(t, fixture)))
	page := c.get("/?kind=topics").body
	if !strings.Contains(page, "/edit/topics/health") || strings.Contains(page, "/edit/articles/") {
		t.Error("the topics filter shows other kinds or not the topics")
	}
	// Search finds a word of the Ukrainian title of one article only.
	data := mustRead(t, filepath.Join(fixture, "articles", "health-care.json"))
	var a content.Article
	json.Unmarshal([]byte(data), &a)
	word := strings.Fields(a.Title["uk"])[0]
	page = c.get("/?q=" + url.QueryEscape(word)).body
	if !strings.Contains(page, "/edit/articles/health-care") || strings.Contains(page, "/edit/articles/emergency-112") {
		t.Errorf("search %q: wrong items", word)
	}
	if !strings.Contains(page, "Innehållsmappen är giltig.") {
		t.Error("the folder's validation is not shown")
	}
}

func TestPreviewRendersMarkdownWithoutHTML(t *testing.T) {
	_, c := start(t, loopback(copyDir(t, fixture)))
	csrf := csrfOf(t, c.get("/new/articles").body)
	resp := c.post("/preview", url.Values{"csrf": {csrf}, "text": {"Ring **1177**\n\n<script>alert(1)</script>"}})
	if resp.status != http.StatusOK || !strings.Contains(resp.body, "<strong>1177</strong>") || strings.Contains(resp.body, "<script>") {
		t.Errorf("preview: %d %q", resp.status, resp.body)
	}
}

func TestInterfaceLanguageSticks(t *testing.T) {
	_, c := start(t, loopback(copyDir(t, fixture)))
	if page := c.get("/new/articles").body; !strings.Contains(page, ">Spara<") {
		t.Error("the default interface is not Swedish")
	}
	c.get("/?ui=en")
	if page := c.get("/new/articles").body; !strings.Contains(page, ">Save<") || !strings.Contains(page, "العربية (ar)") {
		t.Error("?ui=en did not stick, or the content languages went with it")
	}
}
