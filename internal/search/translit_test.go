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

func TestPhoneticKeyByEar(t *testing.T) {
	for _, c := range []struct{ typed, swedish string }{
		{"фошекрінгскассан", "Försäkringskassan"}, // rs heard as one sound
		{"فوشكرينغسكاسان", "Försäkringskassan"},
		{"اربتسفورمدلينجن", "Arbetsförmedlingen"}, // ج is g
		{"сосіальтьєнстен", "socialtjänsten"},     // тьє is tjä
		{"соціальтєнстен", "socialtjänsten"},
	} {
		if got, want := PhoneticKey(c.typed), PhoneticKey(c.swedish); got != want {
			t.Errorf("key of %q = %q, of %q = %q: want equal", c.typed, got, c.swedish, want)
		}
	}
	if PhoneticKey("вордсентралєн") != PhoneticKey("vårdcentralen") {
		t.Errorf("є after л is e: %q", PhoneticKey("вордсентралєн"))
	}
}

func TestSpellAcronym(t *testing.T) {
	for _, c := range []struct{ term, key string }{
		{"bvc", PhoneticKey("бвц")},
		{"bvc", PhoneticKey("بيفيسي")},
		{"sfi", PhoneticKey("есефі")},
		{"lma", PhoneticKey("ельема")},
	} {
		if got := phoneticKey(nil, spellAcronym(c.term)); got != c.key {
			t.Errorf("spelt %s: key %q, want %q", c.term, got, c.key)
		}
	}
	for _, word := range []string{"hej", "bil", "skola", "x", "arbete"} {
		if s := spellAcronym(word); s != "" {
			t.Errorf("%q taken for an acronym: %q", word, s)
		}
	}
}

func TestCyrillicLoose(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"лікарня", "ликарня", true},
		{"їжа", "ижа", true},
		{"своє", "свое", true},
		{"ґанок", "ганок", true},
		{"робота", "робота", false},
	} {
		if got, ok := cyrillicLoose(c.in); got != c.want || ok != c.ok {
			t.Errorf("cyrillicLoose(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestKeyDistance(t *testing.T) {
	for _, c := range []struct {
		a, b    string
		max, is int
	}{
		{"mkrsnsfrkt", "mkrsnsfrkt", 2, 0},
		{"mkrjsnfrkt", "mkrsnsfrkt", 2, 2},
		{"ssltnstn", "sslsnstn", 1, 1},
		{"abcd", "badc", 2, 2}, // two swaps
		{"abcdefgh", "xyz", 2, 3},
	} {
		if got := keyDistance(c.a, c.b, c.max); got != c.is {
			t.Errorf("keyDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.is)
		}
	}
}
