"""A one-page A4 leaflet per language, drawn from the same data as the site (<!-- leaflet -->), and its PDF,
printed at build time by headless Chromium so that a social worker can download it.

The PDFs are made by `mkdocs build`, each as soon as its page is drawn, while the build goes on; `mkdocs serve` and
PUBLISH_FILES=0 skip them.
A PDF is kept in .cache/pdf/ under the hash of what Chromium reads to print it (the page, the files it links
to, Chromium itself): a build where none of that changed copies it instead of starting Chromium again.
"""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from mkdocs.plugins import event_priority

import chromium as chromium_module
from cache import ROOT, digest, file_digest
from chromium import Chromium, ChromiumError
from desks import desks_data, directory_context
from estimator import build_day, current_rules, in_force_context, rules_context
from language import ALL_LOCALES, all_languages_built, current_locale, home_addresses, template_env, ui
from metadata import address
from printing import qr_svg
from validation import DataError

TEMPLATE = "partials/leaflet.html"
MARKER = "<!-- leaflet -->"
PAGE = "leaflet"


def leaflet_context(locale: str, addresses: dict, rules: dict | None = None) -> dict:
    """rules: the estimator's rules_context in this language, when drawn already for the build's other pages."""
    strings = ui(locale, "leaflet")
    home = address(addresses, locale, "")
    directory = directory_context(desks_data(), locale, home)
    rules = rules_context(current_rules(), locale) if rules is None else rules
    return {
        "ui": strings,
        # The services are in the offers above; the table keeps what has an amount or a condition.
        "table": dict(
            rules["table"],
            rows=[
                row
                for row in rules["table"]["rows"]
                if row["id"] not in ("journey", "travel_documents", "airport_help")
            ],
        ),
        "rules_ui": rules["ui"],
        "date": rules["date"],
        "toll_free": directory["toll_free"],
        "desks": directory["desks"],
        "desks_ui": directory["ui"],
        "home": home,
        "qr": qr_svg(home, strings["qr_label"]),
        "pdf": f"{strings['pdf_name']}.pdf",
    }


def pdf_path(site_dir: Path, locale: str) -> Path:
    folder = Path(site_dir) / ("" if locale == ALL_LOCALES[0] else locale) / PAGE
    return folder / f"{ui(locale, 'leaflet')['pdf_name']}.pdf"


PDF_CACHE = ROOT / ".cache" / "pdf"
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


def print_pdf_cached(html: Path, pdf: Path, browser: Chromium, cache: Path = PDF_CACHE) -> bool:
    """print_pdf, or the same PDF printed by an earlier build from the same inputs; True when printed."""
    kept = cache / f"{digest(*print_inputs(html, browser.binary))}.pdf"
    if kept.is_file():
        shutil.copyfile(kept, pdf)
        return False
    print_pdf(html, pdf, browser)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}")
        shutil.copyfile(pdf, partial)
        partial.replace(kept)  # whole or absent, even if two builds run at once
    except OSError:
        pass  # a read-only checkout builds all the same, without the cache
    return True


def find_chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


class _State:
    command = "build"
    pool: ThreadPoolExecutor | None = None  # one thread, which alone talks to the browser
    browser: Chromium | None = None  # the build's one browser, which starts for the first PDF it prints
    printing: list = []  # the PDFs being printed while the build goes on


def on_startup(command, dirty):
    _State.command = command


def publishing() -> bool:
    return _State.command == "build" and os.environ.get("PUBLISH_FILES") != "0"


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


def print_page(html: str, pdf: Path, browser: Chromium) -> bool:
    """Print a page as MkDocs is about to write it, from a copy beside it (so that its links lead where the
    page's do); print_pdf_cached's answer."""
    copy = pdf.parent / ".leaflet-print.html"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(html, encoding="utf-8")
    try:
        return print_pdf_cached(copy, pdf, browser)
    finally:
        copy.unlink(missing_ok=True)


@lru_cache(maxsize=64)
def fragment(env, locale: str, addresses: tuple) -> str:
    """The leaflet in a language, drawn once per build (env is the build's own)."""
    rules = in_force_context(env, locale, build_day())
    return env.get_template(TEMPLATE).render(**leaflet_context(locale, dict(addresses), rules))


def on_page_content(html, page, config, files):
    if MARKER not in html:
        return html
    addresses = tuple(sorted(home_addresses().items()))
    return html.replace(MARKER, fragment(template_env(config), current_locale(config), addresses))


@event_priority(-500)  # last: the page as MkDocs writes it, every other hook's change made
def on_post_page(output, page, config):
    if not publishing():
        return output
    pdf = pdf_path(config.site_dir, current_locale(config))
    if Path(page.file.abs_dest_path).parent != pdf.parent:
        return output
    # Printed by Chromium while Python builds the next languages (two processors do two things at once), one
    # page after the other in one browser; the styles and scripts the page links to are in the site already
    # (MkDocs copies them before any page).
    if _State.pool is None:
        _State.pool = ThreadPoolExecutor(max_workers=1)
        _State.browser = Chromium(chromium_needed())  # started only if a PDF is not in .cache/pdf/
    _State.printing.append(_State.pool.submit(print_page, output, pdf, _State.browser))
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language, before hooks/hosting.py
def on_post_build(config):
    if not all_languages_built(config) or not publishing():
        return
    printing, pool = _State.printing, _State.pool
    _State.printing, _State.pool = [], None
    try:
        for job in printing:
            job.result()
    finally:
        if pool is not None:
            pool.shutdown()
        if _State.browser is not None:
            _State.browser.close()
            _State.browser = None
    missing = [locale for locale in ALL_LOCALES if not pdf_path(config.site_dir, locale).is_file()]
    if missing:
        raise DataError(
            [
                f"leaflet: no leaflet page was built in {', '.join(missing)}, so no PDF. "
                f"Fix: give each language its leaflet page ({MARKER} in docs/<language>/leaflet.md)."
            ]
        )
