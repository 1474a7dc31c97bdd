"""Search: data/search.yml and its messages, the index of each language, the list of every page, and in
Chromium the query set of tests/search_queries.yml typed into the real search box, lazy loading, the live
region and the page without JavaScript."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import LOCALES, ROOT, data_messages, html_pages, page_url, policy_watching_tab
from hooks.components.search import SEPARATOR, expansions, fold, groups, load_search, page_documents

GHENT = "{fr: Gand, nl: Gent, en: Ghent}"
GHENT_LINE = (ROOT / "data" / "search.yml").read_text(encoding="utf-8").split(GHENT)[0].count("\n") + 1
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
# What search fetches: the index, the theme's worker and the stemmers it imports.
SEARCH_FILES = ("search_index.json", "/workers/search.", "/lunr/")


# --- Data and the index, without a browser ------------------------------------------------------------


def test_fold_drops_capitals_accents_and_apostrophes():
    assert fold("L’aide à la Réintégration") == "l aide a la reintegration"
    assert fold("demandeur d'asile") == "demandeur d asile"
    assert fold("1.500 €") == "1.500 €"


def test_every_language_finds_the_others_names_and_the_everyday_words():
    found = groups(load_search()["words"], [])
    french = dict((form, word) for forms, word in expansions(found, "fr") for form in forms)
    assert french["antwerpen"] == french["antwerp"] == "anvers"
    assert french["dvz"] == "office des etrangers"
    assert french["bonus"] == "prime"
    dutch = dict((form, word) for forms, word in expansions(found, "nl") for form in forms)
    assert dutch["liege"] == "luik" and dutch["oim"] == "iom" and dutch["cpas"] == "ocmw"


def test_glossary_terms_and_their_wrong_forms_lead_to_the_term():
    term = {
        "fr": "prime de retour",
        "nl": "terugkeerpremie",
        "en": "return premium",
        "also": {"en": ["return premiums"]},
        "avoid": {"en": ["return bonus"], "nl": ["terugkeerbonus"]},
    }
    english = expansions(groups([], [term]), "en")
    assert english == [
        [["prime de retour", "return bonus", "return premiums", "terugkeerbonus", "terugkeerpremie"], "return premium"]
    ]


def test_a_bad_entry_names_its_place_and_the_fix(tmp_path, monkeypatch):
    messages = data_messages(tmp_path, monkeypatch, "search.yml", GHENT, "{fr: Gand, nl: Gent}", load_search)
    assert messages == [
        f"data/search.yml:{GHENT_LINE}: words[2]: the field en is missing. "
        "Fix: add en: with the word as the English pages write it."
    ]


def test_a_form_repeated_in_its_own_entry_is_refused(tmp_path, monkeypatch):
    messages = data_messages(tmp_path, monkeypatch, "search.yml", GHENT, GHENT[:-1] + ", also: [gand]}", load_search)
    assert messages == [
        f"data/search.yml:{GHENT_LINE}: words[2].also: 'gand' is already the entry's fr. Fix: remove it from also."
    ]


def test_a_language_s_stemmer_must_be_one_the_theme_has(monkeypatch):
    """data/languages.yml's search: names a lunr-languages stemmer; one the theme lacks would break that
    language's search in the browser only, so the build stops with the file's line."""
    import yaml

    from hooks.components import search
    from hooks.core.data import DataError
    from hooks.core.locale import languages

    theme = [str(Path(yaml.__file__).parents[1] / "material" / "templates")]
    assert {"en", "fr", "nl", "ar", "ru", "es"} <= search.stemmers(theme) and "ps" not in search.stemmers(theme)
    search.check_stemmers(theme)  # the real languages
    wrong = {code: dict(entry, search="ps" if code == "ps" else entry["search"]) for code, entry in languages().items()}
    monkeypatch.setattr(search, "languages", lambda: wrong)
    with pytest.raises(DataError) as error:
        search.check_stemmers(theme)
    (line,) = error.value.messages
    pashto = next(
        n
        for n, text in enumerate((ROOT / "data" / "languages.yml").read_text(encoding="utf-8").splitlines(), 1)
        if "code: ps," in text
    )
    assert line.startswith(
        f"data/languages.yml:{pashto}: languages[5].search: the theme has no search stemmer 'ps' for ps"
    )
    assert ". Fix: write one of " in line


def test_table_cells_and_list_items_stay_apart_and_each_section_has_its_heading():
    html = """<html><head><title>Contact - Site</title><meta name="description" content="Le numéro."></head>
    <body><article class="md-content__inner md-typeset"><h1>Guichets</h1><p>Intro</p>
    <table><tr><td>gratuit</td><td>0800 32 745</td></tr></table>
    <h2 id="antwerp">Anvers</h2><ul><li>Lundi</li><li>Mardi</li></ul>
    <section data-search-exclude><p>Les mots de cette page</p></section>
    <div class="printing" aria-hidden="true"><p>imprimé</p></div><select><option>Albanie</option></select>
    </article></body></html>"""
    assert page_documents(html, "contact/") == [
        {
            "location": "contact/",
            "title": "Guichets",
            "text": "Le numéro. Intro gratuit 0800 32 745",
            "also": "Contact",
        },
        {"location": "contact/#antwerp", "title": "Anvers", "text": "Lundi Mardi"},
    ]


def test_what_search_leaves_out_ends_where_its_element_ends():
    html = """<html><head><meta charset="utf-8"><title>Page - Site</title></head><body><article>
    <h1 class="title">Titre</h1><section class="x" data-search-exclude><section><p>caché</p></section>
    <p>caché aussi</p></section><p title='a &amp; b'>Montré &amp; gardé</p><svg><path d="M0"/><title>icône</title>
    </svg><p>après<br/>la ligne</p><script>if (a<b) document.write("<p>non</p></section>")</script>
    <h2 id="fin" hidden>Caché</h2><h3 id="suite">Suite</h3><p>fin</p></article></body></html>"""
    assert page_documents(html, "p/") == [
        {"location": "p/", "title": "Titre", "text": "Montré & gardé après la ligne", "also": "Page"},
        {"location": "p/#suite", "title": "Suite", "text": "fin"},
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_index_holds_its_language_s_pages_with_clean_text(site, locale):
    index = json.loads((site / page_url(locale, "search/search_index.json").lstrip("/")).read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == set(html_pages(site, locale)) - {"all-pages/"}
    assert index["config"]["lang"] == [locale] and index["config"]["separator"] == SEPARATOR
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "gratuit0800" not in text and "gratis0800" not in text and "<" not in text
    assert index["expansions"], "the synonyms of data/search.yml and the glossary"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_list_of_every_page_links_every_page_of_its_language(site, locale):
    html = (site / page_url(locale, "all-pages/").lstrip("/") / "index.html").read_text(encoding="utf-8")
    listed = html.split('<ul class="search-index">')[1].split("</ul>")[0]
    for path in html_pages(site, locale):
        if path != "all-pages/":
            target = "../" + path if path else "../"
            assert f'href="{target}"' in listed, f"{page_url(locale, 'all-pages/')} misses {path or 'the home page'}"


# --- In Chromium -------------------------------------------------------------------------------------


def open_search(tab):
    tab.locator(".search__open").click()
    assert tab.locator(".search__input").evaluate("input => input === document.activeElement")


def results(tab, words: str) -> list[str]:
    """Type into the real search box; the addresses of the pages found, in order, once the count is said."""
    tab.locator(".search__input").fill("")
    tab.locator(".search__input").press_sequentially(words)
    tab.wait_for_function(
        """words => document.querySelector('.search__input').value === words
        && document.querySelector('.search__results').dataset.query === words""",
        arg=words,
    )
    return [
        urlsplit(href).path
        for href in tab.locator(".search__results a").evaluate_all("links => links.map(a => a.href)")
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_what_people_type_finds_the_page_among_the_first_three(page, locale):
    tab = page.open(page_url(locale, "journey/"))
    open_search(tab)
    missed = []
    for item in QUERIES[locale]:
        found = results(tab, item["query"])
        assert all(path.startswith(page_url(locale, "")) for path in found), found
        if locale == "fr":
            assert not any(path.startswith(("/nl/", "/en/")) for path in found), found
        first = [path.split("#")[0] for path in found[:3]]
        if page_url(locale, item["page"]) not in first:
            missed.append(f"{item['query']!r} should find {item['page']}, found {first}")
    assert len(QUERIES[locale]) >= 25
    assert not missed, missed


# Chinese writes words without spaces between them: these are words inside sentences of the Chinese page.
CHINESE = ["免费", "回国", "顾问", "自愿回国"]


@pytest.mark.parametrize(
    "locale, query", [("zh", word) for word in CHINESE] + [(code, None) for code in ("ar", "ps", "ru", "uk", "am")]
)
def test_search_finds_the_essentials_page_in_its_own_language(page, locale, query):
    """Stemmed (Russian, Arabic) or plain (Pashto, Ukrainian, Amharic), and Chinese by pairs of characters: a
    word of the page's own text finds the page. Without a query given, the longest word of a heading."""
    tab = page.open(page_url(locale, ""))
    if query is None:
        heading = tab.locator(".md-content h2").nth(1).inner_text()
        query = max(heading.replace("?", " ").replace("؟", " ").split(), key=len)
    open_search(tab)
    found = [path.split("#")[0] for path in results(tab, query)]
    assert page_url(locale, "") in found[:3], (query, found)
    assert all(path.startswith(page_url(locale, "")) for path in found), found


