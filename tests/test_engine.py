"""hooks/engine.py does once per build what MkDocs and mkdocs-static-i18n did once per language: the site it makes
is the one they make without it, file for file and byte for byte."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, build_site, copy_project, edit


def site_files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_site_is_the_same_without_the_engine_shortcuts(tmp_path):
    project = copy_project(tmp_path / "project")
    with_shortcuts = build_site(project, tmp_path / "with")
    assert with_shortcuts.returncode == 0, with_shortcuts.stderr[-3000:]
    edit(project / "mkdocs.yml", lambda text: re.sub(r"\n  - hooks/engine\.py\n", "\n", text))
    assert "hooks/engine.py" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    without = build_site(project, tmp_path / "without")
    assert without.returncode == 0, without.stderr[-3000:]

    ours, theirs = site_files(tmp_path / "with"), site_files(tmp_path / "without")
    assert sorted(ours) == sorted(theirs), (
        f"only with hooks/engine.py: {sorted(set(ours) - set(theirs))[:10]}, "
        f"only without: {sorted(set(theirs) - set(ours))[:10]}"
    )
    assert len([name for name in ours if name.endswith(".html")]) > 140  # every language's pages
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"hooks/engine.py changes these files: {differ[:10]}"


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

    from engine import i18n_file

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
# process: a first build, then, for each edit given (file, text added), the edit and a rebuild. Prints how
# many pages each rebuild took from the last build's Markdown conversion.
SERVE_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, edits = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]

def config():
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    loaded.site_url = "http://127.0.0.1:8000/"
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=False)
build(first, serve_url="http://127.0.0.1:8000/")
rendered = sys.modules["hooks/engine.py"]._Rendered
for path, text in zip(edits[::2], edits[1::2]):
    before = rendered.kept
    (project / path).write_text((project / path).read_text(encoding="utf-8") + text, encoding="utf-8")
    build(config(), serve_url="http://127.0.0.1:8000/")
    print(rendered.kept - before)
"""


def serve_builds(project, site, *edits: str) -> list[int]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="0")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_BUILDS, str(project), str(site), *edits],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [int(line) for line in done.stdout.split()]


def test_under_serve_a_rebuild_converts_only_the_edited_page_and_makes_the_same_site(tmp_path):
    edits = ("docs/en/journey.md", "\nOne more sentence.\n", "docs/fr/premium.md", "\nUne phrase de plus.\n")
    project = copy_project(tmp_path / "project")
    kept = serve_builds(project, tmp_path / "rebuilt", *edits)
    pages = len(list((tmp_path / "rebuilt").rglob("*.html")))
    # Every other page of the three languages served came from the last build; the edited one did not.
    assert kept and all(count > 60 for count in kept), kept

    fresh = copy_project(tmp_path / "fresh")
    for path, text in zip(edits[::2], edits[1::2], strict=True):
        edit(fresh / path, lambda old, text=text: old + text)
    assert serve_builds(fresh, tmp_path / "built") == []
    ours, theirs = site_files(tmp_path / "rebuilt"), site_files(tmp_path / "built")
    assert sorted(ours) == sorted(theirs) and pages > 70
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert b"One more sentence." in ours["en/journey/index.html"]
