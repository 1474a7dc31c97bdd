"""What browsers and search engines learn of each page: title, description, canonical address, hreflang, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from conftest import ADDRESSES, ALL_LOCALES, ESSENTIAL_LOCALES, ESSENTIALS, LOCALES, html_pages, page_url
from hooks.publishing.metadata import address


def head(site, locale, path) -> str:
    html = (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")
    return html.split("</head>")[0]


@pytest.mark.parametrize("locale", LOCALES)
def test_titles_and_descriptions_are_unique_in_each_language(site, locale):
    titles, descriptions = Counter(), Counter()
    for path in html_pages(site, locale):
        text = head(site, locale, path)
        titles[re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip()] += 1
        descriptions[re.search(r'<meta name="description" content="([^"]+)"', text).group(1)] += 1
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_has_its_canonical_address_and_absolute_alternates_with_x_default(site, locale):
    for path in html_pages(site, locale):
        text = head(site, locale, path)
        assert f'<link rel="canonical" href="{address(ADDRESSES, locale, path)}">' in text, path
        found = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', text))
        expected = {other: address(ADDRESSES, other, path) for other in LOCALES}
        for own, source in ESSENTIALS.items():
            if path == source.removesuffix(".md") + "/":  # the essentials languages have this page too
                expected.update(
                    {
                        other: address(ADDRESSES, other, "" if own == "index.md" else own.removesuffix(".md") + "/")
                        for other in ESSENTIAL_LOCALES
                    }
                )
        assert found == {**expected, "x-default": address(ADDRESSES, "fr", path)}, path
        assert all(href.startswith("https://") for href in found.values())


def test_each_language_lives_on_its_own_domain():
    assert address(ADDRESSES, "fr", "journey/") == "https://www.retourvolontaire.be/journey/"
    assert address(ADDRESSES, "nl", "journey/") == "https://www.vrijwilligeterugkeer.be/nl/journey/"
    assert address(ADDRESSES, "en", "") == "https://www.voluntaryreturn.be/en/"


def test_the_sitemap_lists_every_page_of_every_language_with_its_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {
        u.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)}
        for u in root.findall("s:url", ns)
    }
    expected = {address(ADDRESSES, locale, path) for locale in ALL_LOCALES for path in html_pages(site, locale)}
    assert set(urls) == expected
    for loc, links in urls.items():
        assert set(LOCALES) | {"x-default"} <= set(links)
        assert set(links) in (set(LOCALES) | {"x-default"}, set(ALL_LOCALES) | {"x-default"})
        assert loc in links.values()
