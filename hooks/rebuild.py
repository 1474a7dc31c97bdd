"""Under `make serve`, an edit rebuilds the whole site: what did not change is taken from the last build.

MkDocs has no incremental build (its `--dirty` skips pages by date and leaves navigation and translations stale,
and aborts under mkdocs-static-i18n). Two of its steps cost most of a rebuild and give the same result for
the same inputs, so under serve each is kept per page and done again only when an input changed:

- converting the page's Markdown to HTML (Page.render): its inputs are the Markdown after our hooks, the page's
  address, every file of the language's site with its address (links resolve against them) and the Markdown
  settings. A conversion that warned (a broken link) is done each time, so that the warning shows each time.
- drawing the page with the theme's templates: its inputs are everything the template is given (the page's
  HTML, title, table of contents and front matter, the navigation, the values our hooks add to it and to every
  template) and what it reads besides: the templates (overrides/ and the theme), mkdocs.yml, data/, the hooks' code, the
  environment and the day. Anything the template is given that this file cannot describe as plain values
  draws the page again.

Every hook still runs on every page, so their checks and what they collect are whole. `mkdocs build` and the
published site never use this. tests/test_engine.py compares rebuilds after several kinds of edits with a
fresh build of the same sources, file for file. The patches are of MkDocs and Jinja internals (README,
"Maintenance").
"""

from __future__ import annotations

import copy
import datetime
import importlib
import logging
import os
from collections.abc import Mapping
from importlib.metadata import version

import jinja2
from mkdocs.plugins import event_priority

from cache import ROOT, code_version
from cache import digest as cache_digest
from engine import folder_state
from language import current_locale, first_language_build


class _Kept:
    serving = False
    salt = ""  # what every page's drawing reads besides its context: see build_salt
    globals = ""  # the hash of the values the hooks give every template of the language built now (on_env)
    converted: dict = {}  # (language, page file) -> (what the Markdown was converted from, what it gave)
    drawn: dict = {}  # (language, page file) -> (key of what the template was given, the HTML it drew)
    pending: tuple | None = None  # (context, slot, key, HTML kept or None): the page being drawn now
    reused = {"converted": 0, "drawn": 0}  # since serve started (the tests read them)


# --- The Markdown converted again only when it changed -----------------------------------------------------


def files_signature(files) -> tuple:
    """Every file of a language's build with its address, which a page's links resolve to; worked out once per
    build (the list is final when pages are converted)."""
    signature = getattr(files, "_kept_signature", None)
    if signature is None:
        signature = tuple((file.src_uri, file.url) for file in files)
        files._kept_signature = signature
    return signature


