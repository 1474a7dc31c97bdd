"""The engine's own cost per language, paid once per build instead of once per language.

mkdocs-static-i18n runs the whole MkDocs build again for each of the 17 languages. Three steps of that build cost
the same every time and grew with the number of languages, not with pages (`make bench` shows the build by
number of languages):

- MkDocs lists the theme's files by walking Material's folders (thousands of icons) and copies them into the
  site in every language's build: the list is made once (again when overrides/ changes, under serve), and the
  files are copied by the first language's build only (the others copy a file only if it changed since, as
  `--dirty` does).
- mkdocs-static-i18n finds each page's translations by making a file object for every other language's copy
  of the page, for every language, until the one it wants turns up: 17 x 17 per page. The same answer comes
  from knowing each copy's language once.
- It makes a file object of every file for each language's build (17 x the pages), working out each path
  with pathlib: the same objects, from string operations on MkDocs' normalised paths, cost a fifth.

Both are MkDocs and plugin internals, patched here only (README, "Maintenance"); with a version of the plugin
other than the one pinned, the plugin's own code runs, slower but the same.
"""

from __future__ import annotations

import functools
import importlib
import os
from importlib.metadata import version

from mkdocs.plugins import event_priority

from language import first_language_build

# The plugin version whose reconfigure_files_alternates alternates() reproduces (pyproject.toml pins it).
I18N_VERSION = "1.3.1"


# --- The theme's files, listed once and copied once ---------------------------------------------------------


class _Theme:
    listed: tuple = (None, [])  # (what it was listed from, [(path, theme folder)])
    overrides: tuple | None = None  # folder_state of overrides/, taken by each build's first language


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
    if first_language_build(config) or _Theme.overrides is None:  # the other languages' builds follow at once
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
    copied = not first_language_build(config)  # by the first language's build, into the same folder
    for path, folder in theme_files(type(self), env, config):
        if self.get_file_from_path(path) is None:
            file = file_class(path, folder, config.site_dir, config.use_directory_urls)
            if copied:  # copied again only if changed since, as in a --dirty build
                file.copy_file = functools.partial(copy_if_changed, file_class, file)
            self.append(file)


def copy_if_changed(file_class, file, dirty: bool = False) -> None:
    file_class.copy_file(file, dirty=True)


def install_theme_listing(config) -> None:
    """Patch the running engine's Files (MkDocs or ProperDocs: the package of config's class), once."""
    module = importlib.import_module(type(config).__module__.split(".")[0] + ".structure.files")
    if getattr(module.Files.add_files_from_theme, "listed_once", False):
        return
    _Theme.original = module.Files.add_files_from_theme
    add_files_from_theme.listed_once = True
    module.Files.add_files_from_theme = add_files_from_theme


# --- Each page's translations, found once per language ----------------------------------------------------


def alternates(plugin, i18n_src_uris: dict, i18n_alternate_src_uris: dict, mkdocs_config, create_i18n_file) -> None:
    """mkdocs-static-i18n's reconfigure_files_alternates for fallback_to_default: false (mkdocs.yml): each
    page's copy in each language, as a file of that language's build. The plugin makes a file for every
    other copy to learn its language, for every language; here each copy's language is learnt once."""
    default = plugin.default_language
    every = plugin.all_languages
    for src_uri, i18n_file in i18n_src_uris.items():
        by_locale: dict[str, object] = {}
        for other in i18n_alternate_src_uris.get(src_uri, []):
            locale = _Alternates.locales.get(other.src_path)
            if locale is None:  # a copy's language depends on its folder alone: learnt once per build
                locale = create_i18n_file(other, default, default, every, mkdocs_config).locale
                _Alternates.locales[other.src_path] = locale
            by_locale.setdefault(locale, other)  # the plugin takes the first copy of a language
        for build_lang in sorted(plugin.build_languages):
            if build_lang in i18n_file.alternates or build_lang not in by_locale:
                continue
            i18n_file.alternates[build_lang] = create_i18n_file(
                by_locale[build_lang], build_lang, default, every, mkdocs_config
            )


def under(path: str, folder: str) -> bool:
    """PurePath(path).is_relative_to(folder), for a normalised path and folder (no '.', '..', '//' or trailing
    '/', as MkDocs gives them)."""
    return path == folder or path.startswith(folder + "/")


def inside(path: str, folder: str) -> str:
    """PurePath(path).relative_to(folder).as_posix(), for a path under(folder)."""
    return "." if path == folder else path[len(folder) + 1 :]


def joined(folder: str, path: str) -> str:
    """(PurePath(folder) / path).as_posix(), for a normalised path."""
    return folder if path == "." else f"{folder}/{path}"


def i18n_file(file_class, locale_pattern, file, current_language, default_language, all_languages, config):
    """mkdocs-static-i18n 1.3.1's folder.create_i18n_file: the file as the build of current_language sees it,
    with its language, its place in that language's site and its address (tests/test_engine.py compares the
    two on every file and language of the site)."""
    made = file_class(
        file.src_path,
        config.docs_dir,
        file.dest_path,
        config.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    source, dest = made.src_path, made.dest_path
    locale, localization = default_language, None
    first = source.split("/", 1)[0]
    for language in all_languages:
        if under(source, language):
            locale = localization = language
            break
        if locale_pattern.match(first):  # a folder named like a language, configured or not
            locale = localization = first
            break
    name = dest.rsplit("/", 1)[-1]
    if name.endswith("README.html"):
        dest = dest[: len(dest) - len(name)] + "index.html"
    if locale != current_language:
        if under(dest, locale):
            made.dest_path = joined(current_language, inside(dest, locale))
        elif current_language != default_language:
            made.dest_path = joined(current_language, dest)
    elif locale == default_language:
        if under(dest, locale):
            made.dest_path = inside(dest, locale)
        elif current_language != default_language:
            made.dest_path = joined(current_language, dest)
    made.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, made.dest_path))
    if made.name == "README":
        made.name = "index"
    made.url = made._get_url(config.use_directory_urls)
    made.alternates = {current_language: made}
    made.locale = locale
    made.locale_alternate_of = current_language
    made.localization = localization
    made.norm_src_uri = inside(made.src_uri, localization) if localization else made.src_uri
    return made


class _Alternates:
    locales: dict[str, str] = {}  # a page file's path -> its language, for one build


def install_alternates(plugin) -> None:
    if plugin.config.fallback_to_default or version("mkdocs-static-i18n") != I18N_VERSION:
        return  # the plugin's own search, which also falls back to the default language

    def reconfigure_files_alternates(i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
        alternates(plugin, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file)

    plugin.reconfigure_files_alternates = reconfigure_files_alternates
    folder = importlib.import_module("mkdocs_static_i18n.folder")
    if not getattr(folder.create_i18n_file, "from_strings", False):
        config_module = importlib.import_module("mkdocs_static_i18n.config")
        fast = functools.partial(i18n_file, folder.File, config_module.RE_LOCALE)
        fast.from_strings, fast.original = True, folder.create_i18n_file
        folder.create_i18n_file = fast


# --- MkDocs events --------------------------------------------------------------------------------


@event_priority(100)
def on_config(config):
    install_theme_listing(config)
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        install_alternates(plugin)
    if first_language_build(config):
        _Alternates.locales = {}  # a new build (or a rebuild under serve) may have a page more
    return config
