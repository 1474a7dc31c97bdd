"""What a page says of its translation, under its title: that the French page changed since (with a link to it),
and, in an essentials language nobody has reviewed yet, that it is not checked, in the language and in English.
The state of each translation comes from checks/translations.py."""

from __future__ import annotations

import re

from markupsafe import escape

from hooks.checks.translations import SOURCE, language_reviewed
from hooks.core.locale import is_full, ui
from hooks.core.pages import language_root, page_in, relative, url_of

# An unreviewed language's pages say so in one line, linking to the page of languages, which says it whole.
LANGUAGES_PAGE = "languages.md"
UNREVIEWED_ANCHOR = "unreviewed"


def notices_for(locale: str, state: str | None, source: str, here: str, report: dict) -> list[str]:
    """The notices of one page: `state` is its translation's ("stale", ...), `report` the whole site's."""
    found = []
    if state == "stale":
        french = relative(here, "/" + url_of(source))
        found.append(
            f'<p class="layout-stale">{escape(ui(locale, "layout")["stale_translation"])} '
            f'<a href="{french}" hreflang="{SOURCE}" lang="{SOURCE}">Français</a></p>'
        )
    if not is_full(locale) and not language_reviewed(locale, report):
        strings = ui(locale, "layout")
        if source == LANGUAGES_PAGE:
            # What the one-line notice of the other pages links to: the whole sentence, and in English.
            found.append(
                f'<p class="layout-unreviewed" id="{UNREVIEWED_ANCHOR}">{escape(strings["unreviewed"])} '
                f'<span lang="en" dir="ltr">{escape(ui("en", "layout")["unreviewed"])}</span></p>'
            )
        else:
            link = relative(here, language_root(locale) + url_of(page_in(locale, LANGUAGES_PAGE) or LANGUAGES_PAGE))
            found.append(
                f'<p class="layout-unreviewed">{escape(strings["unreviewed_short"])} '
                f'<a href="{link}#{UNREVIEWED_ANCHOR}">{escape(strings["unreviewed_more"])}</a></p>'
            )
    return found


def with_notices(markdown: str, locale: str, source: str, here: str, report: dict) -> str:
    """The page's Markdown with its notices under its title (a translated page only)."""
    if locale == SOURCE:
        return markdown
    notices = notices_for(locale, report.get(f"docs/{source}", {}).get(locale), source, here, report)
    if not notices:
        return markdown
    title = re.search(r"^# .*$", markdown, re.M)
    at = title.end() + 1 if title else 0
    return markdown[:at] + "\n" + "\n\n".join(notices) + "\n\n" + markdown[at:]
