package takeaway

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/motesplats/motesplats/internal/content"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, line string }{
		{"short", "SUMMARY:Hej"},
		{"exactly 75", "X:" + strings.Repeat("a", 73)},
		{"76", "X:" + strings.Repeat("a", 74)},
		{"ASCII", "DESCRIPTION:" + strings.Repeat("abc ", 60)},
		// Two-byte characters after an odd prefix put a character across
		// every 75th octet.
		{"Swedish", "X:" + strings.Repeat("åäö", 50)},
		{"Cyrillic", "SUMMARY:" + strings.Repeat("Приклад ", 30)},
		{"Arabic", "SUMMARY:" + strings.Repeat("مثال ", 40)},
		{"three-byte", "X:" + strings.Repeat("…–", 40)},
		{"four-byte", "X:a" + strings.Repeat("😀", 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := fold(tt.line)
			if got := unfold(out); got != tt.line+"\r\n" {
				t.Errorf("unfolds to %q, want %q", got, tt.line)
			}
			pieces := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for i, piece := range pieces {
				if len(piece) > maxLineOctets {
					t.Errorf("piece %d is %d octets", i, len(piece))
				}
				if !utf8.ValidString(piece) {
					t.Errorf("piece %d splits a character: %q", i, piece)
				}
				if i > 0 && (!strings.HasPrefix(piece, " ") || len(piece) < 2) {
					t.Errorf("continuation %d is %q", i, piece)
				}
				// A piece is cut short only as far as a character needs.
				if i < len(pieces)-1 && len(piece) < maxLineOctets-3 {
					t.Errorf("piece %d is only %d octets", i, len(piece))
				}
			}
		})
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a,b;c", `a\,b\;c`},
		{`back\slash`, `back\\slash`},
		{`\n is not a line break`, `\\n is not a line break`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"tab\tbell\a", "tab\tbell"},
		{"Україна, Швеція; السويد،", `Україна\, Швеція\; السويد،`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimText(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"fits", "Short text.", 20, "Short text."},
		{"at a sentence", "First sentence here. Second sentence is long.", 30, "First sentence here. …"},
		{"at a word", "one two three four five six seven", 22, "one two three four…"},
		{"no spaces", strings.Repeat("å", 20), 13, "ååååå…"},
		{"Arabic sentence", "جملة أولى هنا. جملة ثانية طويلة جداً.", 40, "جملة أولى هنا. …"},
		{"Arabic question", "هل لديك أسئلة؟ راسلنا على العنوان", 35, "هل لديك أسئلة؟ …"},
		{"too small", "anything at all", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimText(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("trimText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if len(got) > tt.max || !utf8.ValidString(got) {
				t.Errorf("%q is %d bytes or not UTF-8", got, len(got))
			}
		})
	}
}

func TestGeoURI(t *testing.T) {
	tests := []struct {
		g    content.Geo
		want string
	}{
		{content.Geo{Lat: 59.3293, Lon: 18.0686}, "geo:59.3293,18.0686"},
		{content.Geo{Lat: 63.17792345678, Lon: 14.63566789}, "geo:63.177923,14.635668"},
		{content.Geo{Lat: -33.5, Lon: -70}, "geo:-33.5,-70"},
	}
	for _, tt := range tests {
		if got := GeoURI(tt.g); got != tt.want {
			t.Errorf("GeoURI(%v) = %q, want %q", tt.g, got, tt.want)
		}
	}
}
