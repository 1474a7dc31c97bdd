"""No fact typed in a page: what belongs in data/ is drawn from there, so that every language says the same.

A day with an hour or a part of the day, a clock time, a phone number, an amount with its currency and a postcode
with a street are facts that change: typed in a page, they change in the language an editor corrects and stay
old in the 16 others (Antwerp's walk-in days were typed in counselling.md beside the data of the contact page,
and the site contradicted itself after a change). Each is written once in data/ and drawn by a marker, in each
language's own words (core/formats.py). This check reads every language's Markdown and stops at the first such
fact of each line, naming the marker or the data field to use instead.

The words it looks for come from CLDR (each language's day names and euro) and from the languages' texts (the
parts of the day, data/ui.yml days); digits are read in every script (Persian and Arabic digits too).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.dates import get_day_names

from hooks.checks.links import prose_lines
from hooks.core import cache
from hooks.core.data import DataError, display_path, message
from hooks.core.locale import ALL_LOCALES, UI_FILE, cldr, language_files, ui

# Digits of every script a page may be written in, read as 0-9.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# What a reader does not see as text: code, HTML comments (markers), tags, and the address of a link.
HIDDEN = re.compile(r"`[^`\n]*`|<!--.*?-->|<[^>\n]*>|\]\([^)\n]*\)")

# 09:00, 9h30, 9 h 30, 14.00 uur, 9 u, 9 am: an hour of the day (0-23) and its minutes or its unit.
CLOCK = re.compile(
    r"(?<![\d.,:/])(?:[01]?\d|2[0-3])\s?(?::|h|\.(?=\d\d\s?(?:u|uur)\b))\s?[0-5]\d(?!\d)"
    r"|(?<![\d.,:/])(?:[01]?\d|2[0-3])\s?(?:h|u|uur|am|pm|a\.m\.|p\.m\.)(?!\w)",
    re.IGNORECASE,
)
# A Belgian number as people write it (0800 32 745, 02/213.44.11, +32 2 213 44 11): counted by its digits.
PHONE = re.compile(r"(?<![\d+])(?:\+32[\s./-]?\(?0?\)?|0)\d[\d\s./-]{5,14}\d(?!\d)")
# A Belgian postcode (1000-9999) and the street words of Belgian addresses (and English ones).
POSTCODE = re.compile(r"(?<!\d)[1-9]\d{3}(?!\d)")
STREET = re.compile(
    r"(?<!\w)(?:rue|avenue|av\.|boulevard|bd|chaussée|place|quai|square|straat|laan|steenweg|plein|lei|kaai|dreef"
    r"|street|road)(?!\w)|\w+(?:straat|laan|steenweg|plein|dreef)(?!\w)",
    re.IGNORECASE,
)
# The parts of the day that CLDR's names of the day's periods lack, beside those and the texts of data/ui.yml
# (days.morning, days.afternoon).
PARTS = {
    "fr": ("matin", "matins", "matinée", "après-midi", "soir", "soirée", "midi"),
    "nl": ("ochtend", "morgen", "voormiddag", "namiddag", "middag", "avond", "'s morgens", "'s middags", "’s morgens"),
    "en": ("morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "noon"),
    "ar": ("صباح", "الصباح", "مساء", "الظهر"),
    "zh": ("上午", "下午", "早上", "晚上", "中午"),
}
PERIODS = ("morning1", "morning2", "afternoon1", "afternoon2", "evening1", "evening2", "noon")
# Languages written without spaces between words, whose short day names ("周一") are words of their own.
UNSPACED = ("zh",)


@dataclass(frozen=True)
class Words:
    """What one language writes for the facts this check finds."""

    days: re.Pattern
    parts: re.Pattern
    money: re.Pattern
    cities: dict  # {desk id: the city's name in the language}


def _any(words, spaced: bool) -> re.Pattern:
    """One pattern for a list of words: whole words, or (a script without spaces) anywhere."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words) or r"(?!)"
    if not spaced:
        return re.compile(alternatives)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w{{0,4}}(?!\w)", re.IGNORECASE)  # Mondays, lundis, понедельникам


