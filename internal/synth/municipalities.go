package synth

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// county is a Swedish län with its names in sv, uk, ar, en, a rough centre
// (used to place generated addresses somewhere sensible) and its
// municipalities, comma-separated, in Swedish.
type county struct {
	name     tr
	lat, lon float64
	munis    string
}

// counties lists all 21 län and all 290 kommuner of Sweden.
var counties = []county{
	{tr{"Stockholms län", "лен Стокгольм", "مقاطعة ستوكهولم", "Stockholm County"}, 59.33, 18.06,
		"Stockholm,Botkyrka,Danderyd,Ekerö,Haninge,Huddinge,Järfälla,Lidingö,Nacka,Norrtälje,Nykvarn,Nynäshamn,Salem,Sigtuna,Sollentuna,Solna,Sundbyberg,Södertälje,Tyresö,Täby,Upplands Väsby,Upplands-Bro,Vallentuna,Vaxholm,Värmdö,Österåker"},
	{tr{"Uppsala län", "лен Уппсала", "مقاطعة أوبسالا", "Uppsala County"}, 59.86, 17.64,
		"Uppsala,Enköping,Heby,Håbo,Knivsta,Tierp,Älvkarleby,Östhammar"},
	{tr{"Södermanlands län", "лен Седерманланд", "مقاطعة سودرمانلاند", "Södermanland County"}, 59.10, 16.80,
		"Eskilstuna,Flen,Gnesta,Katrineholm,Nyköping,Oxelösund,Strängnäs,Trosa,Vingåker"},
	{tr{"Östergötlands län", "лен Естерйотланд", "مقاطعة أوسترغوتلاند", "Östergötland County"}, 58.41, 15.62,
		"Linköping,Norrköping,Boxholm,Finspång,Kinda,Mjölby,Motala,Söderköping,Vadstena,Valdemarsvik,Ydre,Åtvidaberg,Ödeshög"},
	{tr{"Jönköpings län", "лен Єнчепінг", "مقاطعة يونشوبينغ", "Jönköping County"}, 57.78, 14.16,
		"Jönköping,Aneby,Eksjö,Gislaved,Gnosjö,Habo,Mullsjö,Nässjö,Sävsjö,Tranås,Vaggeryd,Vetlanda,Värnamo"},
	{tr{"Kronobergs län", "лен Крунуберг", "مقاطعة كرونوبيري", "Kronoberg County"}, 56.88, 14.80,
		"Växjö,Alvesta,Lessebo,Ljungby,Markaryd,Tingsryd,Uppvidinge,Älmhult"},
	{tr{"Kalmar län", "лен Кальмар", "مقاطعة كالمار", "Kalmar County"}, 57.00, 16.30,
		"Kalmar,Borgholm,Emmaboda,Hultsfred,Högsby,Mönsterås,Mörbylånga,Nybro,Oskarshamn,Torsås,Vimmerby,Västervik"},
	{tr{"Gotlands län", "лен Готланд", "مقاطعة غوتلاند", "Gotland County"}, 57.64, 18.30,
		"Gotland"},
	{tr{"Blekinge län", "лен Блекінге", "مقاطعة بليكينغه", "Blekinge County"}, 56.20, 15.30,
		"Karlskrona,Karlshamn,Olofström,Ronneby,Sölvesborg"},
	{tr{"Skåne län", "лен Сконе", "مقاطعة سكونه", "Skåne County"}, 55.80, 13.40,
		"Malmö,Helsingborg,Lund,Bjuv,Bromölla,Burlöv,Båstad,Eslöv,Hässleholm,Höganäs,Hörby,Höör,Klippan,Kristianstad,Kävlinge,Landskrona,Lomma,Osby,Perstorp,Simrishamn,Sjöbo,Skurup,Staffanstorp,Svalöv,Svedala,Tomelilla,Trelleborg,Vellinge,Ystad,Åstorp,Ängelholm,Örkelljunga,Östra Göinge"},
	{tr{"Hallands län", "лен Галланд", "مقاطعة هالاند", "Halland County"}, 56.80, 12.80,
		"Halmstad,Falkenberg,Hylte,Kungsbacka,Laholm,Varberg"},
	{tr{"Västra Götalands län", "лен Вестра-Йоталанд", "مقاطعة فاسترا يوتالاند", "Västra Götaland County"}, 58.00, 12.50,
		"Göteborg,Ale,Alingsås,Bengtsfors,Bollebygd,Borås,Dals-Ed,Essunga,Falköping,Färgelanda,Grästorp,Gullspång,Götene,Herrljunga,Hjo,Härryda,Karlsborg,Kungälv,Lerum,Lidköping,Lilla Edet,Lysekil,Mariestad,Mark,Mellerud,Munkedal,Mölndal,Orust,Partille,Skara,Skövde,Sotenäs,Stenungsund,Strömstad,Svenljunga,Tanum,Tibro,Tidaholm,Tjörn,Tranemo,Trollhättan,Töreboda,Uddevalla,Ulricehamn,Vara,Vårgårda,Vänersborg,Åmål,Öckerö"},
	{tr{"Värmlands län", "лен Вермланд", "مقاطعة فارملاند", "Värmland County"}, 59.60, 13.30,
		"Karlstad,Arvika,Eda,Filipstad,Forshaga,Grums,Hagfors,Hammarö,Kil,Kristinehamn,Munkfors,Storfors,Sunne,Säffle,Torsby,Årjäng"},
	{tr{"Örebro län", "лен Еребру", "مقاطعة أوريبرو", "Örebro County"}, 59.27, 15.20,
		"Örebro,Askersund,Degerfors,Hallsberg,Hällefors,Karlskoga,Kumla,Laxå,Lekeberg,Lindesberg,Ljusnarsberg,Nora"},
	{tr{"Västmanlands län", "лен Вестманланд", "مقاطعة فاستمانلاند", "Västmanland County"}, 59.70, 16.30,
		"Västerås,Arboga,Fagersta,Hallstahammar,Kungsör,Köping,Norberg,Sala,Skinnskatteberg,Surahammar"},
	{tr{"Dalarnas län", "лен Даларна", "مقاطعة دالارنا", "Dalarna County"}, 60.70, 14.80,
		"Falun,Avesta,Borlänge,Gagnef,Hedemora,Leksand,Ludvika,Malung-Sälen,Mora,Orsa,Rättvik,Smedjebacken,Säter,Vansbro,Älvdalen"},
	{tr{"Gävleborgs län", "лен Євлеборг", "مقاطعة يافلبوري", "Gävleborg County"}, 61.30, 16.50,
		"Gävle,Bollnäs,Hofors,Hudiksvall,Ljusdal,Nordanstig,Ockelbo,Ovanåker,Sandviken,Söderhamn"},
	{tr{"Västernorrlands län", "лен Вестерноррланд", "مقاطعة فاسترنورلاند", "Västernorrland County"}, 62.80, 17.50,
		"Sundsvall,Härnösand,Kramfors,Sollefteå,Timrå,Ånge,Örnsköldsvik"},
	{tr{"Jämtlands län", "лен Ємтланд", "مقاطعة يامتلاند", "Jämtland County"}, 63.20, 14.30,
		"Östersund,Berg,Bräcke,Härjedalen,Krokom,Ragunda,Strömsund,Åre"},
	{tr{"Västerbottens län", "лен Вестерботтен", "مقاطعة فاستربوتن", "Västerbotten County"}, 64.60, 18.50,
		"Umeå,Skellefteå,Bjurholm,Dorotea,Lycksele,Malå,Nordmaling,Norsjö,Robertsfors,Sorsele,Storuman,Vilhelmina,Vindeln,Vännäs,Åsele"},
	{tr{"Norrbottens län", "лен Норрботтен", "مقاطعة نوربوتن", "Norrbotten County"}, 66.50, 20.50,
		"Luleå,Arjeplog,Arvidsjaur,Boden,Gällivare,Haparanda,Jokkmokk,Kalix,Kiruna,Pajala,Piteå,Älvsbyn,Överkalix,Övertorneå"},
}

