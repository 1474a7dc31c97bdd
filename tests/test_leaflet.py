"""The one-page leaflet per language, on screen, on paper and as the PDF made at build time."""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ADDRESSES, ALL_LOCALES, CHROMIUM, LOCALES, ROOT, page_url
from hooks.core.formats import formats
from hooks.core.locale import format_money, ui
from hooks.publishing.chromium import ARGS, Chromium, ChromiumError
from hooks.publishing.pdfs import print_pdf_cached

CITIES = {
    "fr": ["Bruxelles", "Anvers", "Gand", "Liège", "Charleroi"],
    "nl": ["Brussel", "Antwerpen", "Gent", "Luik", "Charleroi"],
    "en": ["Brussels", "Antwerp", "Ghent", "Liège", "Charleroi"],
}
# The premium of the rules in force for visa-required countries (data/estimator.yml).
AMOUNTS = {"fr": "350\u00a0€ par adulte", "nl": "€\u00a0350 per volwassene", "en": "€350 per adult"}
DESKS = yaml.safe_load((ROOT / "data" / "desks.yml").read_text(encoding="utf-8"))


def pdf_of(site, locale):
    folder = site if locale == "fr" else site / locale
    return folder / "leaflet" / f"{ui(locale, 'leaflet')['pdf_name']}.pdf"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_leaflet_pdf_is_one_page_of_real_text_in_its_language(site, locale):
    reader = PdfReader(pdf_of(site, locale))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    flat = re.sub(r"\s+", " ", text)
    assert ui(locale, "leaflet")["title"] in flat
    assert "0800 32 745" in text
    for city in CITIES[locale]:
        assert city in text
    assert AMOUNTS[locale].replace("\u00a0", " ") in flat.replace("\u00a0", " ")
    others = [ui(other, "leaflet")["title"] for other in LOCALES if other != locale]
    assert not any(title in flat for title in others)
    assert reader.metadata.title and ui(locale, "leaflet")["title"] not in ("",)
    assert reader.trailer["/Root"]["/Lang"] == locale


# The marks pdftotext puts around a run of another direction (embedding, override, pop): not text.
BIDI_MARKS = dict.fromkeys(range(0x202A, 0x202F))


