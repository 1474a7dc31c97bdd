"""The home page's two things to do, right under its title in every language: call the free number and estimate
the support (overrides/components/home.html, drawn by main.html; the texts in data/ui.yml, home)."""

from hooks.core.locale import ui


def template_globals(locale: str) -> dict:
    return {"home_ui": ui(locale, "home")}
