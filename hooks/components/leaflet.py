"""A one-page A4 leaflet per language, drawn from the same data as the site (<!-- leaflet -->), and its PDF,
printed at build time by headless Chromium so that a social worker can download it.

The PDFs are printed by publishing/pdfs.py.
"""

from __future__ import annotations

from hooks.components.desks import desks_data, directory_context
from hooks.components.estimator import build_day, current_rules, in_force_context, rules_context
from hooks.components.printing import qr_svg
from hooks.core.cache import once_per_environment
from hooks.core.locale import home_addresses, ui
from hooks.core.pages import address

TEMPLATE = "components/leaflet.html"
MARKER = "<!-- leaflet -->"
PAGE = "leaflet"


def leaflet_context(locale: str, addresses: dict, rules: dict | None = None) -> dict:
    """rules: the estimator's rules_context in this language, when drawn already for the build's other pages."""
    strings = ui(locale, "leaflet")
    home = address(addresses, locale, "")
    directory = directory_context(desks_data(), locale, home)
    rules = rules_context(current_rules(), locale) if rules is None else rules
    return {
        "ui": strings,
        # The services are in the offers above; the table keeps what has an amount or a condition.
        "table": dict(
            rules["table"],
            rows=[
                row
                for row in rules["table"]["rows"]
                if row["id"] not in ("journey", "travel_documents", "airport_help")
            ],
        ),
        "rules_ui": rules["ui"],
        "date": rules["date"],
        "toll_free": directory["toll_free"],
        "desks": directory["desks"],
        "desks_ui": directory["ui"],
        "formats": directory["formats"],
        "home": home,
        "qr": qr_svg(home, strings["qr_label"]),
        "pdf": f"{strings['pdf_name']}.pdf",
    }


@once_per_environment
def fragment(env, locale: str, addresses: tuple) -> str:
    """The leaflet in a language, drawn once per build (env is the build's own)."""
    rules = in_force_context(env, locale, build_day())
    return env.get_template(TEMPLATE).render(**leaflet_context(locale, dict(addresses), rules))


def draw(html: str, env, locale: str) -> str:
    if MARKER not in html:
        return html
    return html.replace(MARKER, fragment(env, locale, tuple(sorted(home_addresses().items()))))
