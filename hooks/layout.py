"""What every page's frame shows besides the content: the strings of the language bar and the footer."""

from language import LOCALES, current_locale, ui


def on_env(env, config, files):
    # A global, not page context: the 404 page has no page but shows the bar too.
    locale = current_locale(config)
    env.globals["layout_ui"] = ui(locale, "layout")
    # The 404 page answers at any depth: its links start from the root.
    env.globals["locale_root"] = "/" if locale == LOCALES[0] else f"/{locale}/"
    return env
