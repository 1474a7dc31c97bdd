"""The directory of the return desks and the free number: data, built pages, and the page in a browser."""

from __future__ import annotations

import datetime
import html
import json
import re

import pytest
from markupsafe import escape

from conftest import LOCALES, build_changed_copy, data_messages, html_pages, page_url
from hooks.components.desks import (
    building_html,
    desk_context,
    desk_for_postcode,
    hours_lines,
    load_desks,
    tel_href,
    toll_free_lines,
    toll_free_when,
    walk_in_text,
)

DATA = load_desks()
NUMBER = DATA["toll_free"]["number"]["value"]


# --- Data -----------------------------------------------------------------------------------------


def test_the_real_data_is_valid_and_complete():
    assert NUMBER == "0800 32 745"
    assert [d["id"] for d in DATA["desks"]] == ["brussels", "antwerp", "ghent", "liege", "charleroi"]
    # Every Belgian postcode has a nearest desk.
    assert all(desk_for_postcode(DATA, str(code)) for code in range(1000, 10000))


def test_the_free_number_dials_in_international_form():
    assert tel_href("0800 32 745") == "tel:+3280032745"


def _desk(desk_id):
    return next(desk for desk in DATA["desks"] if desk["id"] == desk_id)


def _text(lines) -> list[str]:
    """The lines' text, their isolates taken out (striptags would turn a thin space into a space)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in lines]


def test_the_line_s_hours_say_working_days_as_the_sources_do():
    hours = DATA["toll_free"]["hours"]["value"]
    # Each language's own range and list (CLDR, core/formats.py): no French comma or spaced dash in English.
    assert _text(toll_free_lines(hours, "en")) == ["Working days: 09:00–12:30 and 13:30–16:00"]
    assert _text(toll_free_lines(hours, "fr")) == [
        "Jours ouvrables : 09:00\u2009–\u200912:30 et 13:30\u2009–\u200916:00"
    ]
    assert _text(toll_free_lines(hours, "fa"))[0].endswith("۹:۰۰ تا ۱۲:۳۰ و ۱۳:۳۰ تا ۱۶:۰۰")
    weekend = [dict(hours[0], days=["sat"])]
    assert _text(toll_free_lines(weekend, "en")) == ["Saturday, 09:00–12:30"]


def test_a_desk_s_hours_use_the_language_s_marks_and_keep_each_range_whole():
    """The desks wrote "Monday to Friday, 09:00–12:30 (by appointment)" with a Latin comma and brackets in
    every language; each range is one isolate in the language's direction, kept on one line."""
    slots = [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "12:30", "appointment": True}]
    assert _text(hours_lines(slots, "ar")) == ["من الاثنين إلى الجمعة، 09:00–12:30 (بموعد مسبق)"]
    assert _text(hours_lines(slots, "zh"))[0].endswith("，09:00–12:30（需要预约）")
    assert _text(hours_lines(slots, "am"))[0].split(" 09:00")[0].endswith("፣")
    line = hours_lines(slots, "ar")[0]
    assert '<bdi class="formats-value" dir="rtl">09:00–12:30</bdi>' in line
    assert '<bdi class="formats-value" dir="ltr">09:00–12:30</bdi>' in hours_lines(slots, "en")[0]


def test_a_building_name_in_another_language_carries_its_lang():
    address = _desk("antwerp")["address"]["value"]
    assert (
        building_html(address, "fr")
        == 'Centre social « <span lang="nl" dir="ltr">Sociaal Centrum Plein</span> » du CPAS'
    )
    assert building_html(address, "nl") == "Sociaal Centrum Plein van het OCMW"


def test_walk_in_shows_its_year_and_old_facts_ask_to_call():
    antwerp, ghent = desk_context(_desk("antwerp"), "en"), desk_context(_desk("ghent"), "en")
    assert antwerp["walk_in"] == (
        "No appointment needed in the morning: Monday, Wednesday and Thursday (information from 2015). "
        "In the afternoon: by appointment."
    )
    assert antwerp["old_year"] == 2015
    assert ghent["walk_in"] == "No appointment needed (information from 2022)." and ghent["old_year"] is None


