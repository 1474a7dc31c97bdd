"""Every page and every text exists in French, Dutch and English, and no translation is older than its source.

mkdocs-static-i18n would silently show another language for a missing page; we stop the build instead.

Staleness: French is the source language. When an editor confirms a Dutch or English translation, the hash
of the French text at that moment is written to data/translations.lock.yml. A translation whose recorded
hash differs from the French text's current hash is stale: the French text changed after it was translated.
The build shows a notice on a stale page; `make translations` lists every item and exits non-zero while one
is missing or stale; `make translations-confirm` records the current French hashes once translations are updated,
and exits non-zero only when an item it was asked to confirm lacks a translation.

Run as a script: python hooks/translations.py [status | confirm [ITEM ...]]
"""

from __future__ import annotations

import datetime
import hashlib
import re
import sys
from functools import cache
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage

from cache import file_digest, results
from editing import build_command, log, served_languages
from language import (
    ALL_LOCALES,
    FULL_ONLY,
    LOCALES,
    current_locale,
    essential_pages,
    first_language_build,
    i18n_languages,
    is_full,
    languages,
    translatable_texts,
    ui,
)
from languages import language_root, page_in, relative, source_page, url_of
from validation import ROOT, DataError, display_path, load_yaml, read_front_matter

SOURCE = LOCALES[0]
# An unreviewed language's pages say so in one line, linking to the page of languages, which says it whole.
LANGUAGES_PAGE = "languages.md"
UNREVIEWED_ANCHOR = "unreviewed"
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
        for locale in ALL_LOCALES
    }


