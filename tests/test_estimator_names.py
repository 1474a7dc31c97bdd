"""Every name of a country finds it (data/countries.yml names, CLDR through Babel, estimator.js's matching), the
honest wording of reintegration, and the countries in the search index: unit tests, without a browser."""

from __future__ import annotations

import datetime
import html
import json
import re
import subprocess

import pytest
from babel import Locale

from conftest import ALL_LOCALES, LOCALES, ROOT, data_messages
from hooks.components.estimator import (
    RULES_FILE,
    ambiguous_names,
    countries_document,
    country_name_list,
    fold_characters,
    fold_name,
    load_countries,
    name_index,
    names_data,
    rules_data,
    rules_in_force,
    search_names,
    table_context,
)
from hooks.core.locale import ui

COUNTRIES = load_countries()
NAMES = names_data()
INDEX = name_index(COUNTRIES, NAMES)
CHARACTERS = fold_characters(NAMES)
RULES = rules_in_force(rules_data()[0], datetime.date.today())
FOLD_RULES = {"characters": CHARACTERS, "stop": [], "article": "ال"}


def engine(calls: list) -> list:
    """estimator.js's functions run in Node (tests/estimator_engine.js): [[name, [arguments]]] -> values."""
    from hooks.components.estimator import ARABIC_ARTICLE, STOP_WORDS

    FOLD_RULES.update(stop=sorted(STOP_WORDS), article=ARABIC_ARTICLE)
    payload = {"rules": RULES, "countries": COUNTRIES, "answers": [], "cases": [], "calls": calls}
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "estimator_engine.js")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)["values"]


def found(typed_names: list[str]) -> list[dict]:
    """What the page's matching finds for each typed name: {key, codes, suggestions}."""
    by_key = engine([["nameIndex", [{code: " ".join(keys) for code, keys in INDEX.items()}]]])[0]
    return engine([["findCountry", [typed, by_key, FOLD_RULES]] for typed in typed_names])


# --- The names --------------------------------------------------------------------------------------------


def test_every_country_has_its_cldr_name_in_every_language_of_the_site_and_each_finds_it():
    for code in COUNTRIES:
        for locale in ALL_LOCALES:
            name = {**Locale("en").territories, **Locale.parse(locale).territories}[code]
            assert fold_name(name, CHARACTERS) in INDEX[code], (code, locale, name)
    assert sum(len(keys) for keys in INDEX.values()) > 2000


# The names of issue 28 that the estimator refused, and more everyday, former, short and other-script names.
EVERYDAY = {
    "Turkey": "TR",
    "Türkiye": "TR",
    "DR Congo": "CD",
    "DRC": "CD",
    "RDC": "CD",
    "RD Congo": "CD",
    "République démocratique du Congo": "CD",
    "Zaïre": "CD",
    "Congo-Brazzaville": "CG",
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Palestine": "PS",
    "Gaza": "PS",
    "Myanmar": "MM",
    "Burma": "MM",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Czech Republic": "CZ",
    "Afganistan": "AF",
    "سورية": "SY",
    "مغرب": "MA",
    "المغرب": "MA",
    "أفغانستان": "AF",
    "افغانستان": "AF",
    "中國": "CN",
    "中国": "CN",
    "剛果民主共和國": "CD",
    "Kosova": "XK",
    "Kosovë": "XK",
    "Srbija": "RS",
    "Србија": "RS",
    "Монгол Улс": "MN",
    "Монгол": "MN",
    "Шри Ланка": "LK",
    "Sri Lanka": "LK",
    "Guinée-Conakry": "GN",
    "Guinée-Bissau": "GW",
    "ኢትዮጵያ": "ET",
    "ኤርትራ": "ER",
    "Shqipëria": "AL",
    "the Gambia": "GM",
    "Bosnia": "BA",
    "UK": "GB",
    "Holland": "NL",
}


