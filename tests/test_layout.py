"""The site's frame (main.html, site.css, layout.js, hooks/components/layout.py): focus that never disappears, the
menu button, the language bar that keeps the place, and the phone's band of languages and free number."""

from __future__ import annotations

import re

import pytest

from conftest import LOCALES, page_url

WIDTHS = (320, 360, 1280)
# One page of each kind.
KINDS = {
    "home": "",
    "programme page": "journey/",
    "estimator": "estimator/",
    "contact page": "contact/",
    "story": "stories/albania-bakery/",
    "stories index": "stories/",
    "FAQ": "faq/",
}
SEARCH_FIELD = "input.md-search__input"

# Why the focused element cannot be seen, or null: no size, hidden, transparent, outside the viewport, or
# covered (by the sticky header and band, or anything else) at its corners or centre.
FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const label = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).split(' ')[0] : '') + ' "' + label + '"';
  const rects = [...el.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
  if (!rects.length) return name + ': no size';
  if (getComputedStyle(el).visibility !== 'visible') return name + ': hidden';
  for (let node = el; node; node = node.parentElement) {
    if (parseFloat(getComputedStyle(node).opacity) < 0.1) return name + ': transparent';
  }
  const r = rects[0];
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  if (r.top < -1 || r.left < -1 || r.right > width + 1 || r.top >= height - 2 || r.left >= width - 2)
    return name + ': outside the viewport ' + JSON.stringify([Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)]);
  // Under the sticky header (and the band above it on a phone), unless it is part of them or drawn over them.
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const over = el.closest('.md-header, [data-md-component=announce], .md-skip, .md-sidebar--primary, .md-search, .md-top');
  if (!over && r.top < header.bottom - 1) return name + ': under the header (' + Math.round(r.top) + ' < ' + Math.round(header.bottom) + ')';
  // Hit-tested inside its box (a radio button is round: its corners belong to its parent).
  const w = Math.min(r.right, width) - r.left, h = Math.min(r.bottom, height) - r.top;
  const points = [[r.left + w * 0.3, r.top + h * 0.3], [r.left + w / 2, r.top + h / 2], [r.left + w * 0.7, r.top + h * 0.7]];
  for (const [x, y] of points) {
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el === hit || el.contains(hit) || (hit.control === el))) {
      const by = hit ? hit.tagName.toLowerCase() + (hit.closest('.md-search') ? ' of the search' : '.' + String(hit.className).split(' ')[0]) : 'nothing';
      return name + ': covered by ' + by + ' at ' + Math.round(x) + ',' + Math.round(y);
    }
  }
  return null;
}"""

# Where the focus is after a key, in one round trip to the page: {gone: it left the page (for the browser's own
# controls), again: it is back on the walk's first stop, problem: FOCUS_PROBLEM's answer, search: it is on the
# search field}. The walk's first stop is kept in the page (window.__firstStop).
STOP = (
    """([forward, search]) => {
  const e = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
  if (!e) return {gone: true};
  if (forward && !window.__firstStop) window.__firstStop = e;
  else if (forward && window.__firstStop === e) return {again: true};
  return {problem: ("""
    + FOCUS_PROBLEM
    + """)(), search: e.matches(search)};
}"""
)


# FOCUS_PROBLEM once the page is still: no animation or transition running (the skip link fading in, the header
# sliding) and the scrolling the focus started (smooth) ended, for two frames in a row; at most a second.
SETTLED_PROBLEM = (
    """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const end = performance.now() + 1000;
  let still = 0, last = null;
  while (still < 2 && performance.now() < end) {
    await frame();
    const now = [scrollX, scrollY, ...[...document.querySelectorAll('*')].filter(e => e.scrollTop).map(e => e.scrollTop)].join();
    const moving = document.getAnimations().some(a => a.playState === 'running');
    still = !moving && now === last ? still + 1 : 0;
    last = now;
  }
  return ("""
    + FOCUS_PROBLEM
    + """)();
}"""
)


def walk(tab, forward: int = 150, back: int = 30) -> tuple[list[str], list[str], int]:
    """Tab through the page (then Shift+Tab back some way): (problems, problems on the search field or while
    the search it opens covers the page, number of stops)."""
    problems, search, stops = [], [], 0
    on_search = False
    tab.evaluate("() => { window.__firstStop = null; }")
    for key, presses in (("Tab", forward), ("Shift+Tab", back)):
        for _ in range(presses):
            tab.keyboard.press(key)
            stop = tab.evaluate(STOP, [key == "Tab", SEARCH_FIELD])
            if stop.get("gone") or stop.get("again"):
                break  # focus left the page, or came back to the first stop
            stops += 1
            after_search = on_search
            problem = stop["problem"]
            if problem:
                problem = tab.evaluate(SETTLED_PROBLEM)  # it may only be passing
            on_search = stop["search"]
            if not problem:
                continue
            # Material opens its search when its field gets the focus; its overlay covers the page and holds
            # the scrolling until the next stop.
            by_search = on_search or after_search or "of the search" in problem
            (search if by_search else problems).append(f"{key}: {problem}")
    return problems, search, stops


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_is_visible_and_the_closed_search_takes_none(browser, server, width, locale):
    """Visible: in the viewport and not under the header. The closed search must not be a Tab stop nobody sees,
    nor its panel cover the next one."""
    context = browser.new_context(viewport={"width": width, "height": 640})
    tab = context.new_page()
    found = {}
    for kind, path in KINDS.items():
        tab.goto(server + page_url(locale, path))
        tab.wait_for_load_state("load")
        found[kind] = walk(tab)
    context.close()
    problems = {kind: result[0] for kind, result in found.items() if result[0]}
    search = {kind: result[1] for kind, result in found.items() if result[1]}
    assert all(result[2] >= 5 for result in found.values()), {kind: result[2] for kind, result in found.items()}
    assert not problems, problems
    assert not search, f"the closed search is a Tab stop nobody sees, or its panel covers the next one, at {width} px"


def test_before_the_change_the_walk_would_have_failed(browser, server):
    """The check can fail: with the drawer forced into the Tab order again, its links are reported."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    tab = context.new_page()
    tab.goto(server + "/en/contact/")
    tab.add_style_tag(content=".md-sidebar--primary { visibility: visible !important; }")
    problems, _, _ = walk(tab, forward=25, back=0)
    context.close()
    assert any("md-nav__link" in problem and "outside the viewport" in problem for problem in problems), problems


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("width", (320, 360, 1024))
def test_the_menu_opens_and_closes_with_the_keyboard(browser, server, width, locale):
    context = browser.new_context(viewport={"width": width, "height": 640})
    tab = context.new_page()
    tab.goto(server + page_url(locale, "journey/"))
    drawer = tab.locator(".md-sidebar--primary")
    button = tab.locator(".md-header button.layout-menu")
    assert not drawer.locator("a.md-nav__link").first.is_visible()
    tab.locator("body").focus()
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('.md-header .layout-menu')"):
            break
    else:
        raise AssertionError("the menu button cannot be reached with the Tab key")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-label")
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    tab.wait_for_timeout(300)  # the drawer slides in
    assert tab.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    assert tab.evaluate(FOCUS_PROBLEM) is None
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.getElementById('__drawer').checked"), "Tab stays in the open drawer"
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert not tab.url.endswith("/journey/"), "a link of the drawer leads to its page"
    tab.goto(server + page_url(locale, "journey/"))
    tab.locator(".md-header .layout-menu").focus()
    tab.keyboard.press(" ")
    assert tab.evaluate("document.getElementById('__drawer').checked")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__drawer').checked")
    assert tab.evaluate("document.activeElement.matches('.md-header .layout-menu')")
    tab.locator(".md-header .layout-menu").click()  # a finger or a mouse
    assert tab.evaluate("document.getElementById('__drawer').checked")
    context.close()


