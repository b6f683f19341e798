package editor

// The editor's own words, in Swedish and English: the fund's editors are
// Swedish staff (docs/editing.md). The content itself is written in all
// four languages; only the editor's interface is in two.
var messages = map[string][2]string{ // id → {sv, en}
	"title":                   {"Mötesplats – redigering", "Mötesplats – editor"},
	"all":                     {"Alla", "All"},
	"search":                  {"Sök", "Search"},
	"new":                     {"Ny", "New"},
	"edit":                    {"Redigera", "Edit"},
	"duplicate":               {"Duplicera", "Duplicate"},
	"delete":                  {"Ta bort", "Delete"},
	"save":                    {"Spara", "Save"},
	"preview":                 {"Förhandsvisa", "Preview"},
	"cancel":                  {"Avbryt", "Cancel"},
	"publish":                 {"Publicera", "Publish"},
	"publish.none":            {"Publicering kräver --keys och --out.", "Publishing needs --keys and --out."},
	"publish.ok":              {"Publicerat", "Published"},
	"publish.failed":          {"Publiceringen misslyckades; inget publicerades.", "Publishing failed; nothing was published."},
	"saved":                   {"Sparat.", "Saved."},
	"deleted":                 {"Flyttat till papperskorgen (.trash/).", "Moved to the trash (.trash/)."},
	"delete.ask":              {"Ta bort %s? Filen flyttas till .trash/ i innehållsmappen.", "Delete %s? The file is moved to .trash/ in the content folder."},
	"conflict":                {"Ändrat av någon annan sedan du öppnade det. Inget sparades: öppna det igen och gör om ändringen.", "Changed by someone else since you opened it. Nothing was saved: open it again and redo the change."},
	"exists":                  {"Det finns redan ett objekt med detta id. Inget sparades.", "An item with this id exists already. Nothing was saved."},
	"invalid":                 {"Inget sparades: rätta det som är markerat.", "Nothing was saved: fix what is marked."},
	"other.problems":          {"Övriga problem", "Other problems"},
	"completeness":            {"Översatt", "Translated"},
	"folder.problems":         {"Innehållsmappen har problem (samma som validate och build visar):", "The content folder has problems (as validate and build report):"},
	"folder.ok":               {"Innehållsmappen är giltig.", "The content folder is valid."},
	"items":                   {"objekt", "items"},
	"kind":                    {"Typ", "Kind"},
	"id":                      {"Id", "Id"},
	"name":                    {"Namn", "Name"},
	"none":                    {"Inga objekt.", "No items."},
	"more":                    {"Visar de första %d av %d; sök för att hitta fler.", "Showing the first %d of %d; search to find more."},
	"login":                   {"Logga in", "Log in"},
	"password":                {"Lösenord", "Password"},
	"login.wrong":             {"Fel lösenord.", "Wrong password."},
	"forbidden":               {"Formuläret saknar giltig säkerhetsnyckel; ladda om sidan.", "The form lacks a valid security token; reload the page."},
	"damaged":                 {"Filen kan inte läsas", "The file cannot be read"},
	"articles":                {"Artiklar", "Articles"},
	"services":                {"Verksamheter", "Services"},
	"events":                  {"Evenemang", "Events"},
	"projects":                {"Projekt", "Projects"},
	"topics":                  {"Ämnen", "Topics"},
	"municipalities":          {"Kommuner", "Municipalities"},
	"f.id":                    {"Id", "Id"},
	"f.id.help":               {"Små bokstäver a–z, siffror och -; blir filnamnet och kan inte ändras sedan.", "Lower-case a–z, digits and -; becomes the file name and cannot be changed later."},
	"f.name":                  {"Namn", "Name"},
	"f.county":                {"Län", "County"},
	"f.order":                 {"Ordning", "Order"},
	"f.icon":                  {"Ikon", "Icon"},
	"f.title":                 {"Rubrik", "Title"},
	"f.summary":               {"Sammanfattning", "Summary"},
	"f.body":                  {"Text (Markdown)", "Body (Markdown)"},
	"f.topic":                 {"Ämne", "Topic"},
	"f.municipality":          {"Kommun", "Municipality"},
	"f.municipalities":        {"Kommuner", "Municipalities"},
	"f.sources":               {"Källor (en adress per rad)", "Sources (one address a line)"},
	"f.updated":               {"Uppdaterad", "Updated"},
	"f.keywords":              {"Sökord (ett per rad, visas aldrig)", "Search words (one a line, never shown)"},
	"f.organisation":          {"Organisation", "Organisation"},
	"f.description":           {"Beskrivning (Markdown)", "Description (Markdown)"},
	"f.categories":            {"Kategorier", "Categories"},
	"f.address":               {"Adress", "Address"},
	"f.address.street":        {"Gata", "Street"},
	"f.address.postalCode":    {"Postnummer", "Postal code"},
	"f.address.city":          {"Ort", "City"},
	"f.geo":                   {"Position (WGS 84)", "Position (WGS 84)"},
	"f.geo.lat":               {"Latitud", "Latitude"},
	"f.geo.lon":               {"Longitud", "Longitude"},
	"f.phone":                 {"Telefon", "Phone"},
	"f.email":                 {"E-post", "E-mail"},
	"f.website":               {"Webbplats", "Website"},
	"f.timeZone":              {"Tidszon", "Time zone"},
	"f.hours":                 {"Öppettider", "Opening hours"},
	"f.hours.help":            {"Per dag: 09:00-12:00, 13:00-16:00. Tom dag är stängd.", "Per day: 09:00-12:00, 13:00-16:00. An empty day is closed."},
	"f.languages":             {"Personalens språk (koder, kommaseparerade)", "Languages of the staff (codes, comma-separated)"},
	"f.start":                 {"Börjar (lokal tid i tidszonen)", "Starts (local time in the time zone)"},
	"f.end":                   {"Slutar", "Ends"},
	"f.allDay":                {"Heldag", "All day"},
	"f.rrule":                 {"Upprepning", "Recurrence"},
	"f.cancelled":             {"Inställt", "Cancelled"},
	"f.attendance":            {"Deltagande", "Attendance"},
	"f.placeName":             {"Plats", "Place"},
	"f.onlineUrl":             {"Länk för att delta online", "Link to take part online"},
	"f.onlineInfo":            {"Var man följer det online", "Where to follow it online"},
	"f.organiser":             {"Arrangör", "Organiser"},
	"f.project":               {"Projekt", "Project"},
	"f.owner":                 {"Projektägare", "Owner"},
	"f.partners":              {"Partner (en per rad, samma ordning på alla språk)", "Partners (one a line, the same order in every language)"},
	"f.startDate":             {"Startdatum", "Start date"},
	"f.endDate":               {"Slutdatum", "End date"},
	"f.offers":                {"Erbjuder (Markdown)", "Offers (Markdown)"},
	"f.contactRole":           {"Kontaktperson (roll)", "Contact (role)"},
	"attendance.offline":      {"På plats", "In person"},
	"attendance.online":       {"Online", "Online"},
	"attendance.mixed":        {"Både på plats och online", "In person and online"},
	"rule.repeat":             {"Upprepas", "Repeats"},
	"rule.none":               {"Ingen upprepning", "Does not repeat"},
	"rule.weekly":             {"Varje vecka (samma veckodag)", "Every week (same weekday)"},
	"rule.monthly":            {"Varje månad (samma veckodag i månaden, t.ex. andra tisdagen)", "Every month (same weekday of the month, e.g. 2nd Tuesday)"},
	"rule.custom":             {"Egen regel (RFC 5545)", "Own rule (RFC 5545)"},
	"rule.custom.label":       {"Regel", "Rule"},
	"rule.until":              {"Till och med", "Until"},
	"hours.mode":              {"Öppet", "Open"},
	"hours.unknown":           {"Okänt", "Not known"},
	"hours.always":            {"Alltid öppet", "Always open"},
	"hours.weekly":            {"Vissa tider varje vecka", "Weekly hours"},
	"hours.note":              {"Kommentar", "Note"},
	"day.mon":                 {"Måndag", "Monday"},
	"day.tue":                 {"Tisdag", "Tuesday"},
	"day.wed":                 {"Onsdag", "Wednesday"},
	"day.thu":                 {"Torsdag", "Thursday"},
	"day.fri":                 {"Fredag", "Friday"},
	"day.sat":                 {"Lördag", "Saturday"},
	"day.sun":                 {"Söndag", "Sunday"},
	"ref.none.topics":         {"— välj ämne —", "— choose a topic —"},
	"ref.none.municipalities": {"— hela landet —", "— national —"},
	"ref.none.projects":       {"— inget projekt —", "— no project —"},
}

// uiLangs are the languages of the editor's interface.
var uiLangs = []string{"sv", "en"}

func msg(ui, id string) string {
	m, ok := messages[id]
	if !ok {
		return id
	}
	if ui == "en" {
		return m[1]
	}
	return m[0]
}

// msgOr is msg for an optional message: "" when there is none.
func msgOr(ui, id string) string {
	if _, ok := messages[id]; !ok {
		return ""
	}
	return msg(ui, id)
}
