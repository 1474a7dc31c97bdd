"""`make serve`: MkDocs' development server, except that each build goes to a folder beside the served one and
replaces it only when it succeeds.

MkDocs 1.6 builds into the folder it serves: a failed rebuild left half a site, and every request waited for a
good build (the browser hung). Here a failed build prints its one-line messages and a last line, and the browser
keeps the last good version. This replaces MkDocs' serve command's `build` and `LiveReloadServer` and reads the
server's private fields: engine internals, used only on the versions engine/versions.py knows; on others, `make
serve` is MkDocs' own serve.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from hooks.core.build import log
from hooks.engine import versions
from hooks.publishing import output


def build_aside(served: Path, build: Callable[[Path], None]) -> None:
    """publishing/output.py's build_aside (the same as `make build`'s), the old site removed in the background:
    removing it takes up to a quarter of a second on a busy machine, not while the editor waits."""

    def in_background(old: Path) -> None:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}).start()

    output.build_aside(served, build, remove=in_background)


def serve(argv: list[str]) -> int:
    """`mkdocs serve ARGS`, with each build made aside (build_aside) and a failed one keeping the last good site."""
    from mkdocs.__main__ import cli
    from mkdocs.commands import serve as command
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils import DuplicateFilter

    mkdocs_build = command.build
    state = {"failed": False, "first": True}

    def report(error: BaseException | None, took: float) -> None:
        if error is not None and not isinstance(error, SystemExit):
            # Not an editor's mistake (those stop the build with their one-line message): a developer's.
            log.error("The build failed with an error of the code:", exc_info=error)
        first, state["first"] = state["first"], False
        if error is None:
            log.info(f"{'Built' if first else 'Rebuilt'} in {took:.1f} s.")
        elif first:
            log.error("Not built: fix the problem above and save; the site appears once it builds.")
        else:
            log.error("Not rebuilt: the browser keeps the last good version. Fix the problem above and save.")

    def build(config, **options) -> None:
        # MkDocs prints a message once per session: a mistake made again after a fix would go unreported.
        for found in logging.getLogger("mkdocs.commands.build").filters:
            if isinstance(found, DuplicateFilter):
                found.msgs.clear()
        served, started = config.site_dir, time.monotonic()

        def into(folder: Path) -> None:
            config.site_dir = str(folder)
            mkdocs_build(config, **options)

        try:
            build_aside(Path(served), into)
        except Exception as error:  # MkDocs' Abort too: its messages are printed already
            state["failed"] = True
            report(error, 0)
        else:
            state["failed"] = False
            report(None, time.monotonic() - started)
        finally:
            config.site_dir = served

    class LastGoodServer(LiveReloadServer):
        def __init__(self, builder, **options):
            super().__init__(builder=lambda: self.rebuild(builder), **options)

        def rebuild(self, builder) -> None:
            try:
                builder()  # loads mkdocs.yml again, then build() above
            except Exception as error:  # mkdocs.yml itself no longer loads
                state["failed"] = True
                report(error, 0)
            if state["failed"]:
                # The requests waiting for this build get the last good site, and browsers do not reload.
                with self._epoch_cond:
                    self._wanted_epoch = self._visible_epoch
                    self._epoch_cond.notify_all()

    if versions.patches_on("serve"):
        command.build, command.LiveReloadServer = build, LastGoodServer
    # watchmedo restarts serve with SIGTERM when a hook changes: end as on Ctrl+C, which removes the served folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    return cli.main(["serve", *argv], prog_name="mkdocs")
