"""The toolchain: what `make serve` and `make test` install (pyproject.toml's groups, locked with hashes in
requirements/), the second build engine, the linter and formatter, and the files' encoding (.editorconfig)."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from conftest import ENGINE, ENGINES, ROOT, build_site

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
GROUPS = PYPROJECT["dependency-groups"]
LOCK = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def normalized(name: str) -> str:
    """A package's name as package indexes compare them (PEP 503): Jinja2 and jinja2 are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def group_pins(group: str) -> dict[str, str]:
    """name -> version of what a dependency group asks for directly, with the groups it includes."""
    pins = {}
    for entry in GROUPS[group]:
        if isinstance(entry, dict):
            pins |= group_pins(entry["include-group"])
        else:
            name, version = entry.split("==")
            pins[normalized(name)] = version
    return pins


def lock_entries(path) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) of every package of a lock file."""
    entries, name = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if found := LOCK.match(line):
            name = normalized(found[1])
            entries[name] = (found[2], frozenset())
        elif name and (found := re.search(r"--hash=(\S+)", line)):
            entries[name] = (entries[name][0], entries[name][1] | {found[1]})
    return entries


def dry_run(folder, target: str) -> list[str]:
    """The commands `make -n TARGET` would run in a folder; make's own variables from a surrounding `make
    test` are left out so that they do not change what this make decides."""
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(["make", "-n", target], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def fresh_clone(tmp_path):
    """The files that decide what the Makefile installs, in a folder without any virtual environment."""
    for name in ("Makefile", "pyproject.toml", "requirements-pip.txt", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def installed_locks(commands: list[str]) -> list[str]:
    """The lock files that pip installs from in these commands, each install checked against its hashes."""
    locks = []
    for command in commands:
        if " pip install " in command:
            assert "--require-hashes" in command and "--no-deps" in command, (
                f"an install that is not hash-checked: {command}"
            )
            locks += re.findall(r"-r (\S+)", command)
    return locks


# --- Packaging ----------------------------------------------------------------------------------------------


def test_make_serve_on_a_fresh_clone_installs_no_test_tool(tmp_path):
    commands = dry_run(fresh_clone(tmp_path), "serve")
    locks = installed_locks(commands)
    assert locks == ["requirements-pip.txt", "requirements/site.txt"], locks
    installed = set()
    for lock in locks:
        installed |= set(lock_entries(tmp_path / lock))
    tools = (set(group_pins("test")) | set(group_pins("dev"))) - set(group_pins("site"))
    assert {"pytest", "playwright", "ruff"} <= tools
    assert not installed & tools, f"make serve would install the tests' tools {sorted(installed & tools)}"
    # ...and still what the site needs: the engine it serves with and the server's restarter.
    assert {ENGINE, "mkdocs-material", "mkdocs-static-i18n", "watchdog"} <= installed
    # hooks/engine/serve.py: MkDocs' own server, building aside so that a failed build keeps the last good site.
    assert any("-m hooks.tools.serve" in command for command in commands), commands


def test_make_test_installs_the_site_and_the_tests_tools(tmp_path):
    locks = installed_locks(dry_run(fresh_clone(tmp_path), "test"))
    assert locks == ["requirements-pip.txt", "requirements/site.txt", "requirements/test.txt"], locks
    assert set(group_pins("test")) <= set(lock_entries(tmp_path / "requirements/test.txt"))


def test_installing_again_does_nothing_until_a_lock_changes(tmp_path):
    folder = fresh_clone(tmp_path)
    (folder / ".venv").mkdir()
    for marker in (".pip", ".site", ".test"):
        (folder / ".venv" / marker).touch()
    assert installed_locks(dry_run(folder, "serve")) == []
    assert installed_locks(dry_run(folder, "test")) == []
    (folder / "requirements" / "test.txt").touch()
    assert installed_locks(dry_run(folder, "serve")) == []
    assert installed_locks(dry_run(folder, "test")) == ["requirements/test.txt"]


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_lock_holds_the_versions_pyproject_asks_for(group):
    locked = lock_entries(ROOT / "requirements" / f"{group}.txt")
    stale = {
        name: (version, locked.get(name, ("missing",))[0])
        for name, version in group_pins(group).items()
        if locked.get(name, ("missing",))[0] != version
    }
    assert not stale, f"requirements/{group}.txt is older than pyproject.toml (asked, locked): {stale}. Fix: make pins"
    assert all(hashes for _, hashes in locked.values()), f"requirements/{group}.txt has a package without its hashes"


def test_the_tests_run_the_very_packages_editors_build_with():
    site = lock_entries(ROOT / "requirements" / "site.txt")
    test = lock_entries(ROOT / "requirements" / "test.txt")
    differ = {
        name: (entry[0], test.get(name, ("missing",))[0]) for name, entry in site.items() if test.get(name) != entry
    }
    assert not differ, (
        f"requirements/test.txt pins these otherwise than requirements/site.txt: {differ}. Fix: make pins"
    )


# --- Where it is deployed: Debian 12's Python 3.11.2 ---------------------------------------------------------

LOWEST_PYTHON = re.match(r">=([0-9.]+),", PYPROJECT["project"]["requires-python"])[1]


def installed_metadata(name: str, group: str):
    """The metadata of a locked package as installed: in the tests' environment (site and test), or in make pins'
    own (dev, .cache/uv), or None where that group is not installed here."""
    from importlib import metadata

    if group == "dev":
        found = list((ROOT / ".cache" / "uv" / "lib").glob("python3*/site-packages"))
        if not found:
            return None
        paths = [str(path) for path in found]
        return next(iter(metadata.distributions(name=name, path=paths)), None)
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def test_the_lowest_python_is_debian_12_s_everywhere_it_is_written():
    assert LOWEST_PYTHON == "3.11.2"
    assert "--python-version $(PYTHON_MIN)" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "3.11.2" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_locked_package_runs_on_the_lowest_python(group):
    """Each pin's own Requires-Python (its installed metadata) admits 3.11.2: pymdown-extensions 13 asked for 3.11.5,
    and the nightly rebuild on Debian 12 could not install."""
    from packaging.specifiers import SpecifierSet

    refused, unread = {}, []
    for name, (version, _) in lock_entries(ROOT / "requirements" / f"{group}.txt").items():
        found = installed_metadata(name, group)
        if found is None or found.version != version:
            unread.append(name)
            continue
        wanted = found.metadata.get("Requires-Python")
        if wanted and not SpecifierSet(wanted).contains(LOWEST_PYTHON):
            refused[f"{name}=={version}"] = wanted
    assert not refused, (
        f"requirements/{group}.txt: these need another Python than {LOWEST_PYTHON}: {refused}. Fix: pin an older version in pyproject.toml, then make pins"
    )
    if unread:
        assert group == "dev", f"requirements/{group}.txt: not installed as locked here: {unread}. Fix: make install"
        pytest.skip(f"make pins' own tools are not installed here ({len(unread)} packages): make pins installs them")


def test_the_makefile_checks_the_python_first_in_one_line(tmp_path):
    """A Python older than 3.11.2 (or none, or 3.12) stops make before anything is installed, with one line."""
    (tmp_path / "clone").mkdir()
    (tmp_path / "real").mkdir()
    folder = fresh_clone(tmp_path / "clone")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python3"
    fake.write_text('#!/bin/sh\n[ "$1" = "-V" ] && echo "Python 3.11.1"\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    for target in ("build", "serve", "pins", "test"):
        result = subprocess.run(["make", target], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and not (folder / ".venv").exists(), target
        lines = result.stderr.strip().splitlines()
        assert lines[0] == (
            "make: Python 3.11.2 or a later 3.11 is needed, and python3 is Python 3.11.1. Fix: install Debian 12's "
            "python3 and python3-venv, or put a Python 3.11 first on PATH."
        ), result.stderr
    env["PATH"] = os.environ["PATH"]
    real = subprocess.run(["make", "python-version"], cwd=fresh_clone(tmp_path / "real"), env=env, capture_output=True)
    assert (real.returncode, real.stdout, real.stderr) == (0, b"", b""), "the machine's own python3 passes silently"


def test_make_build_installs_what_a_build_needs_and_nothing_of_the_tests(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "test").mkdir()
    commands = "\n".join(dry_run(fresh_clone(tmp_path / "build"), "build"))
    assert installed_locks(commands.splitlines()) == ["requirements-pip.txt", "requirements/site.txt"]
    for needed in ("chromium", "fonts-noto-core", "fonts-noto-cjk"):
        assert needed in commands, needed
    for test_tool in ("nginx", "default-jre", "npm", "apache2-utils", "zbar", "hunspell", "poppler", "npm ci"):
        assert test_tool not in commands, f"make build would install {test_tool}"
    assert "-m hooks.tools.build" in commands, "the site is built aside and swapped in whole"
    test_commands = "\n".join(dry_run(fresh_clone(tmp_path / "test"), "test"))
    assert "nginx-light" in test_commands and "chromium" in test_commands


# --- Two engines, one site -----------------------------------------------------------------------------------


def main_content(html: str) -> str:
    """What a visitor reads of a built page: its title and its <main> (the article and the navigation)."""
    title = re.search(r"<title>.*?</title>", html, re.S)
    main = re.search(r"<main\b.*?</main>", html, re.S)
    return (title[0] if title else "") + "\n" + (main[0] if main else html)


@pytest.mark.engine
def test_the_other_engine_builds_the_same_pages(tmp_path):
    other = next(engine for engine in ENGINES if engine != ENGINE)
    sites = {}
    for engine in (ENGINE, other):
        result = build_site(ROOT, tmp_path / engine, engine=engine)
        assert result.returncode == 0, f"{engine} does not build the site:\n{result.stderr[-3000:]}"
        sites[engine] = tmp_path / engine
    files = {
        engine: sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
        for engine, site in sites.items()
    }
    assert files[other] == files[ENGINE], (
        f"{other} builds other files than {ENGINE}: only in {other}: {sorted(set(files[other]) - set(files[ENGINE]))}, "
        f"only in {ENGINE}: {sorted(set(files[ENGINE]) - set(files[other]))}"
    )
    pages = [name for name in files[ENGINE] if name.endswith(".html")]
    assert len(pages) > 60
    for name in pages:
        ours, theirs = (main_content((sites[engine] / name).read_text(encoding="utf-8")) for engine in (ENGINE, other))
        if ours != theirs:
            diff = "\n".join(
                list(difflib.unified_diff(ours.splitlines(), theirs.splitlines(), ENGINE, other, lineterm=""))[:20]
            )
            pytest.fail(f"{name}: {other} draws the page otherwise than {ENGINE}:\n{diff}")


# Where code meets the engine: an event function, an import from MkDocs, the i18n plugin or the theme, or a read of
# the configuration's plugins or theme.
ENGINE_TOUCH = re.compile(
    r"^def on_[a-z_]+\(|^\s*(from|import) (mkdocs|mkdocs_static_i18n|material|properdocs)\b|config\.plugins|config\.theme",
    re.M,
)


def test_only_the_adapter_and_the_engine_folder_meet_the_engine():
    """The rest of hooks/ is plain code that knows nothing of MkDocs: a move to another engine rewrites
    hooks/events.py and hooks/engine/ only (README, "How the site is built")."""
    found = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "hooks").rglob("*.py")
        if ENGINE_TOUCH.search(path.read_text(encoding="utf-8"))
    )
    outside = [name for name in found if name != "hooks/events.py" and not name.startswith("hooks/engine/")]
    assert not outside, f"{outside} meet the engine: move that code to hooks/engine/ or hooks/events.py"
    assert "hooks/events.py" in found and any(name.startswith("hooks/engine/") for name in found)


# --- Lint, format, and what .editorconfig promises ------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_finds_nothing_in_the_code(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--output-format", "concise", "hooks", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"ruff {' '.join(command)} hooks tests:\n{result.stdout}{result.stderr}"
        "Fix: .venv/bin/ruff check --fix hooks tests; .venv/bin/ruff format hooks tests"
    )


def test_text_files_are_utf8_with_unix_line_ends_and_a_final_newline():
    listed = subprocess.run(
        [
            "git",
            "ls-files",
            "-z",
            "*.md",
            "*.yml",
            "*.py",
            "*.js",
            "*.css",
            "*.html",
            "*.json",
            "*.toml",
            "*.txt",
            "Makefile",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    files = [name for name in listed.stdout.decode().split("\0") if name and (ROOT / name).exists()]
    assert len(files) > 50, listed.stderr
    problems = []
    for name in files:
        data = (ROOT / name).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"{name}: not UTF-8 at byte {error.start}")
        if b"\r" in data:
            problems.append(f"{name}: Windows line ends (CRLF)")
        if data and not data.endswith(b"\n"):
            problems.append(f"{name}: no newline at the end")
    assert not problems, "\n".join(problems) + "\nFix: an editor that reads .editorconfig saves files this way"
