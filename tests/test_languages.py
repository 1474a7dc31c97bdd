"""The languages of the site (data/languages.yml, hooks/components/languages.py): every language has its essential pages,
says its language and direction, lists the others, mirrors right to left, and draws every script."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ALL_LOCALES, ESSENTIAL_LOCALES, ESSENTIALS, LANGUAGES, LOCALES, ROOT, page_url
from hooks.checks.translations import confirm, fingerprint, status
from hooks.components.languages import link_missing_pages  # noqa: E402
from hooks.core.data import DataError, load_checked  # noqa: E402
from hooks.core.locale import check_languages, format_money, load_texts, texts, ui  # noqa: E402
from hooks.tools.translations import print_status  # noqa: E402

BY_CODE = {language["code"]: language for language in LANGUAGES["languages"]}
RIGHT_TO_LEFT = [code for code, language in BY_CODE.items() if language["dir"] == "rtl"]


def own_path(locale: str, page: str) -> str:
    """'estimator.md' -> 'estimator/', 'index.md' -> ''."""
    return "" if page == "index.md" else page.removesuffix(".md") + "/"


def built(site: Path, locale: str, path: str) -> str:
    folder = site if locale == "fr" else site / locale
    return (folder / path / "index.html").read_text(encoding="utf-8")


# --- The list of languages ----------------------------------------------------------------------------


def test_the_seventeen_languages_of_the_programme_three_of_them_right_to_left():
    assert len(ALL_LOCALES) == 17
    assert LOCALES == ("fr", "nl", "en") and ALL_LOCALES[:3] == LOCALES
    assert sorted(RIGHT_TO_LEFT) == ["ar", "fa", "ps"]
    assert all(
        BY_CODE[code]["scope"] == "essentials" and BY_CODE[code]["more"] in LOCALES for code in ESSENTIAL_LOCALES
    )


BAD_LANGUAGES = {
    "twice": (lambda data: data["languages"].append(dict(data["languages"][5])), "is listed twice"),
    "no more": (lambda data: data["languages"][5].pop("more"), "has no more:"),
    "unknown code": (lambda data: data["languages"][5].update(code="qq"), "CLDR has no data for qq"),
    "French not first": (lambda data: data["languages"].reverse(), "the first language must be French"),
    "more not full": (lambda data: data["languages"][5].update(more="ar"), "ar is not a full language"),
    "bad direction": (lambda data: data["languages"][5].update(dir="right"), "ltr (left to right) or rtl"),
    "no state": (lambda data: data["languages"][5].pop("state"), "the field state is missing. Fix: write draft"),
    "unknown state": (lambda data: data["languages"][5].update(state="done"), '"done" is not one of draft'),
    "French draft": (lambda data: data["languages"][0].update(state="draft"), "French is the site's first language"),
    "more a draft": (lambda data: data["languages"][2].update(state="draft"), "en is a draft: its pages are not"),
}


@pytest.mark.parametrize("case", sorted(BAD_LANGUAGES))
def test_a_bad_language_list_stops_with_one_line_naming_file_place_problem_and_fix(case, tmp_path):
    change, expected = BAD_LANGUAGES[case]
    data = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "languages.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_checked(path, "languages.schema.json", check_languages)
    messages = error.value.messages
    assert any(expected in message for message in messages), messages
    assert all("\n" not in message and "languages.yml" in message and "Fix:" in message for message in messages)


def test_a_missing_interface_text_names_the_file_the_text_and_the_english_to_translate(tmp_path):
    data = yaml.safe_load((ROOT / "data" / "languages" / "ps.yml").read_text(encoding="utf-8"))
    del data["ui"]["desks"]["finder_button"]
    path = tmp_path / "ps.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_texts("ps", path)
    [message] = error.value.messages
    assert "ps.yml" in message and "finder_button" in message and "Find" in message and "Fix:" in message


def test_a_placeholder_lost_in_translation_stops_the_build(tmp_path):
    data = yaml.safe_load((ROOT / "data" / "languages" / "ru.yml").read_text(encoding="utf-8"))
    data["ui"]["desks"]["finder_result"] = data["ui"]["desks"]["finder_result"].replace("{city}", "")
    path = tmp_path / "ru.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_texts("ru", path)
    assert any("{city}" in message and "finder_result" in message for message in error.value.messages)


def test_money_and_digits_follow_cldr_for_the_language():
    assert format_money(1350, "fa").translate(str.maketrans("", "", "\u200e\u200f\u00a0 ")).startswith(
        "€۱٬۳۵۰"
    ) or "۱" in format_money(1350, "fa")
    assert "۳۵۰" in format_money(350, "ps")
    assert "350" in format_money(350, "ar")
    assert format_money(1350, "ru") == "1\u00a0350\u00a0€"
    assert format_money(1350, "fr") == "1\u202f350\u00a0€"  # the full languages keep data/ui.yml's own rule


def test_a_link_to_a_page_the_language_lacks_goes_to_the_full_language_and_says_so():
    markdown = "Read [the premium](premium.md#amounts) and [the desks](contact.md)."
    out = link_missing_pages(markdown, "ps", "ps/estimator/")
    assert '<a href="../../en/premium/#amounts" hreflang="en">the premium</a>' in out
    assert "[the desks](contact.md)" in out, "a page the language has stays a link within the language"
    name = re.search(r'class="languages-other">\((.+?)\)</span>', out)[1]
    assert name and name != "English", "the language's name is written in Pashto"
    assert link_missing_pages(markdown, "nl", "nl/estimator/") == markdown


# --- Translation status -------------------------------------------------------------------------------


def test_the_status_reports_per_language_what_is_missing_stale_or_not_reviewed():
    import io

    items = {
        "docs/essentials.md": {"fr": "Bonjour", "nl": "Hallo", "en": "Hello", "ps": "سلام", "ar": None},
        "data/ui.yml:layout.menu": {"fr": "Menu", "nl": "Menu", "en": "Menu", "ps": "مینو", "ar": "قائمة"},
    }
    lock = {
        "docs/essentials.md": {"nl": fingerprint("Bonjour"), "en": fingerprint("Ancien"), "ps": fingerprint("Bonjour")},
        "data/ui.yml:layout.menu": {
            "nl": fingerprint("Menu"),
            "en": fingerprint("Menu"),
            "ps": fingerprint("Menu"),
            "ar": {
                "fingerprint": fingerprint("Menu"),
                "reviewed_by": "native-speaking counsellor",
                "reviewed_on": "2026-11-30",
            },
        },
    }
    report = status(items, lock)
    assert report["docs/essentials.md"] == {"fr": "ok", "nl": "ok", "en": "stale", "ps": "unreviewed", "ar": "missing"}
    assert report["data/ui.yml:layout.menu"]["ar"] == "ok" and report["data/ui.yml:layout.menu"]["ps"] == "unreviewed"
    buffer = io.StringIO()
    assert print_status(report, out=buffer) == 1
    out = buffer.getvalue()
    assert re.search(r"^ps Pashto\s+2\s+0\s+0\s+2\s+published$", out, re.M), out
    assert re.search(r"^ar Arabic\s+2\s+1\s+0\s+0\s+published$", out, re.M), out


def test_a_review_records_a_role_and_a_day_and_a_changed_translation_loses_it():
    items = {"docs/essentials.md": {"fr": "Bonjour", "nl": "Hallo", "en": "Hello", "ps": "سلام"}}
    import datetime

    reviewed = confirm(
        items, {}, reviewed_by="native-speaking counsellor", locales=["ps"], today=datetime.date(2026, 12, 1)
    )
    assert reviewed["docs/essentials.md"]["ps"] == {
        "fingerprint": fingerprint("Bonjour"),
        "reviewed_by": "native-speaking counsellor",
        "reviewed_on": "2026-12-01",
    }
    assert status(items, reviewed)["docs/essentials.md"]["ps"] == "ok"
    again = confirm(items, reviewed, locales=["ps"])
    assert again["docs/essentials.md"]["ps"]["reviewed_by"], "confirming an unchanged text keeps its review"
    changed = {"docs/essentials.md": dict(items["docs/essentials.md"], fr="Bonjour à tous")}
    after = confirm(changed, reviewed, locales=["ps"])
    assert after["docs/essentials.md"]["ps"] == fingerprint("Bonjour à tous")
    assert status(changed, after)["docs/essentials.md"]["ps"] == "unreviewed"


# --- The built pages of every language ------------------------------------------------------------------


@pytest.mark.parametrize("locale", ESSENTIAL_LOCALES)
def test_every_language_has_its_essential_pages_and_its_leaflet_pdf(site, locale):
    for page in ESSENTIALS:
        html = built(site, locale, own_path(locale, page))
        assert f'<html lang="{locale}"' in html, page
    assert 'data-module="estimator"' in built(site, locale, "estimator/")
    assert 'data-module="desks"' in built(site, locale, "contact/")
    pdfs = list((site / locale / "leaflet").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].stat().st_size > 10_000
    assert f'href="{pdfs[0].name}"' in built(site, locale, "leaflet/")


def all_pages(site: Path):
    for locale in ALL_LOCALES:
        folder = site if locale == "fr" else site / locale
        for index in folder.rglob("index.html"):
            first = index.relative_to(folder).parts[0]
            if (locale == "fr" and first in ALL_LOCALES) or first in ("assets", "search"):
                continue
            yield locale, index


def test_lang_and_dir_are_right_on_every_page_of_every_language(site):
    count = 0
    for locale, index in all_pages(site):
        html = index.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{locale}"', html), index
        assert f'<body dir="{BY_CODE[locale]["dir"]}"' in html, index
        count += 1
    assert count >= 3 * 16 + 14 * len(ESSENTIALS)


def test_every_page_of_an_essentials_language_lists_every_language_that_has_it(site):
    for locale in ESSENTIAL_LOCALES:
        for page, source in ESSENTIALS.items():
            html = built(site, locale, own_path(locale, page))
            found = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', html))
            assert set(found) == set(ALL_LOCALES) | {"x-default"}, (locale, page)
            assert found[locale] == BY_CODE[locale]["address"] + own_path(locale, page)
            assert found["fr"] == BY_CODE["fr"]["address"] + own_path("fr", source)


def test_the_free_number_is_a_tel_link_on_every_page_of_every_language(site):
    for _locale, index in all_pages(site):
        assert re.search(r'<a [^>]*href="tel:\+32800\d+"', index.read_text(encoding="utf-8")), index


@pytest.mark.parametrize("locale", ["fr", "ps", "zh"])
def test_the_language_page_names_every_language_in_itself_with_lang_and_hreflang(site, locale):
    html = built(site, locale, "languages/")
    for code, language in BY_CODE.items():
        link = re.search(
            rf'<a href="([^"]+)" lang="{code}" hreflang="{code}" dir="{language["dir"]}"[^>]*>{re.escape(language["name"])}</a>',
            html,
        )
        assert link, (locale, code)


def test_every_page_links_to_the_language_page_and_the_bar_keeps_its_own_language(site):
    for locale, index in all_pages(site):
        html = index.read_text(encoding="utf-8")
        bar = re.search(r'<nav class="layout-languages".*?</nav>', html, re.S)[0]
        assert re.search(rf'lang="{locale}" hreflang="{locale}" aria-current="true"', bar), index
        assert 'class="layout-languages__choose"' in bar


def test_an_unreviewed_translation_says_so_in_its_language_and_in_english(site):
    """In one line on each page, linking to the page of languages, which says it whole and in English."""
    english = ui("en", "layout")["unreviewed"]
    for locale in ESSENTIAL_LOCALES:
        html = built(site, locale, "")
        assert texts(locale)["ui"]["layout"]["unreviewed_short"] in html, locale
        assert f'href="../{locale}/languages/#unreviewed"' in html, locale
        whole = built(site, locale, "languages/")
        assert texts(locale)["ui"]["layout"]["unreviewed"] in whole, locale
        assert f'<span lang="en" dir="ltr">{english}</span>' in whole, locale
    assert english not in built(site, "en", "")


def test_each_language_has_its_search_index_with_stemming_where_lunr_knows_the_language(site):
    import json

    for locale in ALL_LOCALES:
        index = json.loads(
            ((site if locale == "fr" else site / locale) / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        stemmer = BY_CODE[locale]["search"]
        assert index["config"]["lang"] == [stemmer or "en"]
        assert index["config"]["pipeline"] == ([] if not stemmer else ["trimmer", "stopWordFilter", "stemmer"])
        assert len(index["docs"]) >= len(ESSENTIALS) - 1, locale


# --- In the browser: right to left, every script, the estimator in other languages ------------------------


def glyph_problems(tab) -> list[str]:
    """Characters of the page that Chromium draws as the missing-glyph box: each character is drawn on a canvas
    in the page's font and compared, pixel for pixel, with a code point that no font has (U+0378)."""
    return tab.evaluate(
        """() => {
            const text = document.querySelector('.md-content').innerText + document.title;
            const chars = [...new Set([...text].filter(c => /\\S/.test(c)))];
            const font = getComputedStyle(document.querySelector('.md-typeset')).fontFamily;
            const draw = (c) => { const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
                const ctx = canvas.getContext('2d'); ctx.font = '32px ' + font; ctx.fillText(c, 4, 36);
                return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(','); };
            const missing = draw('\\u0378');
            return chars.filter(c => draw(c) === missing).map(c => c + ' U+' + c.codePointAt(0).toString(16));
        }"""
    )


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_script_is_drawn_with_the_system_fonts_without_missing_glyphs(page, locale):
    tab = page.open(page_url(locale, ""))
    assert glyph_problems(tab) == [], locale


