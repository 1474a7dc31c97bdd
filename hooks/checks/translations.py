"""Every page and every text exists in French, Dutch and English, and no translation is older than its source.

mkdocs-static-i18n would silently show another language for a missing page; we stop the build instead.

Staleness: French is the source language. When an editor confirms a translation, the hash of the French text
at that moment is written to data/translations.lock.yml. A translation whose recorded hash differs from the
French text's current hash is stale: the French text changed after it was translated. A page never shows a
stale text as current (components/notices.py, with the groups and rule below); `make translations` lists every
item, with what changed in French, and exits non-zero while a Dutch or English text is missing or stale;
`make translations-confirm` records the current French hashes of the items and languages it is told, and exits
non-zero only when one of them lacks a translation. A language's state (draft, published, reviewed) is checked
here against its pages (no copy published) and the lock (a review of every text).

The command line is tools/translations.py (make translations, make translations-confirm).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from functools import cache
from pathlib import Path

import yaml

from hooks.checks.links import body
from hooks.core import build
from hooks.core.cache import file_digest, results, when_changed
from hooks.core.data import DataError, display_path, load_yaml, read_front_matter
from hooks.core.locale import (
    ALL_LOCALES,
    FULL_ONLY,
    LOCALES,
    essential_pages,
    is_full,
    languages,
    translatable_texts,
)
from hooks.core.pages import page_in
from hooks.core.paths import ROOT

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
    # The languages this process reads the texts of (fixed when it started): an input like the files.
    parts.append(" ".join(ALL_LOCALES))
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


@when_changed(lambda: [LOCK_FILE])
def current_lock() -> dict:
    """The lock file, read again only when it changes (every page of every language asks)."""
    return read_lock(LOCK_FILE) if LOCK_FILE.exists() else {}


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


def confirm(
    items: dict,
    lock: dict,
    wanted: list[str] | None = None,
    reviewed_by: str | None = None,
    locales: list[str] | None = None,
    today: datetime.date | None = None,
    done: dict | None = None,
) -> dict:
    """The lock with the current French hash recorded for every present translation of the wanted items (all
    when None), in the wanted languages: the full languages (TARGETS) when None, never the essentials ones
    wholesale. With reviewed_by (a role, never a name), an essentials language's translation is recorded as
    reviewed on that day; without it, a changed translation loses an earlier review. `done` receives
    {item: [languages recorded]}."""
    locales = list(locales or TARGETS)
    unknown = [item for item in wanted or [] if item not in items]
    unknown_locales = [locale for locale in locales if locale not in ALL_LOCALES[1:]]
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
            if locale not in texts or locale not in locales or not (texts[SOURCE] and texts[locale]):
                continue
            if done is not None:
                done.setdefault(item, []).append(locale)
            current = fingerprint(texts[SOURCE])
            before, reviewed = recorded(lock[item].get(locale))
            if reviewed_by and not is_full(locale):
                lock[item][locale] = {
                    "fingerprint": current,
                    "reviewed_by": reviewed_by,
                    "reviewed_on": (today or build.today()).isoformat(),
                }
            elif not (reviewed and before == current):
                lock[item][locale] = current
    return {item: hashes for item, hashes in sorted(lock.items()) if hashes}


def write_lock(path: Path, lock: dict):
    header = (
        "# Written by `make translations-confirm`: for each page and text, the hash of the French text when\n"
        "# each translation was last confirmed, and for the essentials languages who reviewed it (a role) and\n"
        "# when. Do not edit by hand.\n"
    )
    path.write_text(header + yaml.safe_dump(lock, allow_unicode=True, sort_keys=True, width=200), encoding="utf-8")


# --- What a page shows of its items' state (components/notices.py draws it) -------------------------------

# The texts that carry a fact (days, hours, conditions, amounts, who can get what): every page, every text of
# the data files, and the interface texts of these components. The others (the menu, the search, the list of
# languages, the printed footer's words, the site's name) are wording.
FACT_GROUPS = (
    "ui:desks",
    "ui:days",
    "ui:toll_free",
    "ui:estimator",
    "ui:leaflet",
    "ui:glossary",
    "ui:stories",
    "data:desks.yml",
    "data:glossary.yml",
    "data:stories.yml",
)
NOT_CURRENT = ("stale", "missing")


def group_of(item: str) -> str:
    """The part of the texts a page draws an item with: 'docs/faq.md' (the page's own text), 'ui:desks' (an
    interface component of data/ui.yml), 'data:desks.yml' (a data file)."""
    if item.startswith("docs/"):
        return item
    name, place = item.split(":", 1)
    return "ui:" + place.split(".", 1)[0] if name == "data/ui.yml" else "data:" + name.removeprefix("data/")


def carries_fact(item: str) -> bool:
    return item.startswith("docs/") or group_of(item) in FACT_GROUPS


def not_current(report: dict, locale: str, groups) -> list[str]:
    """The items of these groups whose translation in `locale` is not the current French text (stale: the
    French changed after it was confirmed, or never confirmed)."""
    wanted = set(groups)
    return [item for item, row in report.items() if row.get(locale) in NOT_CURRENT and group_of(item) in wanted]


def current_language(locale: str, groups, report: dict) -> str:
    """The language whose text of these groups is current, to show in place of `locale`'s: its `more` language
    (data/languages.yml) when that one's translation is confirmed against the French text, else French."""
    more = languages()[locale].get("more") or SOURCE
    return more if more == SOURCE or not not_current(report, more, groups) else SOURCE


