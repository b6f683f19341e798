package importer

import (
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// Issue 13, part 4, for importers: marks and overrides hidden in an
// imported phone number, street or language are stripped (the number is
// then shown as stored, not reordered); what cannot be a phone number is
// left out with a note; an imported item never breaks the text policy.
func TestHSDSImportFollowsTheTextPolicy(t *testing.T) {
	in := `[{"id": "s1", "name": "Vård\u200f", "status": "active",
		"phones": [{"number": "\u202e7711\u202c"}],
		"languages": [{"code": "s\u200fv"}],
		"service_at_locations": [{"location": {"addresses": [{"address_1": "Storgatan \u202e21\u202c", "city": "Örebro", "postal_code": "702\u200e 10"}]}}]},
		{"id": "s2", "name": "Jobb", "status": "active", "phones": [{"number": "070-123 \u200f45 67", "extension": "12"}]},
		{"id": "s3", "name": "Växel", "status": "active", "phones": [{"number": "ring växeln"}]}]`
	set, rep, err := HSDS(strings.NewReader(in), content.Swedish)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, set, rep, 3, 0)
	got := services(set)
	s1, s2 := got["s1"], got["s2"]
	if s1.Phone != "7711" || s1.Name["sv"] != "Vård" || len(s1.Languages) != 1 || s1.Languages[0] != "sv" {
		t.Errorf("s1 = phone %q, name %q, languages %q", s1.Phone, s1.Name["sv"], s1.Languages)
	}
	if s1.Address == nil || s1.Address.Street != "Storgatan 21" || s1.Address.PostalCode != "702 10" {
		t.Errorf("s1 address = %+v", s1.Address)
	}
	if s2.Phone != "070-123 45 67 ext. 12" || got["s3"].Phone != "" {
		t.Errorf("s2 phone = %q, s3 phone = %q", s2.Phone, got["s3"].Phone)
	}
	if !strings.Contains(rep.Summary(), `phone "ring växeln" left out`) {
		t.Errorf("the report does not name the phone left out:\n%s", rep.Summary())
	}
}
