"""Publishing: the project's nginx configuration, served by a real nginx on loopback, and the _headers and
_redirects files of other hosts, all from data/hosting.yml."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

import pytest

from conftest import LOCALES, html_pages, page_url
from hosting import PRODUCTION, headers, load_hosting, nginx_config, script_hashes

DATA = load_hosting()
DOMAINS = DATA["domains"]


def get(base: str, path: str, host: str | None = None, **extra) -> http.client.HTTPResponse:
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    request_headers = {"Host": host or address.netloc, **{k.replace("_", "-"): v for k, v in extra.items()}}
    connection.request("GET", path, headers=request_headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def lang_of(response) -> str:
    return re.search(rb'<html lang="([a-z]+)"', response.body).group(1).decode()


# --- Each domain lands on its language ----------------------------------------------------------------


def test_the_french_domain_serves_french_at_its_root(nginx):
    response = get(nginx, "/", DOMAINS["fr"])
    assert response.status == 200 and lang_of(response) == "fr"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_dutch_and_english_domains_land_on_their_language(nginx, locale):
    response = get(nginx, "/", DOMAINS[locale])
    assert (response.status, response.getheader("Location")) == (302, f"/{locale}/")
    page = get(nginx, f"/{locale}/journey/", DOMAINS[locale])
    assert page.status == 200 and lang_of(page) == locale


def test_a_page_of_another_language_moves_to_that_language_s_domain(nginx):
    moved = get(nginx, "/nl/journey/", DOMAINS["fr"])
    assert (moved.status, moved.getheader("Location")) == (301, f"https://{DOMAINS['nl']}/nl/journey/")
    moved = get(nginx, "/journey/", DOMAINS["en"])
    assert (moved.status, moved.getheader("Location")) == (301, f"https://{DOMAINS['fr']}/journey/")
    moved = get(nginx, "/en/faq/", DOMAINS["nl"])
    assert moved.getheader("Location") == f"https://{DOMAINS['en']}/en/faq/"
    # What every language shares stays where it is.
    assert get(nginx, "/sitemap.xml", DOMAINS["nl"]).status == 200


def test_a_bare_domain_moves_to_its_www_form(nginx):
    moved = get(nginx, "/en/faq/", "voluntaryreturn.be")
    assert (moved.status, moved.getheader("Location")) == (301, "https://www.voluntaryreturn.be/en/faq/")


# --- The generic address follows the browser's language ----------------------------------------------


@pytest.mark.parametrize("accept, expected", [
    ("nl-BE,nl;q=0.9,en;q=0.8", "/nl/"),
    ("en-GB,en;q=0.9", "/en/"),
    ("de-DE,de;q=0.9,en;q=0.8", "/en/"),
    ("ar,fr;q=0.7,nl;q=0.5", None),  # French: served at the root itself
    ("fr-BE,fr;q=0.9", None),
    ("", None),
])
def test_the_generic_root_chooses_from_accept_language(nginx, accept, expected):
    response = get(nginx, "/", Accept_Language=accept) if accept else get(nginx, "/")
    assert "Accept-Language" in (response.getheader("Vary") or "")
    if expected:
        assert (response.status, response.getheader("Location")) == (302, expected)
    else:
        assert response.status == 200 and lang_of(response) == "fr"
        assert b'class="layout-languages"' in response.body, "the choice of language stays visible"


# --- A missing page answers in the visitor's language -------------------------------------------------

NOT_FOUND = {"fr": "Cette page n&#39;existe pas", "nl": "Deze pagina bestaat niet", "en": "This page does not exist"}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_404_page_speaks_the_language_of_its_folder(nginx, locale):
    response = get(nginx, page_url(locale, "no-such-page/"))
    assert response.status == 404
    assert lang_of(response) == locale
    text = response.body.decode()
    assert NOT_FOUND[locale].replace("&#39;", "'") in text.replace("&#39;", "'")
    assert re.search(r'href="/assets/stylesheets/site\.[0-9a-f]{8}\.css"', text), "assets load from any depth"


# --- Headers, caching, compression -------------------------------------------------------------------

SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
            "X-Frame-Options", "Strict-Transport-Security")


@pytest.mark.parametrize("path", ["/", "/nl/journey/", "/en/no-such-page/", "/search/search_index.json", "/sitemap.xml"])
def test_every_response_carries_the_security_headers(nginx, path):
    response = get(nginx, path)
    for name in SECURITY:
        assert response.getheader(name), f"{path}: {name} missing"
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "camera=()" in response.getheader("Permissions-Policy")


def test_fingerprinted_assets_are_kept_a_year_and_pages_briefly(nginx, site):
    css = next((site / "assets" / "stylesheets").glob("site.*.css")).name
    asset = get(nginx, f"/assets/stylesheets/{css}")
    assert asset.status == 200 and "immutable" in asset.getheader("Cache-Control")
    assert "Content-Security-Policy" in dict(asset.getheaders())
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert "immutable" in get(nginx, f"/assets/javascripts/{bundle}").getheader("Cache-Control")
    page = get(nginx, "/en/faq/")
    assert "max-age=300" in page.getheader("Cache-Control")
    assert "immutable" not in get(nginx, "/search/search_index.json").getheader("Cache-Control")
    assert get(nginx, "/assets/stylesheets/site.css").status == 404, "only the fingerprinted name is published"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_pages_and_assets_are_sent_compressed(nginx, site, encoding):
    for path in ("/nl/journey/", "/search/search_index.json",
                 "/assets/javascripts/" + next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name):
        response = get(nginx, path, Accept_Encoding=encoding)
        assert response.getheader("Content-Encoding") == encoding, path
        assert len(response.body) < (site / path.lstrip("/")).stat().st_size if not path.endswith("/") else True


def test_the_hosting_folder_is_never_served(nginx):
    assert get(nginx, "/_hosting/nginx.conf").status == 404


# --- One source for every host -----------------------------------------------------------------------


def test_the_published_nginx_configuration_is_the_one_tested(site):
    hashes = script_hashes([page.read_text(encoding="utf-8") for page in site.rglob("*.html")])
    expected = nginx_config(DATA, hashes, PRODUCTION["root"], PRODUCTION["listen"], PRODUCTION["scheme"],
                            PRODUCTION["brotli"])
    assert (site / "_hosting" / "nginx.conf").read_text(encoding="utf-8") == expected


def test_headers_and_redirects_files_say_what_nginx_says(site):
    hashes = script_hashes([page.read_text(encoding="utf-8") for page in site.rglob("*.html")])
    text = (site / "_headers").read_text(encoding="utf-8")
    for name, value in headers(DATA, hashes).items():
        assert f"  {name}: {value}\n" in text
    css = next((site / "assets" / "stylesheets").glob("site.*.css")).name
    assert f"/assets/stylesheets/{css}\n  ! Cache-Control\n  Cache-Control: {DATA['cache']['fingerprinted']}" in text
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    assert f"https://{DOMAINS['nl']}/ /nl/ 302!" in redirects
    assert "/ /nl/ 302 Language=nl" in redirects
    assert f"https://{DOMAINS['fr']}/nl/* https://{DOMAINS['nl']}/nl/:splat 301!" in redirects
    assert "/en/* /en/404.html 404" in redirects


def test_the_policy_allows_exactly_the_theme_s_inline_scripts(site):
    hashes = script_hashes([page.read_text(encoding="utf-8") for page in site.rglob("*.html")])
    assert 1 <= len(hashes) <= 12
    policy = headers(DATA, hashes)["Content-Security-Policy"]
    assert all(h in policy for h in hashes)


# --- In Chromium, against nginx: the site works under its own policy ---------------------------------

VIOLATIONS = """() => { window.__violations = [];
    document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def test_no_page_breaks_the_content_security_policy_while_it_is_used(site, browser, nginx):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"({VIOLATIONS})()")
    tab = context.new_page()
    console = []
    tab.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    found = {}
    for locale in LOCALES:
        for path in html_pages(site, locale):
            tab.goto(nginx + page_url(locale, path))
            tab.wait_for_load_state("networkidle")
            if tab.evaluate("window.__violations"):
                found[page_url(locale, path)] = tab.evaluate("window.__violations")
    # Use what runs scripts: the estimator, the postcode finder, search, the story filters.
    tab.goto(nginx + "/en/estimator/")
    tab.locator("#estimator-destination").fill("Guinea")
    tab.locator("#estimator-adults").fill("2")
    assert tab.locator('[data-estimator-section="cash"] .estimator-item__amount').inner_text().startswith("€700")
    tab.goto(nginx + "/nl/contact/")
    tab.locator("#desks-postcode").fill("2000")
    tab.locator("#desks-postcode").press("Enter")
    assert tab.locator("#desks-postcode-message").get_attribute("data-desks-found") == "antwerp"
    tab.locator(".search__open").click()
    tab.locator(".search__input").press_sequentially("loonsubsidie")
    tab.locator(".search__results a").first.wait_for()
    tab.goto(nginx + "/stories/")
    tab.locator("#stories-region").select_option("asia")
    assert tab.evaluate("window.__violations") == []
    context.close()
    assert found == {} and console == []
