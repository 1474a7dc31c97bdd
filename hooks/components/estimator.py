"""The support estimator, from data/estimator.yml (the rules) and data/countries.yml (the countries of return).

Plain functions load and check the rules and the countries, pick the set in force, and build what the
template draws. The rules engine is written twice, on purpose: estimator.js computes a person's support in the
browser, and estimate() here checks the stories at build time, which must not need Node. The two are proven to
agree, not trusted to: tests/test_estimator.py runs both on every case of tests/estimator_cases.yml, every story
and every household households() generates, and fails on any difference. The hook draws the page's markers:
  <!-- estimator -->          the form (filled in by estimator.js) and the table of the rules in force;
  <!-- estimator:rules -->    that table alone (premium and reintegration pages);
  <!-- estimator:history -->  the older rule sets, every amount labelled with its year.
It also writes every country's folded names to assets/estimator-names.json (the same for every language;
estimator.js fetches it when the page's own names do not find what is typed), and gives components/search.py
the countries' names. tools/country_names.py makes the CLDR part of data/countries.yml's names again.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names
from babel.languages import get_official_languages
from markupsafe import Markup, escape

from hooks.components.desks import desks_data, toll_free_context
from hooks.core import build
from hooks.core.build import build_command, site_date  # SITE_DATE: serve previews a later day's rules
from hooks.core.cache import once_per_environment, when_changed
from hooks.core.data import DataError, load_checked
from hooks.core.formats import formats
from hooks.core.locale import ALL_LOCALES, LOCALES, cldr, collation_key, digits, languages, ui
from hooks.core.pages import language_root
from hooks.core.paths import ROOT

RULES_FILE = ROOT / "data" / "estimator.yml"
COUNTRIES_FILE = ROOT / "data" / "countries.yml"
TEMPLATE = "components/estimator.html"
MARKER = re.compile(r"<!--\s*estimator(?::(rules|history))?\s*-->")
AMOUNTS = ("per_adult", "per_child", "per_file")
SITUATIONS = ("asylum_seeker", "refused", "no_procedure")
# The destination groups an "I don't know yet" answer shows side by side, when the set gives them support.
CASES = ("visa_required", "visa_free", "eu")
# The answer each question needs, and the condition an item's `when:` names.
WHEN_NEEDS = {"vulnerable": "vulnerable", "project": "project", "family": "people"}


# --- Countries ------------------------------------------------------------------------------------


def check_countries(document) -> list[str]:
    """What the schema cannot say: codes CLDR knows, each country in one group, no future check date."""
    known = Locale("en").territories
    problems, seen = [], {}
    today = build.today()
    for group, entry in document.data["groups"].items():
        if datetime.date.fromisoformat(entry["checked"]) > today:
            problems.append(
                document.error(
                    ("groups", group, "checked"),
                    f"{entry['checked']} is in the future",
                    "write the day the list was really checked",
                )
            )
        for index, code in enumerate(entry["countries"]):
            place = ("groups", group, "countries", index)
            if code not in known:
                problems.append(
                    document.error(
                        place,
                        f"{code} is not a country code that CLDR knows",
                        "write the ISO 3166-1 code in capitals, for example GE (XK for Kosovo)",
                    )
                )
            elif code == "BE":
                problems.append(document.error(place, "Belgium is not a country of return", "remove BE"))
            elif code in seen:
                problems.append(
                    document.error(
                        place,
                        f"{code} ({known[code]}) is already in the group {seen[code]}",
                        "keep each country in one group",
                    )
                )
            seen.setdefault(code, group)
    return problems + check_names(document, seen, today)


def check_names(document, countries: dict, today: datetime.date) -> list[str]:
    """The other names: for countries of the groups, each found by what it says, none twice in one entry."""
    problems = []
    names = document.data["names"]
    for section in ("cldr", "everyday"):
        if datetime.date.fromisoformat(names[section]["checked"]) > today:
            problems.append(
                document.error(
                    ("names", section, "checked"),
                    f"{names[section]['checked']} is in the future",
                    "write the day the names were really checked",
                )
            )
    han = names["cldr"]["han"]
    if len(han["traditional"]) != len(han["simplified"]):
        problems.append(
            document.error(
                ("names", "cldr", "han"),
                "traditional and simplified do not have as many characters",
                "make it again with python -m hooks.tools.country_names cldr-names",
            )
        )
        return problems
    characters = {**FOLD_CHARACTERS, **dict(zip(han["traditional"], han["simplified"], strict=True))}
    places = [(("names", "cldr", "variants", code), code) for code in names["cldr"]["variants"]]
    places += [(("names", "everyday", "countries", code), code) for code in names["everyday"]["countries"]]
    for place, code in places:
        if code not in countries:
            problems.append(
                document.error(
                    place,
                    f"{code} is not a country of the groups above",
                    "write the code of a country listed in groups:, for example TR",
                )
            )
    for code, entry in names["everyday"]["countries"].items():
        seen: dict[str, str] = {}
        for index, name in enumerate(entry):
            place = ("names", "everyday", "countries", code, index)
            key = fold_name(name, characters)
            if not key:
                problems.append(document.error(place, f'"{name}" has no letter that finds a country', "write the name"))
            elif key in seen:
                problems.append(
                    document.error(
                        place,
                        f'"{name}" is already found by "{seen[key]}" (capitals, accents and spaces do not count)',
                        "remove it",
                    )
                )
            seen.setdefault(key, name)
    return problems


def load_countries(path: Path = COUNTRIES_FILE) -> dict:
    """{country code: group}."""
    data = countries_document(path)
    return {code: group for group, entry in data["groups"].items() for code in entry["countries"]}


def countries_document(path: Path = COUNTRIES_FILE) -> dict:
    """The whole checked file: the groups and the names."""
    return load_checked(path, "countries.schema.json", check_countries)


def country_names(countries: dict, locale: str) -> list[dict]:
    """The countries of return in the page's language, from CLDR, in the language's alphabetical order. Where
    CLDR lacks a name in the language (Fula has none for South Sudan), the name in the language's `more`
    language (data/languages.yml: French for Fula and Lingala), with that language's code in `lang`, for the
    page to mark it: [{code, name, group, lang: None or "fr"}]."""
    own = Locale.parse(locale).territories
    more = languages()[locale].get("more") or LOCALES[0]
    rows = [
        {"code": code, "name": own[code], "group": group, "lang": None}
        if code in own
        else {"code": code, "name": Locale.parse(more).territories[code], "group": group, "lang": more}
        for code, group in countries.items()
    ]
    return sorted(rows, key=lambda row: collation_key(row["name"], locale))


def marked_name(row: dict) -> Markup | str:
    """A country's name as a page shows it: in a <span lang> when it is another language's."""
    return Markup('<span lang="{}">{}</span>').format(row["lang"], row["name"]) if row["lang"] else row["name"]


# --- Every name of a country ----------------------------------------------------------------------
#
# A country is found by any of its names: CLDR's in each language of the site (standard, through Babel; short
# and variant, from data/countries.yml's cldr section, which Babel does not carry), in the other script of two
# of them (Serbian in Latin letters, Chinese in traditional characters), in its own official languages (its
# endonyms), and the everyday, former and abbreviated names of data/countries.yml. Names are compared by their
# fold (fold_name); estimator.js folds what the person types with the same table, which the page carries.

SCRIPT_VARIANTS = {"sr": "sr_Latn", "zh": "zh_Hant"}
# Words that do not tell one country from another: articles, "of" and "and" in the site's languages.
STOP_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "het",
        "en",
        "el",
        "los",
        "las",
        "del",
        "y",
        "et",
        "e",
        "i",
        "und",
    ]
)
# Letters folded to the one people type: Arabic's hamza, ta marbuta and alef forms and the Persian letters of
# an Arabic keyboard's, Serbian Cyrillic as Serbian Latin, and letters that Unicode does not decompose.
FOLD_CHARACTERS = {
    # Arabic: ta marbuta as ha, alef maqsura and the Persian yeh as yeh, the Persian kaf as kaf; no tatweel.
    **dict(zip("ةىیکەھٱ", "هييكهها", strict=True)),
    "ـ": "",
    # Serbian Cyrillic as Serbian Latin, without the accents that the fold drops anyway.
    **dict(zip("абвгдежзијклмнопрстћуфхцчш", "abvgdezzijklmnoprstcufhccs", strict=True)),
    **{"ђ": "dj", "љ": "lj", "њ": "nj", "џ": "dz", "đ": "dj"},
    # Letters that Unicode does not decompose; Lingala's and Fula's open vowels and hooked letters, which a
    # keyboard without them writes e, o, b, d, y, n (Kamɛrune typed Kamerune).
    **{"ø": "o", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss", "ς": "σ"},
    **{"ɛ": "e", "ɔ": "o", "ɓ": "b", "ɗ": "d", "ƴ": "y", "ŋ": "n"},
}
ARABIC_ARTICLE = "ال"
PARTS = re.compile(r"\s*[(（]([^)）]+)[)）]\s*|\s+[-–—]\s+")


def fold_name(text: str, characters: dict) -> str:
    """A name as matching compares it: no capitals, accents or marks, letters folded (FOLD_CHARACTERS and the
    traditional Chinese characters), no punctuation, articles or spaces. estimator.js's fold() is the same."""
    lowered = unicodedata.normalize("NFKD", text).lower()
    letters = "".join(characters.get(char, char) for char in lowered if not unicodedata.category(char).startswith("M"))
    words = re.split(r"[^\w]|_", letters)
    kept = []
    for word in words:
        if not word or word in STOP_WORDS:
            continue
        if word.startswith(ARABIC_ARTICLE) and len(word) > 3:
            word = word[2:]
        kept.append(word)
    return "".join(kept)