def test_nothing_of_search_loads_before_it_is_opened_and_it_works_after(page):
    tab = page.open("/nl/contact/")
    tab.wait_for_load_state("networkidle")
    assert [url for url in page.requests if any(part in url for part in SEARCH_FILES)] == []
    open_search(tab)
    assert "/nl/contact/" in results(tab, "Anvers")
    loaded = [url for url in page.requests if any(part in url for part in SEARCH_FILES)]
    assert any(url.endswith("/nl/search/search_index.json") for url in loaded)
    assert any("lunr.nl" in url for url in loaded)
    assert page.foreign_requests() == []
    assert not [url for url in page.requests if "Anvers" in url], "what a visitor types stays in the browser"


def test_the_count_and_nothing_found_are_said_with_the_free_number_and_every_page(page):
    tab = page.open("/en/faq/")
    open_search(tab)
    status = tab.locator(".search__status")
    assert status.get_attribute("aria-live") == "polite"
    found = results(tab, "passport")
    assert status.inner_text().strip() == f"{len(found)} pages found"
    assert results(tab, "xqzw") == []
    said = status.inner_text()
    assert said.startswith("No page found for “xqzw”.") and "0800" in said
    assert status.locator('a[href^="tel:"]').is_visible()
    status.locator('a[href="/en/all-pages/"]').click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/en/all-pages/")