// knownNames are the established Ukrainian and Arabic names of the larger
// municipalities; the rest are transliterated by rule.
var knownNames = map[string][2]string{
	"Stockholm":    {"Стокгольм", "ستوكهولم"},
	"Göteborg":     {"Гетеборг", "غوتنبرغ"},
	"Malmö":        {"Мальме", "مالمو"},
	"Uppsala":      {"Уппсала", "أوبسالا"},
	"Örebro":       {"Еребру", "أوريبرو"},
	"Linköping":    {"Лінчепінг", "لينشوبينغ"},
	"Västerås":     {"Вестерос", "فاستيروس"},
	"Helsingborg":  {"Гельсінгборг", "هلسينغبوري"},
	"Norrköping":   {"Норрчепінг", "نورشوبينغ"},
	"Jönköping":    {"Єнчепінг", "يونشوبينغ"},
	"Umeå":         {"Умео", "أوميو"},
	"Lund":         {"Лунд", "لوند"},
	"Borås":        {"Бурос", "بوروس"},
	"Sundsvall":    {"Сундсвалль", "سوندسفال"},
	"Gävle":        {"Євле", "يافله"},
	"Eskilstuna":   {"Ескільстуна", "إسكيلستونا"},
	"Södertälje":   {"Седертельє", "سودرتاليه"},
	"Karlstad":     {"Карлстад", "كارلستاد"},
	"Växjö":        {"Векше", "فكشو"},
	"Halmstad":     {"Гальмстад", "هالمستاد"},
	"Luleå":        {"Лулео", "لوليو"},
	"Kiruna":       {"Кіруна", "كيرونا"},
	"Gotland":      {"Готланд", "غوتلاند"},
	"Kalmar":       {"Кальмар", "كالمار"},
	"Kristianstad": {"Крістіанстад", "كريستيانستاد"},
	"Trollhättan":  {"Тролльгеттан", "ترولهتان"},
	"Östersund":    {"Естерсунд", "أوسترسوند"},
	"Falun":        {"Фалун", "فالون"},
	"Skellefteå":   {"Шеллефтео", "شيلفتيو"},
	"Karlskrona":   {"Карлскруна", "كارلسكرونا"},
}

