"""Keyboard and reading comfort in Chromium (issue 31): search as a panel walked with Tab and the arrow keys and
left with Escape; a visible focus on every Tab stop, compared pixel by pixel focused and unfocused; WCAG 1.4.12
text spacing at 320 px in every language; contrast in every state of a control, checked by axe.

One browser context for the module; its viewport changes with the width a test needs."""

from __future__ import annotations

import pytest

from conftest import page_url


@pytest.fixture(scope="module")
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 640}, locale="fr-BE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.server = server
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"


def visit(tab, path: str, width: int = 1280):
    if tab.viewport_size["width"] != width:
        tab.set_viewport_size({"width": width, "height": 640})
    tab.goto(tab.server + path)
    tab.wait_for_load_state("load")
    return tab


def active(tab, selector: str) -> bool:
    return tab.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector)


# --- Search: a panel walked with Tab and the arrow keys, left with Escape ----------------------------------

PANEL_OPEN = "() => !document.querySelector('.search__panel').hidden"
# A word that finds several pages in each language searched (Arabic stems "Fedasil" to nothing).
WORDS = {"ar": "العودة", "zh": "回国"}
IN_PANEL = "() => document.querySelector('.search__panel').contains(document.activeElement)"


def open_with_results(tab, words: str) -> int:
    """Reach the search button with Tab, open it with Enter, type; the number of results."""
    tab.locator("body").focus()
    for _ in range(40):
        tab.keyboard.press("Tab")
        if active(tab, ".search__open"):
            break
    else:
        raise AssertionError("the search button cannot be reached with the Tab key")
    tab.keyboard.press("Enter")
    assert active(tab, ".search__input"), "opening search puts the focus in its box"
    tab.keyboard.type(words)
    tab.wait_for_function("w => document.querySelector('.search__results').dataset.query === w", arg=words)
    return tab.locator(".search__results a").count()


@pytest.mark.parametrize("locale, width", [("en", 1280), ("ar", 360), ("zh", 320)])
def test_the_arrow_keys_move_among_the_results_and_enter_opens_one(tab, locale, width):
    visit(tab, page_url(locale, "contact/"), width)
    count = open_with_results(tab, WORDS.get(locale, "Fedasil"))
    assert count >= 2
    links = tab.locator(".search__results a")
    tab.keyboard.press("ArrowDown")
    assert links.first.evaluate("a => a === document.activeElement"), "down from the box goes to the first result"
    tab.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("a => a === document.activeElement")
    tab.keyboard.press("End")
    assert links.last.evaluate("a => a === document.activeElement")
    tab.keyboard.press("ArrowDown")
    assert links.last.evaluate("a => a === document.activeElement"), "the last result stays the last"
    tab.keyboard.press("Home")
    assert links.first.evaluate("a => a === document.activeElement")
    tab.keyboard.press("ArrowUp")
    assert active(tab, ".search__input"), "up from the first result goes back to the box"
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    href = links.nth(1).get_attribute("href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == href


@pytest.mark.parametrize("locale, width", [("fr", 1280), ("ar", 360)])
def test_tab_and_shift_tab_never_leave_the_focus_under_the_open_panel(tab, locale, width):
    """The panel closes when the focus leaves it (search.js says why): whatever has the focus is either in the
    open panel, its button, or on a page the panel no longer covers."""
    for key in ("Tab", "Shift+Tab"):
        visit(tab, page_url(locale, ""), width)
        count = open_with_results(tab, WORDS.get(locale, "Fedasil"))
        seen_outside = False
        for _ in range(count + 6):
            tab.keyboard.press(key)
            inside, shown = tab.evaluate(IN_PANEL), tab.evaluate(PANEL_OPEN)
            if inside:
                assert shown
                continue
            if active(tab, ".search__open"):
                assert key == "Shift+Tab" and shown, "the search button keeps its panel open"
                continue
            assert not shown, (
                f"{key}: the focus left the panel for {tab.evaluate('document.activeElement.outerHTML.slice(0, 80)')} while it stays open over the page"
            )
            assert tab.locator(".search__open").get_attribute("aria-expanded") == "false"
            seen_outside = True
            break
        assert seen_outside, f"{key} never leaves the panel"


@pytest.mark.parametrize("start", ["box", "result", "close"])
def test_escape_closes_and_gives_the_focus_back_to_the_search_button(tab, start):
    visit(tab, "/nl/faq/", 360)
    open_with_results(tab, "paspoort")
    if start == "result":
        tab.keyboard.press("ArrowDown")
        assert active(tab, ".search__results a")
    elif start == "close":
        tab.locator(".search__close").focus()
    tab.keyboard.press("Escape")
    assert not tab.evaluate(PANEL_OPEN)
    assert active(tab, ".search__open")
    assert tab.locator(".search__open").get_attribute("aria-expanded") == "false"


def test_the_results_are_a_list_of_links_the_button_controls(tab):
    visit(tab, "/en/", 1280)
    open_with_results(tab, "premium")
    button = tab.locator(".search__open")
    panel = tab.locator(".search__panel")
    assert button.get_attribute("aria-controls") == panel.get_attribute("id")
    assert button.get_attribute("aria-expanded") == "true"
    roles = tab.evaluate("""() => [...document.querySelectorAll('.search__results > *')]
        .map(item => item.tagName + '>' + [...item.children].map(c => c.tagName).join(','))""")
    assert roles and set(roles) == {"LI>A"}, roles
    results = tab.locator(".search__results").get_attribute("id")
    assert results and tab.locator(".search__input").get_attribute("aria-controls") == results
