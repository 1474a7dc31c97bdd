"""The site's languages (data/languages.yml): which one is being built, its UI strings, and how it writes
money, numbers and days. French, Dutch and English have every page (scope full); the other languages have the
essential pages, with their texts in data/languages/<code>.yml."""

from __future__ import annotations

import datetime
import functools
import unicodedata
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

from hooks.core.cache import when_changed
from hooks.core.data import DataError, display_path, format_fields, load_checked, load_yaml
from hooks.core.paths import ROOT

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UI_FILE = ROOT / "data" / "ui.yml"
LANGUAGES_FILE = ROOT / "data" / "languages.yml"
TEXTS_DIR = ROOT / "data" / "languages"
# Interface components that only the full languages show (the stories and the glossary are not essentials).
FULL_ONLY = ("stories", "glossary")


def check_languages(document) -> list[str]:
    """What the schema cannot say: codes unique, French first and full, a 'more' that is a full language."""
    problems, seen = [], set()
    languages = document.data["languages"]
    for index, language in enumerate(languages):
        code = language["code"]
        if code in seen:
            problems.append(document.error(("languages", index, "code"), f"{code} is listed twice", "remove one entry"))
        seen.add(code)
        if language["scope"] == "essentials" and not language.get("more"):
            problems.append(
                document.error(
                    ("languages", index),
                    f"{code} has no more:",
                    "add more: fr, nl or en, where its links to other pages go",
                )
            )
        if not _cldr_knows(code):
            problems.append(
                document.error(("languages", index, "code"), f"CLDR has no data for {code}", "check the ISO 639-1 code")
            )
    full = [language["code"] for language in languages if language["scope"] == "full"]
    drafts = [language["code"] for language in languages if language["state"] == "draft"]
    for index, language in enumerate(languages):
        if language.get("more") in drafts:
            problems.append(
                document.error(
                    ("languages", index, "more"),
                    f"{language['more']} is a draft: its pages are not published",
                    f"write a published full language ({', '.join(c for c in full if c not in drafts)})",
                )
            )
        if language.get("more") and language["more"] not in full:
            problems.append(
                document.error(
                    ("languages", index, "more"),
                    f"{language['more']} is not a full language",
                    f"write one of {', '.join(full)}",
                )
            )
    if languages and languages[0]["state"] == "draft":
        problems.append(
            document.error(
                ("languages", 0, "state"),
                "French is the site's first language and the source of every translation: it cannot be a draft",
                "write state: reviewed",
            )
        )
    if languages and (languages[0]["code"] != "fr" or languages[0]["scope"] != "full"):
        problems.append(
            document.error(
                ("languages", 0),
                "the first language must be French, with scope full",
                "put French first: the site's default language and the source of translations",
            )
        )
    return problems


def _cldr_knows(code: str) -> bool:
    try:
        Locale.parse(code)
    except (ValueError, LookupError, UnknownLocaleError):
        return False
    return True


@when_changed(lambda: [LANGUAGES_FILE])
def languages_data() -> dict:
    return load_checked(LANGUAGES_FILE, "languages.schema.json", check_languages)


@when_changed(lambda: [LANGUAGES_FILE])
def languages() -> dict[str, dict]:
    """{code: entry} in the file's order; read only (every page asks several times: one dict per file's version)."""
    return {language["code"]: language for language in languages_data()["languages"]}


languages_by_code = languages  # the name to use beside the language bar's component (components/languages.py)


def state(code: str) -> str:
    """draft (built for preview only), published (on the site; an essentials language with the "not reviewed"
    notice) or reviewed (a native speaker's review recorded; the full languages are checked by the team)."""
    return languages()[code]["state"]


def published_locales() -> tuple[str, ...]:
    """The languages on the site, in the file's order: listed, in the sitemap and hreflang, served by the
    host; a draft is none of these."""
    return tuple(code for code, language in languages().items() if language["state"] != "draft")


def essential_pages() -> dict[str, str]:
    """{page of an essentials language: the French page it translates}."""
    return {entry["page"]: entry["from"] for entry in languages_data()["essentials"]}


LOCALES = tuple(code for code, language in languages().items() if language["scope"] == "full")
ALL_LOCALES = tuple(languages())
DEFAULT = LOCALES[0]