def unreviewed_items(locale: str, lock: dict, report: dict) -> list[str]:
    """The items of `locale` whose translation has no native speaker's review recorded (empty: all reviewed)."""
    return [item for item, row in report.items() if locale in row and not recorded(lock.get(item, {}).get(locale))[1]]


# --- A language's state (data/languages.yml) against its pages and the lock -------------------------------


def _text(path: Path) -> str:
    """A page's text without its front matter, its spaces as they may differ in a copy."""
    return " ".join(body(path.read_text(encoding="utf-8"))[0].split())


def copies(docs_dir: Path, locale: str) -> list[tuple[Path, Path]]:
    """(page, the other language's page with the same text) for each page of `locale` that is a copy of the
    same page in a language listed before it in data/languages.yml (the one copied from): not yet translated."""
    docs_dir, found = Path(docs_dir), []
    earlier = ALL_LOCALES[: ALL_LOCALES.index(locale)]
    for path in sorted((docs_dir / locale).rglob("*.md")):
        own = path.relative_to(docs_dir / locale).as_posix()
        source = own if is_full(locale) else essential_pages().get(own, own)
        text = _text(path)
        for other in earlier:
            name = page_in(other, source)
            twin = docs_dir / other / name if name else None
            if twin and twin.exists() and _text(twin) == text:
                found.append((path, twin))
                break
    return found


def copied_texts(root: Path, locale: str) -> tuple[str, int, int] | None:
    """(the other language, texts the same, texts) when most of an essentials language's interface texts are
    those of a language listed before it: its file is a copy not yet translated."""
    if is_full(locale):
        return None
    mine = {key: text for key, text in essentials_texts(root, locale).items() if key.startswith("data/ui.yml:")}
    for other in ALL_LOCALES[: ALL_LOCALES.index(locale)]:
        if is_full(other):
            continue
        theirs = essentials_texts(root, other)
        same = sum(1 for key, text in mine.items() if theirs.get(key) == text)
        if mine and same * 2 > len(mine):
            return other, same, len(mine)
    return None


def check_states(docs_dir: Path, report: dict, lock: dict, root: Path = ROOT) -> list[str]:
    """A published language shows no copy of another language's pages or texts (one line per page); a
    reviewed essentials language has a native speaker's review recorded for every text. Returns what a draft
    still holds of copies, one line per language, for the build to say."""
    from hooks.core.locale import LANGUAGES_FILE, state

    problems, drafts = [], []
    document = None
    for index, locale in enumerate(ALL_LOCALES):
        pages = copies(docs_dir, locale)
        texts = copied_texts(root, locale)
        name = f"data/languages/{locale}.yml"
        if state(locale) == "draft":
            listed = [f"{display_path(page)} (= {display_path(twin)})" for page, twin in pages]
            listed += [f"{name} (= data/languages/{texts[0]}.yml)"] if texts else []
            drafts.append(
                f"{locale} is a draft (data/languages.yml): built for preview only, never published."
                + (f" Still copies of another language: {', '.join(listed)}." if listed else "")
            )
            continue
        fix = f"translate it, or keep {locale} in draft until it is (data/languages.yml, state: draft)"
        problems += [
            f"{display_path(page)}: page: its text is the text of {display_path(twin)}, a copy not yet translated, "
            f"and {locale} is published. Fix: {fix}."
            for page, twin in pages
        ]
        if texts:
            problems.append(
                f"{name}: its interface texts are those of data/languages/{texts[0]}.yml ({texts[1]} of {texts[2]} "
                f"the same), a copy not yet translated, and {locale} is published. Fix: {fix}."
            )
        missing = unreviewed_items(locale, lock, report) if state(locale) == "reviewed" and not is_full(locale) else []
        if missing:
            document = document or load_yaml(LANGUAGES_FILE)
            problems.append(
                document.error(
                    ("languages", index, "state"),
                    f"{locale} is reviewed, but no native speaker's review is recorded for {len(missing)} of its "
                    f"texts ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})",
                    f'after the review, run make translations-confirm LANGUAGES="{locale}" REVIEWED_BY="<their '
                    'role>", which writes this state; until then write state: published',
                )
            )
    if problems:
        raise DataError(problems)
    return drafts


def check_page_meta(meta: dict, path: Path) -> None:
    """A page's title and description, which every language must give. MkDocs silently reads a front matter
    that does not parse as empty: then it is read again here, which names the line of a YAML error."""
    file = display_path(path)
    if missing_meta(meta, file):
        front_matter = read_front_matter(path).data
        raise DataError(missing_meta(front_matter if isinstance(front_matter, dict) else {}, file))
