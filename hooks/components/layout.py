"""What every page's frame shows besides the content: the strings of the language bar and the footer, and
small repairs to the theme's HTML that screen readers and validators would otherwise trip on."""

from markupsafe import escape

from hooks.core.formats import formats
from hooks.core.locale import ui
from hooks.core.pages import language_root

BANNER = '<aside class="md-banner">'
TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def name_banner(html: str, name: str) -> str:
    """The band of languages and the free number is Material's banner, an <aside> landmark without a name."""
    return html.replace(BANNER, BANNER[:-1] + f' aria-label="{escape(name)}">', 1)


def drop_missing_toc_label(html: str) -> str:
    """A page outside the navigation (a story) has no #__toc toggle, yet its table of contents' title is a
    label for it: a label pointing at nothing. It stays a title."""
    return html if 'id="__toc"' in html else html.replace(TOC_TITLE, '<label class="md-nav__title">')


def template_globals(locale: str) -> dict:
    """For every template, the 404 page's too (it has no page, but shows the bar); its links start from the
    language's root, since it answers at any depth; `formats`, the language's marks and isolates."""
    return {"layout_ui": ui(locale, "layout"), "locale_root": language_root(locale), "formats": formats(locale)}


def repair_page(html: str, locale: str) -> str:
    return drop_missing_toc_label(name_banner(html, ui(locale, "layout")["band"]))


def repair_not_found(html: str, locale: str) -> str:
    """The 404 and error pages are rendered from templates, not pages: their banner gets its name here."""
    return name_banner(html, ui(locale, "layout")["band"])
