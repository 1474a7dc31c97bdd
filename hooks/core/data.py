"""Load an editor's YAML file and check it, with one-line messages that name file, place, problem and fix.

Every data file and every front matter goes through here, so that all errors speak with one voice:

    data/desks.yml:42: desks[1].hours.value[0].to: "25:00" is not a valid time. Fix: write the time ...
"""

from __future__ import annotations

import functools
import json
import os
import re
import string
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hooks.core import cache
from hooks.core.paths import ROOT

if TYPE_CHECKING:
    import jsonschema


class DataError(Exception):
    """Every problem found in an editor's file; str() gives one line per problem. The adapter (hooks/events.py)
    hands it to MkDocs as its PluginError, so that the build stops and prints the lines without a traceback."""

    def __init__(self, messages: Iterable[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, when PyYAML has it) that keeps dates as text, so that a bad date becomes a clear
    message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def display_path(path: Path) -> str:
    """The path an editor sees: relative to the repository when it is inside it."""
    return _display_path(str(path), ROOT)


@functools.cache  # resolve() asks the file system, and every check of every page names its file
def _display_path(path: str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return path


def where(location: Iterable[Any]) -> str:
    """A place in the data as an editor reads it: desks[1].hours.value[0].to"""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top of the file)"


def message(file: str, line: int | None, place: str, problem: str, fix: str) -> str:
    """The one format of every editor-facing error."""
    at = f"{file}:{line}" if line else file
    return f"{at}: {place}: {problem}. Fix: {fix}."


def _line_map(node: yaml.Node, location: tuple = (), lines: dict | None = None, repeated: list | None = None) -> dict:
    """Line number (1-based) of every place in a composed YAML tree; a key written twice in one mapping goes
    to `repeated` as (place, line, first line): YAML keeps the last silently, which published a wrong number."""
    lines = {} if lines is None else lines
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            if repeated is not None and isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    repeated.append((location + (key.value,), key.start_mark.line + 1, seen[key.value]))
                seen.setdefault(key.value, key.start_mark.line + 1)
            lines[location + (key.value,)] = key.start_mark.line + 1
            _line_map(value, location + (key.value,), lines, repeated)
            lines[location + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, location + (index,), lines, repeated)
    return lines


class Document:
    """A parsed YAML text with the line of each place in it, for messages; `text` and `first_line` say what was
    parsed (a check's result is kept for the same text)."""

    def __init__(self, file: str, data: Any, lines: dict, text: str = "", first_line: int = 1):
        self.file, self.data, self.lines, self.text, self.first_line = file, data, lines, text, first_line

    def line(self, location: Iterable[Any]) -> int | None:
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location)

    def error(self, location: Iterable[Any], problem: str, fix: str) -> str:
        location = tuple(location)
        return message(self.file, self.line(location), where(location), problem, fix)


def parse_yaml(text: str, file: str, first_line: int = 1) -> Document:
    """Parse YAML text; a syntax error raises DataError naming the line. first_line offsets front matter.
    Anchors and aliases are refused before the tree is built or walked; so are invisible characters."""
    try:
        repeats = _repeats(text, file, first_line)
        if repeats:
            raise DataError(repeats)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + first_line if mark else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataError(
            [
                message(
                    file,
                    line,
                    "YAML",
                    f"the text does not parse ({problem})",
                    "check the indentation and the quotes on this line and the line before; "
                    "put text containing ':' or '#' in quotes",
                )
            ]
        ) from None
    hidden = invisible_characters(text, file, first_line)
    if hidden:
        raise DataError(hidden)
    repeated: list = []
    lines = {key: value + first_line - 1 for key, value in _line_map(node, (), {}, repeated).items()} if node else {}
    if repeated:
        raise DataError(
            [
                message(
                    file,
                    line + first_line - 1,
                    where(place),
                    f"{place[-1]} is written twice (first on line {first + first_line - 1}); only one can count",
                    f"keep one {place[-1]}: and delete the other",
                )
                for place, line, first in repeated
            ]
        )
    return Document(file, data, lines, text, first_line)