// seats names the main town where it differs from the municipality, so
// generated addresses use a real town name.
var seats = map[string]string{
	"Gotland": "Visby", "Mark": "Kinna", "Ale": "Nödinge", "Berg": "Svenstavik",
	"Härjedalen": "Sveg", "Malung-Sälen": "Malung", "Upplands-Bro": "Kungsängen",
	"Östra Göinge": "Broby", "Nordanstig": "Bergsjö", "Ovanåker": "Edsbyn",
	"Lekeberg": "Fjugesta", "Ljusnarsberg": "Kopparberg", "Orust": "Henån",
	"Tjörn": "Skärhamn", "Sotenäs": "Kungshamn", "Tanum": "Tanumshede",
	"Dals-Ed": "Ed", "Värmdö": "Gustavsberg", "Österåker": "Åkersberga",
	"Haninge": "Handen", "Botkyrka": "Tumba", "Håbo": "Bålsta", "Burlöv": "Arlöv",
	"Ydre": "Österbymo", "Kinda": "Kisa", "Hammarö": "Skoghall", "Gagnef": "Djurås",
	"Sigtuna": "Märsta", "Ragunda": "Hammarstrand",
}

// idOverrides keep ids unique where two names fold to the same ASCII:
// Håbo (Uppsala län) and Habo (Jönköpings län).
var idOverrides = map[string]string{"Habo": "habo-jonkoping"}

// muni is one generated municipality with what other kinds need of it.
type muni struct {
	id       string
	name     tr
	county   tr
	city     string
	lat, lon float64
}

// realMunicipalities is the list of all 290, county by county.
var realMunicipalities = buildMunicipalities()

