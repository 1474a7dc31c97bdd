"""Shared test harness: the site built once, served on loopback, and a real Chromium driven by Playwright.

Later features reuse these fixtures: `site` (the built folder), `server` (its address), `page` (a fresh
browser tab that records every request it makes), `page_without_js`, `nginx`.

Every test belongs to one layer, a pytest marker, so that each layer runs alone (`pytest -m unit`):

| layer | what it tests | how a test is placed |
| --- | --- | --- |
| unit | plain functions and the data, without a build | a test that asks for none of the fixtures below |
| site | the built site, read as files | it asks for `site` |
| browser | what a person does, in Chromium (Playwright) | it asks for `page`, `page_without_js`, `browser` or `server` |
| nginx | the site served by Debian's nginx with the project's configuration | it asks for `nginx`, or is marked so |
| engine | whole copies of the project, built, served or run through a tool (an editor's mistakes, serve, the engines, the translations tool) | marked `@pytest.mark.engine` |

A test that copies the project (copy_project) or builds a copy (build_site) without the engine marker, or starts
nginx without the nginx one, fails and says so: the layers stay true. Tests that share a module's copy (one
served, one built) are one `xdist_group`, so that one worker makes it (`make test` shares out by group). The
site is built once for every worker of `pytest -n` (a lock file), beside the unit tests, which run first.
"""

from __future__ import annotations

import datetime
import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from hooks.components import printing
from hooks.publishing import chromium

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("fr", "nl", "en")
# The address of each language's home page, as data/languages.yml gives it.
LANGUAGES = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))
ADDRESSES = {language["code"]: language["address"] for language in LANGUAGES["languages"]}
# Every language; the essentials ones have the pages of ESSENTIALS ({own file: the full languages' file}).
ALL_LOCALES = tuple(ADDRESSES)
ESSENTIAL_LOCALES = tuple(code for code in ALL_LOCALES if code not in LOCALES)
ESSENTIALS = {entry["page"]: entry["from"] for entry in LANGUAGES["essentials"]}
# The build engine the tests run, as `make serve` and `make build` do (pyproject.toml names it once), and the
# other one, which tests/test_toolchain.py checks builds the same pages.
ENGINE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["voluntaryreturn"]["engine"]
ENGINES = ("mkdocs", "properdocs")

LAYERS = {
    "unit": "plain functions and the data, without a build",
    "site": "the built site, read as files",
    "browser": "what a person does, in Chromium (Playwright)",
    "nginx": "the site served by Debian's nginx with the project's configuration",
    "engine": "whole copies of the project, built, served or run through a tool",
}
# The fixtures that place a test in a layer, the first found deciding.
FIXTURE_LAYERS = (
    ("nginx", "nginx"),
    ("page", "browser"),
    ("page_without_js", "browser"),
    ("browser", "browser"),
    ("server", "browser"),
    ("site", "site"),
)
_RUNNING = {"layers": None}  # the layers of the test running now, for the guards in build_site and run_nginx


def pytest_configure(config):
    for name, what in LAYERS.items():
        config.addinivalue_line("markers", f"{name}: {what}")


def layers_of(item) -> list[str]:
    """The layers a test is marked with (engine and nginx, for a copy served by nginx), or the one its
    fixtures place it in."""
    marked = [marker.name for marker in item.iter_markers() if marker.name in LAYERS]
    if marked:
        return marked
    return [next((layer for fixture, layer in FIXTURE_LAYERS if fixture in item.fixturenames), "unit")]


def pytest_collection_modifyitems(items):
    for item in items:
        for layer in layers_of(item):
            item.add_marker(layer)
    # The unit tests first: they need no site, and run while the site is built beside them. Then the builds of a
    # copy, the longest tests, so that the last ones to be shared out between the workers are short and the two
    # end together. Every worker of `pytest -n` collects the same items in this same order, as it must.
    items.sort(key=lambda item: 0 if "unit" in layers_of(item) else 1 if "engine" in layers_of(item) else 2)


def pytest_collection_finish(session):
    """Once `-m` and `-k` have chosen the tests: if one needs the site, its build starts now, beside the unit tests."""
    if not session.config.option.collectonly and any("site" in item.fixturenames for item in session.items):
        _SITE_BUILD.append(
            threading.Thread(target=_build_shared_site, args=(_shared_folder(session.config),), daemon=True)
        )
        _SITE_BUILD[0].start()


_SITE_BUILD: list[threading.Thread] = []  # the build of the site started beside the unit tests, if one was


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the test's fixtures are set up: a module's fixture that builds a copy counts for its first test.
    _RUNNING["layers"] = layers_of(item)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    _RUNNING["layers"] = None


def _in_layer(wanted: str, what: str) -> None:
    running = _RUNNING["layers"]
    if running is not None and wanted not in running:
        raise AssertionError(f"this {running[0]} test {what}: mark it @pytest.mark.{wanted} (tests/conftest.py)")


