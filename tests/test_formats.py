"""core/formats.py: each language's lists, dates, times, money and digits (CLDR, with the overrides of its file),
the marks that join its sentences and their parts (its texts), and the isolates that keep a number, an address,
a name or a value in its own direction."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from markupsafe import Markup

from conftest import ALL_LOCALES, LANGUAGES, ROOT
from hooks.core.data import DataError
from hooks.core.formats import formats
from hooks.core.html import BLOCKS, VOID
from hooks.core.locale import cldr, digits, load_texts, localize_digits, ui

SCRIPTS = {language["code"]: language["script"] for language in LANGUAGES["languages"]}
# The marks each script's readers end a sentence and separate its parts with (the site's own texts use them).
MARKS = {
    "Arab": {"sentence": ".", "clause": "،"},
    "Hans": {"sentence": "。", "clause": "，"},
    "Ethi": {"sentence": "።", "clause": "፣"},
    "Latn": {"sentence": ".", "clause": ","},
    "Cyrl": {"sentence": ".", "clause": ","},
}
NEW_YEAR = datetime.date(2022, 1, 1)


def text(markup) -> str:
    """The text of a Markup, its tags taken out (striptags would also turn a thin space into a space)."""
    return re.sub(r"<[^>]+>", "", str(markup)).replace("&amp;", "&")


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_language_ends_and_joins_with_the_marks_of_its_script(locale):
    """Leaflet, printed footer and desks wrote ". " and "( )" in Chinese and Amharic, ", " in Arabic."""
    marks, written = MARKS[SCRIPTS[locale]], formats(locale)
    assert text(written.sentence("x")) == "x" + marks["sentence"]
    assert text(written.clause("x", "y")).startswith("x" + marks["clause"])
    assert text(written.sentence(written.sentence("x"))) == text(written.sentence("x")), "never two full stops"


def test_chinese_writes_its_own_brackets_and_stops_without_spaces():
    zh = formats("zh")
    assert zh.sentences(zh.aside("免费电话号码 0800 32 745", "在比利时境内拨打免费"), "工作日：09:00–12:30") == (
        "免费电话号码 0800 32 745（在比利时境内拨打免费）。工作日：09:00–12:30。"
    )
    assert zh.brackets("英语") == "（英语）" and formats("en").brackets("French") == "(French)"
    assert formats("am").sentences("ነፃ ነው", "የሥራ ቀናት፦ 09:00") == "ነፃ ነው። የሥራ ቀናት፦ 09:00።"
    assert formats("fr").label("Gand", "rue X") == "Gand : rue X"  # the build makes the space a no-break one


def test_the_marks_escape_text_and_keep_markup():
    en = formats("en")
    assert en.aside("<b>", "x") == "&lt;b&gt; (x)"
    assert en.aside(Markup("<b>y</b>"), "x") == "<b>y</b> (x)"
    assert isinstance(en.then("a", "b"), Markup) and en.then("a", "", None, "b") == "a b"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_dates_are_cldr_s_long_form_but_where_the_language_s_file_or_french_say_otherwise(locale):
    day = datetime.date(2026, 11, 30)
    if locale not in ("sr", "ti"):
        assert formats(locale).date(day) == localize_digits(format_date(day, "long", locale=cldr(locale)), locale)


def test_the_three_dates_the_issue_names():
    """French "1er janvier"; Serbian "од 1. јануара 2022." (a date in a sentence takes the genitive); Tigrinya in
    figures, the day first: "ጥሪ 1, 2022" may be read as the Ethiopian month ጥሪ, and CLDR's figures put the month
    first (11/30/2026)."""
    assert formats("fr").date(NEW_YEAR) == "1er janvier 2022"
    assert formats("fr").date(datetime.date(2022, 1, 11)) == "11 janvier 2022"
    assert formats("sr").date(NEW_YEAR) == "1. јануара 2022."
    assert formats("sr").date(datetime.date(2026, 11, 30)) == "30. новембра 2026."
    assert formats("ti").date(NEW_YEAR) == "1/1/2022"
    assert formats("ti").date(datetime.date(2026, 11, 30)) == "30/11/2026"
    assert formats("fa").date(NEW_YEAR) == "۱ ژانویه ۲۰۲۲"


def test_ukrainian_euros_as_people_write_them_on_the_pages_and_in_the_estimator_script():
    assert formats("uk").money(350) == "350\u00a0€" and formats("uk").money(1350) == "1\u00a0350\u00a0€"
    assert ui("uk", "money")["pattern"] == "{amount}\u00a0€"  # what estimator.js reads from the page
    assert formats("ru").money(350) == "350\u00a0€"  # CLDR's, where no override is written


@pytest.mark.parametrize("locale", ["fa", "ps"])
def test_farsi_and_pashto_write_hours_and_amounts_in_persian_digits(locale):
    written = formats(locale)
    times = text(written.times([{"from": "09:00", "to": "12:30"}, {"from": "13:30", "to": "16:00"}]))
    assert not re.search(r"[0-9]", times + written.money(350) + written.date(NEW_YEAR)), times
    assert re.search(r"[۰-۹]", times)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"money": "350 €"}, "formats.money: the pattern has no {amount}"),
        ({"date": 12}, "formats.date: 12 is not a date pattern"),
        ({"months": ["січня"]}, "formats.months: expected a list of 12 names"),
        ({"currency": "€"}, "formats.currency: unknown field currency"),
    ],
)
def test_a_wrong_override_names_the_file_the_line_and_the_fix(tmp_path, override, expected):
    data = yaml.safe_load((ROOT / "data" / "languages" / "uk.yml").read_text(encoding="utf-8"))
    data["formats"] = override
    path = tmp_path / "uk.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_texts("uk", path)
    [message] = error.value.messages
    assert "uk.yml:" in message and expected in message and "Fix:" in message and "\n" not in message


def test_a_number_an_address_a_name_and_a_value_each_keep_their_direction():
    ar = formats("ar")
    assert ar.ltr("0800 32 745") == '<bdi class="formats-ltr" dir="ltr">0800 32 745</bdi>'
    assert ar.name("Rue d'Arenberg") == '<bdi class="formats-name">Rue d&#39;Arenberg</bdi>'
    assert ar.value("09:00–12:30") == '<bdi class="formats-value" dir="rtl">09:00–12:30</bdi>'
    assert formats("zh").value("09:00–12:30") == '<bdi class="formats-value" dir="ltr">09:00–12:30</bdi>'
    assert text(ar.times([{"from": "09:00", "to": "12:30"}, {"from": "13:30", "to": "16:00"}])) == (
        "09:00–12:30 و13:30–16:00"
    )


def test_a_web_address_breaks_only_after_a_slash_or_before_its_answers():
    web = formats("en").web
    assert web("https://www.voluntaryreturn.be/ar/") == "https://www.voluntaryreturn.be/<wbr>ar/"
    assert web("https://www.retourvolontaire.be/estimator/#destination=GE&adults=2") == (
        "https://www.retourvolontaire.be/<wbr>estimator/<wbr>#destination=GE<wbr>&amp;adults=2"
    )


# --- Every built page of every language --------------------------------------------------------------------

SKIPPED_TAGS = {"script", "style", "svg", "template"}
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# What the estimator draws (through formats.py, as every component): its component and the table of amounts it writes
# into the leaflet. test_the_estimator_s_own_text_uses_the_language_s_marks holds it to the same rules.
ESTIMATOR = re.compile(r'data-module="estimator"|class="[^"]*\b(estimator[\w-]*|leaflet-amounts)\b')


class PageText(HTMLParser):
    """A page's own text, as its reader reads it: without scripts and styles, without what keeps another
    direction or language (a phone number, an address, a name, a phrase marked lang="en"), block by block;
    `estimator` keeps the estimator's parts only, or leaves them out (False), or takes everything (None)."""

    def __init__(self, locale: str, estimator: bool | None = False):
        super().__init__(convert_charrefs=True)
        self.locale, self.direction, self.estimator = locale, DIRECTIONS[locale], estimator
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, inside the estimator)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped, inside = self.stack[-1][1:] if self.stack else (False, False)
        opening = f"<{tag} " + " ".join(f'{name}="{value}"' for name, value in attrs if value is not None) + ">"
        inside = inside or bool(ESTIMATOR.search(opening))
        foreign = attributes.get("lang") not in (None, self.locale)
        other_direction = attributes.get("dir") not in (None, "auto", self.direction)
        skipped = (
            skipped
            or tag in SKIPPED_TAGS
            or foreign
            or other_direction
            or re.match(r"(tel|mailto):", attributes.get("href") or "")
            or "formats-name" in (attributes.get("class") or "")
        )
        if tag in BLOCKS:
            self.parts.append("\n")
        if not skipped and self._counted(inside):
            self.parts += ["\n" + attributes[name] + "\n" for name in ATTRIBUTES if attributes.get(name)]
        if tag not in VOID:
            self.stack.append((tag, bool(skipped), inside))

    def _counted(self, inside: bool) -> bool:
        return self.estimator is None or inside == self.estimator

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        skipped, inside = self.stack[-1][1:] if self.stack else (False, False)
        if not skipped and self._counted(inside):
            self.parts.append(data)

    def text(self, html: str) -> str:
        self.feed(html[html.index("<body") :])
        return "".join(self.parts)


