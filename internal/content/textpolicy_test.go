package content

import (
	"strings"
	"testing"
)

// The attacks of issue 13 and their neighbours, each with the character
// and position the problem must name.
func TestTextPolicyRefusesSpoofing(t *testing.T) {
	cases := []struct {
		name   string
		breaks func(s *Set)
		field  string
		want   string // in the message
	}{
		{"override in a phone", func(s *Set) { s.Services[0].Phone = "\u202e7711\u202c" }, "phone", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 1"},
		{"override in a street", func(s *Set) { s.Events[0].Place.Address.Street = "Storgatan \u202e21\u202c" }, "place.address.street", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 11"},
		{"rtl mark in a phone", func(s *Set) { s.Services[0].Phone = "070-123 \u200f45 67" }, "phone", "U+200F (RIGHT-TO-LEFT MARK) at character 9"},
		{"arabic letter mark in a title", func(s *Set) { s.Articles[0].Title["sv"] = "Ring \u061c112" }, "title.sv", "U+061C"},
		{"rtl mark in arabic text", func(s *Set) { s.Articles[0].Body["ar"] = "اتصل \u200f112" }, "body.ar", "U+200F"},
		{"isolate in a language code", func(s *Set) { s.Services[0].Languages = []string{"sv", "\u2067ar"} }, "languages[1]", "U+2067"},
		{"zero-width joiner in digits", func(s *Set) { s.Services[0].Name["sv"] = "11\u200d77" }, "name.sv", "U+200D (ZERO WIDTH JOINER) at character 3"},
		{"zero-width non-joiner in Latin", func(s *Set) { s.Topics[0].Title["en"] = "He\u200call" }, "title.en", "U+200C"},
		{"replacement character", func(s *Set) { s.Municipalities[0].Name["sv"] = "\ufffdrebro" }, "name.sv", "U+FFFD"},
		{"C1 control in a city", func(s *Set) { s.Events[0].Place.Address.City = "Örebro\u0085" }, "place.address.city", "U+0085"},
		{"newline in a title", func(s *Set) { s.Articles[0].Title["sv"] = "Vård\nRing 112" }, "title.sv", "U+000A"},
		{"letters in a phone", func(s *Set) { s.Services[0].Phone = "1177 or 112" }, "phone", "U+006F"},
		{"zero width space in an email", func(s *Set) { s.Projects[0].Email = "a\u200b@b.se" }, "email", "U+200B"},
		{"override in a website", func(s *Set) { s.Projects[0].Website = "https://example.se/\u202e" }, "website", "U+202E"},
		{"letters in a postal code", func(s *Set) { s.Events[0].Place.Address.PostalCode = "70X 10" }, "place.address.postalCode", "U+0058"},
		{"bidi in an opening-hours note", func(s *Set) {
			s.Services[0].Hours.Note = Text{"sv": "Stängt \u202e13\u202c"}
		}, "hours.note.sv", "U+202E"},
		{"field too large", func(s *Set) { s.Articles[0].Body["en"] = strings.Repeat("word ", MaxFieldBytes/5+1) }, "body.en", "may be at most"},
		{"word too long", func(s *Set) { s.Articles[0].Body["en"] = "a " + strings.Repeat("x", MaxWordRunes+1) }, "body.en", "a word of 201 characters at character 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSet()
			c.breaks(s)
			ps := s.Validate()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			if ps[0].Field != c.field || !strings.Contains(ps[0].Message, c.want) {
				t.Errorf("problem = %s, want field %s and %q", ps[0], c.field, c.want)
			}
		})
	}
}

// What real text needs must pass: joiners in Persian and Hindi, the soft
// hyphen inside a word, long links, phone numbers as written in Sweden.
func TestTextPolicyAllowsWhatScriptsNeed(t *testing.T) {
	ok := []struct {
		class Class
		s     string
	}{
		{ClassLine, "می\u200cخواهم"},                                    // Persian: ZWNJ between Arabic-script letters
		{ClassLine, "کتاب\u200c"},                                       // Persian: ZWNJ at the end of a word
		{ClassBody, "क्\u200dष"},                                        // Devanagari: ZWJ after a virama
		{ClassLine, "Arbets\u00adförmedlingen"},                         // soft hyphen inside a word
		{ClassBody, "## Rubrik\n\n- punkt\n\tindrag"},                   // bodies keep lines and tabs
		{ClassPhone, "+46 (0)771-235 235"},                              // a phone number as written
		{ClassPhone, "08-123 45 67 ext. 123"},                           // an extension, as the HSDS importer writes it
		{ClassPostalCode, "702 10"},                                     // a postal code
		{ClassURL, "https://sv.wikipedia.org/wiki/Örebro"},              // an IRI
		{ClassBody, "[länk](https://" + strings.Repeat("a", 500) + ")"}, // a long link is not a long word
		{ClassToken, "FREQ=WEEKLY;BYDAY=MO,WE"},
	}
	for _, c := range ok {
		if v, bad := CheckString(c.class, c.s); bad {
			t.Errorf("%q (class %d) refused: %s", c.s, c.class, v)
		}
	}
}
