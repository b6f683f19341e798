package editor

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
	"github.com/motesplats/motesplats/internal/xliff"
)

// stripLang removes a language from every text of an item file and
// returns the texts removed, by unit id.
func stripLang(t *testing.T, dir string, kind content.Kind, id string, lang content.Lang) map[string]string {
	t.Helper()
	fo := &folder{dir: dir}
	m, _, err := fo.read(kind, id)
	if err != nil {
		t.Fatal(err)
	}
	removed := map[string]string{}
	walkTexts(m, "", func(path string, text map[string]any) {
		if s, ok := text[string(lang)].(string); ok {
			removed[unitID(kind, id, path)] = s
			delete(text, string(lang))
		}
	})
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, string(kind), id+".json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return removed
}

// fill plays the translator: it adds to every unit of an exported file a
// target, the text from want written with the source's codes (matched by
// their Markdown, in order), as a tool writes it back.
func fill(t *testing.T, exported string, want map[string]string, lang string) string {
	t.Helper()
	doc, err := xliff.Read(strings.NewReader(exported))
	if err != nil {
		t.Fatal(err)
	}
	out := exported
	for _, f := range doc.Files {
		for _, u := range f.Units {
			text, ok := want[u.ID]
			if !ok {
				t.Fatalf("unit %s was exported but not removed", u.ID)
			}
			used := map[int]bool{}
			var b strings.Builder
			fmt.Fprintf(&b, "<target xml:lang=%q state=\"translated\">", lang)
			for _, p := range xliff.Segment(text) {
				if !p.IsCode() {
					xml.EscapeText(&b, []byte(p.Text))
					continue
				}
				id := 0
				for _, s := range u.Source {
					if s.IsCode() && s.Code == p.Code && !used[s.ID] {
						id = s.ID
						break
					}
				}
				if id == 0 {
					t.Fatalf("unit %s: the translation's code %q is not in the source", u.ID, p.Code)
				}
				used[id] = true
				fmt.Fprintf(&b, `<ph id="%d">`, id)
				xml.EscapeText(&b, []byte(p.Code))
				b.WriteString("</ph>")
			}
			b.WriteString("</target>\n")
			start := strings.Index(out, fmt.Sprintf("<trans-unit id=%q", u.ID))
			end := start + strings.Index(out[start:], "</source>\n") + len("</source>\n")
			out = out[:end] + b.String() + out[end:]
		}
	}
	return out
}

func digest(t *testing.T, dir string) string {
	t.Helper()
	set, err := source.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return set.Digest()
}

// translationCase is the fixture with Ukrainian removed from two items,
// exported and filled back in with the Ukrainian that was removed.
func translationCase(t *testing.T) (dir, want, filled string, units int) {
	t.Helper()
	dir, pristine := copyDir(t, fixture), copyDir(t, fixture)
	removed := stripLang(t, dir, content.KindArticle, "health-care", content.Ukrainian)
	for k, v := range stripLang(t, dir, content.KindProject, "kias-2", content.Ukrainian) {
		removed[k] = v
	}
	doc, err := ExportXLIFF(dir, content.Ukrainian, Since{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	if Units(doc) != len(removed) {
		t.Errorf("exported %d units; %d texts lack Ukrainian", Units(doc), len(removed))
	}
	return dir, digest(t, pristine), fill(t, b.String(), removed, "uk-UA"), len(removed)
}

func TestXLIFFRoundTrip(t *testing.T) {
	dir, want, filled, units := translationCase(t)
	for _, code := range []string{`<ph id="1" ctype="x-markdown">## </ph>`, `ctype="lb">`, `<ph id="5" ctype="x-markdown">[</ph>1177.se<ph id="6" ctype="x-markdown">](https://www.1177.se)</ph>`} {
		if !strings.Contains(filled, code) {
			t.Errorf("the export lacks %s", code)
		}
	}
	// Trados marks segments with <mrk>; its text is read through it.
	filled = strings.Replace(filled, `state="translated">KIAS 2.0</target>`, `state="translated"><mrk mtype="seg" mid="1">KIAS 2.0</mrk></target>`, 1)
	report, err := ImportXLIFF(dir, strings.NewReader(filled))
	if err != nil {
		t.Fatal(err)
	}
	if report.Units != units || report.Changed != units || report.Items != 2 || report.Lang != content.Ukrainian {
		t.Errorf("report %+v, want %d units in 2 items", report, units)
	}
	if got := digest(t, dir); got != want {
		t.Error("after the round trip the content differs from the original")
	}
	// Nothing is left to translate, and a second import changes nothing.
	doc, _ := ExportXLIFF(dir, content.Ukrainian, Since{})
	if Units(doc) != 0 {
		t.Errorf("after the import %d units are still exported", Units(doc))
	}
	if report, err := ImportXLIFF(dir, strings.NewReader(filled)); err != nil || report.Items != 0 {
		t.Errorf("importing again: %+v %v", report, err)
	}
}

func TestXLIFFImportRefused(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"missing target", `<target xml:lang="uk-UA" state="translated">KIAS 2.0</target>`, ``, "unit projects/kias-2/name: missing translation"},
		{"empty target", `<target xml:lang="uk-UA" state="translated">KIAS 2.0</target>`, `<target xml:lang="uk-UA"> </target>`, "unit projects/kias-2/name: missing translation"},
		{"placeholder gone", `<ph id="3">**</ph>`, ``, `unit articles/health-care/body: the translation lacks the code(s) <ph id="3"> ("**")`},
		{"placeholder twice", `<ph id="3">**</ph>`, `<ph id="3">**</ph><ph id="3">**</ph>`, `unit articles/health-care/body: the code <ph id="3"> is in the translation twice`},
		{"placeholder invented", `<ph id="3">**</ph>`, `<ph id="3">**</ph><ph id="99">**</ph>`, `unit articles/health-care/body: the translation has a code <ph id="99">`},
		{"wrong target language", `target-language="uk"`, `target-language="ar"`, `the target is in "uk-UA", the file's target language is "ar"`},
		{"into Swedish", `target-language="uk"`, `target-language="sv"`, `the file's target language is "sv"`},
		{"unknown item", `id="articles/health-care/title"`, `id="articles/no-such/title"`, "unit articles/no-such/title: unknown id: there is no articles/no-such.json"},
		{"unknown field", `id="articles/health-care/title"`, `id="articles/health-care/tittle"`, `unit articles/health-care/tittle: unknown id: articles/health-care has no text "tittle"`},
		{"Swedish changed", `Vården i Sverige</source>`, `Vården i Norge</source>`, "unit articles/health-care/title: the Swedish changed since the file was exported"},
		{"other XLIFF", `version="1.2"`, `version="2.0"`, `this is XLIFF "2.0"; the editor reads XLIFF 1.2`},
		{"broken XML", `</xliff>`, `</xlif>`, "line "},
		{"other inline element", `<ph id="3">**</ph>`, `<g id="3">**</g>`, "unit articles/health-care/body: <g> in the target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _, filled, _ := translationCase(t)
			before := digest(t, dir)
			if !strings.Contains(filled, tc.old) {
				t.Fatalf("the filled file lacks %q", tc.old)
			}
			broken := strings.Replace(filled, tc.old, tc.new, 1)
			_, err := ImportXLIFF(dir, strings.NewReader(broken))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v\nwant it to say %q", err, tc.want)
			}
			if digest(t, dir) != before {
				t.Error("a refused import changed the content")
			}
		})
	}
}