# The build's Chromium, which prints the leaflets (hooks/publishing/pdfs.py reads the same variable).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The browser the tests drive: the same Chromium's headless shell (Debian's chromium-headless-shell, of the same
# version), which Playwright itself runs headless tests with. A page in a new context costs it a third of the full
# browser's processor time (248 ms against 741 ms: `python tests/benchmark.py browsers`), and the browser tests were
# most of the 12 minutes of `make test`. The leaflets a test reads are printed by the build, with CHROMIUM.
# Decision 0034.
BROWSER = os.environ.get("TEST_BROWSER", "/usr/lib/chromium/chromium-headless-shell")
# The build's own Chromium arguments (hooks/publishing/chromium.py), but for --headless, which Playwright gives itself.
CHROMIUM_ARGS = [arg for arg in chromium.ARGS if arg != "--headless"]


def build_site(
    source: Path, target: Path, publish: bool = False, engine: str = ENGINE, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`ENGINE build --strict` of a project folder; returns the finished process (tests read its output).

    The leaflet PDFs and the compressed copies take seconds: only the site that the tests serve has them."""
    _in_layer("engine", "builds a copy of the project")
    return _build(source, target, publish, engine, env)


def _build(source: Path, target: Path, publish: bool, engine: str = ENGINE, env: dict | None = None):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="1" if publish else "0", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--config-file", "mkdocs.yml", "--strict", "--site-dir", str(target)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(target: Path, kept_checks: bool = True) -> Path:
    """A copy of the project's sources, for tests that break something and build it. With the checks' results
    the project's own builds kept (.cache/checks.json, once the site is built): they are filed under the code,
    the languages and every file's text, so a copy checks again only what its test changed (a third of a
    copy's build); kept_checks=False for a test of the cache itself."""
    _in_layer("engine", "copies the project")
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "hooks", "overrides", "hosting"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    # Each page keeps the date of its last commit, which the project's build prints as its "last changed" (a copy
    # has no git history, so the build reads the file's date there): a copy then prints the project's leaflets
    # byte for byte, and finds them in a kept .cache/pdf/.
    for path, day in printing.commit_dates(str(ROOT / "docs")).items():
        copied = target / Path(path).relative_to(ROOT.resolve())
        if copied.exists():
            noon = datetime.datetime.combine(day, datetime.time(12)).timestamp()
            os.utime(copied, (noon, noon))
    checks = ROOT / ".cache" / "checks.json"
    if kept_checks and _SITE_BUILD:
        _SITE_BUILD[0].join()  # the site's build writes the checks' results a copy starts from
    if kept_checks and checks.exists():
        (target / ".cache").mkdir(exist_ok=True)
        shutil.copy(checks, target / ".cache" / "checks.json")
    return target


def edit(path: Path, change) -> None:
    """Apply change(text) -> text to a file."""
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def build_changed_copy(tmp_path: Path, *changes) -> subprocess.CompletedProcess:
    """Build a copy of the project after (file relative to the project, change(text) -> text) edits."""
    project = copy_project(tmp_path / "project")
    for relative, change in changes:
        edit(project / relative, change)
    return build_site(project, tmp_path / "out")


def data_messages(tmp_path: Path, monkeypatch, name: str, old: str, new: str, loader) -> list[str]:
    """The messages that loader(path) raises for data/<name> with one edit, as the editor would see them."""
    from hooks.core.data import DataError

    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    assert old in text, f"the case no longer matches data/{name}"
    (tmp_path / "data").mkdir()
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, tmp_path / "data" / schema.name)
    bad = tmp_path / "data" / name
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr("hooks.core.data.ROOT", tmp_path)  # file names relative to the fake project
    with pytest.raises(DataError) as error:
        loader(bad)
    assert all("\n" not in line for line in error.value.messages)
    return error.value.messages


def _shared_folder(config) -> Path:
    """The folder every worker of `pytest -n` shares (the session's own without -n)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _build_shared_site(shared: Path) -> subprocess.CompletedProcess | None:
    """Build the real site into shared/site unless a worker has: the first to take the lock builds it, the others
    wait, then find it built. Started beside the unit tests once collection is done; `site` calls it again, and
    waits for it (a failed build is tried again there, and its output shown)."""
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (shared / "site.built").exists():
            return None
        shutil.rmtree(shared / "site", ignore_errors=True)
        result = _build(ROOT, shared / "site", publish=True)
        if result.returncode == 0:
            (shared / "site.built").touch()
        return result


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The real site, built once with its PDFs and compressed copies; under `pytest -n`, by the first worker
    that needs it, in the folder all workers share."""
    shared = _shared_folder(request.config)
    result = _build_shared_site(shared)
    assert result is None or result.returncode == 0, f"the site does not build:\n{result.stdout}\n{result.stderr}"
    return shared / "site"


