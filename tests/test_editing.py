"""An editor's day (hooks/engine/serve.py, engine/log.py, core/build.py): `make serve` keeps the last good site, the build log shows what to act
on, SITE_DATE and SITE_TIME preview a moment, and a scheduled rebuild brings dated changes on their day."""

from __future__ import annotations

import datetime
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import ROOT, copy_project, free_port
from hooks.core.build import preview, served_languages, site_time
from hooks.core.data import DataError
from hooks.core.locale import DAYS, ui
from hooks.engine.log import Quiet
from hooks.engine.serve import build_aside

BRUSSELS = ZoneInfo("Europe/Brussels")


# --- make serve in a copy of the project ----------------------------------------------------------


class Serve:
    """`make serve` as an editor runs it, in a copy of the project on a free port; its terminal read line by line."""

    def __init__(self, project: Path, **environment: str):
        self.project, self.port, self.lines = project, free_port(), []
        shutil.copy(ROOT / "Makefile", project / "Makefile")
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        (project / ".venv").symlink_to((ROOT / ".venv").resolve())
        # -o: the packages are installed already (make would otherwise compare the locks' dates).
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", ".venv/.site", "serve", f"SERVE_ADDRESS=127.0.0.1:{self.port}"],
            cwd=project,
            env={**os.environ, **environment},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, start: int = 0, timeout: float = 60) -> int:
        """The index of the first terminal line from `start` on that matches; fails after `timeout` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for index in range(start, len(self.lines)):
                if re.search(pattern, self.lines[index]):
                    return index
            assert self.process.poll() is None, "serve stopped:\n" + "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "\n".join(self.lines[start:]))

    def get(self, path: str, timeout: float = 30) -> tuple[int, str, float]:
        """(status, text, seconds) of a request to the served site."""
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8"), time.monotonic() - started

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)  # Ctrl+C in the terminal: make, watchmedo and serve
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def toll_free_moments() -> tuple[datetime.datetime, datetime.datetime]:
    """A moment of the coming week when the free line is open by data/desks.yml, and one when it is closed."""
    hours = yaml.safe_load((ROOT / "data" / "desks.yml").read_text(encoding="utf-8"))["toll_free"]["hours"]["value"]
    today = datetime.datetime.now(BRUSSELS).replace(hour=0, minute=0, second=0, microsecond=0)
    moments = [today + datetime.timedelta(days=day, minutes=30 * half) for day in range(1, 8) for half in range(48)]

    def is_open(moment):
        clock = moment.strftime("%H:%M")
        return any(DAYS[moment.weekday()] in slot["days"] and slot["from"] <= clock < slot["to"] for slot in hours)

    return next(m for m in moments if is_open(m)), next(m for m in moments if not is_open(m))


OPEN, CLOSED = toll_free_moments()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    serve = Serve(
        copy_project(tmp_path_factory.mktemp("serve")),
        SITE_DATE=OPEN.date().isoformat(),
        SITE_TIME=OPEN.strftime("%H:%M"),
    )
    try:
        serve.wait_for(r"Serving on http://127\.0\.0\.1:", timeout=180)
        yield serve
    finally:
        serve.stop()


@pytest.mark.engine
@pytest.mark.browser
@pytest.mark.xdist_group("served")
def test_serve_shows_open_now_for_the_moment_of_SITE_DATE_and_SITE_TIME(served, browser):
    context = browser.new_context(timezone_id="Europe/Brussels")
    tab = context.new_page()
    tab.clock.set_fixed_time(CLOSED)  # the visitor's clock says closed: the previewed moment must win
    tab.goto(f"http://127.0.0.1:{served.port}/en/contact/")
    shown = tab.locator(".desks-toll-free-block [data-desks-open]").inner_text()
    context.close()
    assert shown == ui("en", "toll_free")["open_now"], f"at {OPEN:%A %H:%M}"


@pytest.mark.engine
@pytest.mark.xdist_group("served")
def test_serve_previews_the_three_full_languages_and_says_how_to_see_the_others(served):
    assert any(re.search(r"Previewing fr nl en \(3 of 17 languages.*SITE_LANGUAGES=all", line) for line in served.lines)
    assert served.get("/en/journey/")[0] == 200 and served.get("/nl/")[0] == 200
    with pytest.raises(urllib.error.HTTPError) as missing:
        served.get("/ps/")
    assert missing.value.code == 404


@pytest.mark.engine
@pytest.mark.xdist_group("served")
def test_a_failed_rebuild_keeps_serving_the_last_good_site_with_a_one_line_message(served):
    page = served.project / "docs" / "en" / "journey.md"
    good = page.read_text(encoding="utf-8")
    status, before, _ = served.get("/en/journey/")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", before).group(1)
    assert status == 200
    try:
        for mistake, says in [
            ("TODO: ask Fedasil.", r"page: the text still holds TODO\. Fix: \w"),
            ("<!-- desk -->", r"page: <!-- desk --> is not a marker the site knows\. Fix: use one of "),
        ]:
            start = len(served.lines)
            page.write_text(good + f"\n{mistake}\n", encoding="utf-8")
            error = served.wait_for(rf"docs/en/journey\.md:\d+: {says}", start)
            served.wait_for(r"Not rebuilt: the browser keeps the last good version", error)
            status, during, seconds = served.get("/en/journey/")
            assert served.process.poll() is None
            assert status == 200 and title in during and mistake not in during
            assert seconds < 1, f"the last good page took {seconds:.1f} s"
            assert not [line for line in served.lines[start:] if "Traceback" in line]
        start = len(served.lines)
        page.write_text(good + "\nA sentence added by the editor.\n", encoding="utf-8")
        served.wait_for(r"Rebuilt in [\d.]+ s\.", start)
        status, after, _ = served.get("/en/journey/")
        assert status == 200 and "A sentence added by the editor." in after
    finally:
        page.write_text(good, encoding="utf-8")


@pytest.mark.engine
def test_a_first_build_that_fails_keeps_serve_waiting_for_the_fix_and_a_changed_hook_restarts_it(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "fr" / "faq.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\nTODO\n", encoding="utf-8")
    serve = Serve(project)
    try:
        failed = serve.wait_for(r"Not built: fix the problem above and save", timeout=180)
        assert any(
            re.search(r"docs/fr/faq\.md:\d+: page: the text still holds TODO\. Fix: ", line)
            for line in serve.lines[:failed]
        )
        serve.wait_for(r"Serving on", failed)  # under watchmedo, an exit would start it again and again
        page.write_text(good, encoding="utf-8")
        rebuilt = serve.wait_for(r"Rebuilt in", failed, timeout=180)  # a whole build, on a busy machine
        assert serve.get("/faq/")[0] == 200
        # MkDocs keeps a hook's old code: watchmedo starts serve again, which builds from the start.
        hook = project / "hooks" / "components" / "typography.py"
        hook.write_text(hook.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        serve.wait_for(r"Serving on", serve.wait_for(r"Built in", rebuilt, timeout=180))
        assert serve.get("/faq/")[0] == 200
    finally:
        serve.stop()


def test_build_aside_replaces_the_served_folder_only_when_the_build_succeeds(tmp_path):
    served = tmp_path / "site"
    served.mkdir()
    (served / "index.html").write_text("good", encoding="utf-8")

    def failing(folder):
        folder.mkdir()
        (folder / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("the build stopped")

    with pytest.raises(RuntimeError):
        build_aside(served, failing)
    assert (served / "index.html").read_text(encoding="utf-8") == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    build_aside(served, lambda folder: folder.mkdir() or (folder / "index.html").write_text("new", encoding="utf-8"))
    assert (served / "index.html").read_text(encoding="utf-8") == "new"
    for _ in range(100):  # the old site is removed in the background
        if sorted(p.name for p in tmp_path.iterdir()) == ["site"]:
            break
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- The build log --------------------------------------------------------------------------------


def mkdocs_build(project: Path, **environment: str) -> list[str]:
    """The lines a build prints. The theme's end-of-life banner is left out (README answers it): these are
    the build's own lines."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PUBLISH_FILES": "0", **environment}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