def test_everyday_former_short_and_other_script_names_find_their_country():
    results = found(list(EVERYDAY))
    wrong = {
        typed: result
        for (typed, code), result in zip(EVERYDAY.items(), results, strict=True)
        if result["codes"] != [code]
    }
    assert not wrong


def test_the_names_two_countries_share_are_the_congos_and_the_koreas_and_ask_which():
    shared = ambiguous_names(INDEX)
    assert {tuple(codes) for codes in shared.values()} == {("CD", "CG"), ("KP", "KR")}, shared
    assert [result["codes"] for result in found(["Congo", "Kongó", "Конго", "الكونغو", "刚果", "Korea"])] == [
        ["CD", "CG"],
        ["CD", "CG"],
        ["CD", "CG"],
        ["CD", "CG"],
        ["CD", "CG"],
        ["KP", "KR"],
    ]


MISTYPED = {
    "Afghanstan": "AF",  # a letter missing
    "Afgahnistan": "AF",  # two letters swapped
    "Marokoo": "MA",
    "Tunnisia": "TN",
    "Gineea": "GN",
    "Ethiopa": "ET",
    "Eritraea": "ER",
    "Albanja": "AL",
    "Moroco": "MA",
    "Syrja": "SY",
}


def test_two_typing_mistakes_in_a_name_of_six_letters_or_more_suggest_it_and_a_short_name_needs_its_letters():
    results = found(list(MISTYPED) + ["Irak", "Irag", "Afgh", "Mal", "Xyzzyland", "Afghnstnn"])
    for (typed, code), result in zip(MISTYPED.items(), results, strict=False):
        assert result["codes"] == [] and code in result["suggestions"], (typed, result)
        assert len(result["suggestions"]) <= 3
    irak, irag, afgh, mal, nothing, three = results[len(MISTYPED) :]
    assert irak["codes"] == ["IQ"], "Irak is the French and Dutch name"
    assert "IQ" not in irag["suggestions"], "no typing mistake allowed in a name of four letters"
    assert afgh["suggestions"] == ["AF"], "a beginning suggests its country"
    assert mal["suggestions"] == [], (
        "a beginning that Mali, Malawi, Malaysia, Malta and the Maldives share says nothing"
    )
    assert nothing["suggestions"] == []
    assert "AF" not in three["suggestions"], "three mistakes are another word"


def test_the_page_folds_every_name_as_the_build_does():
    """estimator.js's foldName and hooks/components/estimator.py's fold_name give the same fold of every name the data
    holds: the page matches what the build wrote."""
    from hooks.components.estimator import ARABIC_ARTICLE, STOP_WORDS

    rules = {"characters": CHARACTERS, "stop": sorted(STOP_WORDS), "article": ARABIC_ARTICLE}
    names = sorted({name for code in COUNTRIES for _, name in country_name_list(code, NAMES)})
    values = engine([["foldName", [name, rules]] for name in names])
    different = {name: (value, fold_name(name, CHARACTERS)) for name, value in zip(names, values, strict=True)}
    assert len(names) > 3000
    assert not {name: pair for name, pair in different.items() if pair[0] != pair[1]}


def test_folding_drops_case_accents_punctuation_articles_and_script_differences():
    same = [
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("The Gambia", "gambia"),
        ("Pays-Bas", "les pays bas"),
        ("أفغانستان", "افغانستان"),
        ("سورية", "سوريه"),
        ("المغرب", "مغرب"),
        ("ایران", "إيران"),
        ("Србија", "Srbija"),
        ("Црна Гора", "Crna Gora"),
        ("中國", "中国"),
        ("Hong-Kong", "hongkong"),
    ]
    for one, other in same:
        assert fold_name(one, CHARACTERS) == fold_name(other, CHARACTERS), (one, other)


