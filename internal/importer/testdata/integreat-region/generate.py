#!/usr/bin/env python3
"""Writes the Integreat API v3 dump of the fictional region "exempelstad"
in five language folders (de is the region's source language, so its ids
are the lowest). Run from this folder: python3 generate.py"""
import json, os

BASE = "https://integreat.example.org/exempelstad"
LANGS = ["de", "en", "sv", "uk", "ar"]
OFFSET = {"de": 1000, "en": 2000, "sv": 3000, "uk": 4000, "ar": 5000}


def slug(lang, key):
    return f"{key}-{lang}"


# Pages: key, parent key, order, {lang: (title, excerpt, content)}.
PAGES = [
    ("arrive", None, 1, {
        "de": ("Ankommen in Exempelstad", "Erste Informationen.", "<p>Das Bürgerbüro:<br>Exempelgatan 5<br>702 10 Exempelstad<br></p><p>Telefon: 070-1740641</p>"),
        "en": ("Arriving in Exempelstad", "First information.", "<p>The citizens' office:<br>Exempelgatan 5<br>702 10 Exempelstad<br></p><p>Phone: 070-1740641</p>"),
        "sv": ("Att komma till Exempelstad", "Den första informationen.", "<p>Medborgarkontoret:<br>Exempelgatan 5<br>702 10 Exempelstad<br></p><p>Telefon: 070-1740641</p>"),
        "uk": ("Прибуття до Exempelstad", "Перша інформація.", "<p>Бюро для громадян:<br>Exempelgatan 5<br>702 10 Exempelstad<br></p><p>Телефон: 070-1740641</p>"),
        "ar": ("الوصول إلى Exempelstad", "المعلومات الأولى.", "<p>مكتب المواطنين:<br>Exempelgatan 5<br>702 10 Exempelstad<br></p><p>الهاتف: 070-1740641</p>"),
    }),
    ("steps", "arrive", 2, {
        "de": ("Erste Schritte", "Was Sie zuerst tun.", "<h2>Der Reihe nach</h2><ol><li>Anmelden</li><li>Konto eröffnen</li><li>Kurs finden</li></ol><ul><li>Unterlagen<ul><li>Pass</li><li>Mietvertrag</li></ul></li><li>Termine</li></ul><p><strong>Beratung: <a href=\"https://beratung.example.org/\">online buchen</a></strong> oder anrufen.</p><table><tr><th>Tag</th><th>Zeit</th></tr><tr><td>Montag</td><td>9–12</td></tr><tr><td>Donnerstag</td><td>13–16</td></tr></table>"),
        "en": ("First steps", "What you do first.", "<h2>In order</h2><ol><li>Register</li><li>Open an account</li><li>Find a course</li></ol><ul><li>Papers<ul><li>Passport</li><li>Tenancy agreement</li></ul></li><li>Appointments</li></ul><p><strong>Advice: <a href=\"https://beratung.example.org/\">book online</a></strong> or call.</p><table><tr><th>Day</th><th>Time</th></tr><tr><td>Monday</td><td>9–12</td></tr><tr><td>Thursday</td><td>13–16</td></tr></table>"),
        "sv": ("Första stegen", "Det här gör du först.", "<h2>I tur och ordning</h2><ol><li>Folkbokför dig</li><li>Öppna ett konto</li><li>Hitta en kurs</li></ol><ul><li>Papper<ul><li>Pass</li><li>Hyreskontrakt</li></ul></li><li>Tider</li></ul><p><strong>Rådgivning: <a href=\"https://beratung.example.org/\">boka på nätet</a></strong> eller ring.</p><table><tr><th>Dag</th><th>Tid</th></tr><tr><td>Måndag</td><td>9–12</td></tr><tr><td>Torsdag</td><td>13–16</td></tr></table>"),
        "uk": ("Перші кроки", "Що зробити спочатку.", "<h2>По черзі</h2><ol><li>Зареєструватися</li><li>Відкрити рахунок</li><li>Знайти курс</li></ol><ul><li>Документи<ul><li>Паспорт</li><li>Договір оренди</li></ul></li><li>Зустрічі</li></ul><p><strong>Консультація: <a href=\"https://beratung.example.org/\">записатися онлайн</a></strong> або зателефонувати.</p><table><tr><th>День</th><th>Час</th></tr><tr><td>Понеділок</td><td>9–12</td></tr><tr><td>Четвер</td><td>13–16</td></tr></table>"),
        "ar": ("الخطوات الأولى", "ما تفعله أولاً.", "<h2>بالترتيب</h2><ol><li>التسجيل</li><li>فتح حساب</li><li>إيجاد دورة</li></ol><ul><li>الأوراق<ul><li>جواز السفر</li><li>عقد الإيجار</li></ul></li><li>المواعيد</li></ul><p><strong>الاستشارة: <a href=\"https://beratung.example.org/\">احجز عبر الإنترنت</a></strong> أو اتصل.</p><table><tr><th>اليوم</th><th>الوقت</th></tr><tr><td>الاثنين</td><td>9–12</td></tr><tr><td>الخميس</td><td>13–16</td></tr></table>"),
    }),
    ("work", "arrive", 3, {
        "de": ("Arbeit &amp; Ausbildung", "Arbeit finden.", "<p>Start <a href=\"https://arbeit.example.org/\">Jobportal<h2>Beratung</h2><p>Schreiben Sie an info_beratung@example.org.</p><p>1. Januar: Büro zu. 5 * 3 Termine [1].</p>"),
        "en": ("Work &amp; training", "Finding work.", "<p>Start <a href=\"https://arbeit.example.org/\">job portal<h2>Advice</h2><p>Write to info_beratung@example.org.</p><p>1. January: office closed. 5 * 3 appointments [1].</p>"),
        "sv": ("Arbete &amp; utbildning", "Hitta arbete.", "<p>Börja <a href=\"https://arbeit.example.org/\">jobbportalen<h2>Rådgivning</h2><p>Skriv till info_beratung@example.org.</p><p>1. januari: kontoret stängt. 5 * 3 tider [1].</p>"),
        "uk": ("Робота &amp; навчання", "Пошук роботи.", "<p>Почніть <a href=\"https://arbeit.example.org/\">портал вакансій<h2>Консультація</h2><p>Пишіть на info_beratung@example.org.</p><p>1. січня: офіс зачинено. 5 * 3 зустрічі [1].</p>"),
        "ar": ("العمل &amp; التدريب", "إيجاد عمل.", "<p>ابدأ <a href=\"https://arbeit.example.org/\">بوابة الوظائف<h2>الاستشارة</h2><p>اكتب إلى info_beratung@example.org.</p><p>1. يناير: المكتب مغلق. 5 * 3 مواعيد [1].</p>"),
    }),
    ("jobcentre", "work", 4, {
        "de": ("Jobcenter", "", "<p>Das Jobcenter hilft bei der Suche.</p>"),
        "en": ("Job centre", "", "<p>The job centre helps you search.</p>"),
        "sv": ("Arbetsförmedlingen (exempel)", "", "<p>Arbetsförmedlingen hjälper dig att söka.</p>"),
        "uk": ("Центр зайнятості", "", "<p>Центр зайнятості допомагає з пошуком.</p>"),
        "ar": ("مركز العمل", "", "<p>يساعدك مركز العمل في البحث.</p>"),
    }),
    ("health", None, 5, {
        "de": ("Gesundheit", "Ärzte und Notfall.", ""),
        "en": ("Health", "Doctors and emergencies.", ""),
        "sv": ("Hälsa", "Läkare och nödfall.", ""),
        "uk": ("Здоров'я", "Лікарі та екстрені випадки.", ""),
        "ar": ("الصحة", "الأطباء والطوارئ.", ""),
    }),
    ("doctors", "health", 6, {
        "de": ("Ärzte", "", "<p>Im Notfall: <b>112</b>.</p>"),
        "en": ("Doctors", "", "<p>In an emergency: <b>112</b>.</p>"),
        "sv": ("Läkare", "", "<p>Vid nödfall: <b>112</b>.</p>"),
        "uk": ("Лікарі", "", "<p>У надзвичайній ситуації: <b>112</b>.</p>"),
        "ar": ("الأطباء", "", "<p>في حالة الطوارئ: <b>112</b>.</p>"),
    }),
    ("german-only", None, 7, {
        "de": ("Nur auf Deutsch", "", "<p>Diese Seite gibt es nur auf Deutsch.</p>"),
    }),
    ("empty-en", None, 8, {
        "en": ("Empty page", "", ""),
    }),
]

