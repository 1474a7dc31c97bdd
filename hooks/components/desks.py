"""The directory of the return desks and the free phone number, from data/desks.yml.

Plain functions load, check and shape the data; the MkDocs events at the bottom only connect them:
a page asks for the directory with the marker <!-- desks --> (all desks, the postcode finder and the
areas table), <!-- desk:ID --> (one desk), <!-- desk:ID:walk_in --> (when a desk takes people without an
appointment, in a sentence), <!-- toll_free --> (the number as a link) or <!-- toll_free:hours --> (when the
line answers, in words). Days, times and parts of the day are data: each language writes them itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote_plus

from markupsafe import Markup, escape

from hooks.core import build
from hooks.core.build import build_command, preview
from hooks.core.cache import once_per_environment, when_changed
from hooks.core.data import DataError, load_checked, repeated_ids
from hooks.core.formats import formats, in_language
from hooks.core.locale import DAYS, home_addresses, language_files, ui, with_translations
from hooks.core.paths import ROOT

DESKS_FILE = ROOT / "data" / "desks.yml"
TEMPLATE = "components/desks.html"
MARKER = re.compile(r"<!--\s*(desks|desk:([a-z0-9_]+)(?::(walk_in))?|toll_free(?::(hours))?)\s*-->")


# --- Data -----------------------------------------------------------------------------------------


def _check_hours(document, location, hours) -> list[str]:
    problems = []
    for index, slot in enumerate(hours or []):
        if slot["to"] <= slot["from"]:
            problems.append(
                document.error(
                    location + (index, "to"),
                    f"closes at {slot['to']}, not after it opens at {slot['from']}",
                    "write a closing time later than the opening time; split a slot that passes midnight",
                )
            )
    return problems


def _check_dates(document, node, location=(), today=None) -> list[str]:
    """A fact cannot have been checked in the future: the date is a typo (2062 for 2026)."""
    today = today or build.today()
    problems = []
    if isinstance(node, dict):
        checked = node.get("checked")
        if isinstance(checked, str) and checked > today.isoformat():
            problems.append(
                document.error(
                    location + ("checked",),
                    f"{checked} is in the future",
                    "write the date the fact was checked, today or earlier, as YYYY-MM-DD",
                )
            )
        for key, value in node.items():
            problems += _check_dates(document, value, location + (key,), today)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            problems += _check_dates(document, item, location + (index,), today)
    return problems


def _check_walk_in(document, location, walk_in) -> list[str]:
    """A part of the day belongs to days; the part by appointment is the other one."""
    problems = []
    if walk_in.get("part") and not walk_in.get("days"):
        problems.append(
            document.error(
                location + ("part",),
                f"{walk_in['part']} without days",
                "add days: [mon, ...], the days of that part, or remove part",
            )
        )
    if walk_in.get("appointment") and walk_in.get("appointment") == walk_in.get("part"):
        problems.append(
            document.error(
                location + ("appointment",),
                f"the {walk_in['part']} is both without an appointment and by appointment",
                "write the other part of the day, or remove appointment",
            )
        )
    elif walk_in.get("appointment") and not walk_in.get("part"):
        problems.append(
            document.error(
                location + ("appointment",),
                "a part by appointment needs the part without one",
                "add part: morning or afternoon, or remove appointment",
            )
        )
    return problems


def check_desks(document) -> list[str]:
    """The rules a schema cannot say: times in order, one entry per desk, postcode ranges that do not clash,
    walk-in parts that make sense, no checked: date in the future."""
    data = document.data
    problems = _check_dates(document, data)
    problems += _check_hours(document, ("toll_free", "hours", "value"), data["toll_free"]["hours"]["value"])
    problems += repeated_ids(
        document, data["desks"], "desks", "desk", "remove the duplicate or give this desk its own id"
    )
    ranges = []
    for index, desk in enumerate(data["desks"]):
        problems += _check_hours(document, ("desks", index, "hours", "value"), desk["hours"]["value"])
        problems += _check_walk_in(document, ("desks", index, "walk_in"), desk["walk_in"])
        for number, area in enumerate(desk["serves"]):
            place = ("desks", index, "serves", number)
            if area["to"] < area["from"]:
                problems.append(
                    document.error(
                        place,
                        f"the range ends ({area['to']}) before it starts ({area['from']})",
                        "write the lower postcode in from: and the higher in to:",
                    )
                )
            for other_id, low, high in ranges:
                if area["from"] <= high and low <= area["to"]:
                    problems.append(
                        document.error(
                            place,
                            f"postcodes {area['from']}-{area['to']} overlap {low}-{high} of {other_id}",
                            "give each postcode to one desk only",
                        )
                    )
            ranges.append((desk["id"], area["from"], area["to"]))
    return problems


def load_desks(path: Path = DESKS_FILE) -> dict:
    """The checked content of desks.yml; any problem raises DataError with one line per problem."""
    return load_checked(path, "desks.schema.json", check_desks)


@when_changed(lambda: [DESKS_FILE, *language_files()])
def desks_data() -> dict:
    """desks.yml with every language's texts, read once per change of a file (every language build asks)."""
    return with_translations(load_desks(DESKS_FILE), "desks.yml")


