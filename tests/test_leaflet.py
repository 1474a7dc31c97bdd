"""The one-page leaflet per language, on screen, on paper and as the PDF made at build time."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import LOCALES, page_url
from language import ui

CITIES = {
    "fr": ["Bruxelles", "Anvers", "Gand", "Liège", "Charleroi"],
    "nl": ["Brussel", "Antwerpen", "Gent", "Luik", "Charleroi"],
    "en": ["Brussels", "Antwerp", "Ghent", "Liège", "Charleroi"],
}
# The premium of the rules in force for visa-required countries (data/estimator.yml).
AMOUNTS = {"fr": "350\u00a0€ par adulte", "nl": "€\u00a0350 per volwassene", "en": "€350 per adult"}


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
