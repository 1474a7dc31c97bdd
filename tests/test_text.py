"""text.js: what the site's scripts share to write and read text (a text's {placeholders}, digits of any
script), written once and loaded before every script that uses it."""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from conftest import ROOT

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"


def scripts_in_order() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = yaml.safe_load(config[config.index("extra_javascript:") : config.index("\nextra:")])
    return [path.rsplit("/", 1)[-1] for path in listed["extra_javascript"]]


def test_each_helper_of_text_is_written_once_in_the_scripts():
    """fill() was written three times (desks.js, estimator.js, search.js), one of them differently."""
    for helper in ("fill", "asciiDigits", "element"):
        written = [
            path.name for path in sorted(SCRIPTS.glob("*.js")) if re.search(rf"function {helper}\b", path.read_text())
        ]
        assert written == ["text.js"], (helper, written)


def test_text_js_comes_before_every_script_that_uses_it_and_in_the_same_bundle():
    order = scripts_in_order()
    users = [
        name
        for name in order
        if name != "text.js"
        and re.search(r"\b(window|global|globalThis)\.text\b|\)\.text;", (SCRIPTS / name).read_text())
    ]
    assert {"desks.js", "estimator.js", "search.js"} <= set(users), users
    assert all(order.index("text.js") < order.index(name) for name in users), order
    assert not (SCRIPTS / "digits.js").exists()


def test_fill_leaves_an_unknown_placeholder_and_writes_numbers():
    done = subprocess.run(
        [
            "node",
            "-e",
            f"require({json.dumps(str(SCRIPTS / 'text.js'))}); const t = globalThis.text;"
            "console.log(JSON.stringify([t.fill('{a} and {b}', {a: 3}), t.fill('{constructor}', {}), t.asciiDigits('۱٢3')]))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout) == ["3 and {b}", "{constructor}", "123"]
