"""The engine patches (hooks/engine/: the theme listed and copied once, each page's translations found once per
language) make the site the engines make without them, file for file and byte for byte; and on another version
of the engine, or ENGINE_PATCHES=0, they are off and say so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project


def site_files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.engine
def test_the_site_is_the_same_without_the_engine_patches(tmp_path):
    """The same build with ENGINE_PATCHES=0, as on an engine version the patches were not written for."""
    project = copy_project(tmp_path / "project")
    with_patches = build_site(project, tmp_path / "with")
    assert with_patches.returncode == 0, with_patches.stderr[-3000:]
    assert "patches are off" not in with_patches.stdout + with_patches.stderr
    without = build_site(project, tmp_path / "without", env={"ENGINE_PATCHES": "0"})
    assert without.returncode == 0, without.stderr[-3000:]
    said = [line for line in (without.stdout + without.stderr).splitlines() if "ENGINE_PATCHES=0" in line]
    assert len(said) == 1, without.stdout + without.stderr

    ours, theirs = site_files(tmp_path / "with"), site_files(tmp_path / "without")
    assert sorted(ours) == sorted(theirs), (
        f"only with the patches: {sorted(set(ours) - set(theirs))[:10]}, "
        f"only without: {sorted(set(theirs) - set(ours))[:10]}"
    )
    assert len([name for name in ours if name.endswith(".html")]) > 140  # every language's pages
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"the engine patches change these files: {differ[:10]}"


def test_another_engine_version_turns_every_patch_off_with_one_line(monkeypatch, caplog):
    from hooks.engine import versions

    versions.allowed.cache_clear()
    monkeypatch.setattr(versions, "WRITTEN_FOR", dict(versions.WRITTEN_FOR, mkdocs="1.6.0"))
    with caplog.at_level("INFO", logger="mkdocs.editing"):
        assert not any(versions.patches_on(patch) for patch in versions.PATCHES)
    versions.allowed.cache_clear()
    monkeypatch.undo()
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1 and "mkdocs 1.6.1 (written for 1.6.0)" in lines[0], lines
    assert versions.patches_on("theme"), "the pinned versions turn them on again"


I18N_FIELDS = ("src_uri", "dest_uri", "abs_dest_path", "url", "name", "locale", "locale_alternate_of", "localization")


def i18n_fields(file) -> tuple:
    fields = tuple(getattr(file, name) for name in I18N_FIELDS)
    return fields + (file.norm_src_uri, sorted(file.alternates), file.inclusion, file.src_dir, file.dest_dir)


def test_each_file_of_each_language_s_build_is_the_one_the_plugin_makes():
    """engine.i18n_file against mkdocs-static-i18n's own create_i18n_file, for every file of the site and a few
    that it does not have (a README, a file at the top, a folder named like a language that is not one of ours),
    as seen from each language's build."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, get_files
    from mkdocs_static_i18n import folder
    from mkdocs_static_i18n.config import RE_LOCALE

    from hooks.engine.i18n import i18n_file

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    files = list(get_files(config))
    files += [
        File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        for path in ("README.md", "fr/README.md", "nl/guide/README.md", "robots.txt", "de/page.md", "pt-BR/a.md", "fr")
    ]
    languages = ["fr", "nl", "en", "ar", "zh"]
    plugins_own = getattr(folder.create_i18n_file, "original", folder.create_i18n_file)  # once engine.py ran
    made = 0
    for current in languages:
        for file in files:
            theirs = plugins_own(file, current, "fr", languages, config)
            ours = i18n_file(File, RE_LOCALE, file, current, "fr", languages, config)
            assert i18n_fields(ours) == i18n_fields(theirs), file.src_uri
            assert ours.alternates[current] is ours
            made += 1
    assert made > 5 * 150


# Builds as `make serve` makes them (mkdocs/commands/serve.py: the configuration read again for each), in one
# process: a first build, then, for each edit given (file, text replaced, its replacement; nothing replaced:
# added at the end), the edit and a rebuild, each build made in one folder and moved, as editing.build_aside
# does. Prints, for each rebuild, how many pages
# kept the last build's Markdown conversion and how many the last build's drawing.


def script_result(script: str, cwd: Path, site: Path):
    """The value a Python script that drives MkDocs prints on its last line (a build without the PDFs)."""
    import ast

    result = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=cwd,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="0"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


DOUBLE_LOAD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
build(config)
import hooks.tools.translations, hooks.tools.serve, hooks.tools.spelling, hooks.tools.readability, hooks.tools.scaffold
by_file = {}
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if "/hooks/" in path:
        by_file.setdefault(path, []).append(name)
print(repr(by_file))
"""


@pytest.mark.engine
def test_no_module_of_the_package_is_loaded_under_two_names(tmp_path):
    """MkDocs loads a hook file by its path ("hooks/events.py"); a module imported as well under another name
    would be a second copy with its own state. After a whole build and the tools' imports, each file of hooks/
    is one module, under one name."""
    by_file = script_result(DOUBLE_LOAD, ROOT, tmp_path / "site")
    twice = {path: names for path, names in by_file.items() if len(names) > 1}
    assert not twice, f"loaded under two names: {twice}"
    package = {Path(path).relative_to(ROOT).as_posix() for path in by_file}
    assert {"hooks/events.py", "hooks/core/locale.py", "hooks/components/estimator.py"} <= package
    assert by_file[str(ROOT / "hooks" / "events.py")] == ["hooks/events.py"]


REBUILDS = """
import gc, os, sys
from pathlib import Path
import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

page, site = Path("docs/en/journey.md"), sys.argv[1]
counts = []
for number in range(6):
    config = load_config(config_file="mkdocs.yml", site_dir=site)
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    gc.collect()
    counts.append(sum(isinstance(thing, jinja2.Environment) for thing in gc.get_objects()))
print(counts)
"""


@pytest.mark.engine
def test_rebuilds_under_serve_keep_no_old_template_environment(tmp_path):
    """Under make serve every rebuild loads mkdocs.yml again and makes new environments: ours keeps the
    current build's only (it kept one more per rebuild: 2 -> 9 after 8 rebuilds)."""
    counts = script_result(REBUILDS, copy_project(tmp_path / "project"), tmp_path / "site")
    assert counts[-1] <= counts[1], f"environments alive after each rebuild: {counts}"