def test_the_missing_glyph_check_finds_a_character_no_font_has(page):
    tab = page.open(page_url("en", ""))
    tab.evaluate("() => { document.querySelector('.md-content h1').textContent += '\\u0379'; }")
    assert [problem for problem in glyph_problems(tab) if "U+379" in problem]


@pytest.mark.parametrize("locale", ESSENTIAL_LOCALES)
def test_every_leaflet_pdf_embeds_its_fonts_and_its_text_extracts_in_its_own_script(site, locale):
    [pdf] = (site / locale / "leaflet").glob("*.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    title = texts(locale)["ui"]["leaflet"]["title"]
    words = [word for word in re.findall(r"\w{3,}", title) if BY_CODE[locale]["script"] == "Latn" or not word.isascii()]
    assert words and any(word in text for word in words), (locale, title, text[:200])


def geometry(tab) -> dict:
    return tab.evaluate(
        """() => {
            const tel = document.querySelector('.layout-bar a[href^="tel:"]');
            const range = document.createRange(); const node = tel.firstChild;
            range.setStart(node, 0); range.setEnd(node, 1); const first = range.getBoundingClientRect();
            range.setStart(node, node.length - 1); range.setEnd(node, node.length); const last = range.getBoundingClientRect();
            const h1 = document.querySelector('.md-content h1').getBoundingClientRect();
            const content = document.querySelector('.md-content').getBoundingClientRect();
            return {scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
                    telFirst: first.left, telLast: last.left, telDirection: getComputedStyle(tel).direction,
                    h1Right: h1.right, h1Left: h1.left, contentRight: content.right, contentLeft: content.left,
                    h1Align: getComputedStyle(document.querySelector('.md-content h1')).textAlign};
        }"""
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("locale", ["ar", "ps"])
def test_right_to_left_pages_mirror_and_keep_the_phone_number_left_to_right(page, locale, width):
    page.tab.set_viewport_size({"width": width, "height": 900})
    for path in ("", "estimator/", "contact/", "leaflet/", "languages/"):
        tab = page.open(page_url(locale, path))
        found = geometry(tab)
        assert found["scroll"] <= found["width"], (path, "sideways scroll")
        assert found["telDirection"] == "ltr" and found["telFirst"] < found["telLast"], (
            path,
            "0800 reads left to right",
        )
        # The heading starts at the right edge of the content: the layout is mirrored.
        assert abs(found["h1Right"] - found["contentRight"]) < 40, (path, found)
    if width == 1280:
        nav = tab.evaluate("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left")
        assert nav > found["contentLeft"], "the navigation is on the right"


@pytest.mark.parametrize("locale", ["ar", "ps"])
def test_the_estimator_and_the_postcode_finder_work_right_to_left(page, locale):
    page.tab.set_viewport_size({"width": 320, "height": 900})
    tab = page.open(
        page_url(locale, "estimator/") + "#destination=AF&adults=2&children=1&vulnerable=no&previous_support=no"
    )
    tab.reload()
    output = tab.locator("[data-estimator-output]").inner_text()
    assert format_money(350, locale) in output and "NaN" not in output
    tab = page.open(page_url(locale, "contact/"))
    tab.fill("#desks-postcode", "1000")
    tab.press("#desks-postcode", "Enter")
    result = tab.locator("#desks-postcode-message").inner_text()
    city = texts(locale)["data"]["data/desks.yml:desks[brussels].city"]
    assert city in result, result


@pytest.mark.parametrize("locale", ["ar", "ps"])
def test_a_right_to_left_page_prints_to_pdf_in_its_script(page, locale, tmp_path):
    tab = page.open(page_url(locale, "estimator/"))
    pdf = tmp_path / f"{locale}.pdf"
    tab.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    title = texts(locale)["ui"]["estimator"]["form_title"]
    assert any(word in text for word in re.findall(r"\w{3,}", title) if not word.isascii()), text[:300]


def test_a_language_without_the_theme_words_is_named_with_the_file_to_add(tmp_path):
    from hooks.components.languages import theme_words_missing

    assert theme_words_missing([str(ROOT / "overrides"), str(tmp_path)], "ps") is None
    message = theme_words_missing([str(tmp_path)], "ti")
    assert message.startswith("overrides/partials/languages/ti.html: file missing") and "Fix: copy" in message


@pytest.mark.parametrize(("locale", "skip"), [("zh", "跳到正文"), ("mn", "Үндсэн агуулга руу шилжих")])
def test_the_skip_link_says_where_it_leads_and_the_theme_s_other_words_stay(locale, skip, site):
    """Material's "跳转至" ("jump to") and "Агуулгыг алгасах" ("skip the content"): ours says "go to the text";
    every other word of the theme's file stays as the pinned Material writes it."""
    import material

    theme = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{locale}.html"
    ours = ROOT / "overrides" / "partials" / "languages" / f"{locale}.html"
    entries = lambda path: re.findall(r'^  "([^"]+)": (.*)$', path.read_text(encoding="utf-8"), re.M)  # noqa: E731
    differ = {key for (key, value), (_, theirs) in zip(entries(ours), entries(theme), strict=True) if value != theirs}
    assert differ == {"action.skip"}
    html = (site / locale / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'class="md-skip">\s*{skip}\s*</a>', html)


# --- A language's state: draft, published, reviewed ------------------------------------------------------------


def test_a_draft_is_built_for_preview_only_and_linked_from_nowhere(monkeypatch):
    from hooks.components import languages as chooser
    from hooks.core import locale as locales
    from hooks.core.build import served_languages
    from hooks.publishing import metadata

    known, full, drafts = list(ALL_LOCALES) + ["tr"], list(LOCALES), ("tr",)
    assert "tr" not in served_languages("build", known, full, {}, drafts)
    assert "tr" not in served_languages("serve", known, full, {}, drafts)
    assert served_languages("serve", known, full, {"SITE_LANGUAGES": "fr tr"}, drafts) == ["fr", "tr"]
    assert "tr" in served_languages("serve", known, full, {"SITE_LANGUAGES": "all"}, drafts)
    draft = {code: dict(entry) for code, entry in locales.languages().items()}
    draft["ps"]["state"] = "draft"
    for module in (locales, chooser):
        monkeypatch.setattr(module, "languages", lambda: draft)
    assert "ps" not in locales.published_locales()
    assert "ps" not in [code for code, _ in metadata.alternates(locales.home_addresses(), "essentials.md")]
    listed = [
        entry["code"]
        for group in chooser.chooser_context("fr", "/languages/")["groups"]
        for entry in group["languages"]
    ]
    assert "ps" not in listed and "fa" in listed
    head = "<html><head><title>x</title></head></html>"
    assert (
        metadata.noindex_draft(head, "ps")
        == '<html><head>\n<meta name="robots" content="noindex"><title>x</title></head></html>'
    )
    assert metadata.noindex_draft(head, "fa") == head


def add_language_as_the_comments_say(project: Path, state: str) -> None:
    """data/languages.yml's comments: a line (here Turkish), a copy of another language's texts and pages."""
    import shutil

    languages = project / "data" / "languages.yml"
    languages.write_text(
        languages.read_text(encoding="utf-8")
        + f"  - {{code: tr, name: Türkçe, english: Turkish, dir: ltr, script: Latn, scope: essentials, state: {state}, "
        'address: "https://www.voluntaryreturn.be/tr/", more: en, search: tr}\n',
        encoding="utf-8",
    )
    shutil.copy(project / "data" / "languages" / "ru.yml", project / "data" / "languages" / "tr.yml")
    shutil.copytree(project / "docs" / "ru", project / "docs" / "tr")


@pytest.mark.engine
def test_a_copied_language_cannot_be_published_and_stays_a_draft_until_translated(tmp_path):
    """Issue 26: Turkish added as a copy of Russian was published as <html lang="tr"> with Russian text."""
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "published")
    add_language_as_the_comments_say(project, "published")
    result = build_site(project, tmp_path / "refused")
    assert result.returncode != 0
    lines = [
        line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if "a copy not yet translated" in line
    ]
    assert sorted(line.split(":")[0] for line in lines) == [
        "data/languages/tr.yml",
        "docs/tr/contact.md",
        "docs/tr/estimator.md",
        "docs/tr/index.md",
        "docs/tr/languages.md",
        "docs/tr/leaflet.md",
    ], result.stderr
    assert lines[0].startswith("docs/tr/contact.md: page: its text is the text of docs/ru/contact.md, a copy not yet")
    assert all(line.endswith("keep tr in draft until it is (data/languages.yml, state: draft).") for line in lines)
    assert not (tmp_path / "refused" / "tr").exists()

    project = copy_project(tmp_path / "draft")
    add_language_as_the_comments_say(project, "draft")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "tr is a draft" in line]
    assert said and "Still copies of another language: docs/tr/contact.md (= docs/ru/contact.md)," in said[0]
    site = tmp_path / "site"
    assert not (site / "tr").exists(), "a draft is not published"
    assert "/tr/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="tr"' not in built(site, "fr", "essentials") and 'lang="tr"' not in built(site, "fr", "languages")
    assert "tr" not in re.findall(r"\b(tr)\b", (site / "_hosting" / "nginx.conf").read_text(encoding="utf-8"))