def name_keys(name: str, characters: dict) -> tuple[set[str], set[str]]:
    """(the fold of the whole name, the folds of its parts): "Myanmar (Burma)" and "Congo - Kinshasa" are also
    found by each part; a part of one or two letters (刚果（金）'s 金) says nothing alone."""
    whole = fold_name(name, characters)
    parts = set()
    pieces = [piece for piece in PARTS.split(name) if piece and piece.strip()]
    if len(pieces) > 1:
        for piece in pieces:
            key = fold_name(piece, characters)
            if len(key) >= 3 or (len(key) == 2 and all(_is_han(char) for char in key)):
                parts.add(key)
    return ({whole} if whole else set()), parts - {whole}


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def fold_characters(names: dict) -> dict:
    """FOLD_CHARACTERS and the traditional Chinese characters of data/countries.yml as their simplified ones."""
    han = names["cldr"]["han"]
    return {**FOLD_CHARACTERS, **dict(zip(han["traditional"], han["simplified"], strict=True))}


def name_locales() -> list[str]:
    """Every language of the site, and Serbian and Chinese in their other script."""
    return [code for locale in ALL_LOCALES for code in (locale, SCRIPT_VARIANTS.get(locale)) if code]


@cache
def endonyms(code: str) -> tuple[str, ...]:
    """The country's name in its official languages, as CLDR writes it (those CLDR has names in)."""
    found = []
    for language in get_official_languages(code, de_facto=True):
        try:
            name = Locale.parse(language).territories.get(code)
        except (ValueError, UnknownLocaleError):
            continue
        if name:
            found.append(name)
    return tuple(found)


