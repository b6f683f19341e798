package search

import "testing"

func TestPhoneticKey(t *testing.T) {
	cases := []struct{ typed, swedish string }{
		{"вардсентрал", "vårdcentral"},
		{"вордцентраль", "vårdcentral"},
		{"فوردسنترال", "vårdcentral"},
		{"vardsentral", "vårdcentral"},
		{"форсекрінгскассан", "Försäkringskassan"},
		{"forsakringskasan", "Försäkringskassan"},
		{"سفي", "SFI"},
		{"сфі", "SFI"},
		{"скатеверкет", "Skatteverket"},
		{"першуннуммер", "personnummer"},
		{"арбетсфёрмедлинген", "Arbetsförmedlingen"},
		{"migrashonsverket", "Migrationsverket"},
	}
	for _, c := range cases {
		if got, want := PhoneticKey(c.typed), PhoneticKey(c.swedish); got != want {
			t.Errorf("key of %q = %q, of %q = %q: want equal", c.typed, got, c.swedish, want)
		}
	}
	// Different words keep different keys.
	for _, pair := range [][2]string{{"skola", "skatt"}, {"läkare", "lärare"}, {"сфі", "svar"}, {"polis", "pengar"}} {
		if PhoneticKey(pair[0]) == PhoneticKey(pair[1]) {
			t.Errorf("%q and %q share the key %q", pair[0], pair[1], PhoneticKey(pair[0]))
		}
	}
}

func TestTranslit(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"вардсентрал", "vardsentral"},
		{"Ютеборг", "juteborg"},
		{"щастя", "shasta"},
		{"سفي", "sfi"},
		{"وظيفة", "vzifa"},
		{"SFI", "sfi"},
	} {
		if got := Translit(c.in); got != c.want {
			t.Errorf("Translit(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
