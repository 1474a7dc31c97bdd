"""What every page's frame shows besides the content: the strings of the language bar and the footer."""

from language import current_locale, ui


def on_env(env, config, files):
    # A global, not page context: the 404 page has no page but shows the bar too.
    env.globals["layout_ui"] = ui(current_locale(config), "layout")
    return env
