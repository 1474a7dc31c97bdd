"""mkdocs-static-i18n: the languages it builds (from data/languages.yml), the language being built, and each
page's translations found once per language.

The plugin runs the whole MkDocs build again for each of the 17 languages, from the on_post_build of the first
(outer) build. It finds each page's translations by making a file object for every other language's copy of the
page, for every language, until the one it wants turns up: 17 x 17 per page. The same answer comes from knowing
each copy's language once. It also makes a file object of every file for each language's build (17 x the pages),
working out each path with pathlib: the same objects, from string operations on MkDocs' normalised paths, cost a
fifth. Both replace plugin internals (and call File._get_url): only on the versions engine/versions.py knows.
"""

from __future__ import annotations

import functools
import importlib
import os

from hooks.core.data import DataError
from hooks.core.locale import DEFAULT, essential_pages, is_full, languages, ui


def current_locale(config) -> str:
    """The language being built now. mkdocs-static-i18n builds once per language and says which here."""
    plugin = config.plugins.get("i18n")
    locale = getattr(plugin, "current_language", None) if plugin else None
    return locale or config.theme.get("language", DEFAULT)


def outer_build(config) -> bool:
    """Whether this is the build MkDocs started (the first language's), not one the plugin runs inside it.

    The plugin runs the other languages' builds from the outer build's on_post_build (priority -100): an event
    of the outer build before that point is the first language's (a check of every language's files belongs
    there, once); an on_post_build after it (priority below -100) comes once every language is built."""
    plugin = config.plugins.get("i18n")
    return not (plugin and plugin.building)


def i18n_languages(built: list[str] | None = None) -> list[dict]:
    """mkdocs-static-i18n's `languages` setting, made from data/languages.yml: an essentials language gets
    the navigation of its pages only (the others do not exist in it); `built`: the languages to build (all)."""
    found = []
    for code, language in languages().items():
        site = ui(code, "site")
        entry = {
            "locale": code,
            "name": language["name"],
            "build": built is None or code in built,
            "default": code == DEFAULT,
            "site_name": site["name"],
            "site_description": site["description"],
            "copyright": site["copyright"],
        }
        if not is_full(code):
            entry["nav"] = list(essential_pages())
        found.append(entry)
    return found


def i18n_language(entry: dict):
    """One language as mkdocs-static-i18n's own settings object, validated as if mkdocs.yml had said it."""
    from mkdocs_static_i18n.config import I18nPluginLanguage

    language = I18nPluginLanguage()
    language.load_dict(entry)
    failed, _ = language.validate()
    if failed:
        raise DataError(
            [
                f"data/languages.yml: {entry['locale']}: {name}: {error}. Fix: correct the entry."
                for name, error in failed
            ]
        )
    return language


def configure_languages(config, built: list[str]) -> bool:
    """Give the plugin its languages before its own on_config reads them, in the outer build only (the plugin
    keeps them for the languages it builds inside it); True when it did."""
    plugin = config.plugins.get("i18n")
    if plugin is None or plugin.current_language is not None:
        return False
    plugin.config.languages = [i18n_language(entry) for entry in i18n_languages(built)]
    return True


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


def install_alternates(plugin, first: bool) -> None:
    """Replace the plugin's search for each page's translations (with fallback_to_default: false, mkdocs.yml);
    `first`: a new build (or a rebuild under serve), which may have a page more."""
    if first:
        _Alternates.locales = {}
    if plugin.config.fallback_to_default:
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
