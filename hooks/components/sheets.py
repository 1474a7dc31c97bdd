"""Two languages on one sheet, for the first-line social worker and the person they help (issue 30).

A worker in Belgium reads French or Dutch (sometimes English); the person in front of them reads one of the
essentials languages. A sheet puts the same text in both: the person's language and French, Dutch or English,
one column each, each column in its own lang and dir, the person's column on the side their reading starts from
(on the right for Arabic, Farsi and Pashto).

- **The leaflet**: one A4 page per essentials language and French, Dutch or English (42 PDFs), printed at build
  time like the one-language leaflets (publishing/pdfs.py) from a document drawn here (components/sheets.html),
  and kept in .cache/pdf/. The leaflet pages and the professionals page offer them (<!-- sheets -->), and the
  printed one-language leaflet gives the address where they are.
- **The estimate** and **an essentials page** (the essentials home, contact, languages): a control at the end of
  the estimate or the page asks for the second language; sheets.js then fetches that language's texts from
  assets/sheets/ (written here by the build: never loaded on a first visit), and prints both columns on the page.

Why side by side, and not face and back of the sheet: it prints right on any printer, without a duplex setting
(a single-sided office printer turns face and back into two sheets), and the worker and the person read the
same part at the same height, so that one can point to a line, the free number, an amount, and the other reads
it in their language. What it costs: half a page's width per language, so the leaflet's sheet keeps the amounts
of its cash rows and leaves the case-by-case ones to the note
(maintainers/decisions/0033-two-languages-side-by-side.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup

from hooks.components.estimator import current_rules, rules_context
from hooks.components.leaflet import PAGE as LEAFLET_PAGE
from hooks.components.leaflet import leaflet_context
from hooks.components.notices import language_in, unreviewed
from hooks.core.formats import formats, in_language
from hooks.core.html import ATTRIBUTE_TEXT
from hooks.core.locale import LOCALES, essential_pages, home_addresses, is_full, languages, published_locales, ui
from hooks.core.pages import address, language_root, relative

TEMPLATE = "components/sheets.html"
# Where the leaflet (its template), the estimator (its template) and the professionals page (its Markdown) offer
# the sheets.
MARKER = "<!-- sheets -->"
# The texts of the full languages that a sheet loads when asked: a page's article, the estimator's words.
FOLDER = "assets/sheets"
# The essentials pages whose print a page offers in two languages (their full languages' file names); the
# estimator and the leaflet have their own sheets.
OWN_SHEETS = ("estimator.md", "leaflet.md")
# The leaflet sheets' own styles, linked by the document that is printed and by no page (no visitor loads them).
DOCUMENT_STYLES = "assets/stylesheets/sheets-document.css"


def seconds(locale: str) -> list[str]:
    """The languages a sheet pairs a page of `locale` with: French, Dutch and English, but its own."""
    return [code for code in LOCALES if code != locale and code in published_locales()]


def people() -> list[str]:
    """The essentials languages on the site: one leaflet sheet each with French, Dutch and English."""
    return [code for code in published_locales() if not is_full(code)]


def pairs(built: list[str] | None = None) -> list[tuple[str, str]]:
    """(person's language, second language) of every leaflet sheet, of the languages built."""
    return [
        (person, second)
        for person in people()
        for second in seconds(person)
        if built is None or (person in built and second in built)
    ]


def pdf_name(person: str, second: str) -> str:
    """The file a worker downloads, named in their language: retour-volontaire-ar-fr.pdf."""
    return f"{ui(second, 'leaflet')['pdf_name']}-{person}-{second}.pdf"


def pdf_address(person: str, second: str) -> str:
    """Beside the second language's own leaflet, where a worker finds the sheets of their language together:
    '/leaflet/retour-volontaire-ar-fr.pdf', '/nl/leaflet/vrijwillige-terugkeer-ar-nl.pdf'."""
    return f"{language_root(second)}{LEAFLET_PAGE}/{pdf_name(person, second)}"


def pdf_path(site_dir: Path, person: str, second: str) -> Path:
    return Path(site_dir) / pdf_address(person, second).lstrip("/")


def offer_context(locale: str, here: str) -> dict:
    """The leaflet sheets a page of `locale` offers (a leaflet page; the professionals page): an essentials
    language's three, or a full language's fourteen with itself. here: the page's path from the site's root."""
    found = [pair for pair in pairs() if locale in pair]
    return {
        "mode": "offer",
        "ui": ui(locale, "sheets"),
        "pdfs": [
            {
                "href": relative(here, pdf_address(person, second)),
                "label": formats(locale).list(
                    [in_language(languages()[code]["name"], code) for code in (person, second)]
                ),
                "person": person,
                "second": second,
            }
            for person, second in found
        ],
        "printed": address(home_addresses(), locale, f"{LEAFLET_PAGE}/") if here.endswith(f"{LEAFLET_PAGE}/") else None,
        "formats": formats(locale),
    }


def control_context(locale: str, here: str, source: str, kind: str) -> dict:
    """The control that prints a page (kind "page") or the estimate (kind "estimate") in two languages: a button
    per second language, each with the address of that language's texts, relative to the page."""
    return {
        "mode": "control",
        "kind": kind,
        "ui": ui(locale, "sheets"),
        "languages": [
            {
                "code": code,
                "name": languages()[code]["name"],
                "dir": languages()[code]["dir"],
                "texts": relative(here, f"/{FOLDER}/" + texts_file(code, source if kind == "page" else None)),
            }
            for code in seconds(locale)
        ],
    }


def texts_file(code: str, source: str | None) -> str:
    """The file of a full language's texts for a sheet: a page's article (contact.fr.html), or the estimator's
    words (estimator.fr.json)."""
    return f"{Path(source).stem}.{code}.html" if source else f"estimator.{code}.json"


def paired_pages() -> set[str]:
    """The essentials pages whose print is offered in two languages by a control at their end."""
    return {source for source in essential_pages().values() if source not in OWN_SHEETS}


# --- The leaflet's sheet: one A4 page, one column per language ----------------------------------------------


def cash_rows(table: dict) -> list[dict]:
    """The rows of the leaflet's table that give an amount of money: the sheet's half width holds them; the rest
    is decided case by case (the note says so)."""
    cash = {item["id"] for item in current_rules()["items"] if item["kind"] == "cash"}
    return [row for row in table["rows"] if row["id"] in cash]


def leaflet_part(column: dict, locale: str, person: str) -> dict:
    """One column of a leaflet sheet: the leaflet's words and facts (column: leaflet_context in the language the
    column is written in, which is the person's leaflet page's while its words are being translated), with the
    notices about the person's language and the QR code to the person's language, in the person's column."""
    strings = ui(locale, "sheets")
    own = locale == person
    written = column["lang"]
    return dict(
        column,
        dir=languages()[written]["dir"],
        cash=cash_rows(column["table"]),
        notice=Markup(unreviewed(person) or "") if own else None,
        other_notice=(
            strings["unreviewed_other"].format(language=language_in(person, locale))
            if not own and unreviewed(person)
            else None
        ),
        qr=column["qr"] if own else None,
        qr_text=column["ui"]["qr_text"] if own else strings["qr_other"].format(language=language_in(person, locale)),
        person_home=address(home_addresses(), person, ""),
    )


def head_of(page: str, title: str, styles: str) -> Markup:
    """The <head> of a built page (its styles, its fonts' settings) with another title and the sheets' own
    styles after the page's, for a document printed beside it."""
    found = re.search(r"<head>.*?</head>", page, re.S)
    head = found.group(0) if found else "<head><meta charset='utf-8'></head>"
    head = re.sub(r"<title>.*?</title>", lambda _: str(Markup("<title>{}</title>").format(title)), head, count=1)
    link = Markup('<link rel="stylesheet" href="{}">').format(styles)
    return Markup(head.replace("</head>", f"{link}</head>"))


class Leaflets:
    """The leaflet sheets of one build: each language's column drawn once (the fourteen sheets with French share
    the French column's facts), each sheet when its person's leaflet page is written."""

    def __init__(self):
        self.columns: dict[str, dict] = {}

    def column(self, written: str) -> dict:
        if written not in self.columns:
            self.columns[written] = dict(leaflet_context(written, home_addresses()), lang=written)
        return self.columns[written]

    def document(self, env, page: str, person: str, second: str, shown: str | None = None) -> str:
        """The HTML of a leaflet sheet, printed beside the person's leaflet page (page: that page as written),
        so that its styles are the page's."""
        parts = [
            leaflet_part(self.column(shown or person), person, person),
            leaflet_part(self.column(second), second, person),
        ]
        title = " / ".join(ui(code, "leaflet")["title"] for code in (person, second))
        styles = relative(f"{language_root(person)}{LEAFLET_PAGE}/", "/" + DOCUMENT_STYLES)
        return env.get_template(TEMPLATE).render(
            mode="leaflet", head=head_of(page, title, styles), lang=person, dir=languages()[person]["dir"], parts=parts
        )

    def documents(self, env, page: str, locale: str, site_dir: Path, dest: Path, shown: str | None = None):
        """[(document, pdf)]: the leaflet sheets of an essentials language, when its leaflet page is written."""
        folder = Path(dest).parent
        if is_full(locale) or folder.name != LEAFLET_PAGE or folder.parent.name != locale:
            return []
        return [
            (self.document(env, page, locale, second, shown), pdf_path(site_dir, locale, second))
            for second in seconds(locale)
        ]


# --- What a sheet loads when asked: the full languages' texts (assets/sheets/) ---------------------------------

ARTICLE = '<article class="md-content__inner md-typeset">'
# What ends a page's own text in its article: the control that prints it in two languages, or the printed footer.
ENDS = ('<div class="sheets sheets--control"', '<div class="printing"')
# What a copy's tags lose: the page's ids and what points at them, and what its scripts read. Read in start tags
# only: in the text, " for " is a word.
START_TAG = re.compile(rf"<[a-zA-Z][\w:-]*{ATTRIBUTE_TEXT}*>")
STRIPPED = re.compile(r'\s(?:id|aria-labelledby|aria-describedby|aria-controls|for|data-[\w-]+)(?:="[^"]*")?(?=[\s>/])')
SCRIPT = re.compile(r"<(script|form)\b.*?</\1>", re.S)
# The words of the page explained at its end (components/glossary.py): a full language's, not a sheet's.
WORDS = re.compile(r'<section class="glossary-words".*?</section>', re.S)
# A link within the site: a column on paper leads nowhere, so it keeps its text and no address, nor what only an
# address may carry (hreflang, rel, type, download: HTML refuses them on an <a> without href).
LOCAL_LINK = re.compile(r'<a\b([^>]*?)\shref="(?!https?:|tel:|mailto:)[^"]*"([^>]*)>')
LINK_ONLY = re.compile(r'\s(?:hreflang|rel|type|download|target|ping|referrerpolicy)(?:="[^"]*")?(?=[\s>/])')
HEADING = re.compile(r"<(/?)h([1-6])\b")


def _unlinked(found: re.Match) -> str:
    return "<a" + LINK_ONLY.sub("", found.group(1) + found.group(2)) + ">"


def _headings_in_steps(text: str) -> str:
    """Headings that go down one level at a time: the copy leaves out what held a level (the desks' finder and its
    <h2>), and an <h3> after the <h1> would skip one. Each heading is one below the nearest heading before it of a
    higher level in the page, so that siblings stay siblings."""
    above: list[tuple[int, int]] = []  # (level in the page, level in the copy) of the headings it sits under
    last = [0]  # the copy's level of the heading last opened, for its closing tag

    def step(found: re.Match) -> str:
        closing, level = found.group(1), int(found.group(2))
        if closing:
            return f"</h{last[0] or level}"
        while above and above[-1][0] >= level:
            above.pop()
        last[0] = above[-1][1] + 1 if above else level
        above.append((level, last[0]))
        return f"<h{last[0]}"

    return HEADING.sub(step, text)


def article_copy(page: str) -> str | None:
    """A built page's text for a sheet: its article, without the printed footer and the sheets' control that
    end it, the words it explains (a sheet's column is half a page), its ids, scripts and links within the site."""
    start = page.find(ARTICLE)
    if start < 0:
        return None
    text = page[start + len(ARTICLE) :]
    ends = [text.index(end) for end in ENDS if end in text]
    text = text[: min(ends)] if ends else text[: text.rfind("</article>")]
    text = WORDS.sub("", SCRIPT.sub("", text))
    text = START_TAG.sub(lambda tag: STRIPPED.sub("", tag.group(0)), text)
    return _headings_in_steps(LOCAL_LINK.sub(_unlinked, text)).strip() + "\n"


def write_page_texts(page: str, locale: str, source: str, site_dir: Path) -> Path | None:
    """A full language's page whose print an essentials language pairs with it: its copy in assets/sheets/."""
    if not is_full(locale) or source not in paired_pages():
        return None
    copy = article_copy(page)
    if copy is None:
        return None
    target = Path(site_dir) / FOLDER / texts_file(locale, source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(copy, encoding="utf-8")
    return target


def estimate_texts(locale: str) -> dict:
    """A full language's words for an estimate printed beside another language's (sheets.js): what the estimator's
    script draws a result with (its texts, money, dates, the countries' names), and the result's other lines."""
    context = rules_context(current_rules(), locale)
    data, strings = context["script_data"], context["ui"]
    toll_free = context["toll_free"]
    return {
        "lang": locale,
        "dir": languages()[locale]["dir"],
        "strings": data["strings"],
        "money": data["money"],
        "printed": data["printed"],
        "date": data["date"],
        "text": data["text"],
        "names": {row["code"]: row["name"] for row in context["countries"]},
        # A name the language lacks is its more language's (Fula's, Lingala's; never a full language's today).
        "langs": {row["code"]: row["lang"] for row in context["countries"] if row["lang"]},
        "lines": {
            "title": strings["result_title"],
            "disclaimer": strings["disclaimer"],
            "date": strings["result_date"].format(date=context["date"]),
            "next": strings["next_steps"],
            "toll_free": toll_free["ui"]["label"],
            "number": toll_free["number"],
        },
    }


def write_estimate_texts(site_dir: Path) -> None:
    """The estimator's words of French, Dutch and English, one file each, once every language is built."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for locale in LOCALES:
        text = json.dumps(estimate_texts(locale), ensure_ascii=False, separators=(",", ":"))
        (folder / texts_file(locale, None)).write_text(text, encoding="utf-8")


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def draw(html: str, env, locale: str, here: str, source: str) -> str:
    """The sheets' offer where a page or a component holds the marker (the leaflet's PDFs; the estimate's
    control), and the control at the end of an essentials page. here: the page's path from the site's root;
    source: its full languages' file."""
    template = env.get_template(TEMPLATE)
    if MARKER in html:
        context = (
            control_context(locale, here, source, "estimate")
            if source == "estimator.md"
            else offer_context(locale, here)
        )
        html = html.replace(MARKER, template.render(**context))
    if source in paired_pages():
        html += template.render(**control_context(locale, here, source, "page"))
    return html
