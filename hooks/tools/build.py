"""`make build`: the site built strictly into site.next/, its manifest written, and swapped in for site/ only when
everything succeeded (publishing/output.py). A build that fails or is stopped leaves the last good site/ as it was.

python -m hooks.tools.build [--site-dir FOLDER]
"""

from __future__ import annotations

import argparse
import fcntl
import runpy
import sys
from pathlib import Path

from hooks.core.paths import ROOT
from hooks.publishing import output
from hooks.tools.check import engine


class Failed(Exception):
    """The engine's build stopped; its own lines said why."""


def run_engine(folder: Path) -> None:
    """`ENGINE build --strict` into `folder`, in this process, so that stopping this process stops the build."""
    saved = sys.argv
    sys.argv = [engine(), "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(folder)]
    try:
        runpy.run_module(engine(), run_name="__main__", alter_sys=True)
    except SystemExit as end:
        if end.code not in (0, None):
            raise Failed(end.code) from None
    finally:
        sys.argv = saved


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--site-dir", type=Path, default=ROOT / "site")
    site = options.parse_args(argv).site_dir.resolve()
    with open(site.with_name(site.name + ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"make build: another build of {site.name}/ is running. Fix: wait for it to end.", file=sys.stderr)
            return 1

        def build(folder: Path) -> None:
            run_engine(folder)
            files = output.write_manifest(folder)
            print(f"make build: {files} files, each with its hash in {site.name}/{output.MANIFEST}.")

        try:
            output.build_aside(site, build)
        except Failed:
            kept = f"the last good {site.name}/ is unchanged" if site.exists() else f"no {site.name}/ was made"
            print(f"make build: the build failed, see above; {kept}.", file=sys.stderr)
            return 1
    print(f"make build: {site.name}/ is the new build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