# --- Collation: the order in which a language's readers expect a list of names --------------------------------
#
# CLDR's collation (common/collation/<code>.xml: the root order, and each language's rules on top of it), for
# the letters of the site's languages, without ICU (PyICU has no wheel for Python 3.11 on PyPI): each language's
# letters in its readers' order; "=" joins the forms of one letter, which differ only between names otherwise
# equal (an accent, Arabic's hamza forms, Persian's and Arabic's kaf); a letter of two characters (Albanian dh)
# is one letter. Chinese is in pinyin order: each character by its reading (pypinyin), then by the character.
# tests/test_estimator.py holds every language's list of countries to ICU's order (Node's Intl.Collator); in
# Chinese, ICU puts characters of one reading by their strokes, which no package here gives: by code point here.
LATIN = "a b ɓ c d ɗ e ɛ f g h i j k l m n ŋ o ɔ p q r s t u v w x y ƴ z"
ALPHABETS = {
    "sr": "а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш",
    "uk": "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я",
    "mn": "а б в г д е ё ж з и й к л м н о ө п р с т у ү ф х ц ч ш щ ъ ы ь э ю я",
    "ru": "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я",
    "sq": "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v w x xh y z zh",
    "es": LATIN.replace("n ", "n ñ "),
    "ln": LATIN.replace("o ɔ", "o=ɔ"),
    # Arabic: the hamza's forms are forms of alef (آ two of them), ta marbuta a form of ta, alef maqsura a form
    # of ya (ar.xml).
    "ar": "ء=أ=ؤ=إ=ئ=ا ٱ ب پ ة=ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ك ک گ ل م ن ه و ي=ى=ی",
    # Farsi: آ before ا, the hamza's forms after it; پ چ ژ گ after ب ج ز ک; و before ه, ی last (fa.xml).
    "fa": "آ ا=ٱ ء=أ=ٲ=إ=ٳ=ؤ=ئ ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک=ڪ=ګ=ك گ ل م ن و ه=ہ=ة=ۀ=ھ ی=ى=ے=ي=ې=ۍ",
    # Pashto: its own letters after their Arabic neighbours (ټ ځ څ ډ ړ ږ ښ ګ ڼ), ې ۍ ئ forms of ی; ه before و
    # as in Arabic (ps.xml).
    "ps": "آ ا=أ=ٲ=ٱ=إ=ٳ ء ب پ ت ټ=ٹ ث ج ځ چ څ ح خ د ډ=ڈ ذ ر ړ=ڑ ز ژ ږ س ش ښ ص ض ط ظ ع غ ف ق ک=ڪ=ك ګ=گ "
    "ل م ن ڼ=ڻ ه=ۀ=ہ=ھ=ة=ۃ و=ؤ=ۇ=ۉ ی=ى=ے=ي=ې=ۍ=ئ",
}
# A letter that sorts as two (Arabic's alef with madda is two alefs).
EXPANSIONS = {"ar": {"آ": "اا"}}
# Marks that CLDR sorts before every letter and digit, in its order (a space first: "Guinée équatoriale" before
# "Guinée-Bissau"); a mark of another form (’ and ', （ and () is the same mark. And what it passes over.
PUNCTUATION = " _-–—,，،、;；؛:：!！?？؟.…۔。·'‘’\"“”«»(（)）[]{}@*/\\&#%`^+<=>|~$"
SAME_MARK = {"’": "'", "‘": "'", "（": "(", "）": ")", "\u00a0": " "}
IGNORED = "\u200c\u200d\u200e\u200f\u0640"
SCRIPTS = {"Latn": 2, "Cyrl": 3, "Arab": 4, "Hani": 5}


@functools.cache
def _letters(locale: str) -> tuple[dict, int]:
    """{letter or letters: (primary, variant)}: the language's own alphabet for its script (data/languages.yml),
    CLDR's root order for the Latin, Cyrillic and Arabic letters of the other scripts; and the length of the
    longest letter."""
    own = languages()[locale]["script"] if locale in ALPHABETS else None
    weights = {}
    for script, root in (("Latn", LATIN), ("Cyrl", ALPHABETS["ru"]), ("Arab", ALPHABETS["ar"])):
        for index, letter in enumerate((ALPHABETS[locale] if script == own else root).split()):
            for variant, form in enumerate(letter.split("=")):
                weights.setdefault(form, (SCRIPTS[script] * 10**6 + index, variant))
    return weights, max(len(letter) for letter in weights)


def _pinyin(char: str) -> tuple[int, ...] | None:
    """A Han character's place in pinyin order: its most common reading (syllable, then tone), then the
    character; None for any other character. pypinyin is read only for a Chinese list."""
    if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"):
        return None
    from pypinyin import Style, pinyin  # only a Chinese list needs it (0.5 s to load)

    reading = pinyin(char, style=Style.TONE3, heteronym=False, neutral_tone_with_five=True)[0][0]
    syllable, tone = reading[:-1], int(reading[-1]) if reading[-1:].isdigit() else 5
    letters = 0
    for letter in syllable.ljust(6, "`"):  # "`" before "a": a syllable before the longer ones it begins
        letters = letters * 28 + (ord(letter) - ord("`"))
    return (SCRIPTS["Hani"] * 10**6, letters * 10 + tone, ord(char))