# Events: key, has id, {lang: (title, content)}, start, end, rule.
EVENTS = [
    ("cafe", False, {"de": ("Sprachcafé", "<p>Jeden Dienstag.</p>"), "en": ("Language café", "<p>Every Tuesday.</p>"), "sv": ("Språkcafé", "<p>Varje tisdag.</p>")},
     "2026-03-03T17:00:00+01:00", "2026-03-03T19:00:00+01:00", "DTSTART:20260303T170000\nRRULE:FREQ=WEEKLY;BYDAY=TU"),
    ("walk", False, {"de": ("Stadtspaziergang", "<p>Treffpunkt am Rathaus.</p>"), "en": ("City walk", "<p>Meet at the town hall.</p>"), "sv": ("Stadsvandring", "<p>Samling vid stadshuset.</p>")},
     "2026-04-11T10:00:00+02:00", "2026-04-11T12:00:00+02:00", None),
    ("fair", True, {"de": ("Jobmesse", "<p>Arbeitgeber stellen sich vor.</p>"), "en": ("Job fair", "<p>Employers present themselves.</p>"), "sv": ("Jobbmässa", "<p>Arbetsgivare presenterar sig.</p>")},
     "2026-05-20T09:00:00+02:00", "2026-05-20T15:00:00+02:00", None),
]

