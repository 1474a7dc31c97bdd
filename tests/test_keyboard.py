"""Keyboard and reading comfort in Chromium (issue 31): search as a panel walked with Tab and the arrow keys and
left with Escape; a visible focus on every Tab stop, compared pixel by pixel focused and unfocused; WCAG 1.4.12
text spacing at 320 px in every language; contrast in every state of a control, checked by axe.

One browser context for the module; its viewport changes with the width a test needs."""

from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ALL_LOCALES, LOCALES, html_pages, page_url


@pytest.fixture(scope="module")
def tab(browser, server):
    # Light mode, the site's only one (no palette): the colours checked are the ones people see.
    context = browser.new_context(viewport={"width": 1280, "height": 640}, locale="fr-BE", color_scheme="light")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.server = server
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"


def visit(tab, path: str, width: int = 1280):
    if tab.viewport_size["width"] != width:
        tab.set_viewport_size({"width": width, "height": 640})
    tab.goto(tab.server + path)
    tab.wait_for_load_state("load")
    return tab


def active(tab, selector: str) -> bool:
    return tab.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector)


# --- Search: a panel walked with Tab and the arrow keys, left with Escape ----------------------------------

PANEL_OPEN = "() => !document.querySelector('.search__panel').hidden"
# A word that finds several pages in each language searched (Arabic stems "Fedasil" to nothing).
WORDS = {"ar": "العودة", "zh": "回国"}
IN_PANEL = "() => document.querySelector('.search__panel').contains(document.activeElement)"


def open_with_results(tab, words: str) -> int:
    """Reach the search button with Tab, open it with Enter, type; the number of results."""
    tab.locator("body").focus()
    for _ in range(40):
        tab.keyboard.press("Tab")
        if active(tab, ".search__open"):
            break
    else:
        raise AssertionError("the search button cannot be reached with the Tab key")
    tab.keyboard.press("Enter")
    assert active(tab, ".search__input"), "opening search puts the focus in its box"
    tab.keyboard.type(words)
    tab.wait_for_function("w => document.querySelector('.search__results').dataset.query === w", arg=words)
    return tab.locator(".search__results a").count()


