"""Spelling: the pages and the interface texts in French, Dutch and English, checked with hunspell and the
project's word list (data/spelling.yml), the glossary's terms and the names of countries.

Layers: the real site's texts and word list; small projects (the real data files, a test page per
language) where a typo must be caught with its file, line and fix, by `make spelling`'s command, and what is
not prose or not a mistake must be left alone; the word list's own checks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from babel import Locale

from conftest import ROOT, data_messages
from hooks.checks.spelling import DATA_FILES, check, load_word_list, needless_entries, not_in_dictionary, words
from hooks.components.glossary import load_glossary

LOCALES = ("fr", "nl", "en")  # the languages with a dictionary; the others' pages are not checked
FRONT = {
    "fr": ("Essai", "Une page pour essayer la vérification."),
    "nl": ("Test", "Een pagina om de controle te proberen."),
    "en": ("Test", "A page to try the check."),
    "es": ("Prueba", "Una página de prueba."),
}
FIRST_LINE = {"fr": "Une ligne.", "nl": "Een regel.", "en": "One line."}
BODY_LINE = 6  # the first line after the front matter that write_page writes


def make_project(folder):
    """A project with the real data files and no page, so that only the pages a test writes can fail."""
    for locale in LOCALES:
        (folder / "docs" / locale).mkdir(parents=True)
    (folder / "data").mkdir()
    for name in (*DATA_FILES, "spelling.yml"):
        shutil.copy(ROOT / "data" / name, folder / "data" / name)
    return folder


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def write_page(project, locale, body, title=None, name="test.md"):
    title = title or FRONT[locale][0]
    path = project / "docs" / locale / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ndescription: {FRONT[locale][1]}\n---\n\n{body}\n", encoding="utf-8")
    return path


# --- The site -------------------------------------------------------------------------------------


def test_the_pages_and_interface_texts_are_spelt_right():
    problems = check()
    assert not problems, "\n" + "\n".join(problems)


def test_the_word_list_holds_only_words_that_a_text_needs():
    problems = needless_entries()
    assert not problems, "\n" + "\n".join(problems)


# --- A typo is caught, with its place and its fix -------------------------------------------------


TYPOS = {  # the typos that typos_report puts on lines 8 and 9 of a page of each language
    "en": ["The programe pays your ticket.", "You can start a small micro-buisness."],
    "fr": ["Vous recevez l’aide d’un acompagnateur.", "Votre demande d’asille est refusée."],
    "nl": ["De terugkeerpremei wordt cash betaald.", "U krijgt re-integratieondersteunning in uw land."],
}
TYPO_WORDS = {
    "en": ["programe", "micro-buisness"],
    "fr": ["acompagnateur", "d’asille"],
    "nl": ["terugkeerpremei", "re-integratieondersteunning"],
}


@pytest.fixture(scope="module")
def typos_report(tmp_path_factory):
    """What `make spelling` prints, and its exit code, for a project with typos in a page of each language
    (and one in the English title) and in an interface text; ui_line is the line of that text."""
    project = tmp_path_factory.mktemp("typos")
    make_project(project)
    for locale, lines in TYPOS.items():
        title = "The programe" if locale == "en" else None
        write_page(project, locale, "\n".join([FIRST_LINE[locale], "", *lines]), title=title)
    ui = project / "data" / "ui.yml"
    lines = ui.read_text(encoding="utf-8").splitlines(keepends=True)
    ui_line = next(number for number, text in enumerate(lines, start=1) if 'en: "Search the website"' in text)
    lines[ui_line - 1] = lines[ui_line - 1].replace('en: "Search the website"', 'en: "Search the webiste"')
    ui.write_text("".join(lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hooks.tools.spelling", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, ui_line


@pytest.mark.parametrize("locale", LOCALES)
def test_a_typo_in_a_page_is_named_with_its_line_and_the_fix(typos_report, locale):
    lines = typos_report[0].stdout.splitlines()
    for line, typo in enumerate(TYPO_WORDS[locale], start=BODY_LINE + 2):
        found = [text for text in lines if text.startswith(f'docs/{locale}/test.md:{line}: spelling: "{typo}" ')]
        assert len(found) == 1, f"{typo} not reported on line {line}:\n" + "\n".join(lines)
        assert "Fix: correct it" in found[0] and f"data/spelling.yml under {locale}" in found[0]


def test_a_typo_in_the_title_and_in_an_interface_text_is_named_where_it_is(typos_report):
    result, ui_line = typos_report
    places = [line.split(" is not")[0] for line in result.stdout.splitlines()]
    assert 'docs/en/test.md:2: spelling: "programe"' in places
    assert f'data/ui.yml:{ui_line}: spelling: "webiste"' in places


def test_the_report_has_one_line_per_typo_and_fails(typos_report):
    result, _ = typos_report
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 2 + 2 + 2 + 1 + 1, result.stdout


@pytest.mark.parametrize("line, right", [(8, "programme"), (9, "micro-business")])
def test_the_fix_suggests_the_right_word(typos_report, line, right):
    line = next(text for text in typos_report[0].stdout.splitlines() if text.startswith(f"docs/en/test.md:{line}:"))
    assert re.search(rf"Fix: correct it \(perhaps [^)]*(?<![\w-]){right}(?![\w-])[^)]*\), or add it", line), line


def test_a_missing_spell_checker_says_how_to_install_it(project, monkeypatch):
    monkeypatch.setattr("hooks.checks.spelling.shutil.which", lambda name: None)
    assert check(project, suggest=False) == [
        "hunspell: spelling: the spell checker hunspell is not installed. "
        "Fix: run make system (it installs hunspell and its dictionaries with apt-get)."
    ]


# --- What is not prose, or not a mistake, is left alone -------------------------------------------


def test_code_comments_addresses_link_targets_and_attributes_are_not_checked(project):
    write_page(
        project,
        "fr",
        "\n".join(
            [
                "# Une page {#programe}",
                "",
                "Appelez le numéro <!-- programe --> ou lisez `programe`.",
                "Voyez <https://exemple.be/programe>, https://exemple.be/programe, www.programe.be ou programe@exemple.be.",
                "[Le guichet retour](programe.md#programe){ .md-button } et [l’aide][programe] ; voyez fedasil.be.",
                '<span lang="nl">programe</span> <span class="programe">la page</span>',
                "<!--",
                "programe",
                "-->",
                "",
                "```",
                "programe",
                "```",
                "",
                '!!! note "Une note"',
                "    Une note.",
                "",
                "[programe]: https://exemple.be/programe",
            ]
        ),
    )
    assert check(project, suggest=False) == []


def test_elisions_apostrophes_no_break_spaces_numbers_and_hyphens_are_understood(project):
    write_page(
        project,
        "fr",
        "L’asile, d’un, qu’il, aujourd’hui, jusqu’à 18\u00a0ans, le 2e enfant, "
        "1\u202f000\u00a0€ et peut-être là-bas\u00a0: rendez-vous à l’OIM, rue d’Arenberg, "
        "avec Hakob.",
    )
    write_page(project, "en", "Hakob’s counsellor, the estimate's script, a 4-month stay, Halle-Vilvoorde.")
    write_page(project, "nl", "Zo’n terugkeerloket, de baby’s, Hakob's reis en de re-integratieondersteuning.")
    assert check(project, suggest=False) == []


def test_pages_of_other_languages_and_their_texts_are_left_alone(project):
    write_page(project, "es", "El programe.", title="Prueba")
    ui = project / "data" / "ui.yml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(
        text.replace('en: "Search the website"}', 'en: "Search the website", es: "programe"}', 1), encoding="utf-8"
    )
    assert check(project, suggest=False) == []


def test_country_names_and_glossary_terms_need_no_entry_in_the_word_list(project):
    codes = [
        code
        for group in yaml.safe_load((ROOT / "data" / "countries.yml").read_text(encoding="utf-8"))["groups"].values()
        for code in group["countries"]
    ]
    terms = load_glossary(ROOT / "data" / "glossary.yml")["terms"]
    refused_by_the_dictionaries = set()
    for locale in LOCALES:
        names = [Locale(locale).territories[code] for code in codes]
        forms = [form for term in terms for form in [term[locale], *term.get("also", {}).get(locale, [])]]
        write_page(project, locale, ". ".join(names + forms) + ".")
        found = {word for text in names + forms for word, _ in words(text)}
        refused_by_the_dictionaries |= not_in_dictionary(locale, found)
    assert refused_by_the_dictionaries, "no name needs the project's help: this test would prove nothing"
    assert check(project, suggest=False) == []


# --- The word list --------------------------------------------------------------------------------


def test_an_entry_that_no_text_uses_or_the_dictionary_knows_is_named(project):
    shutil.rmtree(project / "docs")
    shutil.copytree(ROOT / "docs", project / "docs")
    word_list = project / "data" / "spelling.yml"
    text = word_list.read_text(encoding="utf-8")
    text = text.replace("names:\n", "names:\n  - Zorblax\n", 1).replace("\nen:\n", "\nen:\n  - programme\n", 1)
    word_list.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    problems = needless_entries(project)
    assert problems == [
        f"data/spelling.yml:{lines.index('  - Zorblax') + 1}: names[0]: no French, Dutch or English text uses "
        '"Zorblax" any more. Fix: delete it from the list.',
        f'data/spelling.yml:{lines.index("  - programme") + 1}: en[0]: the English dictionary knows "programme" '
        "already. Fix: delete it from the list.",
    ]


def test_a_name_listed_again_under_a_language_is_refused(tmp_path, monkeypatch):
    messages = data_messages(tmp_path, monkeypatch, "spelling.yml", "\nen:\n", "\nen:\n  - Hakob\n", load_word_list)
    assert len(messages) == 1 and '"Hakob" is already under names. Fix: delete it here.' in messages[0]
    assert messages[0].startswith("data/spelling.yml:")


def test_an_entry_of_several_words_is_refused_with_the_fix(tmp_path, monkeypatch):
    messages = data_messages(tmp_path, monkeypatch, "spelling.yml", "  - Dren\n", "  - Dren Fatmire\n", load_word_list)
    assert len(messages) == 1 and '"Dren Fatmire" is not in the expected form' in messages[0]
    assert "without spaces" in messages[0]
