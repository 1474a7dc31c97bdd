"""The one hook mkdocs.yml registers: every MkDocs event of the site, in the order it runs.

Everything else in hooks/ is a plain package (core, components, checks, publishing, engine, tools) that knows
nothing of MkDocs' events: this file reads what an event brings (the page, the language being built, the theme's
environment) and hands plain values to the package's functions, in the order below.

How a build runs: MkDocs builds the first language (French: the *outer* build); the i18n plugin
(mkdocs-static-i18n) then runs the whole build again for each other language from its own on_post_build
(priority -100), inside the outer one. So every event but on_startup runs once per language; work that reads
every language's files runs in the outer build's first events, and work on the whole site in its on_post_build,
after the plugin's.

| event | priority | why that priority | what runs, in this order |
| --- | --- | --- | --- |
| on_startup | 0 | once per process | the command (build or serve); the quiet build log |
| on_config | 100 | before the plugin's own on_config (-100), which reads the languages we give it | engine patches; the plugin's languages; symbolic links and ui.yml (outer); glossary texts (outer); each component's data; theme words and direction |
| on_pre_build | 0 | | per build (outer): the anchors check, the sitemap's pages, the publication |
| on_files | 0 | before the plugin's (-100) narrows the files to one language | every page's content, the facts it may not type, its translations (outer) |
| on_env | 0 | after the plugin's (0, registered first) | the templates' compiled code kept; each component's template globals |
| on_page_markdown | 0 | after the plugin's (50) | title and description; translation notices (and the current text of a page changed in French); terms; links to missing pages; links |
| on_page_content | 0 | | blocks changed in French marked with the current language; glossary first (markers still comments), then desks, estimator, stories, languages, leaflet, search, sheets (their offers and controls); last the ids for the anchors check |
| on_page_context | 0 | after the plugin's (50) | language bar, addresses (metadata), printed footer (after the address) |
| on_post_page | 0 | the plugin's (-100) does nothing here | frame repairs, French spacing, bundles, the policy check, then the leaflet and its sheets in two languages printed from the final page; a full language's essentials page copied for the sheets |
| on_post_template | 0 | | the error pages (404, 500): their banner, kept per language; the policy check |
| on_post_build | -200 | after the plugin (-100) has built every language | each language: its anchors; then, in the outer build only: PDFs, sitemap, the estimator's names file and its words for the sheets, search indexes, publication files, the checks' cache saved (not by a process older than the code or the languages) |
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

# MkDocs loads this file by its path, not as part of the package: the package is imported from the project.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.config.base import ValidationError  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from hooks.core.data import DataError  # noqa: E402

# The package reads data/languages.yml as it is imported (the languages are its constants): a mistake there is
# told as MkDocs tells a mistake of mkdocs.yml, one line each, not as a traceback of this import.
try:
    import hooks.core.locale  # noqa: E402, F401
except DataError as error:
    raise ValidationError("\n".join(error.messages)) from None

from hooks.checks import content, facts, links, policy, translations  # noqa: E402
from hooks.components import (  # noqa: E402
    desks,
    estimator,
    glossary,
    home,
    languages,
    layout,
    leaflet,
    notices,
    printing,
    search,
    sheets,
    stories,
    typography,
)
from hooks.core import build, cache  # noqa: E402
from hooks.core.locale import ALL_LOCALES, DEFAULT, LOCALES, languages_by_code, published_locales  # noqa: E402
from hooks.core.pages import link, source_page  # noqa: E402
from hooks.engine import i18n, log, theme, versions  # noqa: E402
from hooks.publishing import hosting, metadata, pdfs  # noqa: E402

# The components whose markers a page may hold (<!-- desks -->), in the order they draw them.
COMPONENTS = (glossary, desks, estimator, stories, languages, leaflet, search, sheets)


class Build:
    """What one build (every language; one rebuild under serve) carries from event to event."""

    told = False  # that serve previews some languages only: said once per process

    def __init__(self):
        self.report: dict = {}  # the translations' state, for the notices
        self.anchors: links.Anchors | None = None
        self.sources: set[str] = set()  # the default language's pages, for the sitemap
        self.publication: hosting.Publication | None = None
        self.printer = pdfs.Printer()
        self.leaflets = sheets.Leaflets()  # the leaflet sheets in two languages, each language's column drawn once
        self.stories: stories.Stories | None = None
        self.plans: dict = {}  # each page's plan of notices (components/notices.py), from its Markdown to its HTML


state = Build()


def editors(event):
    """An editor's mistake (DataError: one line per problem) stops MkDocs as its own PluginError does: the lines
    are printed, without a traceback."""

    @functools.wraps(event)
    def handled(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except DataError as error:
            raise PluginError(str(error)) from None

    return handled


def _locale(config) -> str:
    return i18n.current_locale(config)


def _source(locale: str, page) -> str:
    """The page's file name in the full languages (an essentials language's index.md is essentials.md)."""
    return source_page(locale, page.file.src_uri.split("/", 1)[1])


@editors
def on_startup(command, dirty):
    build.start(command)
    log.quiet_log(command, one_line=versions.patches_on("log"))


@event_priority(100)
@editors
def on_config(config):
    global state
    outer, locale = i18n.outer_build(config), _locale(config)
    if outer:
        state = Build()
    if versions.patches_on("theme", versions.engine_of(config)):
        theme.install_theme_listing(config, first=outer)
    plugin = config.plugins.get("i18n")
    if plugin is not None and versions.patches_on("i18n", versions.engine_of(config)):
        i18n.install_alternates(plugin, first=outer)
    drafts = tuple(code for code in ALL_LOCALES if code not in published_locales())
    built = build.served_languages(build.build_command(), list(ALL_LOCALES), list(LOCALES), drafts=drafts)
    if outer:
        build.making(built)
    previewing = build.build_command() == "serve" and len(built) < len(ALL_LOCALES)
    if i18n.configure_languages(config, built) and previewing and not Build.told:
        Build.told = True
        build.log.info(
            f"Previewing {' '.join(built)} ({len(built)} of {len(ALL_LOCALES)} languages, so that a rebuild "
            'takes about a second): SITE_LANGUAGES="fr ps" make serve for others, SITE_LANGUAGES=all for all.'
        )
    if outer:  # what is the same for every language: checked once per build
        content.check_sources()
        glossary.check_texts()
        policy.check_stylesheets()
        hosting.load_hosting()
    glossary.rules()
    desks.check()
    estimator.check()
    state.stories = stories.Stories(Path(config.docs_dir))
    languages.check_theme_words(config.theme.dirs, locale)
    # Material reads the writing direction from the theme setting before its own language files.
    config.theme["direction"] = languages_by_code()[locale]["dir"]
    search.search_data()
    search.check_stemmers(config.theme.dirs)
    policy.known_scripts()
    config.theme.static_templates.update(hosting.ERROR_PAGES)  # a set: the same in every language's build
    return config


@editors
def on_pre_build(config):
    if i18n.outer_build(config):
        state.anchors = links.Anchors(Path(config.docs_dir))
        if build.published():
            state.publication = hosting.Publication(config.site_dir, config.extra_css, config.extra_javascript)


@editors
def on_files(files, config):
    translations.current_lock()  # a malformed lock file stops the build before any page, with its one line
    if i18n.outer_build(config):  # here MkDocs lists every language's pages: the first build checks them all
        pages = [Path(file.abs_src_path) for file in files.documentation_pages()]
        content.check_pages(pages, COMPONENTS)
        cities = {desk["id"]: desk["city"] for desk in desks.desks_data()["desks"]}
        facts.check_pages(pages, Path(config.docs_dir), cities)  # a day, an hour, a number typed: data/, a marker
        missing = translations.missing_translations(Path(config.docs_dir))
        if missing:
            raise DataError(missing)
        state.report = translations.translation_report()
        for line in translations.check_states(Path(config.docs_dir), state.report, translations.current_lock()):
            build.log.info(line)  # a draft language: what it still holds of another language
    return files


@editors
def on_env(env, config, files):
    # Each language's build makes a new environment: the theme's templates are compiled once, not each time.
    env.bytecode_cache = cache.TEMPLATES
    locale = _locale(config)
    env.globals.update(desks.template_globals(locale))
    env.globals["toll_free"] = notices.frame_toll_free(env.globals["toll_free"], locale, state.report)
    env.globals.update(layout.template_globals(locale))
    env.globals.update(home.template_globals(locale))
    env.globals.update(search.template_globals(locale, config.theme.dirs))
    return env


@editors
def on_page_markdown(markdown, page, config, files):
    locale, source = _locale(config), Path(page.file.abs_src_path)
    content.escape_meta(page.meta)
    translations.check_page_meta(page.meta, source)
    plan = notices.plan(locale, _source(locale, page), markdown, state.report, COMPONENTS)
    state.plans[page.file.src_uri] = plan
    markdown = notices.with_notices(markdown, plan, _source(locale, page), "/" + page.url)
    glossary.check_page(source, locale)
    markdown = languages.link_missing_pages(markdown, locale, page.url)
    state.anchors.check_page(source, Path(config.docs_dir) / locale)
    return markdown


@editors
def on_page_content(html, page, config, files):
    locale, env = _locale(config), theme.components_env(config)
    glossary_page = files.get_file_from_path(f"{locale}/{glossary.PAGE}")
    glossary_url = link(glossary_page.url, page.url) if glossary_page else None
    # A part whose French text changed since its translation is drawn in the current language (notices.py).
    plan = state.plans.get(page.file.src_uri) or notices.Plan(locale)
    html = notices.mark_blocks(html, plan, COMPONENTS)
    html = glossary.draw(html, env, plan.draws_in("glossary"), glossary_url)
    html = desks.draw(html, env, plan.draws_in("desks"), f"docs/{page.file.src_uri}")
    html = estimator.draw(html, env, plan.draws_in("estimator"))
    html = state.stories.draw(html, env, plan.draws_in("stories"), page.file.src_uri)
    html = languages.draw_chooser(html, env, plan.draws_in("languages"), "/" + page.url)
    html = notices.leaflet(leaflet.draw(html, env, plan.draws_in("leaflet")), locale)
    if search.MARKER.search(html):
        pages = [search.Page(file.src_uri, file.abs_src_path, file.url) for file in files.documentation_pages()]
        html = search.draw_index(html, env, pages, config.nav, page.url)
    html = sheets.draw(html, env, locale, "/" + page.url, _source(locale, page))
    state.anchors.page_drawn(Path(page.file.abs_src_path), html)  # last: every component's ids count
    return html


@editors
def on_page_context(context, page, config, nav):
    locale = _locale(config)
    source = _source(locale, page)
    context.update(languages.bar_context(locale, "/" + page.url, source))
    context.update(metadata.page_context(locale, page.url, source))
    if locale == DEFAULT:
        state.sources.add(source)
    context["printing"] = printing.printing_context(
        context["page_address"],
        page.file.abs_src_path,
        config.docs_dir,
        locale,
        printing.follows_fragment(page.content or ""),
    )
    return context


@editors
def on_post_page(output, page, config):
    locale = _locale(config)
    output = metadata.noindex_draft(layout.repair_page(output, locale), locale)
    if locale == "fr":
        output = typography.french_html(output)
    if state.publication is not None:
        output = state.publication.page(output)
    policy.check_page(output, f"docs/{page.file.src_uri}")
    site, dest = Path(config.site_dir), Path(page.file.abs_dest_path)
    if build.publication_files():  # the page as it is written, every change made
        state.printer.page_written(output, dest, site, locale)
        shown = (state.plans.get(page.file.src_uri) or notices.Plan(locale)).draws_in("leaflet")
        env = theme.components_env(config)
        for document, pdf in state.leaflets.documents(env, output, locale, site, dest, shown):
            state.printer.document_written(document, dest.parent, pdf)
    sheets.write_page_texts(output, locale, _source(locale, page), site)
    return output


@editors
def on_post_template(output, template_name, config):
    if template_name in hosting.ERROR_PAGES:
        output = metadata.noindex_draft(layout.repair_not_found(output, _locale(config)), _locale(config))
        output = notices.error_page(output, _locale(config))
        if state.publication is not None:
            state.publication.error_page(output, template_name, _locale(config))
    policy.check_template(output, template_name)
    return output


@event_priority(-200)
@editors
def on_post_build(config):
    # Each language's anchors at the end of its own build: before MkDocs counts its warnings (strict mode), so
    # that a wrong section is named by our one line.
    state.anchors.check()
    if not i18n.outer_build(config):
        return
    site = Path(config.site_dir)
    if build.publication_files():
        state.printer.finish(site, build.built_languages())
    metadata.write_sitemap(site, sorted(state.sources))
    estimator.write_names(site)
    sheets.write_estimate_texts(site)
    search.write_indexes(site, build.built_languages())
    if state.publication is not None:
        state.publication.finish()
    if not cache.results().save() and build.build_command() == "serve":
        build.log.warning(
            "data/languages.yml or a hook changed since make serve started: this serve keeps the old list of "
            "languages and code, and its checks are not kept. Fix: stop make serve (Ctrl+C) and start it again."
        )
