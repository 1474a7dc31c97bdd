"""Where each page lives on the web, said to browsers and search engines: the canonical address, the
addresses of the same page in the other languages (hreflang, with x-default), the sitemap and robots.txt. Each
address is checked (https, a domain of data/hosting.yml, a lowercase path) and escaped before it is written.

Each full language has its own domain and every domain serves the whole built site; a language's home page
address is in data/languages.yml. A draft language is in none of them, and its pages say noindex. An essentials language has fewer pages: a page lists as alternates only
the languages that have it (an essentials language's home page is the full languages' essentials page).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from hooks.core.cache import when_changed
from hooks.core.data import DataError, message
from hooks.core.locale import DEFAULT, home_addresses, published_locales, state
from hooks.core.pages import address, page_in, page_path, url_of
from hooks.publishing.hosting import DATA_FILE, load_hosting

# What an address written into a page's head, the sitemap or robots.txt may be: https, a host, and a path of
# small letters, digits and hyphens ending with / (pages are lowercase slugs: checks/content.py).
PUBLISHABLE = re.compile(r"https://[a-z0-9.-]+(?:/[a-z0-9-]+)*/(?:sitemap\.xml)?")


@when_changed(lambda: [DATA_FILE])
def own_hosts() -> frozenset[str]:
    """The site's domains (data/hosting.yml): the only hosts an address of the site may name."""
    return frozenset(load_hosting()["domains"].values())


def published(found: str, file: str) -> str:
    """An address as it is written into a page, the sitemap or robots.txt: checked (a space, an é, a quote or
    another host stops the build, naming the page), then escaped for a URL."""
    if not PUBLISHABLE.fullmatch(found) or urlsplit(found).hostname not in own_hosts():
        raise DataError(
            [
                message(
                    file,
                    None,
                    "address",
                    f"{found!r} is not an address of the site (https://, a domain of data/hosting.yml, small "
                    "letters, digits and hyphens)",
                    "name the page's file in small letters, digits and hyphens, and check the language's address "
                    "in data/languages.yml",
                )
            ]
        )
    return quote(found, safe=":/")


# A draft language's pages (data/languages.yml, state: draft) are for preview: never indexed.
NOINDEX = '<meta name="robots" content="noindex">'


def alternates(addresses: dict, source: str, locales=None) -> list[tuple[str, str]]:
    """(hreflang, address) for every published language that has the page (`source`: its file name in the full
    languages), and x-default (the default language) last; a draft language is in none."""
    found = [
        (locale, published(address(addresses, locale, url_of(own)), f"docs/{locale}/{own}"))
        for locale in (published_locales() if locales is None else locales)
        if (own := page_in(locale, source)) is not None
    ]
    return found + [("x-default", published(address(addresses, DEFAULT, url_of(source)), f"docs/{DEFAULT}/{source}"))]


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


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def page_context(locale: str, url: str, source: str) -> dict:
    """The canonical address and the alternates of a page (url: MkDocs' page.url; source: its full languages'
    file), for main.html's head."""
    addresses = home_addresses()
    return {
        "page_address": published(
            address(addresses, locale, page_path(url)), f"docs/{locale}/{page_in(locale, source)}"
        ),
        "page_alternates": alternates(addresses, source),
    }


def robots(addresses: dict) -> str:
    """robots.txt: every page may be read, and where the sitemap is (the same file on every domain)."""
    return (
        f"User-agent: *\nAllow: /\n\nSitemap: {published(addresses[DEFAULT] + 'sitemap.xml', 'data/languages.yml')}\n"
    )


def noindex_draft(html: str, locale: str) -> str:
    """A draft language's page, built for preview, asks search engines not to index it."""
    if state(locale) != "draft" or NOINDEX in html:
        return html
    return html.replace("<head>", "<head>\n" + NOINDEX, 1)


def write_sitemap(site: Path, sources: list[str]) -> None:
    """sitemap.xml (and .gz) of every page, once every language is built; sources: the default language's pages.
    And robots.txt, which names the sitemap."""
    text = sitemap(home_addresses(), sorted(sources))
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(robots(home_addresses()), encoding="utf-8")
