"""The theme: its files listed and copied once per build, and the Jinja environment our components draw with.

mkdocs-static-i18n runs the whole MkDocs build again for each of the 17 languages. MkDocs lists the theme's files
by walking Material's folders (thousands of icons) and copies them into the site in every language's build: here
the list is made once (again when overrides/ changes, under serve), and the files are copied by the first
language's build only (the others copy a file only if it changed since, as `--dirty` does). This replaces
`Files.add_files_from_theme`: an engine internal, patched only on the versions engine/versions.py knows.
"""

from __future__ import annotations

import functools
import importlib
import os

from hooks.core import cache


class _Theme:
    listed: tuple = (None, [])  # (what it was listed from, [(path, theme folder)])
    overrides: tuple | None = None  # folder_state of overrides/, taken by each build's first language
    first = True  # whether the language being built is the build's first (install_theme_listing says)


def folder_state(folder: str | None) -> tuple:
    """Every file under a folder with its modification time: a file added to overrides/ or changed there under
    serve lists the theme again (Material's own folders do not change while MkDocs runs)."""
    if not folder:
        return ()
    return tuple(
        sorted(
            (os.path.join(top, name), os.stat(os.path.join(top, name)).st_mtime_ns)
            for top, _, names in os.walk(folder)
            for name in names
        )
    )


def theme_files(files_class, env, config) -> list[tuple[str, str]]:
    """[(path, theme folder)] of every file MkDocs copies from the theme, as its own add_files_from_theme finds
    them in a build that has no page files; listed again only when the theme's folders or overrides/ changed."""
    if _Theme.first or _Theme.overrides is None:  # the other languages' builds follow at once
        _Theme.overrides = folder_state(config.theme.custom_dir)
    key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)), _Theme.overrides)
    if _Theme.listed[0] != key:
        found = files_class([])
        _Theme.original(found, env, config)
        _Theme.listed = (key, [(file.src_uri, file.src_dir) for file in found])
    return _Theme.listed[1]


def add_files_from_theme(self, env, config) -> None:
    """MkDocs' Files.add_files_from_theme from the listing above: a page's file still wins over the theme's."""
    file_class = importlib.import_module(type(self).__module__).File
    copied = not _Theme.first  # by the first language's build, into the same folder
    for path, folder in theme_files(type(self), env, config):
        if self.get_file_from_path(path) is None:
            file = file_class(path, folder, config.site_dir, config.use_directory_urls)
            if copied:  # copied again only if changed since, as in a --dirty build
                file.copy_file = functools.partial(copy_if_changed, file_class, file)
            self.append(file)


def copy_if_changed(file_class, file, dirty: bool = False) -> None:
    file_class.copy_file(file, dirty=True)


def install_theme_listing(config, first: bool) -> None:
    """Patch the running engine's Files (MkDocs or ProperDocs: the package of config's class), once; `first`:
    whether this language's build is the first of the build (it copies the theme's files)."""
    _Theme.first = first
    module = importlib.import_module(type(config).__module__.split(".")[0] + ".structure.files")
    if getattr(module.Files.add_files_from_theme, "listed_once", False):
        return
    _Theme.original = module.Files.add_files_from_theme
    add_files_from_theme.listed_once = True
    module.Files.add_files_from_theme = add_files_from_theme


# --- The environment of our components' templates -----------------------------------------------------------


def autoescaped(name: str | None) -> bool:
    """Our components' templates escape every value: a '<' or a quote in a city or an interface text prints as
    itself. What is markup already (an SVG made by a component, JSON for a <script type="application/json">
    block) is passed as markupsafe.Markup, or through |tojson."""
    return bool(name) and name.startswith(COMPONENTS)


COMPONENTS = "components/"


class _Environments:
    theme = None  # the theme object of the current language's build, and its overlay
    env = None


def components_env(config):
    """The theme's Jinja environment for our components (autoescaped), made once per language's build: Material
    builds a new one, and recompiles every template, on each get_env() call, which costs more than the page
    itself when a component draws a fragment per page. One is kept, the current build's: under serve, earlier
    rebuilds' environments are let go."""
    if _Environments.theme is not config.theme:
        _Environments.theme = config.theme
        _Environments.env = config.theme.get_env().overlay(autoescape=autoescaped, bytecode_cache=cache.TEMPLATES)
    return _Environments.env