@functools.cache  # the estimator compares every country's name in 17 languages, in each language's build
def collation_key(text: str, locale: str) -> tuple:
    """A key that sorts names as readers of the language expect (CLDR's order, above): first by the letters
    (accents, capitals and a letter's forms do not count: Égypte after Danemark), then by those."""
    weights, longest = _letters(locale)
    primary: list[int] = []
    secondary: list[int] = []
    written = unicodedata.normalize("NFC", text.casefold())
    for letter, letters in EXPANSIONS.get(locale, {}).items():
        written = written.replace(letter, letters)
    index = 0
    while index < len(written):
        for size in range(min(longest, len(written) - index), 0, -1):
            piece = written[index : index + size]
            if piece in weights:
                weight, variant = weights[piece]
                primary.append(weight)
                secondary.append(variant)
                index += size
                break
        else:
            char = written[index]
            index += 1
            han = _pinyin(char) if locale == "zh" else None
            if han:
                primary.extend(han)
                continue
            mark = SAME_MARK.get(char, char)
            if char in IGNORED:
                secondary.append(ord(char))
            elif mark in PUNCTUATION or char.isspace():
                primary.append(100 + PUNCTUATION.find(mark) if mark in PUNCTUATION else 100)
            elif unicodedata.category(char) == "Nd":
                primary.append(1000 + unicodedata.digit(char))
            else:
                for part in unicodedata.normalize("NFKD", char):
                    if unicodedata.combining(part):
                        secondary.append(ord(part))
                    elif part in weights:
                        primary.append(weights[part][0])
                    else:
                        primary.append(9 * 10**6 + ord(part))
    return tuple(primary), tuple(secondary)


def is_full(locale: str) -> bool:
    return languages()[locale]["scope"] == "full"


def cldr(locale: str) -> Locale:
    """The CLDR locale for formats: the Belgian variant where CLDR has one (fr_BE, nl_BE, en_BE)."""
    try:
        return Locale.parse(f"{locale}_BE")
    except (ValueError, LookupError, UnknownLocaleError):
        return Locale.parse(locale)


def language_name(code: str, in_locale: str) -> str:
    """The name of a language in another language ('Farsi' in French: 'persan'), from CLDR."""
    name = Locale.parse(in_locale).languages.get(code) or languages()[code]["english"]
    return name[:1].upper() + name[1:] if in_locale in LOCALES else name


NATIVE_DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


def digits(locale: str) -> str:
    """The ten digits a reader of the language writes (CLDR's default numbering system): 0-9, ۰-۹..."""
    return NATIVE_DIGITS.get(Locale.parse(locale).default_numbering_system, "0123456789")


def localize_digits(text: str, locale: str) -> str:
    table = digits(locale)
    return text if table == "0123456789" else text.translate(str.maketrans("0123456789", table))


def load_ui(path: Path = UI_FILE) -> dict:
    """All UI strings, {component: {key: {fr, nl, en}}}; a string missing in one language stops the build."""
    document = load_yaml(path)
    problems = []
    if not isinstance(document.data, dict):
        raise DataError([document.error((), "the file is not a list of components", "see git history")])
    for component, strings in document.data.items():
        if not isinstance(strings, dict):
            problems.append(document.error((component,), "expected strings under this name", "indent them"))
            continue
        for key, texts in strings.items():
            if not isinstance(texts, dict):
                problems.append(
                    document.error((component, key), "expected {fr, nl, en}", "write fr:, nl: and en: below")
                )
                continue
            for locale in LOCALES:
                text = texts.get(locale)
                if text is not None and not isinstance(text, str):
                    kind = (
                        "a list"
                        if isinstance(text, list)
                        else "a group of fields"
                        if isinstance(text, dict)
                        else "a number or yes/no"
                    )
                    problems.append(
                        document.error(
                            (component, key, locale),
                            f"the {locale} text is {kind}, not a text",
                            "write the text on the same line, in quotes if it holds ':', '#', '[' or '{'",
                        )
                    )
                    continue
                if not text:
                    problems.append(
                        document.error(
                            (component, key, locale),
                            f"the {locale} text is missing",
                            f"add {locale}: with the text in that language",
                        )
                    )
                elif wrong := placeholder_problem(text) or differing_placeholders(text, texts.get(LOCALES[0]) or ""):
                    problems.append(
                        document.error(
                            (component, key, locale),
                            f"the {locale} text has {wrong}",
                            "keep each {name} of the French text, untranslated, and no other brace",
                        )
                    )
    if problems:
        raise DataError(problems)
    return document.data