def test_a_published_language_says_it_is_not_reviewed_on_its_error_pages_and_its_leaflet():
    from hooks.components import notices

    page = "<h1>لم نجد هذه الصفحة</h1><p>…</p>"
    shown = notices.error_page(page, "ar")
    assert shown.startswith('<h1>لم نجد هذه الصفحة</h1>\n<p class="layout-unreviewed">')
    assert notices.error_page(page, "en") == page
    leaflet = '<p class="leaflet-intro">…</p><h3>'
    assert 'class="layout-unreviewed leaflet-unreviewed" lang="ar" dir="rtl"' in notices.leaflet(leaflet, "ar")


@pytest.mark.parametrize("locale", ESSENTIAL_LOCALES)
def test_every_published_language_s_error_pages_and_leaflet_pdf_say_it_is_not_reviewed(site, locale):
    from pypdf import PdfReader

    notice = texts(locale)["ui"]["layout"]["unreviewed"]
    for name in ("404.html", "500.html"):
        assert notice in (site / locale / name).read_text(encoding="utf-8"), name
    (pdf,) = (site / locale / "leaflet").glob("*.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert "native speaker" in re.sub(r"\s+", " ", reader.pages[0].extract_text())


@pytest.mark.engine
def test_a_mistake_in_the_languages_file_is_one_line_for_mkdocs_and_for_every_tool(tmp_path):
    """The package reads data/languages.yml as it is imported: a mistake there gave a traceback of that import
    (MkDocs loading hooks/events.py, and every `make` tool), the one line at its very end."""
    import sys

    from conftest import build_site, copy_project, edit

    project = copy_project(tmp_path / "project")
    edit(
        project / "data" / "languages.yml",
        lambda text: text.replace("english: Pashto, dir: rtl,", "english: Pashto, dir: rtll,"),
    )
    wanted = 'data/languages.yml:46: languages[5].dir: "rtll" is not one of ltr, rtl. Fix: write ltr'
    built = build_site(project, tmp_path / "out")
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "Traceback" not in output and wanted in output, output[-2000:]
    for tool in ("check", "translations"):
        run = subprocess.run(
            [sys.executable, "-m", f"hooks.tools.{tool}"], cwd=project, capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 1 and run.stderr.startswith(wanted) and "Traceback" not in run.stderr, run.stderr
