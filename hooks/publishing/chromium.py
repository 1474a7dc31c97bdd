"""One headless Chromium that prints pages to PDF, driven through its DevTools pipe.

`chromium --print-to-pdf` starts a browser for each PDF: a second of starting up for a third of a second of
printing, seventeen times a build. Here one browser is started (`--remote-debugging-pipe`: it reads commands,
JSON texts each ended by a NUL byte, on its file 3 and answers on its file 4, no network port) and prints each
page in a tab of its own, with the settings `--print-to-pdf` uses (the same PDF, pixel for pixel).

Plain code over the standard library: the build installs no browser-driving package (Playwright is the tests').
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import tempfile
from pathlib import Path

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What `--print-to-pdf --no-pdf-header-footer` asks: backgrounds, the page's own @page size, no header or footer.
PRINT = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}
TIMEOUT = 120  # seconds for one answer: a page that never finishes loading stops the build, not hangs it


class ChromiumError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium (`binary`), started by the first page it prints and stopped by close(); pdf(path)
    prints a page."""

    def __init__(self, binary: str):
        self.binary = binary
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True)
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the browser runs; close() closes it)
        # The shell gives the browser our pipes as its files 3 (commands) and 4 (answers).
        self.process = subprocess.Popen(
            [
                "sh",
                "-c",
                'exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null',
                self.binary,
                *ARGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )
        self.received = b""
        self.number = 0
        self.events: list[dict] = []

    def said(self) -> str:
        """The last lines Chromium wrote to its error output, for a message."""
        self.log.seek(0)
        lines = [line for line in self.log.read().decode("utf-8", "replace").splitlines() if "dbus" not in line]
        return " / ".join(lines[-3:])[-300:]

    def command(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        if self.process is None:
            self.start()
        self.number += 1
        message = {"id": self.number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self.process.stdin.write(json.dumps(message).encode("utf-8") + b"\0")
            self.process.stdin.flush()
        except OSError as error:
            raise ChromiumError(f"Chromium has stopped ({self.said() or error})") from None
        while True:
            answer = self.receive()
            if answer.get("id") == self.number:
                if "error" in answer:
                    raise ChromiumError(f"{method}: {answer['error'].get('message', answer['error'])}")
                return answer.get("result", {})
            self.events.append(answer)

    def receive(self) -> dict:
        while b"\0" not in self.received:
            ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
            chunk = os.read(self.process.stdout.fileno(), 1 << 16) if ready else None
            if chunk is None:
                raise ChromiumError(f"Chromium did not answer in {TIMEOUT} s")
            if not chunk:
                raise ChromiumError(f"Chromium has stopped ({self.said() or 'no message'})")
            self.received += chunk
        message, self.received = self.received.split(b"\0", 1)
        return json.loads(message)

    def event(self, method: str, session: str) -> dict:
        while True:
            for number, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(number)
            self.events.append(self.receive())

    def pdf(self, page: Path) -> bytes:
        """A built page (a file) printed once it has loaded, as `--print-to-pdf` prints it."""
        target = self.command("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = None
        try:
            session = self.command("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.command("Page.enable", session=session)
            loading = self.command("Page.navigate", {"url": Path(page).resolve().as_uri()}, session)
            if loading.get("errorText"):
                raise ChromiumError(f"{page}: {loading['errorText']}")
            self.event("Page.loadEventFired", session)
            data = self.command("Page.printToPDF", PRINT, session)["data"]
        finally:
            self.command("Target.closeTarget", {"targetId": target})
            self.events = [event for event in self.events if session is None or event.get("sessionId") != session]
        return base64.b64decode(data)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *error) -> None:
        self.close()

    def close(self) -> None:
        if self.process is None:
            return  # never started
        try:
            self.process.stdin.write(json.dumps({"id": 0, "method": "Browser.close"}).encode("utf-8") + b"\0")
            self.process.stdin.close()
        except OSError:
            pass  # stopped already
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.log.close()
        self.profile.cleanup()
        self.process = None
