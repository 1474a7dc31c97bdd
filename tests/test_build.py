"""What a build is: the day it is made for (Brussels' day, whatever TZ says; a past or future SITE_DATE only on
purpose), and `make build`, which publishes a whole site or keeps the last good one (publishing/output.py)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from hooks.core.build import site_date, today
from hooks.core.data import DataError

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
UTC = datetime.UTC


# --- The day -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, day",
    [
        ("2027-01-14T23:30", "2027-01-15"),  # winter: 00:30 in Brussels (UTC+1)
        ("2027-07-14T22:30", "2027-07-15"),  # summer: 00:30 in Brussels (UTC+2)
        ("2027-01-14T22:59", "2027-01-14"),  # 23:59 in Brussels
        ("2027-03-28T00:30", "2027-03-28"),  # the night the clocks go forward
    ],
)
def test_the_build_s_day_is_the_day_in_brussels(moment, day):
    """A build at 23:30 UTC in winter is a build of the next day: the nightly rebuild after midnight in Brussels
    published yesterday's rule set on a machine whose TZ was unset (UTC)."""
    now = datetime.datetime.fromisoformat(moment).replace(tzinfo=UTC)
    assert today(now).isoformat() == day
    assert site_date("build", {}, now=now).isoformat() == day


@pytest.mark.parametrize("zone", [None, "UTC", "Etc/GMT+12", "Etc/GMT-14", "America/Los_Angeles"])
def test_whatever_tz_the_machine_has_the_day_is_brussels(zone):
    env = {key: value for key, value in os.environ.items() if key != "TZ"} | ({"TZ": zone} if zone else {})
    script = "from hooks.core.build import today; import datetime; print(today(), datetime.date.today())"
    for _ in range(2):  # a run that straddles midnight in Brussels is tried again once
        before = datetime.datetime.now(BRUSSELS).date()
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        if datetime.datetime.now(BRUSSELS).date() == before:
            break
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == before.isoformat(), (zone, result.stdout)


def test_a_past_day_is_published_only_when_asked_for_by_name():
    """SITE_DATE=2017-09-01 published the 2017 rules as current."""
    with pytest.raises(DataError) as error:
        site_date("build", {"SITE_DATE": "2017-09-01"})
    assert error.value.messages == [
        "SITE_DATE: environment: 2017-09-01 is in the past and this is a published build (it would publish that "
        "day's rules as today's). Fix: unset SITE_DATE to build for today, preview the day with make serve, or set "
        "SITE_DATE_PAST=1 to publish a past day on purpose."
    ]
    assert site_date("build", {"SITE_DATE": "2017-09-01", "SITE_DATE_PAST": "1"}) == datetime.date(2017, 9, 1)
    assert site_date("serve", {"SITE_DATE": "2017-09-01"}) == datetime.date(2017, 9, 1), "serve previews any day"
    assert site_date("build", {"SITE_DATE": today().isoformat()}) == today(), "today is today"
    later = (today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(DataError, match=r"is in the future and this is a published build"):
        site_date("build", {"SITE_DATE": later, "SITE_DATE_PAST": "1"})  # the flag is for the past only


@pytest.mark.engine
@pytest.mark.parametrize("day, said", [("2017-09-01", "is in the past"), ("2099-01-01", "is in the future")])
def test_a_published_build_for_another_day_stops_with_its_line(tmp_path, day, said):
    result = build_site(copy_project(tmp_path / "project"), tmp_path / "out", env={"SITE_DATE": day})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-2000:]
    assert f"SITE_DATE: environment: {day} {said} and this is a published build" in output


