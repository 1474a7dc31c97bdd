"""What the per-file checks found, kept between builds under a hash of what they read.

A check of a page (content, links, terms) or of a built page (policy, search text) answers the same for the same
file name, text and checking code. Its answer is kept in .cache/checks.json under a hash of all three (and of
any data the check reads, such as data/glossary.yml), so a build checks again only what changed: an edited page,
a new rule, a new version of the hooks. Deleting the file costs one slower build, never a wrong answer; a file
that does not read as this cache is ignored and written again.

What a process holds from its start is an input too: the code it runs and the list of languages it read
(core/locale.py's LOCALES and ALL_LOCALES), both in the file's version. A process whose start is older than
either (a `make serve` running while a language is added or a hook changes) writes nothing: a later build never
trusts a result made with the old list or the old code.

Plain functions and two classes; the adapter (hooks/events.py) saves the results once every language is built.
The templates' compiled code is kept too, in memory only (TEMPLATES). And one way for the whole package to keep
what it read from a file until the file changes (when_changed).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from hooks.core.paths import CACHE, CODE, DATA

CHECKS_FILE = CACHE / "checks.json"
LAYOUT = 2  # of the file; another layout is read as no cache at all
# Read once by a process, when it starts (core/locale.py): a change needs a new process (make serve restarts).
LANGUAGES_FILE = DATA / "languages.yml"


def digest(*parts: str | bytes) -> str:
    """One hash of several texts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


def code_version(paths: Iterable[Path]) -> str:
    """A hash of the files that do the checking."""
    return digest(*(part for path in sorted(paths) for part in (path.relative_to(CODE).as_posix(), path.read_bytes())))


def process_inputs() -> str:
    """A hash of what a process holds from its start: the code of hooks/ and the list of languages."""
    try:
        languages = LANGUAGES_FILE.read_bytes()
    except OSError:
        languages = b""
    return digest(code_version(CODE.rglob("*.py")), languages)


# What this process holds, as it was when it started (the package is imported once, at the start).
STARTED = process_inputs()


def stamp(path: Path | str) -> tuple:
    """What tells that a file changed: its modification time and size (None for a missing file)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def when_changed(files: Callable[..., Iterable[Path | str]]):
    """Decorator: a function's result for its arguments, kept until one of the files it reads changes.

    files(*args) names those files. Editors change data while `make serve` runs: the next rebuild reads the
    new file, and an unchanged file is parsed and checked once per process. One result per arguments is kept
    (the latest), so a long serve session does not pile up old versions. A result that raised is not kept."""

    def decorate(function):
        kept: dict = {}

        @functools.wraps(function)
        def wrapper(*args):
            stamps = tuple(stamp(path) for path in files(*args))
            found = kept.get(args)
            if found is None or found[0] != stamps:
                found = kept[args] = (stamps, function(*args))
            return found[1]

        wrapper.cache_clear = kept.clear
        return wrapper

    return decorate


def once_per_environment(function):
    """Decorator for function(env, *args): its result kept on the Jinja environment it was given, so that what a
    language's build draws once (a marker's fragment) goes with that build's environment. A cache keyed by the
    environment elsewhere would keep every old environment alive under serve, one more per rebuild."""

    @functools.wraps(function)
    def wrapper(env, *args):
        kept = env.__dict__.setdefault("_once", {})
        key = (function.__module__, function.__qualname__, *args)
        if key not in kept:
            kept[key] = function(env, *args)
        return kept[key]

    return wrapper


@when_changed(lambda path: [path])
def file_digest(path: Path) -> str:
    """The hash of a data file a check reads, computed again only when the file changes."""
    return digest(Path(path).read_bytes())


class Results:
    """{key: result} read from one file; save() writes back the results this build used (so the file holds
    what the site is today, not every page it ever had)."""

    def __init__(self, path: Path, version: str, fresh: Callable[[], bool] = lambda: True):
        """fresh(): whether what made the results is still what the files say (checked before writing)."""
        self.path, self.version, self.fresh = Path(path), version, fresh
        self.kept = self._read()
        self.used: dict[str, Any] = {}

    def _read(self) -> dict:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, not UTF-8, not JSON: no cache
            return {}
        if not isinstance(stored, dict) or stored.get("layout") != LAYOUT or stored.get("version") != self.version:
            return {}
        results = stored.get("results")
        return results if isinstance(results, dict) else {}

    def result(self, check: str, parts: Iterable[str | bytes], run: Callable[[], Any]) -> Any:
        """run()'s result for these inputs, from the last build when they are unchanged. Always in its JSON
        form (lists, not tuples), so that a fresh and a kept result look the same to the caller."""
        key = digest(check, *parts)
        if key in self.used:
            return self.used[key]
        value = self.kept[key] if key in self.kept else json.loads(json.dumps(run()))
        self.used[key] = value
        return value

    def save(self) -> bool:
        """Write the results this build used; through a file of its own, renamed, so that two builds at once
        or a build stopped halfway never leave half a file. Nothing is written when what made them is no longer
        what the files say (the code or the list of languages changed since the process started): False then."""
        written, self.kept, self.used = self.used, self.used, {}
        if not self.fresh():
            return False
        text = json.dumps(
            {"layout": LAYOUT, "version": self.version, "results": written}, ensure_ascii=False, separators=(",", ":")
        )
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only checkout builds all the same, without the cache
        return True


_OPEN: dict[Path, Results] = {}


def results(path: Path = CHECKS_FILE) -> Results:
    """The results kept in one file, read once per process (every language build, every rebuild of serve)."""
    if path not in _OPEN:
        _OPEN[path] = Results(path, STARTED, lambda: process_inputs() == STARTED)
    return _OPEN[path]


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja templates compiled once per process: MkDocs makes a new environment for each language's build and
    for each rebuild under serve, and compiling the theme's templates again was half of a rebuild's time.
    Kept under the template's name and text and what in its environment changes the compiled code."""

    def __init__(self):
        self.code: dict = {}

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> tuple:
        env = bucket.environment
        return (
            bucket.key,
            bucket.checksum,
            tuple(sorted(env.extensions)),
            env.autoescape,
            env.finalize,
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
        )

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self.code.get(self._key(bucket))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[self._key(bucket)] = bucket.code


TEMPLATES = CompiledTemplates()