def reading_order(pdf) -> list[str]:
    """The lines of a PDF as pdftotext reads them, in their reading order, without its direction marks."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return [line.translate(BIDI_MARKS).strip() for line in text.splitlines()]


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_leaflet_pdf_reads_the_free_number_and_the_address_in_their_order(site, locale):
    """A right-to-left page reverses a number's groups unless it is isolated: the Arabic, Farsi and Pashto
    leaflets printed "745 32 0800", and every leaflet cut its address as "voluntaryr" / "eturn.be"."""
    lines = reading_order(
        pdf_of(site, locale) if locale in LOCALES else next((site / locale / "leaflet").glob("*.pdf"))
    )
    text = "\n".join(lines)
    assert "0800 32 745" in text and "745 32 0800" not in text, text
    assert any(ADDRESSES[locale] in line for line in lines), f"{ADDRESSES[locale]} is not whole on one line:\n{text}"


RIGHT_TO_LEFT = ["ar", "fa", "ps"]
WORD = re.compile(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>')


def visual_lines(pdf) -> list[list[str]]:
    """Each line of a PDF as the words a reader sees on it, from left to right (pdftotext's boxes): what is
    printed, before any guess at a reading order (pdftotext -layout reorders the digits of a right-to-left line
    its own way)."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    lines = []
    for line in re.findall(r"<line\b.*?</line>", xhtml, re.S):
        words = sorted((float(x), html.unescape(text)) for x, text in WORD.findall(line))
        lines.append([text for _, text in words])
    return lines


def read_alone(browser, locale: str, values: list[str]) -> list[list[str]]:
    """Each value printed alone on a line of a page of the language, as its words are laid out: the order its
    reader reads it in, as CLDR writes it for that language (a range starts on the right in Arabic and Pashto;
    in Farsi, "۹:۰۰ تا ۱۲:۳۰" whose تا says "to"; an amount as its pattern's marks say)."""
    tab = browser.new_page()
    lines = "".join(f"<p>{html.escape(value)}</p>" for value in values)
    tab.set_content(f'<!doctype html><html lang="{locale}" dir="rtl"><body>{lines}</body></html>')
    with tempfile.TemporaryDirectory() as folder:
        alone = Path(folder) / "alone.pdf"
        alone.write_bytes(tab.pdf(format="A4"))
        tab.close()
        return visual_lines(alone)


def printed_as_alone(words: list[str], lines: list[list[str]]) -> bool:
    """Whether a value's words stand on one line of a printed page in the order they stand alone: the first
    and the last may touch a neighbour (a full stop, the و "and" of a list), the others are the same words."""
    count = len(words)
    for line in lines:
        for at in range(len(line) - count + 1):
            here = line[at : at + count]
            if count == 1:
                if words[0] in here[0]:
                    return True
            elif here[0].endswith(words[0]) and here[-1].startswith(words[-1]) and here[1:-1] == words[1:-1]:
                return True
    return False


def leaflet_amounts(site, locale: str) -> list[str]:
    """The amounts the leaflet's table shows (data/estimator.yml's amounts, as the language writes them)."""
    page = (site / locale / "leaflet" / "index.html").read_text(encoding="utf-8")
    data = (ROOT / "data" / "estimator.yml").read_text(encoding="utf-8")
    amounts = sorted({int(amount) for amount in re.findall(r"(?:per_adult|per_child|per_file|up_to): (\d+)", data)})
    return [format_money(amount, locale) for amount in amounts if format_money(amount, locale) in page]


@pytest.mark.parametrize("locale", RIGHT_TO_LEFT)
def test_the_right_to_left_leaflets_print_each_time_range_and_amount_as_it_reads_alone(browser, site, locale):
    """A value inside a right-to-left paragraph keeps the order its reader reads it in alone, whole on one
    line: the Arabic leaflet broke "09:00–" / "12:30" over two lines, and a neighbour (a Latin comma, a bracket,
    a Latin word) can pull a number's parts apart, as it did the free number's."""
    slots = DESKS["toll_free"]["hours"]["value"]
    values = [formats(locale).time_range(slot["from"], slot["to"]) for slot in slots] + leaflet_amounts(site, locale)
    assert len(values) >= 4, values
    printed = visual_lines(next((site / locale / "leaflet").glob("*.pdf")))
    for value, words in zip(values, read_alone(browser, locale, values), strict=True):
        assert printed_as_alone(words, printed), f"{value!r} is printed {words} alone, not so in the leaflet"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_leaflet_is_linked_from_the_professionals_section_and_offers_its_pdf(page, locale):
    tab = page.open(page_url(locale, "professionals/"))
    tab.locator('a[href$="leaflet/"]').first.click()
    tab.wait_for_load_state("load")
    download = tab.locator(".leaflet-download a")
    assert download.get_attribute("href") == pdf_of_name(locale)
    response = tab.request.get(tab.url + pdf_of_name(locale))
    assert response.ok and response.body().startswith(b"%PDF")


def pdf_of_name(locale):
    return f"{ui(locale, 'leaflet')['pdf_name']}.pdf"


@pytest.mark.parametrize("locale", LOCALES)
def test_printing_the_leaflet_page_gives_the_leaflet_alone_on_one_page(page, locale):
    tab = page.open(page_url(locale, "leaflet/"))
    tab.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert ui(locale, "leaflet")["download"] not in text
    assert tab.locator(".leaflet-qr svg").is_visible()


# --- The PDFs kept between builds (.cache/pdf/) -------------------------------------------------------------


def test_a_pdf_is_printed_again_only_when_what_chromium_reads_has_changed(tmp_path):
    """A build copies the PDF an earlier build printed from the same page, styles and Chromium; a changed
    style (or page) prints it again, so a kept PDF is never an old leaflet."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "leaflet").mkdir(parents=True)
    (site / "styles.css").write_text("h1 { color: black }", encoding="utf-8")
    page = site / "leaflet" / "index.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>Leaflet</title><link rel="stylesheet" href="../styles.css">'
        "</head><body><h1>Voluntary return</h1></body></html>",
        encoding="utf-8",
    )
    pdf = site / "leaflet" / "leaflet.pdf"

    with Chromium(CHROMIUM) as browser:
        assert print_pdf_cached(page, pdf, browser, cache) is True, "the first build prints"
        first = pdf.read_bytes()
        assert "Voluntary return" in PdfReader(pdf).pages[0].extract_text()
        pdf.unlink()
        assert print_pdf_cached(page, pdf, browser, cache) is False, "the same page again: copied, not printed"
        assert pdf.read_bytes() == first

        (site / "styles.css").write_text("h1 { color: black; font-size: 3em }", encoding="utf-8")
        assert print_pdf_cached(page, pdf, browser, cache) is True, "a changed style sheet prints again"
        page.write_text(page.read_text(encoding="utf-8").replace("Voluntary return", "Return"), encoding="utf-8")
        assert print_pdf_cached(page, pdf, browser, cache) is True, "a changed page prints again"
        assert "Voluntary" not in PdfReader(pdf).pages[0].extract_text()


def test_one_browser_prints_as_chromium_print_to_pdf_does(site, tmp_path):
    """The leaflet's PDF from one Chromium driven through its pipe is the PDF `chromium --print-to-pdf` makes:
    the same page drawn (compared as images), the page's own A4 size, one page; a page that cannot be loaded
    stops with a message, not a hang."""
    page = site / "ps" / "leaflet" / "index.html"
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    with Chromium(CHROMIUM) as browser:
        ours.write_bytes(browser.pdf(page))
        with pytest.raises(ChromiumError):
            browser.pdf(tmp_path / "missing" / "index.html")
    subprocess.run(
        [
            CHROMIUM,
            *ARGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={theirs}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    images = []
    for pdf in (ours, theirs):
        assert len(PdfReader(pdf).pages) == 1
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", pdf, pdf.with_suffix("")], check=True)
        images.append(pdf.with_suffix(".png").read_bytes())
    assert images[0] == images[1], "the pipe's PDF is drawn otherwise than --print-to-pdf's"
