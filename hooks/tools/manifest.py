"""`make publish`: whether a built site is whole before it is copied: its manifest (written by `make build`) lists
every file with its hash; a file missing, changed or unlisted, or no manifest, stops the copy, one line each.

python -m hooks.tools.manifest check [FOLDER]     (site/ by default)
"""

from __future__ import annotations

import sys
from pathlib import Path

from hooks.core.paths import ROOT
from hooks.publishing import output


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check" or len(argv) > 2:
        print("usage: python -m hooks.tools.manifest check [FOLDER]", file=sys.stderr)
        return 2
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    problems = output.manifest_problems(site)
    for line in problems[:20]:
        print(line, file=sys.stderr)
    if problems:
        more = f" ({len(problems) - 20} more)" if len(problems) > 20 else ""
        print(f"{site}: not a whole build{more}; nothing was published.", file=sys.stderr)
        return 1
    print(f"{site}: a whole build ({len(output.files_of(site))} files, each as the build wrote it).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
