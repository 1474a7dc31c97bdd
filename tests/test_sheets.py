"""Two languages on one sheet (issue 30): the leaflet as PDFs made by the build, the estimate and the essentials
pages printed by sheets.js; each in the person's language and French, Dutch or English, one column each."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

import jinja2
import pytest
from pypdf import PdfReader

from conftest import ADDRESSES, ESSENTIAL_LOCALES, LANGUAGES, LOCALES, ROOT, page_url
from hooks.components import sheets
from hooks.components.notices import language_in
from hooks.core.formats import formats
from hooks.core.locale import format_money, state, ui
from hooks.core.pages import address as page_address
from hooks.engine.theme import autoescaped
from test_leaflet import BIDI_MARKS, DESKS, RIGHT_TO_LEFT, printed_as_alone, read_alone, visual_lines
from test_printing import decoded_qr

ENTRIES = {language["code"]: language for language in LANGUAGES["languages"]}
# A letter of each script the site writes (data/languages.yml, script): "both scripts present".
SCRIPTS = {
    "Arab": "[\u0600-\u06ff]",
    "Cyrl": "[\u0400-\u04ff]",
    "Ethi": "[\u1200-\u137f]",
    "Hans": "[\u4e00-\u9fff]",
    "Latn": "[A-Za-z]",
}
NUMBER = "0800 32 745"
A4 = (595.0, 842.0)  # points
# Each essentials language with French; a sample with Dutch and English (every script, both directions).
SAMPLE = [(person, "fr") for person in ESSENTIAL_LOCALES] + [
    ("ar", "nl"),
    ("ti", "nl"),
    ("zh", "nl"),
    ("fa", "en"),
    ("ru", "en"),
    ("ff", "en"),
]
# What a page of a full language prints with: the other full languages.
FULL_SAMPLE = [("fr", "nl"), ("nl", "fr"), ("en", "nl")]
PAGES = {"essentials": "", "contact": "contact/", "languages": "languages/"}
ESTIMATE = "#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=no"
# Every case of "I don't know yet" side by side: the longest estimate.
LONGEST = "#destination=unknown&adults=2&children=3&vulnerable=yes&previous_support=no"


def has_script(text: str, code: str) -> bool:
    return bool(re.search(SCRIPTS[ENTRIES[code]["script"]], text))


# --- Unit: which sheets, their files, what a sheet copies ---------------------------------------------------


def test_every_essentials_language_has_a_leaflet_sheet_with_french_dutch_and_english_named_for_the_worker():
    pairs = sheets.pairs()
    assert sorted(pairs) == sorted((person, second) for person in ESSENTIAL_LOCALES for second in LOCALES)
    paths = [sheets.pdf_address(*pair) for pair in pairs]
    assert len(set(paths)) == len(paths)
    assert sheets.pdf_address("ar", "fr") == "/leaflet/retour-volontaire-ar-fr.pdf"
    assert sheets.pdf_address("ti", "nl") == "/nl/leaflet/vrijwillige-terugkeer-ti-nl.pdf"
    assert sheets.seconds("fr") == ["nl", "en"] and sheets.seconds("ps") == ["fr", "nl", "en"]


def test_the_essentials_pages_with_a_control_are_the_ones_without_a_sheet_of_their_own():
    assert sheets.paired_pages() == {"essentials.md", "contact.md", "languages.md"}


def test_a_page_copied_for_a_sheet_keeps_its_text_and_nothing_that_points_runs_or_ends_it():
    page = (
        '<html><body><article class="md-content__inner md-typeset"><h1 id="title">Guichets</h1>'
        '<p data-desks-open data-open-text="x">Appelez le <a href="../contact/">numéro</a> ou '
        '<a href="https://www.openstreetmap.org/">la carte</a>.</p>'
        '<form class="desks-finder" data-desks-finder><h2 id="finder">Trouver</h2><label for="code">Code</label>'
        '<input id="code"></form><h3 class="desk">Anvers</h3><h3 class="desk">Gand</h3>'
        '<p><a lang="nl" hreflang="nl" dir="ltr" href="../nl/">Nederlands</a></p>'
        '<p title="for free">Ask for information for free: call for it.</p>'
        '<script type="application/json">{"a": 1}</script>'
        '<section class="glossary-words" aria-labelledby="glossary-words-title"><h2>Les mots</h2></section>'
        '<div class="sheets sheets--control" data-module="sheets">Imprimer</div>'
        '<div class="printing">Numéro gratuit</div></article></body></html>'
    )
    copy = sheets.article_copy(page)
    assert "Guichets" in copy and "Appelez le <a>numéro</a>" in copy
    assert 'href="https://www.openstreetmap.org/"' in copy
    for gone in ("id=", "data-", "<form", "<script", "Les mots", "Imprimer", "Numéro gratuit", "../contact/"):
        assert gone not in copy, gone
    # Without the finder's <h2>, the desks are one level under the title, as siblings; a link within the site
    # keeps its language but nothing that only an address may carry (valid HTML: tests/test_html.py).
    assert '<h2 class="desk">Anvers</h2><h2 class="desk">Gand</h2>' in copy
    assert '<a lang="nl" dir="ltr">Nederlands</a>' in copy
    # The attributes go from the tags, never a word from the text ("for" is one in English, as "id" in Albanian).
    assert '<p title="for free">Ask for information for free: call for it.</p>' in copy


def test_the_estimators_words_for_a_sheet_are_those_of_the_page_in_that_language():
    from hooks.components.estimator import current_rules, rules_context

    for locale in LOCALES:
        texts = sheets.estimate_texts(locale)
        page = rules_context(current_rules(), locale)["script_data"]
        assert texts["strings"] == page["strings"] and texts["money"] == page["money"]
        assert texts["lang"] == locale and texts["dir"] == "ltr"
        assert texts["names"]["GE"] and len(texts["names"]) > 150
        assert texts["lines"]["number"] == NUMBER


def leaflet_document(person: str, second: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=autoescaped)
    page = "<html><head><title>Leaflet</title><link rel='stylesheet' href='../../assets/site.css'></head></html>"
    return sheets.Leaflets().document(env, page, person, second)


@pytest.mark.parametrize(("person", "second"), [("ar", "fr"), ("ti", "nl"), ("zh", "en")])
def test_a_leaflet_sheet_has_a_column_per_language_each_in_its_own_lang_and_dir(person, second):
    document = leaflet_document(person, second)
    direction = ENTRIES[person]["dir"]
    assert re.search(rf'<html lang="{person}" dir="{direction}">', document)
    assert "<link rel='stylesheet' href='../../assets/site.css'>" in document, "the page's styles, beside it"
    assert '<link rel="stylesheet" href="../../assets/stylesheets/sheets-document.css"></head>' in document
    parts = re.findall(r'<section class="sheets-part" lang="(\w+)" dir="(\w+)">(.*?)</section>', document, re.S)
    assert [(lang, dir_) for lang, dir_, _ in parts] == [(person, direction), (second, "ltr")]
    own, other = (html.unescape(re.sub(r"<[^>]+>", "", part)) for _, _, part in parts)
    assert ui(person, "leaflet")["title"] in own and ui(second, "leaflet")["title"] in other
    assert own.count(NUMBER) == 1 and other.count(NUMBER) == 1
    assert parts[0][2].count("<svg") == 1 and "<svg" not in parts[1][2], "one QR code, in the person's column"
    if state(person) != "reviewed":
        assert ui(person, "layout")["unreviewed"] in own
        assert ui(second, "sheets")["unreviewed_other"].format(language=language_in(person, second)) in other
    assert ui(second, "sheets")["qr_other"].format(language=language_in(person, second)) in other
    assert ADDRESSES[person] in other.replace("\u200b", "")


# --- Site: the 42 leaflet sheets as the build printed them --------------------------------------------------


def words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """Every word of a PDF's first page with its box (xMin, yMin, xMax, yMax), as pdftotext lays it out."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True)
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xhtml.stdout
    )
    return [(float(a), float(b), float(c), float(d), html.unescape(text)) for a, b, c, d, text in found]


