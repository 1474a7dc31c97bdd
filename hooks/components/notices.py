"""What a page says of its translation, and what it shows when the French text of a part changed since.

The state of each translated item, per language, comes from checks/translations.py (the report). A page draws
several items: its own text, the texts of each block a marker draws (<!-- desks -->: the desks' and the free
number's interface texts and data/desks.yml), and those of the frame around every page (the band, the menu, the
footer). When an item's French text changed after a language's translation was confirmed, the page in that
language never presents the old text as current (EDITORS.md, "When the French text changes", says the rule):

- in an essentials language, a part holding an item that carries a fact (the page's text, a block of the desks,
  the estimator or the leaflet, the free number's words in the frame) is shown in the current text of the
  language's `more` language (French when that one is not current either), marked with its lang, under one
  line in the page's language saying that this part changed and is being translated; a part whose changed
  items are wording only (the list of languages, the menu) keeps its text, with a notice beside it;
- in Dutch and English, which the team translates with the French change, the page says under its title that
  it changed in French, with a link to the French page.

A published essentials language also says, on every page, its error pages and its leaflet, that no native
speaker has reviewed it yet (data/languages.yml, state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from markupsafe import Markup, escape

from hooks.checks.translations import SOURCE, carries_fact, current_language, group_of, not_current
from hooks.core.data import read_text
from hooks.core.formats import in_language
from hooks.core.locale import is_full, languages, state, ui
from hooks.core.pages import language_root, page_in, relative, url_of
from hooks.core.paths import ROOT

# The texts each block draws, by the component that draws it (its marker: <!-- desks -->, <!-- leaflet -->, ...).
BLOCKS = {
    "desks": ("ui:desks", "ui:days", "ui:toll_free", "data:desks.yml"),
    "estimator": ("ui:estimator", "ui:toll_free"),
    "leaflet": ("ui:leaflet", "ui:estimator", "ui:desks", "ui:days", "ui:toll_free", "data:desks.yml"),
    "languages": ("ui:languages",),
    "search": ("ui:search",),
    "glossary": ("ui:glossary", "data:glossary.yml"),
    "stories": ("ui:stories", "data:stories.yml"),
    "sheets": ("ui:sheets",),
}
# The texts of the frame around every page: the band, the menu, the search, the footer, the printed footer, the
# control that prints an essentials page in two languages (components/sheets.py).
FRAME = ("ui:layout", "ui:search", "ui:printing", "ui:site", "ui:toll_free", "ui:days", "ui:sheets")
# The free number's words that the frame writes as text (never in an attribute): shown in another language
# with their lang when changed.
FRAME_FACTS = ("hours_intro", "from_belgium")
STALE = "layout-stale"
# An unreviewed language's pages say so in one line, linking to the page of languages, which says it whole.
LANGUAGES_PAGE = "languages.md"
UNREVIEWED_ANCHOR = "unreviewed"


@dataclass
class Plan:
    """What one page of one language shows of its translation."""

    locale: str
    text: str | None = None  # the language the page's own text is shown in, when not its own
    blocks: dict = field(default_factory=dict)  # component -> the language its blocks are drawn in
    beside: set = field(default_factory=set)  # components whose blocks get a notice beside them
    changed: bool = False  # some texts of the page (frame, a part inside a sentence) changed in French

    def draws_in(self, component: str) -> str:
        return self.blocks.get(component) or self.text or self.locale


def _name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def _markers(module, markdown: str) -> list[re.Match]:
    marker = module.MARKER
    pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
    return list(pattern.finditer(markdown))


def plan(locale: str, source: str, markdown: str, report: dict, components=()) -> Plan:
    """The plan of a page (`source`: its full languages' file; `components`: the modules whose markers it may
    hold)."""
    found = Plan(locale)
    if locale == SOURCE:
        return found
    present = [module for module in components if _name(module) in BLOCKS and _markers(module, markdown)]
    groups = [f"docs/{source}", *FRAME, *(group for module in present for group in BLOCKS[_name(module)])]
    if is_full(locale):
        found.changed = bool(not_current(report, locale, groups))
        return found
    if not_current(report, locale, [f"docs/{source}"]):
        found.text = current_language(locale, [f"docs/{source}"], report)
    for module in present:
        name = _name(module)
        stale = not_current(report, locale, BLOCKS[name])
        if stale and any(carries_fact(item) for item in stale) and not found.text:
            found.blocks[name] = current_language(locale, BLOCKS[name], report)
            found.changed |= any(_inline(markdown, match) for match in _markers(module, markdown))
        elif stale and not found.text:
            found.beside.add(name)
    found.changed |= bool(not_current(report, locale, FRAME))
    return found


def _inline(text: str, match: re.Match) -> bool:
    """Whether a marker stands inside a sentence rather than alone on its line."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return bool(text[start : match.start()].strip() or text[match.end() : None if end < 0 else end].strip())


