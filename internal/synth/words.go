package synth

// tr is one phrase in the four languages, in content.Languages order:
// Swedish, Ukrainian, Arabic, English.
type tr [4]string

// concept is a kind of help or activity a newcomer meets, with its
// category from docs/content-format.md and an ASCII slug for ids. The
// phrases are in the form used inside a sentence; titles capitalise them.
type concept struct {
	slug     string
	category string
	name     tr
}

var concepts = []concept{
	{"vardcentral", "health", tr{"vårdcentral", "поліклініка", "مركز صحي", "health centre"}},
	{"tandvard", "health", tr{"tandvård", "стоматологія", "رعاية الأسنان", "dental care"}},
	{"samtalsstod", "health", tr{"samtalsstöd", "психологічна підтримка", "الدعم النفسي", "counselling"}},
	{"promenadgrupp", "health", tr{"promenadgrupp", "група для прогулянок", "مجموعة المشي", "walking group"}},
	{"krisstod", "emergency", tr{"krisstöd", "кризова підтримка", "دعم في الأزمات", "crisis support"}},
	{"skola", "school", tr{"skola", "школа", "مدرسة", "school"}},
	{"laxhjalp", "school", tr{"läxhjälp", "допомога з домашніми завданнями", "مساعدة في الواجبات المدرسية", "homework help"}},
	{"sprakkurs", "language", tr{"språkkurs", "мовний курс", "دورة لغة", "language course"}},
	{"sfi", "language", tr{"svenska för invandrare (sfi)", "шведська для іммігрантів (SFI)", "اللغة السويدية للمهاجرين (SFI)", "Swedish for immigrants (SFI)"}},
	{"sprakcafe", "language", tr{"språkcafé", "мовне кафе", "مقهى اللغة", "language café"}},
	{"bostadsradgivning", "housing", tr{"bostadsrådgivning", "консультації щодо житла", "استشارات السكن", "housing advice"}},
	{"jobbcoachning", "work", tr{"jobbcoachning", "коучинг з пошуку роботи", "التدريب على إيجاد عمل", "job coaching"}},
	{"cv-verkstad", "work", tr{"CV-verkstad", "майстерня з написання резюме", "ورشة كتابة السيرة الذاتية", "CV workshop"}},
	{"familjecentral", "family", tr{"familjecentral", "сімейний центр", "مركز الأسرة", "family centre"}},
	{"foraldragrupp", "family", tr{"föräldragrupp", "група для батьків", "مجموعة الآباء والأمهات", "parents' group"}},
	{"oppen-forskola", "children", tr{"öppen förskola", "відкритий дитячий садок", "روضة أطفال مفتوحة", "open preschool"}},
	{"kulturskola", "children", tr{"kulturskola", "школа мистецтв", "مدرسة الفنون", "arts school"}},
	{"motesplats", "integration", tr{"mötesplats", "місце зустрічей", "مكان لقاء", "meeting place"}},
	{"sycafe", "integration", tr{"sycafé", "швейне кафе", "مقهى الخياطة", "sewing café"}},
	{"kvinnogrupp", "integration", tr{"kvinnogrupp", "жіноча група", "مجموعة النساء", "women's group"}},
	{"matlagningstraff", "integration", tr{"matlagningsträff", "кулінарна зустріч", "لقاء الطبخ", "cooking meetup"}},
	{"samhallsorientering", "integration", tr{"samhällsorientering", "орієнтація у шведському суспільстві", "التوجيه المجتمعي", "civic orientation"}},
	{"bibliotek", "leisure", tr{"bibliotek", "бібліотека", "مكتبة", "library"}},
	{"idrottsforening", "leisure", tr{"idrottsförening", "спортивний клуб", "نادي رياضي", "sports club"}},
	{"fritidsgard", "leisure", tr{"fritidsgård", "молодіжний центр", "مركز الشباب", "youth centre"}},
	{"simskola", "leisure", tr{"simskola", "школа плавання", "مدرسة السباحة", "swimming school"}},
	{"blankett-hjalp", "help", tr{"hjälp med blanketter", "допомога з формулярами", "مساعدة في تعبئة الاستمارات", "help with forms"}},
	{"datorhjalp", "help", tr{"datorhjälp", "комп'ютерна допомога", "مساعدة في استخدام الحاسوب", "computer help"}},
	{"cykelkurs", "transport", tr{"cykelkurs", "курс їзди на велосипеді", "دورة ركوب الدراجات", "cycling course"}},
	{"korkortsteori", "transport", tr{"körkortsteori", "теорія водіння", "نظرية رخصة القيادة", "driving theory"}},
	{"budgetradgivning", "money", tr{"budget- och skuldrådgivning", "консультації щодо бюджету та боргів", "استشارات الميزانية والديون", "budget and debt advice"}},
	{"bankid-hjalp", "money", tr{"hjälp med bank-id", "допомога з BankID", "مساعدة في BankID", "help with BankID"}},
	{"juridisk-radgivning", "rights", tr{"juridisk rådgivning", "юридична консультація", "استشارة قانونية", "legal advice"}},
	{"medborgarkontor", "authority", tr{"medborgarkontor", "центр обслуговування громадян", "مكتب خدمة المواطنين", "citizen service office"}},
	{"uppehallstillstand", "residence", tr{"rådgivning om uppehållstillstånd", "консультації щодо посвідки на проживання", "استشارات تصاريح الإقامة", "residence permit advice"}},
}