DIRECTIONS = {language["code"]: language["dir"] for language in LANGUAGES["languages"]}
SCRIPT_LETTERS = {"Arab": "\u0600-\u06ff", "Hans": "\u4e00-\u9fff", "Ethi": "\u1200-\u137f"}
# The Latin marks a script that has its own must not use: Arabic-script texts end a sentence with "." too.
LATIN_MARKS = {"Arab": ",", "Hans": ",.", "Ethi": ",."}


def language_pages(site: Path, locale: str) -> list[Path]:
    """Every HTML page of a language, its 404 and error pages too."""
    folder = site if locale == "fr" else site / locale
    pages = []
    for path in sorted(folder.rglob("*.html")):
        first = path.relative_to(folder).parts[0]
        if (locale == "fr" and first in ALL_LOCALES) or first in ("assets", "search", "_hosting"):
            continue
        pages.append(path)
    return pages


def wrong_marks(text: str, script: str) -> list[str]:
    letters = SCRIPT_LETTERS[script]
    marks = re.escape(LATIN_MARKS[script])
    found = re.finditer(
        rf"[{letters}][)»”）]?[{marks}](?=[\s{letters}]|$)|[{marks}][ \u00a0]*(?=[(«“（]?[{letters}])", text, re.M
    )
    return [text[max(match.start() - 25, 0) : match.end() + 25].replace("\n", " ") for match in found]