def language_in(code: str, locale: str) -> str:
    """A language's name as the page's language writes it in a sentence (CLDR): anglais, Engels, الإنجليزية."""
    return Locale.parse(locale).languages.get(code) or languages()[code]["english"]


def _dir(code: str) -> str:
    return languages()[code]["dir"]


def changed_part(locale: str, shown_in: str) -> str:
    text = ui(locale, "layout")["changed_part"].format(language=language_in(shown_in, locale))
    return f'<p class="{STALE}">{escape(text)}</p>'


def changed_texts(locale: str) -> str:
    return f'<p class="{STALE}">{escape(ui(locale, "layout")["changed_texts"])}</p>'


def unreviewed(locale: str, source: str | None = None, here: str | None = None) -> str | None:
    """The "not reviewed" line of a published essentials language. On a page (`here`), one short line linking to
    the page of languages, which says it whole, in the language and in English (a quarter of a phone's first
    screen was this notice); said whole where there is no page to link from (the error pages, the leaflet)."""
    if is_full(locale) or state(locale) == "reviewed":
        return None
    strings = ui(locale, "layout")
    if here is None or source == LANGUAGES_PAGE:
        anchor = f' id="{UNREVIEWED_ANCHOR}"' if source == LANGUAGES_PAGE else ""
        return (
            f'<p class="layout-unreviewed"{anchor}>{escape(strings["unreviewed"])} '
            f'<span lang="en" dir="ltr">{escape(ui("en", "layout")["unreviewed"])}</span></p>'
        )
    link = relative(here, language_root(locale) + url_of(page_in(locale, LANGUAGES_PAGE) or LANGUAGES_PAGE))
    return (
        f'<p class="layout-unreviewed">{escape(strings["unreviewed_short"])} '
        f'<a href="{link}#{UNREVIEWED_ANCHOR}">{escape(strings["unreviewed_more"])}</a></p>'
    )


def notices_for(page: Plan, source: str, here: str) -> list[str]:
    """The lines under the page's title."""
    locale, found = page.locale, []
    if is_full(locale) and page.changed:
        french = relative(here, "/" + url_of(source))
        found.append(
            f'<p class="{STALE}">{escape(ui(locale, "layout")["stale_translation"])} '
            f'<a href="{french}" hreflang="{SOURCE}" lang="{SOURCE}">Français</a></p>'
        )
    elif page.text:
        found.append(changed_part(locale, page.text))
    if not is_full(locale) and page.changed:
        found.append(changed_texts(locale))
    if unreviewed(locale, source, here):
        found.append(unreviewed(locale, source, here))
    return found


def body(text: str) -> str:
    """A page's Markdown without its front matter."""
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        return text[text.index("\n---\n", 3) + 5 :]
    return text


TITLE = re.compile(r"^# .*$", re.M)


def current_text(page: Plan, source: str, docs_dir: Path = ROOT / "docs") -> str:
    """The page's text in the language whose text is current, inside an element that says its language; its
    own title stays above it, in the page's language."""
    own = page_in(page.text, source)
    text = body(read_text(Path(docs_dir) / page.text / own))
    title = TITLE.search(text)
    text = text[title.end() :] if title else text
    return f'<div lang="{page.text}" dir="{_dir(page.text)}" markdown="1">\n\n{text.strip()}\n\n</div>\n'


