"""core/formats.py: each language's lists, dates, times, money and digits (CLDR, with the overrides of its file),
the marks that join its sentences and their parts (its texts), and the isolates that keep a number, an address,
a name or a value in its own direction."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from babel.dates import format_date
from markupsafe import Markup

from conftest import ALL_LOCALES, LANGUAGES, ROOT
from hooks.core.data import DataError
from hooks.core.formats import formats
from hooks.core.locale import cldr, load_texts, localize_digits, ui

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

