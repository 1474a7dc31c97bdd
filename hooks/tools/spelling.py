"""`make spelling`: python -m hooks.tools.spelling [project folder]. Every word of the French, Dutch and English
pages and texts that the dictionaries do not know, each with its file, line and fix (checks/spelling.py); exits
non-zero when there is one."""

import sys
from pathlib import Path

from hooks.checks.spelling import check
from hooks.core.data import DataError
from hooks.core.paths import ROOT


def main(argv: list[str]) -> int:
    try:
        report = check(Path(argv[0]) if argv else ROOT)
    except DataError as error:
        report = error.messages
    print("\n".join(report) if report else "No spelling mistake in French, Dutch or English.")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