func buildMunicipalities() []muni {
	var out []muni
	for _, c := range counties {
		for _, sv := range strings.Split(c.munis, ",") {
			uk, ar := translitUK(sv), translitAR(sv)
			if k, ok := knownNames[sv]; ok {
				uk, ar = k[0], k[1]
			}
			id := asciiID(sv)
			if o, ok := idOverrides[sv]; ok {
				id = o
			}
			city := sv
			if s, ok := seats[sv]; ok {
				city = s
			}
			out = append(out, muni{
				id:     id,
				name:   tr{sv, uk, ar, sv},
				county: c.name,
				city:   city,
				lat:    c.lat,
				lon:    c.lon,
			})
		}
	}
	return out
}

// municipalities returns n municipalities: the real ones in list order,
// then numbered ones ("Kommun 291") spread over the counties.
func municipalities(n int) []muni {
	if n <= len(realMunicipalities) {
		return realMunicipalities[:n:n]
	}
	out := make([]muni, n)
	copy(out, realMunicipalities)
	for i := len(realMunicipalities); i < n; i++ {
		num := strconv.Itoa(i + 1)
		c := counties[i%len(counties)]
		out[i] = muni{
			id:     "kommun-" + num,
			name:   tr{"Kommun " + num, "Громада " + num, "البلدية " + num, "Municipality " + num},
			county: c.name,
			city:   "Kommun " + num,
			lat:    c.lat,
			lon:    c.lon,
		}
	}
	return out
}

// asciiID makes an id from a Swedish name: lower case, å/ä→a, ö→o,
// é→e, spaces→'-'.
func asciiID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä':
			b.WriteByte('a')
		case 'ö':
			b.WriteByte('o')
		case 'é':
			b.WriteByte('e')
		case ' ', '-':
			b.WriteByte('-')
		default:
			if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyåäöé", r) }

func isSoft(r rune) bool { return strings.ContainsRune("eiyäöé", r) }

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// translitUK writes a Swedish place name in Ukrainian Cyrillic by simple
// pronunciation rules (sj/sk+soft vowel → ш, k+soft vowel → ч, g/j+vowel →
// є/я/ю, ä/ö → е, å → о, y → ю, h → г, l before a consonant → ль). The
// result is plausible, not an official exonym.
func translitUK(s string) string {
	rs := []rune(strings.ToLower(s))
	at := func(i int) rune {
		if i >= 0 && i < len(rs) {
			return rs[i]
		}
		return 0
	}
	has := func(i int, p string) bool {
		for k, r := range []rune(p) {
			if at(i+k) != r {
				return false
			}
		}
		return true
	}
	var b strings.Builder
	jvowel := map[rune]string{'a': "я", 'u': "ю", 'y': "ю", 'e': "є", 'ä': "є", 'ö': "є", 'i': "ї", 'o': "йо", 'å': "йо"}
	plain := map[rune]string{
		'a': "а", 'e': "е", 'u': "у", 'y': "ю", 'å': "о", 'ä': "е", 'ö': "е", 'é': "е",
		'b': "б", 'd': "д", 'f': "ф", 'h': "г", 'm': "м", 'n': "н", 'p': "п", 'q': "к",
		'r': "р", 's': "с", 't': "т", 'v': "в", 'w': "в", 'x': "кс", 'z': "з", 'k': "к", 'g': "г",
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		start := i == 0 || !isLetter(at(i-1))
		switch {
		case has(i, "stj") || has(i, "skj") || has(i, "sch"):
			b.WriteString("ш")
			i += 3
		case has(i, "sj") || (has(i, "sk") && isSoft(at(i+2))):
			b.WriteString("ш")
			i += 2
		case has(i, "tj") || has(i, "kj"):
			b.WriteString("ч")
			i += 2
		case has(i, "ck"):
			b.WriteString("к")
			i += 2
		case has(i, "ng"):
			b.WriteString("нг")
			i += 2
		case start && strings.ContainsRune("dghl", r) && at(i+1) == 'j':
			i++ // silent before j
		case r == 'j' || (r == 'g' && start && isSoft(at(i+1))):
			v := at(i + 1)
			if s, ok := jvowel[v]; ok && (start || isVowel(at(i-1)) || r == 'g') {
				b.WriteString(s)
				i += 2
			} else {
				b.WriteString("й")
				i++
			}
		case r == 'k' && isSoft(at(i+1)):
			b.WriteString("ч")
			i++
		case r == 'c':
			if at(i+1) == 'e' || at(i+1) == 'i' {
				b.WriteString("с")
			} else {
				b.WriteString("к")
			}
			i++
		case r == 'l':
			b.WriteString("л")
			if n := at(i + 1); n != 'l' && !isVowel(n) {
				b.WriteString("ь")
			}
			i++
		case r == 'i':
			if isVowel(at(i - 1)) {
				b.WriteString("ї")
			} else {
				b.WriteString("і")
			}
			i++
		case r == 'o':
			if isLetter(at(i + 1)) {
				b.WriteString("о")
			} else {
				b.WriteString("у")
			}
			i++
		default:
			if p, ok := plain[r]; ok {
				b.WriteString(p)
			} else {
				b.WriteRune(r)
			}
			i++
		}
	}
	return capitalizeWords(b.String())
}

