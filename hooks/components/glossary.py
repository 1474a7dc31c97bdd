"""The fixed terms of the programme (data/glossary.yml), each explained in one plain sentence per language.

Three uses of the one list:
- a wrong form (`avoid`) in a page or an interface text stops the build, naming the line and the term to
  write instead;
- the glossary page draws every term with its definition where it says <!-- glossary -->;
- on every other page, the first time a term appears in the text it links to its definition in a list
  "Words on this page" at the end of the article (components/glossary.html).

Why a list at the end and not a tooltip: a link to a definition list works with a keyboard, on a touch
screen, without JavaScript and on paper, and a screen reader reads the definition with the term
(aria-describedby); a title= tooltip reaches none of them.
"""

from __future__ import annotations

import re
from pathlib import Path

from hooks.core import cache
from hooks.core.data import DataError, display_path, load_checked, load_yaml, message, repeated_ids
from hooks.core.html import ATTRIBUTE_TEXT, VOID
from hooks.core.locale import LOCALES, collation_key, is_full, ui
from hooks.core.paths import ROOT

GLOSSARY_FILE = ROOT / "data" / "glossary.yml"
TEMPLATE = "components/glossary.html"
MARKER = re.compile(r"<!--\s*glossary\s*-->")
PAGE = "glossary.md"


# --- Data -----------------------------------------------------------------------------------------


def check_glossary(document) -> list[str]:
    """The rules a schema cannot say: one entry per id, and a form that names one term only."""
    problems, owners = repeated_ids(document, document.data["terms"], "terms", "id", "give each term its own id"), {}
    for index, term in enumerate(document.data["terms"]):
        for locale in LOCALES:
            for form in [term[locale]] + term.get("also", {}).get(locale, []):
                owner = owners.setdefault((locale, form.lower()), index)
                if owner != index:
                    problems.append(
                        document.error(
                            ("terms", index, "also", locale) if form != term[locale] else ("terms", index, locale),
                            f"'{form}' is already a form of terms[{owner}] ({document.data['terms'][owner]['id']})",
                            "keep each form under one term only",
                        )
                    )
    return problems


def load_glossary(path: Path = GLOSSARY_FILE) -> dict:
    """The checked content of glossary.yml; any problem raises DataError with one line per problem."""
    return load_checked(path, "glossary.schema.json", check_glossary)


@cache.when_changed(lambda: [GLOSSARY_FILE])
def glossary() -> dict:
    """glossary.yml, read once per change of the file (every language build asks for it)."""
    return load_glossary(GLOSSARY_FILE)


# --- Wrong forms ----------------------------------------------------------------------------------


