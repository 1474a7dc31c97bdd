"""`make translations` and `make translations-confirm`: which pages and texts are missing or older than the French
text, what changed in French since, and recording that translations match it again (checks/translations.py
holds the rules).

python -m hooks.tools.translations [status [--all] | confirm [--reviewed-by ROLE] [--language "ps fa"] [ITEM ...]]

confirm records only what it is told: the ITEMs given (every item when none) in the languages given with
--language (LANGUAGES="ps fa"); without --language, Dutch and English only, the languages the team writes:
the essentials languages are confirmed by naming them, once their translator has updated them. --reviewed-by
(REVIEWED_BY) records a native speaker's review of an essentials language, and its state in data/languages.yml
(reviewed once every text is). It prints each language it recorded.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml

from hooks.checks.translations import (
    LOCK_FILE,
    SOURCE,
    TARGETS,
    collect_items,
    confirm,
    fingerprint,
    read_lock,
    recorded,
    status,
    unreviewed_items,
    write_lock,
)
from hooks.core import build
from hooks.core.data import DataError
from hooks.core.locale import ALL_LOCALES, LANGUAGES_FILE, is_full, languages, languages_data, translatable_texts
from hooks.core.pages import page_in
from hooks.core.paths import ROOT

USAGE = (
    'python -m hooks.tools.translations [status [--all] | confirm [--reviewed-by ROLE] [--language "ps fa"] [ITEM ...]]'
)


# --- What changed in French since a translation was confirmed ------------------------------------------------


def french_file(item: str) -> tuple[str, str | None]:
    """(the file holding an item's French text, its place in a data file): ('docs/fr/faq.md', None),
    ('data/ui.yml', 'desks.walk_in')."""
    if item.startswith("docs/"):
        return f"docs/{SOURCE}/{item.removeprefix('docs/')}", None
    name, place = item.split(":", 1)
    return name, place


def _git(*args: str) -> str | None:
    try:
        found = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout if found.returncode == 0 else None


def french_of(text: str, place: str | None) -> str | None:
    """An item's French text in a version of its file."""
    if place is None:
        return text
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return next((texts.get(SOURCE) for found, texts in translatable_texts(data) if found == place), None)


@cache
def versions(file: str) -> list[tuple[str, str]]:
    """(commit, text) of a file in its last 60 commits, newest first; empty outside a git checkout."""
    log = _git("log", "--format=%H", "-n", "60", "--", file) or ""
    found = []
    for commit in log.split():
        text = _git("show", f"{commit}:{file}")
        if text is not None:
            found.append((commit, text))
    return found


def confirmed_version(item: str, hashed: str) -> tuple[str, str] | None:
    """(commit, French text) of the newest committed version of an item whose fingerprint was recorded."""
    file, place = french_file(item)
    for commit, text in versions(file):
        french = french_of(text, place)
        if french is not None and fingerprint(french) == hashed:
            return commit, french
    return None


def word_diff(old: str, new: str, width: int = 300) -> str:
    """The words that changed, with three words around each change: '... le [-lundi-]{+mardi+} matin ...'."""
    before, after = re.findall(r"\S+", old), re.findall(r"\S+", new)
    parts = []
    for kind, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if kind == "equal":
            words = before[a1:a2]
            parts.append(" ".join(words) if len(words) <= 6 else f"{' '.join(words[:3])} … {' '.join(words[-3:])}")
            continue
        removed, added = " ".join(before[a1:a2]), " ".join(after[b1:b2])
        parts.append((f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else ""))
    if parts and not parts[0].startswith(("[-", "{+")):
        parts[0] = "… " + " ".join(parts[0].split()[-3:]) if len(parts[0].split()) > 3 else parts[0]
    if parts and not parts[-1].endswith(("-]", "+}")):
        parts[-1] = " ".join(parts[-1].split()[:3]) + (" …" if len(parts[-1].split()) > 3 else "")
    text = " ".join(parts)
    return text if len(text) <= width else text[: width - 1] + "…"


def french_change(item: str, hashed: str | None, current: str | None) -> str:
    """One line: what changed in the French text since the translation was confirmed against `hashed`."""
    file, _ = french_file(item)
    if not hashed:
        return "never confirmed: translate the whole text"
    found = confirmed_version(item, hashed)
    if found is None:
        return f"the confirmed French text is not in the last commits: see git log -p -- {file}"
    commit, french = found
    return f"{word_diff(french, current or '')} (git diff {commit[:10]} -- {file})"


# --- make translations ------------------------------------------------------------------------------------


def print_status(report: dict, out=sys.stdout, everything: bool = False, items=None, lock=None) -> int:
    """Per language, how many items are missing, stale or not reviewed and its state, then the items needing
    work, each stale one with what changed in French; returns the exit code: 1 while a text the team writes
    (French, Dutch, English) is missing or stale. An essentials language's stale texts wait for its translator:
    listed, not an error (its pages show the current text meanwhile)."""
    print(f"{'language':<16}{'items':>6}{'missing':>9}{'stale':>7}{'not reviewed':>14}  state", file=out)
    for locale in ALL_LOCALES:
        states = [row[locale] for row in report.values() if locale in row]
        print(
            f"{locale + ' ' + languages()[locale]['english']:<16}{len(states):>6}{states.count('missing'):>9}"
            f"{states.count('stale'):>7}{states.count('unreviewed'):>14}  {languages()[locale]['state']}",
            file=out,
        )
    needs_work = {
        item: {locale: state for locale, state in row.items() if state in ("missing", "stale")}
        for item, row in report.items()
    }
    needs_work = {item: row for item, row in needs_work.items() if row}
    shown = (
        {item: {locale: state for locale, state in row.items() if state != "ok"} for item, row in report.items()}
        if everything
        else needs_work
    )
    for item, row in shown.items():
        if not row:
            continue
        print(f"{item}: " + ", ".join(f"{locale} {state}" for locale, state in row.items()), file=out)
        if items is None or lock is None:
            continue
        by_version: dict = {}
        for locale, state in row.items():
            if state == "stale":
                by_version.setdefault(recorded(lock.get(item, {}).get(locale))[0], []).append(locale)
        for hashed, locales in by_version.items():
            change = french_change(item, hashed, items[item][SOURCE])
            print(f"  French since {', '.join(locales)} confirmed it: {change}", file=out)
    team = {item for item, row in needs_work.items() if set(row) & {SOURCE, *TARGETS} or "missing" in row.values()}
    missing = sum(1 for row in needs_work.values() if "missing" in row.values())
    stale = sum(1 for row in needs_work.values() if "stale" in row.values())
    print(
        f"{len(report)} items (pages, interface texts, data texts): {len(report) - len(needs_work)} complete, "
        f"{missing} with a missing translation, {stale} with a stale translation.",
        file=out,
    )
    if team:
        print(
            "Fix: write the missing texts; update each stale Dutch and English translation to match the French text, "
            'then run `make translations-confirm ITEMS="item ..."` (see EDITORS.md).',
            file=out,
        )
    waiting = sorted({locale for row in needs_work.values() for locale in row if not is_full(locale)})
    if waiting:
        print(
            f"Waiting for their translators: {' '.join(waiting)}. Their pages show the current text of their more "
            'language meanwhile; once a translator has updated one: make translations-confirm LANGUAGES="..." '
            'ITEMS="...".',
            file=out,
        )
    return 1 if team else 0


# --- make translations-confirm ----------------------------------------------------------------------------


def print_confirmed(report: dict, wanted: list[str] | None, done: dict, locales: list[str], out=sys.stdout) -> int:
    """What confirm recorded for the wanted items (all when None), language by language, and how many others
    still need work; the exit code is 0 when every wanted item is now up to date in the wanted languages,
    whatever the others (`make translations` is for those)."""
    unfinished = []
    for item in wanted or list(report):
        row = report[item]
        missing = [locale for locale in locales if row.get(locale) == "missing"]
        absent = [locale for locale in locales if locale not in row]
        if missing:
            unfinished.append(item)
            write = (
                " and ".join(f"docs/{locale}/{page_in(locale, item.removeprefix('docs/'))}" for locale in missing)
                if item.startswith("docs/")
                else f"its {' and '.join(missing)} text in {item.split(':')[0]}"
            )
            print(
                f"{item}: not confirmed, {' and '.join(missing)} missing. Fix: write {write}, then confirm again.",
                file=out,
            )
        if not wanted:
            continue
        if done.get(item):
            print(f"{item}: confirmed in {', '.join(done[item])} (recorded as matching the French text).", file=out)
        elif not missing:
            unfinished.append(item)
        if absent:
            print(
                f"{item}: {', '.join(absent)} {'has' if len(absent) == 1 else 'have'} no such item (an essentials "
                f"language has the essential pages only): nothing recorded for {', '.join(absent)}.",
                file=out,
            )
    if not wanted:
        for locale in locales:
            count = sum(1 for languages_ in done.values() if locale in languages_)
            print(f"{locale}: {count} items confirmed (recorded as matching the French text).", file=out)
    others = [
        item
        for item, row in report.items()
        if wanted and item not in wanted and {"missing", "stale"} & {row.get(locale) for locale in locales}
    ]
    if others:
        counted = "1 other item still needs" if len(others) == 1 else f"{len(others)} other items still need"
        print(f"{counted} a translation in {', '.join(locales)}: `make translations` lists them.", file=out)
    return 1 if unfinished else 0


def set_state(code: str, new: str, path: Path = LANGUAGES_FILE) -> bool:
    """Write a language's state on its line of data/languages.yml (the rest of the file as it is); True if it
    changed."""
    text = path.read_text(encoding="utf-8")
    line = re.compile(rf"^(\s*- \{{code: {re.escape(code)},.*?\bstate: )([a-z]+)", re.M)
    found = line.search(text)
    if not found or found.group(2) == new:
        return False
    path.write_text(text[: found.start(2)] + new + text[found.end(2) :], encoding="utf-8")
    languages_data.cache_clear()
    languages.cache_clear()
    return True


def texts(count: int) -> str:
    return f"{count} text has" if count == 1 else f"{count} texts have"


def review_states(locales: list[str], lock: dict, report: dict, out=sys.stdout, asked: bool = False) -> None:
    """An essentials language whose every text has a recorded review is reviewed; one that lost a review is
    published again: data/languages.yml says it, and the line says so (asked: a review was recorded, and
    what it leaves to review is said too)."""
    for locale in locales:
        if is_full(locale) or languages()[locale]["state"] == "draft":
            continue
        left = unreviewed_items(locale, lock, report)
        if not left and set_state(locale, "reviewed"):
            print(f"{locale}: every text is reviewed: data/languages.yml now says state: reviewed.", file=out)
        elif left and languages()[locale]["state"] == "reviewed" and set_state(locale, "published"):
            print(
                f"{locale}: {texts(len(left))} no review any more: data/languages.yml now says state: published "
                "(the pages say again that no native speaker has reviewed them).",
                file=out,
            )
        elif left and asked:
            print(f"{locale}: {texts(len(left))} no native speaker's review yet.", file=out)


def options(words: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(reviewed_by, languages, items) of confirm's arguments."""
    reviewed_by, locales = None, []
    while words and words[0] in ("--reviewed-by", "--language"):
        if len(words) < 2 or not words[1].strip():
            raise DataError(
                [
                    f"translations: {words[0]} needs a value. Fix: for example {words[0]} "
                    + ('"native-speaking counsellor"' if words[0] == "--reviewed-by" else "ps")
                ]
            )
        if words[0] == "--reviewed-by":
            reviewed_by = words[1].strip()
        else:
            locales += words[1].replace(",", " ").split()
        words = words[2:]
    return reviewed_by, locales, words


def run_confirm(argv: list[str], out=sys.stdout) -> int:
    reviewed_by, locales, wanted = options(argv)
    locales = locales or list(TARGETS)
    if reviewed_by:
        team = [locale for locale in locales if locale in ALL_LOCALES and is_full(locale)]
        if len(team) == len(locales):
            raise DataError(
                [
                    f"translations: REVIEWED_BY records a native speaker's review of an essentials language, and "
                    f"{', '.join(team)} {'is' if len(team) == 1 else 'are'} written by the team: nothing recorded. "
                    f'Fix: name the language reviewed, for example LANGUAGES="ps" REVIEWED_BY="{reviewed_by}".'
                ]
            )
        if team:
            print(
                f"REVIEWED_BY: not recorded for {', '.join(team)} (written by the team; a review is recorded for the "
                "essentials languages only).",
                file=out,
            )
    items, lock, done = collect_items(), read_lock(LOCK_FILE), {}
    lock = confirm(items, lock, wanted or None, reviewed_by, locales, done=done)
    write_lock(LOCK_FILE, lock)
    report = status(items, lock)
    code = print_confirmed(report, wanted or None, done, locales, out)
    if reviewed_by:
        reviewed = sorted({locale for recorded_ in done.values() for locale in recorded_ if not is_full(locale)})
        print(
            f'Reviewed by "{reviewed_by}" on {build.today().isoformat()}: {", ".join(reviewed) or "nothing"}.',
            file=out,
        )
    review_states([locale for locale in locales if locale in ALL_LOCALES], lock, report, out, bool(reviewed_by))
    return code


def main(argv: list[str]) -> int:
    try:
        return run(argv)
    except DataError as error:  # an editor's mistake in a file or a command: its lines, no traceback
        print(error, file=sys.stderr)
        return 2


def run(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "status":
        items, lock = collect_items(), read_lock(LOCK_FILE)
        return print_status(status(items, lock), everything="--all" in argv, items=items, lock=lock)
    if command == "confirm":
        return run_confirm(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
