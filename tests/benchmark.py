"""make bench: what a first visit costs, Lighthouse's scores, and how the build time grows. Prints figures;
asserts nothing (budgets are read by people, not by the test suite).

    python tests/benchmark.py [weight] [lighthouse] [build] [load] [estimator] [search]   (the first four by default)

weight      per kind of page and language: bytes transferred on a first visit (compressed, as nginx sends
            them), split by type, and the number of requests; then what a first search adds (the search
            engine and the language's index, loaded when the visitor opens search). Budgets: 65 KB for the
            visit, 50 KB more for the first search.
lighthouse  Lighthouse 12 on its mobile profile in Debian's Chromium: performance, accessibility, best
            practices, SEO. Budget: 100 each.
build       the real site, and generated sites of 10x and 100x its pages and stories, built with the
            project's hooks (a first build, then again with .cache/ kept) and with the same content without
            them; then what `make serve` takes to rebuild after one page is edited. Budgets: hooks add at most
            25 %; a rebuild under 1 s.
load        requests per second and errors at 50 and 200 connections at once, against the project's nginx
            configuration on loopback (Apache's `ab`, keep-alive, compressed answers), each run bounded to
            LOAD_REQUESTS requests and LOAD_SECONDS seconds. Budget: no error at 200.
estimator   the estimator's budgets of issue 28: its page's first visit in every language with the names of the
            countries (brotli, as production sends it; budget 65 KB), what a first search adds with the countries
            in the index, and the time the page takes to match what is typed, per keystroke and when the field is
            left (suggestions), with Chromium's CPU slowed down 4 times as on a mid-range phone (budget 50 ms).
sheets      the two-language sheets of issue 30: the first visit of the pages that offer them (budget 65 KB), what
            asking for a two-language estimate adds (the second language's texts and the sheets' script: budget
            15 KB), and the real site's whole build with its PDFs, cold (no .cache/) and warm (nothing changed: no PDF
            printed again), against today's (budget: at most 1.3x).
browsers    what a browser costs the tests: processor time (the browser's processes and Playwright's) and wall-clock
            time of a new context with a tab and a page, a new tab with a page, and a page in the same tab, in the
            full Chromium that prints the leaflets and in its headless shell, which the browser tests drive.
search      the two search engines compared on tests/search_queries.yml: ours (the theme's lunr, started by
            search.js) through the real search box, and Pagefind (installed apart, in .cache/pagefind) over the
            same built pages with the same synonyms; searches found in the first three, and the bytes of a
            first search.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from conftest import BROWSER, CHROMIUM, CHROMIUM_ARGS, LOCALES, page_url, start_nginx  # noqa: E402
from hooks.core.locale import ALL_LOCALES  # noqa: E402
from hooks.engine.i18n import i18n_languages  # noqa: E402
from hooks.publishing.hosting import load_hosting  # noqa: E402

KINDS = {
    "home": "",
    "programme": "journey/",
    "estimator": "estimator/",
    "contact": "contact/",
    "story": "stories/albania-bakery/",
    "stories": "stories/",
}
BUDGET_KB = 65
SEARCH_BUDGET_KB = 50
# A first search on each language: one of the words of tests/search_queries.yml.
FIRST_SEARCH = {"fr": "prime", "nl": "terugkeerpremie", "en": "premium"}
PAGEFIND = "1.5.2"
LOAD_LEVELS = (50, 200)
LOAD_REQUESTS = 20_000
LOAD_SECONDS = 30
LOAD_PATHS = ("/en/faq/", "/nl/contact/")
LIGHTHOUSE = "12.8.2"
TOOLS = ROOT / ".cache" / "lighthouse"


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def sent_size(site: Path, url: str, encoding: str) -> int:
    """The bytes nginx sends for a file of the site with gzip_static/brotli_static: its .gz or .br copy."""
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir() or urlsplit(url).path.endswith("/"):
        path = path / "index.html"
    compressed = path.with_name(f"{path.name}.{encoding}")
    return (compressed if compressed.exists() else path).stat().st_size


def first_visit(site: Path, base: str, path: str, locale: str) -> dict:
    """Bytes of the bodies sent on one fresh visit (gzip and brotli), by resource type; the headers apart."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale=f"{locale}-BE")
        tab = context.new_page()
        finished = []
        tab.on("requestfinished", lambda request: finished.append(request))
        tab.goto(base + path)
        tab.wait_for_load_state("networkidle")
        by_type: dict[str, int] = {}
        brotli, headers = 0, []
        for request in finished:
            by_type[request.resource_type] = by_type.get(request.resource_type, 0) + sent_size(site, request.url, "gz")
            brotli += sent_size(site, request.url, "br")
            headers.append(request.sizes()["responseHeadersSize"])
        visit = len(finished)
        # The first search: open the box, type a word, wait for the pages found.
        tab.locator(".search__open").click()
        tab.locator(".search__input").press_sequentially(FIRST_SEARCH[locale])
        tab.locator(".search__results a").first.wait_for()
        tab.wait_for_load_state("networkidle")
        search = finished[visit:]
        search_brotli = sum(sent_size(site, request.url, "br") for request in search)
        browser.close()
    return {
        "requests": visit,
        "gzip": sum(by_type.values()),
        "brotli": brotli,
        "by_type": by_type,
        "headers": sum(headers),
        "one_header": max(headers),
        "search_requests": len(search),
        "search_brotli": search_brotli,
    }


