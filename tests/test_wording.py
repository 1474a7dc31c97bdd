"""What the pages say, as built: the FAQ answers the questions people ask, no unsourced promise, the right
language on every phrase, French spacing, and facts shown with their year."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import LOCALES, html_pages, page_url

# The questions of issue 13, each answered under a heading that can be linked to, in every language.
FAQ_QUESTIONS = [
    "pending-procedure",
    "order-to-leave",
    "detention",
    "entry-ban",
    "pay-back",
    "fear",
    "how-long",
    "cancel",
    "no-papers",
    "medical",
    "children",
    "unaccompanied-minors",
    "dublin",
    "third-country",
    "eu-citizens",
    "premium-payment",
    "luggage",
    "languages",
    "after-arrival",
    "complaint",
    # and the ones the FAQ answered before, kept linkable
    "free",
    "no-obligation",
    "information",
    "no-procedure",
    "not-eligible",
    "booking",
    "journey-help",
    "how-much",
    "reintegration-cash",
    "where",
    "abroad",
    "how-many",
]


def read(site, locale, path):
    return (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")


class Texts(HTMLParser):
    """Each text of a page with the language it is in: the nearest lang attribute around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            name, _ = self.stack.pop()
            if name in ("script", "style"):
                self.skip -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self.skip or not data.strip():
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        self.texts.append((data, lang))


def texts(html: str) -> list[tuple[str, str | None]]:
    parser = Texts()
    parser.feed(html)
    return parser.texts


@pytest.mark.parametrize("locale", LOCALES)
def test_the_faq_answers_each_question_under_its_own_heading(site, locale):
    html = read(site, locale, "faq/")
    headings = dict(re.findall(r'<h3 id="([a-z-]+)">(.*?)</h3>', html, re.S))
    missing = [question for question in FAQ_QUESTIONS if question not in headings]
    assert not missing, f"{locale} FAQ has no heading for {missing}"
    for question in FAQ_QUESTIONS:
        answer = html.split(f'<h3 id="{question}">', 1)[1].split("</h3>", 1)[1].split("<h", 1)[0]
        assert len(re.sub(r"<[^>]+>", "", answer).split()) >= 6, f"{locale} #{question} has no real answer"


def test_the_faq_asks_the_same_questions_in_every_language(site):
    ids = {locale: re.findall(r'<h[23] id="([a-z-]+)"', read(site, locale, "faq/")) for locale in LOCALES}
    assert ids["fr"] == ids["nl"] == ids["en"]


def test_the_faq_never_shows_an_amount_it_links_to_the_table(site):
    for locale in LOCALES:
        html = read(site, locale, "faq/")
        article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        assert not re.search(r"€|EUR|\beuros?\b", article), locale
        assert 'href="../premium/#amounts"' in article


CONFIDENTIAL = re.compile(r"confiden|vertrouwelijk", re.I)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_page_promises_confidentiality(site, locale):
    # No source in data/ or FACTS.md calls the counselling confidential: the site says what is sourced.
    for path in html_pages(site, locale):
        html = read(site, locale, path)
        assert not CONFIDENTIAL.search(html), f"{page_url(locale, path)}: {CONFIDENTIAL.search(html).group(0)}"
    assert not CONFIDENTIAL.search((site / ("404.html" if locale == "fr" else f"{locale}/404.html")).read_text())


# Phrases in another language than the page: each must carry its lang, so a screen reader says it right.
FOREIGN = {
    "Sociaal Centrum Plein": "nl",
    "presentation for the Asylum, Migration and Integration Fund": "en",  # the rules' source line (estimator)
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("phrase", list(FOREIGN))
def test_every_foreign_phrase_carries_its_lang(site, locale, phrase):
    lang = FOREIGN[phrase]
    if locale == lang:
        pytest.skip("the phrase is in the page's own language here")
    seen = 0
    for path in html_pages(site, locale):
        for text, text_lang in texts(read(site, locale, path)):
            if phrase in text:
                seen += 1
                assert text_lang == lang, f"{page_url(locale, path)}: '{phrase}' is marked {text_lang}, not {lang}"
    assert seen, f"'{phrase}' is no longer on the {locale} site: update FOREIGN"


def test_french_signs_have_a_no_break_space_before_them(site):
    for path in html_pages(site, "fr"):
        html = read(site, "fr", path)
        article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        prose = "".join(text for text, _ in texts(article))
        assert not re.search(r" [?!;:»]|« ", prose), f"{page_url('fr', path)}: {re.search(r'.{20} [?!;:»]', prose)}"
    assert "gratuit\u202f?" in read(site, "fr", "faq/")


DESK_WORDS = {
    "fr": ("Jours ouvrables", "information de 2015", "lundi, mercredi et jeudi", "du lundi au vendredi"),
    "nl": (
        "Werkdagen",
        "zo was het in 2015",
        "in de voormiddag: maandag, woensdag en donderdag",
        "van maandag tot vrijdag",
    ),
    "en": (
        "Working days",
        "information from 2015",
        "in the morning: Monday, Wednesday and Thursday",
        "Monday to Friday",
    ),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_contact_page_shows_old_facts_with_their_year(site, locale):
    working_days, year, days, monday_to_friday = DESK_WORDS[locale]
    html = read(site, locale, "contact/")
    assert working_days in html and monday_to_friday.lower() not in html.lower()
    antwerp = html.split('id="desk-antwerp"', 1)[1].split("</article>", 1)[0]
    assert year in antwerp and days in antwerp
    for other in ("brussels", "ghent", "liege", "charleroi"):
        card = html.split(f'id="desk-{other}"', 1)[1].split("</article>", 1)[0]
        assert "2022" in card, f"{other}: the walk-in fact is from 2022 and says so"


ILLUSTRATIVE = {"fr": "illustration", "nl": "als voorbeeld", "en": "illustrative"}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", ["programme/", "professionals/"])
def test_where_stories_are_mentioned_they_are_called_illustrative(site, locale, path):
    html = read(site, locale, path)
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "stories/" in article and ILLUSTRATIVE[locale] in article


THIRD_GROUP = {
    "fr": "jamais eu aucune procédure",
    "nl": "nooit een procedure had",
    "en": "never had any procedure",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_third_group_is_people_who_never_had_any_procedure(site, locale):
    for path in ("programme/", "faq/"):
        text = re.sub(r"<[^>]+>", "", read(site, locale, path))
        assert THIRD_GROUP[locale] in text, path
        assert not re.search(r"jamais demandé l'asile\.|nooit asiel aangevraagd\.|never asked for asylum\.", text)
