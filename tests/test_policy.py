"""Only our own scripts run: the theme's inline scripts are known and pinned, nothing else inline reaches a
built page, and text from data (a city, an interface text, a title) comes out as text.

The injection test writes `"'&<b>…</b><script>…</script><img onerror=…>` into every data field that reaches
HTML or JSON-LD, builds, serves the result with the project's nginx configuration and opens the pages in
Chromium: nothing runs, and the text reads as written. (What reaches nginx is refused by the schema of
data/hosting.yml: see test_content.py.)
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import pytest

from conftest import LOCALES, ROOT, build_site, copy_project, start_nginx
from hooks.checks.policy import THEME_SCRIPTS, check, csp_hashes, problems_of, theme_scripts
from hooks.core.data import DataError, load_yaml
from hooks.publishing.hosting import script_hashes

KNOWN = theme_scripts()
THEME = load_yaml(THEME_SCRIPTS).data["theme"]


# --- The theme's inline scripts ---------------------------------------------------------------------


def test_the_listed_theme_scripts_are_those_of_the_installed_theme():
    """Fails when the theme is upgraded: read its new inline scripts, then update hosting/theme_scripts.yml."""
    assert f"mkdocs-material {version('mkdocs-material')}" == THEME, (
        "mkdocs-material changed version: check its inline scripts and update hosting/theme_scripts.yml"
    )


def test_every_listed_theme_script_is_in_the_built_pages_and_no_other(site):
    found = set(script_hashes([page.read_text(encoding="utf-8") for page in site.rglob("*.html")]))
    assert found == set(csp_hashes()), "the theme's inline scripts differ from hosting/theme_scripts.yml"


def test_the_published_policy_pins_exactly_the_listed_scripts(site):
    policy = re.search(r"Content-Security-Policy: (.*)", (site / "_headers").read_text(encoding="utf-8")).group(1)
    sources = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert sources == ["'self'"] + csp_hashes()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


# --- What a built page may hold ---------------------------------------------------------------------

THEME_SCRIPT = next(iter(KNOWN))


@pytest.mark.parametrize(
    "html",
    [
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        '<script src="/assets/javascripts/site.0123abcd.js"></script>',
        '<script id="__config" type="application/json">{"base": "."}</script>',
        '<script type="application/json" data-estimator-data>{"a": "<\\/script>"}</script>',
        '<script type="application/ld+json">{"@type": "GovernmentOffice"}</script>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        '<a href="https://www.openstreetmap.org/search?query=x">map</a> <a href="tel:+3280032745">call</a>',
    ],
)
def test_what_we_ship_passes(html):
    assert problems_of(html, KNOWN) == []


def test_the_theme_s_own_inline_scripts_pass(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>" in page and problems_of(page, KNOWN) == []


@pytest.mark.parametrize(
    "html, said",
    [
        ("<script>alert(1)</script>", "an inline script not listed in hosting/theme_scripts.yml"),
        ('<script type="text/javascript">alert(1)</script>', "an inline script not listed"),
        ('<script type="module">import("x")</script>', "an inline script not listed"),
        ('<script src="https://cdn.example.com/x.js"></script>', "is not one of the site's own scripts"),
        ('<script src="//cdn.example.com/assets/javascripts/x.js"></script>', "is not one of the site's own scripts"),
        ('<img src="x.png" alt="" onerror="alert(1)">', "<img onerror=...> is a script in an attribute"),
        ('<body onload="alert(1)">', "<body onload=...> is a script in an attribute"),
        ('<a href="javascript:alert(1)">x</a>', "is a script address"),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "is a script address"),
        ('<a href="java&#115;cript:alert(1)">x</a>', "is a script address"),
        ('<a href="javascript&colon;alert(1)">x</a>', "is a script address"),
        ('<form action="javascript:alert(1)"></form>', "is a script address"),
        ('<iframe src="data:text/html,x"></iframe>', "<iframe> embeds what the policy does not allow"),
        ('<p style="color: red">x</p>', 'style="color: red"> is an inline style'),
        ("<style>p { color: red }</style>", "<style> embeds what the policy does not allow"),
        ('<object data="x.swf"></object>', "<object> embeds"),
    ],
)
def test_anything_else_is_named(html, said):
    found = problems_of(html, KNOWN)
    assert any(said in problem for problem in found), found
    with pytest.raises(DataError) as error:
        check(html, "docs/fr/journey.md", KNOWN)
    assert all(
        line.startswith("docs/fr/journey.md: built page: ") and ". Fix: " in line and "\n" not in line
        for line in error.value.messages
    )


@pytest.mark.engine
def test_a_script_added_to_a_template_stops_the_build_naming_the_source(tmp_path):
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", "{% block extrahead %}\n  <script>fetch('https://tracker.example/')</script>", 1
        ),
        encoding="utf-8",
    )
    result = build_site(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(
        r"(docs/fr/[a-z/]+\.md|overrides/(404|500)\.html): built page: an inline script not listed in hosting/theme_scripts\.yml "
        r"\(sha256-[A-Za-z0-9+/=]+: \"fetch\('https://tracker\.example/'\)\"\)\. Fix: ",
        output,
    ), output[-2000:]


# --- Text from data is text -------------------------------------------------------------------------

PAYLOAD = "\"'&<b>bold</b><script>window.__ran='script'</script><img src=x onerror=\"window.__ran='handler'\">"
YAML = json.dumps(PAYLOAD)  # a double-quoted YAML scalar
STORY_SUMMARY = re.search(
    r"^summary: .*$", (ROOT / "docs/fr/stories/albania-bakery.md").read_text(encoding="utf-8"), re.M
).group(0)

INJECTIONS = [
    # data/desks.yml: what the contact page, the leaflet, the footer and the JSON-LD draw
    ("data/desks.yml", "city: {fr: Anvers,", f"city: {{fr: {YAML},"),
    ("data/desks.yml", "street: {fr: Lamorinièrestraat,", f"street: {{fr: {YAML},"),
    ("data/desks.yml", "place: {fr: Anvers,", f"place: {{fr: {YAML},"),
    ("data/desks.yml", "area: {fr: Région de Bruxelles-Capitale,", f"area: {{fr: {YAML},"),
    # data/ui.yml: the frame, the directory, the stories, the printed page
    (
        "data/ui.yml",
        'promise: {fr: "Gratuit et sans engagement. Vous pouvez changer d\'avis à tout moment."',
        f"promise: {{fr: {YAML}",
    ),
    ("data/ui.yml", 'language_label: {fr: "Langue"', f"language_label: {{fr: {YAML}"),
    ("data/ui.yml", 'search: {fr: "Rechercher sur le site"', f"search: {{fr: {YAML}"),
    ("data/ui.yml", 'not_found_title: {fr: "Cette page n\'existe pas"', f"not_found_title: {{fr: {YAML}"),
    ("data/ui.yml", 'changed: {fr: "Dernière modification de cette page :"', f"changed: {{fr: {YAML}"),
    ("data/ui.yml", 'qr_label: {fr: "Code QR vers {address}"', f"qr_label: {{fr: {json.dumps(PAYLOAD + ' {address}')}"),
    # data/stories.yml and a story's front matter
    ("data/stories.yml", "balkans: {fr: Balkans,", f"balkans: {{fr: {YAML},"),
    ("data/stories.yml", "label: {fr: Le voyage de retour,", f"label: {{fr: {YAML},"),
    ("docs/fr/stories/albania-bakery.md", STORY_SUMMARY, f"summary: {YAML}"),
    ("docs/fr/stories/albania-bakery.md", "country: Albanie", f"country: {YAML}"),
    ("docs/fr/stories/albania-bakery.md", "title: Arben a ouvert une boulangerie à Elbasan", f"title: {YAML}"),
    # a page's title and description
    ("docs/fr/journey.md", "\ntitle: ", f"\ntitle: {YAML}\nx_old_title: "),
    ("docs/fr/journey.md", "\ndescription: ", f"\ndescription: {YAML}\nx_old_description: "),
]
# The free number's label reaches the estimator's partial too, which joins the autoescaping environment with
# its rewrite: until then the build stops at the estimator page (see the test after the browser's).
TOLL_FREE_LABEL = ("data/ui.yml", 'label: {fr: "Numéro gratuit"', f"label: {{fr: {YAML}")
PAGES = ["/", "/contact/", "/journey/", "/stories/", "/stories/albania-bakery/", "/leaflet/", "/no-such-page/"]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injected")
    project = copy_project(folder / "project")
    for relative, old, new in INJECTIONS:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the case no longer matches {relative}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build_site(project, folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr  # built, every value inert
    return folder / "site"


@pytest.mark.engine
@pytest.mark.xdist_group("injected")
def test_no_injected_markup_reaches_a_page(injected):
    for page in injected.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__ran" not in html, page
        assert "<b>bold</b>" not in html, page
        assert 'onerror="window' not in html and "<img src=x" not in html, page
        assert problems_of(html, KNOWN) == [], page
    contact = (injected / "contact" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__ran=&#39;script&#39;&lt;/script&gt;" in contact


@pytest.mark.engine
@pytest.mark.xdist_group("injected")
def test_the_json_ld_keeps_the_text_and_cannot_close_its_block(injected):
    html = (injected / "contact" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    names = [place["name"] for place in json.loads(block)["department"]]
    assert any(name.endswith(PAYLOAD) for name in names)


@pytest.mark.engine
@pytest.mark.xdist_group("injected")
def test_the_page_title_and_description_are_text(injected):
    html = (injected / "journey" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("&#34;&#39;&amp;&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;")
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert "&lt;script&gt;" in description


@pytest.mark.engine
@pytest.mark.nginx
@pytest.mark.xdist_group("injected")
def test_chromium_under_the_nginx_configuration_runs_none_of_it(injected, browser, tmp_path):
    process, base = start_nginx(injected, tmp_path / "nginx")
    try:
        context = browser.new_context()
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in PAGES:
            tab.goto(base + path)
            tab.wait_for_load_state("load")
            assert tab.evaluate("window.__ran") is None, path
        tab.goto(base + "/contact/")
        assert PAYLOAD in tab.locator("#desk-antwerp h3").inner_text()
        tab.goto(base + "/journey/")
        assert tab.title().startswith(PAYLOAD)
        context.close()
        assert dialogs == []
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.engine
@pytest.mark.xdist_group("injected")
def test_the_other_languages_are_untouched_by_the_french_injection(injected):
    for locale in LOCALES[1:]:
        assert "&lt;script&gt;" not in (injected / locale / "journey" / "index.html").read_text(encoding="utf-8")


@pytest.mark.engine
def test_a_script_in_the_free_number_s_label_is_text_or_stops_the_build(tmp_path):
    """Either outcome the issue allows: inert everywhere, or the build stops naming the page where it would run."""
    project = copy_project(tmp_path / "project")
    relative, old, new = TOLL_FREE_LABEL
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if result.returncode != 0:
        assert re.search(r"docs/fr/[a-z/]+\.md: built page: an inline script not listed", output), output[-2000:]
        return
    for page in (tmp_path / "site").rglob("*.html"):
        assert problems_of(page.read_text(encoding="utf-8"), KNOWN) == [], page
    json_ld = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        (tmp_path / "site" / "contact" / "index.html").read_text(encoding="utf-8"),
        re.S,
    ).group(1)
    assert json.loads(json_ld)["contactPoint"]["contactType"] == PAYLOAD


# --- Every address a built page loads or tells is the site's (issue 24) ------------------------------------------

FOREIGN_IN_PAGES = {
    "srcset": ('<img src="a.png" srcset="a.png 1x, https://evil.example/b.png 2x" alt="">', "<img srcset="),
    "input image": ('<input type="image" src="//evil.example/i.png" alt="go">', "<input src="),
    "ping": ('<a href="faq/" ping="https://evil.example/p">FAQ</a>', "<a ping="),
    "poster": ('<video poster="https:&#47;&#47;evil.example/p.jpg"></video>', "<video poster="),
    "object data": ('<object data="https://evil.example/x.svg"></object>', "<object data="),
    "form action": ('<form action="https://evil.example/f"></form>', "<form action="),
    "formaction": ('<button formaction="ht&#9;tps://evil.example/">go</button>', "<button formaction="),
    "link href": ('<link rel="icon" href="/\\evil.example/i.png">', "<link href="),
    "preload imagesrcset": (
        '<link rel="preload" as="image" imagesrcset="https://evil.example/a.png 1x">',
        "imagesrcset=",
    ),
    "svg image": ('<svg><image href="https://evil.example/s.png"/></svg>', "<image href="),
    "meta refresh": ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "<meta http-equiv=refresh>"),
    "body background": ('<body background="https://evil.example/bg.png">', "<body background="),
    "a quote inside another attribute": ('<img alt="a>b" src="https://evil.example/q.png">', "<img src="),
}


@pytest.mark.parametrize("case", FOREIGN_IN_PAGES)
def test_every_attribute_that_loads_or_pings_another_site_is_refused_on_a_built_page(case):
    from hooks.checks.policy import own_hosts

    html, said = FOREIGN_IN_PAGES[case]
    problems = problems_of(f"<!doctype html><html><head></head><body>{html}</body></html>", KNOWN, own_hosts())
    assert any(said in problem for problem in problems), problems
    assert all("javascript" not in problem for problem in problems)


def test_the_site_s_own_addresses_pass():
    from hooks.checks.policy import foreign_addresses, own_hosts

    html = (
        '<link rel="canonical" href="https://www.voluntaryreturn.be/en/faq/">'
        '<link rel="alternate" hreflang="nl" href="https://www.vrijwilligeterugkeer.be/nl/faq/">'
        '<link rel="stylesheet" href="../assets/stylesheets/site.1234abcd.css"><img src="data:image/png;base64,AA" alt="">'
        '<img src="qr.png" srcset="qr.png 1x, qr-2x.png 2x" alt=""><a href="https://www.fedasil.be/">Fedasil</a>'
        '<a href="tel:080032745">0800</a><form action="../search/"></form>'
    )
    assert foreign_addresses(html, own_hosts()) == []


def test_a_built_page_that_loads_from_another_site_stops_the_build_naming_its_source():
    from hooks.checks.policy import check_page

    with pytest.raises(DataError) as error:
        check_page(
            '<html><body><img src="a.png" srcset="https://evil.example/x.png 2x" alt=""></body></html>', "docs/fr/x.md"
        )
    [line] = error.value.messages
    assert line.startswith("docs/fr/x.md: built page: <img srcset='https://evil.example/x.png'> loads or tells another")


def test_our_stylesheets_load_nothing_from_another_site(tmp_path):
    from hooks.checks.policy import own_hosts, stylesheet_problems

    assert stylesheet_problems() == [], "the project's own stylesheets"
    (tmp_path / "desks.css").write_text(
        '.a { color: red }\n.b { background: url("https://evil.example/t.gif") }\n@import "//evil.example/x.css";\n'
        ".c { background: url(data:image/svg+xml;base64,AA) } .d { background: url(../images/d.png) }\n",
        encoding="utf-8",
    )
    problems = stylesheet_problems(tmp_path, own_hosts())
    assert len(problems) == 2, problems
    assert re.match(
        r"^\S*desks\.css:2: stylesheet: 'url\(\"https://evil\.example/t\.gif\"\)' loads a file", problems[0]
    )
    assert re.match(r"^\S*desks\.css:3: stylesheet: '@import \"//evil\.example/x\.css\"' loads", problems[1])
    assert all(". Fix: put the file in overrides/assets/" in problem for problem in problems)