// topicDefs are the twelve topics, with the category each stands for.
// The emergency topic comes first so that even a small set has it: a
// kiosk refuses a version without the core items (content.Core).
var topicDefs = []struct {
	id, icon string
	title    tr
}{
	{"emergency", "emergency", tr{"Akut hjälp", "Екстрена допомога", "المساعدة العاجلة", "Emergency help"}},
	{"health", "health", tr{"Hälsa och vård", "Здоров'я та медицина", "الصحة والرعاية", "Health and care"}},
	{"housing", "housing", tr{"Boende", "Житло", "السكن", "Housing"}},
	{"school", "school", tr{"Skola och utbildning", "Школа та освіта", "المدرسة والتعليم", "School and education"}},
	{"language", "language", tr{"Svenska språket", "Шведська мова", "اللغة السويدية", "The Swedish language"}},
	{"work", "work", tr{"Arbete", "Робота", "العمل", "Work"}},
	{"money", "money", tr{"Pengar och ekonomi", "Гроші та фінанси", "المال والاقتصاد", "Money and finances"}},
	{"rights", "rights", tr{"Rättigheter och lagar", "Права та закони", "الحقوق والقوانين", "Rights and laws"}},
	{"family", "family", tr{"Familj och barn", "Сім'я та діти", "الأسرة والأطفال", "Family and children"}},
	{"residence", "residence", tr{"Uppehållstillstånd", "Посвідка на проживання", "تصريح الإقامة", "Residence permits"}},
	{"transport", "transport", tr{"Resor och trafik", "Транспорт і подорожі", "التنقل والمواصلات", "Travel and transport"}},
	{"leisure", "leisure", tr{"Fritid och kultur", "Дозвілля та культура", "الترفيه والثقافة", "Leisure and culture"}},
}

// emergencyTitle is the title of the 112 article, as in the built-in content.
var emergencyTitle = tr{"Ring 112 vid nödläge", "У надзвичайній ситуації телефонуйте 112", "اتصل بالرقم 112 في حالات الطوارئ", "Call 112 in an emergency"}

// categoryTopic maps a category to the index of the topic its articles go
// under.
var categoryTopic = map[string]int{
	"emergency": 0, "health": 1, "housing": 2, "school": 3, "language": 4,
	"work": 5, "money": 6, "rights": 7, "authority": 7, "help": 7,
	"family": 8, "children": 8, "residence": 9, "transport": 10,
	"leisure": 11, "integration": 11,
}

var topicSummary = tr{
	"Grundläggande information för dig som är ny i Sverige.",
	"Основна інформація для тих, хто нещодавно приїхав до Швеції.",
	"معلومات أساسية للقادمين الجدد إلى السويد.",
	"Basic information for people who are new in Sweden.",
}

