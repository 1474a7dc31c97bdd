"""The built site, whole or not at all: a build writes into a folder beside the published one, which it replaces
only once everything succeeded, and a manifest names every file of a whole build with its hash.

MkDocs builds into the folder it is given, file after file: a build that failed or was killed left half a site
(121 of 711 files), and a hand-run `rsync --delete site/` would have published that. Here the folder is
swapped in by one rename, which the kernel does whole (Linux's renameat2 RENAME_EXCHANGE; elsewhere two renames
in a row): a build stopped at any point leaves the last good site exactly as it was. `make build` and `make
serve` (engine/serve.py) both build this way; `make publish` copies only a folder whose manifest holds.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

MANIFEST = "_hosting/manifest.sha256"  # in the folder the configuration never serves (publishing/hosting.py)
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def staging(served: Path) -> Path:
    """Where the next build of `served` is written: beside it, on the same file system, so that it moves whole."""
    return served.with_name(served.name + ".next")


def build_aside(served: Path, build: Callable[[Path], None], remove: Callable[[Path], None] | None = None) -> None:
    """build(folder) into a fresh folder beside `served`, which replaces it once the build has succeeded; when the
    build raises (or the process is stopped), `served` stays as it was and the error goes on. remove(old) takes
    the replaced folder away (at once by default; serve does it while the editor reads the new page)."""
    served = Path(served)
    folder = staging(served)
    shutil.rmtree(folder, ignore_errors=True)  # what a build killed earlier left
    try:
        build(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    old = swap_in(folder, served)
    if old is not None:
        (remove or _remove)(old)


def swap_in(new: Path, served: Path) -> Path | None:
    """Put `new` where `served` is, in one step where the kernel can; returns the folder that was there, now
    under another name (None when there was none)."""
    if not served.exists():
        new.rename(served)
        return None
    old = served.with_name(f"{served.name}.old-{time.monotonic_ns()}")
    if _exchange(new, served):
        new.rename(old)  # the old site, under the new one's former name until here
    else:  # a kernel or file system without the exchange: a moment without the folder, never half a folder
        served.rename(old)
        new.rename(served)
    return old


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


# --- The manifest ------------------------------------------------------------------------------------------------


def files_of(site: Path) -> list[str]:
    """Every file of a built site but the manifest, as paths relative to it, sorted."""
    site = Path(site)
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if (path.is_file() or path.is_symlink()) and path.relative_to(site).as_posix() != MANIFEST
    )


def file_hash(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def write_manifest(site: Path) -> int:
    """The manifest of a whole build, in sha256sum's format (`sha256sum -c` reads it too), written last, through
    a file of its own renamed, so that it exists only whole; returns how many files it lists."""
    site = Path(site)
    names = files_of(site)
    text = "".join(f"{file_hash(site / name)}  {name}\n" for name in names)
    target = site / MANIFEST
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return len(names)


def manifest_problems(site: Path) -> list[str]:
    """Why a folder is not a whole build, one line each (nothing when it is): its manifest missing, a file
    listed but missing or changed, a file that no build wrote there."""
    site = Path(site)
    manifest = site / MANIFEST
    fix = "Fix: run make build again and publish only the site of a build that succeeded."
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return [f"{manifest}: no manifest, so no whole build (a build that failed or was stopped). {fix}"]
    listed = {}
    for number, line in enumerate(lines, start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            return [f"{manifest}:{number}: the manifest is damaged. {fix}"]
        listed[name] = digest
    problems = []
    for name, digest in listed.items():
        path = site / name
        if not path.is_file():
            problems.append(f"{site}/{name}: listed in the manifest, but missing. {fix}")
        elif file_hash(path) != digest:
            problems.append(f"{site}/{name}: not the file the build wrote (its hash differs). {fix}")
    problems += [
        f"{site}/{name}: no build wrote this file (it is not in the manifest). Fix: delete it, or run make build again."
        for name in files_of(site)
        if name not in listed
    ]
    return problems
