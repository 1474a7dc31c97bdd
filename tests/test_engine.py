"""hooks/engine.py does once per build what MkDocs and mkdocs-static-i18n did once per language: the site it makes
is the one they make without it, file for file and byte for byte."""

from __future__ import annotations

import re

from conftest import build_site, copy_project, edit


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