// Sentence templates. Slots: {c} concept, {m} municipality, {d} weekday
// ("every Tuesday"), {t} time of day, {a} audience.
var sentences = []tr{
	{"Vi träffas {d} klockan {t}.", "Ми зустрічаємося {d} о {t}.", "نلتقي {d} الساعة {t}.", "We meet {d} at {t}."},
	{"Det är gratis och du behöver inte anmäla dig i förväg.", "Це безкоштовно, і реєструватися заздалегідь не потрібно.", "المشاركة مجانية ولا حاجة للتسجيل مسبقاً.", "It is free and you do not need to sign up in advance."},
	{"Ta gärna med barnen – det finns fika och leksaker.", "Можна приходити з дітьми – є кава, чай та іграшки.", "يمكنك إحضار أطفالك، تتوفر القهوة والألعاب.", "Feel free to bring the children – there is coffee and toys."},
	{"Personalen talar flera språk.", "Працівники говорять кількома мовами.", "يتحدث الموظفون عدة لغات.", "The staff speak several languages."},
	{"Du kan få hjälp att förstå brev från myndigheter.", "Вам допоможуть зрозуміти листи від державних установ.", "يمكنك الحصول على مساعدة لفهم الرسائل من السلطات.", "You can get help understanding letters from the authorities."},
	{"Verksamheten drivs av {m} kommun tillsammans med ideella föreningar.", "Діяльність організовує громада {m} разом із громадськими організаціями.", "تنظم بلدية {m} هذا النشاط بالتعاون مع جمعيات أهلية.", "It is run by {m} municipality together with local associations."},
	{"Ingen förkunskap behövs, alla är välkomna.", "Попередні знання не потрібні, ласкаво просимо всіх.", "لا حاجة لمعرفة مسبقة، الجميع مرحب بهم.", "No previous knowledge is needed; everyone is welcome."},
	{"Lokalen är tillgänglig för rullstol.", "Приміщення доступне для людей на візку.", "المكان مهيأ لمستخدمي الكراسي المتحركة.", "The premises are wheelchair accessible."},
	{"Vid frågor, kontakta oss via e-post.", "Якщо у вас є запитання, напишіть нам електронною поштою.", "للاستفسارات، تواصل معنا عبر البريد الإلكتروني.", "If you have questions, contact us by email."},
	{"Du träffar andra som också är nya i Sverige.", "Ви познайомитеся з іншими людьми, які теж нещодавно приїхали до Швеції.", "ستلتقي بأشخاص آخرين وصلوا حديثاً إلى السويد.", "You will meet others who are also new in Sweden."},
	{"Vi pratar svenska i lugn takt, så att alla kan vara med.", "Ми говоримо шведською повільно, щоб усі могли взяти участь.", "نتحدث السويدية ببطء حتى يتمكن الجميع من المشاركة.", "We speak Swedish slowly so that everyone can take part."},
	{"Tolk kan bokas om du behöver det.", "За потреби можна замовити перекладача.", "يمكن حجز مترجم إذا احتجت إلى ذلك.", "An interpreter can be booked if you need one."},
	{"Aktiviteten passar {a}.", "Захід підходить для {a}.", "يناسب هذا النشاط {a}.", "The activity suits {a}."},
	{"Mer om {c} finns på kommunens webbplats.", "Більше про «{c}» – на сайті громади {m}.", "المزيد عن «{c}» على موقع بلدية {m}.", "More about {c} is on the municipality's website."},
	{"Alla som är nya i {m} är välkomna hit ({c}).", "Послуга «{c}» відкрита для всіх, хто нещодавно оселився в громаді {m}.", "خدمة «{c}» متاحة لكل القادمين الجدد إلى {m}.", "Our {c} is open to everyone who is new in {m}."},
	{"Kom som du är, vi bjuder på kaffe och te.", "Приходьте такими, як ви є, ми пригощаємо кавою та чаєм.", "تعال كما أنت، نقدم لك القهوة والشاي.", "Come as you are; coffee and tea are on us."},
	{"Du kan också ringa och boka en tid.", "Ви також можете зателефонувати й записатися на зустріч.", "يمكنك أيضاً الاتصال وحجز موعد.", "You can also call and book an appointment."},
	{"Ta med legitimation om du har en.", "Візьміть із собою посвідчення особи, якщо воно у вас є.", "أحضر بطاقة الهوية إن كانت لديك.", "Bring your ID if you have one."},
}

