"""Every page on paper: A4, no navigation, and at the end the free number, the date, the address and a QR code."""

from __future__ import annotations

import io
import re

import pytest
import segno
from pypdf import PdfReader

from conftest import ADDRESSES, LOCALES, page_url
from metadata import address as page_address
# Each kind of page, and the most A4 pages it may take.
KINDS = {
    "home": ("", 2),
    "programme page": ("journey/", 2),
    "estimator with a result": ("estimator/#situation=asylum_seeker&adults=2&children=2&vulnerable=yes&project=yes", 4),
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
    return segno.make(address, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="printing-qr__code")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_page_prints_with_number_address_and_qr_code_and_without_navigation(page, locale, kind):
    path, most_pages = KINDS[kind]
    tab = page.open(page_url(locale, path))
    address = page_address(ADDRESSES, locale, path.split("#")[0])
    qr = tab.locator(".printing-qr svg")
    assert not qr.is_visible(), "the QR code is for paper only"
    # The QR code encodes this page's own address in this language.
    drawn = tab.locator(".printing-qr path").get_attribute("d")
    assert drawn == re.search(r' d="([^"]+)"', expected_qr(address)).group(1)
    pages, text = printed(tab)
    flat = re.sub(r"\s+", "", text)
    assert 1 <= pages <= most_pages, f"{pages} pages"
    assert "080032745" in flat
    assert re.sub(r"\s+", "", address) in flat
    assert qr.is_visible()
    assert NAV[locale] not in text, "the navigation must not print"


def test_the_estimator_prints_the_answers_the_items_the_total_the_date_and_the_disclaimer(page):
    tab = page.open("/en/estimator/#destination=GN&adults=1&children=0&vulnerable=no&previous_support=no")
    _, text = printed(tab)
    flat = re.sub(r"\s+", " ", text)
    for expected in ("Your answers", "Guinea", "Cash when you leave", "The return premium €350",
                     "rule of 1 January 2022", "Rules in force since 1 January 2022", "This is an estimate, not a decision."):
        assert expected in flat, expected
    assert "How many adults" in flat  # the answers repeat the questions
    assert "Print the result" not in flat


def test_external_links_show_their_address_on_paper(page):
    tab = page.open("/en/contact/")
    tab.emulate_media(media="print")
    after = tab.evaluate("getComputedStyle(document.querySelector('a.desks-desk__map'), '::after').content")
    assert "openstreetmap.org" in after
