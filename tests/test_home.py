"""The home page of every language says what to do on its first screen (components/home.html): call the free number,
estimate the support; an unreviewed translation says so in one line, linking to what it means."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import ALL_LOCALES, LOCALES, page_url
from hooks.components.desks import desks_data, tel_href
from hooks.core.locale import ui

NUMBER = desks_data()["toll_free"]["number"]["value"]
SCREEN = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=SCREEN)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield lambda path: (tab.goto(server + path), tab)[1]
    context.close()
    assert not errors, errors


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_the_first_screen_shows_the_call_and_the_estimate_buttons_above_the_text(phone, locale):
    tab = phone(page_url(locale, ""))
    strings = ui(locale, "home")
    call = tab.locator(".home-actions__call")
    estimate = tab.locator(".home-actions__estimate")
    assert call.get_attribute("href") == tel_href(NUMBER)
    shown = call.inner_text().replace("\u00a0", " ").replace("\u202f", " ")  # French spacing, by the build
    assert shown == strings["call"].format(number=NUMBER)
    assert estimate.inner_text() == strings["estimate"]
    assert urlsplit(estimate.evaluate("a => a.href")).path == page_url(locale, "estimator/")
    for button in (call, estimate):
        box = button.bounding_box()
        assert bottom(button) <= SCREEN["height"], (
            f"{locale}: a button ends at {bottom(button)}, below the first screen"
        )
        assert box["height"] >= 48 and box["width"] >= SCREEN["width"] / 2, f"{locale}: a small button {box}"
    # Above the text: right under the title, before the first paragraph or heading of the page.
    title = tab.locator("article h1")
    text = tab.locator("article h1 ~ p:not(.layout-unreviewed), article h1 ~ h2").first
    assert bottom(title) <= call.bounding_box()["y"] and bottom(estimate) <= text.bounding_box()["y"] + 1


def test_the_buttons_are_drawn_from_data_not_typed_into_a_page():
    from conftest import ROOT

    for page in (ROOT / "docs").rglob("index.md"):
        text = page.read_text(encoding="utf-8")
        assert "home-actions" not in text and "tel:" not in text, page


@pytest.mark.parametrize("locale", [code for code in ALL_LOCALES if code not in LOCALES])
def test_an_unreviewed_translation_says_so_in_one_line_that_links_to_what_it_means(phone, locale):
    tab = phone(page_url(locale, ""))
    notice = tab.locator(".layout-unreviewed")
    assert notice.count() == 1
    strings = ui(locale, "layout")
    assert notice.inner_text() == f"{strings['unreviewed_short']} {strings['unreviewed_more']}"
    assert notice.locator("[lang=en]").count() == 0, "no second copy in English on every page"
    line = float(notice.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
    assert notice.bounding_box()["height"] < 1.5 * line, f"{locale}: the notice takes more than one line"
    link = notice.locator("a")
    assert urlsplit(link.evaluate("a => a.href")).path == page_url(locale, "languages/")
    link.click()
    whole = tab.locator("#unreviewed")
    whole.wait_for()  # the click returns once the languages page is on its way, not yet drawn
    assert whole.is_visible() and strings["unreviewed"] in whole.inner_text()
    assert ui("en", "layout")["unreviewed"] in whole.locator("[lang=en]").inner_text()
