"""No fact typed in a page (hooks/checks/facts.py): days with hours or parts of the day, clock times, phone numbers,
amounts with a currency and postcodes with a street are drawn from data/, in every language."""

from __future__ import annotations

import pytest

from conftest import ROOT, build_changed_copy
from hooks.checks.facts import city_names, line_problem, page_problems, words
from hooks.components.desks import desks_data
from hooks.core.locale import ALL_LOCALES


def cities(locale: str) -> tuple[tuple[str, str], ...]:
    """The desks' cities in a language, as the adapter gives them to the check."""
    return city_names({desk["id"]: desk["city"] for desk in desks_data()["desks"]}, locale)


# A line as an editor could type it, in several languages, and what the check must find in it.
TYPED = [
    ("fr", "sans rendez-vous le lundi, le mercredi et le jeudi matin.", "lundi, le mercredi et le jeudi matin"),
    ("nl", "op maandag, woensdag en donderdag in de voormiddag", "maandag, woensdag en donderdag in de voormiddag"),
    ("en", "no appointment on Monday, Wednesday and Thursday mornings", "Monday, Wednesday and Thursday mornings"),
    ("ar", "صباح أيام الاثنين والأربعاء والخميس", "صباح أيام الاثنين"),
    ("ps", "د دوشنبې، چهارشنبې او پنجشنبې په سهار", "دوشنبې، چهارشنبې او پنجشنبې په سهار"),
    ("ru", "в понедельник, среду и четверг утром", "понедельник, среду и четверг утром"),
    ("zh", "周一、周三和周四上午", "周一、周三和周四上午"),
    ("am", "ሰኞ፣ ረቡዕ እና ሐሙስ ጠዋት", "ሰኞ፣ ረቡዕ እና ሐሙስ ጠዋት"),
    ("fr", "Ouvert de 9h30 à 12h.", "9h30"),
    ("fa", "از ۹:۰۰ تا ۱۲:۳۰", "۹:۰۰"),
    ("nl", "van 9 tot 16 uur", "16 uur"),
    ("fr", "Appelez le 0800 32 745.", "0800 32 745"),
    ("en", "Call +32 2 213 44 11", "+32 2 213 44 11"),
    ("fr", "La prime est de 250 € par adulte.", "250 €"),
    ("en", "The premium is €1,500.", "€1,500"),
    ("ar", "المنحة ٢٥٠ يورو", "٢٥٠ يورو"),
    ("ru", "250 евро на взрослого", "250 евро"),
    ("nl", "Lamorinièrestraat 137, 2018 Antwerpen", "Lamorinièrestraat … 2018"),
]
# What is no fact to draw from data: a kind of number, a year, a duration, a marker, a link's address, code.
NOT_FACTS = [
    ("fr", "Un numéro 0800 fonctionne seulement depuis un téléphone en Belgique."),
    ("fr", "En 2022, trois jours par semaine."),
    ("fr", "Une réponse dans les 48 h."),
    ("fr", "Appelez le <!-- toll_free -->. À Anvers : <!-- desk:antwerp:walk_in -->"),
    ("en", "[Monday's notes](journey.md#monday-9-00)"),
    ("en", "Write `09:00` in quotes."),
    ("en", "Sell to the schools in the morning too."),
    ("fr", "le 01/02/2026"),
]


@pytest.mark.parametrize("locale, line, found", TYPED)
def test_a_fact_typed_in_any_language_is_found(locale, line, found):
    assert line_problem(line, words(locale, cities(locale)))[0] == found


@pytest.mark.parametrize("locale, line", NOT_FACTS)
def test_what_is_no_fact_is_left_alone(locale, line):
    assert line_problem(line, words(locale, cities(locale))) is None


def test_no_page_of_any_language_types_a_fact():
    problems = [
        problem
        for locale in ALL_LOCALES
        for path in sorted((ROOT / "docs" / locale).rglob("*.md"))
        for problem in page_problems(path, path.read_text(encoding="utf-8"), locale, cities(locale))
    ]
    assert problems == []


def test_the_message_names_file_line_what_and_the_marker_or_data_field_to_use(tmp_path):
    page = tmp_path / "docs" / "fr" / "counselling.md"
    page.parent.mkdir(parents=True)
    text = "---\ntitle: x\n---\n\nÀ Anvers : sans rendez-vous le lundi, le mercredi et le jeudi matin.\n"
    (problem,) = page_problems(page, text, "fr", cities("fr"))
    assert problem.endswith(
        ':5: fact: "lundi, le mercredi et le jeudi matin" is a day with a part of the day typed in the page (the '
        "other languages would not follow a change). Fix: draw it from the data with <!-- desk:antwerp:walk_in --> "
        "(data/desks.yml, desks[antwerp].walk_in: days and part) or <!-- desk:antwerp --> for its hours "
        "(desks[antwerp].hours)."
    )
    assert "\n" not in problem


@pytest.mark.engine
def test_a_fact_typed_in_a_page_stops_the_build_with_one_line(tmp_path):
    """The case of issue 26: counselling.md typed Antwerp's days; an Arabic page types the line's hours."""
    result = build_changed_copy(
        tmp_path,
        (
            "docs/en/counselling.md",
            lambda t: t.replace(
                "In Antwerp, the days are limited. <!-- desk:antwerp:walk_in -->",
                "For Antwerp: no appointment on Monday, Wednesday and Thursday mornings.",
            ),
        ),
        ("docs/ar/contact.md", lambda t: t + "\nالخط مفتوح من ٩:٠٠ إلى ١٢:٣٠.\n"),
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if ": fact: " in line]
    assert len(lines) == 2, result.stderr
    assert any(
        line.removeprefix("ERROR   -  ").startswith("docs/en/counselling.md:33: fact: ")
        and "<!-- desk:antwerp:walk_in -->" in line
        for line in lines
    )
    assert any(
        line.removeprefix("ERROR   -  ").startswith("docs/ar/contact.md:13: fact: ")
        and '"٩:٠٠" is a clock time' in line
        and "toll_free:hours" in line
        for line in lines
    )