def test_without_javascript_the_drawer_slides_in_when_its_links_have_the_focus(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/en/journey/")
    tab.locator(".md-sidebar--primary a.md-nav__link").nth(2).focus()
    tab.wait_for_timeout(400)
    assert tab.evaluate(FOCUS_PROBLEM) is None
    context.close()


# --- The language bar keeps the place ----------------------------------------------------------------


ANSWERS = "#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=no"


@pytest.mark.parametrize("source, target", [("fr", "nl"), ("nl", "en"), ("en", "fr")])
def test_switching_language_on_the_estimator_keeps_the_answers(page, source, target):
    tab = page.open(page_url(source, "estimator/") + ANSWERS)
    tab.locator("#estimator-adults").fill("3")  # the estimator rewrites the fragment without a hashchange
    tab.wait_for_function("location.hash.includes('adults=3')")
    with tab.expect_navigation():
        tab.locator(f'.layout-languages a[lang="{target}"]').click()
    assert tab.url.split("#")[0].endswith(page_url(target, "estimator/"))
    assert "adults=3" in tab.url and "destination=GE" in tab.url
    assert tab.locator("#estimator-adults").input_value() == "3"
    assert tab.locator("#estimator-children").input_value() == "1"
    assert tab.locator('[data-estimator-state="result"]').count() == 1
    assert tab.locator("#estimator-vulnerable-yes").is_checked()


@pytest.mark.parametrize("source, target", [("fr", "en"), ("en", "nl"), ("nl", "fr")])
def test_switching_language_on_the_contact_page_keeps_the_desk(page, source, target):
    tab = page.open(page_url(source, "contact/") + "#desk-antwerp")
    link = tab.locator(f'.layout-languages a[lang="{target}"]')
    assert link.get_attribute("href").endswith("contact/#desk-antwerp")
    tab.evaluate("location.hash = '#desk-ghent'")
    assert link.get_attribute("href").endswith("contact/#desk-ghent"), "the link follows hashchange"
    tab.evaluate("location.hash = '#desk-antwerp'")
    with tab.expect_navigation():
        link.press("Enter")
    assert tab.url.endswith(page_url(target, "contact/") + "#desk-antwerp")
    box = tab.locator("#desk-antwerp").bounding_box()
    header = tab.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= box["y"] + 1 < 640, "the desk is shown, below the header"


def test_without_javascript_the_language_links_lead_to_the_page_itself(page_without_js):
    tab = page_without_js.open("/en/contact/#desk-antwerp")
    assert tab.locator('.layout-languages a[lang="nl"]').get_attribute("href") == "../../nl/contact/"


# --- The band of languages and the free number on a phone ----------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("width", (320, 360))
def test_the_band_is_one_line_and_the_free_number_stays_while_scrolling(browser, server, width, locale):
    context = browser.new_context(viewport={"width": width, "height": 640})
    tab = context.new_page()
    tab.goto(server + page_url(locale, "journey/"))
    tops = tab.evaluate(
        "[...document.querySelectorAll('.layout-languages a, .layout-toll-free__number')]"
        ".map(e => e.getBoundingClientRect()).filter(r => r.width > 0)"  # the page's own language is hidden
        ".map(r => [Math.round(r.top), Math.round(r.bottom)])"
    )
    assert max(top for top, _ in tops) < min(bottom for _, bottom in tops), f"not one line: {tops}"
    band = tab.locator("[data-md-component=announce]").bounding_box()
    assert band["height"] <= 60, "the band takes less than a tenth of a 640 px screen"
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    header = tab.locator(".md-header").bounding_box()
    assert abs(header["y"] - band["height"]) <= 1, "the header sits under the band, not over it"
    tab.mouse.wheel(0, 1500)
    tab.wait_for_timeout(300)
    assert tab.evaluate("scrollY") > 1000
    number = tab.locator(".layout-toll-free__number")
    box = number.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= band["height"] + 1
    hit = tab.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.layout-toll-free__number') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit, "the free number can be tapped while the page is scrolled"
    assert box["height"] >= 24, "a target a thumb can hit (WCAG 2.5.8)"
    context.close()


# --- Built HTML ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_no_landmark_is_without_a_name_and_no_label_points_at_nothing(site, locale):
    from conftest import html_pages

    for path in html_pages(site, locale) + ["404.html"]:
        file = (site if locale == LOCALES[0] else site / locale) / (
            path if path.endswith(".html") else path + "index.html"
        )
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"<aside(?![^>]*aria-label)[^>]*>", html), f"{file}: an <aside> without a name"
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        missing = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html)) - ids
        assert not missing, f"{file}: labels for missing ids {missing}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_bold_paragraph_stands_for_a_heading(site, locale):
    from conftest import html_pages

    base = site if locale == LOCALES[0] else site / locale
    fake = {
        path: re.findall(r"<p><strong>([^<]*)</strong></p>", (base / path / "index.html").read_text(encoding="utf-8"))
        for path in html_pages(site, locale)
    }
    assert not {path: found for path, found in fake.items() if found}
    html = (base / "professionals" / "index.html").read_text(encoding="utf-8")
    heading = {"fr": "Pourquoi les villes ?", "nl": "Waarom de steden?", "en": "Why cities?"}[locale]
    # French typography puts a no-break space before "?".
    pattern = r"[\s\u00a0\u202f]".join(re.escape(word) for word in heading.split(" "))
    assert re.search(rf"<h3 id=\"[^\"]+\">{pattern}</h3>", html), "a heading a screen reader can jump to"


