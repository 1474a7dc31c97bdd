"""What an editor may write in a page, checked with one-line messages before the page is built.

A page is text, links, images of the site and markers (<!-- desks -->) that components replace. It cannot
carry a script, an iframe, an event handler, a javascript: address or inline styles: the site's policy runs
only its own scripts, and loads nothing from another site (an image, a srcset, a poster, a ping: reference-style
Markdown is read too). A marker the components do not know, a TODO left in the text, an image address with
odd characters, an invisible character, a file name that is not a lowercase slug, a file that is not UTF-8 or a
page far over a sane size stops the build by name.

The known markers come from the components themselves: every hook module that declares MARKER (a string or
a regular expression) adds its markers, so a new component is covered without touching this file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from markupsafe import Markup, escape

from hooks.checks.links import body, prose_lines, reference_images, references
from hooks.core import cache
from hooks.core.data import (
    DataError,
    display_path,
    invisible_characters,
    linked_files,
    message,
    read_front_matter,
    read_text,
)
from hooks.core.locale import load_ui

try:  # the parser of Python's own regular expressions, to list what a component's MARKER accepts
    from re import _parser as sre_parse
except ImportError:  # Python before 3.11
    import sre_parse

MAX_CHARACTERS = 50_000  # the longest page today has under 4,000; a page past this is a pasted document
# An HTML comment shaped like a marker: one word, or word:word (<!-- desk:antwerp -->, <!-- Desks -->).
MARKER_LIKE = re.compile(r"<!--\s*([A-Za-z_][\w-]*(?:\s*:\s*[\w-]*)?)\s*-->")
TODO = re.compile(r"\b(TODO|FIXME|XXX)\b")
FORBIDDEN_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|style|link|meta|base|form|svg|math)\b", re.IGNORECASE
)
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.IGNORECASE)
SCRIPT_ADDRESS = re.compile(r"(javascript|vbscript|data)\s*:", re.IGNORECASE)
ADDRESS_IN_LINK = re.compile(
    r"\]\(\s*<?\s*([^)\s>]*)|\b(?:href|src)\s*=\s*[\"']?\s*([^\"'\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?\s*([^\s>]*)",
    re.IGNORECASE,
)
# What makes a browser load or tell another address by itself, in a page's HTML: an image's src (IMAGE below) and
# these. A page may link to another site (<a href>), never load from one: no visitor's address leaves the site.
LOADING = re.compile(
    r"""\s(src|srcset|imagesrcset|poster|data|ping|action|formaction|background|manifest|xlink:href)\s*=\s*"""
    r"""("[^"]*"|'[^']*'|[^\s"'>]+)""",
    re.IGNORECASE,
)
TAG_START = re.compile(r"<([a-zA-Z][\w:-]*)")
# A page's file name is its address: small letters, digits and hyphens (/mon-page/), in folders named so too.
PAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]*)\)|<img\b[^>]*?\bsrc\s*=\s*([\"']?)([^\"'>]*)\2", re.IGNORECASE)
IMAGE_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*|\.\.?/[A-Za-z0-9._/-]+")
ASK = "ask the web team for a component (data/ and overrides/components/), which the policy allows"


def foreign(address: str) -> bool:
    """Whether an address, as a browser reads it, leaves the site: a scheme (https:, data:, ...) or //host. Tabs and
    line breaks inside are dropped and a backslash is a slash, as browsers do (/\\evil.example is //evil.example)."""
    address = "".join(html.unescape(address).split()).replace("\\", "/")
    return address.startswith("//") or bool(re.match(r"[a-z][a-z0-9+.-]*:", address, re.IGNORECASE))


def loaded_addresses(attribute: str, value: str) -> list[str]:
    """The addresses an attribute's value makes the browser load: srcset's are a list ("a.png 1x, b.png 2x")."""
    value = html.unescape(value.strip("\"'"))
    if attribute.lower() not in ("srcset", "imagesrcset"):
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def slug(name: str) -> str:
    """A file name as an address: 'Mon Été.md' -> 'mon-ete'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)) or "page"


def page_name_problem(file: str) -> list[str]:
    """A page whose file name (or folder) is not a lowercase slug: its address would hold spaces, capitals or
    accents, written unescaped into the sitemap and the links."""
    parts = file.split("/")
    if len(parts) < 3 or parts[0] != "docs" or not parts[-1].endswith(".md"):
        return []
    names = [*parts[2:-1], parts[-1].removesuffix(".md")]
    if all(PAGE_NAME.fullmatch(name) for name in names):
        return []
    better = "/".join(slug(name) for name in names) + ".md"
    return [
        message(
            file,
            None,
            "file",
            f"the page's name {'/'.join(parts[2:])!r} is its address, and an address is written in small letters, "
            "digits and hyphens only",
            f"rename the file {better} (git mv), and its translations in the other languages' folders the same",
        )
    ]


# --- The markers the components know --------------------------------------------------------------


def _spellings(parsed) -> list[str]:
    """Every text a simple regular expression matches, with a character class written as ID and spaces
    dropped: r"<!--\\s*(desks|desk:([a-z0-9_]+))\\s*-->" -> ["<!--desks-->", "<!--desk:ID-->"]."""
    results = [""]
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL":
            options = [chr(value)]
        elif name == "SUBPATTERN":
            options = _spellings(value[-1])
        elif name == "BRANCH":
            options = [text for branch in value[1] for text in _spellings(branch)]
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, item = value
            inner = _spellings(item)
            if all(text.strip() == "" for text in inner):
                options = [""]  # \s*
            elif len(item) == 1 and str(item[0][0]) == "IN":
                options = ["ID"]  # [a-z0-9_]+
            elif low == 0 and high == 1:
                options = [""] + inner
            else:
                options = inner
        elif name == "IN":
            options = [" "] if any(str(v) == "CATEGORY_SPACE" for _, v in value) else ["ID"]
        else:
            options = [""]
        results = [start + option for start in results for option in options]
    return results


def marker_names(modules) -> list[str]:
    """'desks', 'desk:ID', 'estimator:rules', ...: what the components' MARKERs accept, in hook order."""
    names = []
    for module in modules:
        marker = getattr(module, "MARKER", None)
        pattern = (
            marker.pattern if isinstance(marker, re.Pattern) else re.escape(marker) if isinstance(marker, str) else None
        )
        if pattern is None:
            continue
        for text in _spellings(sre_parse.parse(pattern)):
            name = text.replace(" ", "").removeprefix("<!--").removesuffix("-->")
            if name and name not in names:
                names.append(name)
    return names


def matchers(modules) -> list:
    """A function per component telling whether a comment is its marker."""
    found = []
    for module in modules:
        marker = getattr(module, "MARKER", None)
        if isinstance(marker, re.Pattern):
            found.append(marker.fullmatch)
        elif isinstance(marker, str):
            found.append(lambda text, marker=marker: " ".join(text.split()) == " ".join(marker.split()))
    return found


# --- The checks -----------------------------------------------------------------------------------


def check_page(source: Path, text: str, first_line: int, known: list, names: list[str]) -> list[str]:
    """Every problem of one page's Markdown (without its front matter), one message each."""
    file = display_path(source)
    problems = []
    if len(text) > MAX_CHARACTERS:
        problems.append(
            message(
                file,
                None,
                "page",
                f"the page has {len(text):,} characters, more than {MAX_CHARACTERS:,}",
                "split it into several pages, each about one question",
            )
        )
    problems += invisible_characters(text, file, first_line)
    definitions = references(text, first_line)
    for number, line in prose_lines(text, first_line):

        def problem(what: str, fix: str, number: int = number) -> None:
            problems.append(message(file, number, "page", what, fix))

        tag = FORBIDDEN_TAG.search(line)
        if tag:
            problem(f"a <{tag.group(1).lower()}> cannot be written in a page (the site runs only its own code)", ASK)
        if HANDLER.search(line):
            problem("an on...= attribute is a script and cannot be written in a page", ASK)
        if STYLE_ATTRIBUTE.search(line):
            problem(
                "a style= attribute cannot be written in a page (the site's styles are in its stylesheets)",
                "remove it; for a new look, ask the web team",
            )
        for found in ADDRESS_IN_LINK.finditer(line):
            # As a browser reads it: java&#115;cript: and "java\tscript:" are javascript: too.
            address = "".join(html.unescape(found.group(1) or found.group(2) or found.group(3) or "").split())
            scheme = SCRIPT_ADDRESS.match(address)
            if scheme:
                problem(
                    f"a {scheme.group(1).lower()}: address runs code or hides a file and cannot be linked",
                    "link to a page of the site, or to another site's https:// address",
                )
        images = [found.group(1) if found.group(1) is not None else found.group(3) for found in IMAGE.finditer(line)]
        for address in images + [target for _, target in reference_images(line, definitions)]:
            target = address.strip()
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            target = re.sub(r'\s+"[^"]*"$', "", target)  # a title: ![text](file.png "title")
            if not IMAGE_ADDRESS.fullmatch(target):
                problem(
                    f"the image address {address!r} holds characters an address cannot carry, or points "
                    "to another site",
                    "name the image file with letters, digits, - and _ only, put it beside "
                    "the page and write ![what it shows](file-name.png)",
                )
        for tag in TAG_START.finditer(line):
            end = line.find(">", tag.end())
            for found in LOADING.finditer(line[tag.end() : end if end >= 0 else len(line)]):
                attribute = found.group(1).lower()
                if attribute == "src" and tag.group(1).lower() == "img":
                    continue  # an image's address: said above, with its own fix
                for address in loaded_addresses(attribute, found.group(2)):
                    said = attribute == "src" and SCRIPT_ADDRESS.match("".join(html.unescape(address).split()))
                    if foreign(address) and not said:  # a javascript: src is said above
                        problem(
                            f"{attribute}={address!r} makes the browser load or tell another site (the site loads "
                            "only its own files: no visitor's address leaves it)",
                            "put the file beside the page and write its name, or link to the other site with "
                            "[text](https://...)",
                        )
        todo = TODO.search(line)
        if todo:
            problem(f"the text still holds {todo.group(1)}", "write the missing text, or remove the note")
        for found in MARKER_LIKE.finditer(line):
            if not any(match(found.group(0)) for match in known):
                problem(
                    f"{found.group(0)} is not a marker the site knows",
                    "use one of "
                    + ", ".join(f"<!-- {name} -->" for name in names)
                    + " (ID: see data/); write other notes with several words",
                )
    return problems


def check_file(path: Path, known: list, names: list[str]) -> list[str]:
    """A page's problems: its file name, its encoding, its front matter (a key written twice) and its text."""
    problems = page_name_problem(display_path(path))
    try:
        source = read_text(path)
        if source.startswith("---\n"):
            read_front_matter(path)
    except DataError as error:
        return problems + error.messages
    text, first_line = body(source)
    return problems + check_page(path, text, first_line, known, names)


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def checked_file(path: Path, known: list, names: list[str]) -> list[str]:
    """check_file's problems, kept between builds for a file whose name, bytes and markers are unchanged."""
    return cache.results().result(
        "content", (display_path(path), path.read_bytes(), "\n".join(names)), lambda: check_file(path, known, names)
    )


def check_sources() -> None:
    """Before anything is read: no symbolic link where the build reads (it would publish a file of the build
    machine), and data/ui.yml whole (every component reads it; its own lines, not a component's traceback)."""
    links = linked_files()
    if links:
        raise DataError(links)
    load_ui()


def check_pages(paths: list[Path], components) -> None:
    """Every page of every language, before MkDocs reads them (a file that is not UTF-8 would otherwise end in
    a traceback); components: the modules whose MARKER a page may hold."""
    known, names = matchers(components), marker_names(components)
    problems = [problem for path in paths for problem in checked_file(path, known, names)]
    if problems:
        raise DataError(problems)


def escape_meta(meta: dict) -> None:
    """Titles and descriptions are text: escaped once here, they print as text wherever the theme puts them."""
    for field in ("title", "description"):
        value = meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[field] = escape(value)