def weight(site: Path, base: str) -> None:
    print(
        f"\nFirst visit of each page with an empty cache (search loads only when it is opened), then the first "
        f"search.\nBodies as nginx sends them: brotli over HTTPS (production), gzip over plain HTTP "
        f"(Chromium asks for brotli over HTTPS only).\nHeaders: over HTTP/2 the repeated security headers are "
        f"compressed away, so one set counts; 'h1.1' counts every response's headers as sent here.\n"
        f"Budgets, on what production sends (brotli, HTTP/2): {BUDGET_KB} KB for the visit, {SEARCH_BUDGET_KB} KB "
        f"more for the first search ('search': its requests and brotli bodies)."
    )
    print(
        f"{'page':<11}{'lang':<6}{'req':>4}{'br+h2':>7}{'gz+h2':>7}{'gz+h1.1':>8}{'search':>12}  gzip bodies by type (KB)"
    )
    worst = worst_search = 0
    for kind, path in KINDS.items():
        for locale in LOCALES:
            visit = first_visit(site, base, page_url(locale, path), locale)
            production = visit["brotli"] + visit["one_header"]
            worst = max(worst, production)
            worst_search = max(worst_search, visit["search_brotli"])
            types = ", ".join(f"{t} {kb(s)}" for t, s in sorted(visit["by_type"].items(), key=lambda i: -i[1]))
            flag = "" if production <= BUDGET_KB * 1024 else "  OVER BUDGET"
            if visit["search_brotli"] > SEARCH_BUDGET_KB * 1024:
                flag += "  SEARCH OVER BUDGET"
            search = f"{visit['search_requests']}: {kb(visit['search_brotli'])}"
            print(
                f"{kind:<11}{locale:<6}{visit['requests']:>4}{kb(production):>7}{kb(visit['gzip'] + visit['one_header']):>7}"
                f"{kb(visit['gzip'] + visit['headers']):>8}{search:>12}  {types}{flag}"
            )
    print(
        f"heaviest first visit as production sends it: {kb(worst)} KB; heaviest first search: {kb(worst_search)} KB more."
    )


MATCHING_BUDGET_MS = 50
CPU_SLOWDOWN = 4
# What people type, letter by letter: a name, a misspelling (suggestions), a name of two countries, nothing known.
TYPED = {"en": ["Afghanistan", "Afgahnistan", "Congo", "Atlantis"], "ar": ["افغانستن", "سورية"], "zh": ["中國"]}


def matching_times(base: str, locale: str, words: list[str]) -> tuple[float, float]:
    """(slowest keystroke, slowest leaving of the field) in ms: the estimator's input and change handlers run
    synchronously by dispatchEvent, timed in the page with the CPU slowed down CPU_SLOWDOWN times."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        tab.goto(base + page_url(locale, "estimator/"))
        tab.locator("#estimator-destination").fill("x")  # no name begins with it: every language's names come
        tab.locator('[data-estimator-names="loaded"]').wait_for()
        cdp = tab.context.new_cdp_session(tab)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        keystroke = leaving = 0.0
        for word in words:
            times = tab.evaluate(
                """word => {
                    const field = document.querySelector('#estimator-destination');
                    const time = (value, kind) => {
                        field.value = value;
                        const start = performance.now();
                        field.dispatchEvent(new Event(kind, {bubbles: true}));
                        return performance.now() - start;
                    };
                    const letters = Array.from(word);
                    const typing = letters.map((_, i) => time(letters.slice(0, i + 1).join(''), 'input'));
                    return [Math.max(...typing), time(word, 'change')];
                }""",
                word,
            )
            keystroke, leaving = max(keystroke, times[0]), max(leaving, times[1])
        browser.close()
    return keystroke, leaving


def estimator_budgets(site: Path, base: str) -> None:
    print(
        f"\nThe estimator (issue 28). First visit of its page with an empty cache, as production sends it (brotli "
        f"bodies, one set of headers); budget {BUDGET_KB} KB. Every country's names in every language come as one "
        f"file for the whole site when the page's own names do not find what is typed: 'names' (brotli), and "
        f"'visit+names', what the visit has cost then. 'index': the language's search index with the countries."
    )
    print(f"{'lang':<6}{'req':>4}{'visit KB':>10}{'names KB':>10}{'visit+names':>13}{'index KB':>10}")
    worst = worst_with_names = 0
    names = sent_size(site, "/assets/estimator-names.json", "br")
    for locale in ALL_LOCALES:
        visit = first_visit_only(site, base, page_url(locale, "estimator/"), locale)
        production = visit["brotli"] + visit["one_header"]
        worst, worst_with_names = max(worst, production), max(worst_with_names, production + names)
        index = sent_size(site, page_url(locale, "search/search_index.json"), "br")
        flag = "" if production <= BUDGET_KB * 1024 else "  OVER BUDGET"
        flag += "" if production + names <= BUDGET_KB * 1024 else "  (with the names: over)"
        print(
            f"{locale:<6}{visit['requests']:>4}{kb(production):>10}{kb(names):>10}{kb(production + names):>13}"
            f"{kb(index):>10}{flag}"
        )
    print(
        f"heaviest first visit of the estimator: {kb(worst)} KB; with the names: {kb(worst_with_names)} KB "
        f"(budget {BUDGET_KB} KB)"
    )
    print(
        f"\nMatching what is typed, Chromium's CPU slowed down {CPU_SLOWDOWN}x: the slowest keystroke (exact "
        f"names looked up) and the slowest leaving of the field (suggestions up to two typing mistakes away), in "
        f"ms; budget {MATCHING_BUDGET_MS} ms."
    )
    for locale, words in TYPED.items():
        keystroke, leaving = matching_times(base, locale, words)
        flag = "" if max(keystroke, leaving) <= MATCHING_BUDGET_MS else "  OVER BUDGET"
        print(
            f"{locale:<6} keystroke {keystroke:6.1f} ms   leaving the field {leaving:6.1f} ms   ({', '.join(words)}){flag}"
        )


def first_visit_only(site: Path, base: str, path: str, locale: str) -> dict:
    """first_visit without the first search (a language without a search word in FIRST_SEARCH)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        finished = []
        tab.on("requestfinished", lambda request: finished.append(request))
        tab.goto(base + path)
        tab.wait_for_load_state("networkidle")
        result = {
            "requests": len(finished),
            "brotli": sum(sent_size(site, request.url, "br") for request in finished),
            "one_header": max(request.sizes()["responseHeadersSize"] for request in finished),
        }
        browser.close()
    return result