# --- Without JavaScript every page reads true ----------------------------------------------------------

# Words that speak of a control that needs the script: the estimator's questions, the postcode finder, the
# story filters.
CONTROL_WORDS = {
    "fr": (
        "vos réponses",
        "ce calcul se fait",
        "répondez",
        "filtr",
        "comment lire le résultat",
        "trouver le guichet pour",
    ),
    "nl": (
        "uw antwoorden",
        "deze berekening gebeurt",
        "beantwoord",
        "filter",
        "hoe leest u het resultaat",
        "het loket voor mijn postcode",
    ),
    "en": (
        "your answers",
        "this calculation happens",
        "answer the",
        "filter",
        "how to read the result",
        "find the desk for",
    ),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_without_javascript_pages_speak_of_no_control_that_is_not_there(page_without_js, locale):
    for path in ("estimator/", "contact/", "stories/"):
        tab = page_without_js.open(page_url(locale, path))
        text = tab.locator("article.md-content__inner").inner_text().lower()
        found = [words for words in CONTROL_WORDS[locale] if words in text]
        assert not found, f"{page_url(locale, path)} speaks of {found} without the controls"
        for control in ("[data-estimator-form]", "[data-desks-finder]", "[data-stories-filter]"):
            assert not tab.locator(control).is_visible()
    tab = page_without_js.open(page_url(locale, "estimator/"))
    assert tab.locator("[data-estimator-no-script]").is_visible(), "the page says why the table stands alone"


@pytest.mark.parametrize("locale", LOCALES)
def test_with_javascript_the_same_texts_are_there(page, locale):
    tab = page.open(page_url(locale, "estimator/"))
    text = tab.locator("article.md-content__inner").inner_text().lower()
    assert CONTROL_WORDS[locale][1] in text and CONTROL_WORDS[locale][4] in text
    assert not tab.locator("[data-estimator-no-script]").is_visible()