def test_results_show_the_page_title_and_a_clean_snippet(page):
    tab = page.open("/")
    open_search(tab)
    results(tab, "numero gratuit")
    first = tab.locator(".search__results li").first
    assert first.locator(".search__title").inner_text() == "Guichets retour et numéro gratuit"
    assert first.locator(".search__snippet mark").first.inner_text().lower() in ("numéro", "gratuit")
    assert "gratuit0800" not in tab.locator(".search__results").inner_text()


def test_search_opens_and_closes_with_the_keyboard(page):
    tab = page.open("/en/journey/")
    tab.locator(".search__open").focus()
    tab.keyboard.press("Enter")
    assert tab.locator(".search__open").get_attribute("aria-expanded") == "true"
    tab.keyboard.type("premium")
    tab.locator(".search__results a").first.wait_for()
    tab.keyboard.press("Escape")
    assert tab.locator(".search__panel").is_hidden()
    assert tab.locator(".search__open").evaluate("button => button === document.activeElement")


def test_without_javascript_a_link_to_every_page_replaces_search(page_without_js):
    tab = page_without_js.open("/nl/journey/")
    assert tab.locator(".search__open").is_hidden()
    link = tab.locator(".search__index-link")
    assert link.is_visible() and link.inner_text().strip() == "Alle pagina's"
    link.click()
    tab.wait_for_load_state("load")
    assert urlsplit(tab.url).path == "/nl/all-pages/"
    assert tab.locator(".search-index a").count() == len(list((ROOT / "docs" / "nl").rglob("*.md"))) - 1


# --- Against the project's nginx: search under the site's own Content-Security-Policy ----------------

KINDS = ["", "journey/", "estimator/", "contact/", "stories/albania-bakery/", "stories/", "all-pages/", "no-such-page/"]


def test_search_breaks_no_content_security_policy_on_any_page_kind(browser, nginx):
    context, tab, console = policy_watching_tab(browser, 390, 844)
    found = {}
    for locale in LOCALES:
        for path in KINDS:
            tab.goto(nginx + page_url(locale, path))
            tab.locator(".search__open").click()
            tab.locator(".search__input").press_sequentially(
                "retour" if locale == "fr" else "terugkeer" if locale == "nl" else "return"
            )
            tab.locator(".search__results a").first.wait_for()
            if tab.evaluate("window.__violations"):
                found[page_url(locale, path)] = tab.evaluate("window.__violations")
    context.close()
    assert found == {} and console == []
