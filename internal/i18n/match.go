package i18n

import (
	"os"
	"strings"

	"golang.org/x/text/language"

	"github.com/motesplats/motesplats/internal/content"
)

// matcher knows the four languages; Swedish comes first, so it is also
// what the matcher falls back to.
var matcher = language.NewMatcher(languageTags())

func languageTags() []language.Tag {
	tags := make([]language.Tag, len(content.Languages))
	for i, l := range content.Languages {
		tags[i] = language.Make(string(l))
	}
	return tags
}

// Match picks the kiosk language for a list of preferences, most wanted
// first, in BCP 47 ("sv-SE") or POSIX ("uk_UA.UTF-8") form. Empty entries,
// "C" and "POSIX" say nothing and are skipped.
//
// Only a confident match counts (language.High or better: "ar_SE" → ar,
// "en_US" → en). Anything weaker gives Swedish. In particular Russian does
// not become Ukrainian: the matcher itself rates that pair "No", and
// guessing someone's language from a neighbouring one is not ours to do.
func Match(locales ...string) content.Lang {
	var tags []language.Tag
	for _, s := range locales {
		if t, ok := parseLocale(s); ok {
			tags = append(tags, t)
		}
	}
	if len(tags) == 0 {
		return content.Swedish
	}
	_, i, conf := matcher.Match(tags...)
	if conf < language.High {
		return content.Swedish
	}
	return content.Languages[i]
}

// parseLocale reads "uk_UA.UTF-8@euro" as uk-UA.
func parseLocale(s string) (language.Tag, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "" || s == "C" || s == "POSIX" {
		return language.Und, false
	}
	t, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	return t, err == nil
}

// SystemLanguage is the kiosk language the environment asks for.
func SystemLanguage() content.Lang { return systemLanguage(os.Getenv) }

// systemLanguage reads LANGUAGE (GNU gettext's colon-separated list) and
// then LC_ALL, LC_MESSAGES and LANG, in POSIX precedence order, and lets
// Match take the first it supports. Unlike strict POSIX, an unsupported
// LC_ALL does not hide a supported LANG, and unlike gettext, LANGUAGE
// counts even when the locale is "C": a kiosk image often runs with
// LANG=C.UTF-8 and sets only the language it wants.
func systemLanguage(getenv func(string) string) content.Lang {
	prefs := strings.Split(getenv("LANGUAGE"), ":")
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		prefs = append(prefs, getenv(v))
	}
	return Match(prefs...)
}
