"""The site's pages by language: where a language's copy of a page is, and the address of each.

French, Dutch and English have every page under the same file name; an essentials language has a few, some
under its own name (its index.md is the full languages' essentials.md: data/languages.yml, essentials)."""

from __future__ import annotations

import posixpath

from hooks.core.locale import ALL_LOCALES, DEFAULT, essential_pages, is_full


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


def relative(here: str, target: str) -> str:
    """A link from the page at `here` (a path from the root, '/ps/languages/') to `target` ('/nl/')."""
    depth = len([part for part in here.strip("/").split("/") if part])
    return "../" * depth + target.lstrip("/") if depth else target.lstrip("/") or "./"


def page_path(url: str) -> str:
    """A page's path inside its language: 'nl/journey/' -> 'journey/', 'journey/' -> 'journey/', 'nl/' -> ''."""
    first, _, rest = url.partition("/")
    return rest if first in ALL_LOCALES[1:] else url


def address(addresses: dict, locale: str, path: str) -> str:
    """The absolute address of a page in a language: the language's home address and the page's path."""
    return addresses[locale] + path


def link(url: str, here: str) -> str:
    """A relative link from the page at MkDocs' address `here` ('nl/all-pages/') to `url` ('nl/journey/'):
    '../journey/', as MkDocs writes its own links."""
    if here != ".":
        folder, name = posixpath.split(here)
        here = folder if "." in name else here
    found = posixpath.relpath("/" + url, "/" + here)
    return found + "/" if url.endswith("/") else found
