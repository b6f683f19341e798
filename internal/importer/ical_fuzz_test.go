package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// FuzzICal feeds the iCalendar importer arbitrary bytes: it must never
// panic, must answer quickly, and whatever it imports must be valid. The
// fixtures are the seed corpus, so `go test` runs them every time;
// `go test -fuzz FuzzICal ./internal/importer/` searches further.
func FuzzICal(f *testing.F) {
	files, _ := filepath.Glob("testdata/ical/*.ics")
	files = append(files, "testdata/events.ics")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("BEGIN:VEVENT\r\nDTSTART:20270101T100000Z\r\nRRULE:FREQ=SECONDLY;COUNT=300000000\r\nSUMMARY:x\r\nLOCATION:y\r\nEND:VEVENT\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a:b\";X=1,2:20270101T100000\nEND:VCALENDAR\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		began := time.Now()
		set, _, err := ICalWith(bytes.NewReader(data), ICalOptions{Lang: content.Swedish, Place: "Här"})
		if err != nil {
			return
		}
		if ps := set.Validate(); len(ps) > 0 {
			t.Fatalf("imported set is not valid: %v", ps)
		}
		if d := time.Since(began); d > 5*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}