@cache.when_changed(lambda locale, cities: [*language_files(), UI_FILE])
def words(locale: str, cities: tuple[tuple[str, str], ...]) -> Words:
    """The day names (CLDR, in their forms of a date and of a calendar), the parts of the day, the euro and
    the desks' cities of one language (cities: (desk id, its city in the language), from the desks' data,
    which the adapter reads: a check imports no component)."""
    where = cldr(locale)
    spaced = locale not in UNSPACED
    widths = ("wide",) if spaced else ("wide", "abbreviated")
    days = [
        name
        for width in widths
        for context in ("format", "stand-alone")
        for name in get_day_names(width, context=context, locale=where).values()
    ]
    texts = ui(locale, "days")
    periods = [
        name
        for context in where.day_periods.values()
        for width in ("wide",)
        for period, name in context.get(width, {}).items()
        if period in PERIODS and "." not in name
    ]
    parts = [texts.get("morning"), texts.get("afternoon"), *periods, *PARTS.get(locale, ())]
    money = ["€", "EUR", "euro", "euros", where.currencies.get("EUR")]
    if spaced:  # declined forms: дня понедельника, د دوشنبې (the name less its last letter, then up to four)
        days += [name[:-1] for name in days if len(name) >= 4]
    return Words(_any(days, spaced), _any(parts, spaced), _money(money, spaced), dict(cities))


def _money(names, spaced: bool) -> re.Pattern:
    currency = "|".join(re.escape(name) for name in sorted({n for n in names if n}, key=len, reverse=True))
    amount = r"\d[\d\s.,'\u00a0\u202f\u066b\u066c\u060c]*"
    edge = r"(?!\w)" if spaced else ""
    return re.compile(rf"{amount}\s?(?:{currency}){edge}|(?:€|EUR)\s?\d(?:[\d.,]*\d)?", re.IGNORECASE)


def visible(line: str) -> str:
    """The line as a reader sees its text, each character in its place: digits read 0-9, and code, comments,
    tags and link addresses blanked."""
    return HIDDEN.sub(lambda found: " " * len(found.group(0)), line.translate(DIGITS))


def _phone(line: str) -> tuple[int, int] | None:
    for found in PHONE.finditer(line):
        digits = re.sub(r"\D", "", found.group(0))
        if digits.startswith("32"):
            digits = "0" + digits[2:].removeprefix("0")
        if len(digits) in (9, 10):  # a Belgian number, with its 0: 9 digits, 10 for a mobile
            return found.span()
    return None


def _desk_named(line: str, known: Words) -> str | None:
    lowered = line.casefold()
    return next((desk for desk, city in known.cities.items() if city.casefold() in lowered), None)


