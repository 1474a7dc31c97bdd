"""Internal links, anchors and images in pages, checked with the editors' one-line messages.

MkDocs's strict mode catches the same mistakes, but names neither the line nor the fix. This hook reads each
page's Markdown for links and images, checks that their targets exist in the same language, and, once every
page of a language is built, that each #anchor names a real section of its target page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hooks.core import cache
from hooks.core.data import DataError, display_path, message

LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
RAW_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|~~~)")
IDS = re.compile(r'\sid="([^"]+)"')
# Reference-style Markdown: a definition line "[label]: address", used by [text][label], [label][] or [label].
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]*)>?")
REFERENCE = re.compile(r"(!?)\[([^\]]*)\](?:\[([^\]]*)\])?(?![(:\[])")


def _label(text: str) -> str:
    """A reference's label as Markdown compares them: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


def prose_lines(markdown: str, first_line: int = 1):
    """(number, line) of each line of a page's Markdown outside its fenced code blocks (and not their fences):
    what the checks read, since a code block shows text as it is written."""
    in_code = False
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            yield number, line


def references(markdown: str, first_line: int = 1) -> dict[str, tuple[int, str]]:
    """{label: (line, address)} of every reference definition outside code blocks; the first counts."""
    found = {}
    for number, line in prose_lines(markdown, first_line):
        definition = DEFINITION.match(line)
        if definition:
            found.setdefault(_label(definition.group(1)), (number, definition.group(2)))
    return found


def reference_uses(line: str, definitions: dict):
    """(is_image, text, address) of each reference-style link or image on a line whose label is defined: read as
    the inline ones are, so that ![p][p] with "[p]: https://..." is an image from another site."""
    for found in REFERENCE.finditer(line):
        label = _label(found.group(3) or found.group(2))
        if label in definitions:
            yield found.group(1) == "!", found.group(2), definitions[label][1]


def reference_images(line: str, definitions: dict) -> list[tuple[str, str]]:
    return [(text, address) for is_image, text, address in reference_uses(line, definitions) if is_image]


def links_in(markdown: str, first_line: int = 1):
    """(line, is_image, text, target) for each Markdown link and image outside code blocks, reference-style too."""
    definitions = references(markdown, first_line)
    for number, line in prose_lines(markdown, first_line):
        for found in LINK.finditer(line):
            yield number, found.group(1) == "!", found.group(2), found.group(3)
        for is_image, text, target in reference_uses(line, definitions):
            yield number, is_image, text, target
        for tag in RAW_IMAGE.finditer(line):
            alt = re.search(r'\balt="([^"]*)"', tag.group(0))
            yield (
                number,
                True,
                alt.group(1) if alt else "",
                re.search(r'\bsrc="([^"]*)"', tag.group(0)).group(1) if 'src="' in tag.group(0) else "",
            )


def check_page(source: Path, markdown: str, language_dir: Path, first_line: int = 1):
    """Problems of one page's links and images, and the anchors still to check: [(line, target .md, anchor)]."""
    file = display_path(source)
    problems, anchors = [], []
    for line, is_image, text, target in links_in(markdown, first_line):
        parts = urlsplit(target)
        if is_image and not text.strip():
            problems.append(
                message(
                    file,
                    line,
                    "image",
                    f"the image {target} has no alternative text",
                    "describe what the image shows between the brackets: ![what it shows](file)",
                )
            )
        if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
            continue  # another site, a phone number, an e-mail address
        if not parts.path:
            anchors.append((line, source.resolve(), unquote(parts.fragment)))
            continue
        resolved = (source.parent / unquote(parts.path)).resolve()
        if is_image and not resolved.is_file():
            problems.append(
                message(
                    file,
                    line,
                    "image",
                    f"the image file {parts.path} does not exist",
                    "put the file beside the page, or correct its name",
                )
            )
        elif not resolved.is_file() or language_dir.resolve() not in resolved.parents:
            pages = sorted(p.relative_to(language_dir).as_posix() for p in language_dir.rglob("*.md"))
            near = [p for p in pages if Path(p).name == Path(parts.path).name]
            problems.append(
                message(
                    file,
                    line,
                    "link",
                    f"{parts.path} is not a file of this language's pages",
                    f"link to {near[0]} relative to this page"
                    if near
                    else f"check the name; this language's pages are in {display_path(language_dir)}/ "
                    f"({', '.join(pages[:8])}{', ...' if len(pages) > 8 else ''})",
                )
            )
        elif parts.fragment and resolved.suffix == ".md":
            anchors.append((line, resolved, unquote(parts.fragment)))
    return problems, anchors