def test_the_cldr_variants_are_in_the_data_and_as_cldr_writes_them():
    variants = NAMES["cldr"]["variants"]
    assert variants["TR"]["en"] == ["Turkey"] and variants["CD"]["fr"] == ["Congo (RDC)"]
    assert variants["CI"]["en"] == ["Ivory Coast"] and variants["SZ"]["en"] == ["Swaziland"]
    assert "CLDR 48" in NAMES["cldr"]["source"]
    han = NAMES["cldr"]["han"]
    assert dict(zip(han["traditional"], han["simplified"], strict=True))["國"] == "国"
    kinds = {source.split(":")[0] for source, _ in country_name_list("XK", NAMES)}
    assert kinds == {"cldr", "endonym", "everyday"}
    assert ("endonym", "Kosovë") in country_name_list("XK", NAMES)


BAD_NAMES = {
    "everyday_name_of_a_country_not_listed": (
        "      NL: [Holland, Hollande]",
        "      NL: [Holland, Hollande]\n      QQ: [Atlantis]",
        r"^data/countries\.yml:\d+: names\.everyday\.countries\.QQ: QQ is not a country of the groups above\. Fix: write the code of a country listed in groups:",
    ),
    "same_name_twice": (
        "      NL: [Holland, Hollande]",
        "      NL: [Holland, Hollande, HOLLAND]",
        r'^data/countries\.yml:\d+: names\.everyday\.countries\.NL\[2\]: "HOLLAND" is already found by "Holland" \(capitals, accents and spaces do not count\)\. Fix: remove it',
    ),
    "name_without_letters": (
        "      NL: [Holland, Hollande]",
        '      NL: [Holland, Hollande, "--"]',
        r'^data/countries\.yml:\d+: names\.everyday\.countries\.NL\[2\]: "--" has no letter that finds a country\. Fix: write the name',
    ),
    "names_not_in_a_list": (
        "      NL: [Holland, Hollande]",
        "      NL: Holland",
        r'^data/countries\.yml:\d+: names\.everyday\.countries\.NL: "Holland" is not of the expected kind \(array\)\. Fix: list the names in brackets',
    ),
    "code_in_lower_case": (
        "      NL: [Holland, Hollande]",
        "      nl: [Holland, Hollande]",
        r"^data/countries\.yml:\d+: names\.everyday\.countries.*Fix: write the country's two-letter ISO code in capitals",
    ),
    "traditional_and_simplified_of_other_lengths": (
        '      simplified: "亚',
        '      simplified: "亚亚',
        r"^data/countries\.yml:\d+: names\.cldr\.han: traditional and simplified do not have as many characters\. Fix: make it again with python -m hooks\.tools\.country_names cldr-names",
    ),
    "checked_in_the_future": (
        '    checked: "2026-12-07"\n    countries:',
        '    checked: "2099-01-01"\n    countries:',
        r"^data/countries\.yml:\d+: names\.everyday\.checked: 2099-01-01 is in the future\. Fix: write the day the names were really checked",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_NAMES))
def test_a_bad_name_stops_with_one_line_naming_file_place_problem_and_fix(case, tmp_path, monkeypatch):
    old, new, expected = BAD_NAMES[case]
    messages = data_messages(tmp_path, monkeypatch, "countries.yml", old, new, countries_document)
    assert any(re.search(expected, line) for line in messages), messages


def test_the_command_makes_the_cldr_names_again_as_they_are(tmp_path):
    """The generated part of data/countries.yml is what `python -m hooks.tools.country_names cldr-names` writes: made
    again from a folder holding the same CLDR files and Unihan's variants, it comes out the same."""
    from hooks.tools.country_names import GENERATED_END, GENERATED_START, cldr_variants

    text = (ROOT / "data" / "countries.yml").read_text(encoding="utf-8")
    block = text[text.index(GENERATED_START) : text.index(GENERATED_END)]
    assert block.count("\n      ") >= len(NAMES["cldr"]["variants"])
    folder = tmp_path / "cldr"
    for locale, forms in {"en": {"TR-alt-variant": "Turkey", "TR": "Türkiye", "UN-alt-short": "UN"}}.items():
        (folder / "main" / locale).mkdir(parents=True)
        territories = {"main": {locale: {"localeDisplayNames": {"territories": forms}}}}
        (folder / "main" / locale / "territories.json").write_text(json.dumps(territories), encoding="utf-8")
    from hooks.tools import country_names

    original = country_names.name_locales
    country_names.name_locales = lambda: ["en"]
    try:
        assert cldr_variants(folder, list(COUNTRIES)) == {"TR": {"en": ["Turkey"]}}
    finally:
        country_names.name_locales = original


