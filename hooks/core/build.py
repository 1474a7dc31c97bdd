"""What this build is: its command (build or serve), the day and time it is made for, and the languages it makes.

SITE_DATE (a day) and SITE_TIME (HH:MM, Belgian time) show, under `make serve` only, the site as it will be at
that moment: the rules in force that day (components/estimator.py) and which desks are open
(components/desks.py). A published build never carries them: it uses the day it is built in Brussels (whatever
the machine's TZ says: at 00:30 in Brussels a UTC machine is still on yesterday), and a visitor's own clock says
what is open; a past SITE_DATE is published only when SITE_DATE_PAST=1 asks for it (an old version rebuilt).
SITE_LANGUAGES picks the languages `make serve` previews.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import zoneinfo

from hooks.core.data import DataError, message

# The command MkDocs runs, "build" or "serve" (None outside MkDocs): a preview is for serve only. Set once, by
# the adapter's on_startup (hooks/events.py).
BUILD = {"command": None}
DATE_VARIABLE = "SITE_DATE"
PAST_VARIABLE = "SITE_DATE_PAST"  # =1: a published build for a past SITE_DATE, on purpose
ZONE = "Europe/Brussels"  # the programme's day: the rules in force, the day a page says it was built
TIME_VARIABLE = "SITE_TIME"
LANGUAGES_VARIABLE = "SITE_LANGUAGES"
# The build log's own voice: what this project says to an editor (engine/log.py lets it through).
log = logging.getLogger("mkdocs.editing")


def start(command: str) -> None:
    BUILD["command"] = command


def making(languages: list[str]) -> None:
    """The languages this build makes (served_languages), set once per build by the adapter."""
    BUILD["languages"] = list(languages)


def built_languages() -> list[str]:
    return BUILD.get("languages") or []


def build_command() -> str | None:
    return BUILD["command"]


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The day it is in Brussels now (or at `now`), whatever TZ the machine has (zoneinfo: the system's zones, or
    the tzdata package where the system has none)."""
    moment = now or datetime.datetime.now(datetime.UTC)
    return moment.astimezone(zoneinfo.ZoneInfo(ZONE)).date()


def site_date(command: str | None, environ=os.environ, now: datetime.datetime | None = None) -> datetime.date:
    """The day the site is built for: today in Brussels, or SITE_DATE when an editor previews another day with
    serve (a published build refuses a future day, and a past one unless SITE_DATE_PAST=1)."""
    value = environ.get(DATE_VARIABLE, "").strip()
    if not value:
        return today(now)
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise DataError(
            [
                message(
                    DATE_VARIABLE,
                    None,
                    "environment",
                    f'"{value}" is not a date',
                    "write SITE_DATE=YYYY-MM-DD, for example SITE_DATE=2027-01-01 make serve",
                )
            ]
        ) from None
    if command != "serve" and day > today(now):
        raise DataError(
            [
                message(
                    DATE_VARIABLE,
                    None,
                    "environment",
                    f"{value} is in the future and this is a published build",
                    "preview a later day with make serve only; unset SITE_DATE to build",
                )
            ]
        )
    if command != "serve" and day < today(now) and environ.get(PAST_VARIABLE, "").strip() != "1":
        raise DataError(
            [
                message(
                    DATE_VARIABLE,
                    None,
                    "environment",
                    f"{value} is in the past and this is a published build (it would publish that day's rules as "
                    "today's)",
                    f"unset SITE_DATE to build for today, preview the day with make serve, or set {PAST_VARIABLE}=1 "
                    "to publish a past day on purpose",
                )
            ]
        )
    return day


def site_time(command: str | None, environ=os.environ) -> str | None:
    """The time of day (HH:MM in Belgium) that serve previews, or None: the visitor's own clock decides."""
    value = environ.get(TIME_VARIABLE, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise DataError(
            [
                message(
                    TIME_VARIABLE,
                    None,
                    "environment",
                    f'"{value}" is not a time of day',
                    "write SITE_TIME=HH:MM in Belgian time, for example SITE_TIME=10:30 make serve",
                )
            ]
        )
    if command != "serve":
        raise DataError(
            [
                message(
                    TIME_VARIABLE,
                    None,
                    "environment",
                    f"{value} would freeze the time of a published build",
                    "preview a time with make serve only; unset SITE_TIME to build",
                )
            ]
        )
    return value


def served_languages(
    command: str | None, known: list[str], full: list[str], environ=os.environ, drafts: tuple = ()
) -> list[str]:
    """The languages a build makes: all of them but the drafts for a published build; under serve the full
    languages (those editors write; a rebuild of 17 languages takes seconds), or SITE_LANGUAGES ("fr ps", or
    "all"), the default language always included (the others' pages link to it). A draft is built only under
    serve, when asked (SITE_LANGUAGES="fr tr" or all)."""
    value = environ.get(LANGUAGES_VARIABLE, "").strip()
    if command != "serve":
        return [code for code in known if code not in drafts]
    if value == "all":
        return list(known)
    if not value:
        return [code for code in full if code not in drafts]
    asked = value.replace(",", " ").split()
    unknown = [code for code in asked if code not in known]
    if unknown:
        raise DataError(
            [
                message(
                    LANGUAGES_VARIABLE,
                    None,
                    "environment",
                    f"{', '.join(unknown)}: no such language in data/languages.yml",
                    f'write codes from it ({" ".join(known)}), e.g. SITE_LANGUAGES="fr ps", or SITE_LANGUAGES=all',
                )
            ]
        )
    return [code for code in known if code == known[0] or code in asked]


def preview(command: str | None, environ=os.environ) -> dict:
    """{"day": "YYYY-MM-DD", "time": "HH:MM"}, each only when set, for the page's scripts under serve; nothing
    for a published build, even one made for a past SITE_DATE: a visitor's "open now" is their own moment."""
    moment = {
        "day": site_date(command, environ).isoformat() if environ.get(DATE_VARIABLE, "").strip() else None,
        "time": site_time(command, environ),
    }
    if command != "serve":
        return {}
    return {key: value for key, value in moment.items() if value}


def published() -> bool:
    """`mkdocs build`: the site that is published, with fingerprinted bundles and the hosting files."""
    return BUILD["command"] == "build"


def publication_files(environ=os.environ) -> bool:
    """A published build also makes the leaflet PDFs and the compressed copies, unless PUBLISH_FILES=0 asks for a
    quick throwaway build (the tests' copies)."""
    return published() and environ.get("PUBLISH_FILES") != "0"
