"""How easy each built page is to read, in its language: python -m hooks.tools.readability [site folder]
(checks/readability.py); exits non-zero when a page or a language misses its target."""

import sys
from pathlib import Path

from hooks.checks.readability import format_report, shortfalls, site_report
from hooks.core.paths import ROOT


def main(argv: list[str]) -> int:
    report = site_report(Path(argv[0]) if argv else ROOT / "site")
    print(format_report(report))
    problems = shortfalls(report)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
