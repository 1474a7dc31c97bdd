"""Where each page lives on the web, said to browsers and search engines: the canonical address, the
addresses of the same page in the other languages (hreflang, with x-default) and the sitemap.

Each language has its own domain (extra.addresses in mkdocs.yml); every domain serves the whole built site,
so a page's path is the same everywhere: /journey/, /nl/journey/, /en/journey/.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.plugins import event_priority

from language import LOCALES, all_languages_built, current_locale

DEFAULT = LOCALES[0]


def page_path(url: str) -> str:
    """A page's path inside its language: 'nl/journey/' -> 'journey/', 'journey/' -> 'journey/', 'nl/' -> ''."""
    first, _, rest = url.partition("/")
    return rest if first in LOCALES[1:] else url


def address(addresses: dict, locale: str, path: str) -> str:
    """The absolute address of a page in a language, on that language's domain."""
    return addresses[locale].rstrip("/") + "/" + ("" if locale == DEFAULT else f"{locale}/") + path


def alternates(addresses: dict, path: str) -> list[tuple[str, str]]:
    """(hreflang, address) for every language, and x-default (the default language) last."""
    return [(locale, address(addresses, locale, path)) for locale in LOCALES] + [
        ("x-default", address(addresses, DEFAULT, path))
    ]


def sitemap(addresses: dict, paths: list[str]) -> str:
    """Every page once per language, each with all its alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in sorted(paths):
        links = alternates(addresses, path)
        for locale in LOCALES:
            lines.append(f"  <url>\n    <loc>{escape(address(addresses, locale, path))}</loc>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>' for lang, href in links
            ]
            lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


class _State:
    paths: dict = {}


def on_pre_build(config):
    if all_languages_built(config):  # the outer build starts: forget the last one
        _State.paths = {}


def on_page_context(context, page, config, nav):
    addresses = config.extra["addresses"]
    path = page_path(page.url)
    context["page_address"] = address(addresses, current_locale(config), path)
    context["page_alternates"] = alternates(addresses, path)
    _State.paths.setdefault(current_locale(config), set()).add(path)
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written its sitemap
def on_post_build(config):
    if not all_languages_built(config):
        return
    everywhere = set.intersection(*(_State.paths.get(locale, set()) for locale in LOCALES))
    text = sitemap(config.extra["addresses"], sorted(everywhere))
    site = Path(config.site_dir)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
