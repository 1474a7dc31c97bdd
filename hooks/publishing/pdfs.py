"""The leaflet PDFs, printed at build time by headless Chromium so that a social worker can download them: each
language's leaflet, and the leaflet sheets in two languages (components/sheets.py).

The PDFs are made by `mkdocs build`, each as soon as its page is drawn, while the build goes on; `mkdocs serve` and
PUBLISH_FILES=0 skip them. A PDF is kept in .cache/pdf/ under the hash of what Chromium reads to print it (the
page, the files it links to, Chromium itself) and its own hash: a build where none of that changed copies it,
once its bytes are checked against that hash, instead of starting Chromium again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hooks.components import sheets
from hooks.components.leaflet import MARKER, PAGE
from hooks.core.build import log
from hooks.core.cache import digest, file_digest
from hooks.core.data import DataError, display_path
from hooks.core.locale import ALL_LOCALES, ui
from hooks.core.paths import CACHE
from hooks.publishing import chromium as chromium_module
from hooks.publishing.chromium import Chromium, ChromiumError


def pdf_path(site_dir: Path, locale: str) -> Path:
    folder = Path(site_dir) / ("" if locale == ALL_LOCALES[0] else locale) / PAGE
    return folder / f"{ui(locale, 'leaflet')['pdf_name']}.pdf"


PDF_CACHE = CACHE / "pdf"
# What a page loads: the files of the site it links to (styles, scripts, images), found in its HTML.
LINKED = re.compile(r'(?:href|src)="([^"#?:]+)[^"]*"')


def print_inputs(html: Path, chromium: str) -> list[str | bytes]:
    """Everything a printed PDF depends on: the page's HTML, each site file it links to, the printing code
    (Chromium's arguments and print settings) and the Chromium binary (its path, size and date). The files
    are hashed once per build, not once per language's leaflet."""
    page = html.read_bytes()
    parts: list[str | bytes] = [page, file_digest(Path(chromium_module.__file__))]
    for link in sorted(set(LINKED.findall(page.decode("utf-8", "replace")))):
        linked = (html.parent / link).resolve()
        if linked.is_file():
            parts += [link, file_digest(linked)]
    binary = Path(chromium).resolve()
    stat = binary.stat()
    return [*parts, str(binary), str(stat.st_size), str(stat.st_mtime_ns)]


def print_pdf(html: Path, pdf: Path, browser: Chromium) -> None:
    """Print a built page to PDF: real text, the page's title and language."""
    try:
        pdf.write_bytes(browser.pdf(html))
    except ChromiumError as error:
        raise DataError([f"{pdf}: the leaflet PDF was not made. Fix: check that Chromium runs ({error})"]) from None


def kept_pdf(key: str, cache: Path = PDF_CACHE) -> bytes | None:
    """The PDF an earlier build printed from the same inputs, if it is whole: kept as KEY.HASH.pdf, where HASH is
    the hash of the PDF itself, and used only if its bytes still have that hash and read as a PDF. A damaged one
    (a PDF replaced by text was copied into the site) is removed, with a note, and printed again."""
    for kept in sorted(cache.glob(f"{key}.*.pdf")):
        data = kept.read_bytes()
        if hashlib.sha256(data).hexdigest() == kept.name.split(".")[1] and data.startswith(b"%PDF-"):
            return data
        log.info(f"{display_path(kept)}: a kept leaflet PDF is not the one printed (its hash differs); printed again")
        kept.unlink(missing_ok=True)
    return None


def print_pdf_cached(html: Path, pdf: Path, browser: Chromium, cache: Path = PDF_CACHE) -> bool:
    """print_pdf, or the same PDF printed by an earlier build from the same inputs; True when printed."""
    key = digest(*print_inputs(html, browser.binary))
    data = kept_pdf(key, cache)
    if data is not None:
        pdf.write_bytes(data)
        return False
    print_pdf(html, pdf, browser)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        kept = cache / f"{key}.{hashlib.sha256(pdf.read_bytes()).hexdigest()}.pdf"
        partial = kept.with_name(f"{kept.name}.{os.getpid()}")
        shutil.copyfile(pdf, partial)
        partial.replace(kept)  # whole or absent, even if two builds run at once
    except OSError:
        pass  # a read-only checkout builds all the same, without the cache
    return True


def find_chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_needed() -> str:
    chromium = find_chromium()
    if not chromium:
        raise DataError(
            [
                "leaflet: Chromium is needed to print the leaflet PDFs. "
                "Fix: run `make build`, which installs it, or set PUBLISH_FILES=0 to build without the PDFs."
            ]
        )
    return chromium


def print_page(html: str, pdf: Path, browser: Chromium, beside: Path | None = None) -> bool:
    """Print a page as MkDocs is about to write it, from a copy beside it (so that its links lead where the
    page's do), or beside another page (a leaflet sheet beside its person's leaflet page); print_pdf_cached's
    answer."""
    copy = (beside or pdf.parent) / f".{pdf.stem}.print.html"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(html, encoding="utf-8")
    try:
        return print_pdf_cached(copy, pdf, browser)
    finally:
        copy.unlink(missing_ok=True)


class Printer:
    """The PDFs of one build: printed by Chromium while Python builds the next languages (two processors do two
    things at once), one page after the other in one browser, started only if a PDF is not in .cache/pdf/."""

    def __init__(self):
        self.pool: ThreadPoolExecutor | None = None  # one thread, which alone talks to the browser
        self.browser: Chromium | None = None
        self.printing: list = []  # the PDFs being printed while the build goes on

    def page_written(self, html: str, dest: Path, site_dir: Path, locale: str) -> None:
        """A page as MkDocs writes it, every other change made: printed if it is the language's leaflet. The
        styles and scripts it links to are in the site already (MkDocs copies them before any page)."""
        pdf = pdf_path(site_dir, locale)
        if Path(dest).parent != pdf.parent:
            return
        self.start()
        self.printing.append(self.pool.submit(print_page, html, pdf, self.browser))

    def document_written(self, html: str, beside: Path, pdf: Path) -> None:
        """A document drawn to be printed (a leaflet sheet), from a copy beside a page of the site, whose styles
        and fonts it links to."""
        self.start()
        self.printing.append(self.pool.submit(print_page, html, pdf, self.browser, beside))

    def start(self) -> None:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=1)
            self.browser = Chromium(chromium_needed())

    def finish(self, site_dir: Path, built: list[str] | None = None) -> None:
        """Once every language is built: every PDF printed, the browser closed, and one PDF per built language."""
        printing, pool, self.printing, self.pool = self.printing, self.pool, [], None
        try:
            for job in printing:
                job.result()
        finally:
            if pool is not None:
                pool.shutdown()
            if self.browser is not None:
                self.browser.close()
                self.browser = None
        missing = [locale for locale in built or ALL_LOCALES if not pdf_path(site_dir, locale).is_file()]
        unprinted = [pair for pair in sheets.pairs(built) if not sheets.pdf_path(site_dir, *pair).is_file()]
        if unprinted and not missing:
            raise DataError(
                [
                    f"sheets: the leaflet sheets {', '.join('+'.join(pair) for pair in unprinted)} were not printed. "
                    "Fix: check that each essentials language has its leaflet page (docs/<language>/leaflet.md)."
                ]
            )
        if missing:
            raise DataError(
                [
                    f"leaflet: no leaflet page was built in {', '.join(missing)}, so no PDF. "
                    f"Fix: give each language its leaflet page ({MARKER} in docs/<language>/leaflet.md)."
                ]
            )