def country_name_list(code: str, names: dict) -> list[tuple[str, str]]:
    """[(where the name comes from, name)] for one country: CLDR's standard names in each language and script,
    CLDR's short and variant forms, the endonyms, the everyday names."""
    found = []
    for locale in name_locales():
        standard = Locale.parse(locale).territories.get(code)
        if standard:
            found.append((f"cldr:{locale}", standard))
    for locale, forms in names["cldr"]["variants"].get(code, {}).items():
        found += [(f"cldr-variant:{locale}", form) for form in forms]
    found += [("endonym", name) for name in endonyms(code)]
    found += [("everyday", name) for name in names["everyday"]["countries"].get(code, [])]
    return found


def name_index(countries: dict, names: dict) -> dict[str, list[str]]:
    """{country code: [every fold of its names]}, for estimator.js and search. A part of a name that another
    country also has ("Hong Kong (China)") finds neither: a whole name two countries share (Congo) is a question."""
    characters = fold_characters(names)
    wholes, parts = {}, {}
    for code in countries:
        wholes[code], parts[code] = set(), set()
        for _, name in country_name_list(code, names):
            whole, part = name_keys(name, characters)
            wholes[code] |= whole
            parts[code] |= part
    owners: dict[str, set] = {}
    for code in countries:
        for key in wholes[code] | parts[code]:
            owners.setdefault(key, set()).add(code)
    return {
        code: sorted(wholes[code] | {key for key in parts[code] if owners[key] == {code} or key in wholes[code]})
        for code in countries
    }


ARABIC_LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}


def search_names(code: str, locale: str, names: dict) -> list[str]:
    """A country's names for search in one language (hooks/components/search.py): CLDR's in the language, in its other
    script, in French, Dutch and English and in the country's own languages, and the everyday names; the
    Arabic ones also as people type them without hamza, with ه for ة, and without the article."""
    wanted = {locale, SCRIPT_VARIANTS.get(locale), *LOCALES}
    found = []
    for source, name in country_name_list(code, names):
        kind, _, where = source.partition(":")
        if kind in ("endonym", "everyday") or where in wanted:
            found.append(name)
    typed = []
    for name in found:
        if any("\u0600" <= char <= "\u06ff" for char in name):
            plain = "".join(ARABIC_LETTERS.get(char, char) for char in name)
            typed += [plain, plain.replace("ة", "ه")]
            typed.append(
                " ".join(word[2:] if word.startswith("ال") and len(word) > 3 else word for word in plain.split())
            )
    return list(dict.fromkeys(found + typed))


