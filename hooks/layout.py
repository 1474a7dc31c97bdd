"""What every page's frame shows besides the content: the strings of the language bar and the footer, and
small repairs to the theme's HTML that screen readers and validators would otherwise trip on."""

from markupsafe import escape

import cache
from language import current_locale, ui
from languages import language_root

BANNER = '<aside class="md-banner">'
TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def name_banner(html: str, name: str) -> str:
    """The band of languages and the free number is Material's banner, an <aside> landmark without a name."""
    return html.replace(BANNER, BANNER[:-1] + f' aria-label="{escape(name)}">', 1)


def drop_missing_toc_label(html: str) -> str:
    """A page outside the navigation (a story) has no #__toc toggle, yet its table of contents' title is a
    label for it: a label pointing at nothing. It stays a title."""
    return html if 'id="__toc"' in html else html.replace(TOC_TITLE, '<label class="md-nav__title">')


def on_env(env, config, files):
    # Each language's build makes a new environment: the theme's templates are compiled once, not each time.
    env.bytecode_cache = cache.TEMPLATES
    # A global, not page context: the 404 page has no page but shows the bar too.
    locale = current_locale(config)
    env.globals["layout_ui"] = ui(locale, "layout")
    # The 404 page answers at any depth: its links start from the root.
    env.globals["locale_root"] = language_root(locale)
    return env


def on_post_page(output, page, config):
    strings = ui(current_locale(config), "layout")
    return drop_missing_toc_label(name_banner(output, strings["band"]))


def on_post_template(output, template_name, config):
    # The 404 and error pages are rendered from templates, not pages: their banner gets its name here.
    if template_name not in ("404.html", "500.html"):
        return output
    return name_banner(output, ui(current_locale(config), "layout")["band"])
