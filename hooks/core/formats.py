"""How each language writes what is not prose: lists, dates, times, days, numbers and money, from CLDR (Babel).

One object per language (`formats("ps")`), made once and handed to every component that writes a fact, so that
a list, a date or an amount reads the same way in the estimator, the desks, the leaflet and the printed footer,
and never with a French comma or an English date in another language. The digits are the language's own where
CLDR says it writes them (Persian digits in Farsi and Pashto); a phone number stays as dialled (left to right,
0-9), which is the caller's business, not this module's.
"""

from __future__ import annotations

import datetime
import functools
import re

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_day_names
from babel.lists import format_list

from hooks.core.locale import DAYS, cldr, format_money, localize_digits, ui

# A day's hours are written on a 24-hour clock in every language: Belgian desks, Belgian time.
CLOCK = "Hm"


def clock(text: str) -> datetime.time:
    """'09:00' -> time(9, 0)."""
    hours, minutes = map(int, text.split(":"))
    return datetime.time(hours, minutes)


class Formats:
    """What a reader of one language expects for lists, dates, times, days, numbers and money."""

    def __init__(self, code: str):
        self.code = code
        self.cldr: Locale = cldr(code)

    def digits(self, text: str) -> str:
        """Western digits in a text written in the language's own digits (٠-٩, ۰-۹) where it uses them."""
        return localize_digits(text, self.code)

    def number(self, value: int) -> str:
        symbols = self.cldr.number_symbols
        group = symbols.get(self.cldr.default_numbering_system, symbols.get("latn", {})).get("group", ",")
        return self.digits(f"{int(value):,}".replace(",", group))

    def money(self, amount: int) -> str:
        return format_money(amount, self.code)

    def list(self, items: list[str], style: str = "standard") -> str:
        """['a', 'b', 'c'] -> 'a, b et c', 'a، b، و c', 'a、b和c' (style 'or': 'a ou b')."""
        items = [str(item) for item in items]
        if len(items) < 2:
            return "".join(items)
        return format_list(items, style=style, locale=self.cldr)

    def date(self, day: datetime.date) -> str:
        """A date in full, as the language writes it: 1er janvier 2022, 1 januari 2022, 2022年1月1日."""
        text = format_date(day, format="long", locale=self.cldr)
        if self.code == "fr" and day.day == 1:
            text = re.sub(r"^1(?=\s)", "1er", text)  # le premier du mois: 1er janvier
        return self.digits(text)

    def time(self, text: str) -> str:
        """'09:00' on the language's 24-hour clock."""
        return self.digits(format_skeleton(CLOCK, clock(text), locale=self.cldr))

    def time_range(self, start: str, end: str) -> str:
        """'09:00', '12:30' -> '09:00 – 12:30', '9:00 تا 12:30', with the language's own dash or word."""
        return self.digits(format_interval(clock(start), clock(end), CLOCK, locale=self.cldr))

    def times(self, slots: list[dict]) -> str:
        """[{from, to}, ...] -> the ranges as a list of the language."""
        return self.list([self.time_range(slot["from"], slot["to"]) for slot in slots])

    def day_names(self) -> dict[str, str]:
        names = get_day_names("wide", locale=self.cldr)
        return {day: names[index] for index, day in enumerate(DAYS)}

    def part(self, name: str) -> str:
        """'morning' -> 'le matin', 'in the morning', 'صباحًا': a part of the day as a sentence of the language says
        it. Not CLDR's names of the day's periods: they do not fit a sentence in every language (Arabic's
        'morning1' is dawn, Pashto and Tigrinya have abbreviations only), so each language's texts say it once
        (data/ui.yml and data/languages/<code>.yml, days)."""
        return ui(self.code, "days")[name]

    @staticmethod
    def sentence(text: str) -> str:
        """The text with its first letter a capital, where the script has capitals ('l'après-midi' -> 'L'après-midi')."""
        return text[:1].upper() + text[1:]

    def days(self, days: list[str]) -> str:
        """[mon .. fri] -> 'du lundi au vendredi'; [mon, wed, thu] -> 'lundi, mercredi et jeudi'."""
        names = self.day_names()
        ordered = sorted(days, key=DAYS.index)
        indices = [DAYS.index(day) for day in ordered]
        if len(ordered) > 2 and indices == list(range(indices[0], indices[-1] + 1)):
            return ui(self.code, "days")["range"].format(first=names[ordered[0]], last=names[ordered[-1]])
        return self.list([names[day] for day in ordered])


@functools.cache
def formats(code: str) -> Formats:
    """The formats of a language, made once per process (CLDR's data does not change while it runs)."""
    return Formats(code)
