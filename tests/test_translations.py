"""Translation status, the stale-page notice, front matter checks and the page and story scaffolds."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, build_changed_copy, build_site, copy_project
from hooks.checks.translations import TARGETS, collect_items, confirm, fingerprint, status
from hooks.core.locale import LOCALES


def run(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "hooks.tools.translations", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_real_content_is_complete():
    result = run(ROOT, "status")
    assert result.returncode == 0, result.stdout
    assert "0 with a missing translation, 0 with a stale translation." in result.stdout


@pytest.mark.engine
def test_a_missing_and_a_stale_translation_are_both_reported_and_the_command_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "journey.md").unlink()
    french = project / "docs" / "fr" / "premium.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    ui = project / "data" / "ui.yml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace(
            'finder_button: {fr: "Trouver", nl: "Zoeken", en: "Find"}',
            'finder_button: {fr: "Chercher", nl: "Zoeken", en: "Find"}',
        ),
        encoding="utf-8",
    )
    result = run(project, "status")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "docs/journey.md: en missing" in lines, result.stdout
    assert "docs/premium.md: nl stale, en stale" in lines, result.stdout
    # An interface text is translated into every language: all of them are stale.
    assert "data/ui.yml:desks.finder_button: nl stale, en stale, ar stale, fa stale, ps stale" in result.stdout
    assert re.search(r"^en English\s+\d+\s+1\s+2\s+0\s+reviewed$", result.stdout, re.M), result.stdout
    assert re.search(r"^ps Pashto\s+\d+\s+0\s+1\s+\d+\s+published$", result.stdout, re.M), result.stdout
    assert "1 with a missing translation, 2 with a stale translation." in result.stdout


@pytest.mark.engine
def test_confirming_records_the_french_fingerprint(tmp_path):
    project = copy_project(tmp_path / "project")
    french = project / "docs" / "fr" / "premium.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    assert run(project, "confirm", "docs/premium.md").returncode == 0
    lock = yaml.safe_load((project / "data" / "translations.lock.yml").read_text(encoding="utf-8"))
    assert lock["docs/premium.md"] == {
        "nl": fingerprint(french.read_text(encoding="utf-8")),
        "en": fingerprint(french.read_text(encoding="utf-8")),
    }
    assert run(project, "status").returncode == 0
    assert "no item is called docs/nothing.md" in run(project, "confirm", "docs/nothing.md").stderr


@pytest.mark.engine
def test_confirming_what_was_asked_succeeds_while_other_items_stay_stale(tmp_path):
    project = copy_project(tmp_path / "project")
    for page in ("premium.md", "journey.md"):
        french = project / "docs" / "fr" / page
        french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    result = run(project, "confirm", "docs/premium.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"docs/premium.md: confirmed in {', '.join(TARGETS)} (recorded as matching the French text).",
        f"1 other item still needs a translation in {', '.join(TARGETS)}: `make translations` lists them.",
    ]
    assert run(project, "status").returncode == 1  # journey.md is still stale, and make translations says so
    (project / "docs" / "en" / "journey.md").unlink()
    result = run(project, "confirm", "docs/journey.md")
    assert result.returncode == 1  # what was asked could not be done: the English page is missing
    assert (
        "docs/journey.md: not confirmed, en missing. Fix: write docs/en/journey.md, then confirm again."
        in result.stdout.splitlines()
    )


def test_status_and_confirm_as_plain_functions():
    items = {"docs/a.md": {"fr": "Bonjour", "nl": "Hallo", "en": None}}
    assert status(items, {}) == {"docs/a.md": {"fr": "ok", "nl": "stale", "en": "missing"}}
    lock = confirm(items, {})
    assert lock == {"docs/a.md": {"nl": fingerprint("Bonjour")}}
    assert status(items, lock)["docs/a.md"]["nl"] == "ok"
    assert fingerprint("a  \r\nb\n") == fingerprint("a\nb")


def test_every_interface_and_data_text_is_tracked():
    items = collect_items()
    assert "data/ui.yml:estimator.adults" in items
    assert "data/desks.yml:desks[ghent].city" in items
    assert "data/stories.yml:regions.balkans" in items
    assert "docs/stories/albania-bakery.md" in items


@pytest.mark.engine
def test_a_stale_translation_says_so_on_the_page_and_the_french_page_does_not(tmp_path):
    result = build_changed_copy(tmp_path, ("docs/fr/journey.md", lambda text: text + "\nUne nouvelle phrase.\n"))
    assert result.returncode == 0, result.stderr
    dutch = (tmp_path / "out" / "nl" / "journey" / "index.html").read_text(encoding="utf-8")
    assert 'class="layout-stale"' in dutch
    assert "De terugreis</h1>" in dutch.split('class="layout-stale"')[0]  # the notice follows the title
    assert '<a href="../../journey/" hreflang="fr" lang="fr">Français</a>' in dutch
    assert 'class="layout-stale"' not in (tmp_path / "out" / "journey" / "index.html").read_text(encoding="utf-8")
    assert 'class="layout-stale"' not in (tmp_path / "out" / "nl" / "premium" / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_real_site_shows_no_stale_notice(site):
    assert not [p for p in site.rglob("*.html") if 'class="layout-stale"' in p.read_text(encoding="utf-8")]


# --- The build refuses what an editor left unfinished ---------------------------------------------

UI_DESK_LINE = next(
    number
    for number, line in enumerate((ROOT / "data" / "ui.yml").read_text(encoding="utf-8").splitlines(), 1)
    if 'en: "Return desk"}' in line
)
# The line that the glossary case appends to the Dutch FAQ: after the last line and a blank one.
FAQ_NL_END = len((ROOT / "docs" / "nl" / "faq.md").read_text(encoding="utf-8").splitlines()) + 2
BAD_PAGES = {
    "missing description": (
        "en/journey.md",
        lambda t: t.replace(
            "description: How the programme organises and pays your journey by plane or bus, and the help at the airports.\n",
            "",
            1,
        ),
        "docs/en/journey.md:1: front matter: the field description is missing or empty. Fix: add description:",
    ),
    "placeholder left": (
        "nl/journey.md",
        lambda t: t.replace("title: De terugreis", 'title: "TODO: the title, in Dutch"', 1),
        "docs/nl/journey.md:1: front matter: the field title still holds the placeholder (TODO: the title, in Dutch). Fix: replace it",
    ),
    "wrong glossary term": (
        "nl/faq.md",
        lambda t: t + "\nGa naar een terugkeerbalie.\n",
        f"docs/nl/faq.md:{FAQ_NL_END}: glossary: 'terugkeerbalie' is not the term this site uses. Fix: write 'terugkeerloket' (data/glossary.yml).",
    ),
    "wrong term in a title": (
        "fr/premium.md",
        lambda t: t.replace("title: La prime de retour", "title: La prime au retour", 1),
        "docs/fr/premium.md:2: glossary: 'prime au retour' is not the term this site uses. Fix: write 'prime de retour'",
    ),
    "wrong term in an interface text": (
        "../data/ui.yml",
        lambda t: t.replace('en: "Return desk"}', 'en: "Return office"}', 1),
        f"data/ui.yml:{UI_DESK_LINE}: glossary: 'Return office' is not the term this site uses. Fix: write 'return desk'",
    ),
    "front matter that does not parse": (
        "en/faq.md",
        lambda t: t.replace("title: Frequently asked questions", "title: [Frequently", 1),
        "docs/en/faq.md:3: YAML: the text does not parse (did not find expected ',' or ']')",
    ),
}


@pytest.mark.engine
@pytest.mark.parametrize("case", sorted(BAD_PAGES))
def test_each_unfinished_or_wrong_page_stops_the_build_with_its_message(case, tmp_path):
    page, change, expected = BAD_PAGES[case]
    result = build_changed_copy(tmp_path, (f"docs/{page}", change))
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-1500:]


# --- Scaffolds ------------------------------------------------------------------------------------


@pytest.mark.engine
@pytest.mark.parametrize("kind, name, folder", [("page", "housing-help", ""), ("story", "ghana-farm", "stories/")])
def test_a_new_page_or_story_appears_in_three_languages_and_cannot_be_published_unfinished(
    kind, name, folder, tmp_path
):
    project = copy_project(tmp_path / "project")
    made = subprocess.run(
        [sys.executable, "-m", "hooks.tools.scaffold", kind, name],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    for locale in ("fr", "nl", "en"):
        text = (project / "docs" / locale / f"{folder}{name}.md").read_text(encoding="utf-8")
        assert text.startswith('---\ntitle: "TODO: the title, in ')
    if kind == "page":
        assert (project / "mkdocs.yml").read_text(encoding="utf-8").endswith(f"  - {name}.md\n")
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0
    assert "TODO" in result.stderr
    again = subprocess.run(
        [sys.executable, "-m", "hooks.tools.scaffold", kind, name],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.engine
def test_a_new_page_says_what_to_do_and_its_translations_wait_for_that_confirmation(tmp_path):
    project = copy_project(tmp_path / "project")
    made = subprocess.run(
        [sys.executable, "-m", "hooks.tools.scaffold", "page", "housing-help"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    confirm_command = re.search(r'make translations-confirm ITEMS="([^"]+)"', made.stdout)
    assert confirm_command and confirm_command.group(1) == "docs/housing-help.md", made.stdout
    # The editor writes the page, French first, as the printed steps say.
    written = {
        "fr": ("Trouver un logement", "Cette page explique où vous pouvez dormir."),
        "nl": ("Een woning vinden", "Deze pagina legt uit waar u kunt slapen."),
        "en": ("Finding a home", "This page explains where you can sleep."),
    }
    for locale in LOCALES:
        title, sentence = written.get(locale, written["en"])
        (project / "docs" / locale / "housing-help.md").write_text(
            f"---\ntitle: {title}\ndescription: {sentence}\n---\n\n# {title}\n\n{sentence}\n", encoding="utf-8"
        )

    def notices(site):
        return [
            locale
            for locale in LOCALES
            if 'class="layout-stale"'
            in (site / ("" if locale == LOCALES[0] else locale) / "housing-help" / "index.html").read_text(
                encoding="utf-8"
            )
        ]

    assert build_site(project, tmp_path / "before").returncode == 0
    assert notices(tmp_path / "before") == list(TARGETS)
    confirmed = run(project, "confirm", confirm_command.group(1))
    assert confirmed.returncode == 0, confirmed.stdout
    assert build_site(project, tmp_path / "after").returncode == 0
    assert notices(tmp_path / "after") == []


# --- translations-confirm records exactly what it is told, and says it ---------------------------------


def french_change(project, page="essentials.md", old="Vous voulez rentrer", new="Vous souhaitez rentrer"):
    french = project / "docs" / "fr" / page
    text = french.read_text(encoding="utf-8")
    assert old in text, "the case no longer matches the page"
    french.write_text(text.replace(old, new, 1), encoding="utf-8")


def lock_of(project):
    return yaml.safe_load((project / "data" / "translations.lock.yml").read_text(encoding="utf-8"))


@pytest.mark.engine
def test_without_languages_only_dutch_and_english_are_confirmed_never_the_essentials_wholesale(tmp_path):
    """Issue 26: `make translations-confirm ITEMS=...` recorded all 16 languages, the 14 untranslated ones too."""
    project = copy_project(tmp_path / "project")
    french_change(project)
    result = run(project, "confirm", "docs/essentials.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "docs/essentials.md: confirmed in nl, en (recorded as matching the French text)."
    )
    current = fingerprint((project / "docs" / "fr" / "essentials.md").read_text(encoding="utf-8"))
    recorded = lock_of(project)["docs/essentials.md"]
    assert recorded["nl"] == recorded["en"] == current
    assert all(recorded[locale] != current for locale in recorded if locale not in ("nl", "en"))
    status_ = run(project, "status")
    assert status_.returncode == 0, "the essentials languages wait for their translators: not the editor's error"
    assert "docs/essentials.md: ar stale, fa stale, ps stale" in status_.stdout
    assert "Waiting for their translators: am ar es fa ff ln mn ps ru sq sr ti uk zh." in status_.stdout


@pytest.mark.engine
def test_confirm_says_exactly_the_languages_it_recorded(tmp_path):
    """Issue 26: LANGUAGES="nl" printed "confirmed (nl, en match the French text)" though only Dutch was recorded."""
    project = copy_project(tmp_path / "project")
    french_change(project, "faq.md", "## ", "## Question : ")
    before = lock_of(project)["docs/faq.md"]["en"]
    result = run(project, "confirm", "--language", "nl", "docs/faq.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["docs/faq.md: confirmed in nl (recorded as matching the French text)."]
    assert lock_of(project)["docs/faq.md"]["en"] == before
    # An essentials language named for a page it does not have: nothing recorded, and it says so.
    result = run(project, "confirm", "--language", "ps", "docs/faq.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/faq.md: ps has no such item (an essentials language has the essential pages only): nothing recorded for ps."
    ]


@pytest.mark.engine
def test_reviewed_by_is_recorded_where_it_applies_and_a_line_says_where_it_does_not(tmp_path):
    project = copy_project(tmp_path / "project")
    lock = (project / "data" / "translations.lock.yml").read_text(encoding="utf-8")
    refused = run(project, "confirm", "--reviewed-by", "native-speaking counsellor", "docs/essentials.md")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip() == (
        "translations: REVIEWED_BY records a native speaker's review of an essentials language, and nl, en are "
        'written by the team: nothing recorded. Fix: name the language reviewed, for example LANGUAGES="ps" '
        'REVIEWED_BY="native-speaking counsellor".'
    )
    assert (project / "data" / "translations.lock.yml").read_text(encoding="utf-8") == lock
    result = run(
        project, "confirm", "--language", "nl ps", "--reviewed-by", "native-speaking counsellor", "docs/essentials.md"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "REVIEWED_BY: not recorded for nl (written by the team; a review is recorded for the essentials languages only)."
    )
    assert "docs/essentials.md: confirmed in nl, ps (recorded as matching the French text)." in lines
    recorded = lock_of(project)["docs/essentials.md"]
    assert recorded["ps"]["reviewed_by"] == "native-speaking counsellor" and isinstance(recorded["nl"], str)
    assert re.search(r"^ps: \d+ texts have no native speaker's review yet\.$", result.stdout, re.M)


def language_line(project, code):
    return next(
        line
        for line in (project / "data" / "languages.yml").read_text(encoding="utf-8").splitlines()
        if f"code: {code}," in line
    )


@pytest.mark.engine
def test_a_review_of_every_text_makes_the_language_reviewed_and_losing_one_publishes_it_again(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run(project, "confirm", "--language", "ps", "--reviewed-by", "native-speaking counsellor")
    assert result.returncode == 0, result.stderr
    assert "ps: every text is reviewed: data/languages.yml now says state: reviewed." in result.stdout
    assert "state: reviewed," in language_line(project, "ps")
    assert "state: published," in language_line(project, "fa"), "only the language named"
    # A translator updates one text without a review: the language is published again, with its notice.
    french_change(project)
    (project / "docs" / "ps" / "index.md").write_text(
        (project / "docs" / "ps" / "index.md").read_text(encoding="utf-8") + "\nنوی متن.\n", encoding="utf-8"
    )
    result = run(project, "confirm", "--language", "ps", "docs/essentials.md")
    assert result.returncode == 0, result.stderr
    assert "state: published," in language_line(project, "ps")
    assert re.search(
        r"^ps: 1 text has no review any more: data/languages\.yml now says state: published", result.stdout, re.M
    )


@pytest.mark.engine
def test_the_status_shows_what_changed_in_french_since_the_translation_was_confirmed(tmp_path):
    project = copy_project(tmp_path / "project")
    git = ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "as confirmed"]):
        subprocess.run(git + command, cwd=project, check=True, capture_output=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True).stdout
    french_change(project)
    result = run(project, "status")
    assert (
        f"  French since nl, en, ar, fa, ps, ru, uk, sr, sq, es, zh, mn, am, ti, ff, ln confirmed it: … Belgique ? "
        f"Vous [-voulez-]{{+souhaitez+}} rentrer dans votre … (git diff {commit[:10]} -- docs/fr/essentials.md)"
    ) in result.stdout.splitlines(), result.stdout
    assert result.returncode == 1, "Dutch and English, which the team writes, are stale"


# --- The rule for a stale item: never shown as current (EDITORS.md, "When the French text changes") -------------


def built(site, locale, path):
    return (site / ("" if locale == "fr" else locale) / path / "index.html").read_text(encoding="utf-8")


def antwerp(html):
    return html.split('id="desk-antwerp"', 1)[1].split("</article>", 1)[0]


@pytest.mark.engine
def test_a_french_change_to_a_fact_shows_the_current_text_in_each_essentials_language_until_it_is_confirmed(tmp_path):
    """The Antwerp case: the French sentence of the walk-in days changes (the editor updates Dutch and English and
    confirms them, as EDITORS.md says). In the 14 other languages the desks show the current text of their more
    language, with its lang, under one line in their language; once Arabic is confirmed, Arabic shows its own."""
    from markupsafe import escape

    from hooks.components.desks import desks_data, walk_in_text
    from hooks.components.notices import language_in
    from hooks.core.locale import ALL_LOCALES, is_full, languages, texts

    walk_in = next(desk for desk in desks_data()["desks"] if desk["id"] == "antwerp")["walk_in"]
    project = copy_project(tmp_path / "project")
    ui = project / "data" / "ui.yml"
    ui.write_text(
        ui.read_text(encoding="utf-8")
        .replace('fr: "Sans rendez-vous {part} : {days}', 'fr: "Accueil sans rendez-vous {part} : {days}', 1)
        .replace('nl: "Zonder afspraak {part}: {days}', 'nl: "Onthaal zonder afspraak {part}: {days}', 1)
        .replace('en: "No appointment needed {part}: {days}', 'en: "Walk in with no appointment {part}: {days}', 1),
        encoding="utf-8",
    )
    assert run(project, "confirm", "data/ui.yml:desks.walk_in_days_part").returncode == 0
    assert build_site(project, tmp_path / "before").returncode == 0
    for locale in ALL_LOCALES:
        html = built(tmp_path / "before", locale, "contact")
        if is_full(locale):
            assert 'class="layout-stale"' not in html, locale
            continue
        more = languages()[locale]["more"]
        current = {"fr": "Accueil sans rendez-vous le matin", "en": "Walk in with no appointment in the morning"}[more]
        old = str(escape(walk_in_text(walk_in, locale)))  # the language's sentence before the change
        assert current in antwerp(html), locale
        assert f'<div lang="{more}" dir="ltr" class="notices-current">' in html, locale
        notice = texts(locale)["ui"]["layout"]["changed_part"].format(language=language_in(more, locale))
        assert f'<p class="layout-stale">{escape(notice)}</p>' in html, locale
        assert old not in html, f"{locale}: its old text is still shown as current"
    # The Arabic translator updates the sentence; the editor confirms Arabic, and Arabic only.
    arabic = project / "data" / "languages" / "ar.yml"
    arabic.write_text(
        arabic.read_text(encoding="utf-8").replace(
            'walk_in_days_part: "لا حاجة إلى موعد {part}', 'walk_in_days_part: "الاستقبال بدون موعد {part}', 1
        ),
        encoding="utf-8",
    )
    confirmed = run(project, "confirm", "--language", "ar", "data/ui.yml:desks.walk_in_days_part")
    assert confirmed.stdout.splitlines()[0] == (
        "data/ui.yml:desks.walk_in_days_part: confirmed in ar (recorded as matching the French text)."
    )
    assert build_site(project, tmp_path / "after").returncode == 0
    arabic_page = built(tmp_path / "after", "ar", "contact")
    assert "الاستقبال بدون موعد صباحًا" in antwerp(arabic_page) and "notices-current" not in arabic_page
    assert "notices-current" in built(tmp_path / "after", "ps", "contact"), "Pashto still waits for its translator"


@pytest.mark.engine
def test_a_french_change_to_an_essentials_page_shows_the_current_page_in_the_more_language(tmp_path):
    """A page is an item that carries facts: in an essentials language its text, when not current, is the more
    language's (French when that one is not confirmed either), under its own title and one line in its language;
    Dutch and English keep their notice and link to the French page."""
    project = copy_project(tmp_path / "project")
    french = project / "docs" / "fr" / "essentials.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    english = project / "docs" / "en" / "essentials.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert run(project, "confirm", "--language", "en", "docs/essentials.md").returncode == 0
    assert build_site(project, tmp_path / "out").returncode == 0
    arabic, pashto = built(tmp_path / "out", "ar", ""), built(tmp_path / "out", "ps", "")
    assert '<div dir="ltr" lang="fr">' in arabic and "Une phrase de plus." in arabic  # Arabic's more: French
    assert '<div dir="ltr" lang="en">' in pashto and "One more sentence." in pashto  # Pashto's: English, confirmed
    title = re.search(r"<h1[^>]*>(.*?)</h1>", arabic)[1]
    assert title == "العودة الطوعية في صفحة واحدة", "the page keeps its own title"
    dutch = built(tmp_path / "out", "nl", "essentials")
    assert 'class="layout-stale"' in dutch and 'hreflang="fr" lang="fr">Français</a>' in dutch
    assert 'class="layout-stale"' not in built(tmp_path / "out", "en", "essentials")


def test_the_frame_s_free_number_words_changed_in_french_are_the_current_language_s_with_their_lang():
    """The band and the footer of every page write "free from a phone in Belgium": a fact, in every language."""
    from hooks.components.desks import desks_data, toll_free_context
    from hooks.components.notices import frame_toll_free, plan

    report = {
        "data/ui.yml:toll_free.from_belgium": {"fr": "ok", "nl": "stale", "en": "ok", "ps": "stale", "ar": "ok"},
        "data/ui.yml:layout.menu": {"fr": "ok", "nl": "ok", "en": "ok", "ps": "ok", "ar": "stale"},
    }
    pashto = frame_toll_free(toll_free_context(desks_data(), "ps"), "ps", report)
    assert pashto["ui"]["from_belgium"] == '<span lang="en" dir="ltr">free from a phone in Belgium</span>'
    assert pashto["ui"]["label"] == toll_free_context(desks_data(), "ps")["ui"]["label"], "only what changed"
    dutch = toll_free_context(desks_data(), "nl")
    assert frame_toll_free(dutch, "nl", report) is dutch, "Dutch says it under the page's title"
    # The frame's other texts (here the menu in Arabic) are wording: a line under the title, the text stays.
    arabic = plan("ar", "contact.md", "# عنوان\n\n<!-- desks -->\n", report)
    assert arabic.changed and not arabic.text and not arabic.blocks


def test_the_rule_for_a_part_whose_french_text_changed():
    """EDITORS.md, "When the French text changes": a fact in an essentials language, the current text of its more
    language (French when that one is stale too); wording, a notice beside it; Dutch and English, their notice."""
    from hooks.components import desks, languages
    from hooks.components.notices import plan

    components = (desks, languages)
    page = "# Title\n\n<!-- desks -->\n\n<!-- languages -->\n"

    def report(**rows):
        return {
            item: dict({"fr": "ok", "nl": "ok", "en": "ok", "ar": "ok", "ps": "ok"}, **row)
            for item, row in rows.items()
        }

    fact = report(**{"data/desks.yml:desks[antwerp].address.value.building": {"ar": "stale", "ps": "stale"}})
    assert plan("ar", "contact.md", page, fact, components).blocks == {"desks": "fr"}  # Arabic's more: French
    assert plan("ps", "contact.md", page, fact, components).blocks == {"desks": "en"}  # Pashto's: English
    english_stale = report(**{"data/desks.yml:desks[antwerp].address.value.building": {"en": "stale", "ps": "stale"}})
    assert plan("ps", "contact.md", page, english_stale, components).blocks == {"desks": "fr"}
    wording = report(**{"data/ui.yml:languages.full": {"ps": "stale"}})
    found = plan("ps", "contact.md", page, wording, components)
    assert found.beside == {"languages"} and not found.blocks and not found.text
    own = report(**{"docs/contact.md": {"ps": "stale", "nl": "stale"}})
    found = plan("ps", "contact.md", page, own, components)
    assert found.text == "en" and found.draws_in("desks") == "en", "the page's text and its blocks in one language"
    dutch = plan("nl", "contact.md", page, own, components)
    assert dutch.changed and not dutch.text and not dutch.blocks
    assert not plan("fr", "contact.md", page, own, components).changed