@pytest.mark.engine
def test_a_build_prints_one_final_line(tmp_path):
    lines = mkdocs_build(copy_project(tmp_path / "project"))
    assert len(lines) == 1 and re.fullmatch(r"INFO +- +Documentation built in [\d.]+ seconds", lines[0]), lines


@pytest.mark.engine
def test_a_warning_still_shows_and_verbose_shows_everything(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "  - housing.md\n", encoding="utf-8"
    )
    quiet = mkdocs_build(project)
    assert any(line.startswith("WARNING") and "'housing.md'" in line for line in quiet), quiet
    assert not [line for line in quiet if line.startswith("INFO")], quiet
    verbose = mkdocs_build(project, VERBOSE="1")
    assert any("Building 'nl' documentation" in line for line in verbose), verbose
    assert len(verbose) > len(quiet) + 10


def test_the_quiet_log_lets_through_what_an_editor_acts_on():
    def shown(command, level, text, name="mkdocs.commands.build"):
        return Quiet(command).filter(logging.LogRecord(name, level, "", 0, text, None, None))

    assert shown("build", logging.INFO, "Documentation built in 3.20 seconds")
    assert not shown("build", logging.INFO, "Cleaning site directory")
    assert not shown("build", logging.INFO, "mkdocs_static_i18n: Overriding 'nl' config 'copyright' with '...'")
    assert shown("build", logging.WARNING, "A reference to 'x.md' is included in the 'nav' configuration")
    assert shown("build", logging.ERROR, "docs/en/faq.md:3: page: the text still holds TODO. Fix: write it.")
    assert not shown("build", logging.ERROR, "Error reading page 'en/faq.md':")  # the line above follows it
    assert shown("serve", logging.INFO, "[10:00:00] Serving on http://127.0.0.1:8000/", "mkdocs.livereload")
    assert not shown("serve", logging.INFO, "[10:00:02] Reloading browsers", "mkdocs.livereload")
    assert shown("serve", logging.INFO, "Rebuilt in 1.2 s.", "mkdocs.editing")


