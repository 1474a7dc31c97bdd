"""The site's three languages: which one is being built, its UI strings, and how it writes money and days."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, get_day_names

import cache
from validation import ROOT, DataError, load_yaml

LOCALES = ("fr", "nl", "en")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UI_FILE = ROOT / "data" / "ui.yml"


def current_locale(config) -> str:
    """The language being built now. mkdocs-static-i18n builds once per language and says which here."""
    plugin = config.plugins.get("i18n")
    locale = getattr(plugin, "current_language", None) if plugin else None
    return locale or config.theme.get("language", LOCALES[0])


def all_languages_built(config) -> bool:
    """True once mkdocs-static-i18n has built every language: in the outer build, after its inner ones."""
    plugin = config.plugins.get("i18n")
    return not (plugin and plugin.building)


def first_language_build(config) -> bool:
    """True in the build mkdocs-static-i18n runs first, which runs the other languages' builds from its end:
    a check that reads every language's files belongs there, once, not once per language."""
    plugin = config.plugins.get("i18n")
    return not (plugin and plugin.building)


_ENVIRONMENTS: dict = {}
# Our partials draw data as text: Jinja escapes every value, so that a '<' or a quote in a city or a UI
# string prints as itself and never becomes markup. What is markup already (an SVG made by a hook, JSON for a
# <script type="application/json"> block) is passed as markupsafe.Markup, or through |tojson.


def autoescaped(name: str | None) -> bool:
    return bool(name) and name.startswith("partials/")


def template_env(config):
    """The theme's Jinja environment for our partials (autoescaped), made once: Material builds a new one,
    and recompiles every template, on each get_env() call, which costs more than the page itself when a hook
    renders a fragment per page."""
    key = id(config.theme)
    if key not in _ENVIRONMENTS:
        env = config.theme.get_env().overlay(autoescape=autoescaped, bytecode_cache=cache.TEMPLATES)
        _ENVIRONMENTS[key] = (config.theme, env)  # the theme is kept so its id stays unique
    return _ENVIRONMENTS[key][1]


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
    if problems:
        raise DataError(problems)
    return document.data


@lru_cache(maxsize=None)
def _ui_cached(path: str, mtime: float) -> dict:
    return load_ui(Path(path))


def ui(locale: str, component: str) -> dict:
    """The strings of one component in one language: {key: text}. Re-read when the file changes."""
    strings = _ui_cached(str(UI_FILE), UI_FILE.stat().st_mtime)[component]
    return {key: texts[locale] for key, texts in strings.items()}


def format_money(amount: int, locale: str) -> str:
    """Whole euros as a Belgian reader of that language writes them: 1 500 €, € 1.500, €1,500.

    The same rule is in estimator.js (formatMoney); both read the pattern from data/ui.yml.
    """
    money = ui(locale, "money")
    digits = f"{abs(int(amount)):,}".replace(",", money["group"])
    return money["pattern"].replace("{amount}", digits)


@lru_cache(maxsize=4096)  # every printed page says when it changed: a few days, many pages
def long_date(day: datetime.date, locale: str) -> str:
    """A date as a reader of the language writes it in Belgium: 9 août 2017, 9 augustus 2017, 9 August 2017."""
    return format_date(day, format="long", locale=f"{locale}_BE")


def day_names(locale: str) -> dict:
    """{'mon': 'lundi', ...} in the language, from the CLDR data Babel ships."""
    names = get_day_names("wide", locale=f"{locale}_BE")
    return {day: names[index] for index, day in enumerate(DAYS)}


def describe_days(days: list[str], locale: str) -> str:
    """[mon, tue, wed, thu, fri] -> 'du lundi au vendredi'; [mon, wed] -> 'lundi, mercredi'."""
    names = day_names(locale)
    ordered = sorted(days, key=DAYS.index)
    indices = [DAYS.index(day) for day in ordered]
    if len(ordered) > 2 and indices == list(range(indices[0], indices[-1] + 1)):
        return ui(locale, "days")["range"].format(first=names[ordered[0]], last=names[ordered[-1]])
    return ", ".join(names[day] for day in ordered)
