"""A one-page A4 leaflet per language, drawn from the same data as the site (<!-- leaflet -->), and its PDF,
printed at build time by headless Chromium so that a social worker can download it.

The PDFs are made by `mkdocs build` once every language is built; `mkdocs serve` and PUBLISH_FILES=0 skip them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from mkdocs.plugins import event_priority

from desks import desks_data, directory_context
from estimator import current_rules, rules_context
from language import ALL_LOCALES, all_languages_built, current_locale, home_addresses, template_env, ui
from metadata import address
from printing import qr_svg
from validation import DataError

TEMPLATE = "partials/leaflet.html"
MARKER = "<!-- leaflet -->"
PAGE = "leaflet"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
]


def leaflet_context(locale: str, addresses: dict) -> dict:
    strings = ui(locale, "leaflet")
    home = address(addresses, locale, "")
    directory = directory_context(desks_data(), locale, home)
    rules = rules_context(current_rules(), locale)
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


def print_pdf(html: Path, pdf: Path, chromium: str) -> None:
    """Print a built page to PDF with headless Chromium: real text, the page's title and language."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if result.returncode != 0 or not pdf.exists():
        raise DataError(
            [
                f"{pdf}: the leaflet PDF was not made. Fix: check that Chromium runs "
                f"({chromium} said: {result.stderr.strip()[-300:]})"
            ]
        )


def find_chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


class _State:
    command = "build"


def on_startup(command, dirty):
    _State.command = command


@lru_cache(maxsize=64)
def fragment(env, locale: str, addresses: tuple) -> str:
    """The leaflet in a language, drawn once per build (env is the build's own)."""
    return env.get_template(TEMPLATE).render(**leaflet_context(locale, dict(addresses)))


def on_page_content(html, page, config, files):
    if MARKER not in html:
        return html
    addresses = tuple(sorted(home_addresses().items()))
    return html.replace(MARKER, fragment(template_env(config), current_locale(config), addresses))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    if not all_languages_built(config) or _State.command != "build" or os.environ.get("PUBLISH_FILES") == "0":
        return
    chromium = find_chromium()
    if not chromium:
        raise DataError(
            [
                "leaflet: Chromium is needed to print the leaflet PDFs. "
                "Fix: run `make build`, which installs it, or set PUBLISH_FILES=0 to build without the PDFs."
            ]
        )
    # One Chromium per language, a few at a time: seventeen one after the other would double the build.
    with ThreadPoolExecutor(max_workers=4) as pool:
        printing = [
            pool.submit(print_pdf, pdf.parent / "index.html", pdf, chromium)
            for pdf in (pdf_path(config.site_dir, locale) for locale in ALL_LOCALES)
        ]
        for job in printing:
            job.result()
