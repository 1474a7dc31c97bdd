"""Every page exists in French, Dutch and English, with the front matter every page needs.

mkdocs-static-i18n would silently show another language for a missing page; we stop the build instead.
"""

from __future__ import annotations

from pathlib import Path

from language import LOCALES
from validation import DataError, display_path

REQUIRED_META = {
    "title": "add title: the page title in this language (shown in the tab and the navigation)",
    "description": "add description: one plain sentence in this language on what the page offers (shown by search engines)",
}


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


def missing_meta(meta: dict, file: str) -> list[str]:
    return [
        f"{file}:1: front matter: the field {field} is missing or empty. Fix: {fix}."
        for field, fix in REQUIRED_META.items()
        if not str(meta.get(field) or "").strip()
    ]


def on_files(files, config):
    problems = missing_translations(Path(config.docs_dir))
    if problems:
        raise DataError(problems)
    return files


def on_page_markdown(markdown, page, config, files):
    problems = missing_meta(page.meta, display_path(Path(page.file.abs_src_path)))
    if problems:
        raise DataError(problems)
    return markdown
