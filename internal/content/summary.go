package content

import (
	"fmt"
	"time"

	// The items were written by encoding/json (store.Apply); go-json reads
	// the few fields of a summary 2.5–4 times as fast (BenchmarkSummaryVsItem,
	// internal/store), a quarter of a first-time search keystroke before.
	json "github.com/goccy/go-json"
)

// Summary is what a list row shows of an item: its kind, id and title,
// and the few facts a row adds to it (where a service is and when it is
// open, when an event starts). store.Tx.Summary reads one without
// decoding the item's long texts, which a search result row does not
// show.
//
// Contract: Kind, ID and Title are those of the item (Title is Main());
// Municipality, TimeZone and Hours are set for services only, Start for
// events only; everything else is the zero value.
type Summary struct {
	Kind  Kind
	ID    string
	Title Text

	Organisation Text          // a service's organisation
	Municipality string        // a service's municipality id ("" national)
	TimeZone     string        // a service's zone for its hours ("" Sweden's)
	Hours        *OpeningHours // a service's hours (nil unknown)

	Start time.Time // an event's first start
}

// SummaryOf is the summary of an item already decoded.
func SummaryOf(it Item) Summary {
	s := Summary{Kind: it.Kind(), ID: it.ItemID(), Title: it.Main()}
	switch v := it.(type) {
	case *Service:
		s.Organisation, s.Municipality, s.TimeZone, s.Hours = v.Organisation, v.Municipality, v.TimeZone, v.Hours
	case *Event:
		s.Start = v.Start
	}
	return s
}

// DecodeSummary decodes the summary of a stored item of a kind (its JSON
// as in a feed shard), skipping every field a summary does not take. It is
// SummaryOf the decoded item, for less than half the cost.
func DecodeSummary(kind Kind, id string, data []byte) (Summary, error) {
	if _, err := typeOf(kind); err != nil {
		return Summary{}, err
	}
	s := Summary{Kind: kind, ID: id}
	var err error
	switch kind {
	case KindService:
		var f struct {
			Name         Text          `json:"name"`
			Organisation Text          `json:"organisation"`
			Municipality string        `json:"municipality"`
			TimeZone     string        `json:"timeZone"`
			Hours        *OpeningHours `json:"hours"`
		}
		err = json.Unmarshal(data, &f)
		s.Title, s.Organisation, s.Municipality, s.TimeZone, s.Hours = f.Name, f.Organisation, f.Municipality, f.TimeZone, f.Hours
	case KindEvent:
		var f struct {
			Title Text      `json:"title"`
			Start time.Time `json:"start"`
		}
		err = json.Unmarshal(data, &f)
		s.Title, s.Start = f.Title, f.Start
	case KindProject, KindMunicipality:
		var f struct {
			Name Text `json:"name"`
		}
		err = json.Unmarshal(data, &f)
		s.Title = f.Name
	default: // articles and topics
		var f struct {
			Title Text `json:"title"`
		}
		err = json.Unmarshal(data, &f)
		s.Title = f.Title
	}
	if err != nil {
		return Summary{}, fmt.Errorf("%s %q: %w", kind, id, err)
	}
	return s, nil
}
