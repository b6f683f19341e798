package content

import "testing"

func TestTextFallback(t *testing.T) {
	cases := []struct {
		name     string
		text     Text
		ask      Lang
		want     string
		wantLang Lang
	}{
		{"asked language present", Text{"sv": "Hej", "uk": "Привіт", "ar": "مرحبا", "en": "Hi"}, Arabic, "مرحبا", Arabic},
		{"falls back to Swedish", Text{"sv": "Hej", "en": "Hi"}, Ukrainian, "Hej", Swedish},
		{"then English", Text{"en": "Hi", "ar": "مرحبا"}, Ukrainian, "Hi", English},
		{"then any, in display order", Text{"ar": "مرحبا", "uk": "Привіт"}, English, "Привіт", Ukrainian},
		{"empty string counts as missing", Text{"sv": "", "en": "Hi"}, Swedish, "Hi", English},
		{"other languages last", Text{"fa": "سلام"}, Swedish, "سلام", "fa"},
		{"nothing at all", Text{}, Swedish, "", ""},
		{"nil text", nil, Arabic, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, lang := c.text.In(c.ask)
			if got != c.want || lang != c.wantLang {
				t.Errorf("In(%s) = %q, %q; want %q, %q", c.ask, got, lang, c.want, c.wantLang)
			}
		})
	}
}
