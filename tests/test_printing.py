"""Every page on paper: A4, no navigation, and at the end the free number, the date, the address and a QR code."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
import segno
from pypdf import PdfReader

from conftest import ADDRESSES, ALL_LOCALES, LOCALES, page_url
from hooks.components.printing import QR_MASK
from hooks.core.formats import formats
from hooks.core.pages import address as page_address
from test_leaflet import DESKS, RIGHT_TO_LEFT, printed_as_alone, read_alone, reading_order, visual_lines

# Each kind of page, and the most A4 pages it may take.
KINDS = {
    "home": ("", 2),
    "programme page": ("journey/", 2),
    "estimator with a result": ("estimator/#destination=GE&adults=2&children=2&vulnerable=yes&previous_support=no", 1),
    "contact page": ("contact/", 1),
    "story": ("stories/albania-bakery/", 2),
}
# Navigation entries that none of these pages mentions in its own text.
NAV = {"fr": "Accessibilité", "nl": "Toegankelijkheid", "en": "Accessibility"}


def printed(tab) -> tuple[int, str]:
    tab.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def expected_qr(address: str) -> str:
    return segno.make(address, error="m", mask=QR_MASK).svg_inline(
        scale=1, border=2, omitsize=True, svgclass="printing-qr__code"
    )


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_language_prints_the_number_the_address_and_the_hours_in_their_reading_order(
    page, browser, locale, tmp_path
):
    """The print footer wrote the number and the address as plain text in a right-to-left paragraph: they
    printed as "745 32 0800" and "/https://www.voluntaryreturn.be/ar". Each time range of the free number's
    hours reads on paper as it reads alone in the language (tests/test_leaflet.py, read_alone), whole."""
    tab = page.open(page_url(locale, "contact/"))
    tab.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    lines = reading_order(pdf)
    text = "\n".join(lines)
    assert "0800 32 745" in text and "745 32 0800" not in text, text
    assert any(page_address(ADDRESSES, locale, "contact/") in line for line in lines), text
    if locale in RIGHT_TO_LEFT:
        slots = DESKS["toll_free"]["hours"]["value"]
        ranges = [formats(locale).time_range(slot["from"], slot["to"]) for slot in slots]
        printed = visual_lines(pdf)
        for value, words in zip(ranges, read_alone(browser, locale, ranges), strict=True):
            assert printed_as_alone(words, printed), f"{value!r} is printed {words} alone, not so on paper"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_page_prints_with_number_address_and_qr_code_and_without_navigation(page, locale, kind):
    path, most_pages = KINDS[kind]
    tab = page.open(page_url(locale, path))
    address = page_address(ADDRESSES, locale, path.split("#")[0])
    qr = tab.locator(".printing-qr svg")
    assert not qr.is_visible(), "the QR code is for paper only"
    # The QR code encodes this page's own address in this language (the estimator's: with the answers).
    drawn = tab.locator(".printing-qr path").get_attribute("d")
    assert drawn == re.search(r' d="([^"]+)"', expected_qr(address)).group(1)
    if "#" in path:
        address += "#" + path.split("#")[1]
    pages, text = printed(tab)
    flat = re.sub(r"\s+", "", text)
    assert 1 <= pages <= most_pages, f"{pages} pages"
    assert "080032745" in flat
    assert re.sub(r"\s+", "", address) in flat
    assert qr.is_visible()
    assert NAV[locale] not in text, "the navigation must not print"
    # The code, made with a fixed mask (hooks/components/printing.py), reads back as the page's address, as a phone reads it.
    assert decoded_qr(tab) == address


def test_the_estimator_prints_the_answers_the_items_the_total_the_date_and_the_disclaimer(page):
    tab = page.open("/en/estimator/#destination=GN&adults=1&children=0&vulnerable=no&previous_support=no")
    _, text = printed(tab)
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "Your answers",
        "Guinea",
        "Cash when you leave",
        "The return premium: €350",
        "rule of 1 January 2022",
        "Rules in force since 1 January 2022",
        "This is an estimate, not a decision.",
    ):
        assert expected in flat, expected
    assert "How many adults" in flat  # the answers repeat the questions
    assert "Print the result" not in flat


def test_external_links_show_their_address_on_paper(page):
    tab = page.open("/en/contact/")
    tab.emulate_media(media="print")
    after = tab.evaluate("getComputedStyle(document.querySelector('a.desks-desk__map'), '::after').content")
    assert "openstreetmap.org" in after


# --- The estimate on paper: one A4 page whose QR code reopens the same answers -----------------------------

ESTIMATES = [
    "#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=no",
    "#destination=GN&adults=1&children=0&vulnerable=no&previous_support=no",
    # The longest: every possible case side by side.
    "#destination=unknown&adults=2&children=3&vulnerable=yes&previous_support=no",
]


def decoded_qr(tab) -> str:
    """The text of the printed QR code, read from an image of it by zbar, as a phone's camera would."""
    import shutil
    import tempfile

    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: run `make test`, which installs Debian's zbar-tools")
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        tab.locator(".printing-qr").screenshot(path=image.name, scale="device")
        found = subprocess.run(["zbarimg", "-q", "--raw", image.name], capture_output=True, text=True)
    return found.stdout.strip()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("answers", ESTIMATES)
