"""The support estimator, from data/estimator.yml (the rules) and data/countries.yml (the countries of return).

Plain functions load and check the rules and the countries, pick the set in force, and build what the
template draws; the rules engine itself is estimator.js, which the page and the unit tests run. The hook
draws the page's markers:
  <!-- estimator -->          the form (filled in by estimator.js) and the table of the rules in force;
  <!-- estimator:rules -->    that table alone (premium and reintegration pages);
  <!-- estimator:history -->  the older rule sets, every amount labelled with its year.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path

from babel import Locale

from hooks.components.desks import desks_data, toll_free_context
from hooks.core.build import build_command, site_date  # SITE_DATE: serve previews a later day's rules
from hooks.core.cache import once_per_environment, when_changed
from hooks.core.data import DataError, load_checked
from hooks.core.locale import LOCALES, collation_key, digits, format_money, long_date, ui
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
    today = datetime.date.today()
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
    return problems


def load_countries(path: Path = COUNTRIES_FILE) -> dict:
    """{country code: group}."""
    data = load_checked(path, "countries.schema.json", check_countries)
    return {code: group for group, entry in data["groups"].items() for code in entry["countries"]}


@cache
def territory_names(locale: str) -> dict:
    """CLDR's names of the countries in a language; where CLDR lacks one (Fula has no name for South Sudan),
    the English name, as the person's counsellor would write it."""
    return {**Locale("en").territories, **Locale(locale).territories}


def country_names(countries: dict, locale: str) -> list[dict]:
    """The countries of return in the page's language, from CLDR, in alphabetical order."""
    names = territory_names(locale)
    rows = [{"code": code, "name": names[code], "group": group} for code, group in countries.items()]
    return sorted(rows, key=lambda row: collation_key(row["name"], locale))


def other_names(countries: dict, locale: str) -> dict:
    """{code: [names in the site's other languages]}, for "Georgië" typed on a French page; only the names that
    differ from the page's own."""
    own = territory_names(locale)
    others = [territory_names(other) for other in LOCALES if other != locale]
    found = {
        code: sorted(
            {names[code] for names in others if collation_key(names[code], locale) != collation_key(own[code], locale)}
        )
        for code in countries
    }
    return {code: names for code, names in found.items() if names}


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
    today = datetime.date.today()
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
        for number, item in enumerate(rule_set["items"]):
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
def rules_data() -> tuple[dict, dict]:
    """(all rule sets, {country: group}), re-read when a file changes."""
    return load_rules(RULES_FILE), load_countries(COUNTRIES_FILE)


def build_day() -> datetime.date:
    return site_date(build_command())


def current_rules() -> dict:
    return rules_in_force(rules_data()[0], build_day())


def available_items(rule_set: dict, group: str | None, vulnerable: bool) -> set[str]:
    """The items a rule set can give (certainly or case by case) to a return to a group of countries; those that
    depend on vulnerability only when someone is vulnerable. Nothing for excluded or unsettled groups."""
    if group not in rule_set["destinations"]:
        return set()
    return {
        item["id"]
        for item in rule_set["items"]
        if group in item_groups(item) and (item.get("when") != "vulnerable" or vulnerable)
    }


def item_groups(item: dict) -> list[str]:
    return item.get("destinations") or list(item.get("amounts", {}))


# --- What the template draws ----------------------------------------------------------------------


def amount_text(amounts: dict | None, locale: str, year: int | None = None) -> str:
    """'350 € par adulte, 175 € par enfant'; a historic amount carries its year: '250 € par adulte (2017)'."""
    strings = ui(locale, "estimator")
    if amounts is None:
        return strings["amount_unknown"]
    parts = [strings[key].format(amount=format_money(amounts[key], locale)) for key in AMOUNTS if key in amounts]
    text = ", ".join(parts)
    text = strings["up_to"].format(amount=text) if amounts.get("up_to") else text
    return f"{text} ({year})" if year else text


def cell_text(item: dict, group: str, locale: str, year: int | None) -> str | None:
    """What an item gives to one destination group, or None when it gives nothing there."""
    if group not in item_groups(item):
        return None
    strings = ui(locale, "estimator")
    text = strings["service"] if item["kind"] == "service" else amount_text(item["amounts"][group], locale, year)
    return strings["possible"].format(text=text) if item["certainty"] == "possible" else text


def conditions_text(item: dict, locale: str) -> str:
    strings = ui(locale, "estimator")
    parts = [strings[f"who_{situation}"] for situation in item.get("situations", [])]
    left_out = [situation for situation in SITUATIONS if item.get("situations") and situation not in item["situations"]]
    if left_out:
        parts.append(strings["not_for"].format(who=", ".join(strings[f"who_{situation}"] for situation in left_out)))
    if item.get("when"):
        parts.append(strings["when_" + item["when"]])
    if item.get("paid"):
        parts.append(strings["paid_" + item["paid"]])
    return "; ".join(parts) or strings["everyone"]


def table_context(rule_set: dict, locale: str, historic: bool = False) -> dict:
    """One table of a rule set: a row per item, a column per destination group."""
    strings = ui(locale, "estimator")
    year = int(rule_set["in_force_from"][:4]) if historic else None
    start = long_date(datetime.date.fromisoformat(rule_set["in_force_from"]), locale)
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
        "until": long_date(datetime.date.fromisoformat(rule_set["until"]), locale) if historic else None,
        "sources": rule_set["sources"],
        "checked": long_date(datetime.date.fromisoformat(rule_set["checked"]), locale),
    }


def rules_context(rules: dict, locale: str, countries: dict | None = None) -> dict:
    """Everything the template draws in one language, and what estimator.js needs, as data for |tojson (the
    countries' names and groups are in the form's list of countries, which the script reads)."""
    countries = rules_data()[1] if countries is None else countries
    strings = ui(locale, "estimator")
    table = table_context(rules, locale)
    names = country_names(countries, locale)
    return {
        "ui": strings,
        "rules": rules,
        "table": table,
        "date": table["date"],
        "countries": names,
        "visa_free_names": [row["name"] for row in names if row["group"] == "visa_free"],
        "toll_free": toll_free_context(desks_data(), locale),
        "script_data": {
            # The engine's part of the rules: the texts for people (definitions, sources) are in the page already.
            "rules": {key: value for key, value in rules.items() if key not in ("definitions", "sources", "checked")},
            "otherNames": other_names(countries, locale),
            "cases": [group for group in CASES if group in rules["destinations"]],
            "strings": strings,
            "money": dict(ui(locale, "money"), digits=digits(locale) if digits(locale) != "0123456789" else ""),
            "date": table["date"],
        },
    }


def history_context(data: dict, today: datetime.date, locale: str) -> dict:
    return {
        "ui": ui(locale, "estimator"),
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
    data, countries = rules_data()
    return rules_context(rules_in_force(data, today), locale, countries)


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def check() -> None:
    current_rules()  # the rules and countries, before any page is built


def draw(html: str, env, locale: str) -> str:
    return render_markers(html, env, locale)
