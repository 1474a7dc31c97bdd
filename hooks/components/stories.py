"""Return stories (récits de retour / terugkeerverhalen): one Markdown file per story and language.

Plain functions read and check every story's front matter and build what the templates draw; the hook
puts the index where a page says <!-- stories --> and frames each story page with its facts (and the
notice that it is illustrative), the support it shows, the stories of the same region and where to get help.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel import Locale

from hooks.components.desks import desks_data, toll_free_context
from hooks.components.estimator import COUNTRIES_FILE, RULES_FILE, available_items, rules_data, rules_in_force
from hooks.core import build
from hooks.core.cache import when_changed
from hooks.core.data import DataError, check_schema, display_path, load_schema, load_yaml, message, read_front_matter
from hooks.core.locale import LOCALES, is_full, ui
from hooks.core.paths import ROOT

LISTS_FILE = ROOT / "data" / "stories.yml"
FOLDER = "stories"
TEMPLATE = "components/stories.html"
MARKER = "<!-- stories -->"
# Facts that are the same whatever the language: a translation that differs is a mistake.
SHARED_FIELDS = ("country_code", "region", "year", "support", "illustrative")


# --- Data -----------------------------------------------------------------------------------------


def load_lists(path: Path = LISTS_FILE) -> dict:
    """The fixed regions and kinds of support, each labelled in the three languages."""
    document = load_yaml(path)
    problems = []
    for name in ("regions", "support"):
        for key, entry in (document.data or {}).get(name, {}).items():
            labels = entry if name == "regions" else entry.get("label", {})
            for locale in LOCALES:
                if not str((labels or {}).get(locale) or "").strip():
                    place = (name, key) if name == "regions" else (name, key, "label")
                    problems.append(
                        document.error(place, f"the {locale} label is missing", f"add {locale}: with the label")
                    )
    items = load_schema("estimator.schema.json")["$defs"]["item"]["properties"]["id"]["enum"]
    for key, entry in (document.data or {}).get("support", {}).items():
        needs = entry.get("needs")
        if not isinstance(needs, list) or not needs:
            problems.append(
                document.error(
                    ("support", key),
                    "needs: is missing",
                    f"list the rule items that make it possible, among {', '.join(items)}",
                )
            )
            continue
        for index, need in enumerate(needs):
            if need not in items:
                problems.append(
                    document.error(
                        ("support", key, "needs", index),
                        f"{need!r} is not an item of the rules",
                        f"use one of {', '.join(items)}",
                    )
                )
    if problems:
        raise DataError(problems)
    return document.data


def check_story(document, lists: dict) -> list[str]:
    problems = check_schema(document, load_schema("stories.schema.json"))
    data = document.data if isinstance(document.data, dict) else {}
    year = data.get("year")
    if isinstance(year, int) and year > build.today().year:
        problems.append(
            document.error(
                ("year",), f"{year} is in the future", "write the year the person returned, this year or earlier"
            )
        )
    region = data.get("region")
    if isinstance(region, str) and region not in lists["regions"]:
        problems.append(
            document.error(
                ("region",),
                f"{region!r} is not a known region",
                f"use one of {', '.join(lists['regions'])}, or add it to data/stories.yml",
            )
        )
    for index, kind in enumerate(data.get("support") or []):
        if isinstance(kind, str) and kind not in lists["support"]:
            problems.append(
                document.error(
                    ("support", index),
                    f"{kind!r} is not a known kind of support",
                    f"use one of {', '.join(lists['support'])}",
                )
            )
    return problems


def load_stories(docs_dir: Path, lists: dict) -> dict[str, dict[str, dict]]:
    """{locale: {slug: front matter}} for every story; every problem in every file raises one DataError."""
    stories, documents, problems = {locale: {} for locale in LOCALES}, {}, []
    for locale in LOCALES:
        for path in sorted((Path(docs_dir) / locale / FOLDER).glob("*.md")):
            if path.name == "index.md":
                continue
            try:
                document = read_front_matter(path)
            except DataError as error:
                problems += error.messages
                continue
            found = check_story(document, lists)
            problems += found
            if not found:
                stories[locale][path.stem] = document.data
                documents[(locale, path.stem)] = document
    for slug in stories[LOCALES[0]]:
        reference = stories[LOCALES[0]][slug]
        for locale in LOCALES[1:]:
            other = stories[locale].get(slug)
            for field in SHARED_FIELDS if other else ():
                if other[field] != reference[field]:
                    problems.append(
                        documents[(locale, slug)].error(
                            (field,),
                            f"{other[field]} differs from {reference[field]} in docs/{LOCALES[0]}/{FOLDER}/{slug}.md",
                            f"use the same {field} in every language of the story",
                        )
                    )
    for slug, story in stories[LOCALES[0]].items():
        problems += check_support_allowed(documents[(LOCALES[0], slug)], story, lists)
    if problems:
        raise DataError(problems)
    return stories


def check_support_allowed(document, story: dict, lists: dict) -> list[str]:
    """A story never shows support that the rules of its year deny to its country: each kind of support needs
    one of the rule items data/stories.yml lists for it (those for vulnerable people only when it says so)."""
    data, countries = rules_data()
    code = story["country_code"]
    if code not in countries:
        return [
            document.error(
                ("country_code",),
                f"{code} is not a country of data/countries.yml",
                "write the ISO code of the country of return, for example GE",
            )
        ]
    year_end = min(datetime.date(story["year"], 12, 31), build.today())
    rule_set = rules_in_force(data, year_end)
    items = available_items(rule_set, countries, code, "vulnerability" in story["support"])
    problems = []
    for index, kind in enumerate(story["support"]):
        needs = lists["support"][kind].get("needs", [])
        if not set(needs) & items:
            country = f"{Locale('en').territories[code]} ({countries[code]})"
            problems.append(
                document.error(
                    ("support", index),
                    f"{kind} needs {' or '.join(needs)}, which the rules of {rule_set['in_force_from'][:4]} "
                    f"({rule_set['id']}) do not give for a return to {country}",
                    "remove it, or tell the story as the rules allow (data/estimator.yml)",
                )
            )
    return problems


def story_files(docs_dir: Path) -> list[Path]:
    return sorted(Path(docs_dir).glob(f"*/{FOLDER}/*.md")) + [LISTS_FILE, RULES_FILE, COUNTRIES_FILE]


@when_changed(story_files)
def stories_data(docs_dir: Path) -> tuple[dict, dict]:
    """(lists, stories), read again only when a story or data/stories.yml changed."""
    lists = load_lists()
    return lists, load_stories(Path(docs_dir), lists)


# --- What the templates draw ----------------------------------------------------------------------


def card(slug: str, meta: dict, locale: str, lists: dict, prefix: str) -> dict:
    return {
        "slug": slug,
        "href": f"{prefix}{slug}/",
        "title": meta["title"],
        "country": meta["country"],
        "year": meta["year"],
        "summary": meta["summary"],
        "illustrative": meta["illustrative"],
        "region": meta["region"],
        "region_label": lists["regions"][meta["region"]][locale],
        "support": [
            {
                "id": kind,
                "label": lists["support"][kind]["label"][locale],
                "href": f"{prefix}../{lists['support'][kind]['page'][:-3]}/#{lists['support'][kind]['anchor']}",
            }
            for kind in meta["support"]
        ],
    }


def ordered(stories: dict[str, dict]) -> list[str]:
    """Newest return first; stories of the same year by title."""
    return sorted(stories, key=lambda slug: (-stories[slug]["year"], stories[slug]["title"]))


def index_context(lists: dict, stories: dict, locale: str) -> dict:
    cards = [card(slug, stories[locale][slug], locale, lists, "") for slug in ordered(stories[locale])]
    used_regions = {c["region"] for c in cards}
    used_support = {kind["id"] for c in cards for kind in c["support"]}
    return {
        "cards": cards,
        "regions": [(key, labels[locale]) for key, labels in lists["regions"].items() if key in used_regions],
        "support": [(key, entry["label"][locale]) for key, entry in lists["support"].items() if key in used_support],
        "ui": ui(locale, "stories"),
    }


def story_cards(lists: dict, stories: dict, locale: str) -> list[dict]:
    """Every story of a language as a story page links to it (../slug/), newest first."""
    return [card(slug, stories[locale][slug], locale, lists, "../") for slug in ordered(stories[locale])]


# Other stories of the region a story page links to, newest first: a few to read next, with the link to every
# story beside them; a region with a hundred stories would otherwise list a hundred on each of them.
RELATED = 3


def story_context(lists: dict, stories: dict, locale: str, slug: str, cards: list[dict] | None = None) -> dict:
    """A story and the newest others of its region; cards: story_cards, when made already (every story page
    asks)."""
    cards = story_cards(lists, stories, locale) if cards is None else cards
    this = next(found for found in cards if found["slug"] == slug)
    related = [other for other in cards if other["slug"] != slug and other["region"] == this["region"]][:RELATED]
    return {"story": this, "related": related, "ui": ui(locale, "stories")}


def story_slug(src_uri: str) -> str | None:
    """'nl/stories/armenia-care.md' -> 'armenia-care'; None for any other page, the index included."""
    parts = src_uri.split("/")
    if parts[0] in LOCALES:
        parts = parts[1:]
    if len(parts) == 2 and parts[0] == FOLDER and parts[1] != "index.md":
        return parts[1][:-3]
    return None


def render(
    html: str,
    env,
    locale: str,
    src_uri: str,
    data: tuple[dict, dict],
    docs_dir: Path,
    toll_free: dict,
    cards: list[dict] | None = None,
) -> str:
    """A page's HTML with the index drawn at the marker, or, for a story, framed by its head and foot."""
    slug = story_slug(src_uri)
    if MARKER not in html and slug is None:
        return html
    lists, stories = data
    template = env.get_template(TEMPLATE)
    if MARKER in html:
        html = html.replace(MARKER, template.render(mode="index", **index_context(lists, stories, locale)))
    if slug is not None:
        context = story_context(lists, stories, locale, slug, cards)
        head, _, rest = html.partition("</h1>")
        if not rest:
            raise DataError(
                [
                    message(
                        display_path(Path(docs_dir) / src_uri),
                        None,
                        "title",
                        "the story has no heading",
                        "start the text with '# ' and the story's title",
                    )
                ]
            )
        html = (
            head
            + "</h1>"
            + template.render(mode="story_head", **context)
            + rest
            + template.render(mode="story_foot", toll_free=toll_free, **context)
        )
    return html


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


class Stories:
    """The stories of one language's build: read before any page (every story page needs all of them), each
    language's cards made once (each story lists those of its region)."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        self.data = stories_data(self.docs_dir)
        self.cards: dict[str, dict] = {}

    def draw(self, html: str, env, locale: str, src_uri: str) -> str:
        if MARKER not in html and story_slug(src_uri) is None:
            return html  # not the index, not a story
        if not is_full(locale):  # the stories are among the full languages' pages only
            return html
        if locale not in self.cards:
            self.cards[locale] = story_cards(*self.data, locale)
        toll_free = toll_free_context(desks_data(), locale)
        return render(html, env, locale, src_uri, self.data, self.docs_dir, toll_free, self.cards[locale])