// translitAR writes a Swedish place name in Arabic script: consonants by
// sound, long vowels as ا/و/ي, a final e as ه, a word-initial vowel on an
// alif. Plausible, not an official exonym.
func translitAR(s string) string {
	rs := []rune(strings.ToLower(s))
	at := func(i int) rune {
		if i >= 0 && i < len(rs) {
			return rs[i]
		}
		return 0
	}
	has := func(i int, p string) bool {
		for k, r := range []rune(p) {
			if at(i+k) != r {
				return false
			}
		}
		return true
	}
	initial := map[rune]string{'a': "أ", 'å': "أو", 'o': "أو", 'u': "أو", 'ö': "أو", 'e': "إي", 'i': "إي", 'ä': "إي", 'y': "إي", 'é': "إي"}
	vowel := map[rune]string{'a': "ا", 'å': "و", 'o': "و", 'u': "و", 'ö': "و", 'e': "ي", 'i': "ي", 'ä': "ي", 'y': "ي", 'é': "ي"}
	cons := map[rune]string{
		'b': "ب", 'c': "ك", 'd': "د", 'f': "ف", 'g': "غ", 'h': "ه", 'j': "ي", 'k': "ك", 'l': "ل",
		'm': "م", 'n': "ن", 'p': "ب", 'q': "ك", 'r': "ر", 's': "س", 't': "ت", 'v': "ف", 'w': "ف",
		'x': "كس", 'z': "ز",
	}
	var b strings.Builder
	for i := 0; i < len(rs); {
		r := rs[i]
		start := i == 0 || !isLetter(at(i-1))
		end := !isLetter(at(i + 1))
		switch {
		case has(i, "stj") || has(i, "skj") || has(i, "sch"):
			b.WriteString("ش")
			i += 3
		case has(i, "sj") || (has(i, "sk") && isSoft(at(i+2))) || has(i, "tj") || has(i, "kj"):
			b.WriteString("ش")
			i += 2
		case has(i, "ck"):
			b.WriteString("ك")
			i += 2
		case has(i, "ng"):
			b.WriteString("نغ")
			i += 2
		case r == 'k' && isSoft(at(i+1)):
			b.WriteString("ش")
			i++
		case isVowel(r):
			switch {
			case start:
				b.WriteString(initial[r])
			case end && r == 'e':
				b.WriteString("ه")
			default:
				b.WriteString(vowel[r])
			}
			i++
		case r == at(i-1):
			i++ // a doubled consonant is written once
		default:
			if c, ok := cons[r]; ok {
				b.WriteString(c)
			} else if r == '-' {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
			i++
		}
	}
	return b.String()
}

// capitalizeWords upper-cases the first letter of every word.
func capitalizeWords(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if up && unicode.IsLetter(r) {
			r = unicode.ToUpper(r)
			up = false
		} else if r == ' ' || r == '-' {
			up = true
		}
		b.WriteRune(r)
	}
	return b.String()
}
