"""Valid HTML: the Nu Html Checker (vnu, on the machine's Java) finds no error in any built page.

Two errors come from Material for MkDocs' own templates and are listed here with why they are harmless;
any other error fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from hooks.components import sheets

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME_ERRORS = {
    # Material puts autocomplete="off" on its hidden checkboxes (drawer, search, table of contents) so that
    # Firefox does not restore an open menu on reload; the attribute is only invalid on that input type.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # Material's "table of contents" title is a label for its hidden __toc checkbox, which its script toggles.
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        'for="__toc"',
    ),
}


def from_theme(message: dict) -> bool:
    return any(text in message["message"] and where in message.get("extract", "") for text, where in THEME_ERRORS)


def test_no_page_has_an_html_error_of_ours(site, tmp_path):
    """Every built page, and each page's text that a sheet in two languages loads into a column
    (assets/sheets/*.html: a fragment, checked as the body of a document in its language)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make test`, which installs both")
    fragments = tmp_path / "sheets"
    fragments.mkdir()
    for fragment in sorted((site / sheets.FOLDER).glob("*.html")):
        lang = fragment.suffixes[0].lstrip(".")
        (fragments / fragment.name).write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{fragment.name}</title></head>'
            f"<body>{fragment.read_text(encoding='utf-8')}</body></html>",
            encoding="utf-8",
        )
    assert len(list(fragments.iterdir())) == 3 * len(sheets.paired_pages())
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site), str(fragments)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    ours = [
        f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not from_theme(m) and f"/{sheets.FOLDER}/" not in m["url"]  # the fragments themselves: as documents
    ]
    assert ours == []
