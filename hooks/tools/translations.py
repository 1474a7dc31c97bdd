"""`make translations` and `make translations-confirm`: which pages and texts are missing or older than the French
text, and recording that translations match it again (checks/translations.py holds the rules).

python -m hooks.tools.translations [status [--all] | confirm [--reviewed-by ROLE] [--language "ps fa"] [ITEM ...]]
"""

from __future__ import annotations

import sys

from hooks.checks.translations import (
    LOCK_FILE,
    SOURCE,
    collect_items,
    confirm,
    read_lock,
    status,
    write_lock,
)
from hooks.core.data import DataError
from hooks.core.locale import ALL_LOCALES, languages
from hooks.core.pages import page_in


def print_status(report: dict, out=sys.stdout, everything: bool = False) -> int:
    """Per language, how many items are missing, stale or not reviewed, then the items needing work; returns
    the exit code: 1 while a translation is missing or stale (not reviewed is a state, not an error)."""
    print(f"{'language':<16}{'items':>6}{'missing':>9}{'stale':>7}{'not reviewed':>14}", file=out)
    for locale in ALL_LOCALES:
        states = [row[locale] for row in report.values() if locale in row]
        print(
            f"{locale + ' ' + languages()[locale]['english']:<16}{len(states):>6}{states.count('missing'):>9}"
            f"{states.count('stale'):>7}{states.count('unreviewed'):>14}",
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
        if row:
            print(f"{item}: " + ", ".join(f"{locale} {state}" for locale, state in row.items()), file=out)
    missing = sum(1 for row in needs_work.values() if "missing" in row.values())
    stale = sum(1 for row in needs_work.values() if "stale" in row.values())
    print(
        f"{len(report)} items (pages, interface texts, data texts): {len(report) - len(needs_work)} complete, "
        f"{missing} with a missing translation, {stale} with a stale translation.",
        file=out,
    )
    if needs_work:
        print(
            "Fix: write the missing texts; update each stale translation to match the French text, then run "
            '`make translations-confirm ITEMS="item ..."` (see EDITORS.md).',
            file=out,
        )
    return 1 if needs_work else 0


def print_confirmed(report: dict, wanted: list[str] | None, out=sys.stdout) -> int:
    """What confirm did for the wanted items (all when None), and how many others still need work; the exit
    code is 0 when every wanted item is now up to date, whatever the others (`make translations` is for those)."""
    unfinished = []
    for item in wanted or list(report):
        missing = [locale for locale, state in report[item].items() if state == "missing"]
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
        elif wanted:
            others = ", ".join(locale for locale in report[item] if locale != SOURCE)
            print(f"{item}: confirmed ({others} match the French text).", file=out)
    if not wanted:
        print(f"{len(report) - len(unfinished)} items confirmed.", file=out)
    others = [
        item
        for item, row in report.items()
        if wanted and item not in wanted and {"missing", "stale"} & set(row.values())
    ]
    if others:
        counted = "1 other item still needs" if len(others) == 1 else f"{len(others)} other items still need"
        print(f"{counted} a translation: `make translations` lists them.", file=out)
    return 1 if unfinished else 0


def main(argv: list[str]) -> int:
    try:
        return run(argv)
    except DataError as error:  # an editor's mistake in a file: its lines, no traceback
        print(error, file=sys.stderr)
        return 2


def run(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    items = collect_items()
    lock = read_lock(LOCK_FILE)
    if command == "status":
        return print_status(status(items, lock), everything="--all" in argv)
    if command == "confirm":
        words, reviewed_by, locales = argv[1:], None, []
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
                locales += words[1].split()
            words = words[2:]
        write_lock(LOCK_FILE, confirm(items, lock, words or None, reviewed_by, locales or None))
        return print_confirmed(status(items, read_lock(LOCK_FILE)), words or None)
    print(__doc__.strip().splitlines()[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
