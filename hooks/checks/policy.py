"""Only our own scripts run: every built page is read before it is written, and anything the
Content-Security-Policy would have to allow beyond what we ship stops the build, naming the page's source.

Allowed: the theme's inline scripts listed in hosting/theme_scripts.yml (the policy pins them by SHA-256),
scripts loaded from the site's own assets/javascripts/ (the theme's bundle and ours), and data blocks that
never run (<script type="application/json"> or "application/ld+json", which our partials write).
Refused: any other inline script, an on...= handler, a javascript: address, a style= attribute or a <style>
element, an iframe, object or embed. EDITORS.md shows editors the message.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from hooks.core import cache
from hooks.core.cache import when_changed
from hooks.core.data import DataError, display_path, load_yaml, message
from hooks.core.paths import ROOT

THEME_SCRIPTS = ROOT / "hosting" / "theme_scripts.yml"
DATA_TYPES = ("application/json", "application/ld+json")
EMBEDDED = ("iframe", "frame", "object", "embed", "applet", "style")
ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc")
# What could be a handler, a style, a script address or a frame, in the page's lower-cased text; a page with
# none of them (almost every page) needs only its <script> elements read: seven times faster than all of it.
# Each pattern starts with a literal, which re finds fast (one alternation of them all tried every position of
# the page: three quarters of the check's time); the text before is checked apart.
HANDLER_LIKE = re.compile(r"on[a-z]+\s*=")  # the character before is checked
OTHER_LIKE = tuple(
    re.compile(pattern)
    for pattern in (r"style\s*=", r"script\s*:", r"data\s*:", r"<(?:iframe|frame|object|embed|applet|style)\b")
)
# java&#115;cript: in an address attribute; the full pattern only tried where a value starts so.
ENTITY_VALUE = re.compile(r"=\s*[\"']?\s*[a-z0-9+.\-]*&")
ENTITY_ADDRESS = re.compile(r"(?:href|src|action|poster|data)\s*=\s*[\"']?\s*[a-z0-9+.\-]*&")
SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)

# --- Every address a page makes the browser load or tell: the site's own only -----------------------------------
# The CSP stops a browser that reads nginx's headers; a page copied to another host, read from a cache or printed
# by Chromium has no such header. So the page itself is read: every attribute that loads (src, srcset, poster,
# data, action, formaction, background, manifest, a <link>'s or an SVG image's href), every ping, a <meta> refresh,
# must name the site (a relative address, or https:// on one of data/hosting.yml's domains).
HOSTING_FILE = ROOT / "data" / "hosting.yml"
STYLESHEETS = ROOT / "overrides" / "assets" / "stylesheets"
LOADING_TAGS = re.compile(
    r"<(img|link|script|source|video|audio|track|input|form|button|object|embed|iframe|frame|image|use|feimage|meta"
    r"|body|table|td|th|html|portal|base)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.IGNORECASE,
)
PING = re.compile(r"<(a|area)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*\sping\s*=(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
LOADS = ("src", "srcset", "imagesrcset", "poster", "data", "action", "formaction", "background", "manifest", "ping")
HREF_LOADS = ("link", "image", "use", "feimage", "base")  # where an href loads (an <a href> is a link to follow)
CSS_ADDRESS = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL)


@when_changed(lambda: [HOSTING_FILE])
def own_hosts() -> frozenset[str]:
    """The host names that are the site (read here, not through publishing/hosting.py, which reads this module)."""
    data = load_yaml(HOSTING_FILE).data
    return frozenset([*data["domains"].values(), *data["bare_domains"]])


def own_address(address: str, hosts: frozenset[str], image: bool = False) -> bool:
    """Whether a browser reading this address stays on the site. Tabs and line breaks inside are dropped and a
    backslash is a slash, as browsers do; a data: image is the page's own bytes (the policy's img-src allows it)."""
    address = "".join(address.split()).replace("\\", "/")
    if address.startswith("//"):
        return False
    parts = urlsplit(address)
    if not parts.scheme:
        return True
    if parts.scheme.lower() == "data":
        return image
    return parts.scheme.lower() in ("http", "https") and (parts.hostname or "") in hosts


def _values(attribute: str, value: str) -> list[str]:
    if attribute not in ("srcset", "imagesrcset"):
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def foreign_addresses(html_text: str, hosts: frozenset[str]) -> list[str]:
    """What in a built page loads or tells another site, one problem each."""
    problems = []
    tags = [*LOADING_TAGS.finditer(html_text), *(PING.finditer(html_text) if "ping" in html_text.lower() else ())]
    for tag in tags:
        name = tag.group(1).lower()
        attributes = {
            found.group(1).lower(): html.unescape((found.group(2) or "").strip("\"'"))
            for found in ATTRIBUTE.finditer(tag.group(2))
        }
        wanted = [key for key in attributes if key in LOADS or (key in ("href", "xlink:href") and name in HREF_LOADS)]
        if name == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            found = re.search(r"url\s*=\s*['\"]?([^'\";]*)", attributes.get("content", ""), re.IGNORECASE)
            if found and not own_address(found.group(1), hosts):
                problems.append(f"<meta http-equiv=refresh> sends the visitor to {found.group(1)[:60]!r}")
        for key in wanted:
            for value in _values(key, attributes[key]):
                if not own_address(value, hosts, image=name in ("img", "source") and key in ("src", "srcset")):
                    problems.append(f"<{name} {key}={value[:60]!r}> loads or tells another site")
    return problems


def stylesheet_problems(folder: Path = STYLESHEETS, hosts: frozenset[str] | None = None) -> list[str]:
    """Our stylesheets' url() and @import: the site's own files only, one line each naming file and line."""
    hosts = own_hosts() if hosts is None else hosts
    problems = []
    for path in sorted(Path(folder).glob("*.css")):
        text = path.read_text(encoding="utf-8")
        for found in CSS_ADDRESS.finditer(text):
            address = found.group(2) if found.group(2) is not None else found.group(4)
            if not own_address(address, hosts, image=True):
                problems.append(
                    message(
                        display_path(path),
                        text.count("\n", 0, found.start()) + 1,
                        "stylesheet",
                        f"{found.group(0)[:60]!r} loads a file from another site",
                        "put the file in overrides/assets/ and point at it with a relative address",
                    )
                )
    return problems


def digest(script: str) -> str:
    """The CSP hash of an inline script's text, as the browser computes it."""
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


