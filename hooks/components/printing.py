"""Every page on paper: what a printed page adds at its end (the free number, the date the page last
changed, its address and a QR code that opens it again), drawn by components/printing.html and shown only
in print by printing.css. The QR code is made here, at build time, as inline SVG: no QR service is called."""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
from pathlib import Path

import segno
from markupsafe import Markup, escape

from hooks.core import cache
from hooks.core.formats import formats
from hooks.core.locale import ui

# segno would try the eight masks of the QR standard and keep the one with the fewest patterns a camera might
# misread: 6 of the 8 ms a code takes, on every page. Any mask makes a valid code that phones read (the tests
# read every kind of page's code back with zbar), so one is fixed here.
QR_MASK = 0


def qr_svg(address: str, label: str) -> str:
    """An inline SVG QR code for an address, with a text alternative (about 1 KB, 0.5 KB compressed); kept
    between builds (.cache/), so that only a new page's address is encoded."""
    svg = cache.results().result(
        "qr",
        (address, str(QR_MASK)),
        lambda: segno.make(address, error="m", mask=QR_MASK).svg_inline(
            scale=1, border=2, omitsize=True, svgclass="printing-qr__code"
        ),
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@functools.cache
def commit_dates(folder: str) -> dict[str, datetime.date]:
    """{absolute path: date of the last commit that changed it} for every file under a folder, from one
    `git log` (one call per file would cost seconds on a large site); empty outside a git checkout."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict = {}
    for entry in log.split("\x00")[1:]:
        day, *names = entry.strip().split("\n")
        for name in names:
            dates.setdefault(str(Path(top) / name), datetime.date.fromisoformat(day))
    return dates


def last_changed(path: str, docs_dir: str) -> datetime.date:
    """The date of the last commit that changed a page; its modification date if it has none yet."""
    return commit_dates(docs_dir).get(os.path.realpath(path)) or datetime.date.fromtimestamp(os.stat(path).st_mtime)


# Components whose state lives in the address's #fragment: their printed QR code is drawn in the browser.
FRAGMENT_COMPONENTS = ('data-module="estimator"',)


def follows_fragment(html: str) -> bool:
    """Whether a page's content keeps answers in its #fragment, which a QR code made at build time lacks."""
    return any(marker in html for marker in FRAGMENT_COMPONENTS)


def printing_context(address: str, source: str, docs_dir: str, locale: str, fragment: bool = False) -> dict:
    strings = ui(locale, "printing")
    return {
        "address": address,
        "qr": qr_svg(address, strings["qr_label"].format(address=address)),
        "changed": formats(locale).date(last_changed(source, docs_dir)),
        "fragment": fragment,
        "ui": strings,
    }