# Locations: key, {lang: (title, content, category name)}, organisation, lat, lon.
LOCATIONS = [
    ("advice", {"de": ("Beratungsstelle", "<p>Beratung für Neuankommende.</p>", "Beratung"),
                "en": ("Advice centre", "<p>Advice for newcomers.</p>", "Advice"),
                "sv": ("Rådgivningen", "<p>Rådgivning för nyanlända.</p>", "Rådgivning"),
                "uk": ("Консультаційний центр", "<p>Консультації для новоприбулих.</p>", "Консультації"),
                "ar": ("مركز الاستشارات", "<p>استشارات للقادمين الجدد.</p>", "استشارات")},
     {"id": 1, "slug": "exempelverein", "name": "Exempelverein", "logo": None, "website": "https://verein.example.org"}, 59.27, 15.21),
    ("badgeo", {"de": ("Treffpunkt", "<p>Offener Treff.</p>", "Freizeit"),
                "en": ("Meeting point", "<p>Open meeting.</p>", "Leisure"),
                "sv": ("Mötesplatsen", "<p>Öppen träff.</p>", "Fritid")},
     None, 100, 101),
]


def tid(kind_offset, lang, index):
    return OFFSET[lang] + kind_offset + index


def path(lang, kind, key):
    pre = "" if kind == "pages" else kind + "/"
    return f"/exempelstad/{lang}/{pre}{slug(lang, key)}/"


def links(kind, key, langs_of, lang, with_id, kind_offset, index):
    out = {}
    for other in langs_of:
        if other == lang:
            continue
        out[other] = {"id": tid(kind_offset, other, index) if with_id else None,
                      "url": "https://integreat.example.org" + path(other, kind, key),
                      "path": path(other, kind, key)}
    return out