def desk_for_postcode(data: dict, postcode: str) -> dict | None:
    """The desk nearest to a Belgian postcode, or None when the text is not a Belgian postcode."""
    if not re.fullmatch(r"[1-9][0-9]{3}", postcode.strip()):
        return None
    number = int(postcode)
    for desk in data["desks"]:
        if any(area["from"] <= number <= area["to"] for area in desk["serves"]):
            return desk
    return None


# --- What the templates draw ----------------------------------------------------------------------


def tel_href(number: str) -> str:
    """'0800 32 745' -> 'tel:+3280032745': the international form works from any phone in Belgium."""
    digits = re.sub(r"\D", "", number)
    return "tel:+32" + digits[1:]


def slot_text(slot: dict, locale: str) -> Markup:
    """One opening slot in words, with the language's marks and its range isolated, as a part of a sentence:
    'du lundi au vendredi, 09:00 – 12:30 (sur rendez-vous)', 'من الاثنين إلى الجمعة، 09:00–12:30'."""
    written = formats(locale)
    line = written.clause(written.days(slot["days"]), written.value(written.time_range(slot["from"], slot["to"])))
    return written.aside(line, ui(locale, "desks")["by_appointment"]) if slot.get("appointment") else line


def hours_lines(hours: list[dict], locale: str) -> list[Markup]:
    """Opening slots in words, a line each: 'Du lundi au vendredi, 09:00 – 12:30'."""
    return [Markup(formats(locale).capital(slot_text(slot, locale))) for slot in hours]


WORKING_DAYS = ["mon", "tue", "wed", "thu", "fri"]


def toll_free_lines(hours: list[dict], locale: str) -> list[Markup]:
    """The line's hours in words. The sources say "working days", not which days: Monday to Friday in the data
    is written "working days" (public holidays may be closed), other days as they are."""
    if hours and all(sorted(slot["days"], key=DAYS.index) == WORKING_DAYS for slot in hours):
        return [escape(ui(locale, "toll_free")["hours_line"]).format(times=formats(locale).times(hours))]
    return hours_lines(hours, locale) if hours else []


def toll_free_when(hours: list[dict], locale: str) -> tuple[str, str]:
    """(days, times) of the line in a short form, for the band, the printed footer and the leaflet: 'Working
    days', '09:00 – 12:30, 13:30 – 16:00'. The days come from the data: Monday to Friday is "working days" as
    the sources say; other days are named; slots on different days are written each with its days."""
    if not hours:
        return "", ""
    written = formats(locale)
    days = {tuple(sorted(slot["days"], key=DAYS.index)) for slot in hours}
    if len(days) > 1:
        return "", Markup(written.capital(written.list([slot_text(slot, locale) for slot in hours])))
    (same,) = days
    intro = ui(locale, "toll_free")["hours_intro"] if list(same) == WORKING_DAYS else written.days(same)
    return written.capital(intro), written.times(hours)


def toll_free_context(data: dict, locale: str) -> dict:
    toll_free = data["toll_free"]
    hours = toll_free["hours"]["value"]
    intro, times = toll_free_when(hours, locale)
    return {
        "number": toll_free["number"]["value"],
        "href": tel_href(toll_free["number"]["value"]),
        "hours": toll_free_lines(hours, locale),
        "times": times,
        "hours_json": json.dumps(hours or []),
        # The templates write "{hours_intro} {times}": the days are the data's, never the text's alone.
        "ui": dict(ui(locale, "toll_free"), hours_intro=intro),
    }


def street_line(address: dict, locale: str) -> str:
    """'Lamorinièrestraat 137', or the street alone when the house number is unknown."""
    return f"{address['street'][locale]} {address['number'] or ''}".strip()


def _osm_link(address: dict, locale: str) -> str:
    parts = [address["street"][locale], address.get("number") or "", address["postcode"], address["place"][locale]]
    return "https://www.openstreetmap.org/search?query=" + quote_plus(" ".join(p for p in parts if p))


