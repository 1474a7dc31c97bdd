"""Every page and every text exists in French, Dutch and English, and no translation is older than its source.

mkdocs-static-i18n would silently show another language for a missing page; we stop the build instead.

Staleness: French is the source language. When an editor confirms a Dutch or English translation, the hash
of the French text at that moment is written to data/translations.lock.yml. A translation whose recorded
hash differs from the French text's current hash is stale: the French text changed after it was translated.
The build shows a notice on a stale page; `make translations` lists every item and exits non-zero while one
is missing or stale; `make translations-confirm` records the current French hashes once translations are updated.

Run as a script: python hooks/translations.py [status | confirm [ITEM ...]]
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import cache
from pathlib import Path

import yaml
from markupsafe import escape

from language import LOCALES, current_locale, first_language_build, ui
from validation import ROOT, DataError, display_path, load_yaml, read_front_matter

SOURCE = LOCALES[0]
TARGETS = LOCALES[1:]
LOCK_FILE = ROOT / "data" / "translations.lock.yml"
# Data files whose {fr, nl, en} texts are translations, beside data/ui.yml.
DATA_FILES = ("desks.yml", "glossary.yml", "stories.yml")
REQUIRED_META = {
    "title": "add title: the page title in this language (shown in the tab and the navigation)",
    "description": "add description: one plain sentence in this language on what the page offers (shown by search engines)",
}


# --- Pages exist in every language, with their front matter ---------------------------------------


def pages_by_locale(docs_dir: Path) -> dict[str, set[str]]:
    """{locale: {'index.md', 'journey.md', ...}} relative to each language folder."""
    return {
        locale: {p.relative_to(docs_dir / locale).as_posix() for p in (docs_dir / locale).rglob("*.md")}
        for locale in LOCALES
    }


def missing_translations(docs_dir: Path) -> list[str]:
    pages = pages_by_locale(Path(docs_dir))
    everything = set().union(*pages.values())
    problems = []
    for page in sorted(everything):
        have = [locale for locale in LOCALES if page in pages[locale]]
        for locale in LOCALES:
            if page not in pages[locale]:
                missing = display_path(Path(docs_dir) / locale / page)
                problems.append(
                    f"{missing}: page: missing in this language (it exists in "
                    f"{', '.join(display_path(Path(docs_dir) / have_locale / page) for have_locale in have)}). "
                    f"Fix: create {missing} with the translation, or remove the page from every language."
                )
    return problems


PLACEHOLDER = "TODO"


def missing_meta(meta: dict, file: str) -> list[str]:
    """Required fields that are empty, and any field still holding the placeholder of `make new-page`."""
    problems = [
        f"{file}:1: front matter: the field {field} is missing or empty. Fix: {fix}."
        for field, fix in REQUIRED_META.items()
        if not str(meta.get(field) or "").strip()
    ]
    problems += [
        f"{file}:1: front matter: the field {field} still holds the placeholder ({value}). Fix: replace it with the real text."
        for field, value in meta.items()
        if isinstance(value, str) and value.startswith(PLACEHOLDER)
    ]
    return problems


# --- Translation status ---------------------------------------------------------------------------


def fingerprint(text: str) -> str:
    """A short hash of a text, blind to line endings and trailing spaces."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def source_fingerprint(path: Path) -> str:
    """The fingerprint of a French page, computed again only when the file changes (each of its translations
    asks)."""
    stat = path.stat()
    return _fingerprint_cached(str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _fingerprint_cached(path: str, mtime: int, size: int) -> str:
    return fingerprint(Path(path).read_text(encoding="utf-8"))


def _translated_texts(node, place: str, found: dict):
    """Every {fr, nl, en} text in a data tree, keyed by a readable place (list items named by their id)."""
    if isinstance(node, dict):
        if node and set(node) <= set(LOCALES) and all(isinstance(v, str) for v in node.values()):
            found[place] = {locale: node.get(locale) for locale in LOCALES}
            return
        for key, value in node.items():
            _translated_texts(value, f"{place}.{key}" if place else str(key), found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("id", index) if isinstance(item, dict) else index
            _translated_texts(item, f"{place}[{name}]", found)


def collect_items(root: Path = ROOT) -> dict[str, dict[str, str | None]]:
    """{item: {locale: text or None}} for every page, every UI string and every data text."""
    items = {}
    docs = root / "docs"
    for page in sorted(set().union(*pages_by_locale(docs).values())):
        items[f"docs/{page}"] = {
            locale: (docs / locale / page).read_text(encoding="utf-8") if (docs / locale / page).exists() else None
            for locale in LOCALES
        }
    for name in ("ui.yml",) + DATA_FILES:
        found: dict = {}
        _translated_texts(load_yaml(root / "data" / name).data, "", found)
        items.update({f"data/{name}:{place}": texts for place, texts in found.items()})
    return items


def read_lock(path: Path) -> dict:
    """{item: {locale: fingerprint}}; a lock file edited by hand into another shape is a one-line error."""
    if not path.exists():
        return {}
    document = load_yaml(path)
    lock = document.data or {}
    fix = "restore the file from git, or run make translations-confirm to write it again"
    if not isinstance(lock, dict):
        raise DataError([document.error((), "the file is not a list of items", fix)])
    problems = []
    for item, fingerprints in lock.items():
        if not isinstance(fingerprints, dict):
            problems.append(document.error((item,), "expected a fingerprint per language under this item", fix))
            continue
        for locale, value in fingerprints.items():
            if locale not in LOCALES[1:] or not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{12}", value):
                problems.append(
                    document.error(
                        (item, locale), f"{locale}: {value!r} is not a language and its 12-character fingerprint", fix
                    )
                )
    if problems:
        raise DataError(problems)
    return lock


@cache
def _lock_cached(path: str, mtime: float) -> dict:
    return read_lock(Path(path))


def current_lock() -> dict:
    """The lock file, read again only when it changes (every page of every language asks)."""
    return _lock_cached(str(LOCK_FILE), LOCK_FILE.stat().st_mtime) if LOCK_FILE.exists() else {}


def status(items: dict, lock: dict) -> dict[str, dict[str, str]]:
    """{item: {locale: 'ok' | 'missing' | 'stale'}}; the source language is 'ok' or 'missing'."""
    report = {}
    for item, texts in items.items():
        row = {SOURCE: "ok" if texts[SOURCE] else "missing"}
        current = fingerprint(texts[SOURCE]) if texts[SOURCE] else None
        for locale in TARGETS:
            if not texts[locale]:
                row[locale] = "missing"
            elif current and lock.get(item, {}).get(locale) != current:
                row[locale] = "stale"
            else:
                row[locale] = "ok"
        report[item] = row
    return report


def print_status(report: dict, out=sys.stdout, everything: bool = False) -> int:
    """A table of the items (all, or only those needing work), a summary line; returns the exit code."""
    needs_work = {item: row for item, row in report.items() if set(row.values()) != {"ok"}}
    shown = report if everything else needs_work
    width = max([len(item) for item in shown] + [4])
    if shown:
        print(f"{'item'.ljust(width)}  " + "  ".join(locale.ljust(7) for locale in LOCALES), file=out)
        for item, row in shown.items():
            print(f"{item.ljust(width)}  " + "  ".join(row[locale].ljust(7) for locale in LOCALES), file=out)
    missing = sum(1 for row in report.values() if "missing" in row.values())
    stale = sum(1 for row in report.values() if "stale" in row.values())
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


def confirm(items: dict, lock: dict, wanted: list[str] | None = None) -> dict:
    """The lock with the current French hash recorded for every present translation of the wanted items."""
    unknown = [item for item in wanted or [] if item not in items]
    if unknown:
        raise DataError(
            [
                f"translations: no item is called {item}. Fix: copy the name from `make translations`."
                for item in unknown
            ]
        )
    lock = {item: dict(lock.get(item, {})) for item in items}
    for item in wanted or list(items):
        texts = items[item]
        for locale in TARGETS:
            if texts[SOURCE] and texts[locale]:
                lock[item][locale] = fingerprint(texts[SOURCE])
    return {item: hashes for item, hashes in sorted(lock.items()) if hashes}


def write_lock(path: Path, lock: dict):
    header = (
        "# Written by `make translations-confirm`: for each page and text, the hash of the French text\n"
        "# when its Dutch (nl) and English (en) translations were last confirmed. Do not edit by hand.\n"
    )
    path.write_text(header + yaml.safe_dump(lock, allow_unicode=True, sort_keys=True, width=200), encoding="utf-8")


# --- MkDocs events --------------------------------------------------------------------------------


def on_files(files, config):
    current_lock()  # a malformed lock file stops the build before any page, with its one line
    if not first_language_build(config):
        return files  # every language's pages were compared in the first language's build
    problems = missing_translations(Path(config.docs_dir))
    if problems:
        raise DataError(problems)
    return files


def on_page_markdown(markdown, page, config, files):
    file = display_path(Path(page.file.abs_src_path))
    if missing_meta(page.meta, file):
        # MkDocs silently reads a front matter that does not parse as empty: read it ourselves, which names
        # the line of a YAML error, then report what is missing.
        front_matter = read_front_matter(Path(page.file.abs_src_path)).data
        raise DataError(missing_meta(front_matter if isinstance(front_matter, dict) else {}, file))
    locale = current_locale(config)
    if locale == SOURCE:
        return markdown
    page_path = page.file.src_uri.split("/", 1)[1]
    source = Path(config.docs_dir) / SOURCE / page_path
    recorded = current_lock().get(f"docs/{page_path}", {}).get(locale)
    if recorded == source_fingerprint(source):
        return markdown
    # The French page changed after this translation was confirmed: say so, and link to the French page.
    up = "../" * len(page.url.strip("/").split("/"))
    french = up + page.url.split("/", 1)[1]
    notice = (
        f'<p class="layout-stale">{escape(ui(locale, "layout")["stale_translation"])} '
        f'<a href="{french}" hreflang="{SOURCE}" lang="{SOURCE}">Français</a></p>'
    )
    title = re.search(r"^# .*$", markdown, re.M)
    at = title.end() + 1 if title else 0
    return markdown[:at] + "\n" + notice + "\n\n" + markdown[at:]


# --- Command line ---------------------------------------------------------------------------------


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
        write_lock(LOCK_FILE, confirm(items, lock, argv[1:] or None))
        return print_status(status(items, read_lock(LOCK_FILE)))
    print(__doc__.strip().splitlines()[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