def avoid_rules(data: dict) -> dict[str, tuple[re.Pattern | None, dict[str, str]]]:
    """{locale: (one pattern matching every wrong form, {wrong form in lower case: the right term})}."""
    rules = {}
    for locale in LOCALES:
        right = {
            wrong.lower(): term[locale] for term in data["terms"] for wrong in term.get("avoid", {}).get(locale, [])
        }
        # One alternation, longest forms first, instead of one search per form: pages are read line by line.
        forms = "|".join(re.escape(wrong) for wrong in sorted(right, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE) if forms else None
        rules[locale] = (pattern, right)
    return rules


@cache.when_changed(lambda: [GLOSSARY_FILE])
def rules() -> dict:
    return avoid_rules(glossary())


def wrong_terms(text: str, locale: str, file: str, rules: dict, first_line: int = 1) -> list[str]:
    """One message for each wrong form of a fixed term in a text of the given language."""
    pattern, right = rules[locale]
    if pattern is None:
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for found in pattern.finditer(line):
            problems.append(
                message(
                    file,
                    number,
                    "glossary",
                    f"'{found.group(0)}' is not the term this site uses",
                    f"write '{right[found.group(0).lower()]}' (data/glossary.yml)",
                )
            )
    return problems


def check_ui_texts(rules: dict) -> list[str]:
    """The interface texts of data/ui.yml, each in its own language."""
    document = load_yaml(ROOT / "data" / "ui.yml")
    problems = []
    for component, strings in document.data.items():
        for key, texts in strings.items():
            for locale in LOCALES:
                problems += wrong_terms(
                    texts[locale], locale, document.file, rules, first_line=document.line((component, key)) or 1
                )
    return problems


def check_definitions(rules: dict, path: Path = GLOSSARY_FILE) -> list[str]:
    """The definitions are read like any page: they use the right terms too."""
    document = load_yaml(path)
    problems = []
    for index, term in enumerate(document.data["terms"]):
        for locale in LOCALES:
            problems += wrong_terms(
                term["definition"][locale],
                locale,
                document.file,
                rules,
                first_line=document.line(("terms", index, "definition", locale)) or 1,
            )
    return problems


# --- Finding the terms in a page --------------------------------------------------------------------


def form_pattern(form: str) -> str:
    """A form as a regular expression: any space matches any run of spaces (a line break, a no-break
    space), an apostrophe matches the typewriter and the typographic one, and a form written all in
    capitals (IOM, CPAS) matches only in capitals, since a lower-case word may be another word."""
    parts = []
    for piece in re.split(r"(\s+|['’])", form):
        if not piece:
            continue
        parts.append(r"\s+" if piece.isspace() else "['’]" if piece in "'’" else re.escape(piece))
    body = "".join(parts)
    return body if form.isupper() else f"(?i:{body})"


def term_finder(terms: list[dict], locale: str) -> tuple[re.Pattern, dict[str, dict]]:
    """One pattern for every form of every term in a language, longest first, and {group name: term}.

    Whole words only: a letter, digit or dash before or after means another word ("top-ups" is not
    "top-up"); an apostrophe before is fine, as in French "l'OIM"."""
    forms, owner = [], {}
    for index, term in enumerate(terms):
        for form in [term[locale]] + term.get("also", {}).get(locale, []):
            forms.append((form, f"t{index}"))
        owner[f"t{index}"] = term
    forms.sort(key=lambda item: len(item[0]), reverse=True)
    # A group per form (the same term can have several), named after the term: t3_0, t3_1, ...
    groups, seen = [], {}
    for form, name in forms:
        seen[name] = seen.get(name, -1) + 1
        groups.append(f"(?P<{name}_{seen[name]}>{form_pattern(form)})")
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])")
    return pattern, owner


@cache.when_changed(lambda locale: [GLOSSARY_FILE])
def finder(locale: str):
    """The pattern of a language, made once per language and per change of the file."""
    return term_finder(glossary()["terms"], locale)


# Tags and comments of the HTML that Python-Markdown writes.
TAG = re.compile(rf"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)({ATTRIBUTE_TEXT}*)>", re.S)
# Where a term is not marked: titles (a link in a heading is noise in the table of contents and in
# screen readers' list of headings), a term a page defines itself (dt), links and controls (a link in a
# link is not allowed), code, and what is not text.
SKIPPED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "a",
    "button",
    "label",
    "legend",
    "select",
    "option",
    "textarea",
    "summary",
    "caption",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "template",
    "svg",
    "math",
    "dfn",
    "abbr",
    "title",
    "figcaption",
}
# The site's own components (data-module), the frame's notices (layout-*) and admonition titles.
SKIPPED_ATTRIBUTES = re.compile(r"\bdata-module=|\bclass=\"[^\"]*\b(?:layout-[\w-]+|admonition-title)\b")


def skipped(name: str, attributes: str) -> bool:
    return name in SKIPPED_TAGS or bool(SKIPPED_ATTRIBUTES.search(attributes))


def first_occurrences(html: str, pattern: re.Pattern, owner: dict[str, dict]) -> list[tuple[int, int, dict]]:
    """(start, end, term) of the first appearance of each term in the text of a page's HTML, in order,
    outside the tags and places that SKIPPED_TAGS and SKIPPED_ATTRIBUTES name."""
    found, seen = [], set()
    stack: list[tuple[str, bool]] = []  # open elements and whether each one is skipped
    position = 0

    def scan(start: int, end: int):
        if any(skip for _, skip in stack):
            return
        for match in pattern.finditer(html, start, end):
            term = owner[match.lastgroup.rsplit("_", 1)[0]]
            if term["id"] not in seen:
                seen.add(term["id"])
                found.append((match.start(), match.end(), term))

    for tag in TAG.finditer(html):
        scan(position, tag.start())
        position = tag.end()
        closing, name, attributes = tag.group(1), (tag.group(2) or "").lower(), tag.group(3) or ""
        if not name or name in VOID or attributes.rstrip().endswith("/"):
            continue
        if closing:
            # Close up to the matching element: Python-Markdown writes well-formed HTML, an editor's raw
            # HTML may not.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        else:
            stack.append((name, skipped(name, attributes)))
    scan(position, len(html))
    return found


