"""The glossary: the fixed terms of the programme, each explained in one plain sentence.

Layers: the data and its editors' messages; the functions that find a term's first appearance; the built
pages (the glossary page, a page's "Words on this page"); and a real browser with the keyboard, without
JavaScript and on paper.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import LOCALES, ROOT, build_changed_copy, data_messages, page_url
from hooks.components.glossary import (
    check_definitions,
    check_ui_texts,
    glossary,
    glossary_context,
    load_glossary,
    mark_terms,
    rules,
    wrong_terms,
)
from hooks.components.typography import french_html
from hooks.core.locale import collation_key

TERMS = glossary()["terms"]
BY_ID = {term["id"]: term for term in TERMS}


def marked(html: str, locale: str = "en") -> list[str]:
    """The text of each term linked to its definition, in order."""
    return re.findall(r'<a class="glossary-term"[^>]*>([^<]*)</a>', mark_terms(html, locale)[0])


# --- Data -----------------------------------------------------------------------------------------


def test_every_term_the_issue_names_is_there_with_a_definition_in_each_language():
    for wanted in (
        "immigration-office",
        "caritas-international",
        "iom",
        "transit",
        "top-up",
        "procedure",
        "cpas-ocmw",
        "return-desk",
        "return-premium",
        "reintegration-support",
    ):
        assert wanted in BY_ID, wanted
    for term in TERMS:
        for locale in LOCALES:
            definition = term["definition"][locale]
            # One sentence: it ends with a full stop and has no other sentence end inside.
            assert definition.endswith("."), (term["id"], locale)
            assert not re.search(r"[.!?] [A-ZÀ-Ý]", definition[:-1]), (term["id"], locale)
    assert BY_ID["iom"]["fr"] == "OIM" and BY_ID["cpas-ocmw"]["nl"] == "OCMW"


def test_no_page_no_interface_text_and_no_definition_uses_an_avoided_form():
    current = rules()
    for locale in LOCALES:
        for page in (ROOT / "docs" / locale).rglob("*.md"):
            assert wrong_terms(page.read_text(encoding="utf-8"), locale, str(page), current) == []
    assert check_ui_texts(current) == []
    assert check_definitions(current) == []


def test_a_wrong_form_is_found_whatever_its_capitals_but_only_as_whole_words():
    current = rules()
    found = wrong_terms("Ga naar het Terugkeerbalie.\nterugkeerbalies", "nl", "docs/nl/x.md", current)
    assert found == [
        "docs/nl/x.md:1: glossary: 'Terugkeerbalie' is not the term this site uses. "
        "Fix: write 'terugkeerloket' (data/glossary.yml)."
    ]
    assert wrong_terms("a return office", "fr", "x", current) == []  # English forms are not checked in French


def test_a_definition_missing_in_one_language_is_named_in_one_line(tmp_path, monkeypatch):
    line = '      nl: "Extra steun bovenop de hulp om opnieuw te beginnen'
    text = (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
    number = text[: text.index(line)].count("\n")  # the line of definition:, just above fr:
    messages = data_messages(tmp_path, monkeypatch, "glossary.yml", line, "      # nl: missing", load_glossary)
    assert messages == [
        f"data/glossary.yml:{number - 1}: terms[{list(BY_ID).index('top-up')}].definition: "
        "the field nl is missing. Fix: add nl: with one plain sentence in Dutch that explains the term."
    ]


def test_a_term_without_a_language_is_refused(tmp_path, monkeypatch):
    messages = data_messages(tmp_path, monkeypatch, "glossary.yml", "    nl: terugkeerloket\n", "", load_glossary)
    assert messages == ["data/glossary.yml:19: terms[0]: the field nl is missing. Fix: add nl: with the Dutch term."]


def test_a_form_given_to_two_terms_is_refused(tmp_path, monkeypatch):
    messages = data_messages(
        tmp_path, monkeypatch, "glossary.yml", "en: [top-ups]", "en: [top-ups, transit]", load_glossary
    )
    assert len(messages) == 1
    assert re.fullmatch(
        r"data/glossary\.yml:\d+: terms\[\d+\]\.also\.en: 'transit' is already a form of "
        r"terms\[\d+\] \(transit\)\. Fix: keep each form under one term only\.",
        messages[0],
    )


def test_a_definition_that_uses_an_avoided_form_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "glossary.yml"
    text = (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("where a counsellor tells you", "where a return counter tells you", 1), encoding="utf-8"
    )
    problems = check_definitions(rules(), bad)
    assert len(problems) == 1 and problems[0].endswith(
        ": glossary: 'return counter' is not the term this site uses. Fix: write 'return desk' (data/glossary.yml)."
    )


# --- Finding the first appearance -------------------------------------------------------------------


def test_only_the_first_appearance_of_a_term_is_marked_and_the_page_gets_its_words():
    html, found = mark_terms("<p>Ask IOM. Then IOM books the flight.</p><p>IOM again, and transit.</p>", "en")
    assert html.count('class="glossary-term"') == 2
    assert [term["id"] for term in found] == ["iom", "transit"]
    assert (
        '<a class="glossary-term" id="glossary-ref-iom" href="#glossary-words-iom" '
        'aria-describedby="glossary-words-iom-text">IOM</a> books'
    ) not in html
    assert html.startswith(
        '<p>Ask <a class="glossary-term" id="glossary-ref-iom" href="#glossary-words-iom" '
        'aria-describedby="glossary-words-iom-text">IOM</a>.'
    )


def test_a_term_in_a_heading_a_link_code_or_a_component_is_not_marked_and_the_next_one_is():
    html = (
        '<h1 id="iom">IOM</h1><h2>About <em>transit</em></h2><p><a href="x/">IOM</a> <code>IOM</code></p>'
        '<div class="estimator" data-module="estimator"><table><tr><td>IOM</td></tr></table></div>'
        '<p class="admonition-title">IOM</p><p class="layout-stale">IOM</p>'
        "<pre><code>transit</code></pre><p>Here IOM, <strong>transit</strong>.</p>"
    )
    assert marked(html) == ["IOM", "transit"]
    assert mark_terms(html, "en")[0].index("glossary-term") > html.index("Here")
    # A page's own definition list defines its terms itself.
    assert marked("<dl><dt>transit</dt><dd>a stop; see IOM</dd></dl>") == ["IOM"]


def test_terms_match_whole_words_only():
    assert marked("<p>procedures and a procedural step</p>") == ["procedures"]
    assert marked("<p>a procedural step, transits, pre-transit</p>") == []
    assert marked("<p>two top-ups</p>") == ["top-ups"]  # a form of top-up, not "top-up" and a stray "s"


def test_capitals_count_only_for_forms_written_in_capitals():
    assert marked("<p>Transit and Reintegration Support</p>") == ["Transit", "Reintegration Support"]
    assert marked("<p>iom, Iom, cpas</p>") == []  # IOM and CPAS are acronyms: another word in lower case
    assert marked("<p>Iom and IOM</p>") == ["IOM"]


def test_french_elisions_and_both_apostrophes_are_understood():
    assert marked("<p>Demandez à l'OIM.</p>", "fr") == ["OIM"]
    assert marked("<p>Demandez à l’OIM, puis à l’Office des étrangers.</p>", "fr") == ["OIM", "Office des étrangers"]
    assert marked("<p>les demandeurs d’asile et un centre d'accueil</p>", "fr") == [
        "demandeurs d’asile",
        "centre d'accueil",
    ]
    assert marked("<p>un numéro\ngratuit</p>", "fr") == ["numéro\ngratuit"]  # a line break between words


def test_the_longest_form_wins():
    assert marked("<p>a public social welfare centre (CPAS/OCMW) or a CPAS</p>") == [
        "public social welfare centre (CPAS/OCMW)"
    ]
    assert marked("<p>Caritas International and Caritas</p>") == ["Caritas International"]


def test_the_glossary_page_lists_the_terms_in_the_order_of_the_language():
    context = glossary_context(TERMS, "fr")
    names = [entry["term"] for entry in context["entries"]]
    assert names == sorted(names, key=lambda name: collation_key(name, "fr"))
    assert names.index("Office des étrangers") < names.index("OIM")  # accents and capitals do not count
    assert len(names) == len(TERMS)


# --- The built site ---------------------------------------------------------------------------------


def read(site, locale: str, path: str) -> str:
    return (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_glossary_page_lists_every_term_with_its_id_and_definition(site, locale):
    html = read(site, locale, "glossary/")
    entries = re.findall(r'<dt id="([a-z0-9-]+)"><dfn>([^<]*)</dfn></dt>\s*<dd>([^<]*)</dd>', html)
    assert sorted(entry[0] for entry in entries) == sorted(BY_ID)
    for term_id, term, definition in entries:
        assert unescape(term) == BY_ID[term_id][locale]
        expected = BY_ID[term_id]["definition"][locale]
        # French pages get their no-break spaces before ':' and '?' at build time (hooks/components/typography.py).
        assert unescape(definition) == (french_html(expected) if locale == "fr" else expected)
    assert 'class="glossary-term"' not in html  # the glossary page itself does not link its words


@pytest.mark.parametrize("locale", LOCALES)
def test_a_page_defines_the_terms_it_uses_at_their_first_appearance(site, locale):
    html = read(site, locale, "journey/")
    term = BY_ID["transit"]
    links = re.findall(
        r'<a class="glossary-term" id="glossary-ref-transit" href="#glossary-words-transit" '
        r'aria-describedby="glossary-words-transit-text">',
        html,
    )
    assert len(links) == 1
    definition = re.search(
        r'<dt id="glossary-words-transit"><dfn>([^<]*)</dfn></dt>\s*'
        r'<dd><span id="glossary-words-transit-text">([^<]*)</span>',
        html,
    )
    assert definition and unescape(definition.group(1)) == term[locale]
    assert unescape(definition.group(2)) == term["definition"][locale]
    assert 'href="#glossary-ref-transit"' in html
    # No heading holds a marked term, and every marked term has its definition on the page.
    assert not re.search(r"<h[1-6][^>]*>(?:(?!</h[1-6]>).)*glossary-term", html, re.S)
    for term_id in re.findall(r'id="glossary-ref-([a-z0-9-]+)"', html):
        assert f'id="glossary-words-{term_id}-text"' in html, term_id
    assert re.search(r'<p class="glossary-words__all"><a href="\.\./glossary/">', html)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_components_of_the_site_are_left_alone(site, locale):
    components = re.compile(
        r'<table class="(?:estimator-rules|desks-areas)[^"]*">.*?</table>'
        r'|<article class="desks-desk".*?</article>|<form class="(?:estimator|desks|stories)-.*?</form>'
        r'|<span class="desks-toll-free">.*?</span>|<ul class="stories-list">.*?</ul>',
        re.S,
    )
    seen = 0
    for path in ("premium/", "reintegration/", "estimator/", "contact/", "stories/", ""):
        for component in components.findall(read(site, locale, path)):
            seen += 1
            assert "glossary-term" not in component, (path, component[:80])
    assert seen >= 8  # the pattern still finds the components


@pytest.mark.engine
def test_a_page_can_link_to_a_term_of_the_glossary_and_a_wrong_anchor_is_named(tmp_path):
    result = build_changed_copy(
        tmp_path,
        (
            "docs/en/faq.md",
            lambda text: text + "\nSee [IOM](glossary.md#iom) and [the premium](glossary.md#return-bonus).\n",
        ),
    )
    assert result.returncode != 0
    missing = [line for line in (result.stdout + result.stderr).splitlines() if "has no section" in line]
    assert len(missing) == 1, missing  # #iom is a section of the glossary page
    assert "docs/en/faq.md:" in missing[0] and "glossary.md has no section #return-bonus" in missing[0]


# --- In a browser -------------------------------------------------------------------------------------


def test_a_definition_is_reached_with_the_keyboard_and_back(page):
    from playwright.sync_api import expect

    from test_accessibility import focus_by_tab, focus_is_visible

    tab = page.open("/en/journey/")
    focus_by_tab(tab, "a.glossary-term#glossary-ref-transit", limit=120)
    assert focus_is_visible(tab)
    # A screen reader reads the definition with the term, without leaving the text.
    expect(tab.locator("#glossary-ref-transit")).to_have_accessible_description(BY_ID["transit"]["definition"]["en"])
    tab.keyboard.press("Enter")
    tab.wait_for_function("location.hash === '#glossary-words-transit'")
    definition = tab.locator("#glossary-words-transit-text")
    assert definition.is_visible() and definition.text_content() == BY_ID["transit"]["definition"]["en"]
    assert tab.evaluate("() => document.querySelector('#glossary-words-transit').matches(':target')")
    # Tab goes on from the definition to its way back.
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.getAttribute('href')") == "#glossary-ref-transit"
    tab.keyboard.press("Enter")
    tab.wait_for_function("location.hash === '#glossary-ref-transit'")


def test_the_definitions_work_without_javascript(page_without_js):
    tab = page_without_js.open("/nl/journey/")
    tab.locator("a.glossary-term#glossary-ref-transit").click()
    assert tab.url.endswith("#glossary-words-transit")
    assert tab.locator("#glossary-words-transit-text").is_visible()


def test_the_definitions_are_printed_without_their_links(page):
    tab = page.open("/journey/")
    tab.emulate_media(media="print")
    assert tab.locator("#glossary-words-title").is_visible()
    assert tab.locator("#glossary-words-transit-text").is_visible()
    assert tab.locator(".glossary-words__back").first.is_hidden()
    assert tab.locator(".glossary-words__all").is_hidden()


@pytest.mark.parametrize("locale", LOCALES)
def test_search_finds_a_definition_on_the_glossary_page_only(site, locale):
    import json

    index = json.loads((site / page_url(locale, "search/search_index.json").lstrip("/")).read_text(encoding="utf-8"))
    definition = BY_ID["transit"]["definition"][locale]
    assert {doc["location"].split("#")[0] for doc in index["docs"] if definition in unescape(doc["text"])} == {
        "glossary/"
    }
