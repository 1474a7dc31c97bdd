"""The engine internals this project patches or reads, checked once against the exact versions they were written
for.

Three places reach inside MkDocs (or ProperDocs, its continuation) and mkdocs-static-i18n to save time or keep
an editor's preview whole; each is worth it only while its target is the code it was written against:

| patch | what it touches | written for |
| --- | --- | --- |
| theme  | `Files.add_files_from_theme` replaced: the theme listed and copied once per build (engine/theme.py) | the engine |
| i18n   | the plugin's `reconfigure_files_alternates` and `folder.create_i18n_file`, `File._get_url` (engine/i18n.py) | mkdocs-static-i18n |
| serve  | `mkdocs.commands.serve.build` and `LiveReloadServer`, its `_epoch_cond`/`_wanted_epoch` (engine/serve.py) | MkDocs |
| log    | the handler's `text_wrapper`, so that a message stays one line (engine/log.py) | the engine |

On any other version, or with ENGINE_PATCHES=0, every patch is off and one line says so: the site is built by
the engines' own code, slower (and `make serve` keeps no last good site), but the same (tests/engine).
"""

from __future__ import annotations

import functools
import os
from importlib.metadata import PackageNotFoundError, version

from hooks.core.build import log

# pyproject.toml pins these; a new pin means reading the patched code again, then changing the version here.
WRITTEN_FOR = {"mkdocs": "1.6.1", "properdocs": "1.6.7", "mkdocs-static-i18n": "1.3.1"}
VARIABLE = "ENGINE_PATCHES"
PATCHES = ("theme", "i18n", "serve", "log")


def installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def mismatches(engine: str = "mkdocs") -> list[str]:
    """'package x.y (written for a.b)' for each package whose installed version is not the one written for."""
    found = []
    for package in (engine, "mkdocs-static-i18n"):
        have = installed(package)
        if have != WRITTEN_FOR.get(package):
            found.append(f"{package} {have or 'missing'} (written for {WRITTEN_FOR.get(package, 'none')})")
    return found


@functools.cache
def allowed(engine: str = "mkdocs") -> bool:
    """Whether the patches may run: the exact versions, and not switched off. Said once per process."""
    if os.environ.get(VARIABLE, "").strip() == "0":
        log.info(f"{VARIABLE}=0: the engine's own code builds the site, without this project's patches.")
        return False
    found = mismatches(engine)
    if found:
        log.info(
            f"The engine patches are off ({', '.join(found)}): the site is built the same, slower. "
            "Fix: read engine/versions.py's table against the new versions, then update WRITTEN_FOR."
        )
        return False
    return True


def patches_on(patch: str, engine: str = "mkdocs") -> bool:
    assert patch in PATCHES, patch
    return allowed(engine)


def engine_of(config) -> str:
    """The running engine's package: mkdocs or properdocs (the package of the configuration's class)."""
    return type(config).__module__.split(".")[0]