def occurrences(html: str, locale: str) -> list[tuple[int, int, dict]]:
    """first_occurrences in a page's HTML, kept between builds for the same text, language and glossary."""
    terms = {term["id"]: term for term in glossary()["terms"]}
    kept = cache.results().result(
        "glossary-terms",
        (html, locale, cache.file_digest(GLOSSARY_FILE)),
        lambda: [(start, end, term["id"]) for start, end, term in first_occurrences(html, *finder(locale))],
    )
    return [(start, end, terms[term]) for start, end, term in kept]


def mark_terms(html: str, locale: str, found: list | None = None) -> tuple[str, list[dict]]:
    """The page's HTML with the first appearance of each term linked to its definition, and those terms.
    found: the first occurrences, when known already."""
    found = first_occurrences(html, *finder(locale)) if found is None else found
    parts, position = [], 0
    for start, end, term in found:
        parts.append(html[position:start])
        parts.append(
            f'<a class="glossary-term" id="glossary-ref-{term["id"]}" href="#glossary-words-{term["id"]}" '
            f'aria-describedby="glossary-words-{term["id"]}-text">{html[start:end]}</a>'
        )
        position = end
    parts.append(html[position:])
    return "".join(parts), [term for _, _, term in found]


# --- What the template draws ----------------------------------------------------------------------


def entry(term: dict, locale: str) -> dict:
    return {"id": term["id"], "term": term[locale], "definition": term["definition"][locale]}


def glossary_context(terms: list[dict], locale: str) -> dict:
    """Every term of the glossary page, in alphabetical order of the language."""
    entries = sorted((entry(term, locale) for term in terms), key=lambda e: collation_key(e["term"], locale))
    return {"mode": "page", "entries": entries, "ui": ui(locale, "glossary")}


def words_context(found: list[dict], locale: str, glossary_url: str | None) -> dict:
    """The terms of one page, in the order they first appear, and the way to the whole glossary."""
    return {
        "mode": "words",
        "entries": [entry(term, locale) for term in found],
        "glossary_url": glossary_url,
        "ui": ui(locale, "glossary"),
    }


def render(html: str, env, locale: str, glossary_url: str | None) -> str:
    """The glossary page where the marker is; on any other page, its terms defined."""
    template = env.get_template(TEMPLATE)
    if MARKER.search(html):
        rendered = template.render(**glossary_context(glossary()["terms"], locale))
        return MARKER.sub(lambda _: rendered, html)
    html, found = mark_terms(html, locale, occurrences(html, locale))
    if not found:
        return html
    return html + template.render(**words_context(found, locale, glossary_url))


# --- MkDocs events --------------------------------------------------------------------------------


def check_texts() -> None:
    """The glossary and every interface text against it, once per build (the texts of every language)."""
    current = rules()  # loads and checks the glossary
    problems = cache.results().result(
        "glossary-texts",
        (cache.file_digest(ROOT / "data" / "ui.yml"), cache.file_digest(GLOSSARY_FILE)),
        lambda: check_ui_texts(current) + check_definitions(current),
    )
    if problems:
        raise DataError(problems)


def check_page(path: Path, locale: str) -> None:
    """A full language's page uses the fixed terms (the glossary is one of their pages). The front matter is
    part of what visitors read (title, description): its lines count too."""
    if not is_full(locale):
        return
    source, file = path.read_text(encoding="utf-8"), display_path(path)
    problems = cache.results().result(
        "glossary",
        (file, source, locale, cache.file_digest(GLOSSARY_FILE)),
        lambda: wrong_terms(source, locale, file, rules()),
    )
    if problems:
        raise DataError(problems)


def draw(html: str, env, locale: str, glossary_url: str | None) -> str:
    """Before the components that draw markers (desks, estimator, stories): their markers are still comments."""
    if not is_full(locale):
        return html
    return render(html, env, locale, glossary_url)
