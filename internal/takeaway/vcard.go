package takeaway

import (
	"errors"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// Why vCard 3.0 (RFC 2426): it is the version both phones import offline
// from a scanned code. Android's own contacts importer reads 2.1 and 3.0
// (its 4.0 support is partial and differs between makers), iOS reads 3.0
// fully, and 3.0 carries UTF-8 text as it is, where 2.1 would need
// quoted-printable and make the code larger. In 3.0 the position is
// GEO:lat;lon; GeoURI gives the same position as a geo: URI, which a
// screen can show as a code of its own for a map app.

// ErrNoName is returned for a service with no name in any language: a
// contact card must have one (FN).
var ErrNoName = errors.New("takeaway: the service has no name")

// ServiceVCard returns a service's contact card in lang (with the one
// fallback rule of content.Text): name, organisation, phone, e-mail,
// website, address, position and a note with the description, trimmed so
// the card fits QRBudget.
func ServiceVCard(s content.Service, lang content.Lang) ([]byte, error) {
	if s.Name.Empty() {
		return nil, ErrNoName
	}
	return fitText(s.Description.String(lang), func(note string) []byte {
		return serviceCard(s, lang, note)
	}), nil
}

func serviceCard(s content.Service, lang content.Lang, note string) []byte {
	var l lines
	l.add("BEGIN:VCARD")
	l.add("VERSION:3.0")
	name := s.Name.String(lang)
	org := s.Organisation.String(lang)
	if org == "" {
		org = name // a service is an organisation or a place of one
	}
	// N is required in 3.0; a service has no family or given name.
	l.add("N:;;;;")
	l.text("FN", name)
	l.add("ORG:" + escapeText(org))
	// Makes iOS file and show the card as a company, not a person.
	l.add("X-ABShowAs:COMPANY")
	if s.Phone != "" {
		l.add("TEL;TYPE=WORK,VOICE:" + escapeText(InternationalPhone(s.Phone)))
	}
	if s.Email != "" {
		l.add("EMAIL;TYPE=INTERNET:" + escapeText(s.Email))
	}
	if s.Website != "" {
		l.add("URL:" + s.Website)
	}
	if a := s.Address; !a.Empty() {
		l.add("ADR;TYPE=WORK:" + address(a, lang))
	}
	if g := s.Geo; g != nil {
		l.add("GEO:" + coordinate(g.Lat) + ";" + coordinate(g.Lon))
	}
	l.text("NOTE", note)
	l.add("END:VCARD")
	return l.bytes()
}

// InternationalPhone writes a Swedish number in national form
// ("0771-524 524") in international form ("+46 771 524 524"), which a
// phone with a foreign SIM card can dial too (the national trunk prefix 0
// only works inside Sweden). "00" becomes "+". Short numbers (112, 1177,
// 114 14) have no international form and stay as they are, and so does
// a number that already starts with "+".
func InternationalPhone(phone string) string {
	p := strings.TrimSpace(phone)
	switch {
	case strings.HasPrefix(p, "00"):
		return "+" + strings.TrimSpace(p[2:])
	case strings.HasPrefix(p, "0"):
		// "0771-524 524": the area code ends at the dash; the dash only
		// marks that end in Swedish writing, so it becomes a space.
		rest := strings.Join(strings.Fields(strings.ReplaceAll(p[1:], "-", " ")), " ")
		return "+46 " + rest
	}
	return p
}

// address is the structured ADR value: post office box; extended address;
// street; locality; region; postal code; country. Each part is escaped on
// its own, so a comma in a street stays part of the street.
func address(a *content.Address, lang content.Lang) string {
	parts := []string{"", "", a.Street, a.City, "", a.PostalCode, sweden.String(lang)}
	for i, p := range parts {
		parts[i] = escapeText(p)
	}
	return strings.Join(parts, ";")
}

// sweden is the country of every address in the content (content.Address
// is a street address in Sweden); a phone's map app finds the address
// more surely with it.
var sweden = content.Text{
	content.Swedish:   "Sverige",
	content.Ukrainian: "Швеція",
	content.Arabic:    "السويد",
	content.English:   "Sweden",
}
