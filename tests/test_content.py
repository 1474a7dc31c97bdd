"""What an editor may write: a corpus of mistakes, each built in a copy of the project, each stopped with its
one-line message naming the file, the place, the problem and the fix; none ends in a traceback.

Pages, front matter and every data file are covered (hooks/content.py, hooks/validation.py and the checks of
each component), and data/hosting.yml, whose values reach nginx.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, build_site, copy_project

PAGE = "docs/fr/journey.md"
PAGE_LINES = (ROOT / PAGE).read_text(encoding="utf-8").count("\n")
AT = f"{PAGE}:{PAGE_LINES + 2}"  # where append() puts the line


def append(text: str):
    return lambda page: page + "\n" + text + "\n"


def replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, f"the case no longer matches: {old!r}"
        return text.replace(old, new, 1)

    return change


def latin1(text: str) -> bytes:
    return text.replace("Appelez", "Appelez é", 1).encode("latin-1", errors="replace")


def line_of(relative: str, fragment: str) -> int:
    lines = (ROOT / relative).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if fragment in line)


DESKS_CHECKED = line_of("data/desks.yml", "checked: 2026-11-27")
UI_HOURS = line_of("data/ui.yml", "hours_unknown:")
STORY = "docs/fr/stories/albania-bakery.md"
STORY_YEAR = line_of(STORY, "year: 2025")
RULES_ID = line_of("data/estimator.yml", "- id: amif-2017")
GLOSSARY_TERM = line_of("data/glossary.yml", "fr: guichet retour")

# (case, file, change, what the message says: its start, and a part of the rest)
CASES = [
    # --- Pages: what the policy would have to allow
    (
        "script in a page",
        PAGE,
        append("<script>alert(1)</script>"),
        f"{AT}: page: a <script> cannot be written in a page",
    ),
    (
        "script with a type",
        PAGE,
        append('<script type="module">alert(1)</script>'),
        f"{AT}: page: a <script> cannot be written in a page",
    ),
    (
        "iframe",
        PAGE,
        append('<iframe src="https://maps.example/"></iframe>'),
        f"{AT}: page: a <iframe> cannot be written in a page",
    ),
    ("object", PAGE, append('<object data="x.swf"></object>'), f"{AT}: page: a <object> cannot be written"),
    ("style element", PAGE, append("<style>body{display:none}</style>"), f"{AT}: page: a <style> cannot be written"),
    (
        "event handler",
        PAGE,
        append('<span onmouseover="alert(1)">here</span>'),
        f"{AT}: page: an on...= attribute is a script",
    ),
    (
        "image handler",
        PAGE,
        append('<img src="x.png" alt="x" onerror="alert(1)">'),
        f"{AT}: page: an on...= attribute is a script",
    ),
    (
        "javascript: link",
        PAGE,
        append("[Call us](javascript:alert(1))"),
        f"{AT}: page: a javascript: address runs code",
    ),
    (
        "javascript: in capitals",
        PAGE,
        append('<a href=" JavaScript:alert(1)">x</a>'),
        f"{AT}: page: a javascript: address runs code",
    ),
    (
        "javascript: in disguise",
        PAGE,
        append("[Call us](java&#115;cript:alert(1))"),
        f"{AT}: page: a javascript: address runs code",
    ),
    ("data: link", PAGE, append("[x](data:text/html;base64,PHNjcmlwdD4=)"), f"{AT}: page: a data: address"),
    ("inline style", PAGE, append('<p style="color:red">Urgent</p>'), f"{AT}: page: a style= attribute"),
    # --- Pages: markers, notes, images, size, encoding
    (
        "marker without its id",
        PAGE,
        append("<!-- desk -->"),
        f"{AT}: page: <!-- desk --> is not a marker the site knows. Fix: use one of <!-- glossary -->, <!-- desks -->, <!-- desk:ID -->",
    ),
    ("marker in capitals", PAGE, append("<!-- Desks -->"), f"{AT}: page: <!-- Desks --> is not a marker"),
    ("mistyped marker", PAGE, append("<!-- estimater -->"), f"{AT}: page: <!-- estimater --> is not a marker"),
    (
        "unknown marker variant",
        PAGE,
        append("<!-- estimator:table -->"),
        f"{AT}: page: <!-- estimator:table --> is not a marker",
    ),
    (
        "unknown desk",
        PAGE,
        append("<!-- desk:namur -->"),
        "<!-- desk:namur -->: no desk has this id. Fix: use one of brussels",
    ),
    ("TODO in the text", PAGE, append("TODO: ask Fedasil for the date."), f"{AT}: page: the text still holds TODO"),
    ("FIXME in the text", PAGE, append("The office opens FIXME."), f"{AT}: page: the text still holds FIXME"),
    (
        "image name with a space",
        PAGE,
        append("![The office](office photo.png)"),
        f"{AT}: page: the image address 'office photo.png' holds characters",
    ),
    ("image with a quote", PAGE, append('<img src="a\'b.png" alt="x">'), f"{AT}: page: the image address"),
    (
        "image from another site",
        PAGE,
        append("![Map](https://maps.example.com/tile.png)"),
        f"{AT}: page: the image address 'https://maps.example.com/tile.png' holds characters an address cannot carry, or points to another site",
    ),
    ("page far too long", PAGE, append("Une phrase de plus pour la page. " * 1700), f"{PAGE}: page: the page has "),
    (
        "page not in UTF-8",
        PAGE,
        lambda text: text.replace("voyage", "voyagé", 1).encode("latin-1", errors="replace"),
        f"{PAGE}:",
    ),
    # --- Front matter
    (
        "title written twice",
        PAGE,
        replace("---\n", "---\ntitle: Le voyage\n"),
        f"{PAGE}:3: title: title is written twice (first on line 2)",
    ),
    (
        "front matter that does not parse",
        PAGE,
        replace("description: ", 'description: "unclosed '),
        f"{PAGE}:4: YAML: the text does not parse",
    ),
    (
        "story year in the future",
        STORY,
        replace("year: 2025", "year: 2099"),
        f"{STORY}:{STORY_YEAR}: year: 2099 is in the future",
    ),
    (
        "story year as a word",
        STORY,
        replace("year: 2025", "year: recent"),
        f'{STORY}:{STORY_YEAR}: year: "recent" is not of the expected kind',
    ),
    ("story with a TODO", STORY, append("TODO"), f"{STORY}:"),
    # --- data/desks.yml
    (
        "desks: a key twice",
        "data/desks.yml",
        replace('    value: "0800 32 745"\n', '    value: "0800 32 745"\n    value: "0800 99 999"\n'),
        "data/desks.yml:16: toll_free.number.value: value is written twice (first on line 15)",
    ),
    (
        "desks: checked in the future",
        "data/desks.yml",
        replace("checked: 2026-11-27", "checked: 2062-11-27"),
        f"data/desks.yml:{DESKS_CHECKED}: toll_free.number.checked: 2062-11-27 is in the future",
    ),
    (
        "desks: a list for a city",
        "data/desks.yml",
        replace("city: {fr: Bruxelles,", "city: {fr: [Bruxelles, Brussel],"),
        "data/desks.yml:33: desks[0].city.fr: this is not of the expected kind (string)",
    ),
    (
        "desks: not UTF-8",
        "data/desks.yml",
        lambda text: text.replace("Lamorinièrestraat", "Lamorinièrestraat", 1).encode("latin-1", errors="replace"),
        "data/desks.yml:",
    ),
    # --- data/ui.yml
    (
        "ui: a text missing in one language",
        "data/ui.yml",
        replace('nl: "Bel het gratis nummer voor de uren.", ', ""),
        f"data/ui.yml:{UI_HOURS}: desks.hours_unknown.nl: the nl text is missing",
    ),
    (
        "ui: a list for a text",
        "data/ui.yml",
        replace('nl: "Bel het gratis nummer voor de uren."', 'nl: ["Bel het gratis nummer", "voor de uren."]'),
        f"data/ui.yml:{UI_HOURS}: desks.hours_unknown.nl: the nl text is a list, not a text",
    ),
    (
        "ui: a key twice",
        "data/ui.yml",
        replace("  language_label:", '  search: {fr: "x", nl: "x", en: "x"}\n  language_label:'),
        "data/ui.yml:",
    ),
    ("ui: not UTF-8", "data/ui.yml", latin1, "data/ui.yml:"),
    # --- data/stories.yml, data/estimator.yml, data/glossary.yml
    (
        "stories: a label missing",
        "data/stories.yml",
        replace("{fr: Caucase, nl: Kaukasus, en: Caucasus}", "{fr: Caucase, nl: Kaukasus}"),
        "data/stories.yml:10: regions.caucasus: the en label is missing",
    ),
    (
        "stories: a key twice",
        "data/stories.yml",
        replace("  asia:", "  balkans: {fr: B, nl: B, en: B}\n  asia:"),
        "data/stories.yml:14: regions.balkans: balkans is written twice (first on line 9)",
    ),
    (
        "estimator: a key twice",
        "data/estimator.yml",
        replace("  - id: amif-2017\n", "  - id: amif-2017\n    id: amif-2018\n"),
        f"data/estimator.yml:{RULES_ID + 1}: rule_sets[0].id: id is written twice (first on line {RULES_ID})",
    ),
    (
        "glossary: a key twice",
        "data/glossary.yml",
        replace("    fr: guichet retour\n", "    fr: guichet retour\n    fr: guichet\n"),
        f"data/glossary.yml:{GLOSSARY_TERM + 1}: terms[0].fr: fr is written twice (first on line {GLOSSARY_TERM})",
    ),
    # --- data/translations.lock.yml
    (
        "lock: a list for a fingerprint",
        "data/translations.lock.yml",
        replace("  en: ec0d2df9348e", "  en: [ec0d2df9348e]"),
        "data/translations.lock.yml:7: data/desks.yml:desks[antwerp].address.value.building.en: en: ['ec0d2df9348e'] is not",
    ),
    (
        "lock: does not parse",
        "data/translations.lock.yml",
        replace("  en: ec0d2df9348e", "  en: ec0d2df9348e: x"),
        "data/translations.lock.yml:7: YAML: the text does not parse",
    ),
    # --- data/hosting.yml: every value reaches nginx
    (
        "hosting: a key missing",
        "data/hosting.yml",
        replace("  html: public, max-age=300, must-revalidate", ""),
        "data/hosting.yml:",
    ),
    (
        "hosting: a quote in a header",
        "data/hosting.yml",
        replace("X-Frame-Options: DENY", 'X-Frame-Options: DENY"; evil'),
        "data/hosting.yml:",
    ),
    (
        "hosting: a variable in a header",
        "data/hosting.yml",
        replace("Referrer-Policy: no-referrer", "Referrer-Policy: $http_cookie"),
        "data/hosting.yml:",
    ),
    (
        "hosting: a domain with nginx syntax",
        "data/hosting.yml",
        replace("en: www.voluntaryreturn.be", "en: www.voluntaryreturn.be; return 200"),
        "data/hosting.yml:",
    ),
    (
        "hosting: unsafe-inline in the policy",
        "data/hosting.yml",
        replace("script-src 'self' {script_hashes}", "script-src 'self' 'unsafe-inline' {script_hashes}"),
        "data/hosting.yml:",
    ),
    (
        "hosting: TLS without a certificate",
        "data/hosting.yml",
        replace("  mode: front\n  certificate: /etc/ssl/voluntaryreturn/fullchain.pem\n", "  mode: nginx\n"),
        "data/hosting.yml:",
    ),
    ("hosting: an unknown TLS mode", "data/hosting.yml", replace("  mode: front", "  mode: on"), "data/hosting.yml:"),
    (
        "hosting: a key twice",
        "data/hosting.yml",
        replace("  X-Frame-Options: DENY", "  X-Frame-Options: DENY\n  X-Frame-Options: SAMEORIGIN"),
        "data/hosting.yml:",
    ),
]
HOSTING_DETAILS = {
    "hosting: a key missing": "cache: the field html is missing",
    "hosting: a quote in a header": "headers.X-Frame-Options:",
    "hosting: a variable in a header": "headers.Referrer-Policy:",
    "hosting: a domain with nginx syntax": "domains.en:",
    "hosting: unsafe-inline in the policy": "headers.Content-Security-Policy:",
    "hosting: TLS without a certificate": "tls: the field certificate is missing",
    "hosting: an unknown TLS mode": "tls.mode:",
    "hosting: a key twice": "headers.X-Frame-Options: X-Frame-Options is written twice",
    "desks: not UTF-8": "file: the file is not UTF-8 text",
    "ui: not UTF-8": "file: the file is not UTF-8 text",
    "page not in UTF-8": "file: the file is not UTF-8 text",
    "ui: a key twice": "layout.search: search is written twice",
    "story with a TODO": "page: the text still holds TODO",
    "page far too long": "characters, more than 50,000. Fix: split it",
}


def build_with(tmp_path, relative: str, change):
    project = copy_project(tmp_path / "project")
    path = project / relative
    result = change(path.read_text(encoding="utf-8"))
    path.write_bytes(result if isinstance(result, bytes) else result.encode("utf-8"))
    return build_site(project, tmp_path / "out")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.engine
@pytest.mark.parametrize("case, relative, change, expected", CASES, ids=[case[0] for case in CASES])
def test_each_mistake_stops_the_build_with_its_one_line_message(tmp_path, case, relative, change, expected):
    result = build_with(tmp_path, relative, change)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build went through"
    assert "Traceback" not in output and "Error: " not in output.replace("BuildError", ""), output[-3000:]
    lines = [re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line) for line in output.splitlines()]
    found = [line for line in lines if expected in line]
    assert found, f"{case}: no line says {expected!r}:\n{output[-3000:]}"
    line = found[0]
    assert ". Fix: " in line, line
    assert HOSTING_DETAILS.get(case, "") in line, line


def test_the_markers_come_from_the_components(tmp_path):
    """A component's MARKER is enough for its marker to be known: no list to keep in step."""
    from hooks.checks import content

    module = type(sys)("fake_component")
    module.MARKER = re.compile(r"<!--\s*glossary(:(short|full))?\s*-->")
    names = content.marker_names([module])
    assert names == ["glossary", "glossary:short", "glossary:full"]
    known = content.matchers([module])
    assert any(match("<!-- glossary:full -->") for match in known)
    assert not any(match("<!-- glossary:long -->") for match in known)