def html_pages(site: Path, locale: str) -> list[str]:
    """Paths of a language's pages relative to its folder ('', 'contact/', ...), without the 404 page."""
    base = site if locale == LOCALES[0] else site / locale
    found = []
    for index in base.rglob("index.html"):
        relative = index.parent.relative_to(base).as_posix()
        if locale == LOCALES[0] and relative.split("/")[0] in ALL_LOCALES[1:]:
            continue
        if relative.startswith(("assets", "search")):
            continue
        found.append("" if relative == "." else relative + "/")
    return sorted(found)


def page_url(locale: str, path: str) -> str:
    """A page's path from the site root: French at /, the others under /nl/ and /en/."""
    return ("/" if locale == LOCALES[0] else f"/{locale}/") + path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site) -> str:
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(BROWSER).exists():
        pytest.fail(f"{BROWSER} is missing: run `make test`, which installs Debian's chromium-headless-shell")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=BROWSER, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class RecordingPage:
    """A browser tab plus every request and script error of its context (its tab, and any tab a test opens
    beside it: settled_tabs)."""

    def __init__(self, context, server: str):
        self.context = context
        self.server = server
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", lambda tab: tab.on("pageerror", lambda error: self.errors.append(str(error))))
        self.tab = context.new_page()

    def open(self, path: str):
        self.tab.goto(self.server + path)
        self.tab.wait_for_load_state("load")
        return self.tab

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.server).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
        ]


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-BE", timezone_id="Europe/Brussels")
    recording = RecordingPage(context, server)
    yield recording
    context.close()
    assert not recording.errors, f"script errors: {recording.errors}"


_VIOLATIONS = """() => { window.__violations = [];
    document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def settled_tabs(context, addresses: list[str], together: int = 6):
    """(address, tab) of each address in turn, once its page has loaded and made no request for half a second
    (Playwright's networkidle), as a walk of every page needs. Tabs open `together` at a time, so that their
    half seconds of quiet pass together rather than one after another (a walk of every page took 50 s); each is
    closed when the caller takes the next."""
    for start in range(0, len(addresses), together):
        opened = []
        for address in addresses[start : start + together]:
            tab = context.new_page()
            tab.goto(address, wait_until="commit")
            opened.append((address, tab))
        for address, tab in opened:
            tab.wait_for_load_state("networkidle")
            yield address, tab
            tab.close()


def policy_watching_tab(browser, width: int, height: int):
    """(context, tab, console): a tab that records every Content-Security-Policy violation in
    window.__violations, and the console's CSP messages in console."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(f"({_VIOLATIONS})()")
    console = []
    context.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    return context, context.new_page(), console


@pytest.fixture
def page_without_js(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    recording = RecordingPage(context, server)
    yield recording
    context.close()


# --- A real nginx (Debian's package) serving the built site with the project's configuration ------------

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ipv6_loopback() -> bool:
    """Whether this machine has ::1 (some containers have no IPv6 at all)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def nginx_main_config(folder: Path, server_config: str, before: str = "") -> Path:
    """An nginx.conf like Debian's, on loopback only, that includes a server configuration; `before` goes in
    the http block ahead of the include (a stock default site, for instance)."""
    (folder / "site.conf").write_text(server_config, encoding="utf-8")
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
        + f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        + "events { worker_connections 1024; }\nhttp {\n    include /etc/nginx/mime.types;\n    access_log off;\n"
        + temp
        + f"\n{before}\n    include {folder}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    return folder / "nginx.conf"


def run_nginx(config: Path, port: int, scheme: str = "http"):
    """Start nginx with a main configuration and wait until it answers on the port; returns the process."""
    import ssl
    import time
    import urllib.request

    _in_layer("nginx", "starts nginx")
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(config.parent)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    context = ssl._create_unverified_context()
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{scheme}://127.0.0.1:{port}/", timeout=1, context=context)
        except urllib.error.HTTPError:
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode() + (config.parent / "error.log").read_text()) from None
            time.sleep(0.1)
            continue
        break
    return process


def start_nginx(site: Path, folder: Path, data: dict | None = None, **server):
    """nginx on a loopback port (IPv4, and IPv6 when the machine has it) with hosting.nginx_config for this
    site; returns (process, base address). `data` replaces data/hosting.yml, `server` nginx_config's
    arguments (listen_tls, for instance)."""
    from hooks.checks.policy import csp_hashes
    from hooks.publishing.hosting import load_hosting, nginx_config

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    listen = [f"127.0.0.1:{port}"] + ([f"[::1]:{port}"] if ipv6_loopback() else [])
    config = nginx_config(
        data or load_hosting(), csp_hashes(), root=str(site), listen=listen, brotli=BROTLI_MODULE.exists(), **server
    )
    process = run_nginx(nginx_main_config(folder, config), port)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: run `make test`, which installs Debian's nginx")
    process, base = start_nginx(site, tmp_path_factory.mktemp("nginx"))
    yield base
    process.terminate()
    process.wait(timeout=10)
