"""How each language writes what is not prose: lists, dates, times, days, numbers and money, from CLDR (Babel);
the marks that join sentences and their parts, from the language's texts; and how each of them keeps its
direction inside a text of the other direction.

One object per language (`formats("ps")`), made once and handed to every component that writes a fact, so that
a list, a date or an amount reads the same way in the estimator, the desks, the leaflet and the printed footer,
and never with a French comma or an English date in another language. The digits are the language's own where
CLDR says it writes them (Persian digits in Farsi and Pashto); a phone number stays as dialled (left to right,
0-9), which is the caller's business, not this module's.

Where a language's readers write otherwise than CLDR, its file says so under `formats:` (data/languages/<code>.yml:
money, date, months; checked by core/locale.py): Ukrainian "350 €", not "350 EUR".

The marks (punctuation in data/ui.yml and each language's file) and the isolates return Markup: their parts
are escaped unless they are Markup already, so that a template or a hook can put a link or a <bdi> in them.
"""

from __future__ import annotations

import datetime
import functools
import re

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_day_names
from babel.lists import format_list
from markupsafe import Markup, escape

from hooks.core.locale import DAYS, cldr, format_money, languages, localize_digits, overrides, ui

# A day's hours are written on a 24-hour clock in every language: Belgian desks, Belgian time.
CLOCK = "Hm"
# The marks that end a sentence in the site's scripts: a text that ends with one is not given another.
SENTENCE_ENDS = ".!?…。！？።؟"


def clock(text: str) -> datetime.time:
    """'09:00' -> time(9, 0)."""
    hours, minutes = map(int, text.split(":"))
    return datetime.time(hours, minutes)


