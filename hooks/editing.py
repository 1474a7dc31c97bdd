"""An editor's working day: a quiet build log, `make serve` that keeps the last good site, and a preview date.

- The log: MkDocs and mkdocs-static-i18n print 40+ lines per build (every language's overrides, the pages left
  out of the menu); an editor sees only warnings and errors, one line each, and one final line. VERBOSE=1 shows
  the whole log again, `mkdocs build -v` MkDocs' debugging lines as well.
- `make serve` runs `python hooks/editing.py serve`: MkDocs' development server, except that each build goes to a
  folder beside the served one and replaces it only when it succeeds. MkDocs 1.6 builds into the folder it
  serves: a failed rebuild left half a site, and every request waited for a good build (the browser hung). Here
  a failed build prints its one-line messages and a last line, and the browser keeps the last good version.
- SITE_DATE (a day) and SITE_TIME (HH:MM, Belgian time) show, under `make serve` only, the site as it will be at
  that moment: the rules in force that day (hooks/estimator.py) and which desks are open (hooks/desks.py). A
  published build never carries them: it uses the day it is built, and a visitor's own clock says what is open.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import shutil
import signal
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

from validation import DataError, message

# The command MkDocs runs, "build" or "serve" (None outside MkDocs): a preview is for serve only.
BUILD = {"command": None}
DATE_VARIABLE = "SITE_DATE"
TIME_VARIABLE = "SITE_TIME"
VERBOSE_VARIABLE = "VERBOSE"
LANGUAGES_VARIABLE = "SITE_LANGUAGES"
log = logging.getLogger("mkdocs.editing")


# --- The day and time the site is built for -------------------------------------------------------


def build_command() -> str | None:
    return BUILD["command"]


def site_date(command: str | None, environ=os.environ) -> datetime.date:
    """The day the site is built for: today, or SITE_DATE when an editor previews a later day with serve."""
    value = environ.get(DATE_VARIABLE, "").strip()
    if not value:
        return datetime.date.today()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise DataError(
            [
                message(
                    DATE_VARIABLE,
                    None,
                    "environment",
                    f'"{value}" is not a date',
                    "write SITE_DATE=YYYY-MM-DD, for example SITE_DATE=2027-01-01 make serve",
                )
            ]
        ) from None
    if command != "serve" and day > datetime.date.today():
        raise DataError(
            [
                message(
                    DATE_VARIABLE,
                    None,
                    "environment",
                    f"{value} is in the future and this is a published build",
                    "preview a later day with make serve only; unset SITE_DATE to build",
                )
            ]
        )
    return day


def site_time(command: str | None, environ=os.environ) -> str | None:
    """The time of day (HH:MM in Belgium) that serve previews, or None: the visitor's own clock decides."""
    value = environ.get(TIME_VARIABLE, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise DataError(
            [
                message(
                    TIME_VARIABLE,
                    None,
                    "environment",
                    f'"{value}" is not a time of day',
                    "write SITE_TIME=HH:MM in Belgian time, for example SITE_TIME=10:30 make serve",
                )
            ]
        )
    if command != "serve":
        raise DataError(
            [
                message(
                    TIME_VARIABLE,
                    None,
                    "environment",
                    f"{value} would freeze the time of a published build",
                    "preview a time with make serve only; unset SITE_TIME to build",
                )
            ]
        )
    return value


def served_languages(command: str | None, known: list[str], full: list[str], environ=os.environ) -> list[str]:
    """The languages a build makes: all of them for a published build; under serve the full languages (those
    editors write; a rebuild of 17 languages takes seconds), or SITE_LANGUAGES ("fr ps", or "all"), the
    default language always included (the others' pages link to it)."""
    value = environ.get(LANGUAGES_VARIABLE, "").strip()
    if command != "serve" or value == "all":
        return list(known)
    if not value:
        return list(full)
    asked = value.replace(",", " ").split()
    unknown = [code for code in asked if code not in known]
    if unknown:
        raise DataError(
            [
                message(
                    LANGUAGES_VARIABLE,
                    None,
                    "environment",
                    f"{', '.join(unknown)}: no such language in data/languages.yml",
                    f'write codes from it ({" ".join(known)}), e.g. SITE_LANGUAGES="fr ps", or SITE_LANGUAGES=all',
                )
            ]
        )
    return [code for code in known if code == known[0] or code in asked]


def preview(command: str | None, environ=os.environ) -> dict:
    """{"day": "YYYY-MM-DD", "time": "HH:MM"}, each only when set, for the page's scripts under serve; nothing
    for a published build, even one made for a past SITE_DATE: a visitor's "open now" is their own moment."""
    moment = {
        "day": site_date(command, environ).isoformat() if environ.get(DATE_VARIABLE, "").strip() else None,
        "time": site_time(command, environ),
    }
    if command != "serve":
        return {}
    return {key: value for key, value in moment.items() if value}


# --- The build log --------------------------------------------------------------------------------


# MkDocs' heading for our own message about a page, which follows it and names the page already.
PAGE_HEADING = re.compile(r"Error (reading|building) page '[^']*':")


class Quiet(logging.Filter):
    """Lets through what an editor acts on: warnings and errors, the line that ends a build, where serve
    serves, and this module's own lines; MkDocs' and mkdocs-static-i18n's progress notes stay out."""

    def __init__(self, command: str):
        super().__init__()
        self.shown = ("Documentation built in",) if command == "build" else ("Serving on",)

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        if record.levelno >= logging.WARNING:
            return not PAGE_HEADING.fullmatch(text)
        return record.name == log.name or any(shown in text for shown in self.shown)


def quiet_log(command: str, environ=os.environ) -> bool:
    """Quiets MkDocs' own output unless VERBOSE=1 or `-v` asked for all of it; True when it did."""
    logger = logging.getLogger("mkdocs")
    if environ.get(VERBOSE_VARIABLE, "").strip() not in ("", "0") or logger.level == logging.DEBUG:
        return False
    for handler in logger.handlers:
        if handler.get_name() != "MkDocsStreamHandler":
            continue
        for old in [f for f in handler.filters if type(f).__name__ == Quiet.__name__]:
            handler.removeFilter(old)  # one filter, even if this module was loaded twice (a hook and a script)
        handler.addFilter(Quiet(command))
        if hasattr(handler.formatter, "text_wrapper"):
            # MkDocs cuts a long line at the terminal's width: an editor's message stays one line to copy.
            handler.formatter.text_wrapper = textwrap.TextWrapper(width=0)
    return True


# --- Serve: build aside, swap in on success -------------------------------------------------------


def build_aside(served: Path, build: Callable[[Path], None]) -> None:
    """build(folder) into a fresh folder beside `served`, which it replaces once the build has succeeded; when
    the build raises, the folder is removed, `served` stays as it was, and the error goes on."""
    served = Path(served)
    staging = served.with_name(served.name + ".next")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = served.with_name(f"{served.name}.old-{time.monotonic_ns()}")
    if served.exists():
        served.rename(old)
    staging.rename(served)
    # Removing the old site takes up to a quarter of a second on a busy machine: not while the editor waits.
    threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}).start()