def conversion_inputs(page, config, files, debug: bool) -> tuple:
    """What Page.render's result depends on."""
    settings = repr((config["markdown_extensions"], config["mdx_configs"], config["validation"]))
    return (
        page.markdown,
        page.file.url,
        page.file.dest_uri,
        files_signature(files),
        settings,
        config.use_directory_urls,
        debug,
    )


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def convert(original, page, config, files) -> None:
    """Page.render (original), or what it set last time for the same inputs."""
    if not _Kept.serving:
        return original(page, config, files)
    debug = logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG
    slot = (current_locale(config), page.file.src_uri)
    inputs = conversion_inputs(page, config, files, debug)
    kept = _Kept.converted.get(slot)
    if kept is not None and kept[0] == inputs:
        content, toc, title, anchor_ids, links = kept[1]
        linked = {files.get_file_from_path(src_uri): dict(anchors) for src_uri, anchors in links.items()}
        if None not in linked:
            page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
            page.present_anchor_ids = set(anchor_ids)
            if not debug:
                page.links_to_anchors = linked
            _Kept.reused["converted"] += 1
            return None
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        original(page, config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    _Kept.converted.pop(slot, None)
    if not warnings.count:
        links = {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}
        kept = (page.content, copy.deepcopy(page.toc), page._title_from_render, set(page.present_anchor_ids), links)
        _Kept.converted[slot] = (inputs, kept)
    return None


# --- The page drawn again only when what its template is given changed --------------------------------------


class Undescribed(Exception):
    """A value that plain_value cannot describe: the page is drawn again."""


def plain_value(value, strict: bool = True):
    """A value given to a template, as plain values that compare equal when the template would draw the same:
    strings (Markup apart from str), numbers, dates and nested tuples. strict=False describes any other object
    by its type, for the configuration, whose values come from files in build_salt."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if type(value) is str else (type(value).__name__, str(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = tuple(plain_value(item, strict) for item in value)
        return tuple(sorted(items, key=repr)) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), plain_value(item, strict)) for key, item in value.items()))
    if strict:
        raise Undescribed(type(value).__name__)
    return ("object", type(value).__module__, type(value).__qualname__)


def toc_value(items) -> tuple:
    return tuple((item.title, item.id, item.level, toc_value(item.children)) for item in items)


def nav_value(items) -> tuple:
    """The navigation as the theme draws it: each entry's kind, title, address, front matter and children."""
    return tuple(
        (
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            plain_value(getattr(item, "meta", None) or {}),
            nav_value(getattr(item, "children", None) or ()),
        )
        for item in items
    )


def linked_page(page) -> tuple | None:
    return None if page is None else (page.title, page.url)


def page_value(page) -> tuple:
    """What the theme reads of the page being drawn."""
    return (
        page.file.src_uri,
        page.title,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.is_homepage,
        page.content,
        toc_value(page.toc),
        plain_value(page.meta),
        linked_page(page.previous_page),
        linked_page(page.next_page),
        tuple(section.title for section in page.ancestors),
    )


def once(holder, name: str, make):
    """make(), kept on an object of this build (the navigation, the configuration)."""
    value = getattr(holder, name, None)
    if value is None:
        value = make()
        setattr(holder, name, value)
    return value


# Given to every page and read by no template (Material's and ours): a build's time, different each build.
UNREAD = {"build_date_utc"}


def digest(value) -> str:
    """The hash of a plain value (cache.digest of its repr)."""
    return cache_digest(repr(value))


def context_value(context: dict) -> tuple:
    """The context as plain values; what every page of a build shares (navigation, files, configuration) by
    its hash, worked out once per build."""
    values = []
    for name, value in sorted(context.items()):
        if name in UNREAD:
            continue
        if name == "page":
            value = page_value(value)
        elif name == "nav":
            value = once(
                value, "_kept_hash", lambda nav=value: digest((nav_value(nav.items), linked_page(nav.homepage)))
            )
        elif name == "pages":
            value = digest([(file.src_uri, file.url) for file in value])
        elif name in ("config", "i18n_config"):
            value = once(value, "_kept_hash", lambda config=value: digest(plain_value(dict(config), strict=False)))
        else:
            value = plain_value(value)
        values.append((name, value))
    return tuple(values)


def build_salt(config) -> str:
    """What every page's drawing reads besides its context: the templates, mkdocs.yml, the data, the hooks'
    code, the environment, the day, and the versions of the engine, theme and plugin."""
    parts = (
        (ROOT / "mkdocs.yml").read_bytes() if (ROOT / "mkdocs.yml").is_file() else b"",
        code_version((ROOT / "hooks").glob("*.py")),
        folder_state(config.theme.custom_dir),
        folder_state(str(ROOT / "data")),
        tuple(sorted(os.environ.items())),
        datetime.date.today().isoformat(),
        tuple(version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")),
    )
    return digest(parts)


def page_key(context: dict) -> str | None:
    """A hash of everything the page's drawing depends on, or None when part of it cannot be described."""
    try:
        described = context_value(context)
    except Undescribed:
        return None
    return digest((_Kept.salt, _Kept.globals, described))


def draw(original, template, args, kwargs):
    """jinja2.Template.render (original): for the page being drawn, the HTML drawn last time from the same
    inputs; any other template is drawn as usual."""
    pending = _Kept.pending
    if pending is None or not args or args[0] is not pending[0]:
        return original(template, *args, **kwargs)
    _Kept.pending = None
    _context, slot, key, kept = pending
    if kept is not None:
        _Kept.reused["drawn"] += 1
        return kept
    html = original(template, *args, **kwargs)
    _Kept.drawn[slot] = (key, template.name, html)
    return html


# --- Installed once per process ------------------------------------------------------------------------------


def install(config) -> None:
    """Patch the running engine's Page.render (MkDocs or ProperDocs) and Jinja's Template.render, once."""
    pages = importlib.import_module(type(config).__module__.split(".")[0] + ".structure.pages")
    if not getattr(pages.Page.render, "kept_under_serve", False):
        original_convert = pages.Page.render

        def kept_convert(self, config, files):
            return convert(original_convert, self, config, files)

        kept_convert.kept_under_serve = True
        pages.Page.render = kept_convert
    if not getattr(jinja2.Template.render, "kept_under_serve", False):
        original_draw = jinja2.Template.render

        def kept_draw(self, *args, **kwargs):
            return draw(original_draw, self, args, kwargs)

        kept_draw.kept_under_serve = True
        jinja2.Template.render = kept_draw


# --- MkDocs events --------------------------------------------------------------------------------


def on_startup(command, dirty):
    _Kept.serving = command == "serve"


def on_config(config):
    if _Kept.serving:
        install(config)
        if first_language_build(config):
            _Kept.salt = build_salt(config)
    return config


@event_priority(-1000)  # last: the values as every hook left them
def on_env(env, config, files):
    if _Kept.serving:
        _Kept.globals = digest(plain_value(dict(env.globals), strict=False))
    return env


@event_priority(-1000)  # last: the context as every hook left it
def on_page_context(context, page, config, nav):
    _Kept.pending = None
    if not _Kept.serving:
        return context
    key = page_key(context)
    if key is None:
        return context
    slot = (current_locale(config), page.file.src_uri)
    kept = _Kept.drawn.get(slot)
    template = page.meta.get("template", "main.html")
    html = kept[2] if kept is not None and kept[0] == key and kept[1] == template else None
    _Kept.pending = (context, slot, key, html)
    return context