def ambiguous_search_names(locale: str) -> list[list[str]]:
    """[[names]] for each name two countries share (Congo, Kongó, 刚果), as search_names writes them: search
    sends it to the estimator, which asks which country."""
    (index, characters), names = names_for_matching(), names_data()
    shared = ambiguous_names(index)
    found: dict[str, list[str]] = {}
    for key, codes in shared.items():
        for code in codes:
            for name in search_names(code, locale, names):
                if fold_name(name, characters) == key and name not in found.setdefault(key, []):
                    found[key].append(name)
    return [found[key] for key in sorted(found) if found[key]]


def ambiguous_names(index: dict[str, list[str]]) -> dict[str, list[str]]:
    """{fold: [codes]} for the names that fit more than one country ("Congo"): the estimator asks which."""
    codes: dict[str, list[str]] = {}
    for code, keys in index.items():
        for key in keys:
            codes.setdefault(key, []).append(code)
    return {key: sorted(found) for key, found in sorted(codes.items()) if len(found) > 1}


# --- Rules ----------------------------------------------------------------------------------------


def _check_item(document, place, rule_set, item) -> list[str]:
    problems = []
    if item["kind"] == "service":
        if "amounts" in item:
            problems.append(
                document.error(
                    place + ("amounts",),
                    "a service has no amount",
                    "remove amounts: and list the groups under destinations:",
                )
            )
        if "destinations" not in item:
            problems.append(
                document.error(place, "a service needs the groups it is for", "add destinations: [visa_required, ...]")
            )
        groups = item.get("destinations", [])
    else:
        if "destinations" in item:
            problems.append(
                document.error(
                    place + ("destinations",),
                    f"a {item['kind']} item gives its groups in amounts:",
                    "remove destinations: and give amounts: {group: {...}} (null if unknown)",
                )
            )
        if "amounts" not in item:
            problems.append(
                document.error(
                    place,
                    f"a {item['kind']} item has no amounts",
                    "add amounts: {visa_required: {per_adult: ..., per_child: ...}}, or null for an amount no source gives",
                )
            )
        groups = list(item.get("amounts", {}))
        for group, amounts in item.get("amounts", {}).items():
            if amounts is not None and not any(key in amounts for key in AMOUNTS):
                problems.append(
                    document.error(
                        place + ("amounts", group),
                        "up_to alone is no amount",
                        "add per_adult:, per_child: or per_file:, or write null",
                    )
                )
    for group in groups:
        if group not in rule_set["destinations"]:
            key = "destinations" if item["kind"] == "service" else "amounts"
            problems.append(
                document.error(
                    place + (key, group) if key == "amounts" else place + (key,),
                    f"the set gives no support to {group}: it is not in the set's destinations",
                    f"add {group} to the set's destinations: or remove it here",
                )
            )
    needs = [("situations", "situation")] + ([("when", WHEN_NEEDS[item["when"]])] if "when" in item else [])
    for field, question in needs:
        if field in item and question not in rule_set["questions"]:
            problems.append(
                document.error(
                    place + (field,),
                    f"the set does not ask {question}, which this depends on",
                    f"add {question} to the set's questions: or remove {field}:",
                )
            )
    return problems


