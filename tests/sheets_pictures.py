"""The pictures of the sheets in two languages on the professionals page (docs/<fr|nl|en>/sheets-*.webp).

    python tests/sheets_pictures.py        (after `make build`: it reads site/)

Each full language's page shows the sheets of one person's language with its own: French with Arabic, Dutch with
Tigrinya, English with Farsi (right to left, and a script of its own). Each picture is the top of the sheet's first
page as the site prints it: the leaflet's PDF, and the estimate and the contact page printed by sheets.js in
Chromium; drawn by pdftoppm, cropped and saved as WebP by Chromium, a few dozen KB each. Run it again when a sheet
changes its look; the page's text alternatives say what each picture shows, in its language.
"""

from __future__ import annotations

import base64
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from conftest import CHROMIUM, CHROMIUM_ARGS, page_url  # noqa: E402
from hooks.components import sheets  # noqa: E402

PEOPLE = {"fr": "ar", "nl": "ti", "en": "fa"}
ESTIMATE = "#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=no"
WIDTH = 700  # pixels: the page's column, on a screen of about twice the density
TOP = 0.42  # the part of the sheet's first page shown: its titles and first parts, side by side
QUALITY = 45


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def printed(tab, path: str, second: str, target: Path) -> None:
    """A page printed with its sheets.js sheet in a second language."""
    tab.goto(path)
    tab.wait_for_load_state("networkidle")
    if "#" in path:
        tab.locator('[data-estimator-state="result"]').wait_for()
        tab.wait_for_function("window.qrcode")
    tab.evaluate("() => { window.print = () => {}; }")
    tab.locator(f'[data-sheets-language="{second}"]').click()
    tab.locator("[data-sheets-sheet][data-sheets-ready]").wait_for(state="attached")
    tab.emulate_media(media="print")
    target.write_bytes(tab.pdf(format="A4"))
    tab.emulate_media(media="screen")


def picture(browser, pdf: Path, target: Path) -> None:
    """The top of a PDF's first page, WIDTH pixels wide, as WebP."""
    image = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, image], check=True)
    data = base64.b64encode(image.with_suffix(".png").read_bytes()).decode()
    tab = browser.new_page(viewport={"width": WIDTH, "height": 2000})
    tab.set_content(
        f'<body style="margin:0"><img style="display:block;width:{WIDTH}px" src="data:image/png;base64,{data}">'
    )
    height = round(tab.evaluate("document.images[0].getBoundingClientRect().height") * TOP)
    session = tab.context.new_cdp_session(tab)
    shot = session.send(
        "Page.captureScreenshot",
        {"format": "webp", "quality": QUALITY, "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}},
    )
    target.write_bytes(base64.b64decode(shot["data"]))
    tab.close()
    print(f"{target.relative_to(ROOT)}: {WIDTH}x{height}, {target.stat().st_size / 1024:.1f} KB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        for second, person in PEOPLE.items():
            docs = ROOT / "docs" / second
            estimate, contact = Path(folder) / f"estimate-{second}.pdf", Path(folder) / f"contact-{second}.pdf"
            printed(tab, base + page_url(person, "estimator/") + ESTIMATE, second, estimate)
            printed(tab, base + page_url(person, "contact/"), second, contact)
            picture(browser, sheets.pdf_path(site, person, second), docs / "sheets-leaflet.webp")
            picture(browser, estimate, docs / "sheets-estimate.webp")
            picture(browser, contact, docs / "sheets-page.webp")
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
