"""Where each page lives on the web, said to browsers and search engines: the canonical address, the
addresses of the same page in the other languages (hreflang, with x-default) and the sitemap.

Each full language has its own domain and every domain serves the whole built site; a language's home page
address is in data/languages.yml. An essentials language has fewer pages: a page lists as alternates only
the languages that have it (an essentials language's home page is the full languages' essentials page).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.plugins import event_priority

from language import ALL_LOCALES, DEFAULT, all_languages_built, current_locale, home_addresses
from languages import page_in, source_page, url_of


def page_path(url: str) -> str:
    """A page's path inside its language: 'nl/journey/' -> 'journey/', 'journey/' -> 'journey/', 'nl/' -> ''."""
    first, _, rest = url.partition("/")
    return rest if first in ALL_LOCALES[1:] else url


def address(addresses: dict, locale: str, path: str) -> str:
    """The absolute address of a page in a language: the language's home address and the page's path."""
    return addresses[locale] + path


def alternates(addresses: dict, source: str, locales=ALL_LOCALES) -> list[tuple[str, str]]:
    """(hreflang, address) for every language that has the page (`source`: its file name in the full
    languages), and x-default (the default language) last."""
    found = [
        (locale, address(addresses, locale, url_of(page_in(locale, source))))
        for locale in locales
        if page_in(locale, source) is not None
    ]
    return found + [("x-default", address(addresses, DEFAULT, url_of(source)))]


def sitemap(addresses: dict, sources: list[str]) -> str:
    """Every page once per language that has it, each with all its alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for source in sorted(sources):
        links = alternates(addresses, source)
        for _locale, href in links[:-1]:
            lines.append(f"  <url>\n    <loc>{escape(href)}</loc>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(other)}"/>' for lang, other in links
            ]
            lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


class _State:
    sources: set = set()


def on_pre_build(config):
    if all_languages_built(config):  # the outer build starts: forget the last one
        _State.sources = set()


def on_page_context(context, page, config, nav):
    addresses = home_addresses()
    locale = current_locale(config)
    source = source_page(locale, page.file.src_uri.split("/", 1)[1])
    context["page_address"] = address(addresses, locale, page_path(page.url))
    context["page_alternates"] = alternates(addresses, source)
    if locale == DEFAULT:
        _State.sources.add(source)
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    if not all_languages_built(config):
        return
    text = sitemap(home_addresses(), sorted(_State.sources))
    site = Path(config.site_dir)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