# --- Reintegration, honestly ------------------------------------------------------------------------------


def test_reintegration_for_visa_required_countries_is_possible_and_the_counsellor_checks_the_situation():
    items = {item["id"]: item for item in RULES["items"]}
    assert items["reintegration"]["certainty"] == "possible"
    assert items["reintegration"]["depends_on"] == ["status", "vulnerability"]
    assert items["vulnerability_reintegration"]["instead_of"] == "reintegration"
    assert any("Aide à la réintégration" in source for source in RULES["sources"])
    for locale in ALL_LOCALES:
        strings = ui(locale, "estimator")
        row = next(row for row in table_context(RULES, locale)["rows"] if row["id"] == "reintegration")
        cell, conditions = html.unescape(row["cells"][0]), html.unescape(row["conditions"])
        assert cell == strings["possible"].format(text=strings["amount_unknown"]), locale
        assert strings["counsellor_checks"] in conditions and strings["everyone"] not in conditions


def test_the_leaflet_says_reintegration_is_possible_in_every_language():
    for locale in ALL_LOCALES:
        text = ui(locale, "leaflet")["offer_reintegration"]
        assert ui(locale, "estimator")["counsellor_checks"].lower() in text.lower(), locale


def test_an_item_standing_in_for_an_item_the_set_lacks_stops_the_build(tmp_path, monkeypatch):
    from hooks.components.estimator import load_rules

    messages = data_messages(
        tmp_path,
        monkeypatch,
        "estimator.yml",
        "        when: vulnerable\n        instead_of: reintegration\n        amounts:\n          visa_free: null\n          eu: null",
        "        when: vulnerable\n        instead_of: premiums\n        amounts:\n          visa_free: null\n          eu: null",
        load_rules,
    )
    assert any(re.search(r"items\[6\]\.instead_of: .*Fix:", line) for line in messages), messages
    assert RULES_FILE.exists()


# --- Search -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_each_language_s_index_has_every_country_at_the_estimator_with_its_code(site, locale):
    folder = site if locale == LOCALES[0] else site / locale
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    countries = {
        doc["location"].split("=")[1]: doc for doc in docs if doc["location"].startswith("estimator/#destination=")
    }
    assert set(COUNTRIES) <= set(countries)
    names = {**Locale("en").territories, **Locale.parse(locale).territories}
    assert countries["TR"]["title"] == names["TR"]
    assert "Turkey" in countries["TR"]["also"] + countries["TR"]["title"]
    # The words that are not names stay out: a search for visas does not bring 198 countries.
    assert not any("visa" in doc["text"].lower() for doc in countries.values())
    shared = [doc for code, doc in countries.items() if len(code) != 2]
    assert shared and docs.index(shared[0]) < docs.index(countries["CD"])
    # A name CLDR lacks in the language is its more language's, marked so that search.js gives it its lang.
    if locale == "ff":
        assert (countries["SS"]["title"], countries["SS"]["lang"]) == ("Soudan du Sud", "fr")
    assert all(doc.get("lang") in (None, "fr", "en") for doc in countries.values())


def test_search_names_hold_the_language_s_the_full_languages_the_endonyms_and_everyday_names():
    names = search_names("MA", "ar", NAMES)
    assert {"المغرب", "Maroc", "Marokko", "Morocco", "مغرب"} <= set(names)
    assert "Marruecos" not in names, "Spanish names are for the Spanish index"
    assert "Marruecos" in search_names("MA", "es", NAMES)