def lighthouse(base: str) -> None:
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(TOOLS),
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                f"lighthouse@{LIGHTHOUSE}",
            ],
            check=True,
            capture_output=True,
        )
    print(
        f"\nLighthouse {LIGHTHOUSE}, mobile profile (simulated slow 4G, mid-range phone), Debian's Chromium. Budget 100 each."
    )
    print(f"{'page':<11}{'lang':<6}{'perf':>5}{'a11y':>5}{'best':>5}{'seo':>5}  below 100 because of")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    flags = " ".join(["--headless=new"] + CHROMIUM_ARGS)
    kinds = os.environ.get("KINDS", ",".join(KINDS)).split(",")
    for kind, path in ((k, p) for k, p in KINDS.items() if k in kinds):
        for locale in LOCALES:
            for _attempt in range(3):  # Lighthouse sometimes fails to record a trace (NO_NAVSTART): run it again
                result = subprocess.run(
                    [
                        "node",
                        str(cli),
                        base + page_url(locale, path),
                        "--output=json",
                        "--output-path=stdout",
                        "--quiet",
                        f"--chrome-flags={flags}",
                        "--only-categories=performance,accessibility,best-practices,seo",
                    ],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=300,
                )
                try:
                    report = json.loads(result.stdout)
                    break
                except json.JSONDecodeError:
                    report = None
            if report is None:
                print(f"{kind:<11}{locale:<6}  Lighthouse failed: {result.stderr.strip()[-200:]}")
                continue
            scores = {key: round((cat["score"] or 0) * 100) for key, cat in report["categories"].items()}
            reasons = [
                audit["id"]
                for cat in report["categories"].values()
                for ref in cat["auditRefs"]
                if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
            ]
            print(
                f"{kind:<11}{locale:<6}{scores['performance']:>5}{scores['accessibility']:>5}"
                f"{scores['best-practices']:>5}{scores['seo']:>5}  {', '.join(reasons) or '-'}"
            )


# --- Search engines compared ---------------------------------------------------------------------------

# Pagefind reads the same part of the page as hooks/components/search.py: the article, without what it leaves out.
PAGEFIND_EXCLUDE = ["[data-search-exclude]", ".printing", ".glossary-hidden", "select", "script", "form", "[hidden]"]


def pagefind_site(site: Path, folder: Path) -> Path:
    """A copy of the built site with Pagefind's index in pagefind/ (Pagefind installed apart, pinned)."""
    tools = TOOLS.parent / "pagefind"
    if not (tools / "pagefind").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(tools),
                f"pagefind[extended]=={PAGEFIND}",
            ],
            check=True,
        )
    copy = folder / "site"
    shutil.copytree(site, copy)
    for listing in copy.rglob("all-pages/index.html"):  # left out of our index too: it would answer every search
        listing.unlink()
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(copy),
        "--glob",
        "**/index.html",
        "--root-selector",
        "article",
        "--output-subdir",
        "pagefind",
        "--quiet",
    ]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    subprocess.run(command, check=True, env=dict(os.environ, PYTHONPATH=str(tools)))
    for path in (copy / "pagefind").rglob("*"):  # what nginx would send: brotli for text, the rest as it is
        if path.suffix in (".js", ".json", ".css"):
            import brotli

            path.with_name(path.name + ".br").write_bytes(brotli.compress(path.read_bytes(), quality=11))
    return copy