def missing_translations(docs_dir: Path) -> list[str]:
    """A full language has every page of the others; an essentials language has the essential pages, and no
    other page (its navigation and its links would not know one)."""
    pages = pages_by_locale(Path(docs_dir))
    everything = set().union(*(pages[locale] for locale in LOCALES))
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
    for locale in ALL_LOCALES:
        if is_full(locale):
            continue
        for page, source in essential_pages().items():
            if page not in pages[locale]:
                missing = display_path(Path(docs_dir) / locale / page)
                problems.append(
                    f"{missing}: page: missing; every language has the essential pages. Fix: create it "
                    f"with the translation of docs/{SOURCE}/{source}."
                )
        for page in sorted(pages[locale] - set(essential_pages())):
            extra = display_path(Path(docs_dir) / locale / page)
            problems.append(
                f"{extra}: page: {languages()[locale]['english']} has only the essential pages "
                f"(data/languages.yml). Fix: remove the page, or make the language full there."
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


def yaml_data(path: Path):
    """A data file's content, parsed again only when it changes (serve rebuilds after each saved page). Read
    only: the same object answers every call."""
    return _yaml_data(str(path), file_digest(path))


@cache
def _yaml_data(path: str, digest: str):
    return load_yaml(Path(path)).data


def collect_items(root: Path = ROOT) -> dict[str, dict[str, str | None]]:
    """{item: {locale: text or None}} for every page, every UI string and every data text. A language that
    does not have an item (an essentials language and a page it lacks) is left out of that item."""
    items = {}
    docs = root / "docs"

    def read(path: Path):
        return path.read_text(encoding="utf-8") if path.exists() else None

    listed = pages_by_locale(docs)
    for page in sorted(set().union(*(listed[locale] for locale in LOCALES))):
        items[f"docs/{page}"] = {locale: read(docs / locale / page) for locale in LOCALES}
        for locale in ALL_LOCALES:
            own = page_in(locale, page)
            if not is_full(locale) and own:
                items[f"docs/{page}"][locale] = read(docs / locale / own)
    essentials = [locale for locale in ALL_LOCALES if not is_full(locale)]
    others = {locale: essentials_texts(root, locale) for locale in essentials}
    for name in ("ui.yml",) + DATA_FILES:
        for place, texts in translatable_texts(yaml_data(root / "data" / name)):
            item = f"data/{name}:{place}"
            row = {locale: texts.get(locale) for locale in LOCALES}
            component = place.split(".")[0]
            if name == "desks.yml" or (name == "ui.yml" and component not in FULL_ONLY and component != "money"):
                for locale in essentials:
                    row[locale] = others[locale].get(item)
            items[item] = row
    return items


def translation_report(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """status(collect_items(), the lock) for the build's notices, kept in .cache/ under the hash of every file
    it reads: every build and every rebuild under serve asks, and reading the texts of 17 languages is most of
    what it costs."""
    data = root / "data"
    paths = [
        *sorted((root / "docs").rglob("*.md")),
        data / "ui.yml",
        *(data / name for name in DATA_FILES),
        data / "languages.yml",
        *sorted((data / "languages").glob("*.yml")),
        LOCK_FILE,
    ]
    parts = [part for path in paths if path.exists() for part in (path.relative_to(root).as_posix(), file_digest(path))]
    return results().result("translations", parts, lambda: status(collect_items(root), current_lock()))


def essentials_texts(root: Path, locale: str) -> dict:
    """{item: text} of an essentials language's file, named as the items of data/ui.yml and the data files."""
    path = root / "data" / "languages" / f"{locale}.yml"
    if not path.exists():
        return {}
    data = yaml_data(path) or {}
    found = {
        f"data/ui.yml:{component}.{key}": text
        for component, strings in (data.get("ui") or {}).items()
        if isinstance(strings, dict)
        for key, text in strings.items()
    }
    found.update({f"data/ui.yml:site.{key}": text for key, text in (data.get("site") or {}).items()})
    found.update({item: text for item, text in (data.get("data") or {}).items()})
    return found


def read_lock(path: Path) -> dict:
    """{item: {locale: fingerprint, or {fingerprint, reviewed_by, reviewed_on}}}; a lock file edited by hand
    into another shape is a one-line error."""
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
            recorded = value.get("fingerprint") if isinstance(value, dict) else value
            if locale not in ALL_LOCALES and isinstance(locale, str) and re.fullmatch(r"[a-z]{2}", locale):
                continue  # a language taken out of data/languages.yml: forgotten at the next confirmation
            if (
                locale not in ALL_LOCALES[1:]
                or not isinstance(recorded, str)
                or not re.fullmatch(r"[0-9a-f]{12}", recorded)
            ):
                problems.append(
                    document.error(
                        (item, locale), f"{locale}: {value!r} is not a language and its 12-character fingerprint", fix
                    )
                )
            elif isinstance(value, dict) and not (value.get("reviewed_by") and value.get("reviewed_on")):
                problems.append(document.error((item, locale), "a review needs reviewed_by and reviewed_on", fix))
    if problems:
        raise DataError(problems)
    return lock


@cache
def _lock_cached(path: str, mtime: float) -> dict:
    return read_lock(Path(path))


def current_lock() -> dict:
    """The lock file, read again only when it changes (every page of every language asks)."""
    return _lock_cached(str(LOCK_FILE), LOCK_FILE.stat().st_mtime) if LOCK_FILE.exists() else {}


def recorded(entry) -> tuple[str | None, bool]:
    """(fingerprint, reviewed) of a lock entry; a plain fingerprint is a translation nobody has reviewed yet."""
    if isinstance(entry, dict):
        return entry.get("fingerprint"), True
    return entry, False


def status(items: dict, lock: dict) -> dict[str, dict[str, str]]:
    """{item: {locale: 'ok' | 'missing' | 'stale' | 'unreviewed'}} for the languages that have the item; the
    source language is 'ok' or 'missing'. The full languages are written by the team: never 'unreviewed'."""
    report = {}
    for item, texts in items.items():
        row = {SOURCE: "ok" if texts[SOURCE] else "missing"}
        current = fingerprint(texts[SOURCE]) if texts[SOURCE] else None
        for locale in ALL_LOCALES[1:]:
            if locale not in texts:
                continue
            hashed, reviewed = recorded(lock.get(item, {}).get(locale))
            if not texts[locale]:
                row[locale] = "missing"
            elif current and hashed != current:
                row[locale] = "stale"
            elif not reviewed and not is_full(locale):
                row[locale] = "unreviewed"
            else:
                row[locale] = "ok"
        report[item] = row
    return report


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


def confirm(
    items: dict,
    lock: dict,
    wanted: list[str] | None = None,
    reviewed_by: str | None = None,
    locales: list[str] | None = None,
    today: datetime.date | None = None,
) -> dict:
    """The lock with the current French hash recorded for every present translation of the wanted items (of
    the wanted languages). With reviewed_by (a role, never a name), the translation is recorded as reviewed
    on that day; without it, a changed translation loses an earlier review."""
    unknown = [item for item in wanted or [] if item not in items]
    unknown_locales = [locale for locale in locales or [] if locale not in ALL_LOCALES[1:]]
    if unknown or unknown_locales:
        raise DataError(
            [
                f"translations: no item is called {item}. Fix: copy the name from `make translations`."
                for item in unknown
            ]
            + [
                f"translations: {locale} is not a language of data/languages.yml. "
                f"Fix: write one of {', '.join(ALL_LOCALES[1:])}."
                for locale in unknown_locales
            ]
        )
    lock = {
        item: {locale: value for locale, value in lock.get(item, {}).items() if locale in ALL_LOCALES} for item in items
    }
    for item in wanted or list(items):
        texts = items[item]
        for locale in ALL_LOCALES[1:]:
            if locale not in texts or (locales and locale not in locales) or not (texts[SOURCE] and texts[locale]):
                continue
            current = fingerprint(texts[SOURCE])
            before, reviewed = recorded(lock[item].get(locale))
            if reviewed_by and not is_full(locale):
                lock[item][locale] = {
                    "fingerprint": current,
                    "reviewed_by": reviewed_by,
                    "reviewed_on": (today or datetime.date.today()).isoformat(),
                }
            elif not (reviewed and before == current):
                lock[item][locale] = current
    return {item: hashes for item, hashes in sorted(lock.items()) if hashes}


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


def write_lock(path: Path, lock: dict):
    header = (
        "# Written by `make translations-confirm`: for each page and text, the hash of the French text when\n"
        "# each translation was last confirmed, and for the essentials languages who reviewed it (a role) and\n"
        "# when. Do not edit by hand.\n"
    )
    path.write_text(header + yaml.safe_dump(lock, allow_unicode=True, sort_keys=True, width=200), encoding="utf-8")


def language_reviewed(locale: str, report: dict) -> bool:
    """Whether a native speaker has reviewed every text of the language."""
    return all(row.get(locale) != "unreviewed" for row in report.values())


# --- MkDocs events --------------------------------------------------------------------------------


@event_priority(100)  # before mkdocs-static-i18n's own on_config (-100) reads its languages
def on_config(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.current_language is None:  # the first (outer) build only
        built = served_languages(build_command(), list(ALL_LOCALES), list(LOCALES))
        plugin.config.languages = [i18n_language(entry) for entry in i18n_languages(config.nav, built)]
        if len(built) < len(ALL_LOCALES) and not _State.told:
            _State.told = True  # once per serve, not at each rebuild
            log.info(
                f"Previewing {' '.join(built)} ({len(built)} of {len(ALL_LOCALES)} languages, so that a rebuild "
                'takes about a second): SITE_LANGUAGES="fr ps" make serve for others, SITE_LANGUAGES=all for all.'
            )
    return config


def i18n_language(entry: dict):
    """One language as mkdocs-static-i18n's own settings object, validated as if mkdocs.yml had said it."""
    language = I18nPluginLanguage()
    language.load_dict(entry)
    failed, _ = language.validate()
    if failed:
        raise DataError(
            [
                f"data/languages.yml: {entry['locale']}: {name}: {error}. Fix: correct the entry."
                for name, error in failed
            ]
        )
    return language


class _State:
    report: dict = {}
    told = False  # that serve previews some languages only


def on_files(files, config):
    current_lock()  # a malformed lock file stops the build before any page, with its one line
    if not first_language_build(config):
        return files  # every language's pages were compared in the first language's build
    problems = missing_translations(Path(config.docs_dir))
    if problems:
        raise DataError(problems)
    _State.report = translation_report()
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
    source = source_page(locale, page.file.src_uri.split("/", 1)[1])
    notices = notices_for(locale, _State.report.get(f"docs/{source}", {}).get(locale), source, "/" + page.url)
    if not notices:
        return markdown
    title = re.search(r"^# .*$", markdown, re.M)
    at = title.end() + 1 if title else 0
    return markdown[:at] + "\n" + "\n\n".join(notices) + "\n\n" + markdown[at:]


def notices_for(locale: str, state: str | None, source: str, here: str) -> list[str]:
    """What a page says of its translation: that the French page changed since (with a link to it), and, in an
    essentials language nobody has reviewed yet, that it is not checked, in the language and in English."""
    found = []
    if state == "stale":
        french = relative(here, "/" + url_of(source))
        found.append(
            f'<p class="layout-stale">{escape(ui(locale, "layout")["stale_translation"])} '
            f'<a href="{french}" hreflang="{SOURCE}" lang="{SOURCE}">Français</a></p>'
        )
    if not is_full(locale) and not language_reviewed(locale, _State.report):
        strings = ui(locale, "layout")
        if source == LANGUAGES_PAGE:
            # What the one-line notice of the other pages links to: the whole sentence, and in English.
            found.append(
                f'<p class="layout-unreviewed" id="{UNREVIEWED_ANCHOR}">{escape(strings["unreviewed"])} '
                f'<span lang="en" dir="ltr">{escape(ui("en", "layout")["unreviewed"])}</span></p>'
            )
        else:
            link = relative(here, language_root(locale) + url_of(page_in(locale, LANGUAGES_PAGE) or LANGUAGES_PAGE))
            found.append(
                f'<p class="layout-unreviewed">{escape(strings["unreviewed_short"])} '
                f'<a href="{link}#{UNREVIEWED_ANCHOR}">{escape(strings["unreviewed_more"])}</a></p>'
            )
    return found


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
