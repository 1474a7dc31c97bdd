"""hooks/engine.py does once per build what MkDocs and mkdocs-static-i18n did once per language: the site it makes
is the one they make without it, file for file and byte for byte."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

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
# process: a first build, then, for each edit given (file, text replaced, its replacement; nothing replaced:
# added at the end), the edit and a rebuild, each build made in one folder and moved, as editing.build_aside
# does. Prints, for each rebuild, how many pages
# kept the last build's Markdown conversion and how many the last build's drawing.
SERVE_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, edits = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]

def config(folder):
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(folder))
    loaded.site_url = "http://127.0.0.1:8000/"
    return loaded

first = config(site / "next")
first.plugins.on_startup(command="serve", dirty=False)
build(first, serve_url="http://127.0.0.1:8000/")
(site / "next").rename(site / "0")
reused = sys.modules["hooks/rebuild.py"]._Kept.reused
for number in range(len(edits) // 3):
    path, old, new = edits[3 * number : 3 * number + 3]
    text = (project / path).read_text(encoding="utf-8")
    assert not old or old in text, (path, old)
    (project / path).write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    before = dict(reused)
    build(config(site / "next"), serve_url="http://127.0.0.1:8000/")
    (site / "next").rename(site / str(number + 1))
    print(reused["converted"] - before["converted"], reused["drawn"] - before["drawn"])
"""


def serve_builds(project, site, *edits: str) -> list[tuple[int, int]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="0")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_BUILDS, str(project), str(site), *edits],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [tuple(map(int, line.split())) for line in done.stdout.strip().split("\n") if line]


# Edits of each kind an editor makes, each followed by a rebuild: a page's text; the French text that the other
# languages translate (their pages say the translation is behind); a page's title (in every page's navigation);
# a text of data/ (on every page).
EDITS = (
    ("docs/en/journey.md", "", "\nOne more sentence.\n"),
    ("docs/fr/premium.md", "", "\nUne phrase de plus.\n"),
    ("docs/en/faq.md", "title: Frequently asked questions", "title: Questions people ask"),
    ("data/ui.yml", "You can change your mind at any time.", "You can change your mind at any moment."),
)


def test_under_serve_a_rebuild_redoes_only_what_an_edit_changed_and_makes_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    reused = serve_builds(project, tmp_path / "rebuilt", *[part for step in EDITS for part in step])
    assert len(reused) == len(EDITS)
    text, french, title, data = reused
    # Of the 78 pages of the three languages served: all but the edited one (and its translations) kept ...
    assert text[0] >= 75 and text[1] >= 75, text
    assert french[0] >= 72 and french[1] >= 72, french
    # ... a new title is in every English page's navigation; a data text may be on every page.
    assert title[0] >= 75 and 40 <= title[1] <= 55, title
    assert data[1] == 0, data

    fresh = copy_project(tmp_path / "fresh")
    for number, (path, old, new) in enumerate(EDITS, start=1):
        edit(fresh / path, lambda text, old=old, new=new: text.replace(old, new, 1) if old else text + new)
        assert serve_builds(fresh, tmp_path / f"built-{number}") == []
        ours, theirs = site_files(tmp_path / "rebuilt" / str(number)), site_files(tmp_path / f"built-{number}" / "0")
        assert sorted(ours) == sorted(theirs) and len([name for name in ours if name.endswith(".html")]) > 70
        assert [name for name in ours if ours[name] != theirs[name]] == [], f"after edit {number}"
    assert b"One more sentence." in ours["en/journey/index.html"]
    assert b"Questions people ask" in ours["en/index.html"] and b"at any moment" in ours["en/index.html"]


def test_what_a_template_is_given_is_described_by_plain_values_or_not_at_all():
    from markupsafe import Markup

    from rebuild import Undescribed, plain_value

    assert plain_value({"b": [1, "x"], "a": {2, 1}}) == (("a", (1, 2)), ("b", (1, "x")))
    assert plain_value("<b>") != plain_value(Markup("<b>"))  # escaped or not: drawn differently
    with pytest.raises(Undescribed):
        plain_value({"when": object()})
    assert plain_value({"function": len, "class": dict}, strict=False) == (
        ("class", ("object", "builtins", "type")),
        ("function", ("object", "builtins", "builtin_function_or_method")),
    )