# Pagefind's own API, with search.js's synonyms: the typed words, then the page language's words for the names
# and everyday words among them (a second search, merged by score; Pagefind wants every word of a search).
PAGEFIND_SEARCH = """async ([words, expansions]) => {
    window.__pagefind ||= await import('/pagefind/pagefind.js');
    const fold = t => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const typed = fold(words).split(/[\\s\\-'’]+/).filter(w => w.length > 1);
    const padded = ' ' + typed.join(' ') + ' ';
    const extra = expansions.filter(e => e[0].some(f => padded.includes(' ' + f + ' '))).map(e => e[1]);
    const found = [];
    for (const query of [words, ...extra]) {
        const search = await window.__pagefind.search(query);
        found.push(...search.results);
    }
    found.sort((a, b) => b.score - a.score);
    const urls = [];
    for (const result of found) {
        const data = await result.data();
        if (!urls.includes(data.url)) urls.push(data.url);
        if (urls.length === 3) break;
    }
    return urls;
}"""


def compare_search_engines(site: Path) -> None:
    import functools
    import http.server
    import threading

    import yaml
    from playwright.sync_api import sync_playwright

    from test_search import results as search_box

    queries = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="bench-pagefind-"))
    copy = pagefind_site(site, folder)
    found: dict[str, dict[str, int]] = {"lunr": {}, "pagefind": {}}
    misses: dict[str, list[str]] = {"lunr": [], "pagefind": []}
    first: dict[str, dict[str, int]] = {"lunr": {}, "pagefind": {}}

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(copy)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for locale in LOCALES:
            index = json.loads(
                (site / page_url(locale, "search/search_index.json").lstrip("/")).read_text(encoding="utf-8")
            )
            for engine in ("lunr", "pagefind"):
                context = browser.new_context()
                tab = context.new_page()
                finished = []
                tab.on("requestfinished", finished.append)
                tab.goto(base + page_url(locale, "journey/"))
                tab.wait_for_load_state("networkidle")
                visit = len(finished)
                hits = 0
                for number, item in enumerate(queries[locale]):
                    if engine == "lunr":
                        if number == 0:
                            tab.locator(".search__open").click()
                        top = [urlsplit(url).path.split("#")[0] for url in search_box(tab, item["query"])[:3]]
                    else:
                        top = [
                            urlsplit(url).path
                            for url in tab.evaluate(PAGEFIND_SEARCH, [item["query"], index["expansions"]])
                        ]
                    if number == 0:
                        tab.wait_for_load_state("networkidle")
                        first[engine][locale] = sum(sent_size(copy, request.url, "br") for request in finished[visit:])
                    if page_url(locale, item["page"]) in top:
                        hits += 1
                    else:
                        misses[engine].append(f"{locale} {item['query']!r} -> {item['page']}: {top}")
                found[engine][locale] = hits
                context.close()
        browser.close()
    httpd.shutdown()
    shutil.rmtree(folder)
    print(
        "\nSearch engines on tests/search_queries.yml (the page expected among the first three), and the bytes of a "
        "first search (engine, index, first results; brotli where nginx would compress)."
    )
    print(f"{'engine':<10}" + "".join(f"{locale + ' found':>12}{locale + ' KB':>8}" for locale in LOCALES))
    for engine in ("lunr", "pagefind"):
        print(
            f"{engine:<10}"
            + "".join(
                f"{f'{found[engine][locale]}/{len(queries[locale])}':>12}{kb(first[engine][locale]):>8}"
                for locale in LOCALES
            )
        )
    for engine in ("lunr", "pagefind"):
        for miss in misses[engine]:
            print(f"  {engine} missed {miss}")


# --- Two languages on one sheet (issue 30) -----------------------------------------------------------------

# The pages that offer a two-language print, in a language of each script family and in French.
SHEETS_PAGES = {"essentials": "", "estimator": "estimator/", "contact": "contact/", "leaflet": "leaflet/"}
SHEETS_LOCALES = ("fr", "ar", "ti", "zh")
SHEETS_ESTIMATE = "#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=no"
SHEETS_ASK_BUDGET_KB = 15
SHEETS_BUILD_BUDGET = 1.3


