"""What every page's frame shows besides the content: the strings of the language bar and the footer."""

from markupsafe import escape

from language import LOCALES, current_locale, ui

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, name: str) -> str:
    """Material's search is a dialog without a name; screen readers announce it as just "dialog"."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{escape(name)}">', 1)


def on_env(env, config, files):
    # A global, not page context: the 404 page has no page but shows the bar too.
    locale = current_locale(config)
    env.globals["layout_ui"] = ui(locale, "layout")
    # The 404 page answers at any depth: its links start from the root.
    env.globals["locale_root"] = "/" if locale == LOCALES[0] else f"/{locale}/"
    return env


def on_post_page(output, page, config):
    return name_search_dialog(output, ui(current_locale(config), "layout")["search"])
