package handout

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

func TestExportKeepsEveryEventAndService(t *testing.T) {
	now := time.Date(2024, 5, 8, 10, 0, 0, 0, time.UTC)
	var events []content.Event
	for i, id := range []string{"open-house", "language-cafe", "job-fair"} {
		start := now.AddDate(0, 0, i+1)
		events = append(events, content.Event{ID: id, Title: content.Text{"sv": "Evenemang " + id}, TimeZone: "Europe/Stockholm",
			Start: start, End: start.Add(2 * time.Hour)})
	}
	services := []content.Service{
		{ID: "migrationsverket", Name: content.Text{"sv": "Migrationsverket"}, Phone: "0771-235 235"},
		{ID: "forsakringskassan", Name: content.Text{"sv": "Försäkringskassan"}},
	}
	f, err := Export(events, services, content.Swedish, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if !bytes.Contains(f.Calendar, []byte("UID:"+e.ID+"@")) {
			t.Errorf("the calendar lacks event %s", e.ID)
		}
	}
	if n := bytes.Count(f.Calendar, []byte("BEGIN:VEVENT")); n != len(events) {
		t.Errorf("the calendar has %d events, want %d", n, len(events))
	}
	if n := bytes.Count(f.Contacts, []byte("BEGIN:VCARD")); n != len(services) {
		t.Errorf("the contacts file has %d cards, want %d", n, len(services))
	}
	for _, s := range services {
		if !bytes.Contains(f.Contacts, []byte("FN:"+s.Name["sv"])) {
			t.Errorf("the contacts lack %s", s.ID)
		}
	}
	none, err := Export(nil, nil, content.Swedish, now)
	if err != nil || none.Calendar != nil || none.Contacts != nil {
		t.Errorf("an empty list made files: %+v, %v", none, err)
	}
}

func TestListCodesSplitAtItems(t *testing.T) {
	doc := Doc{Heading: "Mötesplats", Date: "8 maj 2024"}
	for i := range 12 {
		doc.Items = append(doc.Items, Item{Title: Text{Text: strings.Repeat("Titel ", 10) + string(rune('A'+i))},
			Facts: []Text{{Text: "Telefon: +46 771 235 235"}, {Text: "Adress: Gatan 1, 111 11 Staden"}}})
	}
	codes := ListCodes(doc, 600)
	if len(codes) < 2 {
		t.Fatalf("%d codes for a long list, want several", len(codes))
	}
	all := ""
	for i, c := range codes {
		if len(c) > 600 {
			t.Errorf("code %d holds %d bytes, over 600", i, len(c))
		}
		if !bytes.Contains(c, []byte("Mötesplats · 8 maj 2024")) {
			t.Errorf("code %d lacks the heading", i)
		}
		all += string(c)
	}
	for i := range 12 {
		if !strings.Contains(all, strings.Repeat("Titel ", 10)+string(rune('A'+i))) {
			t.Errorf("item %d is in no code", i+1)
		}
	}
	if one := ListCodes(Doc{Heading: "M", Items: doc.Items[:1]}, 600); len(one) != 1 || bytes.HasPrefix(one[0], []byte("(1/")) {
		t.Errorf("a short list should be one unnumbered code: %q", one)
	}
}

// fakeCUPS puts lp and lpstat scripts first on PATH; lp keeps what it
// was sent in dir/printed.pdf.
func fakeCUPS(t *testing.T, defaultPrinter string) string {
	dir := t.TempDir()
	lpstat := "#!/bin/sh\necho 'no system default destination'\n"
	if defaultPrinter != "" {
		lpstat = "#!/bin/sh\necho 'system default destination: " + defaultPrinter + "'\n"
	}
	lp := "#!/bin/sh\ncat > '" + dir + "/printed.pdf'\necho \"$@\" > '" + dir + "/args'\necho 'request id is Office-7 (1 file(s))'\n"
	for name, body := range map[string]string{"lpstat": lpstat, "lp": lp} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}

func TestPrintSendsThePDFToTheDefaultPrinter(t *testing.T) {
	dir := fakeCUPS(t, "Office")
	name, ok := DefaultPrinter()
	if !ok || name != "Office" {
		t.Fatalf("DefaultPrinter() = %q, %v; want Office", name, ok)
	}
	pdf := []byte("%PDF-1.7 test")
	msg, err := Print(pdf, "Handout")
	if err != nil || !strings.Contains(msg, "Office-7") {
		t.Fatalf("Print: %q, %v", msg, err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "printed.pdf"))
	if err != nil || !bytes.Equal(got, pdf) {
		t.Errorf("lp got %q, want the PDF", got)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	if !strings.Contains(string(args), "-t Handout") {
		t.Errorf("lp args %q lack the title", args)
	}
}

func TestNoDefaultPrinter(t *testing.T) {
	fakeCUPS(t, "")
	if name, ok := DefaultPrinter(); ok {
		t.Errorf("DefaultPrinter() = %q with none set", name)
	}
	t.Setenv("PATH", t.TempDir())
	if _, ok := DefaultPrinter(); ok {
		t.Error("a printer without lp")
	}
	if _, err := Print([]byte("x"), "x"); err == nil {
		t.Error("Print without lp did not fail")
	}
}