// A translation the validator refuses is refused whole, the item and
// field named.
func TestXLIFFImportValidated(t *testing.T) {
	dir, _, filled, _ := translationCase(t)
	before := digest(t, dir)
	long := strings.Repeat("Д", 70_000)
	i := strings.Index(filled, `<trans-unit id="articles/health-care/title"`)
	j := i + strings.Index(filled[i:], `state="translated">`) + len(`state="translated">`)
	k := j + strings.Index(filled[j:], "</target>")
	_, err := ImportXLIFF(dir, strings.NewReader(filled[:j]+long+filled[k:]))
	if err == nil || !strings.Contains(err.Error(), "articles/health-care: title") {
		t.Errorf("an over-long title: %v", err)
	}
	if digest(t, dir) != before {
		t.Error("a refused import changed the content")
	}
}

// uploadXLIFF posts a file to the editor's import form as a browser does.
func uploadXLIFF(t *testing.T, c *client, csrf, body string) response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("csrf", csrf)
	part, _ := w.CreateFormFile("file", "uk.xlf")
	part.Write([]byte(body))
	w.Close()
	resp, err := c.hc.Post(c.base+"/xliff/import", w.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	return read(t, resp)
}

func TestXLIFFInTheEditor(t *testing.T) {
	dir, want, filled, units := translationCase(t)
	_, c := start(t, loopback(dir))
	csrf := csrfOf(t, c.get("/translate").body)

	resp, err := c.hc.Get(c.base + "/xliff/export?lang=uk")
	if err != nil {
		t.Fatal(err)
	}
	download := read(t, resp)
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="motesplats-sv-uk.xlf"` {
		t.Errorf("Content-Disposition %q", got)
	}
	doc, err := xliff.Read(strings.NewReader(download.body))
	if err != nil || Units(doc) != units {
		t.Errorf("the download: %v, %d units", err, Units(doc))
	}
	if r := c.get("/xliff/export?lang=uk&since=yesterday"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "give a date") {
		t.Errorf("a bad since: %d", r.status)
	}

	broken := strings.Replace(filled, `<ph id="3">**</ph>`, "", 1)
	r := uploadXLIFF(t, c, csrf, broken)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "unit articles/health-care/body: the translation lacks the code(s)") {
		t.Errorf("a broken upload: %d\n%.2000s", r.status, r.body)
	}
	r = uploadXLIFF(t, c, csrf, filled)
	if r.status != http.StatusOK || !strings.Contains(r.body, fmt.Sprintf("Lästa texter (uk): %d; ändrade: %d; sparade objekt: 2.", units, units)) {
		t.Errorf("the upload: %d\n%.2000s", r.status, r.body)
	}
	if digest(t, dir) != want {
		t.Error("after the upload the content differs from the original")
	}
}
