"""Every page on paper: what a printed page adds at its end (the free number, the date the page last
changed, its address and a QR code that opens it again), drawn by partials/printing.html and shown only
in print by printing.css. The QR code is made here, at build time, as inline SVG: no QR service is called."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from functools import cache
from pathlib import Path

import segno
from markupsafe import Markup, escape

from language import current_locale, long_date, ui
from validation import ROOT

QR_CACHE = ROOT / ".cache" / "qr"


def qr_svg(address: str, label: str) -> str:
    """An inline SVG QR code for an address, with a text alternative (about 1 KB, 0.5 KB compressed).

    segno picks the most readable of the eight masks, which takes ~8 ms a code: codes are kept in
    .cache/qr/ by address, so that only new pages pay it."""
    cached = QR_CACHE / (hashlib.sha256(address.encode("utf-8")).hexdigest()[:20] + ".svg")
    try:
        svg = cached.read_text(encoding="utf-8")
    except OSError:
        svg = segno.make(address, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="printing-qr__code")
        try:
            QR_CACHE.mkdir(parents=True, exist_ok=True)
            cached.write_text(svg, encoding="utf-8")
        except OSError:
            pass  # a read-only checkout builds all the same, without the cache
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@cache
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
    return commit_dates(docs_dir).get(str(Path(path).resolve())) or datetime.date.fromtimestamp(
        Path(path).stat().st_mtime
    )


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
        "changed": long_date(last_changed(source, docs_dir), locale),
        "fragment": fragment,
        "ui": strings,
    }


def on_page_context(context, page, config, nav):
    # After hooks/metadata.py, which puts the page's address in the context.
    context["printing"] = printing_context(
        context["page_address"],
        page.file.abs_src_path,
        config.docs_dir,
        current_locale(config),
        follows_fragment(page.content or ""),
    )
    return context