def check_rules(document) -> list[str]:
    """What the schema cannot say: unique ids and dates, items consistent with the set's questions and groups."""
    problems, ids, dates = [], {}, {}
    today = build.today()
    for index, rule_set in enumerate(document.data["rule_sets"]):
        place = ("rule_sets", index)
        for key, seen in (("id", ids), ("in_force_from", dates)):
            if rule_set[key] in seen:
                problems.append(
                    document.error(
                        place + (key,),
                        f"{rule_set[key]} is already used by rule_sets[{seen[rule_set[key]]}]",
                        f"give each rule set its own {key}",
                    )
                )
            seen.setdefault(rule_set[key], index)
        if datetime.date.fromisoformat(rule_set["checked"]) > today:
            problems.append(
                document.error(
                    place + ("checked",),
                    f"{rule_set['checked']} is in the future",
                    "write the day the rules were really compared with their sources",
                )
            )
        for group in ("eu_15", "unsettled"):
            if group in rule_set["destinations"]:
                problems.append(
                    document.error(
                        place + ("destinations",),
                        f"{group} cannot receive support",
                        f"remove {group}: see excluded: and data/countries.yml",
                    )
                )
        if not {"destination", "people"} <= set(rule_set["questions"]):
            problems.append(
                document.error(
                    place + ("questions",),
                    "every set asks destination and people",
                    "keep destination and people in questions:",
                )
            )
        items, covered = {}, set()
        known = {item["id"] for item in rule_set["items"]}
        for number, item in enumerate(rule_set["items"]):
            if item.get("instead_of") and (item["instead_of"] not in known or item["instead_of"] == item["id"]):
                problems.append(
                    document.error(
                        place + ("items", number, "instead_of"),
                        f"{item['instead_of']} is not another item of this set",
                        "name another item of the set, for example reintegration, or remove instead_of:",
                    )
                )
            at = place + ("items", number)
            if item["id"] in items:
                problems.append(
                    document.error(
                        at + ("id",), f"the item {item['id']} is listed twice in this set", "keep one entry per item"
                    )
                )
            items.setdefault(item["id"], number)
            problems += _check_item(document, at, rule_set, item)
            covered |= set(item.get("destinations", [])) | set(item.get("amounts", {}))
        for group in rule_set["destinations"]:
            if group not in covered:
                problems.append(
                    document.error(
                        place + ("destinations",),
                        f"no item gives anything to {group}",
                        f"add {group} to an item, or remove it from destinations:",
                    )
                )
        for name, limit in rule_set["limits"].items():
            if limit["min"] > limit["max"]:
                problems.append(
                    document.error(
                        place + ("limits", name),
                        f"min {limit['min']} is above max {limit['max']}",
                        "make min smaller than max",
                    )
                )
    return problems


def load_rules(path: Path = RULES_FILE) -> dict:
    return load_checked(path, "estimator.schema.json", check_rules)


def rules_in_force(data: dict, today: datetime.date, file: str = "data/estimator.yml") -> dict:
    """The newest rule set whose in_force_from date has come."""
    in_force = [s for s in data["rule_sets"] if datetime.date.fromisoformat(s["in_force_from"]) <= today]
    if not in_force:
        raise DataError(
            [
                f"{file}: rule_sets: no rule set is in force on {today.isoformat()}. "
                "Fix: give at least one set an in_force_from date in the past."
            ]
        )
    return max(in_force, key=lambda s: s["in_force_from"])


def rules_history(data: dict, today: datetime.date) -> list[dict]:
    """The sets that were in force before the current one, newest first, each with the day it ended."""
    current = rules_in_force(data, today)
    older = sorted(
        (s for s in data["rule_sets"] if s["in_force_from"] < current["in_force_from"]),
        key=lambda s: s["in_force_from"],
        reverse=True,
    )
    ends = [current["in_force_from"]] + [s["in_force_from"] for s in older]
    # ends has one more: the day the current set began ends the newest older one, and so on down.
    return [dict(rule_set, until=end) for rule_set, end in zip(older, ends, strict=False)]


@when_changed(lambda: [RULES_FILE, COUNTRIES_FILE])
def _all_data() -> tuple:
    """(all rule sets, {country: group}, names), re-read when a file changes."""
    document = countries_document(COUNTRIES_FILE)
    countries = {code: group for group, entry in document["groups"].items() for code in entry["countries"]}
    return load_rules(RULES_FILE), countries, document["names"]


def rules_data() -> tuple[dict, dict]:
    """(all rule sets, {country: group}), re-read when a file changes."""
    return _all_data()[:2]


def names_data() -> dict:
    """The names: section of data/countries.yml."""
    return _all_data()[2]


@when_changed(lambda: [COUNTRIES_FILE])
def names_for_matching() -> tuple[dict, dict]:
    """({code: [folds]}, {character: its fold}): the same for every language, made once per change."""
    countries, names = rules_data()[1], names_data()
    return name_index(countries, names), fold_characters(names)


def build_day() -> datetime.date:
    return site_date(build_command())


def current_rules() -> dict:
    return rules_in_force(rules_data()[0], build_day())


# --- The rules engine ------------------------------------------------------------------------------
#
# estimate() is estimator.js's estimate, rule for rule, in the same form (its JSON is the script's): the page
# computes in the browser, the build checks the stories with this one without Node. tests/test_estimator.py
# runs both on every case of tests/estimator_cases.yml, every story and every household of households() and
# fails on any difference: a rule changed in one engine only does not pass.

SECTIONS = ("service", "cash", "in_kind", "possible", "not_possible")