def column_text(pdf: Path, side: str, page: int = 1, bottom: float = A4[1]) -> str:
    """The text of one half of a page, left or right of its middle and above `bottom` (points), in the reading
    order pdftotext finds, without its direction marks."""
    half = A4[0] / 2
    x = 0 if side == "left" else half
    found = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-x", str(int(x)), "-y", "0", "-W", str(int(half)),
         "-H", str(int(bottom)), pdf, "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return found.stdout.translate(BIDI_MARKS)


def sides(person: str) -> tuple[str, str]:
    """(the person's side, the worker's side): the person's column where their reading starts."""
    return ("right", "left") if ENTRIES[person]["dir"] == "rtl" else ("left", "right")


# pdftotext writes the lam-alef ligature (لأ) of Arabic-script text as its letters the other way round (ألـ), and
# a vowel mark (the tanwin of أيضًا) after the next letter: texts are compared without those letters and marks, and
# without spaces.
LIGATURE = dict.fromkeys([*map(ord, "\u0644\u0627\u0623\u0625\u0622"), *range(0x064B, 0x0660), 0x0670])


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(LIGATURE)


def reads_the_number(text: str) -> bool:
    flat = re.sub(r"[ \t]+", " ", text)
    return NUMBER in flat and "745 32 0800" not in flat