def main():
    files = {l: {"pages": [], "events": [], "locations": []} for l in LANGS}
    keys = {p[0]: i for i, p in enumerate(PAGES)}
    for i, (key, parent, order, tr) in enumerate(PAGES):
        for lang, (title, excerpt, content) in tr.items():
            par = {"id": 0, "url": None, "path": None}
            if parent:
                j = keys[parent]
                par = {"id": tid(0, lang, j), "url": "https://integreat.example.org" + path(lang, "pages", parent), "path": path(lang, "pages", parent)}
            files[lang]["pages"].append({
                "id": tid(0, lang, i), "url": "https://integreat.example.org" + path(lang, "pages", key), "path": path(lang, "pages", key),
                "title": title, "modified_gmt": "2026-02-10T09:30:00Z", "last_updated": "2026-02-10T10:30:00+01:00",
                "excerpt": excerpt, "content": content, "parent": par, "order": order,
                "available_languages": links("pages", key, tr, lang, True, 0, i), "thumbnail": "", "organization": None, "hash": None})
    for i, (key, with_id, tr, start, end, rule) in enumerate(EVENTS):
        for lang, (title, content) in tr.items():
            files[lang]["events"].append({
                "id": tid(500, lang, i) if with_id else None, "url": "https://integreat.example.org" + path(lang, "events", key), "path": path(lang, "events", key),
                "title": title, "last_updated": "2026-02-01T09:00:00+01:00", "excerpt": "", "content": content,
                "available_languages": links("events", key, tr, lang, with_id, 500, i), "thumbnail": None,
                "location": {"id": None, "name": "Exempelbiblioteket", "address": "Exempelgatan 3", "town": "Exempelstad", "postcode": "702 11",
                             "state": None, "region": None, "country": None, "latitude": "59.2741", "longitude": "15.2066"},
                "location_path": None,
                "event": {"id": None, "start": start, "end": end, "all_day": False, "start_date": start[:10], "end_date": end[:10],
                          "start_time": start[11:19], "end_time": end[11:19], "recurrence_id": None, "timezone": "Europe/Berlin"},
                "hash": None, "recurrence_rule": rule, "meeting_url": None})
    for i, (key, tr, org, lat, lon) in enumerate(LOCATIONS):
        for lang, (title, content, cat) in tr.items():
            files[lang]["locations"].append({
                "id": tid(800, lang, i), "url": "https://integreat.example.org" + path(lang, "locations", key), "path": path(lang, "locations", key),
                "title": title, "last_updated": "2026-01-20T10:00:00+01:00", "meta_description": "", "excerpt": "", "content": content,
                "available_languages": links("locations", key, tr, lang, True, 800, i), "icon": None, "thumbnail": None,
                "website": None, "email": "kontakt@example.org", "phone_number": "070-1740642",
                "category": {"id": 3 + i, "name": cat, "color": "#1DC6C6", "icon": None, "icon_url": None},
                "temporarily_closed": False,
                "opening_hours": [{"allDay": False, "closed": False, "appointmentOnly": False, "timeSlots": [{"start": "09:00", "end": "12:00"}]}] * 5
                + [{"allDay": False, "closed": True, "appointmentOnly": False, "timeSlots": []}] * 2,
                "appointment_url": None,
                "location": {"id": 900 + i, "name": title, "address": "Exempelgatan 7", "town": "Exempelstad", "postcode": "702 12",
                             "state": None, "region": None, "country": "Schweden", "latitude": lat, "longitude": lon},
                "hash": None, "organization": org, "barrier_free": None})
    # One record of the wrong shape among good ones: its id is not a number.
    files["en"]["pages"].append({"id": "broken", "title": "Broken record", "content": "<p>x</p>"})
    for lang, kinds in files.items():
        os.makedirs(lang, exist_ok=True)
        for kind, recs in kinds.items():
            if recs:
                with open(f"{lang}/{kind}.json", "w", encoding="utf-8") as f:
                    json.dump(recs, f, ensure_ascii=False, indent=1)
                    f.write("\n")


main()