@when_changed(lambda: [UI_FILE])
def ui_data() -> dict:
    """data/ui.yml, checked, read once per change of the file."""
    return load_ui(UI_FILE)


def texts_file(locale: str) -> Path:
    return TEXTS_DIR / f"{locale}.yml"


def load_texts(locale: str, path: Path | None = None) -> dict:
    """An essentials language's texts: {site: {...}, ui: {component: {key: text}}, data: {item: text}}. Every
    interface text of data/ui.yml (but the full-only components) must be there, with the same {placeholders}."""
    path = path or texts_file(locale)
    if not path.exists():
        raise DataError(
            [
                f"{display_path(path)}: file missing: {languages()[locale]['english']} ({locale}) is listed in "
                f"data/languages.yml. Fix: create it with the texts of the language (copy another "
                f"language's file and translate), or remove the language from data/languages.yml."
            ]
        )
    document = load_yaml(path)
    data = document.data if isinstance(document.data, dict) else {}
    problems = []
    source = ui_data()
    for component, strings in source.items():
        if component in FULL_ONLY or component in ("money", "site"):
            continue
        for key, texts in strings.items():
            text = ((data.get("ui") or {}).get(component) or {}).get(key)
            if not isinstance(text, str) or not text.strip():
                problems.append(
                    document.error(
                        ("ui", component),
                        f"the text {key} is missing",
                        f"add {key}: with the {languages()[locale]['english']} translation of: {texts['en']}",
                    )
                )
            elif wrong := placeholder_problem(text):
                problems.append(
                    document.error(
                        ("ui", component, key),
                        f"the text has {wrong}",
                        f"write the placeholders as the English text does ({texts['en']}), and no other brace",
                    )
                )
            elif placeholders(text) != placeholders(texts["en"]):
                problems.append(
                    document.error(
                        ("ui", component, key),
                        f"the text has {sorted(placeholders(text)) or 'no placeholders'}, "
                        f"the English has {sorted(placeholders(texts['en']))}",
                        "keep each {name} of the English text, untranslated",
                    )
                )
    for key in ("name", "description", "copyright"):
        if not isinstance((data.get("site") or {}).get(key), str):
            problems.append(document.error(("site",), f"the text {key} is missing", f"add {key}: under site:"))
    problems += check_overrides(document, locale)
    if problems:
        raise DataError(problems)
    return data


# What a language's file may say where its readers write otherwise than CLDR (formats: in data/languages/<code>.yml).
OVERRIDES = {
    "money": 'how whole euros are written, with {amount} for the number: "{amount} €"',
    "date": 'a date in full as a CLDR pattern: "d/M/y" (d day, M month, y year)',
    "months": "the twelve months' names as a date in a sentence writes them, January first",
}


def check_overrides(document, locale: str) -> list[str]:
    """formats: holds only the known overrides, each in its form (OVERRIDES)."""
    overrides = document.data.get("formats") if isinstance(document.data, dict) else None
    if overrides is None:
        return []
    if not isinstance(overrides, dict):
        return [document.error(("formats",), "expected money:, date: or months: under formats:", "indent them")]
    problems = []
    for key, value in overrides.items():
        if key not in OVERRIDES:
            problems.append(
                document.error(("formats", key), f"unknown field {key}", f"write one of {', '.join(OVERRIDES)}")
            )
        elif key == "money" and not (isinstance(value, str) and "{amount}" in value):
            problems.append(document.error(("formats", key), "the pattern has no {amount}", f"write {OVERRIDES[key]}"))
        elif key == "date" and not (isinstance(value, str) and _date_pattern_works(value, locale)):
            problems.append(
                document.error(("formats", key), f"{value!r} is not a date pattern", f"write {OVERRIDES[key]}")
            )
        elif key == "months" and not (
            isinstance(value, list) and len(value) == 12 and all(isinstance(name, str) and name for name in value)
        ):
            problems.append(document.error(("formats", key), "expected a list of 12 names", f"write {OVERRIDES[key]}"))
    return problems


def _date_pattern_works(pattern: str, locale: str) -> bool:
    try:
        return bool(format_date(datetime.date(2022, 1, 31), pattern, locale=cldr(locale)).strip())
    except (ValueError, KeyError, AttributeError):
        return False


