package handout

import (
	"bytes"
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/takeaway"
)

// Files are what "Export" writes for a whole My list: every event in one
// calendar, every service in one address book, each nil when the list
// has none of that kind.
type Files struct {
	Calendar []byte // .ics
	Contacts []byte // .vcf
	Events   int
	Services int
}

// Export makes the calendar and the contact cards of the list in lang.
func Export(events []content.Event, services []content.Service, lang content.Lang, now time.Time) (Files, error) {
	f := Files{Events: len(events), Services: len(services)}
	if len(events) > 0 {
		ics, err := takeaway.EventsICS(events, lang, now)
		if err != nil {
			return Files{}, err
		}
		f.Calendar = ics
	}
	var cards bytes.Buffer
	for _, s := range services {
		card, err := takeaway.ServiceVCard(s, lang)
		if err != nil {
			return Files{}, err
		}
		cards.Write(card)
	}
	if cards.Len() > 0 {
		f.Contacts = cards.Bytes()
	}
	return f, nil
}