# --- The moment the site shows --------------------------------------------------------------------


def test_a_previewed_moment_is_for_serve_only():
    assert preview("serve", {"SITE_DATE": "2027-01-04", "SITE_TIME": "10:30"}) == {"day": "2027-01-04", "time": "10:30"}
    assert preview("serve", {"SITE_TIME": "16:00"}) == {"time": "16:00"}
    assert preview("serve", {}) == {}
    # A build for a past day uses that day's rules; what is open now is still the visitor's own moment.
    assert preview("build", {"SITE_DATE": "2023-05-01", "SITE_DATE_PAST": "1"}) == {}
    with pytest.raises(
        DataError, match=r"^SITE_TIME: environment: 10:30 would freeze the time of a published build\. Fix: "
    ):
        preview("build", {"SITE_TIME": "10:30"})
    with pytest.raises(
        DataError, match=r'^SITE_TIME: environment: "10h30" is not a time of day\. Fix: write SITE_TIME=HH:MM'
    ):
        site_time("serve", {"SITE_TIME": "10h30"})


# --- The languages serve builds ------------------------------------------------------------------------

KNOWN, FULL = ["fr", "nl", "en", "ar", "ps"], ["fr", "nl", "en"]


def test_serve_builds_the_full_languages_and_a_published_build_all():
    """A rebuild of 17 languages takes seconds: serve builds the three that editors write unless asked."""
    assert served_languages("serve", KNOWN, FULL, {}) == FULL
    assert served_languages("build", KNOWN, FULL, {}) == KNOWN
    assert served_languages("build", KNOWN, FULL, {"SITE_LANGUAGES": "ps"}) == KNOWN  # never fewer in a publication
    assert served_languages("serve", KNOWN, FULL, {"SITE_LANGUAGES": "all"}) == KNOWN


def test_serve_builds_the_languages_asked_and_always_the_default_one():
    assert served_languages("serve", KNOWN, FULL, {"SITE_LANGUAGES": "ps"}) == ["fr", "ps"]
    assert served_languages("serve", KNOWN, FULL, {"SITE_LANGUAGES": "ar, en"}) == ["fr", "en", "ar"]
    with pytest.raises(
        DataError, match=r"^SITE_LANGUAGES: environment: xx: no such language in data/languages\.yml\. Fix"
    ):
        served_languages("serve", KNOWN, FULL, {"SITE_LANGUAGES": "fr xx"})


# --- The scheduled rebuild ------------------------------------------------------------------------


def test_the_scheduled_rebuild_runs_make_build_just_after_midnight_in_brussels():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "rebuild.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons
    for cron in crons:
        minute, hour, *every = cron.split()
        assert every == ["*", "*", "*"], f"{cron}: not every day"
        for month in (1, 7):  # winter and summer time
            run = datetime.datetime(2027, month, 15, int(hour), int(minute), tzinfo=datetime.UTC)
            local = run.astimezone(BRUSSELS)
            assert local.date() == datetime.date(2027, month, 16) and local.hour < 3, f"{cron} runs at {local}"
    jobs = list(workflow["jobs"].values())
    from hooks.core.build import ZONE

    assert ZONE == "Europe/Brussels"  # the build's "today", whatever TZ the runner has (tests/test_build.py)
    steps = [step.get("run", "") for job in jobs for step in job["steps"]]
    assert any(re.search(r"^make build$", run, re.M) for run in steps), steps
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^OnCalendar=\*-\*-\* 00:05:00 Europe/Brussels$", readme, re.M)
    assert re.search(r"^ExecStart=/usr/bin/make build$", readme, re.M)
