"""Return stories: front matter, the index of each language, the story pages, the filters in a browser."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import LOCALES, ROOT, build_site, copy_project, page_url
from hooks.components.estimator import available_items, rules_data, rules_in_force
from hooks.components.stories import RELATED, load_lists, load_stories, story_context
from hooks.core.data import DataError

LISTS = load_lists()
STORIES = load_stories(ROOT / "docs", LISTS)
SLUGS = sorted(STORIES["fr"])


# --- The stories as data --------------------------------------------------------------------------


def test_at_least_eight_stories_in_every_language_from_five_regions():
    assert len(SLUGS) >= 8
    assert all(sorted(STORIES[locale]) == SLUGS for locale in LOCALES)
    assert len({story["region"] for story in STORIES["fr"].values()}) >= 5


def test_the_stories_show_every_kind_of_support_the_seed_names():
    shown = {kind for story in STORIES["fr"].values() for kind in story["support"]}
    assert {
        "micro_business",
        "job",
        "training",
        "peer_to_peer",
        "health_care",
        "civil_registration",
        "vulnerability",
        "family",
    } <= shown


def test_no_illustrative_story_passes_for_a_real_person():
    assert all(story["illustrative"] is True for locale in LOCALES for story in STORIES[locale].values())


def available(country_code: str, vulnerable: bool) -> set[str]:
    """What the rules in force give to a return to that country (data/estimator.yml, data/countries.yml)."""
    data, countries = rules_data()
    return available_items(rules_in_force(data, datetime.date.today()), countries, country_code, vulnerable)


def test_every_story_names_its_country_by_the_same_code_in_every_language():
    _, countries = rules_data()
    for slug in SLUGS:
        codes = {STORIES[locale][slug]["country_code"] for locale in LOCALES}
        assert len(codes) == 1, (slug, codes)
        assert codes <= set(countries), f"{slug}: {codes} is not in data/countries.yml"


def test_no_story_shows_support_the_rules_deny_to_its_country():
    for slug, story in STORIES["fr"].items():
        items = available(story["country_code"], "vulnerability" in story["support"])
        for kind in story["support"]:
            assert set(LISTS["support"][kind]["needs"]) & items, (slug, kind)


def test_the_rule_examples_hold():
    # A visa-free country without vulnerability: journey and premium only.
    assert not set(LISTS["support"]["training"]["needs"]) & available("AL", vulnerable=False)
    assert set(LISTS["support"]["training"]["needs"]) & available("AL", vulnerable=True)
    assert set(LISTS["support"]["micro_business"]["needs"]) & available("MN", vulnerable=False)
    assert not set(LISTS["support"]["vulnerability"]["needs"]) & available("GE", vulnerable=False)
    assert available("FR", vulnerable=True) == set(), "citizens of the 15 old EU member states get nothing"


# Amounts change with the rules and live in data/; what no 2022 source gives is not told as support.
NOT_IN_A_STORY = re.compile(
    r"\d\s*(€|eur\b|euro)|(€|\beur)\s*\d|subvention salariale|loonsubsidie|wage subsidy|"
    r"suppl[ée]ment|top-up",
    re.I,
)


def test_no_story_writes_an_amount_a_wage_subsidy_or_a_top_up():
    for locale in LOCALES:
        for path in (ROOT / "docs" / locale / "stories").glob("*.md"):
            found = NOT_IN_A_STORY.search(path.read_text(encoding="utf-8"))
            assert not found, f"{path.relative_to(ROOT)}: {found.group(0)!r}"


def test_a_story_links_to_the_newest_few_others_of_its_region_not_to_itself():
    slug = SLUGS[0]
    stories = {locale: dict(STORIES[locale]) for locale in LOCALES}
    region, year = stories["en"][slug]["region"], stories["en"][slug]["year"]
    for number in range(RELATED + 2):  # more stories of the region than a page lists, one year apart
        stories["en"][f"copy-{number}"] = dict(stories["en"][slug], title=f"Copy {number}", year=year + number)
    related = story_context(LISTS, stories, "en", slug)["related"]
    assert [story["slug"] for story in related] == [f"copy-{RELATED + 1 - n}" for n in range(RELATED)]
    assert {story["region"] for story in related} == {region}


def story_project(tmp_path: Path) -> Path:
    """A docs folder with the real stories and the schema, to break one story in it."""
    (tmp_path / "data").mkdir()
    for name in ("stories.schema.json", "stories.yml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    for locale in LOCALES:
        shutil.copytree(ROOT / "docs" / locale / "stories", tmp_path / "docs" / locale / "stories")
    return tmp_path


BAD_FRONT_MATTER = {
    "missing_title": (
        "en",
        "albania-bakery",
        ("title: Arben opened a bakery in Elbasan\n", ""),
        r"^docs/en/stories/albania-bakery\.md:2: \(top of the file\): the field title is missing\. Fix: add title:",
    ),
    "unknown_region": (
        "fr",
        "georgia-diabetes",
        ("region: caucasus", "region: caucase"),
        r"^docs/fr/stories/georgia-diabetes\.md:6: region: 'caucase' is not a known region\. Fix: use one of balkans, caucasus",
    ),
    "country_code_in_lowercase": (
        "fr",
        "georgia-diabetes",
        ("country_code: GE", "country_code: ge"),
        r'^docs/fr/stories/georgia-diabetes\.md:5: country_code: "ge" is not in the expected form\. Fix: write the ISO code of the country of return in capitals',
    ),
    "year_in_words": (
        "nl",
        "guinea-mechanic",
        ("year: 2025", "year: tweeduizend"),
        r'^docs/nl/stories/guinea-mechanic\.md:7: year: "tweeduizend" is not of the expected kind \(integer\)\. Fix: write the year of return as four digits',
    ),
    "unknown_support": (
        "en",
        "mongolia-repair",
        (
            "support: [premium, micro_business, training, peer_to_peer]",
            "support: [premium, micro_business, training, mentoring]",
        ),
        r"^docs/en/stories/mongolia-repair\.md:8: support\[3\]: 'mentoring' is not a known kind of support\. Fix: use one of journey",
    ),
    "no_illustrative_flag": (
        "fr",
        "brazil-journey",
        ("illustrative: true\n", ""),
        r"^docs/fr/stories/brazil-journey\.md:2: \(top of the file\): the field illustrative is missing\. Fix: write true for a composite story",
    ),
    "image_without_alternative_text": (
        "en",
        "congo-family",
        ("illustrative: true\n", "illustrative: true\nimage: {src: market.webp}\n"),
        r"^docs/en/stories/congo-family\.md:11: image: the field alt is missing\. Fix: describe what the image shows",
    ),
    "summary_too_long": (
        "nl",
        "armenia-care",
        ("summary: Hakob heeft een hartziekte.", "summary: " + "Heel lang. " * 25),
        r"^docs/nl/stories/armenia-care\.md:9: summary: the text has \d+ characters, more than 200\. Fix: write one line \(at most 200 characters\)",
    ),
    "yaml_does_not_parse": (
        "fr",
        "congo-family",
        ("region: central_africa", "region: [central_africa"),
        r"^docs/fr/stories/congo-family\.md:\d+: YAML: the text does not parse",
    ),
    "region_differs_between_languages": (
        "nl",
        "north-macedonia-sewing",
        ("region: balkans", "region: caucasus"),
        r"^docs/nl/stories/north-macedonia-sewing\.md:6: region: caucasus differs from balkans in docs/fr/stories/north-macedonia-sewing\.md\. Fix: use the same region in every language",
    ),
    "support_the_rules_deny": (
        "fr",
        "albania-bakery",
        ("support: [journey, premium]", "support: [journey, premium, micro_business]"),
        r"^docs/fr/stories/albania-bakery\.md:\d+: support\[2\]: micro_business needs reintegration or vulnerability_reintegration, "
        r"which the rules of 2022 \(fedasil-2022\) do not give for a return to Albania \(visa_free\)\. Fix: remove it, or tell the story",
    ),
    "country_not_in_the_data": (
        "fr",
        "albania-bakery",
        ("country_code: AL", "country_code: BE"),
        r"^docs/fr/stories/albania-bakery\.md:\d+: country_code: BE is not a country of data/countries\.yml\. Fix:",
    ),
    "no_front_matter": (
        "en",
        "guinea-mechanic",
        ("---\ntitle:", "title:"),
        r"^docs/en/stories/guinea-mechanic\.md:1: front matter: the file does not start with a front matter block\. Fix: start the file with a line '---'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FRONT_MATTER))
def test_bad_front_matter_stops_with_a_message_naming_file_field_problem_and_fix(case, tmp_path, monkeypatch):
    locale, slug, (old, new), expected = BAD_FRONT_MATTER[case]
    project = story_project(tmp_path)
    story = project / "docs" / locale / "stories" / f"{slug}.md"
    text = story.read_text(encoding="utf-8")
    assert old in text, "the case no longer matches the story"
    story.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr("hooks.core.data.ROOT", project)
    with pytest.raises(DataError) as error:
        load_stories(project / "docs", LISTS)
    assert any(re.search(expected, line) for line in error.value.messages), error.value.messages


@pytest.mark.engine
def test_bad_front_matter_and_a_story_missing_in_one_language_stop_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    story = project / "docs" / "en" / "stories" / "albania-bakery.md"
    story.write_text(story.read_text(encoding="utf-8").replace("region: balkans", "region: europe"), encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/en/stories/albania-bakery.md:6: region: 'europe' is not a known region." in result.stderr

    story.unlink()
    result = build_site(project, tmp_path / "out2")
    assert result.returncode != 0
    assert "docs/en/stories/albania-bakery.md: page: missing in this language" in result.stderr


# --- The built index and story pages --------------------------------------------------------------


def read(site, locale, path):
    return (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", LOCALES)
def test_each_index_lists_exactly_its_stories_newest_first_with_their_fields(site, locale):
    html = read(site, locale, "stories/")
    cards = re.findall(r'<li class="stories-card" data-stories-card="([a-z-]+)".*?</li>', html, re.S)
    expected = sorted(STORIES[locale], key=lambda s: (-STORIES[locale][s]["year"], STORIES[locale][s]["title"]))
    assert cards == expected
    for slug in cards:
        story = STORIES[locale][slug]
        block = re.search(rf'data-stories-card="{slug}".*?</li>', html, re.S).group(0)
        assert f'<a href="{slug}/">{escape(story["title"])}</a>' in block  # text from data is escaped
        assert story["country"] in block and str(story["year"]) in block
        assert story["summary"].replace("'", "&#39;") in block or story["summary"] in block
        assert f'data-region="{story["region"]}"' in block


NOTICE = {"fr": "Récit d'illustration", "nl": "Verhaal als voorbeeld", "en": "Illustrative story"}


@pytest.mark.parametrize("locale", LOCALES)
def test_each_story_says_it_is_illustrative_and_links_to_its_support_and_region(site, locale):
    for slug in SLUGS:
        html = read(site, locale, f"stories/{slug}/").replace("&#39;", "'")
        assert f'<p class="stories-notice">{NOTICE[locale]}' in html, slug
        for kind in STORIES[locale][slug]["support"]:
            entry = LISTS["support"][kind]
            href = f"../../{entry['page'][:-3]}/#{entry['anchor']}"
            assert f'href="{href}"' in html, (slug, kind)
            target = read(site, locale, f"{entry['page'][:-3]}/")
            assert f'id="{entry["anchor"]}"' in target, f"{entry['page']} has no section {entry['anchor']}"
        for other in SLUGS:
            same_region = STORIES[locale][other]["region"] == STORIES[locale][slug]["region"]
            assert (f'href="../{other}/"' in html) == (same_region and other != slug), (slug, other)
        assert 'href="tel:+3280032745"' in html.split('class="stories-help"')[1]


# --- In a real browser ----------------------------------------------------------------------------


def visible_cards(tab) -> list[str]:
    return tab.locator("[data-stories-card]:visible").evaluate_all("cards => cards.map(c => c.dataset.storiesCard)")


def expected(locale, region="", support=""):
    return sorted(
        slug
        for slug, story in STORIES[locale].items()
        if (not region or story["region"] == region) and (not support or support in story["support"])
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_filters_narrow_the_list(page, locale):
    tab = page.open(page_url(locale, "stories/"))
    assert sorted(visible_cards(tab)) == SLUGS
    tab.locator("#stories-region").select_option("balkans")
    assert sorted(visible_cards(tab)) == expected(locale, region="balkans")
    tab.locator("#stories-support").select_option("training")
    assert sorted(visible_cards(tab)) == expected(locale, "balkans", "training")
    assert str(len(expected(locale, "balkans", "training"))) in tab.locator("[data-stories-count]").inner_text()
    tab.locator("#stories-region").select_option("")
    tab.locator("#stories-support").select_option("health_care")
    assert sorted(visible_cards(tab)) == expected(locale, support="health_care")
    tab.locator("#stories-region").select_option("latin_america")
    assert visible_cards(tab) == []
    assert tab.locator("[data-stories-none]").is_visible()


def test_the_filters_work_with_the_keyboard(page):
    tab = page.open("/en/stories/")
    tab.locator("#stories-region").focus()
    tab.keyboard.press("ArrowDown")  # the first region after "All regions"
    first_region = tab.locator("#stories-region").input_value()
    assert first_region and sorted(visible_cards(tab)) == expected("en", region=first_region)


def test_without_javascript_the_whole_list_shows(page_without_js):
    tab = page_without_js.open("/nl/stories/")
    assert not tab.locator("[data-stories-filter]").is_visible()
    assert sorted(visible_cards(tab)) == SLUGS
