"""What the site claims, read against its sources (issue 27): each correction pinned in French, Dutch and
English on the built pages, so that a later edit cannot bring back an invented deadline, a date that reads as
"still true", an unqualified promise or a detail no source gives."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from conftest import LOCALES, ROOT, html_pages, page_url


def read(site, locale: str, path: str) -> str:
    return (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")


def plain(html: str) -> str:
    """The text of some HTML, tags dropped, entities decoded, every kind of space one space."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u202f", " ").replace("\xa0", " "))


def article(html: str) -> str:
    return html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with this id to the next heading."""
    start = re.search(rf'<h[1-6] id="{anchor}"', html)
    assert start, f"no heading #{anchor}"
    after_heading = html[start.end() :].split("</h", 1)[1].split(">", 1)[1]
    return after_heading.split("<h", 1)[0]


# --- An order to leave: no deadline ---------------------------------------------------------------------

AT_ANY_TIME = {"fr": "à tout moment", "nl": "altijd hulp vragen", "en": "at any time"}
NOT_A_DEADLINE = {"fr": "Ce n'est pas une date limite", "nl": "Dat is geen termijn", "en": "That is not a deadline"}
# The sentence the FAQ had: "you can ask for help up to 30 days after an order to leave".
INVENTED_DEADLINE = re.compile(r"jusqu'à 30 jours après|tot 30 dagen na|up to 30 days after", re.I)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_order_to_leave_sets_no_deadline(site, locale):
    answer = plain(section(read(site, locale, "faq/"), "order-to-leave"))
    assert AT_ANY_TIME[locale] in answer and "2015" in answer
    # The 30 days only say how long a person still counts as an asylum seeker: the answer says so.
    assert NOT_A_DEADLINE[locale] in answer
    for path in html_pages(site, locale):
        text = plain(article(read(site, locale, path)))
        assert not INVENTED_DEADLINE.search(text), f"{page_url(locale, path)}: {INVENTED_DEADLINE.search(text)[0]}"


ORDER = {
    "fr": "ordre de quitter le territoire",
    "nl": "bevel om het grondgebied te verlaten",
    "en": "order to leave the territory",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_one_page_summary_says_an_order_to_leave_sets_no_deadline(site, locale):
    paragraphs = [plain(p) for p in re.findall(r"<p>(.*?)</p>", article(read(site, locale, "essentials/")), re.S)]
    order = [p for p in paragraphs if ORDER[locale] in p]
    assert order and AT_ANY_TIME[locale] in order[0], order


# --- The rules tables: what "checked" means, the source and its date ----------------------------------

CHECKED_MEANS = {
    "fr": "ce jour-là, nous avons comparé ce tableau avec les sources ci-dessous, chacune avec sa date",
    "nl": "die dag hebben we deze tabel vergeleken met de bronnen hieronder, elk met zijn datum",
    "en": "that day, we compared this table with the sources below, each with its date",
}
# The line as it was: a start date and a check date side by side read as "still true on the check date".
OLD_LINE = re.compile(
    r"(Règles en vigueur depuis|Regels van kracht sinds|Rules in force since) [^.(]*, (vérifiées le|nagekeken op|checked on)"
)
IN_FORCE_SINCE = {
    "fr": "en vigueur depuis le 1er janvier 2022",
    "nl": "van kracht sinds 1 januari 2022",
    "en": "in force since 1 January 2022",
}


def date_lines(html: str) -> list[str]:
    return [plain(line) for line in re.findall(r'<p class="estimator-date">(.*?)</p>', html, re.S)]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", ["premium/", "reintegration/", "essentials/"])
def test_the_rules_table_says_what_checked_means_and_dates_its_source(site, locale, path):
    html = read(site, locale, path)
    current = date_lines(html)[0]
    assert CHECKED_MEANS[locale] in current
    # The only public source of the 2022 amounts, with its date, is named under the table.
    assert "agii.be, news of 26 January 2022" in current and "the only public source for these amounts" in current
    assert IN_FORCE_SINCE[locale] in plain(re.search(r"<caption>(.*?)</caption>", html, re.S)[1])
    assert not OLD_LINE.search(plain(html)), OLD_LINE.search(plain(html))[0]


# --- The history: the presentation's date is not the rules' date; the rules ended on 31 December 2021 ----

ENDED = {
    "fr": "Ces règles ont pris fin le 31 décembre 2021",
    "nl": "Deze regels liepen af op 31 december 2021",
    "en": "These rules ended on 31 December 2021",
}
PRESENTATION_DATE = {
    "fr": "C'est la date de la présentation, pas celle des règles",
    "nl": "Dat is de datum van de voorstelling, niet van de regels",
    "en": "That is the date of the presentation, not of the rules",
}
REPLACED = {
    "fr": "d'autres règles les ont remplacées le 1er janvier 2022",
    "nl": "op 1 januari 2022 kwamen er andere regels in de plaats",
    "en": "other rules replaced them on 1 January 2022",
}
# "These rules applied from 9 August 2017 to 1 January 2022": the presentation's day, and the next set's first day.
OLD_SPAN = re.compile(
    r"du 9 août 2017 au|van 9 augustus 2017 tot|from 9 August 2017 to|depuis le 9 août 2017|sinds 9 augustus 2017|since 9 August 2017"
)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_history_dates_the_presentation_and_ends_on_31_december_2021(site, locale):
    history = plain(article(read(site, locale, "premium/")).split('id="history"', 1)[1])
    assert ENDED[locale] in history and PRESENTATION_DATE[locale] in history and REPLACED[locale] in history
    source_line = date_lines(read(site, locale, "premium/"))[1]
    assert "9 August 2017 is the date of the presentation" in source_line
    assert "these rules ended on 31 December 2021" in source_line
    assert not OLD_SPAN.search(history), OLD_SPAN.search(history)[0]


# --- Reintegration support: not for everyone ------------------------------------------------------------

QUALIFIER = {
    "fr": ("besoin d'un visa pour la Belgique", "par exception"),
    "nl": ("een visum nodig hebben voor België", "bij uitzondering"),
    "en": ("need a visa for Belgium", "as an exception"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", ["", "essentials/"])
def test_reintegration_support_is_listed_with_its_qualifier(site, locale, path):
    items = re.findall(r"<li>(.*?)</li>", article(read(site, locale, path)), re.S)
    reintegration = [item for item in map(plain, items) if re.search(r"intégration|integratie|Reintegration", item)]
    assert reintegration, "no list item names reintegration support"
    visa, exception = QUALIFIER[locale]
    assert any(visa in item and exception in item for item in reintegration), reintegration


# --- Dutch wording --------------------------------------------------------------------------------------


def test_dutch_pages_use_the_site_s_terms(site):
    for path in html_pages(site, "nl"):
        text = plain(article(read(site, "nl", path)))
        assert "consulent" not in text.lower(), page_url("nl", path)  # the counsellor is a "begeleider"
        assert "bevel om het land te verlaten" not in text, page_url("nl", path)  # the term: "grondgebied"
    essentials = plain(article(read(site, "nl", "essentials/")))
    assert "geen administratieve gevolgen" in essentials and "gevolg voor uw papieren" not in essentials
    assert "begeleider" in essentials


def test_the_glossary_refuses_the_wrong_dutch_form_of_the_order_to_leave():
    terms = {term["id"]: term for term in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text())["terms"]}
    assert "bevel om het land te verlaten" in terms["order-to-leave"]["avoid"]["nl"]
    # The family top-up was a 2017 rule: the definition says so in every language.
    for locale in LOCALES:
        definition = terms["top-up"]["definition"][locale]
        assert "2017" in definition and re.search(r"familles|gezinnen|families", definition), locale


# --- Only what the sources say --------------------------------------------------------------------------

SAME_HELP = re.compile(r"Toutes offrent la même aide|Ze bieden allemaal dezelfde hulp|They all offer the same help")


@pytest.mark.parametrize("locale", LOCALES)
def test_pages_say_only_what_the_sources_say(site, locale):
    armenia = plain(article(read(site, locale, "stories/armenia-care/")))
    assert not re.search(r"chaise roulante|rolstoel|wheelchair", armenia, re.I)  # no source: help at airports only
    brazil = plain(article(read(site, locale, "stories/brazil-journey/")))
    assert not re.search(r"deux semaines|twee weken|two weeks", brazil, re.I)  # no source says how long it takes
    assert not SAME_HELP.search(plain(article(read(site, locale, "counselling/"))))
    # What the 2017 presentation planned is dated, and the 2022 change to the partner's fee is said.
    partners = plain(section(read(site, locale, "reintegration/"), "local-partners"))
    assert "2017" in partners and "2022" in partners
    assert "2017" in plain(section(read(site, locale, "professionals/"), "conex"))


# --- The practical answers: new FAQ questions, each linkable and linked where people look ---------------

NEW_FAQ = [
    "residence-permit",
    "prison",
    "temporary-protection",
    "identity-documents",
    "before-leaving",
    "departure-day",
    "ukraine",
    "reintegration-use",
    "email",
]
# page: the links it must carry (to the FAQ's questions and to the new sections of the journey and reintegration)
LINKED_FROM = {
    "journey/": ["../faq/#ukraine", "../faq/#identity-documents", "../faq/#third-country"],
    "faq/": ["../journey/#departure-day", "../reintegration/#in-practice", "#ukraine"],
    "professionals/": [
        "../faq/#unaccompanied-minors",
        "../faq/#detention",
        "../faq/#ukraine",
        "../faq/#identity-documents",
        "../journey/#before-leaving",
        "../journey/#departure-day",
    ],
    "counselling/": ["../faq/#detention", "../faq/#identity-documents"],
}
SECTIONS = {"journey/": ["before-leaving", "departure-day", "not-in-sources"], "reintegration/": ["in-practice"]}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_new_faq_questions_are_there_and_linked(site, locale):
    faq = read(site, locale, "faq/")
    for question in NEW_FAQ:
        assert f'<h3 id="{question}">' in faq, f"{locale} FAQ has no #{question}"
        assert len(plain(section(faq, question)).split()) >= 12, f"{locale} #{question} has no real answer"
    for path, anchors in SECTIONS.items():
        html = read(site, locale, path)
        for anchor in anchors:
            assert f'id="{anchor}"' in html, f"{page_url(locale, path)} has no #{anchor}"
    for path, links in LINKED_FROM.items():
        html = article(read(site, locale, path))
        for link in links:
            assert f'href="{link}"' in html, f"{page_url(locale, path)} does not link to {link}"


DEPARTURE = {
    "fr": ("trois heures", "une demi-heure", "Fedasil (2026)"),
    "nl": ("drie uur", "een half uur", "Fedasil (2026)"),
    "en": ("three hours", "half an hour", "Fedasil (2026)"),
}
SILENT = {
    "fr": "Nos sources ne disent pas combien de bagages",
    "nl": "Onze bronnen zeggen niet hoeveel bagage",
    "en": "Our sources do not say how much luggage",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_journey_page_gives_the_day_of_departure_with_its_source_year(site, locale):
    html = read(site, locale, "journey/")
    day = plain(section(html, "departure-day"))
    assert all(fact in day for fact in DEPARTURE[locale]), day
    silent = section(html, "not-in-sources")
    assert SILENT[locale] in plain(silent) and 'class="desks-toll-free' in silent  # and the free number, drawn