@pytest.mark.parametrize(("person", "second"), sheets.pairs())
def test_every_leaflet_sheet_is_one_a4_page_in_two_columns_that_read_their_own_language(site, person, second):
    """Both scripts, each title in its column, the free number in reading order in each, the review notice where
    the person's language is not reviewed, and no word of one column reaching into the other."""
    pdf = sheets.pdf_path(site, person, second)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4"
    own_side, other_side = sides(person)
    own, other = column_text(pdf, own_side), column_text(pdf, other_side)
    assert has_script(own, person) and has_script(other, second)
    if ENTRIES[person]["script"] != "Latn":
        assert not has_script(other, person), "the worker's column is in the worker's language alone"
    for text, code in ((own, person), (other, second)):
        assert reads_the_number(text), f"{code}: the free number is not read as dialled:\n{text}"
        assert flat(ui(code, "leaflet")["title"]) in flat(text), code
    if state(person) != "reviewed":  # in the language and in English (notices.py); its English read whole
        assert flat(ui("en", "layout")["unreviewed"]) in flat(own)
        assert flat(ui(second, "sheets")["unreviewed_other"].format(language=language_in(person, second))) in flat(
            other
        )
    middle = A4[0] / 2
    found = words(pdf)
    assert not [word for word in found if word[0] < middle < word[2]], "a word crosses the middle"
    left = max(word[2] for word in found if word[2] <= middle)
    right = min(word[0] for word in found if word[0] >= middle)
    assert right - left > 10, f"the columns' text is {right - left:.1f} pt apart"


def qr_of_pdf(pdf: Path) -> str:
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page"
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, image], check=True)
        found = subprocess.run(["zbarimg", "-q", "--raw", f"{image}.png"], capture_output=True, text=True)
    return found.stdout.strip()


@pytest.mark.parametrize(("person", "second"), SAMPLE)
def test_the_qr_code_of_a_leaflet_sheet_opens_the_site_in_the_persons_language(site, person, second):
    assert qr_of_pdf(sheets.pdf_path(site, person, second)) == ADDRESSES[person]


@pytest.mark.parametrize("person", RIGHT_TO_LEFT)
def test_a_right_to_left_column_prints_each_time_range_and_amount_as_it_reads_alone(browser, site, person):
    """The person's column of an Arabic, Farsi or Pashto sheet keeps every range and amount in the order its reader
    reads it alone (tests/test_leaflet.py's words, laid out as printed)."""
    slots = DESKS["toll_free"]["hours"]["value"]
    values = [formats(person).time_range(slot["from"], slot["to"]) for slot in slots]
    values += [format_money(amount, person) for amount in (350, 175, 50, 25)]
    printed = visual_lines(sheets.pdf_path(site, person, "fr"))
    for value, alone in zip(values, read_alone(browser, person, values), strict=True):
        assert printed_as_alone(alone, printed), f"{value!r} is printed {alone} alone, not so on the sheet"