@pytest.mark.parametrize("locale, width", [("en", 1280), ("ar", 360), ("zh", 320)])
def test_the_arrow_keys_move_among_the_results_and_enter_opens_one(tab, locale, width):
    visit(tab, page_url(locale, "contact/"), width)
    count = open_with_results(tab, WORDS.get(locale, "Fedasil"))
    assert count >= 2
    links = tab.locator(".search__results a")
    tab.keyboard.press("ArrowDown")
    assert links.first.evaluate("a => a === document.activeElement"), "down from the box goes to the first result"
    tab.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("a => a === document.activeElement")
    tab.keyboard.press("End")
    assert links.last.evaluate("a => a === document.activeElement")
    tab.keyboard.press("ArrowDown")
    assert links.last.evaluate("a => a === document.activeElement"), "the last result stays the last"
    tab.keyboard.press("Home")
    assert links.first.evaluate("a => a === document.activeElement")
    tab.keyboard.press("ArrowUp")
    assert active(tab, ".search__input"), "up from the first result goes back to the box"
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    href = links.nth(1).get_attribute("href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == href


@pytest.mark.parametrize("locale, width", [("fr", 1280), ("ar", 360)])
def test_tab_and_shift_tab_never_leave_the_focus_under_the_open_panel(tab, locale, width):
    """The panel closes when the focus leaves it (search.js says why): whatever has the focus is either in the
    open panel, its button, or on a page the panel no longer covers."""
    for key in ("Tab", "Shift+Tab"):
        visit(tab, page_url(locale, ""), width)
        count = open_with_results(tab, WORDS.get(locale, "Fedasil"))
        seen_outside = False
        for _ in range(count + 6):
            tab.keyboard.press(key)
            inside, shown = tab.evaluate(IN_PANEL), tab.evaluate(PANEL_OPEN)
            if inside:
                assert shown
                continue
            if active(tab, ".search__open"):
                assert key == "Shift+Tab" and shown, "the search button keeps its panel open"
                continue
            focused = tab.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            assert not shown, f"{key}: the focus went to {focused} while the panel stays open over the page"
            assert tab.locator(".search__open").get_attribute("aria-expanded") == "false"
            seen_outside = True
            break
        assert seen_outside, f"{key} never leaves the panel"


@pytest.mark.parametrize("start", ["box", "result", "close"])
def test_escape_closes_and_gives_the_focus_back_to_the_search_button(tab, start):
    visit(tab, "/nl/faq/", 360)
    open_with_results(tab, "paspoort")
    if start == "result":
        tab.keyboard.press("ArrowDown")
        assert active(tab, ".search__results a")
    elif start == "close":
        tab.locator(".search__close").focus()
    tab.keyboard.press("Escape")
    assert not tab.evaluate(PANEL_OPEN)
    assert active(tab, ".search__open")
    assert tab.locator(".search__open").get_attribute("aria-expanded") == "false"


def test_the_results_are_a_list_of_links_the_button_controls(tab):
    visit(tab, "/en/", 1280)
    open_with_results(tab, "premium")
    button = tab.locator(".search__open")
    panel = tab.locator(".search__panel")
    assert button.get_attribute("aria-controls") == panel.get_attribute("id")
    assert button.get_attribute("aria-expanded") == "true"
    roles = tab.evaluate("""() => [...document.querySelectorAll('.search__results > *')]
        .map(item => item.tagName + '>' + [...item.children].map(c => c.tagName).join(','))""")
    assert roles and set(roles) == {"LI>A"}, roles
    results = tab.locator(".search__results").get_attribute("id")
    assert results and tab.locator(".search__input").get_attribute("aria-controls") == results


# --- Focus: every Tab stop looks different focused and unfocused ------------------------------------------

WIDTHS = (320, 360, 1280)
# Every kind of page; the essentials languages have five of them, and each language a 404 and an error page.
KINDS = {
    "home": "",
    "programme page": "journey/",
    "the programme on one page": "essentials/",
    "estimator": "estimator/",
    "contact page": "contact/",
    "story": "stories/albania-bakery/",
    "stories index": "stories/",
    "FAQ": "faq/",
    "glossary": "glossary/",
    "leaflet": "leaflet/",
    "languages": "languages/",
    "every page": "all-pages/",
    "404 page": "404.html",
    "error page": "500.html",
}
ESSENTIAL_KINDS = ("home", "estimator", "contact page", "leaflet", "languages", "404 page", "error page")

# Two captures must compare end states: no caret blinking in a focused field, no transition half run.
STEADY = "*, *::before, *::after { caret-color: transparent !important; transition: none !important; animation: none !important; }"

# The focused element: where it is (the clip to capture, in the page's coordinates), its visible perimeter,
# a name for messages, and the key of its style: elements of the same type and classes, within the same
# ancestors, on one line or several, look the same, so one of each is compared per language and width. null
# when the focus is on nothing, came back to the first stop or left the part walked (a selector, or null).
STOP = """within => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (window.__focusFirst === el || (within && !el.closest(within))) return null;
  window.__focusFirst = window.__focusFirst || el;
  window.__focusNow = el;
  const chain = [];
  for (let node = el; node && node !== document.body; node = node.parentElement)
    chain.push(node.tagName + '.' + (typeof node.className === 'string' ? node.className.trim() : ''));
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  const rects = [...el.getClientRects()].map(r => ({left: Math.max(0, r.left), top: Math.max(0, r.top),
      right: Math.min(width, r.right), bottom: Math.min(height, r.bottom)}))
    .filter(r => r.right - r.left >= 1 && r.bottom - r.top >= 1);
  const name = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/)[0] : '')
    + ' "' + (el.textContent || el.getAttribute('aria-label') || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  if (!rects.length) return {name, key: null};
  const margin = 10;
  const left = Math.max(0, Math.floor(Math.min(...rects.map(r => r.left)) - margin));
  const top = Math.max(0, Math.floor(Math.min(...rects.map(r => r.top)) - margin));
  const right = Math.min(width, Math.ceil(Math.max(...rects.map(r => r.right)) + margin));
  const bottom = Math.min(height, Math.ceil(Math.max(...rects.map(r => r.bottom)) + margin));
  return {name, key: chain.join('<') + '|' + (rects.length > 1),
          clip: {x: left + window.scrollX, y: top + window.scrollY, width: right - left, height: bottom - top, scale: 1},
          // WCAG's perimeter: of the shape, or of its bounding box where that is shorter (a link over lines).
          perimeter: Math.min(rects.reduce((sum, r) => sum + 2 * (r.right - r.left + r.bottom - r.top), 0),
                              2 * (right - left + bottom - top - 4 * margin))};
}"""

# Two PNG captures of the same place: how many pixels differ, and how many differ by a contrast of 3:1 or more;
# the focus goes back to the element, for the next Tab.
COMPARE = """async ([a, b]) => {
  const bitmap = data => { const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
    return createImageBitmap(new Blob([bytes], {type: 'image/png'})); };
  const [one, two] = await Promise.all([bitmap(a), bitmap(b)]);
  const canvas = new OffscreenCanvas(one.width, one.height), g = canvas.getContext('2d', {willReadFrequently: true});
  g.drawImage(one, 0, 0); const p = g.getImageData(0, 0, one.width, one.height).data;
  g.clearRect(0, 0, one.width, one.height); g.drawImage(two, 0, 0); const q = g.getImageData(0, 0, one.width, one.height).data;
  const linear = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const luminance = (d, i) => 0.2126 * linear(d[i]) + 0.7152 * linear(d[i + 1]) + 0.0722 * linear(d[i + 2]);
  let changed = 0, strong = 0;
  for (let i = 0; i < p.length; i += 4) {
    if (p[i] === q[i] && p[i + 1] === q[i + 1] && p[i + 2] === q[i + 2]) continue;
    changed++;
    const x = luminance(p, i), y = luminance(q, i);
    if ((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) >= 3) strong++;
  }
  window.__focusNow.focus();
  return [changed, strong];
}"""


class FocusWalk:
    """Tab through pages; every stop is counted, and one stop of each style is captured focused and unfocused
    (clipped to it and 10 px around: the focus indicator is drawn there)."""

    def __init__(self, tab):
        self.tab = tab
        self.cdp = tab.context.new_cdp_session(tab)
        self.seen: set[str] = set()
        self.walked = self.compared = 0
        self.unchanged: list[str] = []
        self.weak: list[str] = []

    def capture(self, clip) -> str:
        return self.cdp.send("Page.captureScreenshot", {"format": "png", "clip": clip, "optimizeForSpeed": True})[
            "data"
        ]

    def stop(self, where: str, within: str | None = None) -> dict | None:
        info = self.tab.evaluate(STOP, within)
        if info is None:
            return None
        self.walked += 1
        if info["key"] is None or info["key"] in self.seen:
            return info
        self.seen.add(info["key"])
        focused = self.capture(info["clip"])
        self.tab.evaluate("() => window.__focusNow.blur()")
        unfocused = self.capture(info["clip"])
        changed, strong = self.tab.evaluate(COMPARE, [focused, unfocused])  # and gives the focus back
        self.compared += 1
        if changed == 0:
            self.unchanged.append(f"{where}: {info['name']}")
        elif strong < 2 * info["perimeter"]:
            # WCAG 2.4.13: an indicator as large as a 2 px perimeter, changing by 3:1 or more.
            self.weak.append(
                f"{where}: {info['name']} ({strong} px change by 3:1, {round(2 * info['perimeter'])} wanted)"
            )
        return info

    def open(self, path: str, width: int) -> None:
        visit(self.tab, path, width)
        self.tab.add_style_tag(content=STEADY)

    def page(self, where: str, presses: int = 400) -> None:
        """Every stop of the page, from its top."""
        self.tab.evaluate("() => { window.__focusFirst = null; document.activeElement.blur(); }")
        for _ in range(presses):
            self.tab.keyboard.press("Tab")
            if self.stop(where) is None:
                return

    def content(self, where: str, presses: int = 400) -> None:
        """The stops of the page's content, from its title on: the frame around it (the band, the header, the
        sidebars, the footer) is the same on every page, and walked whole on the home page."""
        self.tab.evaluate("""() => { window.__focusFirst = null; const title = document.querySelector('.md-content h1');
            title.tabIndex = -1; title.focus(); }""")
        for _ in range(presses):
            self.tab.keyboard.press("Tab")
            if self.stop(where, ".md-content") is None:
                return

    def inside(self, where: str, container: str, presses: int = 60) -> None:
        """The stops of an opened part (the search panel, the menu), from the one that has the focus."""
        self.tab.evaluate("() => { window.__focusFirst = null; }")
        for _ in range(presses):
            if self.stop(where, container) is None:
                return
            self.tab.keyboard.press("Tab")


@pytest.mark.parametrize("locale", ["fr", "ar", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_shows_its_focus(tab, width, locale):
    begun = time.perf_counter()
    walk = FocusWalk(tab)
    kinds = {kind: path for kind, path in KINDS.items() if locale in LOCALES or kind in ESSENTIAL_KINDS}
    for kind, path in kinds.items():
        walk.open(page_url(locale, path), width)
        (walk.page if kind == "home" else walk.content)(f"{kind} {page_url(locale, path)}")
        if kind == "home":
            # What only shows once opened: the search panel with results, the menu of a narrow screen.
            walk.open(page_url(locale, path), width)
            tab.locator(".search__open").focus()
            tab.keyboard.press("Enter")
            word = WORDS.get(locale, "Fedasil")
            tab.keyboard.type(word)
            tab.wait_for_function("w => document.querySelector('.search__results').dataset.query === w", arg=word)
            walk.inside(f"search panel {page_url(locale, path)}", ".search__panel")
            if width < 1220:
                walk.open(page_url(locale, path), width)
                tab.locator(".md-header .layout-menu").focus()
                tab.keyboard.press("Enter")
                walk.inside(f"menu {page_url(locale, path)}", ".md-sidebar--primary")
    print(
        f"\n{locale} at {width} px: {walk.walked} Tab stops walked (the home page whole, the content of the other "
        f"{len(kinds) - 1} kinds of page, the open search panel and menu), {walk.compared} "
        f"compared focused and unfocused, {len(walk.unchanged)} without a visible focus, {len(walk.weak)} under "
        f"3:1 or 2 px ({time.perf_counter() - begun:.1f} s)"
    )
    assert walk.walked >= 3 * len(kinds)
    assert not walk.unchanged and not walk.weak, (
        f"focus that changes nothing on screen: {walk.unchanged}; focus under 3:1 or thinner than 2 px: {walk.weak}"
    )


# --- Text that can breathe: WCAG 1.4.12 text spacing at 320 px in every language -------------------------

# The spacing a reader may set for themselves (WCAG 1.4.12's bookmarklet): nothing may be cut or overlap.
SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# The essentials pages that every language has, the estimator also with the widest answer ("I don't know
# yet" for the country: every case side by side).
SPACED = [
    "",
    "estimator/",
    "estimator/#destination=unknown&adults=2&children=1&vulnerable=yes&previous_support=no",
    "contact/",
    "leaflet/",
    "languages/",
]

# What the spacing broke on the page: the page or a box that clips (or scrolls: the band did, with nothing
# to show it could) wider or taller than its room, but for a table scrolling sideways; two texts on top of
# each other; the text of a button, a summary, a table cell, a label or a link of the band out of its box.
# Text kept for screen readers (in a 1 px box), hidden, transparent or in a closed <details> is left out.
SPACING_PROBLEMS = r"""() => {
  const problems = [];
  const root = document.documentElement;
  const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/)[0] : '');
  const quote = text => '"' + text.trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  if (root.scrollWidth > root.clientWidth + 1) problems.push('the page scrolls sideways by ' + (root.scrollWidth - root.clientWidth) + ' px');
  const hidden = new Map();
  const unseen = el => {
    if (hidden.has(el)) return hidden.get(el);
    const s = getComputedStyle(el);
    let result = s.visibility !== 'visible' || parseFloat(s.opacity) === 0 || s.clip !== 'auto' || s.clipPath !== 'none'
      || ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && (el.clientWidth <= 2 || el.clientHeight <= 2))
      || (el.parentElement && el.parentElement.matches('details:not([open])') && el.tagName !== 'SUMMARY');
    if (!result && el.parentElement && el.parentElement !== document.body) result = unseen(el.parentElement);
    hidden.set(el, result);
    return result;
  };
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || (s.overflowX === 'visible' && s.overflowY === 'visible')) continue;
    // A data table may scroll sideways in its own box (WCAG 1.4.10 lets tables need both dimensions).
    if (el.matches('table, .md-typeset__scrollwrap, .md-typeset__table') && s.overflowX !== 'hidden' && s.overflowX !== 'clip'
        && el.scrollHeight <= el.clientHeight + 1) continue;
    if (el.clientWidth <= 2 || el.clientHeight <= 2 || unseen(el) || !el.innerText || !el.innerText.trim()) continue;
    const across = el.scrollWidth - el.clientWidth, down = el.scrollHeight - el.clientHeight;
    if (across > 1 || down > 1)
      problems.push(`${name(el)} cuts ${across > 1 ? across + ' px across' : ''}${down > 1 ? ' ' + down + ' px down' : ''}: ${quote(el.innerText)}`);
  }
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(), index = 0; node; node = walker.nextNode(), index++) {
    if (!node.data.trim() || !node.parentElement || unseen(node.parentElement)) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects())
      if (r.width >= 1 && r.height >= 1)
        lines.push({index, node, left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY});
  }
  lines.sort((a, b) => a.top - b.top);
  const reported = new Set();
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    for (let j = i + 1; j < lines.length && lines[j].top < a.bottom; j++) {
      const b = lines[j];
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (a.index !== b.index && wide > 2 && high > Math.min(a.bottom - a.top, b.bottom - b.top) / 3
          && !reported.has(a.index + ',' + b.index)) {
        reported.add(a.index + ',' + b.index);
        problems.push(`${quote(a.node.data)} (${name(a.node.parentElement)}) overlaps ${quote(b.node.data)} (${name(b.node.parentElement)})`);
      }
    }
  }
  for (const box of document.querySelectorAll('button, .md-button, summary, th, td, label, .layout-toll-free__number, .layout-languages a')) {
    const r = box.getBoundingClientRect();
    if (r.width < 1 || unseen(box)) continue;
    const out = lines.find(l => box.contains(l.node) && (l.left < r.left - 1 || l.right > r.right + 1
      || l.top - scrollY < r.top - 1 || l.bottom - scrollY > r.bottom + 1));
    if (out) problems.push(`${quote(out.node.data)} runs out of its ${name(box)}`);
  }
  return problems;
}"""


def spacing_problems(tab, path: str, extra: str = "") -> list[str]:
    visit(tab, path, 320)
    tab.add_style_tag(content=SPACING + extra)
    return [f"{path}: {problem}" for problem in tab.evaluate(SPACING_PROBLEMS)]


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_wider_text_spacing_cuts_and_overlaps_nothing_at_320_px(site, tab, locale):
    """The essentials pages in every language; in French every page, so every kind of page and table."""
    paths = html_pages(site, locale) + SPACED[2:3] if locale == "fr" else SPACED
    found = [problem for path in paths for problem in spacing_problems(tab, page_url(locale, path))]
    assert not found, found


def test_the_spacing_check_sees_what_is_cut_overlaps_or_runs_out_of_its_box(tab):
    problems = spacing_problems(
        tab,
        "/contact/",
        """.layout-bar { flex-wrap: nowrap !important; }
        .md-typeset h1 { margin-bottom: -3em !important; }
        .md-typeset .md-button { width: 3em; white-space: nowrap; }""",
    )
    assert any("md-banner cuts" in problem for problem in problems), problems
    assert any("overlaps" in problem for problem in problems), problems
    assert any("runs out of its button" in problem for problem in problems), problems


# --- Contrast in every state: axe on each control hovered, focused and pressed, on visited links and on the
# estimator's chosen answers, in light mode (the site has no other) ------------------------------------------

AXE = Axe()
CONTRAST = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
# Pages whose controls are checked: every kind of control, the search panel open on the home page, and the
# estimator with chosen answers (and its result); Arabic for the right-to-left frame.
STATES_PAGES = [
    "/",
    "/estimator/#destination=GE&adults=2&children=1&vulnerable=yes&previous_support=yes",
    "/contact/",
    "/stories/",
    "/stories/albania-bakery/",
    "/faq/",
    "/ar/",
    "/ar/estimator/#destination=unknown&adults=1&children=0&vulnerable=no&previous_support=no",
]

# One control of each style (as for the focus above) among those that can be seen, not of a style already
# checked (keys): kept in window.__controls; their keys are returned.
CONTROLS = """keys => {
  window.__controls = [];
  const added = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, textarea')) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || getComputedStyle(el).visibility !== 'visible' || el.closest('[hidden], .md-skip')) continue;
    const chain = [];
    for (let node = el; node && node !== document.body; node = node.parentElement)
      chain.push(node.tagName + '.' + (typeof node.className === 'string' ? node.className.trim() : ''));
    const key = chain.join('<') + (el.type ? '|' + el.type : '');
    if (keys.includes(key) || added.includes(key)) continue;
    added.push(key);
    window.__controls.push(el);
  }
  return added;
}"""

# Browsers never tell a script the colours of a visited link (getComputedStyle gives the unvisited ones), so
# axe cannot see them: every :visited rule of the page's stylesheets is copied onto a class, with Chromium's
# own purple where no rule of the page colours a link, and the class put on every link.
VISITED = """() => {
  const copied = [':where(a.axe-visited:any-link) { color: #551a8b; }'];
  const copy = (rules, wrap) => { for (const rule of rules) {
    if (rule.cssRules && rule.media) copy(rule.cssRules, text => wrap(`@media ${rule.media.mediaText} { ${text} }`));
    else if (rule.selectorText && rule.selectorText.includes(':visited'))
      copied.push(wrap(rule.cssText.replaceAll(':visited', '.axe-visited')));
  } };
  for (const sheet of document.styleSheets) copy(sheet.cssRules, text => text);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(copied.join('\\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.querySelectorAll('a[href]').forEach(a => a.classList.add('axe-visited'));
  return copied.length;
}"""


def contrast(tab, element=None) -> list[str]:
    """axe's colour contrast rules on one element (with what it holds), or on the whole page."""
    results = tab.evaluate("([el, options]) => axe.run(el || document, options)", [element, CONTRAST])
    return [
        f"{v['id']}: {node['target'][0]} ({node['failureSummary'].splitlines()[-1].strip()})"
        for v in results["violations"]
        for node in v["nodes"]
    ]


def test_every_control_keeps_its_contrast_hovered_focused_pressed_and_visited(tab):
    found, keys = [], []
    for path in STATES_PAGES:
        visit(tab, path)
        tab.add_style_tag(content=STEADY)
        tab.evaluate(AXE.axe_script)
        if path in ("/", "/ar/"):
            tab.locator(".search__open").click()
            word = WORDS.get(path.strip("/"), "Fedasil")
            tab.locator(".search__input").fill(word)
            tab.wait_for_function("w => document.querySelector('.search__results').dataset.query === w", arg=word)
        if "estimator" in path:
            assert tab.locator("input[type=radio][value=yes]:checked").count() >= ("vulnerable=yes" in path)
            found += [f"{path} chosen answers: {problem}" for problem in contrast(tab)]
        added = tab.evaluate(CONTROLS, keys)
        keys += added
        for index in range(len(added)):
            element = tab.evaluate_handle("i => window.__controls[i]", index).as_element()
            if element.evaluate("el => !!el.closest('.search__panel[hidden]')"):
                tab.locator(".search__open").click()  # closed by the focus or a click elsewhere: open it again
            element.scroll_into_view_if_needed(timeout=5000)
            element.hover()
            found += [f"{path} hovered: {problem}" for problem in contrast(tab, element)]
            tab.keyboard.press("Shift")  # a key first, so that focus() shows as the keyboard's
            element.focus()
            found += [f"{path} focused: {problem}" for problem in contrast(tab, element)]
            box = element.bounding_box()
            tab.mouse.move(box["x"] + 2, box["y"] + 2)
            tab.mouse.down()
            found += [f"{path} pressed: {problem}" for problem in contrast(tab, element)]
            tab.mouse.move(0, 639)  # released away from it: no click
            tab.mouse.up()
            tab.evaluate("() => document.activeElement && document.activeElement.blur()")
        assert tab.evaluate(VISITED) >= 2
        found += [f"{path} visited: {problem}" for problem in contrast(tab)]
    print(f"\n{len(keys)} kinds of control checked hovered, focused and pressed on {len(STATES_PAGES)} pages")
    assert len(keys) >= 40
    assert not found, "\n".join(found)


def test_axe_sees_the_colour_of_a_visited_link_through_the_copied_rules(tab):
    visit(tab, "/faq/")
    tab.evaluate(AXE.axe_script)
    tab.add_style_tag(content=STEADY + ".md-typeset a:visited { color: #bdbdbd; }")
    assert contrast(tab) == []
    tab.evaluate(VISITED)
    assert any("#bdbdbd" in problem for problem in contrast(tab))


def test_no_control_is_disabled(site):
    """A disabled control is exempt from contrast (WCAG 1.4.3) and axe leaves it out, so its look would be
    checked by nothing: the site disables none (the estimator says what is missing instead). A control that
    becomes disabled must get its own check here."""
    disabled = [
        f"{page.relative_to(site)}: {tag[:80]}"
        for page in site.rglob("*.html")
        for tag in re.findall(
            r"<(?:button|input|select|textarea|fieldset)\b[^>]*\sdisabled\b[^>]*>", page.read_text(encoding="utf-8")
        )
    ]
    scripts = [
        path.name
        for path in (site / "assets" / "javascripts").glob("*.js")
        if re.search(r"\.disabled\s*=\s*true|setAttribute\(\s*['\"]disabled", path.read_text(encoding="utf-8"))
    ]
    assert not disabled and not scripts, (disabled, scripts)
