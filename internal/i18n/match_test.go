package i18n

import (
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		in   []string
		want content.Lang
	}{
		{[]string{"uk_UA.UTF-8"}, content.Ukrainian},
		{[]string{"ar_SE"}, content.Arabic},
		{[]string{"ar_SY.UTF-8"}, content.Arabic},
		{[]string{"sv-SE"}, content.Swedish},
		{[]string{"sv_FI.UTF-8"}, content.Swedish},
		{[]string{"en_US"}, content.English},
		{[]string{"en_GB.UTF-8@euro"}, content.English},
		{[]string{"ru_RU"}, content.Swedish}, // the matcher rates ru→uk "No"
		{[]string{"de_DE"}, content.Swedish},
		{[]string{""}, content.Swedish},
		{nil, content.Swedish},
		{[]string{"C"}, content.Swedish},
		{[]string{"C.UTF-8", "uk"}, content.Ukrainian},
		{[]string{"POSIX", "en"}, content.English},
		{[]string{"ru", "en_US"}, content.English},
		{[]string{"de", "uk"}, content.Ukrainian},
		{[]string{"uk", "en"}, content.Ukrainian},
		{[]string{"en", "uk"}, content.English},
		{[]string{"not a locale!", "ar"}, content.Arabic},
	}
	for _, tt := range tests {
		if got := Match(tt.in...); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSystemLanguage(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want content.Lang
	}{
		{"nothing set", nil, content.Swedish},
		{"LANG", map[string]string{"LANG": "uk_UA.UTF-8"}, content.Ukrainian},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "ar_SE.UTF-8"}, content.Arabic},
		{"LC_ALL over LC_MESSAGES", map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ar_SE.UTF-8"}, content.English},
		{"LANGUAGE first", map[string]string{"LANGUAGE": "uk:en", "LANG": "sv_SE.UTF-8"}, content.Ukrainian},
		{"LANGUAGE list skips unsupported", map[string]string{"LANGUAGE": "de:ar", "LANG": "en_US.UTF-8"}, content.Arabic},
		{"LANGUAGE with LANG=C", map[string]string{"LANGUAGE": "en", "LANG": "C.UTF-8"}, content.English},
		{"C ignored", map[string]string{"LC_ALL": "C", "LANG": "ar_SE.UTF-8"}, content.Arabic},
		{"POSIX only", map[string]string{"LANG": "POSIX"}, content.Swedish},
		{"unsupported only", map[string]string{"LANG": "ru_RU.UTF-8"}, content.Swedish},
	}
	for _, tt := range tests {
		got := systemLanguage(func(k string) string { return tt.env[k] })
		if got != tt.want {
			t.Errorf("%s: systemLanguage = %q, want %q", tt.name, got, tt.want)
		}
	}
}
