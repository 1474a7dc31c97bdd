"""No bare server page: every status nginx answers itself is a page of the site, in the language of the address
(else of the domain), with its status and a way back (hosting/nginx.conf.j2, overrides/404.html and 500.html),
checked against Debian's nginx with the project's configuration."""

from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit

import pytest

from conftest import ALL_LOCALES, LOCALES, page_url, policy_watching_tab
from hooks.checks.policy import csp_hashes
from hooks.core.locale import ui
from hooks.publishing.hosting import PRODUCTION, load_hosting, nginx_config

DOMAINS = load_hosting()["domains"]


def answer(base: str, request: bytes) -> tuple[int, dict, str]:
    """(status, headers, body) of a raw request, sent as it is (nginx must see what a broken client sends)."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode("utf-8", "replace")


def request(method: str, path: str, host: str = "localhost", headers: str = "", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body or method == "POST" else ""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{length}{headers}Connection: close\r\n\r\n"
    return head.encode() + body


def language_of(body: str) -> str | None:
    found = re.search(r'<html lang="([a-z]+)"', body)
    return found.group(1) if found else None


def leaflet(site, locale: str) -> str:
    folder = site if locale == LOCALES[0] else site / locale
    return "/" + next((folder / "leaflet").glob("*.pdf")).relative_to(site).as_posix()


def assert_the_site_s_page(status: int, headers: dict, body: str, locale: str, kind: str) -> None:
    strings = ui(locale, "layout")
    assert language_of(body) == locale, body[:200]
    title = strings["not_found_title" if kind == "404" else "error_title"]
    assert f"<h1>{title}</h1>".replace("'", "&#39;") in body.replace("&#x27;", "&#39;"), f"{kind} page in {locale}"
    home = "/" if locale == LOCALES[0] else f"/{locale}/"
    assert f'<a href="{home}">' in body, "a way back to the home page of the language"
    assert 'href="tel:' in body, "and the free number"
    assert headers.get("content-type", "").startswith("text/html")
    assert "default-src 'none'" in headers.get("content-security-policy", ""), "with the security headers"


# --- A folder without a page, such as /search/, is the 404 page, never nginx's "403 Forbidden" -------------


@pytest.mark.parametrize(
    "path, host, locale",
    [
        ("/search/", None, "fr"),
        ("/ar/search/", None, "ar"),
        ("/zh/search/", DOMAINS["en"], "zh"),
        ("/nl/search/", DOMAINS["nl"], "nl"),
        ("/assets/", None, "fr"),
        ("/en/search/", DOMAINS["en"], "en"),
        ("/assets/javascripts/", DOMAINS["nl"], "nl"),
    ],
)
def test_a_folder_without_a_page_answers_the_404_page_of_its_language(nginx, path, host, locale):
    status, headers, body = answer(nginx, request("GET", path, host or urlsplit(nginx).netloc))
    assert status == 404
    assert_the_site_s_page(status, headers, body, locale, "404")


def test_an_essentials_language_on_the_french_domain_moves_to_its_domain_and_answers_in_its_language(nginx):
    """An essentials language lives on its own domain only (issue 24): the French domain sends it there, where a
    missing page answers in the language."""
    status, headers, _ = answer(nginx, request("GET", "/ar/no-such-page/", DOMAINS["fr"]))
    assert status == 301 and headers["location"] == f"https://{DOMAINS['en']}/ar/no-such-page/", headers
    status, headers, body = answer(nginx, request("GET", "/ar/no-such-page/", DOMAINS["en"]))
    assert_the_site_s_page(status, headers, body, "ar", "404")


# --- Every other status: the error page, with the status nginx chose --------------------------------------

BIG = b"x" * 4096
CASES = {
    # What a page refuses: a method other than GET and HEAD, a body (the site reads none).
    "POST to a page 405": (request("POST", "/en/faq/"), 405, "en"),
    "DELETE 405": (request("DELETE", "/nl/journey/"), 405, "nl"),
    "unknown method 405": (request("FOO", "/ps/"), 405, "ps"),
    "body too large 413": (request("POST", "/ar/", body=BIG), 413, "ar"),
    "body on a language's domain 413": (request("POST", "/", DOMAINS["nl"], body=BIG), 413, "nl"),
    "body on a bare domain 413": (request("POST", "/", "voluntaryreturn.be", body=BIG), 413, "en"),
    # A part of a file that is not there.
    "range past the end 416": (request("GET", "PDF:zh", headers="Range: bytes=99999999-\r\n"), 416, "zh"),
    # What nginx cannot read: before the address or the host is known, the page of the generic address.
    "address too long 414": (request("GET", "/en/" + "a" * 9000), 414, "fr"),
    "header too large 400": (request("GET", "/en/", headers="X-Large: " + "a" * 9000 + "\r\n"), 400, "fr"),
    "broken escape 400": (request("GET", "/en/%zz"), 400, "fr"),
    "no host 400": (b"GET /en/ HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "fr"),
    "not HTTP 400": (b"HELLO\r\n\r\n", 400, "fr"),
    "unknown HTTP version 505": (b"GET /en/ HTTP/3.0\r\nHost: localhost\r\n\r\n", 505, "fr"),
}


@pytest.mark.parametrize("case", CASES)
def test_every_status_nginx_answers_itself_is_the_site_s_page_in_the_address_s_language(nginx, site, case):
    raw, expected, locale = CASES[case]
    raw = re.sub(rb"PDF:([a-z]+)", lambda found: leaflet(site, found.group(1).decode()).encode(), raw)
    status, headers, body = answer(nginx, raw)
    assert status == expected, body[:300]
    assert_the_site_s_page(status, headers, body, locale, "error")


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_language_has_its_error_page_with_a_way_back(nginx, locale):
    status, headers, body = answer(nginx, request("POST", page_url(locale, "contact/"), body=BIG))
    assert status == 413
    assert_the_site_s_page(status, headers, body, locale, "error")


@pytest.mark.parametrize("path", ["/500.html", "/nl/500.html", "/ar/500.html"])
def test_the_error_page_asked_directly_is_not_found(nginx, path):
    status, _, body = answer(nginx, request("GET", path))
    assert status == 404 and language_of(body)


# --- In every server and every language's folder: statuses nginx answers only when it must ---------------

STATUSES = {
    "400",
    "403",
    "404",
    "405",
    "408",
    "413",
    "414",
    "416",
    "429",
    "494",
    "497",
    "500",
    "502",
    "503",
    "504",
    "505",
}


def blocks(config: str, opening: str) -> list[str]:
    """Every block of the configuration that starts with `opening` (a server, a location), its own lines only:
    the blocks inside it left out."""
    found = []
    for match in re.finditer(re.escape(opening), config):
        depth, own = 0, []
        for character in config[match.start() :]:
            depth += {"{": 1, "}": -1}.get(character, 0)
            if depth <= 1 and character not in "{}":
                own.append(character)
            if depth == 0 and character == "}":
                break
        found.append("".join(own))
    return found


@pytest.mark.parametrize("mode", ["front", "nginx"])
def test_every_server_and_language_folder_has_a_page_for_every_status(mode):
    """nginx inherits error_page from the server only in a location that sets none: each one that sets some must
    set them all. 408 (a client too slow) and 429 (too many connections at once) are hard to cause in a test:
    here they are checked with the others, in every server of either TLS mode, the plain HTTP ones included."""
    data = load_hosting()
    data["tls"] = dict(data["tls"], mode=mode)
    config = nginx_config(data, csp_hashes(), "/srv/site", PRODUCTION["listen"])
    servers = blocks(config, "\nserver {")
    assert len(servers) == 7 + (7 if mode == "nginx" else 0)
    for text in servers + [block for block in blocks(config, "location /") if "error_page" in block]:
        covered = {status for line in re.findall(r"error_page ([^;]*);", text) for status in line.split()}
        assert covered >= STATUSES, (text.split("\n")[:3], sorted(STATUSES - covered))


# --- In Chromium, under the site's Content-Security-Policy: the page looks like the site's ------------------


def test_the_pages_nginx_answers_with_look_like_the_site_and_break_no_policy(browser, nginx):
    """The site's styles load under its policy, and axe finds nothing (the pages are not in the page list that
    tests/test_accessibility.py walks)."""
    from test_accessibility import violations

    context, tab, console = policy_watching_tab(browser, 360, 640)
    found = {}
    for path, locale in (("/ar/search/", "ar"), ("/en/" + "a" * 9000, "fr")):
        tab.goto(nginx + path)
        assert tab.locator("html").get_attribute("lang") == locale
        banner = tab.evaluate("getComputedStyle(document.querySelector('.md-banner')).backgroundColor")
        assert banner == "rgb(26, 35, 126)", "the site's stylesheet"
        assert tab.locator(".md-content h1").is_visible()
        found[path[:20]] = violations(tab) + tab.evaluate("window.__violations")
    context.close()
    assert found == {path: [] for path in found} and console == []