def line_problem(line: str, known: Words) -> tuple[str, str, str] | None:
    """(what was found, as the line writes it; what kind of fact it is; the fix) for the first fact typed in a
    line, or None."""
    text = visible(line)
    desk = _desk_named(text, known)
    day, clock, part = known.days.search(text), CLOCK.search(text), known.parts.search(text)
    if day and (clock or part):
        end = max(day.end(), (clock or part).end())
        start = min(day.start(), (clock or part).start())
        found = line[start:end]
        kind = "a day with " + ("an hour" if clock else "a part of the day")
        if desk:
            fix = (
                f"draw it from the data with <!-- desk:{desk}:walk_in --> (data/desks.yml, desks[{desk}].walk_in: "
                f"days and part) or <!-- desk:{desk} --> for its hours (desks[{desk}].hours)"
            )
        else:
            fix = (
                "draw it from the data: <!-- toll_free:hours --> for the free number (data/desks.yml, "
                "toll_free.hours), <!-- desk:ID:walk_in --> for a desk's walk-in days (desks[ID].walk_in)"
            )
        return found, kind, fix
    if clock:
        where = (
            f"<!-- desk:{desk} --> (data/desks.yml, desks[{desk}].hours)"
            if desk
            else "<!-- toll_free:hours --> (data/desks.yml, toll_free.hours) or <!-- desk:ID --> (desks[ID].hours)"
        )
        return (
            line[clock.start() : clock.end()].strip(),
            "a clock time",
            f"draw the hours from the data with {where}; a duration is written in words (12 heures, 12 hours)",
        )
    phone = _phone(text)
    if phone:
        phone = line[phone[0] : phone[1]].strip()
        where = f" or <!-- desk:{desk} --> (desks[{desk}].phone)" if desk else ""
        return (
            phone,
            "a phone number",
            f"draw it from the data with <!-- toll_free --> (data/desks.yml, toll_free.number){where}",
        )
    money = known.money.search(text)
    if money:
        return (
            line[money.start() : money.end()].strip(),
            "an amount with its currency",
            "draw amounts from data/estimator.yml with <!-- estimator:rules --> (the rules in force) or "
            "<!-- estimator:history --> (earlier amounts, each with its year)",
        )
    postcode, street = POSTCODE.search(text), STREET.search(text)
    if postcode and street:
        target = (
            f"<!-- desk:{desk} --> (data/desks.yml, desks[{desk}].address)"
            if desk
            else ("<!-- desk:ID --> (data/desks.yml, desks[ID].address)")
        )
        quoted = f"{line[street.start() : street.end()]} … {line[postcode.start() : postcode.end()]}"
        return quoted, "a street and a postcode", f"draw the address with {target}"
    return None


def page_problems(path: Path, text: str, locale: str, cities: tuple[tuple[str, str], ...]) -> list[str]:
    """One message per line that types a fact, in a page of `locale` (front matter included: its title and
    description are read too)."""
    file, known, problems = display_path(path), words(locale, cities), []
    for number, line in prose_lines(text):
        found = line_problem(line, known)
        if found:
            quoted, kind, fix = found
            problems.append(
                message(
                    file,
                    number,
                    "fact",
                    f'"{quoted}" is {kind} typed in the page (the other languages would not follow a change)',
                    fix,
                )
            )
    return problems


def words_key(locale: str, cities: tuple[tuple[str, str], ...]) -> str:
    """What the words of a language are made from: CLDR (Babel's version), the languages' texts and the desks'
    cities. Cheaper than the words themselves, which are made only when a page is checked again."""
    files = [*language_files(), UI_FILE]
    digests = [cache.file_digest(path) for path in files if path.exists()]
    return json.dumps([locale, babel.__version__, *digests, cities])


def city_names(cities: dict[str, dict[str, str]], locale: str) -> tuple[tuple[str, str], ...]:
    """(desk id, its city in `locale`) of every desk, from {desk id: {language: city}}."""
    return tuple((desk, names[locale]) for desk, names in cities.items())


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def check_pages(paths: list[Path], docs_dir: Path, cities: dict[str, dict[str, str]]) -> None:
    """Every page of every language, before any is built; kept between builds for the same file, text and
    words of its language (cache.py). cities: {desk id: {language: its city}}, from the desks' data."""
    problems, keys = [], {}
    for path in paths:
        locale = Path(path).relative_to(docs_dir).parts[0]
        if locale not in ALL_LOCALES:
            continue
        text = Path(path).read_text(encoding="utf-8")
        names = city_names(cities, locale)
        if locale not in keys:  # the same for every page of the language: its files' hashes looked up once
            keys[locale] = words_key(locale, names)
        problems += cache.results().result(
            "facts",
            (display_path(path), text, locale, keys[locale]),
            lambda path=path, text=text, locale=locale, names=names: page_problems(path, text, locale, names),
        )
    if problems:
        raise DataError(problems)