@pytest.mark.parametrize(
    "postcode, desk",
    [
        ("1000", "brussels"),
        ("1348", "brussels"),
        ("3000", "brussels"),
        ("2018", "antwerp"),
        ("3500", "antwerp"),
        ("9000", "ghent"),
        ("8000", "ghent"),
        ("4000", "liege"),
        ("6700", "liege"),
        ("6000", "charleroi"),
        ("5000", "charleroi"),
        ("7000", "charleroi"),
    ],
)
def test_a_postcode_finds_its_nearest_desk(postcode, desk):
    assert desk_for_postcode(DATA, postcode)["id"] == desk


@pytest.mark.parametrize("postcode", ["", "999", "0999", "10000", "75001", "abcd", "10 00x"])
def test_a_text_that_is_no_belgian_postcode_finds_nothing(postcode):
    assert desk_for_postcode(DATA, postcode) is None


# Each bad edit an editor could make, and the one line the build must answer with.
BAD_DATA = {
    "yaml_does_not_parse": (
        ("  - id: ghent\n", "  - id: ghent\n   city: [\n"),
        r"^data/desks\.yml:\d+: YAML: the text does not parse \(.*\)\. Fix: check the indentation",
    ),
    "missing_field": (
        ('    since: "2006"\n', ""),
        r"^data/desks\.yml:\d+: desks\[2\]: the field since is missing\. Fix: write the year or year-month",
    ),
    "malformed_phone_number": (
        ('    value: "0800 32 745"', '    value: "call us"'),
        r"^data/desks\.yml:15: toll_free\.number\.value: \"call us\" is not in the expected form\. Fix: write a Belgian number",
    ),
    "hour_25": (
        ('        to: "16:00"', '        to: "25:00"'),
        r"^data/desks\.yml:\d+: toll_free\.hours\.value\[1\]\.to: \"25:00\" is not in the expected form\. Fix: write the time in quotes as HH:MM",
    ),
    "time_without_quotes": (
        ('        from: "09:00"', "        from: 9:00"),
        r"^data/desks\.yml:\d+: toll_free\.hours\.value\[0\]\.from: 540 is not of the expected kind \(string\)\. Fix: write the time in quotes",
    ),
    "closing_before_opening": (
        ('        to: "12:30"', '        to: "08:30"'),
        r"^data/desks\.yml:\d+: toll_free\.hours\.value\[0\]\.to: closes at 08:30, not after it opens at 09:00\. Fix: write a closing time later",
    ),
    "duplicate_desk": (
        ("  - id: liege\n", "  - id: ghent\n"),
        r"^data/desks\.yml:\d+: desks\[3\]\.id: the desk ghent is already listed as desks\[2\]\. Fix: remove the duplicate",
    ),
    "missing_city_translation": (
        ("    city: {fr: Gand, nl: Gent, en: Ghent}", "    city: {fr: Gand, en: Ghent}"),
        r"^data/desks\.yml:\d+: desks\[2\]\.city: the field nl is missing\. Fix: add nl: with the Dutch text",
    ),
    "date_that_is_no_date": (
        (
            '  - id: liege\n    city: {fr: Liège, nl: Luik, en: Liège}\n    since: "2015-09"\n    walk_in:\n      value: true\n      source: fedasil.be (2022)\n      checked: 2026-11-27',
            '  - id: liege\n    city: {fr: Liège, nl: Luik, en: Liège}\n    since: "2015-09"\n    walk_in:\n      value: true\n      source: fedasil.be (2022)\n      checked: 2026-13-45',
        ),
        r"^data/desks\.yml:\d+: desks\[3\]\.walk_in\.checked: \"2026-13-45\" is not in the expected form\. Fix: write the date it was last checked as YYYY-MM-DD",
    ),
    "overlapping_postcodes": (
        ("{from: 4000, to: 4999,", "{from: 3900, to: 4999,"),
        r"^data/desks\.yml:\d+: desks\[3\]\.serves\[0\]: postcodes 3900-4999 overlap 3500-3999 of antwerp\. Fix: give each postcode to one desk only",
    ),
    "walk_in_days_as_a_sentence": (
        ("      days: [mon, wed, thu]\n", '      when: {fr: "le lundi", nl: "op maandag", en: "on Monday"}\n'),
        r"^data/desks\.yml:\d+: desks\[1\]\.walk_in: unknown field when\. Fix: remove it or correct its spelling; the fields here are: value, days, part",
    ),
    "walk_in_day_misspelt": (
        ("      days: [mon, wed, thu]\n", "      days: [monday, wed, thu]\n"),
        r"^data/desks\.yml:\d+: desks\[1\]\.walk_in\.days\[0\]: \"monday\" is not one of mon, tue, wed, thu, fri, sat, sun\. Fix: use mon, tue",
    ),
    "walk_in_part_without_days": (
        ("      days: [mon, wed, thu]\n", ""),
        r"^data/desks\.yml:\d+: desks\[1\]\.walk_in\.part: morning without days\. Fix: add days: \[mon, \.\.\.\]",
    ),
    "walk_in_part_by_appointment_too": (
        ("      appointment: afternoon\n", "      appointment: morning\n"),
        r"^data/desks\.yml:\d+: desks\[1\]\.walk_in\.appointment: the morning is both without an appointment and by appointment\. Fix:",
    ),
    "unknown_field": (
        ('    since: "2006"\n', '    since: "2006"\n    opening: soon\n'),
        r"^data/desks\.yml:\d+: desks\[2\]: unknown field opening\. Fix: remove it or correct its spelling",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_bad_data_stops_with_a_message_naming_file_place_problem_and_fix(case, tmp_path, monkeypatch):
    (old, new), expected = BAD_DATA[case]
    messages = data_messages(tmp_path, monkeypatch, "desks.yml", old, new, load_desks)
    assert any(re.search(expected, line) for line in messages), messages


@pytest.mark.engine
def test_bad_data_stops_the_build(tmp_path):
    result = build_changed_copy(tmp_path, ("data/desks.yml", lambda t: t.replace('to: "16:00"', 'to: "25:00"')))
    assert result.returncode != 0
    assert (
        'data/desks.yml:27: toll_free.hours.value[1].to: "25:00" is not in the expected form.'
        in result.stdout + result.stderr
    )


# --- The built pages ------------------------------------------------------------------------------

DAY = {"fr": "lundi", "nl": "maandag", "en": "Monday"}
UNKNOWN = {
    "fr": "Appelez le numéro gratuit pour l'adresse et les heures d'ouverture.",
    "nl": "Bel het gratis nummer voor het adres en de uren.",
    "en": "Call the free phone number for the address and the opening hours.",
}
CITIES = {
    "fr": ["Bruxelles", "Anvers", "Gand", "Liège", "Charleroi"],
    "nl": ["Brussel", "Antwerpen", "Gent", "Luik", "Charleroi"],
    "en": ["Brussels", "Antwerp", "Ghent", "Liège", "Charleroi"],
}


def read(site, locale, path):
    return (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_free_number_is_a_phone_link_on_every_page(site, locale):
    for path in html_pages(site, locale):
        html = read(site, locale, path)
        assert re.search(r'<a class="layout-toll-free__number" href="tel:\+3280032745">0800 32 745</a>', html), path
        assert html.count('href="tel:+3280032745"') >= 2, f"{path}: the number should be in the bar and the footer"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_contact_page_lists_the_five_desks_in_the_language(site, locale):
    html = read(site, locale, "contact/")
    cards = re.findall(r'<article class="desks-desk" id="desk-(\w+)"', html)
    assert cards == ["brussels", "antwerp", "ghent", "liege", "charleroi"]
    for city in CITIES[locale]:
        assert re.search(rf'<h3 class="desks-desk__city">[^<]* {re.escape(city)}</h3>', html), city
    assert DAY[locale].lower() in html.lower(), "Antwerp's walk-in days use the language's day names"
    # Three desks have no published address: they say how to get it, and show no guess.
    assert html.count(escape(UNKNOWN[locale])) == 3  # text from data is escaped: ' is &#39;
    assert "Lamorinièrestraat 137" in html and "2018" in html


@pytest.mark.parametrize("locale", LOCALES)
def test_the_contact_page_carries_schema_org_contact_data(site, locale):
    html = read(site, locale, "contact/")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["contactPoint"]["telephone"] == "+32 800 32 745"
    assert len(data["department"]) == 5
    assert data["department"][1]["address"]["streetAddress"] == "Lamorinièrestraat 137"


# --- In a real browser ----------------------------------------------------------------------------

RANGES = [(area["from"], area["to"], desk["id"]) for desk in DATA["desks"] for area in desk["serves"]]


@pytest.mark.parametrize("locale", LOCALES)
def test_postcodes_of_each_area_give_that_desk(page, locale):
    tab = page.open(page_url(locale, "contact/"))
    field = tab.locator("#desks-postcode")
    message = tab.locator("#desks-postcode-message")
    for low, high, desk in RANGES:
        for postcode in {low, (low + high) // 2, high}:
            field.fill(str(postcode))
            field.press("Enter")
            assert message.get_attribute("data-desks-found") == desk, postcode
            assert message.locator(f'a[href="#desk-{desk}"]').is_visible()
    assert page.foreign_requests() == []


MESSAGES = {
    "fr": ("Écrivez votre code postal", "n'est pas un code postal belge"),
    "nl": ("Schrijf uw postcode", "is geen Belgische postcode"),
    "en": ("Write your postcode", "is not a Belgian postcode"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("typed", ["", "999", "75001", "abcd", "0123"])
def test_a_bad_postcode_gets_a_clear_message(page, locale, typed):
    tab = page.open(page_url(locale, "contact/"))
    tab.locator("#desks-postcode").fill(typed)
    tab.get_by_role("button", name=re.compile("Trouver|Zoeken|Find")).click()
    message = tab.locator("#desks-postcode-message")
    expected = MESSAGES[locale][0] if typed == "" else MESSAGES[locale][1]
    assert expected in message.inner_text()
    assert tab.locator("#desks-postcode").get_attribute("aria-invalid") == "true"


# Postcodes as people write them: on a letter, with the country's letter, with spaces, in other digits.
WRITTEN = {
    "1000 Bruxelles": "brussels",
    "B-1000": "brussels",
    "B1000": "brussels",
    "be-1000": "brussels",
    "  2018 ": "antwerp",
    "2018 Antwerpen": "antwerp",
    "Rue Haute 12, 1000 Bruxelles": "brussels",
    "10 00": "brussels",
    "١٠٠٠": "brussels",  # Arabic-Indic
    "۹۰۰۰": "ghent",  # Persian
    "９０００": "ghent",  # full width
    "४०००": "liege",  # Devanagari
    "৬০০০": "charleroi",  # Bengali
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_postcode_is_found_as_people_write_it(page, locale):
    tab = page.open(page_url(locale, "contact/"))
    field = tab.locator("#desks-postcode")
    message = tab.locator("#desks-postcode-message")
    assert field.get_attribute("maxlength") is None, "nothing cuts what people type"
    for typed, desk in WRITTEN.items():
        field.fill(typed)
        field.press("Enter")
        assert field.input_value() == typed
        assert message.get_attribute("data-desks-found") == desk, typed
        assert field.get_attribute("aria-invalid") is None


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("typed", ["Rue de la Loi 16, Bruxelles-Capitale", "75001 Paris", "B-0999", "١٢٣"])
def test_the_message_quotes_exactly_what_was_typed(page, locale, typed):
    tab = page.open(page_url(locale, "contact/"))
    field = tab.locator("#desks-postcode")
    field.fill(typed)
    field.press("Enter")
    message = tab.locator("#desks-postcode-message")
    assert typed in message.inner_text(), "the whole text, as typed"
    assert MESSAGES[locale][1] in message.inner_text()


@pytest.mark.parametrize("width", (320, 360, 1280))
def test_an_old_answer_never_stays_beside_an_error_or_another_postcode(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 640})
    tab = context.new_page()
    tab.goto(server + "/en/contact/")
    field = tab.locator("#desks-postcode")
    message = tab.locator("#desks-postcode-message")
    field.fill("9000")
    assert message.get_attribute("data-desks-found") == "ghent", "answered as soon as a postcode is typed"
    field.press("End")
    field.press("5")  # 90005: no longer a postcode
    assert message.inner_text() == "" and message.get_attribute("data-desks-found") is None
    field.press("Enter")
    assert "is not a Belgian postcode" in message.inner_text()
    assert "Ghent" not in message.inner_text() and message.get_attribute("data-desks-found") is None
    assert not message.locator("a").count()
    field.fill("4000")
    assert message.get_attribute("data-desks-found") == "liege"
    assert field.get_attribute("aria-invalid") is None and "not a Belgian" not in message.inner_text()
    field.fill("abc")
    field.press("Enter")
    assert message.get_attribute("data-desks-found") is None and "Liège" not in message.inner_text()
    box = message.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()


def test_without_javascript_the_page_still_says_which_desk_serves_which_area(page_without_js):
    tab = page_without_js.open("/en/contact/")
    assert not tab.locator("[data-desks-finder]").is_visible()
    rows = tab.locator("table.desks-areas tbody tr")
    assert rows.count() == len(RANGES)
    assert "9000–9999" in tab.locator("table.desks-areas").inner_text()
    assert tab.locator("#desk-ghent").is_visible()


@pytest.mark.parametrize(
    "when, expected",
    [
        ("2026-11-30T10:00:00+01:00", "The line is open now."),  # a Monday morning
        ("2026-11-30T12:45:00+01:00", "The line is closed now."),  # the lunch break
        ("2026-11-28T10:00:00+01:00", "The line is closed now."),  # a Saturday
        ("2026-11-30T08:30:00Z", "The line is open now."),  # 09:30 in Brussels
    ],
)
def test_the_page_says_whether_the_line_is_open_now_in_belgian_time(browser, server, when, expected):
    context = browser.new_context(timezone_id="America/New_York")  # the visitor's clock is elsewhere
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime.datetime.fromisoformat(when))
    tab.goto(server + "/en/contact/")
    assert tab.locator(".desks-toll-free-block [data-desks-open]").inner_text() == expected
    context.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_contact_page_prints_on_one_a4_page_without_navigation(page, locale):
    tab = page.open(page_url(locale, "contact/"))
    tab.emulate_media(media="print")
    assert not tab.locator(".md-header").is_visible()
    assert not tab.locator(".md-sidebar--primary").is_visible()
    assert not tab.locator("[data-desks-finder]").is_visible()
    for desk in ("brussels", "antwerp", "ghent", "liege", "charleroi"):
        assert tab.locator(f"#desk-{desk}").is_visible()
    assert tab.locator(".desks-toll-free-block__number").is_visible()
    assert pdf_pages(tab.pdf(format="A4", print_background=False)) == 1


@pytest.mark.engine
def test_a_page_can_show_one_desk_and_an_unknown_desk_stops_the_build(tmp_path):
    result = build_changed_copy(tmp_path, ("docs/en/faq.md", lambda t: t + "\n<!-- desk:antwerp -->\n"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "en" / "faq" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="desks-desk"') == 1 and 'id="desk-antwerp"' in html

    result = build_changed_copy(tmp_path / "again", ("docs/en/faq.md", lambda t: t + "\n<!-- desk:namur -->\n"))
    assert result.returncode != 0
    assert (
        "docs/en/faq.md: <!-- desk:namur -->: no desk has this id. Fix: use one of brussels, antwerp, ghent, liege, charleroi."
        in result.stderr
    )


def test_each_language_writes_lists_dates_times_and_days_its_own_way():
    """core/formats.py: CLDR's lists, dates, 24-hour times, ranges and the language's digits."""
    import datetime

    from hooks.core.formats import formats

    assert formats("fr").list(["lundi", "mercredi", "jeudi"]) == "lundi, mercredi et jeudi"
    assert formats("zh").list(["a", "b", "c"]) == "a、b和c"
    assert formats("fr").date(datetime.date(2022, 1, 1)) == "1er janvier 2022"
    assert formats("nl").date(datetime.date(2022, 1, 1)) == "1 januari 2022"
    assert formats("fa").date(datetime.date(2022, 1, 1)).startswith("۱ ")
    assert formats("fa").time("09:00") == "۹:۰۰" and formats("en").time("09:00") == "09:00"
    assert formats("fr").days(["mon", "tue", "wed", "thu", "fri"]) == "du lundi au vendredi"
    assert formats("en").days(["wed", "mon", "thu"]) == "Monday, Wednesday and Thursday"
    assert formats("ps").number(1350) == "۱٬۳۵۰"


# --- Facts are data: every language writes them itself ----------------------------------------------


@pytest.mark.parametrize(
    "locale, days, expected",
    [
        (
            "fr",
            ["tue", "fri"],
            "Sans rendez-vous le matin : mardi et vendredi (information de 2015). L'après-midi : sur rendez-vous.",
        ),
        (
            "nl",
            ["tue", "fri"],
            "Zonder afspraak in de voormiddag: dinsdag en vrijdag (zo was het in 2015). In de namiddag: op afspraak.",
        ),
        (
            "ar",
            ["tue", "fri"],
            "لا حاجة إلى موعد صباحًا: الثلاثاء والجمعة (معلومات من عام 2015). بعد الظهر: بموعد مسبق.",
        ),
        ("zh", ["tue", "fri"], "上午无需预约：星期二和星期五（2015年的信息）。下午：需要预约。"),
        (
            "en",
            ["mon", "tue", "wed", "thu", "fri"],
            "No appointment needed in the morning: Monday to Friday (information from 2015). In the afternoon: by appointment.",
        ),
    ],
)
def test_walk_in_days_are_data_that_each_language_writes_itself(locale, days, expected):
    walk_in = dict(_desk("antwerp")["walk_in"], days=days)
    assert walk_in_text(walk_in, locale) == expected


def test_the_line_s_days_come_from_the_data_not_from_a_text():
    """The band and the leaflet write "{days} {times}": Saturday in the data is Saturday on the page."""
    from markupsafe import Markup

    def read(when):  # each range is isolated (<bdi>, formats.value): the words as a reader sees them
        return tuple(Markup(re.sub(r"<[^>]+>", "", str(part))).unescape() for part in when)

    hours = DATA["toll_free"]["hours"]["value"]
    assert read(toll_free_when(hours, "en")) == ("Working days", "09:00–12:30 and 13:30–16:00")
    saturday = [dict(slot, days=["mon", "tue", "wed", "thu", "fri", "sat"]) for slot in hours]
    assert read(toll_free_when(saturday, "en")) == ("Monday to Saturday", "09:00–12:30 and 13:30–16:00")
    mixed = [hours[0], dict(hours[1], days=["sat"])]
    assert read(toll_free_when(mixed, "fr")) == (
        "",
        "Du lundi au vendredi, 09:00\u2009–\u200912:30 et samedi, 13:30\u2009–\u200916:00",
    )


@pytest.mark.engine
def test_a_page_draws_a_desk_s_walk_in_days_and_the_line_s_hours_from_the_data(tmp_path):
    result = build_changed_copy(
        tmp_path,
        ("docs/en/faq.md", lambda t: t + "\nThe line answers: <!-- toll_free:hours -->.\n"),
        ("data/desks.yml", lambda t: t.replace("days: [mon, wed, thu]", "days: [tue, fri]", 1)),
    )
    assert result.returncode == 0, result.stderr
    faq = (tmp_path / "out" / "en" / "faq" / "index.html").read_text(encoding="utf-8")
    assert "The line answers: Working days: 09:00–12:30 and 13:30–16:00." in re.sub(r"<bdi[^>]*>|</bdi>", "", faq)
    counselling = (tmp_path / "out" / "en" / "counselling" / "index.html").read_text(encoding="utf-8")
    assert "No appointment needed in the morning: Tuesday and Friday (information from 2015)." in counselling


@pytest.mark.engine
def test_changing_antwerp_s_days_once_changes_all_17_languages_with_no_translation_step(tmp_path):
    """Issue 26: Antwerp's walk-in days changed in data/desks.yml; /en/contact/ said Tuesday and Friday, /ar/contact/
    and 13 other languages still said Monday, Wednesday and Thursday. An editor changes one line; nothing else."""
    import subprocess
    import sys

    from conftest import ALL_LOCALES, copy_project
    from hooks.core.formats import formats

    project = copy_project(tmp_path / "project")
    desks = project / "data" / "desks.yml"
    desks.write_text(
        desks.read_text(encoding="utf-8").replace("days: [mon, wed, thu]", "days: [tue, fri]", 1), encoding="utf-8"
    )
    from conftest import build_site

    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for locale in ALL_LOCALES:
        folder = tmp_path / "out" / ("" if locale == "fr" else locale)
        html = (folder / "contact" / "index.html").read_text(encoding="utf-8")
        antwerp = html.split('id="desk-antwerp"', 1)[1].split("</article>", 1)[0]
        new, old = formats(locale).days(["tue", "fri"]), formats(locale).days(["mon", "wed", "thu"])
        assert str(escape(new)) in antwerp, f"{locale}: {new} not in the Antwerp desk"
        assert str(escape(old)) not in html, f"{locale}: the old days are still on the page"
        if locale in LOCALES:
            counselling = (folder / "counselling" / "index.html").read_text(encoding="utf-8")
            assert str(escape(new)) in counselling and str(escape(old)) not in counselling, locale
    status = subprocess.run(
        [sys.executable, "-m", "hooks.tools.translations", "status"], cwd=project, capture_output=True, text=True
    )
    assert status.returncode == 0 and " 0 with a stale translation." in status.stdout, "no translation step"
