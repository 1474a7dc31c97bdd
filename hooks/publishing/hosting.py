"""Make the built site ready for any static host: a 404 page and an error page per language, fingerprinted
file names for our own styles and scripts (one file each, named by its hash), files compressed ahead (gzip and
brotli), and the server configuration (nginx) with the _headers and _redirects files of other hosts, all three
from data/hosting.yml and hosting/*.j2.

In `mkdocs build` only (`mkdocs serve` keeps plain names for live reload): pages point at the bundles as they
are written; the rest runs once every language is built.
PUBLISH_FILES=0 skips the compressed copies, as it skips the leaflet PDFs: for quick throwaway builds.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import jinja2

from hooks.checks import policy
from hooks.core.build import log, publication_files
from hooks.core.data import DataError, check_schema, display_path, load_schema, load_yaml
from hooks.core.locale import LANGUAGES_FILE, LOCALES, home_addresses, is_full, published_locales
from hooks.core.paths import ROOT

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)

DATA_FILE = ROOT / "data" / "hosting.yml"
TEMPLATES = ROOT / "hosting"
OUTPUT = "_hosting"  # in the site folder, never served (the configuration answers 404 there)
COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
# Where production listens: IPv4 and IPv6, plain HTTP, and HTTPS when nginx ends TLS (data/hosting.yml tls.mode).
PRODUCTION = {
    "root": "/srv/voluntaryreturn/site",
    "listen": ["80", "[::]:80"],
    "listen_tls": ["443", "[::]:443"],
    "scheme": "https",
    "brotli": True,
}
# What nginx would read as syntax or as a variable inside a quoted value.
UNSAFE = re.compile(r'["\\$\x00-\x1f{}]')
# The pages nginx answers with instead of its own (hosting/nginx.conf.j2): a missing address, and any other
# status it answers itself. Named like statuses, so that MkDocs gives them addresses from the site's root: they
# answer at any depth.
ERROR_PAGES = ("404.html", "500.html")


def load_hosting(path: Path = DATA_FILE) -> dict:
    """data/hosting.yml, checked against its schema: every value that reaches nginx has a known form."""
    document = load_yaml(path)
    problems = check_schema(document, load_schema("hosting.schema.json"))
    # A pattern's $ accepts a line break at the end of a text: nginx would read it as the end of a directive.
    problems += [
        document.error(place, "the value holds a line break or a control character", "write the value on one line")
        for place, value in _texts(document.data)
        if re.search(r"[\x00-\x1f]", value)
    ]
    if problems:
        raise DataError(problems)
    problems = address_problems(document.data["domains"])
    if problems:
        raise DataError(problems)
    return document.data


def address_problems(domains: dict, path: Path = LANGUAGES_FILE) -> list[str]:
    """Each language's address (data/languages.yml) is its home page on one of the site's domains: a full
    language's own domain, an essentials language's the domain it is served on (the nginx configuration sends it
    there from the others); the path is /code/ (French: /). https://evil.example/ps/ went into 87 files:
    canonicals, hreflang on every page, the sitemap, the printed address and QR code of the Pashto leaflet."""
    document = load_yaml(path)
    problems = []
    for index, language in enumerate(document.data["languages"]):
        code, address = language["code"], urlsplit(language["address"])
        own = domains.get(code) if language["scope"] == "full" else None
        home = "/" if index == 0 else f"/{code}/"
        if address.hostname in domains.values() and (not own or address.hostname == own) and address.path == home:
            continue
        host = own or domains.get("en") or next(iter(domains.values()))
        problems.append(
            document.error(
                ("languages", index, "address"),
                f"{language['address']} is not {code}'s home on one of the site's domains (data/hosting.yml: "
                f"{', '.join(domains.values())})",
                f"write https://{host}{home}",
            )
        )
    return problems


def _texts(node, place=()):
    """(place, text) for every text in the data, keys included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(key, place + (key,))
            yield from _texts(value, place + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, place + (index,))
    elif isinstance(node, str):
        yield place, node


def quoted(value) -> str:
    """A value for a double-quoted nginx string; one nginx would read as syntax stops the build (the schema
    refuses it first, with the editor's message)."""
    text = str(value)
    if UNSAFE.search(text.replace("{script_hashes}", "")):
        raise DataError(
            [
                f"data/hosting.yml: {text[:60]!r} holds a character nginx would read as syntax "
                "(a quote, a backslash, $, braces or a line break). Fix: remove it."
            ]
        )
    return text


