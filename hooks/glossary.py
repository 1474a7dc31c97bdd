"""The fixed terms of the programme (data/glossary.yml): a wrong form in a page or an interface text stops
the build, naming the line and the term to write instead."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from language import LOCALES, current_locale
from validation import ROOT, DataError, check_schema, display_path, load_schema, load_yaml, message

GLOSSARY_FILE = ROOT / "data" / "glossary.yml"


def load_glossary(path: Path = GLOSSARY_FILE) -> dict[str, tuple[re.Pattern | None, dict[str, str]]]:
    """{locale: (one pattern matching every wrong form, {wrong form in lower case: the right term})}."""
    document = load_yaml(path)
    problems = check_schema(document, load_schema("glossary.schema.json"))
    if problems:
        raise DataError(problems)
    rules = {}
    for locale in LOCALES:
        right = {wrong.lower(): term[locale] for term in document.data["terms"]
                 for wrong in term.get("avoid", {}).get(locale, [])}
        # One alternation, longest forms first, instead of one search per form: pages are read line by line.
        forms = "|".join(re.escape(wrong) for wrong in sorted(right, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE) if forms else None
        rules[locale] = (pattern, right)
    return rules


@lru_cache(maxsize=None)
def _glossary_cached(path: str, mtime: float):
    return load_glossary(Path(path))


def glossary() -> dict:
    return _glossary_cached(str(GLOSSARY_FILE), GLOSSARY_FILE.stat().st_mtime)


def wrong_terms(text: str, locale: str, file: str, rules: dict, first_line: int = 1) -> list[str]:
    """One message for each wrong form of a fixed term in a text of the given language."""
    pattern, right = rules[locale]
    if pattern is None:
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for found in pattern.finditer(line):
            problems.append(message(file, number, "glossary", f"'{found.group(0)}' is not the term this site uses",
                                    f"write '{right[found.group(0).lower()]}' (data/glossary.yml)"))
    return problems


def check_ui_texts(rules: dict) -> list[str]:
    """The interface texts of data/ui.yml, each in its own language."""
    document = load_yaml(ROOT / "data" / "ui.yml")
    problems = []
    for component, strings in document.data.items():
        for key, texts in strings.items():
            for locale in LOCALES:
                problems += wrong_terms(texts[locale], locale, document.file, rules,
                                        first_line=document.line((component, key)) or 1)
    return problems


def on_config(config):
    problems = check_ui_texts(glossary())
    if problems:
        raise DataError(problems)


def on_page_markdown(markdown, page, config, files):
    # The front matter is part of what visitors read (title, description): count its lines too.
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    problems = wrong_terms(source, current_locale(config), display_path(Path(page.file.abs_src_path)), glossary())
    if problems:
        raise DataError(problems)
    return markdown