// audiences fill {a}; the Ukrainian forms follow "для" (genitive).
var audiences = []tr{
	{"nyanlända vuxna", "новоприбулих дорослих", "البالغين القادمين حديثاً", "newly arrived adults"},
	{"barn och unga", "дітей та молоді", "الأطفال والشباب", "children and young people"},
	{"föräldrar", "батьків", "الآباء والأمهات", "parents"},
	{"kvinnor", "жінок", "النساء", "women"},
	{"seniorer", "людей похилого віку", "كبار السن", "seniors"},
	{"alla åldrar", "людей будь-якого віку", "جميع الأعمار", "all ages"},
}

// modifiers end an event or project title ("Språkcafé för kvinnor").
var modifiers = []tr{
	{"", "", "", ""},
	{" för kvinnor", " для жінок", " للنساء", " for women"},
	{" för barn och unga", " для дітей та молоді", " للأطفال والشباب", " for children and young people"},
	{" för nyanlända", " для новоприбулих", " للقادمين الجدد", " for newcomers"},
	{" för föräldrar", " для батьків", " للوالدين", " for parents"},
	{" på kvällstid", " у вечірній час", " في المساء", " in the evening"},
	{" för seniorer", " для людей похилого віку", " لكبار السن", " for seniors"},
	{" för nybörjare", " для початківців", " للمبتدئين", " for beginners"},
	{" på lätt svenska", " легкою шведською", " بلغة سويدية سهلة", " in easy Swedish"},
}

// weekdays fill {d}, indexed by time.Weekday.
var weekdays = []tr{
	{"varje söndag", "щонеділі", "كل يوم أحد", "every Sunday"},
	{"varje måndag", "щопонеділка", "كل يوم اثنين", "every Monday"},
	{"varje tisdag", "щовівторка", "كل يوم ثلاثاء", "every Tuesday"},
	{"varje onsdag", "щосереди", "كل يوم أربعاء", "every Wednesday"},
	{"varje torsdag", "щочетверга", "كل يوم خميس", "every Thursday"},
	{"varje fredag", "щоп'ятниці", "كل يوم جمعة", "every Friday"},
	{"varje lördag", "щосуботи", "كل يوم سبت", "every Saturday"},
}

var rruleDays = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

var districts = []tr{
	{"Centrum", "Центр", "المركز", "Centre"},
	{"Norr", "Північ", "الشمال", "North"},
	{"Söder", "Південь", "الجنوب", "South"},
	{"Öster", "Схід", "الشرق", "East"},
	{"Väster", "Захід", "الغرب", "West"},
	{"Stationen", "Вокзал", "المحطة", "Station"},
}

// organisations; {m} is the municipality. The associations are invented.
var organisations = []tr{
	{"{m} kommun", "Громада {m}", "بلدية {m}", "{m} Municipality"},
	{"{m} kommun", "Громада {m}", "بلدية {m}", "{m} Municipality"},
	{"Föreningen Nya Vänner", "Асоціація «Нові друзі»", "جمعية الأصدقاء الجدد", "New Friends Association"},
	{"Föreningen Grannar Emellan", "Асоціація «Між сусідами»", "جمعية بين الجيران", "Between Neighbours Association"},
	{"Studiecirkeln Bron", "Навчальний гурток «Міст»", "حلقة الدراسة «الجسر»", "The Bridge Study Circle"},
	{"Stiftelsen Öppna Dörrar", "Фонд «Відчинені двері»", "مؤسسة الأبواب المفتوحة", "Open Doors Foundation"},
	{"Idrottsalliansen {m}", "Спортивний альянс {m}", "التحالف الرياضي في {m}", "{m} Sports Alliance"},
}

// venues name the place of an event.
var venues = []tr{
	{"Biblioteket", "Бібліотека", "المكتبة", "The library"},
	{"Medborgarhuset", "Будинок громади", "دار المواطنين", "Community hall"},
	{"Församlingshemmet", "Парафіяльний дім", "قاعة الرعية", "Parish hall"},
	{"Folkets hus", "Народний дім", "دار الشعب", "Folkets hus community centre"},
	{"Fritidsgården", "Молодіжний центр", "مركز الشباب", "The youth centre"},
	{"Träffpunkten", "Місце зустрічей", "نقطة اللقاء", "The meeting point"},
	{"Sporthallen", "Спортивний зал", "الصالة الرياضية", "The sports hall"},
	{"Familjecentralen", "Сімейний центр", "مركز الأسرة", "The family centre"},
}

