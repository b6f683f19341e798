package pull

import (
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig("sources.toml", `
timeout = "10s"
attempts = 4
max_mb = 5

[[source]]
id = "kalender"
kind = "ical"
url = "webcal://example.org/kalender.ics"

[[source]]
id = "region"
kind = "integreat"
region = "exempelstad"
languages = ["sv", "de"]

[[source]]
id = "tjanster"
kind = "hsds"
url = "https://api.example.org/hsds"
language = "en"
[source.municipalities]
"Örebro" = "orebro"
`)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Timeout != 10*time.Second || cfg.Attempts != 4 || cfg.MaxBytes != 5<<20 || len(cfg.Sources) != 3 {
		t.Fatalf("config = %+v", cfg)
	}
	ical, ig, hsds := cfg.Sources[0], cfg.Sources[1], cfg.Sources[2]
	if ical.URL != "https://example.org/kalender.ics" || ical.Language != content.Swedish {
		t.Errorf("ical = %+v", ical)
	}
	if ig.BaseURL != "https://cms.integreat-app.de" || len(integreatURLs(ig)) != 6 ||
		integreatURLs(ig)[1].url != "https://cms.integreat-app.de/api/v3/exempelstad/sv/events/?combine_recurring=True" {
		t.Errorf("integreat = %+v, %v", ig, integreatURLs(ig))
	}
	if hsds.Municipalities["Örebro"] != "orebro" || hsds.PerPage != DefaultPerPage ||
		hsdsURL(hsds, 3) != "https://api.example.org/hsds/services?full=true&page=3&per_page=100" {
		t.Errorf("hsds = %+v, %s", hsds, hsdsURL(hsds, 3))
	}
}

func TestParseConfigErrors(t *testing.T) {
	src := func(body string) string { return "[[source]]\n" + body }
	for _, tc := range []struct {
		name, text, want string
	}{
		{"no sources", `timeout = "1s"`, "no [[source]] tables"},
		{"bad TOML", "[[source]]\nid = \"x\nkind = 1", "line 2"},
		{"misspelt key", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\nlanguag = \"sv\""), `unknown key(s) source.languag`},
		{"bad id", src(`id = "Kalender 1"` + "\nkind = \"ical\"\nurl = \"https://x.org\""), `id "Kalender 1" must be`},
		{"twice", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\n") + src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\""), `id "a" is used twice`},
		{"no kind", src(`id = "a"`), "kind is needed"},
		{"unknown kind", src("id = \"a\"\nkind = \"rss\""), `kind "rss" is not`},
		{"no url", src("id = \"a\"\nkind = \"ical\""), "url is needed"},
		{"ftp url", src("id = \"a\"\nkind = \"hsds\"\nurl = \"ftp://x.org\""), "not an http(s) address"},
		{"wrong language", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\nlanguage = \"de\""), `language "de" is not one of`},
		{"setting of another kind", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\nregion = \"r\""), `region is not a setting of kind "ical"`},
		{"no languages", src("id = \"a\"\nkind = \"integreat\"\nregion = \"r\""), "languages is needed"},
		{"bad region", src("id = \"a\"\nkind = \"integreat\"\nregion = \"../x\"\nlanguages = [\"sv\"]"), "not an Integreat region slug"},
		{"bad municipality", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\nmunicipality = \"Örebro\""), `municipality "Örebro" is not an id`},
		{"both municipality settings", src("id = \"a\"\nkind = \"hsds\"\nurl = \"https://x.org\"\nmunicipality = \"orebro\"\n[source.municipalities]\n\"Örebro\" = \"orebro\""), "exclude each other"},
		{"bad zone", src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\"\nzone = \"Mars/Olympus\""), map[bool]string{true: "not an IANA time zone", false: "not supported yet"}[icalOptions]},
		{"bad timeout", `timeout = "soon"` + "\n" + src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\""), `timeout "soon"`},
		{"too many attempts", "attempts = 50\n" + src("id = \"a\"\nkind = \"ical\"\nurl = \"https://x.org\""), "attempts must be 1 to 10"},
		{"per_page", src("id = \"a\"\nkind = \"hsds\"\nurl = \"https://x.org\"\nper_page = 5000"), "per_page must be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig("sources.toml", tc.text)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "sources.toml: ") {
				t.Errorf("error %v, want it to name the file and say %q", err, tc.want)
			}
		})
	}
}