def serve(argv: list[str]) -> int:
    """`mkdocs serve ARGS`, with each build made aside (build_aside) and a failed one keeping the last good site."""
    from mkdocs.__main__ import cli
    from mkdocs.commands import serve as command
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils import DuplicateFilter

    mkdocs_build = command.build
    state = {"failed": False, "first": True}

    def report(error: BaseException | None, took: float) -> None:
        if error is not None and not isinstance(error, SystemExit):
            # Not an editor's mistake (those stop the build with their one-line message): a developer's.
            log.error("The build failed with an error of the code:", exc_info=error)
        first, state["first"] = state["first"], False
        if error is None:
            log.info(f"{'Built' if first else 'Rebuilt'} in {took:.1f} s.")
        elif first:
            log.error("Not built: fix the problem above and save; the site appears once it builds.")
        else:
            log.error("Not rebuilt: the browser keeps the last good version. Fix the problem above and save.")

    def build(config, **options) -> None:
        # MkDocs prints a message once per session: a mistake made again after a fix would go unreported.
        for found in logging.getLogger("mkdocs.commands.build").filters:
            if isinstance(found, DuplicateFilter):
                found.msgs.clear()
        served, started = config.site_dir, time.monotonic()

        def into(folder: Path) -> None:
            config.site_dir = str(folder)
            mkdocs_build(config, **options)

        try:
            build_aside(Path(served), into)
        except Exception as error:  # MkDocs' Abort too: its messages are printed already
            state["failed"] = True
            report(error, 0)
        else:
            state["failed"] = False
            report(None, time.monotonic() - started)
        finally:
            config.site_dir = served

    class LastGoodServer(LiveReloadServer):
        def __init__(self, builder, **options):
            super().__init__(builder=lambda: self.rebuild(builder), **options)

        def rebuild(self, builder) -> None:
            try:
                builder()  # loads mkdocs.yml again, then build() above
            except Exception as error:  # mkdocs.yml itself no longer loads
                state["failed"] = True
                report(error, 0)
            if state["failed"]:
                # The requests waiting for this build get the last good site, and browsers do not reload.
                with self._epoch_cond:
                    self._wanted_epoch = self._visible_epoch
                    self._epoch_cond.notify_all()

    command.build, command.LiveReloadServer = build, LastGoodServer
    # watchmedo restarts serve with SIGTERM when a hook changes: end as on Ctrl+C, which removes the served folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    return cli.main(["serve", *argv], prog_name="mkdocs")


# --- MkDocs events --------------------------------------------------------------------------------


def on_startup(command, dirty):
    # MkDocs loads this file as the hook "hooks/editing.py", the other hooks import it as `editing`: two copies,
    # and both learn the command (a hook imported by another, as leaflet imports estimator, asks the second).
    for module in {sys.modules.get(__name__), sys.modules.get("editing")} - {None}:
        module.BUILD["command"] = command
    quiet_log(command)


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"]:
        print("python hooks/editing.py serve [mkdocs serve options]   (make serve)", file=sys.stderr)
        sys.exit(2)
    sys.exit(serve(sys.argv[2:]))
