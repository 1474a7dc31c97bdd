"""The build log an editor reads: warnings and errors, one line each, and one last line.

MkDocs and mkdocs-static-i18n print 40+ lines per build (every language's overrides, the pages left out of the
menu); an editor sees only what to act on. VERBOSE=1 shows the whole log again, `mkdocs build -v` MkDocs'
debugging lines as well. MkDocs' log handler is read by its name and its formatter's text_wrapper: engine
internals, checked by engine/versions.py.
"""

from __future__ import annotations

import logging
import os
import re
import textwrap

from hooks.core.build import log

VERBOSE_VARIABLE = "VERBOSE"


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


def quiet_log(command: str, one_line: bool = True, environ=os.environ) -> bool:
    """Quiets MkDocs' own output unless VERBOSE=1 or `-v` asked for all of it; True when it did. one_line: keep
    a long message on one line (the handler's text_wrapper: an engine internal, engine/versions.py)."""
    logger = logging.getLogger("mkdocs")
    if environ.get(VERBOSE_VARIABLE, "").strip() not in ("", "0") or logger.level == logging.DEBUG:
        return False
    for handler in logger.handlers:
        if handler.get_name() != "MkDocsStreamHandler":
            continue
        for old in [f for f in handler.filters if isinstance(f, Quiet)]:
            handler.removeFilter(old)  # one filter, however many builds this process runs
        handler.addFilter(Quiet(command))
        if one_line and hasattr(handler.formatter, "text_wrapper"):
            # MkDocs cuts a long line at the terminal's width: an editor's message stays one line to copy.
            handler.formatter.text_wrapper = textwrap.TextWrapper(width=0)
    return True
