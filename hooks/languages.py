"""The language choice: the bar at the top of every page keeps the page's language and the full ones, and a
page lists every language by its own name (<!-- languages -->), each link with its lang and hreflang.

Which pages each language has comes from data/languages.yml: a full language has every page, an essentials
language the pages under `essentials`; a link from an essentials page to a page its language lacks goes to
the page in the language under `more`, and says so."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from language import (
    DEFAULT,
    LOCALES,
    current_locale,
    essential_pages,
    is_full,
    language_name,
    languages,
    template_env,
    ui,
)
from validation import DataError

MARKER = "<!-- languages -->"
TEMPLATE = "partials/languages.html"
CHOOSER = "languages.md"


def language_root(locale: str) -> str:
    """The path of a language's home page from the site's root: '/', '/nl/', '/ps/'."""
    return "/" if locale == DEFAULT else f"/{locale}/"


def page_in(locale: str, page: str) -> str | None:
    """The file of `page` (a full language's file name) in `locale`, or None if the language lacks it:
    'essentials.md' is an essentials language's index.md."""
    if is_full(locale):
        return page
    for own, source in essential_pages().items():
        if source == page:
            return own
    return None


def source_page(locale: str, page: str) -> str:
    """The reverse: the full languages' file name of a page of `locale` (its index.md -> essentials.md)."""
    return page if is_full(locale) else essential_pages().get(page, page)


def url_of(file: str) -> str:
    """'estimator.md' -> 'estimator/', 'index.md' -> '', 'stories/index.md' -> 'stories/'."""
    path = file.removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("index") else path + "/"
    return path


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
            if language["scope"] == scope
        ]
        title = strings[scope]
        groups.append({"title": title[:1].upper() + title[1:], "languages": entries})
    return {"groups": groups}


def relative(here: str, target: str) -> str:
    """A link from the page at `here` (a path from the root, '/ps/languages/') to `target` ('/nl/')."""
    depth = len([part for part in here.strip("/").split("/") if part])
    return "../" * depth + target.lstrip("/") if depth else target.lstrip("/") or "./"


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
        name = language_name(more, locale)
        return (
            f'<a href="{escape(href)}" hreflang="{more}">{match["text"]}</a> '
            f'<span class="languages-other">({escape(name)})</span>'
        )

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


def on_config(config):
    locale = current_locale(config)
    problem = theme_words_missing(config.theme.dirs, locale)
    if problem:
        raise DataError([problem])
    # Material reads the writing direction from the theme setting before its own language files.
    config.theme["direction"] = languages()[locale]["dir"]
    return config


def on_page_markdown(markdown, page, config, files):
    return link_missing_pages(markdown, current_locale(config), page.url)


def on_page_content(html, page, config, files):
    if MARKER not in html:
        return html
    locale = current_locale(config)
    template = template_env(config).get_template(TEMPLATE)
    return html.replace(MARKER, template.render(**chooser_context(locale, "/" + page.url)))


def on_page_context(context, page, config, nav):
    locale = current_locale(config)
    here = "/" + page.url
    source = source_page(locale, page.file.src_uri.split("/", 1)[1])
    bar = []
    for code in bar_languages(locale):
        own = page_in(code, source)
        target = language_root(code) + (url_of(own) if own else "")
        bar.append(
            {"code": code, "name": languages()[code]["name"], "href": relative(here, target), "current": code == locale}
        )
    context["languages_bar"] = bar
    context["languages_all"] = relative(here, language_root(locale) + url_of(CHOOSER))
    context["languages_dir"] = languages()[locale]["dir"]
    return context