def theme_scripts(path: Path = THEME_SCRIPTS) -> dict[str, str]:
    """{sha256: what it does} for the theme's known inline scripts."""
    return {entry["sha256"]: entry["what"] for entry in load_yaml(path).data["scripts"]}


@when_changed(lambda: [THEME_SCRIPTS])
def known_scripts() -> dict[str, str]:
    return theme_scripts()


def csp_hashes(path: Path = THEME_SCRIPTS) -> list[str]:
    """The script-src sources for the theme's inline scripts: 'sha256-...'."""
    return [f"'sha256-{value}'" for value in sorted(theme_scripts(path))]


class _Reader(HTMLParser):
    """Collects, for one page, what the policy would refuse."""

    def __init__(self, known: dict):
        super().__init__(convert_charrefs=True)
        self.known, self.problems, self.script = known, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> is a script in an attribute")
            if name == "style":
                self.problems.append(f'<{tag} style="{(value or "")[:40]}"> is an inline style')
            if name in ADDRESS_ATTRIBUTES and value:
                scheme = "".join(value.split()).lower().split(":", 1)[0]
                if scheme in ("javascript", "vbscript") or (scheme == "data" and tag != "img"):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}> is a script address")
        if tag in EMBEDDED:
            self.problems.append(f"<{tag}> embeds what the policy does not allow")
        if tag == "script":
            source = attributes.get("src")
            kind = (attributes.get("type") or "").strip().lower()
            if source is not None:
                address = urlsplit(source)
                if address.scheme or address.netloc or "assets/javascripts/" not in address.path:
                    self.problems.append(f"<script src={source!r}> is not one of the site's own scripts")
                self.script = None
            elif kind in DATA_TYPES:
                self.script = None  # data that never runs: the theme's configuration, our partials' data
            else:
                self.script = []

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            text = "".join(self.script)
            if digest(text) not in self.known:
                self.problems.append(
                    f"an inline script not listed in hosting/theme_scripts.yml "
                    f"(sha256-{digest(text)}: {' '.join(text.split())[:60]!r})"
                )
            self.script = None


def suspect(html: str) -> bool:
    text = html.lower()
    return (
        any(text[found.start() - 1] in " \t\r\n\"'/" for found in HANDLER_LIKE.finditer(text))
        or any(pattern.search(text) for pattern in OTHER_LIKE)
        or bool(ENTITY_VALUE.search(text) and ENTITY_ADDRESS.search(text))
    )


def problems_of(html: str, known: dict, hosts: frozenset[str] | None = None) -> list[str]:
    """What the policy refuses in a page; hosts: the site's own (data/hosting.yml's, unless given)."""
    reader = _Reader(known)
    reader.feed(html if suspect(html) else "".join(SCRIPT.findall(html)))
    reader.close()
    return reader.problems + foreign_addresses(html, own_hosts() if hosts is None else hosts)


def check(html: str, source: str, known: dict) -> None:
    """Raise DataError naming the source when the page holds anything but what the policy allows."""
    stop_on(problems_of(html, known, own_hosts()), source)


def stop_on(found: list[str], source: str) -> None:
    if found:
        fix = (
            "remove it from the page, or from the data or template it comes from (pages cannot carry "
            "scripts, styles or frames, nor load from another site); if the theme was upgraded, see "
            "hosting/theme_scripts.yml"
        )
        raise DataError([f"{source}: built page: {problem}. Fix: {fix}." for problem in dict.fromkeys(found)])


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def check_page(html: str, source: str) -> None:
    """A page as MkDocs writes it, every other change made. Kept between builds: the same page, with the same
    list of the theme's scripts, holds the same."""
    found = cache.results().result(
        "policy",
        (html, cache.file_digest(THEME_SCRIPTS), *sorted(own_hosts())),
        lambda: problems_of(html, known_scripts(), own_hosts()),
    )
    stop_on(found, source)


def check_stylesheets() -> None:
    """Before any page: our stylesheets load nothing from another site."""
    problems = stylesheet_problems()
    if problems:
        raise DataError(problems)


def check_template(html: str, template_name: str) -> None:
    """A page drawn from a template alone (404.html)."""
    if template_name.endswith(".html"):
        check(html, f"overrides/{template_name}", known_scripts())
