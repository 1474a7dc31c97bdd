"""Accessibility in a real browser: axe-core's WCAG 2.2 A/AA rules and best practices on every page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import LOCALES, html_pages, page_url

AXE = Axe()
RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


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


@pytest.mark.parametrize(
    "address",
    [
        "/en/estimator/#situation=unknown&adults=2&children=1&vulnerable=yes&project=yes",
        "/nl/estimator/#situation=refused&adults=x&children=1&vulnerable=no&project=no",
    ],
)
def test_the_estimator_with_a_result_or_an_error_has_no_axe_violation(page, address):
    tab = page.open(address)
    assert violations(tab) == []


def test_the_postcode_finder_with_an_answer_has_no_axe_violation(page):
    tab = page.open("/contact/")
    tab.locator("#desks-postcode").fill("4000")
    tab.locator("#desks-postcode").press("Enter")
    assert violations(tab) == []


# --- Keyboard: every interactive part reachable, operable, with a visible focus --------------------


def focus_by_tab(tab, selector: str, limit: int = 80) -> None:
    """Press Tab from the top of the page until the element is focused; fail if it never is."""
    tab.locator("body").focus()
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def focus_by_tab_from_here(tab, selector: str, limit: int = 10) -> None:
    """Press Tab from the focused element until one matching the selector is focused."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_search_with_results_and_with_nothing_found_has_no_axe_violation(page):
    tab = page.open("/nl/faq/")
    tab.locator(".search__open").click()
    tab.locator(".search__input").press_sequentially("paspoort")
    tab.locator(".search__results a").first.wait_for()
    assert violations(tab) == []
    tab.locator(".search__input").fill("xqzw")
    tab.locator(".search__none").wait_for()
    assert violations(tab) == []


def focus_is_visible(tab) -> bool:
    style = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, shadow: s.boxShadow !== 'none'}; }""")
    return style["outline"] or style["shadow"]


def test_the_language_switcher_works_with_the_keyboard(page):
    tab = page.open("/journey/")
    focus_by_tab(tab, '.layout-languages a[lang="nl"]')
    assert focus_is_visible(tab)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith("/nl/journey/")


def test_search_works_with_the_keyboard(page):
    tab = page.open("/en/journey/")
    focus_by_tab(tab, ".search__open")
    assert focus_is_visible(tab)
    tab.keyboard.press("Enter")
    assert focus_is_visible(tab)
    tab.keyboard.type("premium")
    tab.locator(".search__results a").first.wait_for()
    focus_by_tab_from_here(tab, ".search__results a")
    assert focus_is_visible(tab)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "/en/" in tab.url and "/journey/" not in tab.url


def test_the_postcode_finder_works_with_the_keyboard(page):
    tab = page.open("/nl/contact/")
    focus_by_tab(tab, "#desks-postcode")
    assert focus_is_visible(tab)
    tab.keyboard.type("9000")
    tab.keyboard.press("Enter")
    assert tab.locator("#desks-postcode-message").get_attribute("data-desks-found") == "ghent"
    focus_by_tab(tab, "#desks-postcode-message a")
    tab.keyboard.press("Enter")
    assert tab.url.endswith("#desk-ghent")


def test_the_estimator_and_the_story_filters_show_their_focus(page):
    tab = page.open("/en/estimator/")
    focus_by_tab(tab, "#estimator-destination")
    assert focus_is_visible(tab)
    focus_by_tab(tab, "[data-estimator-unknown]")
    assert focus_is_visible(tab)
    focus_by_tab(tab, "#estimator-adults")
    assert focus_is_visible(tab)
    tab = page.open("/en/stories/")
    focus_by_tab(tab, "#stories-region")
    assert focus_is_visible(tab)


# --- Reflow: readable at 320 px and at 200 % zoom without scrolling sideways ------------------------


@pytest.mark.parametrize("width, scale", [(320, 1), (640, 2)])  # 640 CSS px at 2x is a 1280 px screen at 200 %
def test_no_page_scrolls_sideways_on_a_narrow_screen_or_at_200_percent(site, browser, server, width, scale):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    tab = context.new_page()
    wide = []
    for locale in LOCALES:
        for path in html_pages(site, locale):
            tab.goto(server + page_url(locale, path))
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide.append((page_url(locale, path), overflow))
    context.close()
    assert wide == []