def test_notes_for_colleagues_and_code_are_not_markers():
    from hooks.checks import content

    text = "<!-- note for the translators: keep this short -->\n\n```\n<!-- desk -->\n```\n"
    assert content.check_page(ROOT / PAGE, text, 1, [], []) == []


@pytest.mark.engine
def test_the_scaffold_s_todo_stops_the_build(tmp_path):
    """make new-page writes TODO in every text to fill in: such a page cannot be published by mistake."""
    result = build_with(tmp_path, PAGE, append("TODO: the text, in French. Short sentences, one idea each."))
    assert result.returncode != 0 and "the text still holds TODO" in result.stdout + result.stderr


@pytest.mark.engine
def test_a_symbolic_link_stops_the_build_and_publishes_nothing(tmp_path):
    """Git stores a link as a one-line path: `ln -s /etc/passwd docs/fr/passwd.txt` published the build machine's
    file. Every link under docs/, data/ and overrides/ stops the build, one line each, whatever it points to."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "fr" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "overrides" / "assets" / "etc").symlink_to("/etc", target_is_directory=True)
    (project / "data" / "desks-copy.yml").symlink_to(project / "data" / "desks.yml")
    result = build_site(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    for link, target in (
        ("docs/fr/passwd.txt", "/etc/passwd"),
        ("overrides/assets/etc", "/etc"),
        ("data/desks-copy.yml", str(project / "data" / "desks.yml")),
    ):
        line = next((line for line in output.splitlines() if f"{link}: file: this is a symbolic link" in line), "")
        assert f"(to {target})" in line and ". Fix: " in line, output[-3000:]
    assert not (tmp_path / "out" / "passwd.txt").exists()