def test_the_estimate_prints_on_one_page_with_a_qr_code_that_reopens_the_answers(browser, server, locale, answers):
    context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=3)
    tab = context.new_page()
    tab.goto(server + page_url(locale, "estimator/") + answers)
    tab.locator('[data-estimator-state="result"]').wait_for()
    tab.wait_for_function("window.qrcode")  # loaded once there are answers
    pages, text = printed(tab)
    assert pages == 1, f"{pages} pages"
    flat = re.sub(r"\s+", "", text)
    expected = page_address(ADDRESSES, locale, "estimator/") + answers
    assert re.sub(r"\s+", "", expected) in flat, "the printed address holds the answers"
    assert "080032745" in flat
    assert tab.locator(".printing").get_attribute("data-printing-qr-text") == expected
    assert decoded_qr(tab) == expected
    # The answers, the result and the date of the rules are on the page; the form and its instructions not.
    for selector in (".estimator-answers", "[data-estimator-case]", ".estimator-result .estimator-date"):
        assert tab.locator(selector).first.is_visible(), selector
    for selector in ("[data-estimator-form]", "[data-estimator-print]", ".estimator-share", "#estimator-rules-title"):
        assert not tab.locator(selector).is_visible(), selector
    context.close()


def test_the_estimate_printed_after_a_change_holds_the_new_answers(page):
    tab = page.open("/en/estimator/" + ESTIMATES[0])
    tab.locator("#estimator-adults").fill("4")
    tab.wait_for_function("location.hash.includes('adults=4') && window.qrcode")
    printed(tab)
    assert "adults=4" in tab.locator(".printing").get_attribute("data-printing-qr-text")
    assert "adults=4" in decoded_qr(tab)


def test_without_answers_the_estimator_prints_the_rules_and_no_instructions_for_the_form(page):
    tab = page.open("/en/estimator/")
    _, text = printed(tab)
    assert "Rules in force since" in text
    assert "Choose the country" not in text, "no instruction about a form that is not printed"
    assert "How many adults" not in text


def test_the_qr_code_library_loads_only_on_the_estimator_once_there_are_answers(page):
    tab = page.open("/en/contact/#desk-antwerp")
    assert tab.locator("[data-printing-fragment]").count() == 0
    tab = page.open("/en/estimator/")
    tab.wait_for_load_state("networkidle")
    assert not [url for url in page.requests if "qrcode" in url], "a first visit stays light"
    tab.locator("#estimator-destination").fill("Georgia")
    tab.wait_for_function("window.qrcode")
    assert [url for url in page.requests if "qrcode" in url]
    assert page.foreign_requests() == []
