package source

import (
	"strings"
	"testing"
	"testing/fstest"
)

// eventJSON is an event with every recurrence exception the source format
// has (docs/content-format.md).
const eventJSON = `{"id": "sprakcafe", "title": {"sv": "Språkcafé"},
 "start": "2027-03-02T17:00:00+01:00", "end": "2027-03-02T19:00:00+01:00", "timeZone": "Europe/Stockholm",
 "rrule": "FREQ=WEEKLY;COUNT=8",
 "exdates": ["2027-03-16T17:00:00+01:00"],
 "rdates": [{"start": "2027-03-25T10:00:00+01:00", "end": "2027-03-25T12:00:00+01:00"}],
 "overrides": [{"recurrenceId": "2027-04-06T17:00:00+02:00", "start": "2027-04-07T18:00:00+02:00",
                "place": {"name": {"sv": "Fritidsgården"}}},
               {"recurrenceId": "2027-03-30T17:00:00+02:00", "cancelled": true}],
 "attendance": "offline", "place": {"name": {"sv": "Biblioteket"}}}`

func TestEventExceptionsRead(t *testing.T) {
	set, err := Read(fstest.MapFS{"events/sprakcafe.json": file(eventJSON)})
	if err != nil {
		t.Fatal(err)
	}
	e := set.Events[0]
	var got []string
	for _, s := range e.Occurrences(e.Start, e.Start.AddDate(1, 0, 0)) {
		got = append(got, s.Format("01-02 15:04"))
	}
	want := "03-02 17:00 03-09 17:00 03-23 17:00 03-25 10:00 04-07 18:00 04-13 17:00 04-20 17:00"
	if strings.Join(got, " ") != want {
		t.Errorf("occurrences %v, want %s", got, want)
	}
	// A misspelt field is refused, as for every other field.
	_, err = Read(fstest.MapFS{"events/sprakcafe.json": file(strings.Replace(eventJSON, `"exdates"`, `"exdate"`, 1))})
	if err == nil || !strings.Contains(err.Error(), "exdate") {
		t.Errorf("misspelt exdates: %v", err)
	}
}