# --- make build: the whole site, or the last good one ----------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def make_build(project: Path, **env) -> subprocess.Popen:
    """`make build`'s command in a copy of the project (PUBLISH_FILES=0: the PDFs and compressed copies are not
    what is tested here), in a session of its own, so that it can be killed whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "hooks.tools.build"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="0", **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def finished(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=300)
    return process.returncode, output


# Where a build is killed: as soon as each of these files appears in the folder it builds into.
KILL_POINTS = {
    "its first files": "assets",
    "the French pages": "faq/index.html",
    "the Dutch pages": "nl/faq/index.html",
    "the essentials languages": "ps/index.html",
    "every language, the sitemap": "sitemap.xml",
}


@pytest.mark.engine
def test_a_killed_or_failed_build_leaves_the_last_good_site_exactly_as_it_was(tmp_path):
    """site/ was rebuilt in place: killed after 70 s it held 121 of 711 files, no essentials language, no
    _hosting/ and no sitemap, which a hand-run rsync --delete would have published."""
    from hooks.publishing.output import manifest_problems

    project = copy_project(tmp_path / "project")
    (project / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    site, staging = project / "site", project / "site.next"
    code, output = finished(make_build(project))
    assert code == 0 and manifest_problems(site) == [], output[-3000:]
    good = snapshot(site)
    assert "_hosting/manifest.sha256" in good and "sitemap.xml" in good and "ps/index.html" in good

    faq = project / "docs" / "fr" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nUne phrase de la nouvelle version.\n", encoding="utf-8")
    for point, marker in KILL_POINTS.items():
        process = make_build(project)
        while not (staging / marker).exists():
            assert process.poll() is None, f"{point}: the build ended first:\n{process.stdout.read()[-2000:]}"
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, point
        assert snapshot(site) == good, f"killed after {point}: site/ changed"

    faq.write_text(faq.read_text(encoding="utf-8") + "\nTODO: the end of the answer.\n", encoding="utf-8")
    code, output = finished(make_build(project))
    assert code == 1 and "docs/fr/faq.md:" in output and "the text still holds TODO" in output, output[-3000:]
    assert output.rstrip().endswith("make build: the build failed, see above; the last good site/ is unchanged.")
    assert snapshot(site) == good and not staging.exists(), "a failed build leaves nothing behind"

    faq.write_text(faq.read_text(encoding="utf-8").replace("\nTODO: the end of the answer.\n", ""), encoding="utf-8")
    code, output = finished(make_build(project))
    assert code == 0 and output.rstrip().endswith("make build: site/ is the new build."), output[-3000:]
    assert manifest_problems(site) == [] and b"nouvelle version" in (site / "faq" / "index.html").read_bytes()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == ["site", "site.lock"]


def test_the_new_site_replaces_the_old_in_one_step_and_a_stopped_build_changes_nothing(tmp_path, monkeypatch):
    from hooks.publishing import output

    served = tmp_path / "site"

    def build(text):
        def into(folder: Path) -> None:
            folder.mkdir()
            (folder / "index.html").write_text(text, encoding="utf-8")
            output.write_manifest(folder)

        return into

    output.build_aside(served, build("one"))
    for stop in (KeyboardInterrupt, SystemExit, RuntimeError):  # Ctrl+C, a failed build, a bug

        def stopped(folder: Path, stop=stop) -> None:
            build("half")(folder)
            raise stop()

        with pytest.raises(stop):
            output.build_aside(served, stopped)
        assert (served / "index.html").read_text(encoding="utf-8") == "one" and not (tmp_path / "site.next").exists()
    output.build_aside(served, build("two"))  # with the kernel's exchange (renameat2)
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    output.build_aside(served, build("three"))  # and without it
    assert (served / "index.html").read_text(encoding="utf-8") == "three"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_make_publish_copies_only_a_whole_build(tmp_path):
    """The manifest lists every file with its hash (sha256sum's format): a missing, changed or unlisted file, or
    no manifest (a build that failed or was stopped), stops the copy, one line each."""
    from hooks.publishing import output

    site = tmp_path / "site"
    (site / "nl").mkdir(parents=True)
    for name in ("index.html", "nl/index.html", "sitemap.xml"):
        (site / name).write_text(name, encoding="utf-8")
    assert output.write_manifest(site) == 3
    assert output.manifest_problems(site) == []
    check = subprocess.run(["sha256sum", "--quiet", "--strict", "-c", output.MANIFEST], cwd=site, capture_output=True)
    assert check.returncode == 0, check.stderr
    (site / "nl" / "index.html").write_text("changed", encoding="utf-8")
    (site / "sitemap.xml").unlink()
    (site / "stray.txt").write_text("x", encoding="utf-8")
    problems = output.manifest_problems(site)
    assert [line.split(": ", 1)[1].split(".")[0] for line in problems] == [
        "not the file the build wrote (its hash differs)",
        "listed in the manifest, but missing",
        "no build wrote this file (it is not in the manifest)",
    ], problems
    assert all(line.startswith(f"{site}/") and "Fix: " in line for line in problems)
    tool = [sys.executable, "-m", "hooks.tools.manifest", "check", str(site)]
    result = subprocess.run(tool, cwd=ROOT, capture_output=True, text=True)
    assert (
        result.returncode == 1
        and result.stderr.splitlines()[-1] == f"{site}: not a whole build; nothing was published."
    )
    (site / output.MANIFEST).unlink()
    assert output.manifest_problems(site)[0].startswith(f"{site / output.MANIFEST}: no manifest, so no whole build")


def test_the_checks_of_future_dates_take_the_day_from_brussels_not_from_the_machine(tmp_path, monkeypatch):
    """A fact checked on 1 January, built at 00:30 in Brussels on a machine whose TZ says 31 December, was refused
    as "in the future": the desks', countries', rules' and stories' checks read the machine's date."""
    from hooks.components.desks import _check_dates
    from hooks.core import build
    from hooks.core.data import load_yaml

    facts = tmp_path / "facts.yml"
    facts.write_text('walk_in: {checked: "2027-01-01"}\n', encoding="utf-8")
    document = load_yaml(facts)
    monkeypatch.setattr(build, "today", lambda now=None: datetime.date(2027, 1, 1))
    assert _check_dates(document, document.data) == []
    monkeypatch.setattr(build, "today", lambda now=None: datetime.date(2026, 12, 31))
    assert [problem for problem in _check_dates(document, document.data) if "2027-01-01 is in the future" in problem]
