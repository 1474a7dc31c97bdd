"""The checks' results kept between builds (hooks/core/cache.py): a changed file is checked again, an unchanged one is
not, and a cache file that does not read is ignored. Kept results never change the site, nor let a mistake through.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from conftest import ALL_LOCALES, ROOT, build_site, copy_project
from hooks.components import sheets
from hooks.core.cache import Results, when_changed

PAGE = "docs/fr/journey.md"


class Check:
    """A check that counts the texts it really read."""

    def __init__(self):
        self.read: list[str] = []

    def __call__(self, text: str):
        self.read.append(text)
        return ("problems", [f"{len(text)} characters"])


def run(results: Results, check: Check, name: str, text: str):
    return results.result("count", (name, text), lambda: check(text))


def test_an_unchanged_file_is_not_checked_again_and_a_changed_one_is(tmp_path):
    path, check = tmp_path / "checks.json", Check()
    first = Results(path, "code 1")
    assert run(first, check, "a.md", "one") == ["problems", ["3 characters"]]
    assert run(first, check, "b.md", "two") == ["problems", ["3 characters"]]
    first.save()

    second = Results(path, "code 1")  # the next build
    assert run(second, check, "a.md", "one") == ["problems", ["3 characters"]]
    assert run(second, check, "b.md", "two, edited") == ["problems", ["11 characters"]]
    assert check.read == ["one", "two", "two, edited"], "only the edited file is read again"


def test_the_same_text_under_another_name_is_checked_on_its_own(tmp_path):
    """Messages name the file: a copy of a page is checked under its own name."""
    results, check = Results(tmp_path / "checks.json", "code 1"), Check()
    run(results, check, "a.md", "same")
    run(results, check, "copy-of-a.md", "same")
    assert check.read == ["same", "same"]


def test_a_new_version_of_the_checks_checks_everything_again(tmp_path):
    path, check = tmp_path / "checks.json", Check()
    first = Results(path, "code 1")
    run(first, check, "a.md", "one")
    first.save()
    run(Results(path, "code 2"), check, "a.md", "one")
    assert check.read == ["one", "one"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"layout": 1, "version": "code 1", "results": []}',
        b'{"layout": 0, "version": "code 1", "results": {}}',
    ],
)
def test_a_cache_file_that_does_not_read_is_ignored_and_written_again(tmp_path, content):
    path, check = tmp_path / "checks.json", Check()
    path.write_bytes(content)
    results = Results(path, "code 1")
    assert run(results, check, "a.md", "one") == ["problems", ["3 characters"]]
    assert check.read == ["one"]
    results.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == "code 1"


def test_only_the_results_of_the_last_build_are_kept(tmp_path):
    """A deleted or edited page's old results go: the file holds the site as it is."""
    path, check = tmp_path / "checks.json", Check()
    first = Results(path, "code 1")
    run(first, check, "a.md", "one")
    run(first, check, "gone.md", "old")
    first.save()
    second = Results(path, "code 1")
    run(second, check, "a.md", "one")
    second.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))["results"]) == 1


