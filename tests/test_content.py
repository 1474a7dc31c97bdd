"""What an editor may write: a corpus of mistakes, each built in a copy of the project, each stopped with its
one-line message naming the file, the place, the problem and the fix; none ends in a traceback.

Pages, front matter and every data file are covered (hooks/checks/content.py, hooks/core/data.py and the checks of
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


# --- Inputs bounded (issue 24): aliases, invisible characters, placeholders, page names, addresses -------------

# 342 bytes: nine levels of nine aliases, 9^9 (387 million) values once expanded. Seven levels ran 62 s and took
# 1.5 GB in the line map; this one still ran after 150 s.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9) if previous else ', '.join(['lol'] * 9)}]\n"
    for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def _answered_quickly(loader, path):
    """The loader's messages; expanded, the bomb would not end, so an alarm stops a loader that walks it (a bound,
    not a measure: make bench and the engine test print the time)."""
    import signal

    from hooks.core.data import DataError

    def walked(*_):
        raise AssertionError("the loader expands the aliases: it would not end")

    previous = signal.signal(signal.SIGALRM, walked)
    signal.alarm(60)
    try:
        with pytest.raises(DataError) as error:
            loader(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return error.value.messages


@pytest.mark.parametrize("name", ["desks.yml", "glossary.yml"])
def test_a_yaml_alias_bomb_in_a_data_file_is_refused_before_any_walk(tmp_path, monkeypatch, name):
    from hooks.components.desks import load_desks
    from hooks.components.glossary import load_glossary

    loader = {"desks.yml": load_desks, "glossary.yml": load_glossary}[name]
    (tmp_path / "data").mkdir()
    bad = tmp_path / "data" / name
    bad.write_text(ALIAS_BOMB + (ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("hooks.core.data.ROOT", tmp_path)
    messages = _answered_quickly(loader, bad)
    assert len(ALIAS_BOMB) < 400 and len(messages) == 9, messages
    assert messages[0] == (
        f"data/{name}:1: YAML: &a names a part of the file to repeat (a YAML anchor or alias, which this project "
        "does not accept). Fix: write the value out in full where it is needed and remove the & or * mark (a text "
        "that starts with & or * goes in quotes)."
    )
    assert messages[1].startswith(f"data/{name}:2: YAML: &b names"), messages[1]


def test_a_yaml_alias_bomb_in_front_matter_is_refused_before_any_walk(tmp_path, monkeypatch):
    from hooks.core.data import read_front_matter

    page = tmp_path / "docs" / "fr" / "faq.md"
    page.parent.mkdir(parents=True)
    text = (ROOT / "docs" / "fr" / "faq.md").read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\n" + ALIAS_BOMB, 1), encoding="utf-8")
    monkeypatch.setattr("hooks.core.data.ROOT", tmp_path)
    messages = _answered_quickly(read_front_matter, page)
    assert messages[0].startswith("docs/fr/faq.md:2: YAML: &a names a part of the file to repeat"), messages
    assert messages[-1].startswith("docs/fr/faq.md:10: YAML: &i names"), messages


def test_a_lone_alias_and_a_value_that_starts_with_an_ampersand(tmp_path):
    from hooks.core.data import DataError, parse_yaml

    with pytest.raises(DataError) as error:
        parse_yaml("a: 1\nb: &n 2\nc: *n\n", "x.yml")
    assert [line.split(" (")[0] for line in error.value.messages] == [
        "x.yml:2: YAML: &n names a part of the file to repeat",
        "x.yml:3: YAML: *n repeats another part of the file",
    ]
    assert parse_yaml('name: "&Co and *stars*"\n', "x.yml").data == {"name": "&Co and *stars*"}


INVISIBLE_CASES = {
    # (file, text): what the message says, or None when the text is accepted
    "right-to-left override in a desk's name": ("data/desks.yml", "name: Brux\u202eelles\n"),
    "isolate in a title": ("docs/fr/faq.md", "title: Questions\u2066 fréquentes\n"),
    "zero-width space": ("data/glossary.yml", "fr: guichet\u200bretour\n"),
    "byte order mark inside": ("data/ui.yml", "x: a\ufeffb\n"),
    "a joiner where French is written": ("docs/fr/faq.md", "title: a\u200cb\n"),
    "a joiner in Russian": ("data/languages/ru.yml", "x: a\u200db\n"),
}


@pytest.mark.parametrize("case", INVISIBLE_CASES)
def test_an_invisible_character_in_a_name_a_title_or_a_data_text_is_refused_by_line(case):
    from hooks.core.data import DataError, parse_yaml

    file, text = INVISIBLE_CASES[case]
    with pytest.raises(DataError) as error:
        parse_yaml(text, file, first_line=2 if file.endswith(".md") else 1)
    [line] = error.value.messages
    code = next(f"U+{ord(c):04X}" for c in text if not c.isprintable() or c in "\u200b\u200c\u200d\ufeff")
    assert line.startswith(f"{file}:{2 if file.endswith('.md') else 1}: text: {code} (") and ". Fix: delete it" in line


@pytest.mark.parametrize(
    "file", ["data/languages/fa.yml", "data/languages/ps.yml", "data/languages/ar.yml", "docs/fa/index.md"]
)
def test_persian_pashto_and_arabic_keep_the_joiners_they_need(file):
    from hooks.core.data import DataError, parse_yaml

    assert parse_yaml("x: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n", file).data == {"x": "می‌خواهم"}
    with pytest.raises(DataError, match="U\\+202E"):
        parse_yaml("x: \u0645\u202e\u06cc\n", file)  # but never an override


def test_a_joiner_between_arabic_letters_is_spelling_in_any_file_and_nowhere_else():
    """data/countries.yml holds every language's names: Farsi's ساحل‌عاج keeps its non-joiner there too."""
    from hooks.core.data import DataError, parse_yaml

    assert parse_yaml("fa: ساحل\u200cعاج\n", "data/countries.yml").data == {"fa": "ساحل\u200cعاج"}
    with pytest.raises(DataError, match="U\\+200C"):
        parse_yaml("en: Ivory\u200cCoast\n", "data/countries.yml")
    with pytest.raises(DataError, match="U\\+200C"):
        parse_yaml("fa: \u200cساحل\n", "data/countries.yml")  # at the start of a text: no letter to join


def test_the_project_s_own_texts_hold_no_invisible_character():
    from hooks.core.data import display_path, invisible_characters

    files = [*(ROOT / "data").rglob("*.yml"), *(ROOT / "docs").rglob("*.md")]
    found = [
        line for path in files for line in invisible_characters(path.read_text(encoding="utf-8"), display_path(path))
    ]
    assert found == []


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{ {times}", "a lone { or }"),
        ("{times", "a lone { or }"),
        ("Working days}: {times}", "a lone { or }"),
        ("{0}", "{0} is not a placeholder"),
        ("{times!r}", "{times} is not a placeholder"),
    ],
)
def test_a_stray_brace_in_a_translated_text_is_one_line_naming_file_and_text(tmp_path, text, problem):
    """`hours_line: "{ {times}"` in data/languages/ps.yml gave a 22-frame traceback naming neither file nor line."""
    import yaml

    from hooks.core.data import DataError
    from hooks.core.locale import load_texts

    source = (ROOT / "data" / "languages" / "ps.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    data["ui"]["toll_free"]["hours_line"] = text
    path = tmp_path / "ps.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_texts("ps", path)
    [line] = error.value.messages
    assert re.match(r"^\S*ps\.yml:\d+: ui\.toll_free\.hours_line: the text has ", line), line
    assert problem in line and "Fix: write the placeholders as the English text does (Working days: {times})" in line


def test_a_stray_brace_in_an_interface_text_of_ui_yml_is_one_line(tmp_path):
    from hooks.core.data import DataError
    from hooks.core.locale import load_ui

    text = (ROOT / "data" / "ui.yml").read_text(encoding="utf-8")
    path = tmp_path / "ui.yml"
    path.write_text(text.replace('nl: "Werkdagen: {times}"', 'nl: "Werkdagen: {tijden}"', 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_ui(path)
    [line] = error.value.messages
    assert "toll_free.hours_line.nl: the nl text has ['{tijden}'], the French has ['{times}']" in line, line


def test_every_translated_text_parses_with_the_placeholders_of_its_source():
    from hooks.core.locale import ALL_LOCALES, is_full, texts, ui_data

    assert ui_data()
    assert all(texts(locale) for locale in ALL_LOCALES if not is_full(locale))


@pytest.mark.parametrize(
    "file, better",
    [
        ("docs/fr/Mon Page.md", "mon-page.md"),
        ("docs/fr/été.md", "ete.md"),
        ("docs/nl/Reis_plan.md", "reis-plan.md"),
        ("docs/en/stories/New Story.md", "stories/new-story.md"),
        ("docs/fr/faq-.md", "faq.md"),
    ],
)
def test_a_page_file_name_is_a_lowercase_slug(file, better):
    from hooks.checks.content import page_name_problem

    [line] = page_name_problem(file)
    assert line.startswith(f"{file}: file: the page's name ") and f"Fix: rename the file {better} (git mv)" in line


def test_the_pages_of_the_site_have_slug_names():
    from hooks.checks.content import page_name_problem
    from hooks.core.data import display_path

    assert [line for page in (ROOT / "docs").rglob("*.md") for line in page_name_problem(display_path(page))] == []


# Each way a page's Markdown or HTML can make a browser load from, or tell, another site: (line, the attribute named).
FOREIGN_ROUTES = [
    ("![p][p]\n\n[p]: https://evil.example/p.gif", "the image address 'https://evil.example/p.gif'"),
    ("![Map][]\n\n[map]: //evil.example/m.png", "the image address '//evil.example/m.png'"),
    (
        '<img src="a.png" srcset="a.png 1x, https://evil.example/b.png 2x" alt="a">',
        "srcset='https://evil.example/b.png'",
    ),
    ('<input type="image" src="https://evil.example/i.png" alt="go">', "src='https://evil.example/i.png'"),
    ('<a href="contact/" ping="https://evil.example/ping">us</a>', "ping='https://evil.example/ping'"),
    ('<video poster="https://evil.example/p.jpg"></video>', "poster='https://evil.example/p.jpg'"),
    ('<picture><source srcset="//evil.example/s.webp"></picture>', "srcset='//evil.example/s.webp'"),
    ('<button formaction="https://evil.example/f">x</button>', "formaction='https://evil.example/f'"),
    (
        '<img src="x.png" alt="x"><audio src="ht&#116;ps://evil.example/a.mp3"></audio>',
        "src='https://evil.example/a.mp3'",
    ),
    ("[x][js]\n\n[js]: javascript:alert(1)", "a javascript: address runs code"),
]


@pytest.mark.parametrize(
    "markdown, named", FOREIGN_ROUTES, ids=[named.split("=")[0][:24] for _, named in FOREIGN_ROUTES]
)
def test_every_route_to_another_site_in_a_page_is_refused_by_line(markdown, named):
    from hooks.checks import content

    problems = content.check_page(ROOT / PAGE, markdown + "\n", 7, [], [])
    assert problems, markdown
    # The line of the tag or of the image; a reference's address, on its definition's line (9).
    assert any(re.match(rf"{PAGE}:[79]: page: ", line) and named in line and ". Fix: " in line for line in problems)


def test_links_and_images_of_the_site_itself_pass_reference_style_too():
    from hooks.checks import content, links

    markdown = (
        '![Plan](plan.png) [Contact][c] ![Logo][logo] <img src="a.png" srcset="a.png 1x, a-2x.png 2x" alt="a">\n'
        '<a href="https://www.fedasil.be/">Fedasil</a>\n\n[c]: contact.md\n[logo]: logo.png\n'
    )
    assert content.check_page(ROOT / PAGE, markdown, 1, [], []) == []
    found = [(image, target) for _, image, _, target in links.links_in(markdown)]
    assert (False, "contact.md") in found and (True, "logo.png") in found, "references are read as links are"


@pytest.mark.engine
def test_many_input_mistakes_in_one_copy_each_named_in_one_line(tmp_path):
    """One build of a copy holding a mistake of each kind in its own page, so that none hides another: every
    page is checked before any is built, and each mistake has its line."""
    import time

    project = copy_project(tmp_path / "project")

    def edit(relative, change):
        path = project / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    edit("docs/fr/faq.md", lambda text: text.replace("---\n", "---\n" + ALIAS_BOMB, 1))
    edit("docs/nl/journey.md", lambda text: text.replace("title: De terugreis", "title: De \u202eterugreis", 1))
    edit("docs/en/faq.md", lambda text: text + "\n![p][p]\n\n[p]: https://evil.example/p.gif\n")
    edit(PAGE, lambda text: text + '\n<img src="a.png" srcset="https://evil.example/b.png 2x" alt="a">\n')
    edit("docs/fr/contact.md", lambda text: text + '\n<a href="faq/" ping="https://evil.example/p">faq</a>\n')
    edit("docs/nl/faq.md", lambda text: text + "\nEen zin met een\u200b verborgen teken.\n")
    (project / "docs" / "fr" / "Mon Été.md").write_text("---\ntitle: Mon été\n---\n\n# Mon été\n", encoding="utf-8")
    started = time.monotonic()
    result = build_site(project, tmp_path / "out")
    took = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    lines = [re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line) for line in output.splitlines()]
    for expected in (
        "docs/fr/faq.md:2: YAML: &a names a part of the file to repeat",
        "docs/nl/journey.md:2: text: U+202E (RIGHT-TO-LEFT OVERRIDE)",
        "docs/en/faq.md:",  # the reference-style image
        f"{PAGE}:",  # srcset
        "docs/fr/contact.md:",  # ping
        "docs/nl/faq.md:",  # a zero-width space in the text
        "docs/fr/Mon Été.md: file: the page's name 'Mon Été.md' is its address",
    ):
        assert any(line.startswith(expected) and ". Fix: " in line for line in lines), f"{expected}\n{output[-4000:]}"
    assert any("https://evil.example/p.gif" in line and line.startswith("docs/en/faq.md:") for line in lines)
    assert any("srcset='https://evil.example/b.png'" in line for line in lines)
    assert any("ping='https://evil.example/p'" in line for line in lines)
    assert any("U+200B (ZERO WIDTH SPACE)" in line for line in lines)
    print(f"the build answered in {took:.1f} s")


@pytest.mark.engine
def test_a_yaml_alias_bomb_in_a_data_file_stops_the_whole_build_within_seconds(tmp_path):
    import time

    project = copy_project(tmp_path / "project")
    desks = project / "data" / "desks.yml"
    desks.write_text(ALIAS_BOMB + desks.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.monotonic()
    result = build_site(project, tmp_path / "out")
    took = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert "data/desks.yml:1: YAML: &a names a part of the file to repeat" in output
    # Expanded, 9^9 values would never end (the build's own timeout would stop it): that it ends is the test.
    print(f"the build stopped in {took:.1f} s, MkDocs' start included")


def test_a_right_to_left_override_in_a_desk_s_name_stops_at_its_line(tmp_path, monkeypatch):
    from conftest import data_messages
    from hooks.components.desks import load_desks

    old = "city: {fr: Bruxelles,"
    [line] = data_messages(tmp_path, monkeypatch, "desks.yml", old, "city: {fr: Brux\u202eelles,", load_desks)
    assert line.startswith(f"data/desks.yml:{line_of('data/desks.yml', old)}: text: U+202E (RIGHT-TO-LEFT OVERRIDE)")


@pytest.mark.engine
def test_a_stray_brace_in_a_translation_stops_the_build_in_one_line_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    texts = project / "data" / "languages" / "ps.yml"
    old = 'hours_line: "کاري ورځې: {times}"'
    assert old in texts.read_text(encoding="utf-8")
    texts.write_text(texts.read_text(encoding="utf-8").replace(old, 'hours_line: "{ {times}"'), encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    line = f"data/languages/ps.yml:{line_of('data/languages/ps.yml', old)}: ui.toll_free.hours_line: the text has a lone {{"
    assert line in output, output[-3000:]