def evaluate(rules: dict, group: str, answers: dict) -> dict:
    """What one rule set gives to one destination group, by section of the answer (estimator.js evaluate)."""
    result = {"group": group, "state": "supported", "sections": {name: [] for name in SECTIONS}}
    sections = result["sections"]
    people = answers["adults"] + answers["children"]
    children_count = (
        not answers.get("vulnerable") and bool(rules.get("vulnerable_with_children")) and answers["children"] > 0
    )
    vulnerable = bool(answers.get("vulnerable")) or children_count
    for_vulnerable = any(item.get("when") == "vulnerable" and group in item_groups(item) for item in rules["items"])
    # An item given in place of another here (reintegration for a vulnerable person): the other is not said to be
    # "not possible" beside it.
    stands_in = [
        item["instead_of"]
        for item in rules["items"]
        if item.get("instead_of") and group in item_groups(item) and (item.get("when") != "vulnerable" or vulnerable)
    ]
    for item in rules["items"]:
        if group not in item_groups(item):
            if (item["certainty"] == "certain" or item.get("depends_on")) and item["id"] not in stands_in:
                reason = "reason_destination_vulnerable" if for_vulnerable and not vulnerable else "reason_destination"
                sections["not_possible"].append({"id": item["id"], "reason": reason})
            continue
        certainty = item["certainty"]
        because = "counsellor_checks" if item.get("depends_on") else None
        if item.get("situations") is not None:
            if answers.get("situation") == "unknown":
                certainty, because = "possible", "if_situation"
            elif answers.get("situation") not in item["situations"]:
                if item["certainty"] == "certain":
                    sections["not_possible"].append({"id": item["id"], "reason": "reason_situation"})
                continue
        when = item.get("when")
        if (
            (when == "vulnerable" and not vulnerable)
            or (when == "project" and not answers.get("project"))
            or (when == "family" and people < 2)
        ):
            continue
        if when == "vulnerable" and children_count:
            because = "because_children"
        spec = item["amounts"][group] if item.get("amounts") else None
        amount = None
        if spec:
            amount = (
                spec.get("per_adult", 0) * answers["adults"]
                + spec.get("per_child", 0) * answers["children"]
                + spec.get("per_file", 0)
            )
        sections["possible" if certainty == "possible" else item["kind"]].append(
            {
                "id": item["id"],
                "kind": item["kind"],
                "amount": amount,
                "unknown": bool(item.get("amounts")) and spec is None,
                "upTo": bool(spec and spec.get("up_to")),
                "because": because,
                "paid": item.get("paid"),
                "spec": spec or None,
            }
        )
    return result


def estimate(rules: dict, countries: dict, answers: dict, cases: list[str]) -> dict:
    """answers ({destination: "GE" or "unknown", situation, adults, children, vulnerable, project,
    previous_support}) -> {cases: [one case, or each of `cases` side by side when the country is not known]}."""
    excluded = rules.get("excluded") or []
    if answers.get("previous_support") and "previous_support" in excluded:
        return {"cases": [{"group": None, "state": "excluded", "reason": "previous_support"}]}
    if answers.get("destination") == "unknown":
        return {"cases": [evaluate(rules, group, answers) for group in cases]}
    group = countries.get(answers.get("destination"))
    if group == "eu_15" and "eu_15" in excluded:
        return {"cases": [{"group": group, "state": "excluded", "reason": "eu_15"}]}
    if group not in rules["destinations"]:
        return {"cases": [{"group": group, "state": "unsettled"} if group else {"state": "unsettled"}]}
    return {"cases": [evaluate(rules, group, answers)]}


def households(rules: dict, destination: str) -> list[dict]:
    """Every kind of household the set's questions tell apart, going to one destination: each situation it asks
    (and "I don't know"), the fewest, one more and the most adults and children its limits allow (so alone, as a
    family, with children), vulnerable or not, with a project or not, with support in the last five years or not."""
    asked = rules["questions"]
    counts = {name: sorted({limit["min"], limit["min"] + 1, limit["max"]}) for name, limit in rules["limits"].items()}
    found = []
    for situation in [*SITUATIONS, "unknown"] if "situation" in asked else [None]:
        for adults in counts["adults"]:
            for children in counts["children"]:
                for vulnerable, project, previous in itertools.product((False, True), repeat=3):
                    answers = {"destination": destination, "adults": adults, "children": children}
                    answers.update(vulnerable=vulnerable, project=project, previous_support=previous)
                    if situation:
                        answers["situation"] = situation
                    found.append(answers)
    return found


