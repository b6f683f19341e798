package takeaway

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"

	"github.com/motesplats/motesplats/internal/content"
)

func parseCard(t *testing.T, out []byte) vcard.Card {
	t.Helper()
	card, err := vcard.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("go-vcard cannot parse it: %v\n%s", err, out)
	}
	if v := card.Value(vcard.FieldVersion); v != "3.0" {
		t.Errorf("VERSION %q", v)
	}
	return card
}

func TestServiceVCardBuiltin(t *testing.T) {
	for _, s := range builtin(t).Services {
		for _, lang := range content.Languages {
			t.Run(s.ID+"/"+string(lang), func(t *testing.T) {
				out, err := ServiceVCard(s, lang)
				if err != nil {
					t.Fatal(err)
				}
				checkLines(t, out)
				if len(out) > QRBudget {
					t.Errorf("%d bytes, over the QR budget of %d", len(out), QRBudget)
				}
				card := parseCard(t, out)
				checkField(t, card, vcard.FieldFormattedName, s.Name.String(lang))
				checkField(t, card, vcard.FieldTelephone, InternationalPhone(s.Phone))
				checkField(t, card, vcard.FieldEmail, s.Email)
				checkField(t, card, vcard.FieldURL, s.Website)
				if s.Geo != nil {
					checkField(t, card, vcard.FieldGeolocation, coordinate(s.Geo.Lat)+";"+coordinate(s.Geo.Lon))
				}
				if a := card.Address(); !s.Address.Empty() {
					if a == nil || a.StreetAddress != s.Address.Street || a.Locality != s.Address.City || a.PostalCode != s.Address.PostalCode {
						t.Errorf("ADR %+v, want %+v", a, *s.Address)
					}
				} else if a != nil {
					t.Errorf("ADR %+v for a service without an address", a)
				}
				note := strings.TrimSuffix(card.Value(vcard.FieldNote), "…")
				if !strings.HasPrefix(s.Description.String(lang), strings.TrimSpace(note)) {
					t.Errorf("NOTE %q is not the start of the description", note)
				}
			})
		}
	}
}

func TestPhoneInInternationalForm(t *testing.T) {
	cases := map[string]string{
		"0771-524 524":     "+46 771 524 524",
		"0771-11 77 00":    "+46 771 11 77 00",
		"08-123 456 78":    "+46 8 123 456 78",
		" 0640-161 00 ":    "+46 640 161 00",
		"0046 771 524 524": "+46 771 524 524",
		"+46 771 235 235":  "+46 771 235 235",
		"112":              "112",
		"114 14":           "114 14",
		"116 111":          "116 111",
		"":                 "",
	}
	for in, want := range cases {
		if got := InternationalPhone(in); got != want {
			t.Errorf("InternationalPhone(%q) = %q, want %q", in, got, want)
		}
	}
	// The card carries the international form, the screen keeps the
	// national one.
	s := exampleService()
	s.Phone = "0771-524 524"
	card := parseCard(t, serviceCard(s, content.English, ""))
	checkField(t, card, vcard.FieldTelephone, "+46 771 524 524")
}

func checkField(t *testing.T, card vcard.Card, field, want string) {
	t.Helper()
	if got := card.Value(field); got != want {
		t.Errorf("%s %q, want %q", field, got, want)
	}
}

// exampleService has obviously made-up contact data.
func exampleService() content.Service {
	return content.Service{
		ID:           "example-service",
		Name:         content.Text{"sv": "Exempeltjänsten", "ar": "الخدمة التجريبية (Exempeltjänsten)", "uk": "Приклад служби"},
		Organisation: content.Text{"sv": "Exempelorganisationen"},
		Description:  content.Text{"sv": "Hjälp med allt, på många språk.", "ar": "مساعدة في كل شيء، بلغات كثيرة."},
		Address:      &content.Address{Street: "Exempelvägen 1, uppgång B", PostalCode: "000 00", City: "Exempelby"},
		Geo:          &content.Geo{Lat: 59.123456, Lon: 18.654321},
		Phone:        "+46 00 000 00 00",
		Email:        "info@example.org",
		Website:      "https://example.org/tjanst",
	}
}

func TestServiceVCardExample(t *testing.T) {
	s := exampleService()
	tests := []struct {
		lang                   content.Lang
		fn, org, country, note string
	}{
		{"sv", "Exempeltjänsten", "Exempelorganisationen", "Sverige", "Hjälp med allt, på många språk."},
		{"ar", "الخدمة التجريبية (Exempeltjänsten)", "Exempelorganisationen", "السويد", "مساعدة في كل شيء، بلغات كثيرة."},
		{"uk", "Приклад служби", "Exempelorganisationen", "Швеція", "Hjälp med allt, på många språk."},
		{"en", "Exempeltjänsten", "Exempelorganisationen", "Sweden", "Hjälp med allt, på många språk."},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			out, err := ServiceVCard(s, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, out)
			card := parseCard(t, out)
			checkField(t, card, vcard.FieldFormattedName, tt.fn)
			checkField(t, card, vcard.FieldOrganization, tt.org)
			checkField(t, card, vcard.FieldNote, tt.note)
			checkField(t, card, vcard.FieldTelephone, "+46 00 000 00 00")
			checkField(t, card, vcard.FieldEmail, "info@example.org")
			checkField(t, card, vcard.FieldURL, "https://example.org/tjanst")
			checkField(t, card, vcard.FieldGeolocation, "59.123456;18.654321")
			a := card.Address()
			if a == nil {
				t.Fatal("no ADR")
			}
			want := vcard.Address{StreetAddress: "Exempelvägen 1, uppgång B", Locality: "Exempelby", PostalCode: "000 00", Country: tt.country}
			a.Field = nil
			if *a != want {
				t.Errorf("ADR %+v, want %+v", *a, want)
			}
			if !bytes.Contains(out, []byte("ADR;TYPE=WORK:;;Exempelvägen 1\\, uppgång B;Exempelby;;000 00;")) {
				t.Errorf("the comma in the street is not escaped:\n%s", out)
			}
		})
	}
}

func TestServiceVCardMinimal(t *testing.T) {
	out, err := ServiceVCard(content.Service{ID: "x", Name: content.Text{"en": "Only a name"}}, "sv")
	if err != nil {
		t.Fatal(err)
	}
	card := parseCard(t, out)
	checkField(t, card, vcard.FieldFormattedName, "Only a name")
	checkField(t, card, vcard.FieldOrganization, "Only a name")
	for _, f := range []string{vcard.FieldTelephone, vcard.FieldEmail, vcard.FieldURL, vcard.FieldAddress, vcard.FieldGeolocation, vcard.FieldNote} {
		if card.Get(f) != nil {
			t.Errorf("has %s, which the service does not", f)
		}
	}
	if _, err := ServiceVCard(content.Service{ID: "x"}, "sv"); !errors.Is(err, ErrNoName) {
		t.Errorf("a service without a name: %v, want ErrNoName", err)
	}
}

func TestServiceVCardTrimsNote(t *testing.T) {
	s := exampleService()
	s.Description = content.Text{"uk": strings.Repeat("Дуже довгий опис служби. ", 100)}
	out, err := ServiceVCard(s, "uk")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > QRBudget {
		t.Errorf("%d bytes, over the budget of %d", len(out), QRBudget)
	}
	if note := parseCard(t, out).Value(vcard.FieldNote); !strings.HasSuffix(note, "…") {
		t.Errorf("NOTE %q is not marked as cut", note)
	}
}