def test_the_leaflet_pages_and_the_professionals_page_offer_each_sheet_that_is_built(site):
    for locale in ("fr", "ar", "ti"):
        folder = site if locale == "fr" else site / locale
        for page, wanted in (("leaflet", None), ("professionals", "fr")):
            if page == "professionals" and locale != wanted:
                continue
            built = (folder / page / "index.html").read_text(encoding="utf-8")
            links = re.findall(
                r'<a href="([^"]+)" download type="application/pdf" data-sheets-pdf="(\w+)-(\w+)"', built
            )
            pairs = sorted((person, second) for _, person, second in links)
            assert pairs == sorted(pair for pair in sheets.pairs() if locale in pair), (locale, page)
            for href, person, second in links:
                target = (folder / page / href).resolve()
                assert target == sheets.pdf_path(site, person, second).resolve() and target.is_file()


@pytest.mark.parametrize("locale", [*LOCALES, *ESSENTIAL_LOCALES])
def test_the_printed_leaflet_gives_the_address_of_its_sheets(site, locale):
    from test_leaflet import pdf_of, reading_order

    pdf = pdf_of(site, locale) if locale in LOCALES else next((site / locale / "leaflet").glob("*.pdf"))
    assert len(PdfReader(pdf).pages) == 1
    lines = reading_order(pdf)
    address = page_address(ADDRESSES, locale, "leaflet/")
    assert any(address in line for line in lines), "\n".join(lines)
    # Its colon, between the text and the address, is read after the address in a right-to-left line.
    assert flat(ui(locale, "sheets")["printed_leaflet"].rstrip(":：፦ ")) in flat("".join(lines))


# --- Browser: an essentials page and an estimate printed in two languages by sheets.js ----------------------


OVERLAP = """() => {
    const boxes = [...document.querySelectorAll('[data-sheets-sheet] > .sheets-part')].map(part => {
        const found = [];
        const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            if (!walker.currentNode.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            for (const r of range.getClientRects()) if (r.width && r.height) found.push([r.left, r.top, r.right, r.bottom]);
        }
        return found;
    });
    let crossing = 0;
    for (const a of boxes[0]) for (const b of boxes[1]) {
        if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) crossing += 1;
    }
    return {counts: boxes.map(found => found.length), crossing: crossing,
            lefts: boxes.map(found => Math.min(...found.map(r => r[0])))};
}"""


def columns_of(tab) -> list[dict]:
    """Each column of the sheet: its lang, dir and text."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('[data-sheets-sheet] > .sheets-part')].map(part => ({
            lang: part.getAttribute('lang'), dir: part.getAttribute('dir'), text: part.innerText}))"""
    )


def check_sheet(
    asked: tuple[Path, list[dict], dict], person: str, second: str, most_pages: int, names_languages: bool = False
) -> list[dict]:
    """What every sheet holds true: its pages, each column in its language, lang and dir with its script, the
    person's column on their side, no text of one column over the other, the free number as dialled in each
    column that has it, and a QR code that reads back as the page's address."""
    pdf, columns, layout = asked
    pages = len(PdfReader(pdf).pages)
    assert 1 <= pages <= most_pages, f"{pages} pages"
    assert [(c["lang"], c["dir"]) for c in columns] == [(person, ENTRIES[person]["dir"]), (second, "ltr")]
    assert has_script(columns[0]["text"], person) and has_script(columns[1]["text"], second)
    if ENTRIES[person]["script"] != "Latn" and not names_languages:
        assert not has_script(columns[1]["text"], person), "the worker's column is in the worker's language alone"
    assert min(layout["counts"]) > 5 and layout["crossing"] == 0, layout
    left_first = layout["lefts"][0] < layout["lefts"][1]
    assert left_first == (ENTRIES[person]["dir"] == "ltr"), "the person's column is where their reading starts"
    footer = footer_top(pdf, pages)
    own_side, other_side = sides(person)
    for column, side in ((columns[0], own_side), (columns[1], other_side)):
        if NUMBER in column["text"]:
            text = "".join(
                column_text(pdf, side, page, footer if page == pages else A4[1]) for page in range(1, pages + 1)
            )
            assert reads_the_number(text), f"{column['lang']}: the free number is not read as dialled:\n{text}"
    return columns


