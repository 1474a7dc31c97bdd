"""Accessibility in a real browser: axe-core's WCAG 2.2 A/AA rules and best practices on every page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import LOCALES, html_pages, page_url

AXE = Axe()
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
         "resultTypes": ["violations"]}


def violations(tab) -> list[str]:
    results = AXE.run(tab, options=RULES).response["violations"]
    return [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in results]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_has_no_axe_violation(site, page, locale):
    found = {}
    for path in html_pages(site, locale):
        tab = page.open(page_url(locale, path))
        problems = violations(tab)
        if problems:
            found[page_url(locale, path)] = problems
    assert not found, found


@pytest.mark.parametrize("address", [
    "/en/estimator/#situation=unknown&adults=2&children=1&vulnerable=yes&project=yes",
    "/nl/estimator/#situation=refused&adults=x&children=1&vulnerable=no&project=no",
])
def test_the_estimator_with_a_result_or_an_error_has_no_axe_violation(page, address):
    tab = page.open(address)
    assert violations(tab) == []


def test_the_postcode_finder_with_an_answer_has_no_axe_violation(page):
    tab = page.open("/contact/")
    tab.locator("#desks-postcode").fill("4000")
    tab.locator("#desks-postcode").press("Enter")
    assert violations(tab) == []