// streets are common Swedish street names.
var streets = []string{
	"Storgatan", "Kungsgatan", "Drottninggatan", "Skolgatan", "Kyrkogatan",
	"Järnvägsgatan", "Stationsgatan", "Torggatan", "Parkvägen", "Skogsvägen",
	"Björkvägen", "Ringvägen", "Södra vägen", "Norra allén", "Hamngatan",
	"Nygatan", "Östra Långgatan", "Västra Storgatan", "Prästgatan",
	"Trädgårdsgatan", "Slottsgatan", "Ekvägen", "Lindvägen", "Tallvägen",
	"Kvarngatan", "Sjögatan", "Bangatan", "Bergsgatan", "Fabriksgatan",
	"Idrottsvägen", "Biblioteksgatan", "Folkets väg",
}

// article aspects end an article title ("Vårdcentral: så fungerar det").
var aspects = []struct {
	slug string
	name tr
}{
	{"sa-fungerar-det", tr{"så fungerar det", "як це працює", "كيف يعمل ذلك", "how it works"}},
	{"dina-rattigheter", tr{"dina rättigheter", "ваші права", "حقوقك", "your rights"}},
	{"vanliga-fragor", tr{"vanliga frågor", "поширені запитання", "أسئلة شائعة", "frequently asked questions"}},
	{"forsta-stegen", tr{"första stegen", "перші кроки", "الخطوات الأولى", "first steps"}},
	{"att-tanka-pa", tr{"att tänka på", "що варто знати", "ما يجب معرفته", "things to know"}},
}

var articleHeading = tr{"Det här behöver du veta", "Що потрібно знати", "ما تحتاج إلى معرفته", "What you need to know"}

var bullets = []tr{
	{"Ta med legitimation", "Візьміть із собою посвідчення особи", "أحضر بطاقة الهوية", "Bring your ID"},
	{"Boka tid i förväg", "Запишіться заздалегідь", "احجز موعداً مسبقاً", "Book an appointment in advance"},
	{"Fråga om tolk", "Запитайте про перекладача", "اسأل عن مترجم", "Ask for an interpreter"},
	{"Spara alla brev från myndigheter", "Зберігайте всі листи від установ", "احتفظ بجميع رسائل السلطات", "Keep all letters from the authorities"},
	{"Ring **112** vid akut fara", "У разі небезпеки телефонуйте **112**", "اتصل بالرقم **112** في حالات الطوارئ", "Call **112** in an emergency"},
	{"Ring **1177** för råd om vård", "Телефонуйте **1177** для медичної консультації", "اتصل بالرقم **1177** للاستشارة الطبية", "Call **1177** for health advice"},
	{"Fråga personalen om du inte förstår", "Запитайте працівників, якщо щось незрозуміло", "اسأل الموظفين إذا لم تفهم شيئاً", "Ask the staff if you do not understand"},
}

var offers = []tr{
	{"Språkträning i små grupper", "Мовні заняття в малих групах", "تدريب لغوي في مجموعات صغيرة", "Language practice in small groups"},
	{"Studiebesök på arbetsplatser", "Ознайомчі візити на робочі місця", "زيارات دراسية لأماكن العمل", "Study visits to workplaces"},
	{"Stöd med CV och ansökningar", "Допомога з резюме та заявами", "دعم في كتابة السيرة الذاتية والطلبات", "Help with CVs and applications"},
	{"Ett tryggt socialt sammanhang", "Безпечне соціальне середовище", "بيئة اجتماعية آمنة", "A safe social setting"},
	{"Aktiviteter för hela familjen", "Заходи для всієї родини", "أنشطة لكل العائلة", "Activities for the whole family"},
	{"Samtal med en mentor", "Розмови з наставником", "لقاءات مع مرشد", "Talks with a mentor"},
	{"Information om svensk arbetsmarknad", "Інформація про шведський ринок праці", "معلومات عن سوق العمل السويدي", "Information about the Swedish labour market"},
	{"Hjälp att hitta praktikplats", "Допомога в пошуку стажування", "مساعدة في إيجاد مكان تدريب", "Help finding an internship"},
}