def overrides(locale: str) -> dict:
    """{money, date, months} where the language's file says its readers write otherwise than CLDR ({} for the
    full languages, whose rules are in data/ui.yml and core/formats.py)."""
    return {} if is_full(locale) else (texts(locale).get("formats") or {})


def placeholders(text: str) -> set[str]:
    """The {name}s of a text as str.format reads it (none for a text with a stray brace: placeholder_problem)."""
    try:
        return format_fields(text)
    except ValueError:
        return set()


def differing_placeholders(text: str, source: str) -> str | None:
    """How a translation's placeholders differ from its source's, or None."""
    if placeholders(text) == placeholders(source):
        return None
    return f"{sorted(placeholders(text)) or 'no placeholders'}, the French has {sorted(placeholders(source)) or 'none'}"


def placeholder_problem(text: str) -> str | None:
    """What is wrong with a text's braces ("{ {times}": a lone brace), or None."""
    try:
        format_fields(text)
    except ValueError as error:
        return str(error)
    return None


@when_changed(lambda locale: [texts_file(locale), UI_FILE])
def texts(locale: str) -> dict:
    """An essentials language's texts, re-read when its file (or data/ui.yml) changes."""
    return load_texts(locale)


def ui(locale: str, component: str) -> dict:
    """The strings of one component in one language: {key: text}. Re-read when the file changes."""
    if is_full(locale):
        strings = ui_data()[component]
        return {key: texts_[locale] for key, texts_ in strings.items()}
    if component == "money":
        written = overrides(locale).get("money")
        return dict(cldr_money(locale), pattern=written) if written else cldr_money(locale)
    if component == "site":
        return texts(locale)["site"]
    if component in FULL_ONLY:
        raise DataError(
            [
                f"data/languages/{locale}.yml: the {component} are not among the essentials of "
                f"{languages()[locale]['english']}. Fix: remove the marker of the {component} from docs/{locale}/."
            ]
        )
    return texts(locale)["ui"][component]


@functools.cache
def cldr_money(locale: str) -> dict:
    """How a reader of the language writes whole euros, from CLDR: {pattern: '{amount} €', group: ' '}."""
    where = cldr(locale)
    group = get_group_symbol(where)
    written = format_currency(1350, "EUR", locale=where).replace(get_decimal_symbol(where) + "00", "")
    return {"pattern": written.replace(f"1{group}350", "{amount}"), "group": group}


def format_money(amount: int, locale: str) -> str:
    """Whole euros as a reader of that language writes them: 1 500 €, € 1.500, €1,500, ۱٬۵۰۰ €.

    The same rule is in estimator.js (formatMoney); both read the pattern from data/ui.yml (CLDR for the
    essentials languages).
    """
    money = ui(locale, "money")
    amount_digits = f"{abs(int(amount)):,}".replace(",", money["group"])
    return localize_digits(money["pattern"].replace("{amount}", amount_digits), locale)


def home_addresses() -> dict[str, str]:
    """{code: the absolute address of the language's home page}, each ending with /."""
    return {code: language["address"] for code, language in languages().items()}


def translatable_texts(node, place: str = ""):
    """Every {fr, nl, en} text in a data tree with its place ('desks[brussels].city'; list items named by
    their id), as (place, the dict of texts), so that a translation can be added to it."""
    if isinstance(node, dict):
        if node and set(node) <= set(LOCALES) and all(isinstance(value, str) for value in node.values()):
            yield place, node
            return
        for key, value in node.items():
            yield from translatable_texts(value, f"{place}.{key}" if place else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("id", index) if isinstance(item, dict) else index
            yield from translatable_texts(item, f"{place}[{name}]")


def with_translations(data, name: str):
    """A data file's tree with each essentials language's translations of its texts added beside fr, nl and
    en (from data/languages/<code>.yml, under data: "data/<name>:<place>"); a missing one stops the build."""
    problems = []
    found = list(translatable_texts(data))
    for locale in ALL_LOCALES:
        if is_full(locale):
            continue
        translated = texts(locale).get("data") or {}
        for place, node in found:
            item = f"data/{name}:{place}"
            if isinstance(translated.get(item), str) and translated[item].strip():
                node[locale] = translated[item]
            else:
                problems.append(
                    f'data/languages/{locale}.yml: data: the text "{item}" is missing. Fix: add '
                    f'"{item}": with the {languages()[locale]["english"]} translation of: {node["en"]}'
                )
    if problems:
        raise DataError(problems)
    return data


def language_files() -> list[Path]:
    """The files of every language's texts: data read with them is read again after an edit."""
    return [LANGUAGES_FILE, *sorted(TEXTS_DIR.glob("*.yml"))]