def script_hashes(pages: list[str]) -> list[str]:
    """CSP sources for every inline script found in the pages: what the policy would have to allow. The
    policy allows only the theme's listed scripts (policy.csp_hashes); tests compare the two."""
    found = {policy.digest(body) for html in pages for body in INLINE_SCRIPT.findall(html)}
    return [f"'sha256-{digest}'" for digest in sorted(found)]


def headers(data: dict, hashes: list[str]) -> dict[str, str]:
    """The security headers of every response, the script hashes in the policy, each on one line."""
    return {
        name: " ".join(str(value).replace("{script_hashes}", " ".join(hashes)).split())
        for name, value in data["headers"].items()
    }


def bundles(site: Path, groups: list[list[str]], name: str) -> list[tuple]:
    """Our component files (kept apart in the sources) joined, a file per group, named by a hash of its content:
    one request instead of one per component. (path, text, the first file's tag, the other files' tags) each."""
    found = []
    for files in groups:
        joined = "\n".join(f"/* {file} */\n" + (site / file).read_text(encoding="utf-8") for file in files)
        folder = Path(files[0]).parent
        target = folder / f"{name}.{hashlib.sha256(joined.encode('utf-8')).hexdigest()[:8]}{Path(files[0]).suffix}"
        shape = (
            r'<link rel="stylesheet" href="([./]*){}">\s*'
            if target.suffix == ".css"
            else r'<script src="([./]*){}"></script>\s*'
        )
        others = re.compile(shape.format("(?:" + "|".join(map(re.escape, files[1:])) + ")")) if files[1:] else None
        found.append((target.as_posix(), joined, re.compile(shape.format(re.escape(files[0]))), others))
    return found


def point_at(html: str, found: list[tuple]) -> str:
    """A page that loads the bundles, each where its first file was, instead of the files one by one."""
    for target, _, first, others in found:
        tag = first.search(html)
        if not tag:
            continue
        prefix = tag.group(1)
        html = first.sub(
            (
                f'<link rel="stylesheet" href="{prefix}{target}">'
                if target.endswith(".css")
                else f'<script src="{prefix}{target}"></script>'
            )
            + "\n",
            html,
            count=1,
        )
        html = others.sub("", html) if others else html
    return html


def write_bundles(site: Path, found: list[tuple]) -> None:
    for target, joined, _, _ in found:
        (site / target).write_text(joined, encoding="utf-8")


COMPRESSED = ROOT / ".cache" / "compressed"


def compressed(raw: bytes, cache: Path = COMPRESSED) -> tuple[bytes, bytes]:
    """(gzip, brotli) of a file's bytes at their highest levels. Brotli's level 11 costs a tenth of a second per
    page, and 17 languages have many pages that did not change since the last build: both are kept in
    .cache/compressed/ under the hash of the bytes (deleting the folder only costs one slower build). A kept
    copy is used only if it decompresses to these very bytes: a damaged one (cut in half, replaced) was sent by
    nginx's brotli_static to every browser; it is made again, with a note."""
    key = hashlib.sha256(raw).hexdigest()
    gz, br = cache / f"{key}.gz", cache / f"{key}.br"
    if gz.exists() and br.exists():
        kept = gz.read_bytes(), br.read_bytes()
        if decompresses_to(kept, raw):
            return kept
        log.info(f"{display_path(br)[:-3]}.gz/.br: a kept compressed copy is not the file it was kept for; made again")
    found = gzip.compress(raw, compresslevel=9, mtime=0), brotli.compress(raw, quality=11)
    cache.mkdir(parents=True, exist_ok=True)
    for path, data in ((gz, found[0]), (br, found[1])):
        partial = path.with_name(path.name + f".{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)  # whole or absent, even if two builds run at once
    return found


def decompresses_to(copies: tuple[bytes, bytes], raw: bytes) -> bool:
    """Whether a (gzip, brotli) pair reads back as exactly these bytes."""
    try:
        return gzip.decompress(copies[0]) == raw and brotli.decompress(copies[1]) == raw
    except (OSError, EOFError, brotli.error, ValueError):
        return False


def precompress(site: Path, cache: Path = COMPRESSED) -> int:
    """Write file.gz and file.br beside each text file, for servers that send them as they are; two at a time
    (the compressors release Python's lock)."""
    paths = [
        path for path in site.rglob("*") if path.suffix in COMPRESS and path.is_file() and OUTPUT not in path.parts
    ]

    def one(path: Path) -> None:
        gz, br = compressed(path.read_bytes(), cache)
        path.with_name(path.name + ".gz").write_bytes(gz)
        path.with_name(path.name + ".br").write_bytes(br)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, paths))
    return len(paths)


