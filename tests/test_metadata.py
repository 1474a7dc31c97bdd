"""What browsers and search engines learn of each page: title, description, canonical address, hreflang, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from conftest import ADDRESSES, ALL_LOCALES, ESSENTIAL_LOCALES, ESSENTIALS, LOCALES, ROOT, html_pages, page_url
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


# --- Every address written is the site's, checked and escaped (issue 24) ---------------------------------------


@pytest.mark.parametrize(
    "code, address, fix",
    [
        ("ps", "https://evil.example/ps/", "https://www.voluntaryreturn.be/ps/"),
        ("nl", "https://www.voluntaryreturn.be/nl/", "https://www.vrijwilligeterugkeer.be/nl/"),
        ("fa", "https://www.voluntaryreturn.be/ps/", "https://www.voluntaryreturn.be/fa/"),
        ("fr", "https://www.retourvolontaire.be/fr/", "https://www.retourvolontaire.be/"),
    ],
)
def test_a_language_s_address_is_its_home_on_one_of_the_site_s_domains(tmp_path, code, address, fix):
    """https://evil.example/ps/ went into 87 files: canonicals, hreflang on every page, the sitemap and the QR code
    of the Pashto leaflet."""
    import yaml

    from hooks.publishing.hosting import address_problems, load_hosting

    data = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))
    index = next(i for i, language in enumerate(data["languages"]) if language["code"] == code)
    data["languages"][index]["address"] = address
    path = tmp_path / "languages.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert address_problems(load_hosting()["domains"]) == [], "the project's own addresses"
    [line] = address_problems(load_hosting()["domains"], path)
    assert re.match(
        rf"^\S*languages\.yml:\d+: languages\[{index}\]\.address: {re.escape(address)} is not {code}'s", line
    )
    assert "(data/hosting.yml: www.retourvolontaire.be, www.vrijwilligeterugkeer.be, www.voluntaryreturn.be)" in line
    assert line.endswith(f"Fix: write {fix}."), line


@pytest.mark.parametrize(
    "found",
    [
        "https://www.retourvolontaire.be/mon page/",
        "https://www.retourvolontaire.be/été/",
        'https://www.retourvolontaire.be/a"onload="x/',
        "https://evil.example/ps/",
        "http://www.retourvolontaire.be/",
        "https://www.retourvolontaire.be/faq/?a=1",
    ],
)
def test_an_address_that_is_not_the_site_s_stops_the_build_naming_the_page(found):
    from hooks.core.data import DataError
    from hooks.publishing.metadata import published

    with pytest.raises(DataError) as error:
        published(found, "docs/fr/mon page.md")
    [line] = error.value.messages
    assert line.startswith(f"docs/fr/mon page.md: address: {found!r} is not an address of the site") and "Fix: " in line


def test_the_site_s_addresses_are_written_as_they_are():
    from hooks.publishing.metadata import published

    for found in (
        "https://www.retourvolontaire.be/",
        "https://www.voluntaryreturn.be/ps/",
        ADDRESSES["nl"] + "journey/",
    ):
        assert published(found, "docs/fr/x.md") == found


def test_every_address_of_the_sitemap_and_the_heads_is_a_checked_address_of_the_site(site):
    from hooks.publishing.metadata import PUBLISHABLE, own_hosts

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    heads = "".join(head(site, locale, path) for locale in ALL_LOCALES for path in html_pages(site, locale))
    found = re.findall(r"<loc>([^<]*)</loc>|href=\"(https://[^\"]*)\"", sitemap) + re.findall(
        r'<link rel="(?:canonical|alternate)[^"]*"(?: hreflang="[^"]+")? href="([^"]+)"', heads
    )
    addresses = {part for match in found for part in (match if isinstance(match, tuple) else (match,)) if part}
    assert len(addresses) > 100  # every page of every language
    wrong = [a for a in addresses if not PUBLISHABLE.fullmatch(a) or a.split("/")[2] not in own_hosts()]
    assert wrong == []


def test_robots_txt_names_the_sitemap_s_address(site):
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {ADDRESSES['fr']}sitemap.xml\n"
    )


@pytest.mark.engine
def test_a_language_on_another_host_stops_the_build_in_one_line(tmp_path):
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    languages = project / "data" / "languages.yml"
    text = languages.read_text(encoding="utf-8")
    languages.write_text(
        text.replace('"https://www.voluntaryreturn.be/ps/"', '"https://evil.example/ps/"'), encoding="utf-8"
    )
    result = build_site(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert (
        "data/languages.yml:" in output and "languages[5].address: https://evil.example/ps/ is not ps's home" in output
    )
    assert not (tmp_path / "out" / "sitemap.xml").exists()
