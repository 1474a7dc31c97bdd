"""The language choice: the bar at the top of every page keeps the page's language and the full ones, and a
page lists every language by its own name (<!-- languages -->), each link with its lang and hreflang.

Which pages each language has comes from data/languages.yml: a full language has every page, an essentials
language the pages under `essentials`; a link from an essentials page to a page its language lacks goes to
the page in the language under `more`, and says so."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from hooks.core.data import DataError
from hooks.core.formats import formats
from hooks.core.locale import LOCALES, is_full, language_name, languages, ui
from hooks.core.pages import language_root, page_in, relative, url_of

MARKER = "<!-- languages -->"
TEMPLATE = "components/languages.html"
CHOOSER = "languages.md"


def bar_languages(locale: str) -> list[str]:
    """The bar shows the full languages, or the essentials language and the full one its links go to; the
    page listing every language is one link away (a phone's width holds no more)."""
    return list(LOCALES) if is_full(locale) else [locale, languages()[locale]["more"]]


def chooser_context(locale: str, here: str) -> dict:
    """Every language by its own name and by its name in the page's language, in two groups: those with every
    page, and those with the essential pages."""
    strings = ui(locale, "languages")
    groups = []
    for scope in ("full", "essentials"):
        entries = [
            {
                "code": code,
                "name": language["name"],
                "dir": language["dir"],
                "home": relative(here, language_root(code)),
                "here_name": language_name(code, locale),
                "current": code == locale,
            }
            for code, language in languages().items()
            if language["scope"] == scope and language["state"] != "draft"  # a draft is not linked
        ]
        title = strings[scope]
        groups.append({"title": title[:1].upper() + title[1:], "languages": entries})
    return {"groups": groups}


LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[a-z0-9/_-]+\.md)(?P<anchor>#[\w-]+)?\)(?P<attrs>\{[^}\n]*\})?"
)


def link_missing_pages(markdown: str, locale: str, page_url: str) -> str:
    """In an essentials language, a link to a page the language lacks goes to that page in the `more`
    language, with the language's name after it, so the reader knows before following it."""
    if is_full(locale):
        return markdown
    more = languages()[locale]["more"]

    def replace(match):
        target = match["target"]
        if page_in(locale, target) is not None:
            return match[0]
        href = relative("/" + page_url, language_root(more) + url_of(target)) + (match["anchor"] or "")
        written = formats(locale)
        other = Markup('<span class="languages-other">{}</span>').format(written.brackets(language_name(more, locale)))
        return written.then(Markup(f'<a href="{escape(href)}" hreflang="{more}">{match["text"]}</a>'), other)

    return LINK.sub(replace, markdown)


# --- MkDocs events --------------------------------------------------------------------------------


def theme_words_missing(theme_dirs: list[str], locale: str) -> str | None:
    """The theme's own words (skip to content, table of contents) come from partials/languages/<code>.html:
    Material's, or ours in overrides/ for a language Material lacks. Without one the build cannot draw a page."""
    if any((Path(folder) / "partials" / "languages" / f"{locale}.html").exists() for folder in theme_dirs):
        return None
    return (
        f"overrides/partials/languages/{locale}.html: file missing: Material for MkDocs has no words for "
        f"{languages()[locale]['english']} ({locale}). Fix: copy overrides/partials/languages/ps.html to it and "
        f'translate its words, with "direction": "{languages()[locale]["dir"]}".'
    )


def check_theme_words(theme_dirs: list[str], locale: str) -> None:
    problem = theme_words_missing(theme_dirs, locale)
    if problem:
        raise DataError([problem])


def draw_chooser(html: str, env, locale: str, here: str) -> str:
    """The page listing every language (<!-- languages -->)."""
    if MARKER not in html:
        return html
    return html.replace(MARKER, env.get_template(TEMPLATE).render(**chooser_context(locale, here)))


def bar_context(locale: str, here: str, source: str) -> dict:
    """What main.html's language bar draws on the page at `here`, whose full languages' file is `source`."""
    bar = []
    for code in bar_languages(locale):
        own = page_in(code, source)
        target = language_root(code) + (url_of(own) if own else "")
        bar.append(
            {"code": code, "name": languages()[code]["name"], "href": relative(here, target), "current": code == locale}
        )
    return {
        "languages_bar": bar,
        "languages_all": relative(here, language_root(locale) + url_of(CHOOSER)),
        "languages_dir": languages()[locale]["dir"],
    }
