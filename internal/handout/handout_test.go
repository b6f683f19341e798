package handout

import (
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/i18n"
)

func TestInternationalPhone(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0771-235 235", "+46 771 235 235"},
		{"08-508 00 000", "+46 8 508 00 000"},
		{"+46 8 123 45 67", "+46 8 123 45 67"},
		{"0046 771 235 235", "+46 771 235 235"},
		{"112", "112"},
		{"116 111", "116 111"},
		{"0771-235 235 ext. 12", "+46 771 235 235 ext. 12"},
	} {
		if got := InternationalPhone(c.in); got != c.want {
			t.Errorf("InternationalPhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBuildListsTheWeekAndTheEvent(t *testing.T) {
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	sv := cat.For(content.Swedish)
	now := time.Date(2024, 5, 8, 10, 0, 0, 0, i18n.Stockholm) // a Wednesday
	svc := &content.Service{
		ID: "s", Name: content.Text{"sv": "Tjänsten"}, Phone: "0771-235 235",
		Address: &content.Address{Street: "Gatan 1", PostalCode: "111 11", City: "Staden"},
		Hours: &content.OpeningHours{
			Weekly:     map[string][]content.TimeSlot{"mon": {{Opens: "09:00", Closes: "16:00"}}, "wed": {{Opens: "10:00", Closes: "12:00"}}},
			Exceptions: []content.HoursException{{Date: "2024-05-09", Closed: true}},
		},
	}
	ev := &content.Event{ID: "e", Title: content.Text{"uk": "Зустріч"}, TimeZone: "Europe/Stockholm",
		Start: time.Date(2024, 5, 15, 13, 0, 0, 0, i18n.Stockholm), End: time.Date(2024, 5, 15, 15, 0, 0, 0, i18n.Stockholm)}
	doc := Build([]any{svc, ev}, sv, now, "Mötesplats")
	if len(doc.Items) != 2 {
		t.Fatalf("got %d items, want 2", len(doc.Items))
	}
	facts := texts(doc.Items[0].Facts)
	for _, want := range []string{"+46 771 235 235", "Gatan 1, 111 11 Staden", "09:00–16:00", "10:00–12:00"} {
		if !strings.Contains(facts, want) {
			t.Errorf("service facts lack %q:\n%s", want, facts)
		}
	}
	if n := strings.Count(facts, sv.T("Closed", nil)); n != 5 {
		t.Errorf("%d closed days, want 5 (Tue, Thu by exception, Fri–Sun):\n%s", n, facts)
	}
	if doc.Items[0].QR == nil || doc.Items[1].QR == nil {
		t.Error("an item has no code")
	}
	if got := doc.Items[1].Title; got.Text != "Зустріч" || got.Dir != DirOf(content.Ukrainian) {
		t.Errorf("event title %+v, want the Ukrainian fallback", got)
	}
	if facts := texts(doc.Items[1].Facts); !strings.Contains(facts, "13:00–15:00") {
		t.Errorf("event facts lack its time:\n%s", facts)
	}
}

func texts(ts []Text) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(strings.NewReplacer("\u2066", "", "\u2069", "").Replace(t.Text) + "\n")
	}
	return b.String()
}