@pytest.mark.parametrize("locale", [code for code in ALL_LOCALES if SCRIPTS[code] in LATIN_MARKS])
def test_no_latin_comma_or_full_stop_next_to_a_word_of_a_script_that_has_its_own(site, locale):
    """Arabic ، (and its "."), Chinese ，。, Amharic and Tigrinya ፣ ።: the leaflet, the printed footer and the
    desks wrote ", " and ". " after their words, from a template or a hook."""
    found = {}
    for path in language_pages(site, locale):
        wrong = wrong_marks(PageText(locale).text(path.read_text(encoding="utf-8")), SCRIPTS[locale])
        if wrong:
            found[str(path.relative_to(site))] = wrong
    assert not found, found


@pytest.mark.parametrize("locale", [code for code in ALL_LOCALES if SCRIPTS[code] in LATIN_MARKS])
@pytest.mark.parametrize("page", ["leaflet", "estimator"])
def test_the_estimator_s_own_text_uses_the_language_s_marks(site, locale, page):
    """The amounts of a cell were joined by ", " (Arabic "350 € لكل شخص بالغ, 175 €"), the sources' line and the
    visa-free countries ended with ".": in the leaflet's table and on the estimator's page."""
    html = (site / locale / page / "index.html").read_text(encoding="utf-8")
    assert not wrong_marks(PageText(locale, estimator=True).text(html).replace("\u200f", ""), SCRIPTS[locale])


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")  # A4, PDF: a name's digits belong to the name


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_one_digit_system_per_page_but_what_is_dialled_or_written_as_in_belgium(site, locale):
    """Farsi and Pashto write their numbers in Persian digits, the other languages in 0-9; a phone number,
    a postcode, an address or an e-mail address stays as dialled or as written in Belgium (an isolate)."""
    own = digits(locale)
    other = "0-9" if own != "0123456789" else "\u0660-\u0669\u06f0-\u06f9"
    found = {}
    for path in language_pages(site, locale):
        text = LATIN_WORD.sub(" ", PageText(locale).text(path.read_text(encoding="utf-8")))
        wrong = [
            text[max(m.start() - 20, 0) : m.end() + 20].replace("\n", " ") for m in re.finditer(f"[{other}]+", text)
        ]
        if wrong:
            found[str(path.relative_to(site))] = wrong
    assert not found, found


def spaced(text: str) -> str:
    """A text with one plain space for every run of spaces: the build makes French ones no-break, CLDR some."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_printed_page_dates_its_last_change_as_the_language_writes_a_date(site, locale):
    """The date at the foot of every printed page, in CLDR's form with the language's fixes: "27 novembre",
    "30. новембра 2026." (not "30. новембар"), "30/11/2026" (not "ሕዳር 30, 2026")."""
    written, today = formats(locale), datetime.date.today()
    known = {spaced(written.date(today - datetime.timedelta(days=days))) for days in range(-2, 3 * 366)}
    label = spaced(ui(locale, "printing")["changed"])
    for path in language_pages(site, locale):
        html = path.read_text(encoding="utf-8")
        block = re.search(r'<div class="printing__text">\s*<p>.*?</p>\s*<p>(.*?)</p>', html, re.S)
        if not block:
            continue  # the error pages have no printed footer
        line = spaced(block[1])
        assert line.startswith(label), (path, line)
        date = line[len(label) :].strip()
        assert date in known or date[:-1] in known, f"{path}: {date!r} is not a date as {locale} writes it"


@pytest.mark.parametrize(
    ("locale", "since"),
    [("fr", "depuis le 1er janvier 2022"), ("sr", "Од 1. јануара 2022. важе"), ("ti", "ካብ 1/1/2022 ጀሚሮም")],
)
def test_the_leaflet_dates_its_rules_as_the_issue_asks(site, locale, since):
    folder = site if locale == "fr" else site / locale
    html = (folder / "leaflet" / "index.html").read_text(encoding="utf-8")
    assert since in spaced(html)
