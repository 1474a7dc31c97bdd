"""Privacy by construction: on every page of every language, and while a visitor uses every interactive
part, the browser asks no other host, gets no cookie and stores nothing; and no page breaks the site's
Content-Security-Policy (the same walk: tests/test_hosting.py uses the scripts under it)."""

from __future__ import annotations

from conftest import LOCALES, RecordingPage, html_pages, page_url, policy_watching_tab, settled_tabs

STORED = """async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    caches: (await caches.keys()).length,
    cookies: document.cookie,
})"""
NOTHING = {"local": 0, "session": 0, "databases": 0, "caches": 0, "cookies": ""}


def test_every_page_asks_no_other_host_sets_no_cookie_stores_nothing_and_keeps_its_policy(site, browser, nginx):
    """One walk of every page, served as it is published (nginx, with the site's Content-Security-Policy): a
    request to another host is seen either as a request or, if the policy stopped it, as a violation."""
    context, _, console = policy_watching_tab(browser, 390, 844)
    recording = RecordingPage(context, nginx)
    violations = {}
    addresses = [nginx + page_url(locale, path) for locale in LOCALES for path in html_pages(site, locale)]
    for address, tab in settled_tabs(context, addresses):
        assert tab.evaluate(STORED) == NOTHING, address
        if found := tab.evaluate("window.__violations"):
            violations[address] = found
    assert recording.foreign_requests() == []
    assert context.cookies() == []
    context.close()
    assert violations == {} and console == [] and recording.errors == []


def test_using_search_the_estimator_the_finder_and_the_filters_sends_and_stores_nothing(page):
    tab = page.open("/nl/journey/")
    tab.locator(".search__open").click()
    tab.locator(".search__input").press_sequentially("terugkeerpremie")
    tab.locator(".search__results a").first.wait_for()
    before = len(page.requests)

    tab = page.open("/en/estimator/")
    tab.locator("#estimator-destination").fill("Mongolia")
    tab.locator("#estimator-adults").fill("2")
    tab = page.open("/contact/")
    tab.locator("#desks-postcode").fill("4000")
    tab.locator("#desks-postcode").press("Enter")
    tab = page.open("/en/stories/")
    tab.locator("#stories-region").select_option("asia")
    assert tab.evaluate(STORED) == NOTHING
    typed = [url for url in page.requests[before:] if "4000" in url or "destination=" in url.split("#")[0]]
    assert typed == [], "what a visitor types must not travel in a request"
    assert page.foreign_requests() == []