def building_html(address: dict, locale: str) -> str | None:
    """The building as HTML: its own name, when it is in another language than the page, carries lang so
    that screen readers pronounce it in that language."""
    if not address.get("building"):
        return None
    text = escape(address["building"][locale])
    name = address.get("building_name")
    if not name:
        return text
    shown = escape(name["text"])
    if name["lang"] != locale:
        # Its own direction too: a Dutch name inside Arabic quotes stays whole, between them.
        shown = in_language(shown, name["lang"])
    return Markup(text.replace("{name}", shown))


def walk_in_text(walk_in: dict, locale: str) -> str | None:
    """'No appointment needed (information from 2022).', or with the days and the part of the day the source
    gives, each written by the language itself: 'No appointment needed in the morning: Monday, Wednesday and
    Thursday (information from 2015). In the afternoon: by appointment.'"""
    if not walk_in["value"]:
        return None
    strings, written = ui(locale, "desks"), formats(locale)
    year = written.digits(str(walk_in.get("as_of") or str(walk_in["checked"])[:4]))
    if not walk_in.get("days"):
        return strings["walk_in"].format(year=year)
    days = written.days(walk_in["days"])
    if not walk_in.get("part"):
        return strings["walk_in_days"].format(days=days, year=year)
    text = strings["walk_in_days_part"].format(days=days, part=written.part(walk_in["part"]), year=year)
    if walk_in.get("appointment"):
        after = written.capital(strings["by_appointment_part"].format(part=written.part(walk_in["appointment"])))
        text = ui(locale, "punctuation")["then"].format(first=text, next=after)  # plain text: the template escapes it
    return text


# Facts older than this are shown with their year and "call the free number to check before you go".
OLD_BEFORE = 2020


def desk_context(desk: dict, locale: str) -> dict:
    """One desk as the template needs it, in one language; unknown facts stay None."""
    address = desk["address"]["value"]
    hours = desk["hours"]["value"]
    years = [desk[fact].get("as_of") for fact in ("address", "walk_in", "hours") if desk[fact].get("as_of")]
    return {
        "id": desk["id"],
        "city": desk["city"][locale],
        "since": desk["since"],
        "walk_in": walk_in_text(desk["walk_in"], locale),
        "street": street_line(address, locale) if address else None,
        "number_known": bool(address and address["number"]),
        "postcode_place": f"{address['postcode']} {address['place'][locale]}" if address else None,
        "building": building_html(address, locale) if address else None,
        "osm": _osm_link(address, locale) if address else None,
        "old_year": min(years) if years and min(years) < OLD_BEFORE else None,
        "hours": hours_lines(hours, locale) if hours else None,
        "hours_json": json.dumps(hours) if hours else None,
        "phone": desk["phone"]["value"],
        "phone_href": tel_href(desk["phone"]["value"]) if desk["phone"]["value"] else None,
        "email": desk["email"]["value"],
        "areas": [
            {
                "from": area["from"],
                "to": area["to"],
                "name": area["area"][locale],
                "postcodes": postcodes(area["from"], area["to"], locale),
            }
            for area in desk["serves"]
        ],
        "areas_line": areas_line(desk["serves"], locale),
    }


def postcodes(low: int, high: int, locale: str) -> Markup:
    """A range of Belgian postcodes: each one as written in Belgium, the range in the language's direction."""
    written = formats(locale)
    return Markup("{}–{}").format(written.ltr(low), written.ltr(high))


def areas_line(serves: list[dict], locale: str) -> Markup:
    """'Province d'Anvers (2000–2999) et Province de Limbourg (3500–3999)', as the language lists and brackets."""
    written = formats(locale)
    return written.list(
        [written.aside(area["area"][locale], postcodes(area["from"], area["to"], locale)) for area in serves]
    )


def area_rows(desks: list[dict]) -> list[dict]:
    """Every postcode range with its desk, in postcode order: the table that works without JavaScript."""
    rows = [dict(area, desk=desk["id"], city=desk["city"]) for desk in desks for area in desk["areas"]]
    return sorted(rows, key=lambda row: row["from"])


def directory_context(data: dict, locale: str, site_url: str = "") -> dict:
    desks = [desk_context(desk, locale) for desk in data["desks"]]
    areas = area_rows(desks)
    return {
        "desks": desks,
        "toll_free": toll_free_context(data, locale),
        "ui": ui(locale, "desks"),
        "formats": formats(locale),
        "locale": locale,
        "areas": areas,
        "ranges_json": json.dumps(
            [{"from": a["from"], "to": a["to"], "desk": a["desk"], "city": a["city"]} for a in areas],
            ensure_ascii=False,
        ),
        "json_ld": Markup(json_ld(data, locale, site_url)),  # inert in its <script> block: see json_ld
    }


