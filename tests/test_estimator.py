"""The support estimator: its rule file, the rules engine, the table without JavaScript, the page in a browser."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import LOCALES, ROOT, build_changed_copy, data_messages, page_url
from estimator import load_rules, rules_in_force
from language import format_money
from validation import DataError

CASES = yaml.safe_load((ROOT / "tests" / "estimator_cases.yml").read_text(encoding="utf-8"))
RULES = rules_in_force(load_rules(), datetime.date.today())


# --- The rule file --------------------------------------------------------------------------------


def test_the_published_rules_are_the_seed_amounts():
    items = {item["id"]: item for item in RULES["items"]}
    assert RULES["in_force_from"] == "2017-08-09"
    assert (items["premium"]["per_adult"], items["premium"]["per_child"]) == (250, 125)
    assert (items["reintegration"]["per_adult"], items["reintegration"]["per_child"]) == (700, 350)
    assert items["reintegration"]["for"] == ["asylum_seeker", "refused"]
    assert (items["project"]["per_file"], items["project"]["for"]) == (1500, ["asylum_seeker"])
    assert [items[k]["per_file"] for k in ("vulnerable", "family", "exceptional")] == [500, 500, 1000]


def test_the_newest_set_in_force_is_used_and_a_future_set_waits():
    data = load_rules()
    newer = dict(data["rule_sets"][0], id="fedasil-2027", in_force_from="2027-01-01")
    data = {"rule_sets": data["rule_sets"] + [newer]}
    assert rules_in_force(data, datetime.date(2026, 12, 31))["id"] == "amif-2017"
    assert rules_in_force(data, datetime.date(2027, 1, 1))["id"] == "fedasil-2027"
    with pytest.raises(DataError, match="no rule set is in force on 2017-01-01"):
        rules_in_force(data, datetime.date(2017, 1, 1))


BAD_RULES = {
    "amount_with_currency": (
        ("per_adult: 250", "per_adult: 250 EUR"),
        r'^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[2\]\.per_adult: "250 EUR" is not of the expected kind \(integer\)\. Fix: write a whole number of euros',
    ),
    "negative_amount": (
        ("per_child: 350", "per_child: -350"),
        r"^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[3\]\.per_child: -350 is out of range \(minimum 0\)\. Fix: write a whole number of euros",
    ),
    "date_that_is_no_date": (
        ('in_force_from: "2017-08-09"', 'in_force_from: "9 August 2017"'),
        r'^data/estimator\.yml:\d+: rule_sets\[0\]\.in_force_from: "9 August 2017" is not in the expected form\. Fix: write the date the amounts apply from as "YYYY-MM-DD"',
    ),
    "unknown_item": (
        ("- id: exceptional", "- id: bonus"),
        r'^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[7\]\.id: "bonus" is not one of journey, .*\. Fix: use one of the item names',
    ),
    "item_without_amount": (
        ("        per_file: 1000\n", ""),
        r"^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[7\]: the item has no amount\. Fix: add per_adult:, per_child: or per_file:, or in_kind: true",
    ),
    "item_listed_twice": (
        ("- id: family", "- id: vulnerable"),
        r"^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[6\]\.id: the item vulnerable is listed twice in this set\. Fix: keep one entry per item",
    ),
    "unknown_situation": (
        ("for: [asylum_seeker, refused]\n        certainty: certain", "for: [asylum_seekers, refused]\n        certainty: certain"),
        r'^data/estimator\.yml:\d+: rule_sets\[0\]\.items\[3\]\.for\[0\]: "asylum_seekers" is not one of asylum_seeker, refused, never_registered\. Fix: use asylum_seeker, refused or never_registered',
    ),
    "missing_source": (
        ("    source: >-\n", "    origin: >-\n"),
        r"^data/estimator\.yml:\d+: rule_sets\[0\]: unknown field origin\. Fix: remove it or correct its spelling",
    ),
    "limits_upside_down": (
        ("adults: {min: 1, max: 20}", "adults: {min: 30, max: 20}"),
        r"^data/estimator\.yml:\d+: rule_sets\[0\]\.limits\.adults: min 30 is above max 20\. Fix: make min smaller than max",
    ),
    "yaml_does_not_parse": (
        ("      - id: premium\n", "      - id: premium\n     for: [\n"),
        r"^data/estimator\.yml:\d+: YAML: the text does not parse",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_a_bad_rule_file_stops_with_a_message_naming_file_place_problem_and_fix(case, tmp_path, monkeypatch):
    (old, new), expected = BAD_RULES[case]
    messages = data_messages(tmp_path, monkeypatch, "estimator.yml", old, new, load_rules)
    assert any(re.search(expected, line) for line in messages), messages


def test_a_bad_rule_file_stops_the_build(tmp_path):
    result = build_changed_copy(tmp_path, ("data/estimator.yml", lambda t: t.replace("per_adult: 250", "per_adult: 250 EUR")))
    assert result.returncode != 0
    assert 'rule_sets[0].items[2].per_adult: "250 EUR" is not of the expected kind (integer)' in result.stderr


# --- The built pages: the whole table of rules, without JavaScript --------------------------------

ROWS = {
    "fr": ["250\u00a0€ par adulte, 125\u00a0€ par enfant", "700\u00a0€ par adulte, 350\u00a0€ par enfant",
           "jusqu'à 1\u202f500\u00a0€ par dossier", "1\u202f000\u00a0€ par dossier"],
    "nl": ["€\u00a0250 per volwassene, €\u00a0125 per kind", "€\u00a0700 per volwassene, €\u00a0350 per kind",
           "tot €\u00a01.500 per dossier", "€\u00a01.000 per dossier"],
    "en": ["€250 per adult, €125 per child", "€700 per adult, €350 per child",
           "up to €1,500 per file", "€1,000 per file"],
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", ["estimator/", "premium/", "reintegration/"])
def test_the_rules_table_is_in_the_page_in_its_language(site, locale, path):
    html = (site / page_url(locale, path).lstrip("/") / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="estimator-rules[^"]*">.*?</table>', html, re.S).group(0)
    for row in ROWS[locale]:
        assert row in table.replace("&#39;", "'")
    assert table.count("data-estimator-rule=") == 8


def test_without_javascript_the_estimator_page_shows_every_rule(page_without_js):
    tab = page_without_js.open("/nl/estimator/")
    assert not tab.locator("[data-estimator-form]").is_visible()
    assert not tab.locator("[data-estimator-result]").is_visible()
    table = tab.locator("table.estimator-rules")
    assert table.is_visible()
    assert "€\u00a0700 per volwassene, €\u00a0350 per kind" in table.inner_text()
    assert "9 augustus 2017" in tab.locator(".estimator-date").first.inner_text()


# --- The rules engine, in the browser ------------------------------------------------------------


def engine(tab, answers):
    return tab.evaluate(
        """answers => {
            const data = JSON.parse(document.querySelector('[data-estimator-data]').textContent);
            const r = window.estimator.estimate(data.rules, answers);
            return {certain: {items: r.certain.map(i => i.id), total: r.totalCertain},
                    possible: {items: r.possible.map(i => i.id), total: r.totalPossible}};
        }""",
        answers,
    )


def test_the_rules_engine_matches_every_case_worked_out_by_hand(page):
    tab = page.open("/en/estimator/")
    for case in CASES:
        result = engine(tab, case["answers"])
        assert result == {"certain": case["certain"], "possible": case["possible"]}, case["name"]


def fragment(answers: dict) -> str:
    yes_no = {True: "yes", False: "no"}
    return "#" + "&".join(f"{k}={yes_no.get(v, v) if isinstance(v, bool) else v}" for k, v in answers.items())


def shown(tab) -> dict:
    """What the page shows: the items of each list and the two totals as text."""
    result = {}
    for certainty in ("certain", "possible"):
        items = tab.locator(f'[data-estimator-list="{certainty}"] [data-estimator-item]')
        total = tab.locator(f'[data-estimator-total="{certainty}"]')
        result[certainty] = {
            "items": items.evaluate_all("nodes => nodes.map(n => n.dataset.estimatorItem)"),
            "total": total.inner_text() if total.count() else None,
        }
    return result


@pytest.mark.parametrize("locale", LOCALES)
def test_each_case_through_the_real_page(page, locale):
    for case in CASES:
        tab = page.open(page_url(locale, "estimator/") + fragment(case["answers"]))
        tab.reload()  # a fragment change alone does not reload the page
        result = shown(tab)
        assert result["certain"]["items"] == case["certain"]["items"], case["name"]
        assert result["certain"]["total"].endswith(format_money(case["certain"]["total"], locale)), case["name"]
        assert result["possible"]["items"] == case["possible"]["items"], case["name"]
        if case["possible"]["items"]:
            assert result["possible"]["total"].endswith(format_money(case["possible"]["total"], locale)), case["name"]
        text = tab.locator("[data-estimator-output]").inner_text()
        assert "NaN" not in text and "undefined" not in text
        assert not re.search(r"[-\u2212]\s*(€\s*)?\d", text), "a negative amount"


ERRORS = {
    "": "Write a number, for example 1.",
    "-1": "The number must be at least 1.",
    "0": "The number must be at least 1.",
    "1.5": '"1.5" is not a whole number.',
    "two": '"two" is not a whole number.',
    "2 adults": '"2 adults" is not a whole number.',
    "999": "For more than 20 people, call the free phone number",
    "1e3": '"1e3" is not a whole number.',
}


@pytest.mark.parametrize("typed", sorted(ERRORS))
def test_bad_input_gets_an_inline_message_and_never_a_wrong_result(page, typed):
    tab = page.open("/en/estimator/")
    tab.get_by_label("I asked for asylum and my application was refused").check()
    field = tab.get_by_label("How many adults (18 or older) go back, including you?")
    field.fill(typed)
    assert ERRORS[typed] in tab.locator("#estimator-adults-error").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    output = tab.locator("[data-estimator-output]").inner_text()
    assert output == "Correct the answer marked above to see the estimate."
    field.fill("2")
    assert field.get_attribute("aria-invalid") is None
    assert shown(tab)["certain"]["total"].endswith("€1,900")


@pytest.mark.parametrize("locale, expected", [
    ("fr", "n'est pas un nombre entier"), ("nl", "is geen geheel getal"), ("en", "is not a whole number"),
])
def test_a_paste_of_text_is_explained_in_the_page_language(page, locale, expected):
    tab = page.open(page_url(locale, "estimator/"))
    tab.locator("#estimator-children").fill("deux enfants\nplease")
    assert expected in tab.locator("#estimator-children-error").inner_text()


def test_a_result_survives_its_address(page, browser, server):
    tab = page.open("/estimator/")
    tab.get_by_label("J'ai demandé l'asile et j'attends encore la réponse").check()
    tab.get_by_label("Combien d'adultes (18 ans ou plus) rentrent, vous compris ?").fill("2")
    tab.get_by_label("Combien d'enfants (moins de 18 ans) rentrent avec vous ?").fill("1")
    tab.locator("#estimator-project-yes").check()
    address = tab.url
    assert urlsplit(address).query == "", "answers must not travel to the server in the query string"
    assert "situation=asylum_seeker" in urlsplit(address).fragment
    before = shown(tab)

    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto(address)
    assert shown(fresh) == before
    assert fresh.locator("#estimator-project-yes").is_checked()
    assert fresh.locator("#estimator-adults").input_value() == "2"
    other.close()


def test_the_estimator_works_with_the_keyboard_alone(page):
    tab = page.open("/nl/estimator/")
    tab.locator("#estimator-situation-asylum_seeker").focus()
    tab.keyboard.press("ArrowDown")  # moves to and selects "refused"
    assert tab.locator("#estimator-situation-refused").is_checked()
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "estimator-adults"
    tab.keyboard.press("Control+A")
    tab.keyboard.type("1")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Control+A")
    tab.keyboard.type("2")
    assert shown(tab)["certain"]["total"].endswith(format_money(250 + 250 + 700 + 700, "nl"))
    live = tab.locator("[data-estimator-output]")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"


def test_choosing_nothing_asks_for_the_situation(page):
    tab = page.open("/en/estimator/")
    assert tab.locator("[data-estimator-output]").inner_text() == "Choose your situation to see the estimate."


def test_the_printed_result_keeps_answers_items_total_date_and_disclaimer(page):
    tab = page.open("/en/estimator/#situation=refused&adults=1&children=0&vulnerable=no&project=no")
    tab.emulate_media(media="print")
    assert not tab.locator("[data-estimator-form]").is_visible()
    assert not tab.locator(".md-header").is_visible()
    for selector in (".estimator-answers", '[data-estimator-list="certain"]', '[data-estimator-total="certain"]',
                     ".estimator-result .estimator-date", ".estimator-disclaimer"):
        assert tab.locator(selector).first.is_visible(), selector