def check_anchors(pending: dict, ids: dict) -> list[str]:
    """pending: {source: [(line, target .md, anchor)]}; ids: {page .md: ids in its built HTML}."""
    problems = []
    for source, items in pending.items():
        for line, target, anchor in items:
            known = ids.get(target, set())
            if anchor not in known:
                sections = sorted(i for i in known if not i.startswith(("__", "md-")))
                problems.append(
                    message(
                        display_path(source),
                        line,
                        "link",
                        f"{target.name} has no section #{anchor}",
                        f"use one of its sections: {', '.join('#' + s for s in sections[:12])}"
                        if sections
                        else "remove the #part of the link",
                    )
                )
    return problems


def docs_listing(docs_dir: Path) -> str:
    """A hash of every file name under docs/: a page's links are checked again when a file they may point to
    comes or goes."""
    names = sorted(
        os.path.relpath(os.path.join(folder, name), docs_dir)
        for folder, _, found in os.walk(docs_dir)
        for name in found
    )
    return cache.digest(*names)


def checked_page(source: Path, text: str, language_dir: Path, first_line: int, listing: str):
    """check_page's answer, kept between builds while the page and the names of the files it may link to stay
    the same."""

    def run():
        problems, anchors = check_page(source, text, language_dir, first_line)
        return problems, [(line, str(target), anchor) for line, target, anchor in anchors]

    problems, anchors = cache.results().result(
        "links", (display_path(source), text, str(first_line), str(language_dir), listing), run
    )
    return problems, [(line, Path(target), anchor) for line, target, anchor in anchors]


def body(text: str) -> tuple[str, int]:
    """A page's Markdown without its front matter, and the file line it starts on (as MkDocs reads it)."""
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        end = text.index("\n---\n", 3) + 5
        rest = text[end:]
        stripped = rest.lstrip("\n")
        return stripped, text[:end].count("\n") + 1 + (len(rest) - len(stripped))
    return text, 1


class Anchors:
    """The links of every page of one build, checked against the ids of the pages they point to once every page
    of the language is drawn: the ids the components add (desks, estimator, glossary) count too."""

    def __init__(self, docs_dir: Path):
        self.listing = docs_listing(docs_dir)  # docs/ holds every language's files: listed once per build
        self.pending: dict[Path, list] = {}
        self.ids: dict[Path, set[str]] = {}

    def check_page(self, source: Path, language_dir: Path) -> None:
        """A page's links (the file itself, not the Markdown other components may have added lines to: the line
        numbers must match the file); its anchors wait for the pages they point to."""
        text, first_line = body(source.read_text(encoding="utf-8"))
        problems, anchors = checked_page(source, text, language_dir, first_line, self.listing)
        if problems:
            raise DataError(problems)
        self.pending[source] = anchors

    def page_drawn(self, source: Path, html: str) -> None:
        self.ids[Path(source).resolve()] = set(IDS.findall(html))

    def check(self) -> None:
        """The anchors of the pages drawn since the last check: each language's at the end of its build."""
        pending, self.pending = self.pending, {}
        problems = check_anchors(pending, self.ids)
        if problems:
            raise DataError(problems)