def test_a_cache_that_cannot_be_written_costs_time_only(tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    results, check = Results(tmp_path / "file" / "checks.json", "code 1"), Check()
    run(results, check, "a.md", "one")
    results.save()  # no error: the build goes on without the cache


# --- Builds of a copy of the project, the second with the first's results --------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project built once: its .cache/ holds that build's results."""
    folder = tmp_path_factory.mktemp("cache")
    copied = copy_project(folder / "project", kept_checks=False)
    result = build_site(copied, folder / "first")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (copied / ".cache" / "checks.json").exists()
    return copied


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.engine
@pytest.mark.xdist_group("kept-results")
def test_a_build_with_the_kept_results_makes_the_same_site(project):
    result = build_site(project, project.parent / "again")
    assert result.returncode == 0, result.stdout + result.stderr
    first, again = site_files(project.parent / "first"), site_files(project.parent / "again")
    assert sorted(first) == sorted(again)
    assert [name for name in first if first[name] != again[name]] == []


@pytest.mark.engine
@pytest.mark.xdist_group("kept-results")
def test_a_corrupt_cache_file_does_not_stop_the_build(project):
    cached = project / ".cache" / "checks.json"
    cached.write_bytes(b'{"layout": 1, "version": "\xff')
    result = build_site(project, project.parent / "corrupt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(cached.read_text(encoding="utf-8"))["results"], "written again"
    assert site_files(project.parent / "corrupt") == site_files(project.parent / "first")


@pytest.mark.engine
@pytest.mark.xdist_group("kept-results")
def test_a_page_edited_since_the_last_build_is_checked_again(project):
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    try:
        page.write_text(text + '\n<span onclick="alert(1)">here</span>\n', encoding="utf-8")
        result = build_site(project, project.parent / "edited")
        assert result.returncode != 0
        assert f"{PAGE}:" in result.stdout + result.stderr
        assert "an on...= attribute is a script and cannot be written in a page" in result.stdout + result.stderr
        # Still refused when built again: a mistake's result is never kept as a pass.
        assert build_site(project, project.parent / "edited").returncode != 0
    finally:
        page.write_text(text, encoding="utf-8")
    assert build_site(project, project.parent / "restored").returncode == 0


def test_what_a_file_gave_is_kept_until_the_file_changes_and_only_its_last_version(tmp_path):
    """when_changed, the package's one way to keep what it read from a file (data files under make serve)."""
    data = tmp_path / "data.yml"
    data.write_text("one", encoding="utf-8")
    reads = []

    @when_changed(lambda: [data])
    def read():
        reads.append(data.read_text(encoding="utf-8"))
        if reads[-1] == "broken":
            raise ValueError("broken")
        return reads[-1]

    assert read() == "one" and read() == "one" and len(reads) == 1, "an unchanged file is read once"
    data.write_text("two!", encoding="utf-8")  # another size: a change even within the same mtime tick
    assert read() == "two!" and len(reads) == 2
    data.write_text("broken", encoding="utf-8")
    with pytest.raises(ValueError):
        read()
    with pytest.raises(ValueError):
        read()  # a version that raised is read again, not kept
    assert len(reads) == 4
    data.unlink()
    with pytest.raises(FileNotFoundError):
        read()


# --- The build's kept files, checked before they are used (issue 24) ---------------------------------------------


class FakeBrowser:
    """Prints a 'PDF' of a page's bytes, counting how often it was asked."""

    binary = sys.executable  # print_inputs reads the browser's file: any real file does

    def __init__(self):
        self.printed = 0

    def pdf(self, html: Path) -> bytes:
        self.printed += 1
        return b"%PDF-1.7\n" + Path(html).read_bytes()


def test_a_damaged_compressed_copy_is_made_again_with_a_note(tmp_path, caplog):
    import gzip

    import brotli

    from hooks.publishing.hosting import compressed

    page = b"<p>Retour volontaire</p>" * 500
    first = compressed(page, tmp_path)
    br = next(tmp_path.glob("*.br"))
    for damage in (lambda data: data[: len(data) // 2], lambda data: b"text", lambda data: brotli.compress(b"other")):
        br.write_bytes(damage(first[1]))
        with caplog.at_level("INFO", logger="mkdocs.editing"):
            again = compressed(page, tmp_path)
        assert brotli.decompress(again[1]) == page and gzip.decompress(again[0]) == page
        assert br.read_bytes() == again[1], "the kept copy is made whole again"
        assert "a kept compressed copy is not the file it was kept for; made again" in caplog.text
        caplog.clear()
    next(tmp_path.glob("*.gz")).write_bytes(gzip.compress(b"another page"))
    assert gzip.decompress(compressed(page, tmp_path)[0]) == page


def test_a_kept_pdf_is_checked_against_its_own_hash_and_printed_again_if_damaged(tmp_path, caplog):
    from hooks.publishing.pdfs import print_pdf_cached

    page, pdf, cache, browser = tmp_path / "leaflet.html", tmp_path / "leaflet.pdf", tmp_path / "cache", FakeBrowser()
    page.write_text("<p>Dépliant</p>", encoding="utf-8")
    assert print_pdf_cached(page, pdf, browser, cache) is True
    [kept] = cache.glob("*.pdf")
    key, own, _ = kept.name.split(".")
    assert own == hashlib.sha256(pdf.read_bytes()).hexdigest(), "named by the print's inputs and its own hash"
    pdf.unlink()
    assert print_pdf_cached(page, pdf, browser, cache) is False and browser.printed == 1
    for damage in (b"a text, not a PDF", b"%PDF-1.7\n<p>another leaflet</p>"):
        kept.write_bytes(damage)
        with caplog.at_level("INFO", logger="mkdocs.editing"):
            assert print_pdf_cached(page, pdf, browser, cache) is True, "printed again"
        assert pdf.read_bytes() == b"%PDF-1.7\n" + page.read_bytes()
        assert "a kept leaflet PDF is not the one printed (its hash differs); printed again" in caplog.text
        caplog.clear()
    assert browser.printed == 3 and [path.name for path in cache.glob("*.pdf")] == [kept.name]


@pytest.mark.engine
def test_a_damaged_cache_still_builds_the_right_site(site, tmp_path):
    """.br files cut in half and PDFs replaced by text were copied into the site: 82 of 230 .br no longer
    decompressed to their page. A copy of the project with the project's own .cache/ (whole once the `site`
    fixture has built the site; a copy prints the same leaflets, copy_project keeping each page's date), half
    its .br cut and three of the PDFs the site published replaced: the copy's site is right, and each damaged
    file it needed is named in a note."""
    import gzip
    import shutil

    import brotli

    project = copy_project(tmp_path / "project", kept_checks=False)
    for kept in ("compressed", "pdf"):
        if (ROOT / ".cache" / kept).is_dir():
            shutil.copytree(ROOT / ".cache" / kept, project / ".cache" / kept)
    kept_br = sorted((project / ".cache" / "compressed").glob("*.br"))
    for path in kept_br[::2]:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    # The PDFs the site published (the cache may also hold others): each is kept under its own hash.
    published = {hashlib.sha256(path.read_bytes()).hexdigest() for path in site.rglob("*.pdf")}
    pdfs = sorted(path for path in (project / ".cache" / "pdf").glob("*.*.pdf") if path.name.split(".")[1] in published)
    assert len(pdfs) == len(ALL_LOCALES) + len(sheets.pairs()), "the cache kept a PDF per leaflet and sheet"
    for path in pdfs[:3]:
        path.write_bytes(b"not a PDF")
    result = build_site(project, tmp_path / "out", publish=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    out = tmp_path / "out"
    copies = [path for path in out.rglob("*") if path.suffix in (".br", ".gz")]
    assert len(copies) > 400
    wrong = [
        path.relative_to(out).as_posix()
        for path in copies
        if (brotli.decompress if path.suffix == ".br" else gzip.decompress)(path.read_bytes())
        != path.with_suffix("").read_bytes()
    ]
    assert wrong == []
    printed = sorted(out.rglob("*.pdf"))
    assert len(printed) == len(ALL_LOCALES) + len(sheets.pairs())
    assert all(path.read_bytes().startswith(b"%PDF-") for path in printed)
    assert {hashlib.sha256(path.read_bytes()).hexdigest() for path in printed} <= {
        path.name.split(".")[1] for path in (project / ".cache" / "pdf").glob("*.*.pdf")
    }, "each published PDF is one whose hash the cache holds"
    assert output.count("a kept compressed copy is not the file it was kept for; made again") >= 10
    assert output.count("a kept leaflet PDF is not the one printed (its hash differs); printed again") == 3


# --- A process older than the code or the languages writes nothing ------------------------------------------


def test_results_made_by_a_process_older_than_its_inputs_are_not_written(tmp_path):
    path = tmp_path / "checks.json"
    stale = Results(path, "code 1", fresh=lambda: False)
    run(stale, Check(), "a.md", "one")
    assert stale.save() is False and not path.exists()
    fresh = Results(path, "code 1")
    run(fresh, Check(), "a.md", "one")
    assert fresh.save() is True and path.exists()


def test_what_a_process_holds_from_its_start_covers_the_code_and_the_list_of_languages(tmp_path, monkeypatch):
    from hooks.core import cache

    languages = tmp_path / "languages.yml"
    languages.write_text("languages: [fr]\n", encoding="utf-8")
    monkeypatch.setattr(cache, "LANGUAGES_FILE", languages)
    before = cache.process_inputs()
    languages.write_text("languages: [fr, tr]\n", encoding="utf-8")
    assert cache.process_inputs() != before
    assert cache.results().version == cache.STARTED, "every kept result is under the version of its process"


TURKISH = (
    "  - {code: tr, name: Türkçe, english: Turkish, dir: ltr, script: Latn, scope: essentials, state: published, "
    'address: "https://www.voluntaryreturn.be/tr/", more: en, search: tr}\n'
)


def add_turkish(project: Path) -> None:
    """Turkish as a translator would add it: its texts and pages (here: Russian ones marked as changed), then its
    line in data/languages.yml, last."""
    import re
    import shutil

    russian = (project / "data" / "languages" / "ru.yml").read_text(encoding="utf-8")
    turkish = re.sub(r'^(\s+[a-z_]+: ")', r"\1TR ", russian, flags=re.M)
    (project / "data" / "languages" / "tr.yml").write_text(turkish, encoding="utf-8")
    shutil.copytree(project / "docs" / "ru", project / "docs" / "tr")
    for page in (project / "docs" / "tr").glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8") + "\nTürkçe.\n", encoding="utf-8")
    languages = project / "data" / "languages.yml"
    languages.write_text(languages.read_text(encoding="utf-8") + TURKISH, encoding="utf-8")


@pytest.mark.engine
def test_a_serve_started_before_a_language_was_added_leaves_nothing_a_later_build_trusts(tmp_path):
    """Issue 26: a serve started before Turkish was added wrote a report without Turkish into .cache/checks.json,
    keyed by the data files' hashes only; the later build reused it and published Turkish with no notice."""
    import os
    import subprocess
    import sys
    import threading
    import time

    from conftest import free_port

    project = copy_project(tmp_path / "project", kept_checks=False)
    port, lines = free_port(), []
    # MkDocs' serve itself, without make's restart on a change of data/languages.yml: the old process rebuilds.
    process = subprocess.Popen(
        [sys.executable, "-m", "hooks.tools.serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "--watch", "data"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    threading.Thread(target=lambda: lines.extend(line.rstrip() for line in process.stdout), daemon=True).start()

    def wait_for(text, start=0, timeout=180):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in lines[start:]):
                return len(lines)
            assert process.poll() is None, "\n".join(lines)
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(lines))

    try:
        seen = wait_for("Serving on")
        add_turkish(project)
        wait_for("Not rebuilt", seen)
        assert any("data/languages.yml or a hook changed since make serve started" in line for line in lines), lines
    finally:
        os.killpg(process.pid, 2)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a rebuild under way ends before serve does: slow on a loaded machine
            os.killpg(process.pid, 9)  # killed mid-build is harsher still for what the cache may have kept
            process.wait(timeout=30)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "site" / "tr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="tr"' in home
    # Nothing of Turkish is confirmed yet: the page shows the current English text, and says so in Turkish.
    assert 'class="layout-stale">TR ' in home and '<div dir="ltr" lang="en">' in home
    assert 'class="layout-unreviewed">TR ' in home
