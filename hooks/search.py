"""Search in the page's language only.

mkdocs-static-i18n writes one search index for all languages. We split it into one index per language
(search/, nl/search/, en/search/) and point each page's search at its own language's index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from language import LOCALES, all_languages_built, current_locale

CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")', re.S)


def locale_of(location: str, default: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LOCALES and first != default else default


def split_index(index: dict, default: str) -> dict[str, dict]:
    """{locale: index} where each index holds only that language's pages, located from its own folder."""
    split = {locale: {"config": dict(index["config"], lang=[locale]), "docs": []} for locale in LOCALES}
    for doc in index["docs"]:
        locale = locale_of(doc["location"], default)
        location = doc["location"] if locale == default else doc["location"][len(locale) + 1:]
        split[locale]["docs"].append(dict(doc, location=location))
    return split


def scope_config(html: str, locale: str, default: str) -> str:
    """Point Material's search of a page at its language's folder (the base its index lives under)."""
    if locale == default:
        return html

    def rebase(match):
        base = match.group(2).rstrip("/")
        return f"{match.group(1)}{base}/{locale}/{match.group(3)}"

    return CONFIG_BASE.sub(rebase, html, count=1)


def _default_locale(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.default_language if plugin else LOCALES[0]


def on_post_page(output, page, config):
    return scope_config(output, current_locale(config), _default_locale(config))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    if not all_languages_built(config):
        return  # an inner, per-language build: the merged index is not complete yet
    site = Path(config.site_dir)
    default = _default_locale(config)
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for locale, part in split_index(index, default).items():
        target = site / ("" if locale == default else locale) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
