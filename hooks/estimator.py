"""The support estimator, from data/estimator.yml.

Plain functions load and check the rules and pick the set in force; the hook draws the page's marker
<!-- estimator --> (the form, filled in by estimator.js, and the full table of rules that works without
JavaScript) and <!-- estimator:rules --> (the table alone, for the programme pages).
"""

from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache
from pathlib import Path

from desks import desks_data, toll_free_context
from language import current_locale, format_money, long_date, template_env, ui
from validation import ROOT, DataError, check_schema, load_schema, load_yaml

RULES_FILE = ROOT / "data" / "estimator.yml"
TEMPLATE = "partials/estimator.html"
MARKER = re.compile(r"<!--\s*estimator(:rules)?\s*-->")
SITUATIONS = ("asylum_seeker", "refused", "never_registered")
AMOUNTS = ("per_adult", "per_child", "per_file")


# --- Data -----------------------------------------------------------------------------------------


def check_rules(document) -> list[str]:
    """What the schema cannot say: one id and one date per set, each item either in kind or with an amount."""
    problems, ids, dates = [], {}, {}
    for index, rule_set in enumerate(document.data["rule_sets"]):
        place = ("rule_sets", index)
        for key, seen in (("id", ids), ("in_force_from", dates)):
            if rule_set[key] in seen:
                problems.append(document.error(place + (key,), f"{rule_set[key]} is already used by rule_sets[{seen[rule_set[key]]}]",
                                               f"give each rule set its own {key}"))
            seen.setdefault(rule_set[key], index)
        items = {}
        for number, item in enumerate(rule_set["items"]):
            at = place + ("items", number)
            if item["id"] in items:
                problems.append(document.error(at + ("id",), f"the item {item['id']} is listed twice in this set",
                                               "keep one entry per item"))
            items.setdefault(item["id"], number)
            has_amount = any(key in item for key in AMOUNTS)
            if item.get("in_kind") and has_amount:
                problems.append(document.error(at, "an in-kind item cannot have an amount",
                                               "remove in_kind: true or remove the amounts"))
            if not item.get("in_kind") and not has_amount:
                problems.append(document.error(at, "the item has no amount",
                                               "add per_adult:, per_child: or per_file:, or in_kind: true"))
        for name, limit in rule_set["limits"].items():
            if limit["min"] > limit["max"]:
                problems.append(document.error(place + ("limits", name), f"min {limit['min']} is above max {limit['max']}",
                                               "make min smaller than max"))
    return problems


def load_rules(path: Path = RULES_FILE) -> dict:
    document = load_yaml(path)
    problems = check_schema(document, load_schema("estimator.schema.json"))
    if not problems:
        problems = check_rules(document)
    if problems:
        raise DataError(problems)
    return document.data


def rules_in_force(data: dict, today: datetime.date, file: str = "data/estimator.yml") -> dict:
    """The newest rule set whose in_force_from date has come."""
    in_force = [s for s in data["rule_sets"] if datetime.date.fromisoformat(s["in_force_from"]) <= today]
    if not in_force:
        raise DataError([f"{file}: rule_sets: no rule set is in force on {today.isoformat()}. "
                         "Fix: give at least one set an in_force_from date in the past."])
    return max(in_force, key=lambda s: s["in_force_from"])


@lru_cache(maxsize=None)
def _rules_cached(path: str, mtime: float, today: datetime.date) -> dict:
    return rules_in_force(load_rules(Path(path)), today)


def current_rules() -> dict:
    return _rules_cached(str(RULES_FILE), RULES_FILE.stat().st_mtime, datetime.date.today())


# --- What the template draws ----------------------------------------------------------------------


def amount_text(item: dict, locale: str) -> str:
    """'250 € par adulte, 125 € par enfant' or 'organisé et payé par le programme'."""
    strings = ui(locale, "estimator")
    if item.get("in_kind"):
        return strings["in_kind"]
    parts = [strings[key].format(amount=format_money(item[key], locale)) for key in AMOUNTS if key in item]
    text = ", ".join(parts)
    return strings["up_to"].format(amount=text) if item.get("up_to") else text


def rules_context(rules: dict, locale: str) -> dict:
    """The rules as table rows in one language, and everything estimator.js needs, as JSON."""
    strings = ui(locale, "estimator")
    rows = []
    for item in rules["items"]:
        who = (strings["everyone"] if set(item["for"]) == set(SITUATIONS)
               else ", ".join(strings[f"who_{situation}"] for situation in item["for"]))
        if item.get("when"):
            who += f" ({strings['when_' + item['when']]})"
        rows.append({
            "id": item["id"],
            "label": strings[f"item_{item['id']}"],
            "amount": amount_text(item, locale),
            "who": who,
            "certainty": strings[item["certainty"]],
        })
    script_data = {
        "rules": rules,
        "strings": strings,
        "money": ui(locale, "money"),
        "date": long_date(datetime.date.fromisoformat(rules["in_force_from"]), locale),
    }
    return {
        "rows": rows,
        "ui": strings,
        "rules": rules,
        "date": script_data["date"],
        "toll_free": toll_free_context(desks_data(), locale),
        "script_data": json.dumps(script_data, ensure_ascii=False).replace("</", "<\\/"),
    }


def render_markers(html: str, env, locale: str) -> str:
    if not MARKER.search(html):
        return html
    context = rules_context(current_rules(), locale)
    template = env.get_template(TEMPLATE)
    return MARKER.sub(lambda m: template.render(mode="rules" if m.group(1) else "estimator", **context), html)


# --- MkDocs events --------------------------------------------------------------------------------


def on_config(config):
    current_rules()  # fail fast, before any page is built


def on_page_content(html, page, config, files):
    return render_markers(html, template_env(config), current_locale(config))