def _repeats(text: str, file: str, first_line: int) -> list[str]:
    """A message for each line holding a YAML anchor (&name) or alias (*name). An alias repeats a part of the
    file; nested, 330 bytes of them are billions of values, and every walk of the tree (the line map, the schema)
    ran for minutes and took gigabytes. No file of the project needs them: refused from the parser's events,
    before any tree is built."""
    if "&" not in text and "*" not in text:  # almost every file: no second reading
        return []
    found: dict[int, str] = {}
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            found.setdefault(event.start_mark.line + first_line, f"*{event.anchor} repeats another part of the file")
        elif getattr(event, "anchor", None):
            found.setdefault(event.start_mark.line + first_line, f"&{event.anchor} names a part of the file to repeat")
    return [
        message(
            file,
            line,
            "YAML",
            f"{what} (a YAML anchor or alias, which this project does not accept)",
            "write the value out in full where it is needed and remove the & or * mark (a text that starts with "
            "& or * goes in quotes)",
        )
        for line, what in sorted(found.items())
    ]


# Characters a reader cannot see that change what is shown: the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) and marks, zero-width spaces and joiners, the word joiner and invisible
# operators, the byte order mark, soft hyphen, fillers and tags. U+202E in a desk's name showed it backwards.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# The zero-width non-joiner and joiner are letters' business in Persian, Pashto and Arabic (می‌خواهم): allowed in
# those languages' files (data/languages/fa.yml, docs/fa/...), and between two Arabic-script letters elsewhere.
JOINERS = "\u200c\u200d"
JOINER_LANGUAGES = ("fa", "ps", "ar")
_JOINER_FILE = re.compile(r"(?:^|/)(?:data/languages/(?:%s)\.yml|docs/(?:%s)/)" % (("|".join(JOINER_LANGUAGES),) * 2))


# The Arabic script's letters (Arabic, its supplement and presentation forms): a joiner between two of them is
# Persian, Pashto or Arabic spelling wherever it is written (data/countries.yml's fa: names, ساحل‌عاج).
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def _between_arabic_letters(line: str, at: int) -> bool:
    return 0 < at < len(line) - 1 and bool(ARABIC_LETTER.match(line[at - 1]) and ARABIC_LETTER.match(line[at + 1]))


def invisible_characters(text: str, file: str, first_line: int = 1) -> list[str]:
    """A message for each invisible character in an editor's text, but the joiners of the languages that need
    them, in those languages' files."""
    if not INVISIBLE.search(text):
        return []
    joiners = bool(_JOINER_FILE.search(file))
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for found in INVISIBLE.finditer(line):
            character = found.group(0)
            if character in JOINERS and (joiners or _between_arabic_letters(line, found.start())):
                continue
            name = unicodedata.name(character, "an invisible character")
            problems.append(
                message(
                    file,
                    number,
                    "text",
                    f"U+{ord(character):04X} ({name}) after {line[: found.start()][-20:]!r} is invisible and changes "
                    "how the text reads (it can reverse or hide letters)",
                    "delete it: retype the characters around it",
                )
            )
    return problems


def format_fields(text: str) -> set[str]:
    """The {placeholders} of a text as str.format reads it ({times}, and {{ for a brace); a brace that is not
    part of a {name} raises ValueError with what is wrong, where format() would stop the build with a traceback."""
    fields = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValueError(f"a lone {{ or }} ({error}); a placeholder is written {{name}}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not re.fullmatch(r"[a-z_]+", field) or spec or conversion:
            raise ValueError(f"{{{field}}} is not a placeholder: a placeholder is written {{name}}, a-z and _")
        fields.add(f"{{{field}}}")
    return fields


def repeated_ids(document: Document, items: list[dict], place: str, what: str, fix: str) -> list[str]:
    """A message for each item whose id an earlier item of the list already has (desks, glossary terms): YAML
    keeps both, and a page would draw the first only."""
    problems, seen = [], {}
    for index, item in enumerate(items):
        if item["id"] in seen:
            problems.append(
                document.error(
                    (place, index, "id"),
                    f"the {what} {item['id']} is already listed as {place}[{seen[item['id']]}]",
                    fix,
                )
            )
        seen.setdefault(item["id"], index)
    return problems


def read_text(path: Path) -> str:
    """An editor's file as text; a missing file or one not saved as UTF-8 is a one-line DataError."""
    path = Path(path)
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([message(file, None, "file", "the file is missing", "restore it from git")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [
                message(
                    file,
                    line,
                    "file",
                    f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                    "save the file as UTF-8 in your editor (Save as, encoding UTF-8)",
                )
            ]
        ) from None


def load_yaml(path: Path) -> Document:
    path = Path(path)
    return parse_yaml(read_text(path), display_path(path))


def read_front_matter(path: Path):
    """The front matter of a Markdown file as a checked-line Document; the text must open with '---'.
    Read as often as it is asked (the list of every page reads all of them), parsed once per text."""
    return _front_matter(display_path(path), read_text(path))


@functools.lru_cache(maxsize=4096)
def _front_matter(file: str, text: str) -> Document:
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        raise DataError(
            [
                message(
                    file,
                    1,
                    "front matter",
                    "the file does not start with a front matter block",
                    "start the file with a line '---', the fields, and another line '---'",
                )
            ]
        )
    return parse_yaml(text[4 : text.index("\n---\n", 3) + 1], file, first_line=2)


# The folders whose files the build reads and publishes: pages, data, the theme's templates and assets.
PUBLISHED_FOLDERS = ("docs", "data", "overrides")


def linked_files(root: Path = ROOT, folders: Iterable[str] = PUBLISHED_FOLDERS) -> list[str]:
    """A message for each symbolic link under the folders the build reads: Git stores a link as a one-line
    path, a review sees only that, and MkDocs follows it and publishes whatever it points to (/etc/passwd)."""
    problems = []
    for folder in folders:
        top = Path(root) / folder
        if top.is_symlink():
            problems.append(_link_message(top, root))
            continue
        for directory, subfolders, files in os.walk(top):  # os.walk does not follow links by default
            for name in sorted(subfolders + files):
                path = Path(directory) / name
                if path.is_symlink():
                    problems.append(_link_message(path, root))
    return problems


def _link_message(path: Path, root: Path) -> str:
    return message(
        str(path.relative_to(root)),
        None,
        "file",
        f"this is a symbolic link (to {os.readlink(path)}); the build publishes only files kept in the repository",
        "replace the link by the file itself (copy it here), or delete the link",
    )


def load_schema(name: str) -> dict:
    return json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))


