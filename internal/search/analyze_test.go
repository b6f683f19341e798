package search

import (
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestAnalyzeForms(t *testing.T) {
	cases := []struct {
		name   string
		lang   content.Lang
		in     string
		exact  string
		folded string
		stems  []string
	}{
		{"Swedish lower-case, folded, stemmed", content.Swedish, "Vårdcentralen", "vårdcentralen", "vardcentralen", []string{"vardcentral"}},
		{"Swedish -an", content.Swedish, "skolan", "skolan", "skolan", []string{"skol"}},
		{"Swedish -a", content.Swedish, "skola", "skola", "skola", []string{"skol"}},
		{"Swedish plural", content.Swedish, "skolor", "skolor", "skolor", []string{"skol"}},
		{"Swedish decomposed å meets composed", content.Swedish, "va\u030Ardcentral", "vårdcentral", "vardcentral", nil},
		{"English plural", content.English, "centres", "centres", "centres", []string{"centr"}},
		{"English -ing", content.English, "applying", "applying", "applying", []string{"apply"}},
		{"English -ies", content.English, "applies", "applies", "applies", []string{"apply"}},
		{"Ukrainian ʼ", content.Ukrainian, "Сімʼя", "сім'я", "сімя", []string{"сім"}},
		{"Ukrainian '", content.Ukrainian, "сім'я", "сім'я", "сімя", []string{"сім"}},
		{"Ukrainian ’", content.Ukrainian, "сім’я", "сім'я", "сімя", []string{"сім"}},
		{"Ukrainian `", content.Ukrainian, "сім`я", "сім'я", "сімя", []string{"сім"}},
		{"Ukrainian genitive", content.Ukrainian, "сім'ї", "сім'ї", "сімї", []string{"сім"}},
		{"Ukrainian ї is not і", content.Ukrainian, "Київ", "київ", "київ", nil},
		{"Ukrainian й is not и", content.Ukrainian, "район", "район", "район", nil},
		{"Ukrainian decomposed й", content.Ukrainian, "раи\u0306он", "район", "район", nil},
		{"Ukrainian short word keeps its й", content.Ukrainian, "край", "край", "край", []string{"кра"}},
		{"Latin o inside a Cyrillic word", content.Ukrainian, "шкoла", "школа", "школа", []string{"школ"}},
		{"Arabic tashkeel", content.Arabic, "مَدْرَسَة", "مدرسة", "مدرسه", []string{"مدرس"}},
		{"Arabic decomposed hamza", content.Arabic, "\u0627\u0654سرة", "أسرة", "اسره", []string{"اسر"}},
		{"Arabic tatweel", content.Arabic, "مـدرســة", "مدرسة", "مدرسه", []string{"مدرس"}},
		{"Arabic alef forms", content.Arabic, "أسرة", "أسرة", "اسره", []string{"اسر"}},
		{"Arabic definite article", content.Arabic, "الأسرة", "الأسرة", "اسره", []string{"اسر"}},
		{"Arabic alef maqsura", content.Arabic, "مستشفى", "مستشفى", "مستشفي", []string{"مستشف"}},
		{"Arabic one-letter clitic", content.Arabic, "لجمع", "لجمع", "لجمع", []string{"جمع"}},
		{"Arabic plural and article", content.Arabic, "الخدمات", "الخدمات", "خدمات", []string{"خدم"}},
		{"Arabic-Indic digits", content.Arabic, "١١٧٧", "1177", "1177", nil},
		{"Latin name in Arabic text", content.Arabic, "Migrationsverket", "migrationsverket", "migrationsverket", []string{"migrationsverk"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			words := Analyze(c.lang, c.in)
			if len(words) != 1 {
				t.Fatalf("Analyze(%q) = %+v, want one word", c.in, words)
			}
			w := words[0]
			if w.Exact != c.exact || w.Folded != c.folded || !slices.Equal(w.Stems, c.stems) {
				t.Errorf("Analyze(%q) = %q %q %q, want %q %q %q", c.in, w.Exact, w.Folded, w.Stems, c.exact, c.folded, c.stems)
			}
		})
	}
}

func TestAnalyzeSplitsWords(t *testing.T) {
	cases := []struct {
		lang content.Lang
		in   string
		want []string
	}{
		{content.Swedish, "Hur ansöker jag om SFI?", []string{"hur", "ansöker", "jag", "om", "sfi"}},
		{content.Swedish, "CV-verkstad, 1177.se", []string{"cv", "verkstad", "1177", "se"}},
		{content.English, "parents' group – women's", []string{"parents", "group", "women's"}},
		{content.Ukrainian, "«Сім'я» та сімʼї", []string{"сім'я", "та", "сім'ї"}},
		{content.Arabic, "مصلحة الهجرة (Migrationsverket)، ٢٠٢٦", []string{"مصلحة", "الهجرة", "migrationsverket", "2026"}},
		{content.Arabic, "وBankID وABF ب1177", []string{"و", "bankid", "و", "abf", "ب", "1177"}},
	}
	for _, c := range cases {
		var got []string
		for _, w := range Analyze(c.lang, c.in) {
			got = append(got, w.Exact)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Analyze(%q) words %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStopWords(t *testing.T) {
	cases := []struct {
		lang content.Lang
		in   string
		stop []bool
	}{
		{content.Swedish, "hur ansöker jag om sfi", []bool{true, false, true, true, false}},
		{content.English, "where do I get a personal number", []bool{true, true, true, true, true, false, false}},
		{content.Ukrainian, "як я можу отримати номер", []bool{true, true, true, false, false}},
		{content.Arabic, "كيف أحصل على رقم شخصي", []bool{true, false, true, false, false}},
		{content.Arabic, "أين", []bool{true}},
	}
	for _, c := range cases {
		var got []bool
		for _, w := range Analyze(c.lang, c.in) {
			got = append(got, w.Stop)
		}
		if !slices.Equal(got, c.stop) {
			t.Errorf("Analyze(%q) stop words %v, want %v", c.in, got, c.stop)
		}
	}
}

func TestOneEdit(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"migrationsverkt", "migrationsverket", true}, // a letter missing
		{"migrationsverket", "migrationsverkt", true},
		{"bibliotekk", "bibliotek", true}, // one too many
		{"vardcentrel", "vardcentral", true},
		{"vardcnetral", "vardcentral", true}, // swapped
		{"vardcentral", "vardcentral", false},
		{"vrdcentrl", "vardcentral", false},
		{"раион", "район", true},
		{"kurs", "kurser", false},
	}
	for _, c := range cases {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestTypoCandidates(t *testing.T) {
	ti := buildTypo([]string{"migrationsverket", "vardcentral", "bibliotek", "skola", "kurs", "район"})
	cases := []struct {
		q    string
		want []string
	}{
		{"migrationsverkt", []string{"migrationsverket"}},
		{"vardcnetral", []string{"vardcentral"}},
		{"bibliotekk", []string{"bibliotek"}},
		{"skolla", []string{"skola"}},
		{"kurss", []string{"kurs"}},
		{"kursss", nil},
		{"раион", []string{"район"}},
		{"vard", nil}, // too short to correct
	}
	for _, c := range cases {
		if got := ti.candidates(c.q, nil); !slices.Equal(got, c.want) {
			t.Errorf("candidates(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}