def available_items(rules: dict, countries: dict, code: str, vulnerable: bool) -> set[str]:
    """The items a rule set can give (certainly or case by case) to some household returning to a country, by the
    engine's rules: its situations, project and family conditions too. vulnerable: a household counted as
    vulnerable (a vulnerable person, or children where they count), or one that is not. Nothing for the 15 old
    EU member states or the unsettled countries, nor after support in the last five years."""
    cases = [group for group in CASES if group in rules["destinations"]]
    found = set()
    for answers in households(rules, code):
        counted = answers["vulnerable"] or (bool(rules.get("vulnerable_with_children")) and answers["children"] > 0)
        if counted != vulnerable or answers["previous_support"]:
            continue
        for case in estimate(rules, countries, answers, cases)["cases"]:
            for name in ("service", "cash", "in_kind", "possible"):
                found |= {entry["id"] for entry in case.get("sections", {}).get(name, [])}
    return found


def item_groups(item: dict) -> list[str]:
    return item.get("destinations") or list(item.get("amounts", {}))


# --- What the template draws ----------------------------------------------------------------------


def amount_text(amounts: dict | None, locale: str, year: int | None = None) -> Markup:
    """'350 € par adulte, 175 € par enfant', with the language's own comma ('350 € لكل شخص بالغ، 175 € لكل طفل'),
    each amount one isolate in the language's direction; a historic amount carries its year in the language's
    brackets: '250 € par adulte (2017)', '（2017）'."""
    strings, written = ui(locale, "estimator"), formats(locale)
    if amounts is None:
        return escape(strings["amount_unknown"])
    parts = [
        escape(strings[key]).format(amount=written.value(written.money(amounts[key])))
        for key in AMOUNTS
        if key in amounts
    ]
    text = written.clause(*parts)
    text = escape(strings["up_to"]).format(amount=text) if amounts.get("up_to") else text
    return written.aside(text, written.digits(str(year))) if year else text


def cell_text(item: dict, group: str, locale: str, year: int | None) -> Markup | None:
    """What an item gives to one destination group, or None when it gives nothing there."""
    if group not in item_groups(item):
        return None
    strings = ui(locale, "estimator")
    text = (
        escape(strings["service"]) if item["kind"] == "service" else amount_text(item["amounts"][group], locale, year)
    )
    return escape(strings["possible"]).format(text=text) if item["certainty"] == "possible" else text


def conditions_text(item: dict, locale: str) -> Markup:
    """Who an item is for and when, as parts of one sentence of the language ('، ' in Arabic, '，' in Chinese):
    the situations it is for as a list of the language, then what the counsellor checks, when and how it is
    paid, and last the situations it is not for."""
    strings, written = ui(locale, "estimator"), formats(locale)
    parts = []
    if item.get("situations"):
        parts.append(written.list([strings[f"who_{situation}"] for situation in item["situations"]]))
    if item.get("depends_on"):
        parts.append(strings["counsellor_checks"])
    if item.get("when"):
        parts.append(strings["when_" + item["when"]])
    if item.get("paid"):
        parts.append(strings["paid_" + item["paid"]])
    left_out = [situation for situation in SITUATIONS if item.get("situations") and situation not in item["situations"]]
    if left_out:
        who = written.list([strings[f"who_{situation}"] for situation in left_out])
        parts.append(escape(strings["not_for"]).format(who=who))
    return written.clause(*parts) or escape(strings["everyone"])


def table_context(rule_set: dict, locale: str, historic: bool = False) -> dict:
    """One table of a rule set: a row per item, a column per destination group."""
    strings = ui(locale, "estimator")
    year = int(rule_set["in_force_from"][:4]) if historic else None
    start = formats(locale).date(datetime.date.fromisoformat(rule_set["in_force_from"]))
    return {
        "id": rule_set["id"],
        "groups": [{"id": group, "label": strings[f"column_{group}"]} for group in rule_set["destinations"]],
        "rows": [
            {
                "id": item["id"],
                "label": strings[f"item_{item['id']}"],
                "cells": [cell_text(item, group, locale, year) for group in rule_set["destinations"]],
                "conditions": conditions_text(item, locale),
            }
            for item in rule_set["items"]
        ],
        "excluded": [strings[f"excluded_{reason}"] for reason in rule_set["excluded"]],
        "date": start,
        "year": year,
        "until": formats(locale).date(datetime.date.fromisoformat(rule_set["until"])) if historic else None,
        "sources": rule_set["sources"],
        "checked": formats(locale).date(datetime.date.fromisoformat(rule_set["checked"])),
    }