var projectNames = []tr{
	{"Nya vägar", "Нові шляхи", "طرق جديدة", "New Paths"},
	{"Steg för steg", "Крок за кроком", "خطوة بخطوة", "Step by Step"},
	{"Tillsammans", "Разом", "معاً", "Together"},
	{"Öppna dörrar", "Відчинені двері", "أبواب مفتوحة", "Open Doors"},
	{"Bron till arbete", "Міст до роботи", "جسر إلى العمل", "Bridge to Work"},
	{"Kompassen", "Компас", "البوصلة", "The Compass"},
	{"Vägen in", "Шлях усередину", "طريق الدخول", "The Way In"},
	{"Rötter och vingar", "Коріння і крила", "جذور وأجنحة", "Roots and Wings"},
}

var projectSentences = []tr{
	{"Projektet finansieras av Asyl-, migrations- och integrationsfonden (AMIF).", "Проєкт фінансується Фондом притулку, міграції та інтеграції (AMIF).", "يموّل المشروع صندوق اللجوء والهجرة والاندماج (AMIF).", "The project is funded by the Asylum, Migration and Integration Fund (AMIF)."},
	{"Målet är att fler nyanlända ska komma i arbete eller studier.", "Мета – допомогти більшій кількості новоприбулих знайти роботу або навчання.", "الهدف هو مساعدة المزيد من القادمين الجدد على العمل أو الدراسة.", "The aim is to help more newcomers into work or studies."},
	{"Projektet riktar sig särskilt till {a}.", "Проєкт призначений насамперед для {a}.", "يستهدف المشروع بشكل خاص {a}.", "The project is aimed especially at {a}."},
	{"Deltagarna får {c} i en trygg miljö.", "Учасники отримують послугу «{c}» у безпечному середовищі.", "يحصل المشاركون على «{c}» في بيئة آمنة.", "Participants get {c} in a safe setting."},
	{"Projektet pågår i {m} och närliggande kommuner.", "Проєкт діє в громаді {m} та сусідніх громадах.", "ينفذ المشروع في {m} والبلديات المجاورة.", "The project runs in {m} and nearby municipalities."},
}

var contactRoles = []tr{
	{"Projektledare", "Керівник проєкту", "مدير المشروع", "Project manager"},
	{"Samordnare", "Координатор", "منسق", "Coordinator"},
	{"Integrationsstrateg", "Фахівець з інтеграції", "أخصائي الاندماج", "Integration strategist"},
}

var onlineInfo = tr{
	"Länk skickas via arrangörens Facebook och Instagram.",
	"Посилання буде на сторінках організатора у Facebook та Instagram.",
	"يُرسل الرابط عبر صفحتي المنظم على فيسبوك وإنستغرام.",
	"The link is shared on the organiser's Facebook and Instagram.",
}

var hoursNote = tr{
	"Ring gärna innan du kommer.",
	"Бажано зателефонувати перед візитом.",
	"يفضل الاتصال قبل الحضور.",
	"Please call before you come.",
}

// holidays are Swedish dates when services often close or shorten hours;
// month, day (0 day: midsummer eve, the Friday between 19 and 25 June).
var holidays = []struct {
	month, day int
	name       tr
}{
	{1, 1, tr{"Nyårsdagen", "Новий рік", "رأس السنة الميلادية", "New Year's Day"}},
	{1, 6, tr{"Trettondedag jul", "Богоявлення", "عيد الغطاس", "Epiphany"}},
	{5, 1, tr{"Första maj", "Перше травня", "عيد العمال", "May Day"}},
	{6, 6, tr{"Sveriges nationaldag", "Національний день Швеції", "اليوم الوطني السويدي", "National Day of Sweden"}},
	{6, 0, tr{"Midsommarafton", "Переддень Мідсоммару", "عشية منتصف الصيف", "Midsummer Eve"}},
	{12, 24, tr{"Julafton", "Святвечір", "ليلة عيد الميلاد", "Christmas Eve"}},
	{12, 25, tr{"Juldagen", "Різдво", "عيد الميلاد", "Christmas Day"}},
	{12, 31, tr{"Nyårsafton", "Переддень Нового року", "ليلة رأس السنة", "New Year's Eve"}},
}

// spoken are language codes a service's staff may speak besides Swedish.
var spoken = []string{"en", "ar", "uk", "so", "fa", "ti", "ru", "pl", "bs", "ku", "es", "fr", "prs"}