def json_ld(data: dict, locale: str, site_url: str) -> str:
    """schema.org data for search engines: Fedasil's free number and each desk that has a known place."""
    number = data["toll_free"]["number"]["value"]
    hours = data["toll_free"]["hours"]["value"] or []
    day_uri = {
        d: f"https://schema.org/{n}"
        for d, n in zip(
            DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True
        )
    }
    places = []
    for desk in data["desks"]:
        place = {
            "@type": "GovernmentOffice",
            "name": f"{ui(locale, 'desks')['desk']} {desk['city'][locale]}",
            "telephone": desk["phone"]["value"] or number,
        }
        address = desk["address"]["value"]
        if address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": street_line(address, locale),
                "postalCode": address["postcode"],
                "addressLocality": address["place"][locale],
                "addressCountry": "BE",
            }
        else:
            place["address"] = {
                "@type": "PostalAddress",
                "addressLocality": desk["city"][locale],
                "addressCountry": "BE",
            }
        places.append(place)
    document = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": "Fedasil",
        "url": site_url or None,
        "contactPoint": {
            "@type": "ContactPoint",
            "telephone": "+32 " + number[1:],
            "contactType": ui(locale, "toll_free")["label"],
            "areaServed": "BE",
            "availableLanguage": ["fr", "nl", "en"],
            "hoursAvailable": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [day_uri[d] for d in slot["days"]],
                    "opens": slot["from"],
                    "closes": slot["to"],
                }
                for slot in hours
            ],
        },
        "department": places,
    }
    # No <, > or & in the text: nothing in the data can close the <script> block or open a comment in it.
    text = json.dumps(document, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_markers(html: str, env, locale: str, site_url: str = "", moment: dict | None = None) -> str:
    """Replace each directory marker in a page's HTML with the rendered fragment; `moment` ({day, time}, from
    SITE_DATE and SITE_TIME under serve) is the moment its "open now" shows instead of the visitor's."""
    if not MARKER.search(html):
        return html
    moment_key = tuple(sorted((moment or {}).items()))
    return MARKER.sub(
        lambda match: fragment(
            env, locale, site_url, match.group(1), match.group(2), moment_key, match.group(3) or match.group(4)
        ),
        html,
    )


@once_per_environment
def fragment(
    env, locale: str, site_url: str, mode: str, desk: str | None, moment: tuple = (), detail: str | None = None
) -> str:
    """What a marker draws in a language, the same on every page that has it: drawn once per build (env is
    the build's own; a rebuild under serve makes a new one, and draws changed data). `detail`: walk_in or
    hours, a fact in words, inside a sentence of the page."""
    context = dict(directory_context(desks_data(), locale, site_url), moment=dict(moment))
    template = env.get_template(TEMPLATE)
    if mode == "desks":
        return template.render(mode="directory", **context)
    if mode.startswith("toll_free"):
        if detail == "hours":
            lines = context["toll_free"]["hours"]
            return str(escape(formats(locale).list(lines) if lines else ui(locale, "desks")["hours_unknown"]))
        return template.render(mode="toll_free", **context)
    wanted = [d for d in context["desks"] if d["id"] == desk]
    if not wanted:
        known = ", ".join(d["id"] for d in context["desks"])
        raise DataError([f"<!-- {mode} -->: no desk has this id. Fix: use one of {known}."])
    if detail == "walk_in":
        if not wanted[0]["walk_in"]:
            raise DataError(
                [
                    f"<!-- {mode} -->: data/desks.yml says nothing of walk-in at {desk} (desks[{desk}].walk_in). "
                    f"Fix: remove the marker, or write walk_in there."
                ]
            )
        return str(escape(wanted[0]["walk_in"]))
    return template.render(mode="desk", desk=wanted[0], **context)


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


def check() -> None:
    """Before any page: the desks' data, and a mistyped SITE_DATE or SITE_TIME, or one set for a published build."""
    desks_data()
    preview(build_command())


def draw(html: str, env, locale: str, page_file: str) -> str:
    """The page's desk markers drawn; a marker's mistake names the page (page_file: docs/...)."""
    try:
        return render_markers(html, env, locale, home_addresses()[locale], preview(build_command()))
    except DataError as error:
        raise DataError([f"{page_file}: {m}" if m.startswith("<!--") else m for m in error.messages]) from error


def template_globals(locale: str) -> dict:
    """For every template, the 404 page's too (it has no page, but shows the number)."""
    return {"toll_free": toll_free_context(desks_data(), locale)}