def two_language_estimate(site: Path, base: str, locale: str, second: str) -> tuple[int, int] | None:
    """(bytes of the estimate page with its answers, bytes that asking for it in two languages adds), brotli as
    production sends them; None when the page offers no two-language print. window.print is stubbed: the
    sheet is ready when its second part is drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        finished = []
        tab.on("requestfinished", lambda request: finished.append(request))
        tab.goto(base + page_url(locale, "estimator/") + SHEETS_ESTIMATE)
        tab.locator('[data-estimator-state="result"]').wait_for()
        tab.wait_for_load_state("networkidle")
        before = len(finished)
        visit = sum(sent_size(site, request.url, "br") for request in finished)
        ask = tab.locator(f'[data-sheets-language="{second}"]')
        if not ask.count():
            browser.close()
            return None
        tab.evaluate("() => { window.print = () => {}; }")
        ask.first.click()
        tab.locator("[data-sheets-sheet][data-sheets-ready]").wait_for(state="attached")
        tab.wait_for_load_state("networkidle")
        added = sum(sent_size(site, request.url, "br") for request in finished[before:])
        browser.close()
    return visit, added


def sheets_budgets(site: Path, base: str) -> None:
    print(
        f"\nTwo languages on one sheet (issue 30). First visit of the pages that offer it, as production sends it "
        f"(brotli bodies, one set of headers); budget {BUDGET_KB} KB."
    )
    print(f"{'page':<12}" + "".join(f"{locale:>8}" for locale in SHEETS_LOCALES))
    worst = 0
    for kind, path in SHEETS_PAGES.items():
        row = []
        for locale in SHEETS_LOCALES:
            visit = first_visit_only(site, base, page_url(locale, path), locale)
            production = visit["brotli"] + visit["one_header"]
            worst = max(worst, production)
            row.append(kb(production))
        print(f"{kind:<12}" + "".join(f"{figure:>8}" for figure in row))
    print(f"heaviest first visit of these pages: {kb(worst)} KB (budget {BUDGET_KB} KB)")
    print(
        f"\nAn estimate printed in two languages: the estimator with answers (its QR code library loaded), then "
        f"what asking for the second language adds (brotli); budget {SHEETS_ASK_BUDGET_KB} KB."
    )
    for locale, second in (("ar", "fr"), ("ti", "nl"), ("zh", "en"), ("fr", "nl")):
        figures = two_language_estimate(site, base, locale, second)
        if figures is None:
            print(f"{locale}+{second}: this build offers no two-language estimate")
            continue
        flag = "" if figures[1] <= SHEETS_ASK_BUDGET_KB * 1024 else "  OVER BUDGET"
        print(f"{locale}+{second}: estimate with answers {kb(figures[0])} KB, asking adds {kb(figures[1])} KB{flag}")


# The whole build, the fastest of each kind (another program on the machine only ever adds time).
FULL_BUILD_RUNS = {"cold": 2, "warm": 3}


def full_build_times() -> None:
    """The real site's whole build, every language with its PDFs and compressed copies, as `make build` makes it:
    cold (no .cache/: every PDF printed) and warm (the .cache/ of the build before, nothing changed), with the
    PDFs it printed (the new files in .cache/pdf/) and the PDFs in the site."""
    print(
        f"\nThe whole build with the PDFs (mkdocs build --strict, 17 languages, PUBLISH_FILES=1), CPU seconds "
        f"(wall in brackets), the fastest of {FULL_BUILD_RUNS['cold']} cold and {FULL_BUILD_RUNS['warm']} warm "
        f"builds. Budget: at most {SHEETS_BUILD_BUDGET}x the figures of the build before issue 30 "
        "(maintainers/performance.md), warm printing no PDF."
    )
    with tempfile.TemporaryDirectory() as folder:
        project = languages_project(Path(folder) / "project", three=False)
        kept = project / ".cache" / "pdf"
        for kind, runs in FULL_BUILD_RUNS.items():
            results = []
            for _ in range(runs):
                if kind == "cold":
                    shutil.rmtree(project / ".cache", ignore_errors=True)
                before = set(kept.glob("*.pdf")) if kept.exists() else set()
                cpu, wall = timed_build(project, strict=True, publish=True)
                results.append((cpu, wall, len(set(kept.glob("*.pdf")) - before)))
            cpu, wall, printed = min(results)
            made = len(list((project / "site").rglob("*.pdf")))
            print(f"{kind:<6}{cpu:>8.1f} s CPU ({wall:.1f} s)   {made} PDFs in the site, {printed} printed")


# --- Build time ---------------------------------------------------------------------------------------


def scaled_project(target: Path, factor: int, hooks: bool) -> Path:
    """A copy of the project with `factor` times its French, Dutch and English pages and stories; without hooks,
    the plain theme with the same 17 languages. The
    pages that list every page or story (all-pages.md, the stories' index.md) stay one per language, as on a
    site of any size; copied, they would make the copy's pages grow with its size."""
    for name in ("docs", "data", "hooks", "overrides", "hosting"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for copy in range(1, factor):  # the full languages' pages (the essentials languages keep their five)
        for page in [page for locale in LOCALES for page in (target / "docs" / locale).rglob("*.md")]:
            if re.search(r"-x\d+\.md$", page.name) or page.name in ("index.md", "all-pages.md"):
                continue
            page.with_name(f"{page.stem}-x{copy}.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not hooks:
        config = re.sub(r"\nhooks:\n(  [-#].*\n)+", "\n", config)  # the list and its comments
        # The same 17 languages as with hooks (hooks/engine/i18n.py gives them to the plugin otherwise).
        listing = textwrap.indent(yaml.safe_dump(i18n_languages(), allow_unicode=True, sort_keys=False), " " * 8)
        config = re.sub(r"(\n      languages:\n)(        .*\n)+", lambda found: found[1] + listing, config)
        # Of overrides/, only the theme's words for the five languages Material lacks (am ff ln ps ti).
        for path in sorted((target / "overrides").rglob("*"), reverse=True):  # files before their folders
            if "languages" in path.relative_to(target / "overrides").parts:
                continue
            if path.is_file():
                path.unlink()
            elif not any(path.iterdir()):
                path.rmdir()
        config = re.sub(r"\nextra_(css|javascript):\n(  - .*\n)+", "\n", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def cpu_seconds() -> float:
    """User and system time of the finished child processes: what a build cost, whatever else the machine runs."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path, strict: bool, publish: bool = False) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of one `mkdocs build` of a project folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES="1" if publish else "0")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    cpu, start = cpu_seconds(), time.perf_counter()
    result = subprocess.run(
        command + (["--strict"] if strict else []), cwd=project, env=env, capture_output=True, text=True
    )
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-2000:]}")
    return cpu, elapsed


# Builds of each kind per size, the fastest counted: another program busy on the machine only ever adds time.
RUNS = {1: 3, 10: 3, 100: 2}


def fastest(runs: int, build) -> tuple[float, float]:
    return min((build() for _ in range(runs)), key=lambda timed: timed[0])


def first_build(project: Path) -> tuple[float, float]:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return timed_build(project, strict=True)


def build_times(factors=(1, 10, 100)) -> None:
    print(
        f"\nBuild time of `mkdocs build` ({len(ALL_LOCALES)} languages; without the leaflet PDFs and compressed copies, timed apart "
        "below), in CPU seconds (user + system: what the build costs, which other work on the machine barely "
        "moves; wall-clock seconds in brackets), the fastest of "
        f"{', '.join(f'{runs} at {factor}x' for factor, runs in RUNS.items())}. With hooks: the first build of a "
        "copy (no .cache/), then the same build again (the checks' results and QR codes kept in .cache/). "
        "Budget: hooks add at most 25 %."
    )
    print(
        f"{'size':<6}{'pages':>7}{'with hooks':>16}{'again':>16}{'without':>16}{'hooks add':>11}{'again':>8}"
        f"{'s/1000 pages':>14}"
    )
    for factor in factors:
        with tempfile.TemporaryDirectory() as folder:
            with_hooks = scaled_project(Path(folder) / "with", factor, hooks=True)
            without = scaled_project(Path(folder) / "without", factor, hooks=False)
            pages = len(list((with_hooks / "docs").rglob("*.md")))

            runs = RUNS.get(factor, 1)
            first = fastest(runs, lambda project=with_hooks: first_build(project))
            again = fastest(runs, lambda project=with_hooks: timed_build(project, strict=True))
            plain = fastest(runs, lambda project=without: timed_build(project, strict=False))
            shown = [f"{cpu:.1f} ({wall:.1f})" for cpu, wall in (first, again, plain)]
            print(
                f"{str(factor) + 'x':<6}{pages:>7}{shown[0]:>16}{shown[1]:>16}{shown[2]:>16}"
                f"{(first[0] / plain[0] - 1) * 100:>10.0f}%{(again[0] / plain[0] - 1) * 100:>7.0f}%"
                f"{again[0] / pages * 1000:>14.1f}"
            )
    with tempfile.TemporaryDirectory() as folder:
        project = scaled_project(Path(folder) / "publish", 1, hooks=True)
        cpu, wall = timed_build(project, strict=False, publish=True)
        print(
            f"real site with the publication files ({len(ALL_LOCALES)} leaflet PDFs, gzip and brotli copies): {cpu:.1f} s CPU "
            f"({wall:.1f} s), Chromium's printing included"
        )
    serve_rebuild()


# What `mkdocs serve` does when a file changes (mkdocs/commands/serve.py: builder), run in a child process on a
# copy of the project: a first build, then one page edited and the site built again, REBUILDS times.
REBUILD = """
import os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, page, rebuilds = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
os.chdir(project)

def get_config():
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    config.site_url = "http://127.0.0.1:8000/"
    return config

config = get_config()
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
for number in range(rebuilds):
    page.write_text(page.read_text(encoding="utf-8") + f"\\nOne more sentence, number {number}.\\n", encoding="utf-8")
    cpu, wall = time.process_time(), time.perf_counter()
    build(get_config(), serve_url="http://127.0.0.1:8000/")
    print(time.process_time() - cpu, time.perf_counter() - wall)
"""
REBUILDS = 5


def serve_rebuild() -> None:
    """The time `make serve` takes to show one edited page of the real site, once it has built the site."""
    with tempfile.TemporaryDirectory() as folder:
        project = scaled_project(Path(folder) / "serve", 1, hooks=True)
        page = project / "docs" / "en" / "journey.md"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(
            [sys.executable, "-c", REBUILD, str(project), str(Path(folder) / "site"), str(page), str(REBUILDS)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise SystemExit(f"serve's rebuild failed:\n{result.stderr[-2000:]}")
        times = sorted(tuple(map(float, line.split())) for line in result.stdout.split("\n") if line.strip())
        cpu, wall = times[len(times) // 2]
        print(
            f"make serve, one page of the real site edited: rebuilt in {cpu:.2f} s CPU ({wall:.2f} s), the median "
            f"of {REBUILDS} rebuilds. Budget: under 2 s for the three languages serve previews."
        )


def ab_figures(output: str) -> dict:
    """The figures of an `ab` report: complete and failed requests, non-2xx answers, requests per second."""

    def number(label: str, default: str = "0") -> float:
        found = re.search(rf"^{label}:\s+([0-9.]+)", output, re.M)
        return float(found.group(1) if found else default)

    return {
        "complete": int(number("Complete requests")),
        "failed": int(number("Failed requests")),
        "non_2xx": int(number("Non-2xx responses")),
        "per_second": number("Requests per second"),
    }


def load(base: str) -> dict:
    """Requests per second and errors at each level of concurrency, on loopback only, bounded in count and time."""
    host = urlsplit(base).hostname
    if host not in ("127.0.0.1", "::1", "localhost"):
        raise SystemExit(f"load: {host} is not loopback; the benchmark never loads another machine")
    ab = shutil.which("ab")
    if not ab:
        raise SystemExit("load: Apache's ab is missing: run `make system-test` (Debian's apache2-utils)")
    print(
        f"\nLoad on the project's nginx configuration ({LOAD_REQUESTS} requests or {LOAD_SECONDS} s per run, "
        "keep-alive, Accept-Encoding: br, gzip)"
    )
    print(f"{'page':<16} {'connections':>11} {'requests':>9} {'req/s':>9} {'errors':>7}")
    results = {}
    for path in LOAD_PATHS:
        for level in LOAD_LEVELS:
            # -t before -n: -t alone would set the count to 50,000; -n after it bounds the count as well.
            run = subprocess.run(
                [
                    ab,
                    "-q",
                    "-k",
                    "-r",
                    "-t",
                    str(LOAD_SECONDS),
                    "-n",
                    str(LOAD_REQUESTS),
                    "-c",
                    str(level),
                    "-s",
                    "10",
                    "-H",
                    "Accept-Encoding: br, gzip",
                    base + path,
                ],
                capture_output=True,
                text=True,
                timeout=LOAD_SECONDS + 60,
            )
            figures = ab_figures(run.stdout)
            errors = figures["failed"] + figures["non_2xx"] + (0 if run.returncode == 0 else 1)
            results[(path, level)] = dict(figures, errors=errors)
            print(f"{path:<16} {level:>11} {figures['complete']:>9} {figures['per_second']:>9.0f} {errors:>7}")
    return results


def languages_project(target: Path, three: bool) -> Path:
    """A copy of the project with its 17 languages, or with French, Dutch and English only."""
    for name in ("docs", "data", "hooks", "overrides", "hosting"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if three:
        listing = target / "data" / "languages.yml"
        kept = [
            line
            for line in listing.read_text(encoding="utf-8").split("\n")
            if not re.match(r"  - \{code: (?!fr|nl|en)", line)
        ]
        listing.write_text("\n".join(kept), encoding="utf-8")
        for folder in (target / "docs").iterdir():
            if folder.name not in ("fr", "nl", "en"):
                shutil.rmtree(folder)
    return target


# Builds of each kind, the fastest counted (another program on the machine only ever adds time): cold, with
# .cache/ removed before each; warm, with the .cache/ of the build before.
LANGUAGE_RUNS = {"cold": 2, "warm": 3}


def language_build_times() -> None:
    """A build that grows with pages, not with languages: the 17-language build against the 3-language one,
    each timed cold (no .cache/) and warm (.cache/ kept from the build before, as on the server that rebuilds
    every night and under make serve), with and without the publication files (the leaflet PDFs and the
    compressed copies)."""
    print(
        "\nBuild time by number of languages (mkdocs build --strict, wall seconds, the fastest of "
        f"{LANGUAGE_RUNS['cold']} cold and {LANGUAGE_RUNS['warm']} warm builds; budget: 17 at most 2x 3)."
    )
    print(f"{'':<34}{'3 languages':>12}{'17 languages':>14}{'ratio':>8}")
    for publish in ("0", "1"):
        times = {}
        for three in (True, False):
            with tempfile.TemporaryDirectory() as folder:
                project = languages_project(Path(folder) / "project", three)
                env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PUBLISH_FILES=publish)
                command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"]

                def timed(cold: bool, project=project, env=env, command=command) -> float:
                    if cold:
                        shutil.rmtree(project / ".cache", ignore_errors=True)
                    start = time.perf_counter()
                    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
                    if result.returncode:
                        raise SystemExit(f"build failed in {project}:\n{result.stderr[-2000:]}")
                    return time.perf_counter() - start

                times[three] = {
                    kind: min(timed(kind == "cold") for _ in range(runs)) for kind, runs in LANGUAGE_RUNS.items()
                }
        label = "with PDFs and compressed copies" if publish == "1" else "pages only (PUBLISH_FILES=0)"
        for kind in LANGUAGE_RUNS:
            three, seventeen = times[True][kind], times[False][kind]
            print(f"{label + ', ' + kind:<34}{three:>12.1f}{seventeen:>14.1f}{seventeen / three:>7.1f}x")


def editor_check(runs: int = 3) -> None:
    """`make check` with a warm .cache/ (a first run warms it): an editor's verdict on a change."""
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        result = subprocess.run(["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True)
        if run:
            times.append(time.perf_counter() - started)
    verdicts = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    print(
        f"make check, warm .cache/: {sorted(times)[len(times) // 2]:.1f} s, the median of {runs} "
        f"({', '.join(f'{t:.1f}' for t in times)}). Budget: under 60 s.\n  " + "\n  ".join(verdicts)
    )


def fresh_tests() -> None:
    """`make test` on a fresh clone of the committed project, as CI runs it (installs included)."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True)
        started = time.perf_counter()
        result = subprocess.run(["make", "--no-print-directory", "test"], cwd=clone, capture_output=True, text=True)
        took = time.perf_counter() - started
        summary = [line for line in result.stdout.splitlines() if " passed" in line or " failed" in line][-1:]
        print(f"make test on a fresh clone: {took / 60:.1f} min, {' '.join(summary)}. Budget: at most 8 min.")


def tree_cpu(pid: int) -> float:
    """Processor seconds of a process and all it started, running or ended (an ended process counts in its
    parent's cutime once the parent has waited for it)."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = sum(int(value) for value in fields[11:15])
    family, grown = {pid}, True
    while grown:
        more = {child for child, parent in parents.items() if parent in family} - family
        family |= more
        grown = bool(more)
    return sum(times.get(member, 0) for member in family) / os.sysconf("SC_CLK_TCK")


def browser_costs(base: str, rounds: int = 30) -> None:
    from playwright.sync_api import sync_playwright

    address = base + page_url("fr", "journey/")
    for name, binary in (("Chromium (prints the leaflets)", CHROMIUM), ("its headless shell (the tests)", BROWSER)):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
            kept = browser.new_context(viewport={"width": 390, "height": 844})
            tab = kept.new_page()
            figures = []
            for way in ("new context", "new tab", "same tab"):
                cpu, started = tree_cpu(os.getpid()), time.perf_counter()
                for _ in range(rounds):
                    if way == "new context":
                        context = browser.new_context(viewport={"width": 390, "height": 844})
                        context.new_page().goto(address)
                        context.close()
                    elif way == "new tab":
                        other = kept.new_page()
                        other.goto(address)
                        other.close()
                    else:
                        tab.goto(address)
                spent = (tree_cpu(os.getpid()) - cpu) / rounds * 1000
                figures.append(f"{way} {spent:.0f} ms ({(time.perf_counter() - started) / rounds * 1000:.0f} ms wall)")
            browser.close()
        print(f"{name}, {binary}, a page of {rounds}: processor " + ", ".join(figures))


def main(argv: list[str]) -> None:
    wanted = set(argv) or {"weight", "lighthouse", "build", "load", "check"}
    print(
        f"voluntaryreturn.be benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    site = ROOT / "site"
    if wanted & {"weight", "lighthouse", "load", "estimator", "sheets", "browsers"}:
        if not (site / "index.html.gz").exists():
            raise SystemExit("site/ is missing or has no compressed copies: run `make build` first (make bench does)")
        # The server's own capacity: one address sends every request here, so the per-visitor request limit
        # (limits.requests_per_second, 429 beyond: tests/test_hosting.py) is lifted; the rest is production's.
        data = load_hosting()
        data["limits"] = dict(data["limits"], requests_per_second=10000, request_burst=100000)
        process, base = start_nginx(site, Path(tempfile.mkdtemp(prefix="bench-nginx-")), data=data)
        try:
            if "weight" in wanted:
                weight(site, base)
            if "estimator" in wanted:
                estimator_budgets(site, base)
            if "sheets" in wanted:
                sheets_budgets(site, base)
            if "lighthouse" in wanted:
                lighthouse(base)
            if "load" in wanted:
                load(base)
            if "browsers" in wanted:
                browser_costs(base)
        finally:
            process.terminate()
    if "sheets" in wanted:
        full_build_times()
    if "build" in wanted:
        build_times()
    elif "serve" in wanted:
        serve_rebuild()
    if wanted & {"build", "languages"}:
        language_build_times()
    if "search" in wanted:
        compare_search_engines(site)
    if "check" in wanted:
        editor_check()
    if "tests" in wanted:
        fresh_tests()


if __name__ == "__main__":
    main(sys.argv[1:])