def ask(tab, second: str, tmp_path: Path) -> tuple[Path, list[dict], dict]:
    """Ask for the sheet with a second language, as a person clicks its button (the print dialog left out), and
    print the page to a PDF: (the PDF, the sheet's columns, their layout on the A4 page) read as it is printed,
    since printing ends with the sheet taken away (afterprint)."""
    tab.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1 }; }")
    tab.locator(f'[data-sheets-language="{second}"]').click()
    tab.locator("[data-sheets-sheet][data-sheets-ready]").wait_for(state="attached")
    assert tab.evaluate("window.__printed") == 1
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": 703, "height": 1000})  # the A4 page's width inside its margins
    columns, layout = columns_of(tab), tab.evaluate(OVERLAP)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    return pdf, columns, layout


def footer_top(pdf: Path, page: int) -> float:
    """Where the printed footer starts on the last page: the line of its free number, the last one printed."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True, text=True
    ).stdout
    tops = [float(y) for y in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>0800</word>', xhtml)]
    return max(tops) - 2 if tops else A4[1]


# Every pair on one of the three pages, in turn; the Arabic-French one on each of them.
PAGE_SHEETS = [
    (person, second, sorted(PAGES)[index % len(PAGES)]) for index, (person, second) in enumerate(SAMPLE + FULL_SAMPLE)
]
PAGE_SHEETS += [("ar", "fr", kind) for kind in sorted(PAGES) if ("ar", "fr", kind) not in PAGE_SHEETS]


@pytest.mark.parametrize(("person", "second", "kind"), PAGE_SHEETS)
def test_an_essentials_page_prints_in_two_languages_on_one_or_two_pages(page, person, second, kind, tmp_path):
    if kind == "essentials" and person in LOCALES:
        path = page_url(person, "essentials/")
    else:
        path = page_url(person, PAGES[kind])
    tab = page.open(path)
    before = [url for url in page.requests if "/assets/sheets/" in url]
    assert not before, "nothing of the second language on a first visit"
    sheet = ask(tab, second, tmp_path)
    asked = [url for url in page.requests if "/assets/sheets/" in url]
    stem = "essentials" if kind == "essentials" else kind
    assert [url.split("/assets/sheets/")[1] for url in asked] == [f"{stem}.{second}.html"]
    # The page of languages names each language in itself, in the worker's column too.
    check_sheet(sheet, person, second, most_pages=2, names_languages=kind == "languages")
    address = page_address(ADDRESSES, person, path.split("/", 2)[2] if person != "fr" else path.lstrip("/"))
    assert decoded_qr(tab) == address
    assert page.foreign_requests() == []


ESTIMATES = SAMPLE + [("fr", "nl"), ("en", "fr")]


@pytest.mark.parametrize(("person", "second"), ESTIMATES)
def test_an_estimate_prints_in_two_languages_on_one_page_computed_once_each_in_its_own_words_and_digits(
    page, person, second, tmp_path
):
    tab = page.open(page_url(person, "estimator/") + ESTIMATE)
    tab.locator('[data-estimator-state="result"]').wait_for()
    tab.wait_for_function("window.qrcode")
    assert not [url for url in page.requests if "/assets/sheets/" in url], "no byte more on a first visit"
    sheet = ask(tab, second, tmp_path)
    asked = [url.split("/assets/sheets/")[1] for url in page.requests if "/assets/sheets/" in url]
    assert asked == [f"estimator.{second}.json"]
    columns = check_sheet(sheet, person, second, most_pages=1)
    # The same result in both: the premium for 2 adults and a child to Georgia, in each language's money and digits.
    for column, code in zip(columns, (person, second), strict=True):
        assert format_money(125, code) in column["text"], (code, column["text"])
        assert ui(code, "estimator")["answers_title"] in column["text"]
        # A date that ends with a stop ends its sentence: Russian's "7 декабря 2026 г." printed "г..".
        assert not re.search(r"[^.]\.\.(?!\.)", column["text"]), column["text"][:120]
    digits = "".join(sorted(set(re.findall(r"\d", columns[1]["text"]))))
    assert digits and set(digits) <= set("0123456789"), "the worker's column in its own digits"
    assert decoded_qr(tab) == page_address(ADDRESSES, person, "estimator/") + ESTIMATE


@pytest.mark.parametrize(("person", "second"), [("ti", "nl"), ("ru", "fr"), ("fr", "en")])
def test_the_longest_estimate_in_two_languages_keeps_to_one_page(page, person, second, tmp_path):
    tab = page.open(page_url(person, "estimator/") + LONGEST)
    tab.locator('[data-estimator-state="result"]').wait_for()
    tab.wait_for_function("window.qrcode")
    check_sheet(ask(tab, second, tmp_path), person, second, most_pages=1)


def test_the_sheet_goes_once_printed_and_the_page_prints_alone_again(page, tmp_path):
    tab = page.open("/ar/contact/")
    ask(tab, "fr", tmp_path)
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert tab.locator("[data-sheets-sheet]").count() == 0
    assert not tab.evaluate("document.documentElement.classList.contains('sheets-printing')")


def test_a_second_language_that_cannot_load_says_so_and_prints_nothing(page):
    tab = page.open("/ps/contact/")
    tab.route("**/assets/sheets/**", lambda route: route.abort())
    tab.evaluate("() => { window.print = () => { window.__printed = true }; }")
    tab.locator('[data-sheets-language="en"]').click()
    failed = tab.locator("[data-sheets-failed]")
    failed.wait_for(state="visible")
    assert failed.inner_text() == ui("ps", "sheets")["failed"]
    assert not tab.evaluate("window.__printed === true")
    assert tab.locator("[data-sheets-sheet]").count() == 0


def test_without_a_result_the_estimate_offers_no_sheet_and_without_javascript_no_control(page, page_without_js):
    tab = page.open("/ar/estimator/")
    assert not tab.locator(".sheets--control").is_visible()
    tab = page_without_js.open("/ar/contact/")
    assert not tab.locator(".sheets--control").is_visible()
    assert tab.locator(".sheets--control").count() == 1


def test_a_click_while_the_language_loads_prints_once_and_a_print_that_fails_leaves_nothing_behind(page):
    tab = page.open("/ar/contact/")
    held = []  # the second language's answer, held until both clicks are made
    tab.route("**/assets/sheets/**", lambda route: held.append(route))
    tab.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 }; }")
    control, button = tab.locator('[data-module="sheets"]'), tab.locator('[data-sheets-language="fr"]')
    button.click()
    while not held:
        tab.wait_for_timeout(20)
    button.click()
    assert control.get_attribute("aria-busy") == "true"
    held[0].continue_()
    tab.locator("[data-sheets-sheet][data-sheets-ready]").wait_for(state="attached")
    assert tab.evaluate("window.__printed") == 1 and len(held) == 1
    assert control.get_attribute("aria-busy") is None
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # A browser whose print fails: the message, and no sheet left for the page's own print to find.
    tab.evaluate("() => { window.print = () => { throw new Error('no printer'); }; }")
    button.click()
    tab.locator("[data-sheets-failed]").wait_for(state="visible")
    assert tab.locator("[data-sheets-sheet]").count() == 0
    assert not tab.evaluate("document.documentElement.classList.contains('sheets-printing')")
