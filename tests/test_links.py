"""Links, anchors and images in pages: a broken one stops the build with a line naming file, line and fix."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ADDRESSES, ROOT, build_changed_copy
from hooks.checks.links import body, check_anchors, check_page

FAQ = ROOT / "docs" / "en" / "faq.md"


def problems_of(markdown: str):
    return check_page(FAQ, markdown, ROOT / "docs" / "en")


def test_the_real_pages_have_no_broken_link():
    for page in (ROOT / "docs").rglob("*.md"):
        language = ROOT / "docs" / page.relative_to(ROOT / "docs").parts[0]
        text, first = body(page.read_text(encoding="utf-8"))
        assert check_page(page, text, language, first)[0] == [], page


def test_a_link_to_a_missing_page_names_the_line_and_a_near_page():
    problems, _ = problems_of("Text\n\nSee [the desks](desks/contact.md).\n")
    assert problems == [
        "docs/en/faq.md:3: link: desks/contact.md is not a file of this language's pages. "
        "Fix: link to contact.md relative to this page."
    ]


def test_a_link_into_another_language_is_refused():
    problems, _ = problems_of("[Le voyage](../fr/journey.md)\n")
    assert problems and "is not a file of this language's pages" in problems[0]


def test_an_image_without_alternative_text_or_file():
    problems, _ = problems_of('![](missing.webp)\n<img src="x.png">\n')
    assert (
        "docs/en/faq.md:1: image: the image missing.webp has no alternative text. Fix: describe what the image shows"
        in problems[0]
    )
    assert "docs/en/faq.md:1: image: the image file missing.webp does not exist." in problems[1]
    assert "docs/en/faq.md:2: image: the image x.png has no alternative text." in problems[2]


def test_links_in_code_blocks_and_to_other_sites_are_left_alone():
    problems, anchors = problems_of(
        "```\n[x](nowhere.md)\n```\n[OSM](https://www.openstreetmap.org/) [call](tel:+3280032745)\n"
    )
    assert problems == [] and anchors == []


def test_an_anchor_that_is_not_a_section_lists_the_sections():
    target = (ROOT / "docs" / "en" / "contact.md").resolve()
    problems = check_anchors(
        {FAQ: [(7, target, "desks")]}, {target: {"desk-ghent", "return-desks-and-free-phone-number"}}
    )
    assert problems == [
        "docs/en/faq.md:7: link: contact.md has no section #desks. "
        "Fix: use one of its sections: #desk-ghent, #return-desks-and-free-phone-number."
    ]


def test_front_matter_lines_count_in_line_numbers():
    text, first = body("---\ntitle: x\ndescription: y\n---\n\n# Title\n")
    assert (text, first) == ("# Title\n", 6)


BROKEN = {
    "missing page": (
        "en/faq.md",
        "\n[Somewhere](nowhere.md)\n",
        "docs/en/faq.md:{line}: link: nowhere.md is not a file of this language's pages.",
    ),
    "missing section": (
        "fr/faq.md",
        "\n[Là](contact.md#nulle-part)\n",
        "docs/fr/faq.md:{line}: link: contact.md has no section #nulle-part. Fix: use one of its sections: #desk-antwerp",
    ),
    "image without text": (
        "nl/faq.md",
        "\n![](../assets/logo.png)\n",
        "docs/nl/faq.md:{line}: image: the image ../assets/logo.png has no alternative text.",
    ),
}


@pytest.mark.engine
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_link_or_image_stops_the_build(case, tmp_path):
    page, addition, expected = BROKEN[case]
    # The addition starts with a blank line: the broken line comes right after it.
    line = (ROOT / "docs" / page).read_text(encoding="utf-8").count("\n") + 2
    result = build_changed_copy(tmp_path, (f"docs/{page}", lambda text: text + addition))
    assert result.returncode != 0
    assert expected.format(line=line) in result.stderr, result.stderr[-2000:]


# --- The built site: no internal link of any language answers 404 -------------------------------------------

LINKED = re.compile(r'\s(?:href|src|action)="([^"]*)"')
OWN_HOSTS = {urlsplit(address).netloc for address in ADDRESSES.values()}


def page_path(site: Path, html: Path) -> str:
    """The address a built file answers at, from the site's root: /ar/contact/ for ar/contact/index.html."""
    relative = html.relative_to(site).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def answers(site: Path, path: str) -> bool:
    """Whether the site has a file at an address (a folder's address is its index.html)."""
    target = site / unquote(path).lstrip("/")
    return (
        (target / "index.html").is_file()
        if path.endswith("/")
        else target.is_file() or (target / "index.html").is_file()
    )


def test_no_internal_link_of_any_language_answers_404(site):
    """Every link, script, image and form of every built page and error page, in every language: "all pages"
    led to /<code>/all-pages/ in each of the 14 essentials languages, an address that does not exist."""
    broken, count = {}, 0
    for html in sorted(site.rglob("*.html")):
        if html.relative_to(site).parts[0] in ("assets", "_hosting"):
            continue
        here = page_path(site, html)
        for value in LINKED.findall(html.read_text(encoding="utf-8")):
            target = urlsplit(urljoin("https://site" + here, unescape(value)))
            if target.scheme not in ("http", "https") or (target.netloc != "site" and target.netloc not in OWN_HOSTS):
                continue
            count += 1
            if not answers(site, target.path):
                broken.setdefault(here, set()).add(value)
    assert count > 5000
    assert not broken, broken