def with_notices(markdown: str, page: Plan, source: str, here: str, docs_dir: Path = ROOT / "docs") -> str:
    """The page's Markdown with its notices under its title, and its text from the current language when its
    own is not current."""
    if page.locale == SOURCE:
        return markdown
    notices = notices_for(page, source, here)
    title = TITLE.search(markdown)
    at = title.end() + 1 if title else 0
    rest = current_text(page, source, docs_dir) if page.text else markdown[at:]
    if not notices and not page.text:
        return markdown
    return markdown[:at] + "\n" + "\n\n".join(notices) + "\n\n" + rest


def mark_blocks(html: str, page: Plan, components) -> str:
    """Before the components draw: each marker of a block shown in another language inside an element with that
    language (a line's notice before a block alone on its line), and a notice before a block whose wording
    changed."""
    for module in components:
        name = _name(module)
        shown = page.blocks.get(name)
        if not (shown or name in page.beside) or not _markers(module, html):
            continue

        def wrap(match, shown=shown, text=html):
            inline = _inline(text, match)
            if not shown:
                return match.group(0) if inline else changed_texts(page.locale) + "\n" + match.group(0)
            if inline:
                return str(in_language(Markup(match.group(0)), shown))
            return (
                f'{changed_part(page.locale, shown)}\n<div lang="{shown}" dir="{_dir(shown)}" class="notices-current">'
                f"{match.group(0)}</div>"
            )

        pattern = module.MARKER if isinstance(module.MARKER, re.Pattern) else re.compile(re.escape(module.MARKER))
        html = pattern.sub(wrap, html)
    return html


def frame_toll_free(context: dict, locale: str, report: dict) -> dict:
    """The free number as the frame writes it (band, footer, printed footer): in an essentials language, its
    words that changed in French since their translation are those of the current language, with their lang."""
    from hooks.components.desks import desks_data, toll_free_context

    if is_full(locale):
        return context
    stale = not_current(report, locale, ("ui:toll_free", "ui:days"))
    if not stale:
        return context
    shown = current_language(locale, ("ui:toll_free", "ui:days"), report)
    other = toll_free_context(desks_data(), shown)
    days = any(group_of(item) == "ui:days" for item in stale)

    def mark(text: str):
        return in_language(text, shown) if text else text

    words = dict(context["ui"])
    for key in FRAME_FACTS:
        if f"data/ui.yml:toll_free.{key}" in stale or (key == "hours_intro" and days):
            words[key] = mark(other["ui"][key])
    hours = context["hours"]
    if days or "data/ui.yml:toll_free.hours_line" in stale:
        hours = [mark(line) for line in other["hours"]]
    return dict(context, ui=words, hours=hours)


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def error_page(html: str, locale: str) -> str:
    """The 404 and error pages of a published essentials language say it is not reviewed, under their title."""
    notice = unreviewed(locale)
    if not notice or 'class="layout-unreviewed"' in html:
        return html
    return re.sub(r"(<h1\b[^>]*>.*?</h1>)", lambda found: found.group(1) + "\n" + notice, html, count=1, flags=re.S)


def leaflet(html: str, locale: str) -> str:
    """The leaflet, printed to PDF alone, says it too, under its introduction."""
    notice = unreviewed(locale)
    if not notice or 'class="leaflet-intro"' not in html:
        return html
    # In its own language's lang: the leaflet may be shown in another language (a part changed in French).
    own = f'class="layout-unreviewed leaflet-unreviewed" lang="{locale}" dir="{_dir(locale)}"'
    return re.sub(
        r'(<p class="leaflet-intro">.*?</p>)',
        lambda found: found.group(1) + notice.replace('class="layout-unreviewed"', own, 1),
        html,
        count=1,
        flags=re.S,
    )