def rules_context(rules: dict, locale: str) -> dict:
    """Everything the template draws in one language, and what estimator.js needs, as data for |tojson (the
    countries' names and groups are in the form's list of countries, which the script reads)."""
    countries = rules_data()[1]
    index, characters = names_for_matching()
    strings = ui(locale, "estimator")
    table = table_context(rules, locale)
    names = country_names(countries, locale)
    return {
        "ui": strings,
        "formats": formats(locale),
        "rules": rules,
        "table": table,
        "date": table["date"],
        "countries": names,
        "visa_free_names": [marked_name(row) for row in names if row["group"] == "visa_free"],
        "toll_free": toll_free_context(desks_data(), locale),
        "script_data": {
            # The engine's part of the rules: the texts for people (definitions, sources) are in the page already.
            "rules": {key: value for key, value in rules.items() if key not in ("definitions", "sources", "checked")},
            # Every country's names, folded (name_index), are one file for all languages, fetched when the person
            # comes to the country's field: 13 KB that a first visit does not pay (names_file).
            "namesFile": "../" * language_root(locale).count("/") + NAMES_FILE,
            "fold": {"characters": characters, "stop": sorted(STOP_WORDS), "article": ARABIC_ARTICLE},
            # The names two countries share (Congo, Kongo): the page asks which before the file comes.
            "shared": ambiguous_names(index),
            "printed": printed_date_format(locale),
            "cases": [group for group in CASES if group in rules["destinations"]],
            "strings": {key: text for key, text in strings.items() if key.startswith(SCRIPT_STRINGS)},
            "money": dict(ui(locale, "money"), digits=digits(locale) if digits(locale) != "0123456789" else ""),
            # How the language writes a list, its marks and direction (core/formats.py), for what the script writes.
            "text": formats(locale).for_scripts(),
            "date": table["date"],
        },
    }


def printed_date_format(locale: str) -> dict:
    """How estimator.js writes the day a result is printed, as core/formats.py's date writes dates: CLDR's long pattern and
    month names of the language (Babel's), digits in the language's own."""
    day = cldr(locale)
    return {
        "pattern": get_date_format("long", locale=day).pattern,
        "months": [get_month_names("wide", context="format", locale=day)[month] for month in range(1, 13)],
    }


# The texts estimator.js shows (the others are the tables', drawn in the page): their names or beginnings.
SCRIPT_STRINGS = (
    "amount_unknown", "announce", "answer", "case_", "cases_intro", "choose_", "cleared", "destination",
    "did_you_mean", "error_", "excluded_", "group_", "item_", "none", "paid_", "printed_on", "rule_of",
    "section_", "service", "situation", "still_can", "unsettled", "up_to", "which_country", "reason_",
    "because_children", "if_situation", "counsellor_checks", "adults", "children", "vulnerable", "project",
    "previous_support",
)  # fmt: skip
NAMES_FILE = "assets/estimator-names.json"


def names_file() -> str:
    """The JSON of every country's folded names, {"keys": {code: "fold fold ..."}}, the same in every language."""
    index = names_for_matching()[0]
    return json.dumps(
        {"keys": {code: " ".join(keys) for code, keys in index.items()}}, ensure_ascii=False, separators=(",", ":")
    )


def history_context(data: dict, today: datetime.date, locale: str) -> dict:
    return {
        "ui": ui(locale, "estimator"),
        "formats": formats(locale),
        "history": [table_context(s, locale, historic=True) for s in rules_history(data, today)],
    }


def render_markers(html: str, env, locale: str) -> str:
    if not MARKER.search(html):
        return html
    return MARKER.sub(lambda match: fragment(env, locale, match.group(1), build_day()), html)


@once_per_environment
def fragment(env, locale: str, mode: str | None, today: datetime.date) -> str:
    """What a marker draws in a language, the same on every page that has it: drawn once per build (env is
    the build's own; a rebuild under serve makes a new one, and draws changed data)."""
    template = env.get_template(TEMPLATE)
    if mode == "history":
        return template.render(mode="history", **history_context(rules_data()[0], today, locale))
    return template.render(mode=mode or "estimator", **in_force_context(env, locale, today))


@once_per_environment
def in_force_context(env, locale: str, today: datetime.date) -> dict:
    """rules_context of the rules in force, once per build and language: the estimator and the essentials
    page both draw it."""
    return rules_context(rules_in_force(rules_data()[0], today), locale)


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def check() -> None:
    current_rules()  # the rules and countries, before any page is built


def draw(html: str, env, locale: str) -> str:
    return render_markers(html, env, locale)


def write_names(site: Path) -> None:
    """Every country's folded names, the same for every language, once every language is built."""
    target = Path(site) / NAMES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(names_file(), encoding="utf-8")