def _fix(error: jsonschema.ValidationError) -> str:
    """The editor's fix for a schema error, from the schema's x-fix notes."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        missing = error.message.split("'")[1]
        wanted = schema.get("properties", {}).get(missing, {})
        return wanted.get("x-fix") or f"add the field {missing}: (see the other entries for an example)"
    if error.validator == "additionalProperties":
        known = ", ".join(schema.get("properties", {}))
        return f"remove it or correct its spelling; the fields here are: {known}"
    return schema.get("x-fix") or "see the other entries in the file for the expected form"


def _problem(error: jsonschema.ValidationError) -> str:
    value = error.instance
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else None
    if error.validator == "required":
        return f"the field {error.message.split(chr(39))[1]} is missing"
    if error.validator == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return f"unknown field {', '.join(extra)}"
    if error.validator == "type":
        return f"{shown if shown is not None else 'this'} is not of the expected kind ({error.validator_value})"
    if error.validator in ("pattern", "format"):
        return f"{shown} is not in the expected form"
    if error.validator == "enum":
        return f"{shown} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator in ("minimum", "maximum"):
        return f"{shown} is out of range ({error.validator} {error.validator_value})"
    if error.validator == "minItems":
        return "the list is empty" if not value else f"the list needs at least {error.validator_value} items"
    if error.validator == "uniqueItems":
        return "the list repeats an item"
    if error.validator == "minLength":
        return "the text is empty" if not value else f"the text is shorter than {error.validator_value} characters"
    if error.validator == "maxLength":
        return f"the text has {len(value)} characters, more than {error.validator_value}"
    return error.message


def _leaves(errors: Iterable[jsonschema.ValidationError]) -> Iterable[jsonschema.ValidationError]:
    """The most precise errors: allOf/anyOf wrappers are replaced by what went wrong inside them."""
    for error in errors:
        if error.context:
            yield from _leaves(error.context)
        else:
            yield error


def check_schema(document: Document, schema: dict) -> list[str]:
    """Every schema problem in the document, one message each, in the order of the file; kept between builds
    for the same file, text and schema (cache.py)."""
    return cache.results().result(
        "schema",
        (document.file, document.text, str(document.first_line), json.dumps(schema, sort_keys=True)),
        lambda: schema_problems(document, schema),
    )


def schema_problems(document: Document, schema: dict) -> list[str]:
    import jsonschema  # here, not above: a build whose files are all unchanged never loads it (a tenth of a second)

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    found = {}
    for error in _leaves(validator.iter_errors(document.data)):
        location = tuple(error.absolute_path)
        text = document.error(location, _problem(error), _fix(error))
        found.setdefault(text, (document.line(location) or 0, text))
    return [text for _, text in sorted(found.values())]


def load_checked(path: Path, schema: str, check) -> Any:
    """A data file checked against data/<schema>, then by check(document) for what a schema cannot say; every
    problem found raises one DataError, a line each."""
    document = load_yaml(path)
    problems = check_schema(document, load_schema(schema)) or check(document)
    if problems:
        raise DataError(problems)
    return document.data