def render(template: str, data: dict, hashes: list[str], fingerprinted: list[str], **server) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    env.filters["quoted"] = quoted
    return env.get_template(template).render(
        headers=headers(data, hashes),
        cache=data["cache"],
        domains=data["domains"],
        bare_domains=data["bare_domains"],
        fingerprinted=fingerprinted,
        tls=data["tls"],
        limits=data["limits"],
        other_paths=["/assets/*", "/search/*", "/*/search/*", "/sitemap.xml", "/*.pdf"],
        # A draft language (data/languages.yml) is not published: no browser is sent to it.
        languages=list(published_locales()),
        essentials=[locale for locale in published_locales() if not is_full(locale)],
        # Each language's domain: where its folder is served; every other domain sends it there.
        homes={locale: urlsplit(address).hostname for locale, address in home_addresses().items()},
        **server,
    )


def nginx_config(
    data: dict,
    hashes: list[str],
    root: str,
    listen: list[str],
    scheme: str = "https",
    brotli: bool = True,
    listen_tls: list[str] | None = None,
) -> str:
    """The nginx configuration; `listen` and `listen_tls` are nginx listen addresses ("80", "[::]:80")."""
    if isinstance(listen, str):
        listen = [listen]
    return render(
        "nginx.conf.j2",
        data,
        hashes,
        [],
        root=root,
        listen=listen,
        listen_tls=listen_tls or PRODUCTION["listen_tls"],
        scheme=scheme,
        brotli=brotli,
    )


class Publication:
    """What `mkdocs build` makes for a host once every language is built: each language's 404 page, our styles and
    scripts joined into bundles named by their hash (pages point at them as they are written), the hosting
    files, and the compressed copies."""

    def __init__(self, site_dir: str, extra_css: list, extra_javascript: list):
        self.site = Path(site_dir)
        self.groups = [list(extra_css), [str(script) for script in extra_javascript]]
        self._bundles: list | None = None
        self.error_pages: dict[tuple[str, str], str] = {}  # {(template, locale): html}

    def bundles(self) -> list[tuple]:
        """The bundles, made from the files MkDocs copied before it wrote any page, and written at once: the pages
        that point at them are printed to PDF (publishing/pdfs.py) before the build ends."""
        if self._bundles is None:
            self._bundles = bundles(self.site, self.groups, "site")
            write_bundles(self.site, self._bundles)
        return self._bundles

    def page(self, html: str) -> str:
        """A page as it is written, pointing at the bundles (not read and written again at the end)."""
        return point_at(html, self.bundles())

    def error_page(self, html: str, template: str, locale: str) -> None:
        """Every language's build renders the error pages at the site's root, each over the last: each is kept."""
        self.error_pages[(template, locale)] = point_at(html, self.bundles())

    def finish(self) -> None:
        site = self.site
        (site / OUTPUT).mkdir(exist_ok=True)
        for (name, locale), html in self.error_pages.items():
            (site / ("" if locale == LOCALES[0] else locale) / name).write_text(html, encoding="utf-8")
        ours = [target for target, _, _, _ in self.bundles()]
        for file in (file for files in self.groups for file in files):
            (site / file).unlink()  # in the bundles now
        hashes = policy.csp_hashes()  # every page was checked (checks/policy.py): no other inline script is left
        data = load_hosting()
        fingerprinted = ours + sorted(
            p.relative_to(site).as_posix()
            for p in (site / "assets").rglob("*")
            if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)
        )
        (site / "_headers").write_text(render("_headers.j2", data, hashes, fingerprinted), encoding="utf-8")
        (site / "_redirects").write_text(render("_redirects.j2", data, hashes, [], scheme="https"), encoding="utf-8")
        root = os.environ.get("SITE_ROOT", PRODUCTION["root"])
        (site / OUTPUT / "nginx.conf").write_text(
            nginx_config(
                data,
                hashes,
                root,
                PRODUCTION["listen"],
                PRODUCTION["scheme"],
                PRODUCTION["brotli"],
                PRODUCTION["listen_tls"],
            ),
            encoding="utf-8",
        )
        if publication_files():
            precompress(site)