class Formats:
    """What a reader of one language expects for lists, dates, times, days, numbers and money."""

    def __init__(self, code: str):
        self.code = code
        self.cldr: Locale = cldr(code)
        self.direction: str = languages()[code]["dir"]

    def digits(self, text: str) -> str:
        """Western digits in a text written in the language's own digits (٠-٩, ۰-۹) where it uses them."""
        return localize_digits(text, self.code)

    def number(self, value: int) -> str:
        symbols = self.cldr.number_symbols
        group = symbols.get(self.cldr.default_numbering_system, symbols.get("latn", {})).get("group", ",")
        return self.digits(f"{int(value):,}".replace(",", group))

    def money(self, amount: int) -> str:
        return format_money(amount, self.code)

    def list(self, items: list, style: str = "standard") -> str:
        """['a', 'b', 'c'] -> 'a, b et c', 'a، b، و c', 'a、b和c' (style 'or': 'a ou b'). Markup items (a
        value in its <bdi>) give Markup, the list's own words escaped."""
        if not any(isinstance(item, Markup) for item in items):
            items = [str(item) for item in items]
            return "".join(items) if len(items) < 2 else format_list(items, style=style, locale=self.cldr)
        if len(items) < 2:
            return Markup("").join(escape(item) for item in items)
        slots = [f"\x00{index}\x00" for index in range(len(items))]
        written = str(escape(format_list(slots, style=style, locale=self.cldr)))
        for slot, item in zip(slots, items, strict=True):
            written = written.replace(slot, str(escape(item)))
        return Markup(written)

    def date(self, day: datetime.date) -> str:
        """A date in full, as the language writes it: 1er janvier 2022, 1 januari 2022, 2022年1月1日; a
        language's own pattern or month names where its file gives them (Serbian 1. јануара 2022.)."""
        own = overrides(self.code)
        pattern = own.get("date") or self.cldr.date_formats["long"].pattern
        if own.get("months"):
            name = own["months"][day.month - 1].replace("'", "''")
            pattern = pattern.replace("MMMM", f"'{name}'")
        text = format_date(day, pattern, locale=self.cldr)
        if self.code == "fr" and day.day == 1:
            text = re.sub(r"^1(?=\s)", "1er", text)  # le premier du mois: 1er janvier
        return self.digits(text)

    def time(self, text: str) -> str:
        """'09:00' on the language's 24-hour clock."""
        return self.digits(format_skeleton(CLOCK, clock(text), locale=self.cldr))

    def time_range(self, start: str, end: str) -> str:
        """'09:00', '12:30' -> '09:00 – 12:30', '9:00 تا 12:30', with the language's own dash or word."""
        return self.digits(format_interval(clock(start), clock(end), CLOCK, locale=self.cldr))

    def times(self, slots: list[dict]) -> Markup:
        """[{from, to}, ...] -> the ranges as a list of the language, each range one isolated value."""
        return Markup(self.list([self.value(self.time_range(slot["from"], slot["to"])) for slot in slots]))

    def day_names(self) -> dict[str, str]:
        names = get_day_names("wide", locale=self.cldr)
        return {day: names[index] for index, day in enumerate(DAYS)}

    def part(self, name: str) -> str:
        """'morning' -> 'le matin', 'in the morning', 'صباحًا': a part of the day as a sentence of the language says
        it. Not CLDR's names of the day's periods: they do not fit a sentence in every language (Arabic's
        'morning1' is dawn, Pashto and Tigrinya have abbreviations only), so each language's texts say it once
        (data/ui.yml and data/languages/<code>.yml, days)."""
        return ui(self.code, "days")[name]

    def days(self, days: list[str]) -> str:
        """[mon .. fri] -> 'du lundi au vendredi'; [mon, wed, thu] -> 'lundi, mercredi et jeudi'."""
        names = self.day_names()
        ordered = sorted(days, key=DAYS.index)
        indices = [DAYS.index(day) for day in ordered]
        if len(ordered) > 2 and indices == list(range(indices[0], indices[-1] + 1)):
            return ui(self.code, "days")["range"].format(first=names[ordered[0]], last=names[ordered[-1]])
        return self.list([names[day] for day in ordered])

    # --- The marks between sentences and their parts: the language's texts (data/ui.yml punctuation) ---

    def _marks(self, kind: str, **parts) -> Markup:
        return escape(ui(self.code, "punctuation")[kind]).format(**parts)

    def sentence(self, text) -> Markup:
        """A sentence ended by the language's full stop ('.', '。', '።'), unless it ends with one already."""
        ending = Markup(text).striptags() if isinstance(text, Markup) else str(text).rstrip()
        if ending[-1:] in SENTENCE_ENDS:
            return escape(text)
        return self._marks("sentence", text=text)

    def then(self, *texts) -> Markup:
        """Texts one after the other: a space between them, none in Chinese."""
        return self._chain("then", [text for text in texts if text])

    def sentences(self, *texts) -> Markup:
        """Each text a sentence, one after the other: 'Gratuit. Jours ouvrables : …', '免费。工作日：…。'"""
        return self.then(*(self.sentence(text) for text in texts if text))

    def clause(self, *parts) -> Markup:
        """Parts of one sentence: 'lundi, 09:00', 'الاثنين، 09:00', '周一，09:00', 'ሰኞ፣ 09:00'."""
        return self._chain("clause", [part for part in parts if part])

    def aside(self, text, remark) -> Markup:
        """A remark in brackets after a text: 'Gand (sur rendez-vous)', '免费电话号码（在比利时境内拨打免费）'."""
        return self._marks("aside", text=text, remark=remark)

    def brackets(self, remark) -> Markup:
        """A remark in the language's brackets, alone: '(English)', '（英语）'."""
        return Markup(self.aside("", remark).lstrip())

    def label(self, label, text) -> Markup:
        """A label and what it names: 'Gand : rue …', '根特：…', 'ጌንት፦ …'."""
        return self._marks("label", label=label, text=text)

    def capital(self, text: str) -> str:
        """The first letter in capitals, where the script has them (a sentence that starts with a remark)."""
        return text[:1].upper() + text[1:]

    def _chain(self, kind: str, parts: list) -> Markup:
        if not parts:
            return Markup("")
        joined = escape(parts[0])
        for part in parts[1:]:
            joined = self._marks(kind, **{"first": joined, "next": part})
        return joined

    def for_scripts(self) -> dict:
        """What a page's script needs to write as this object does (text.js applies it): CLDR's list patterns
        ('and' and 'or'), the marks of the language's texts, its digits ('' for 0-9) and its direction."""
        own = self.digits("0123456789")
        return {
            "list": {style: dict(self.cldr.list_patterns[style]) for style in ("standard", "or")},
            "marks": dict(ui(self.code, "punctuation")),
            "digits": "" if own == "0123456789" else own,
            "dir": self.direction,
        }

    # --- Direction: what keeps its own inside a text of the other direction --------------------------
    # A right-to-left paragraph reorders the runs of digits, spaces and signs it holds: "0800 32 745" read
    # "745 32 0800", "https://…/ar" read "/https://…/ar". An isolate (<bdi>, unicode-bidi: isolate) is one
    # unit for the text around it, laid out inside in its own direction.

    def ltr(self, text) -> Markup:
        """What is read left to right in every language, kept on one line: a phone number, a postcode, an
        e-mail address."""
        return Markup('<bdi class="formats-ltr" dir="ltr">{}</bdi>').format(text)

    def name(self, text) -> Markup:
        """A name or a street from data, in whatever script: its first letter sets its direction (Rue
        d'Arenberg left to right in an Arabic page; an Arabic street right to left in an English one)."""
        return Markup('<bdi class="formats-name">{}</bdi>').format(text)

    def web(self, address: str) -> Markup:
        """A web address that may break only after a '/' or before a '#', '?' or '&' of what follows its domain: a break
        inside a word ("voluntaryr" / "eturn.be") reads as two addresses. Its <bdi dir="ltr"> is the template's,
        with the class that says how it wraps there (printing.js breaks a redrawn address the same way)."""
        start = address.find("://") + 3 if "://" in address else 0
        head, tail = address[:start], address[start:]
        pieces = re.split(r"(?<=/)|(?=[#?&])", tail)
        return Markup("<wbr>").join(escape(piece) for piece in [head + pieces[0], *pieces[1:]] if piece)

    def value(self, text) -> Markup:
        """A time, a range or an amount as the language writes it (CLDR), kept whole on a line and read in the
        language's direction: in Farsi "۹:۰۰ تا ۱۲:۳۰" starts on the right, as its word تا ("to") says, and so
        does an Arabic or Pashto range, like the words around it; a neighbour cannot pull its parts apart."""
        return Markup('<bdi class="formats-value" dir="{}">{}</bdi>').format(self.direction, text)


def in_language(text, code: str) -> Markup:
    """A text written in another language than the page's, in a <span> with that language's lang and direction
    (ltr for a language the site does not have, such as a building's name in German)."""
    direction = languages().get(code, {}).get("dir", "ltr")
    return Markup('<span lang="{}" dir="{}">{}</span>').format(code, direction, text)


@functools.cache
def formats(code: str) -> Formats:
    """The formats of a language, made once per process (CLDR's data does not change while it runs; the
    language's texts and overrides are read again when their file changes)."""
    return Formats(code)
