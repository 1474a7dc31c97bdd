"""`make check`: an editor's quick verdict on a change, in under a minute with a warm .cache/.

The site built strictly in every language, without the leaflet PDFs and the compressed copies (every data
check and every page check runs); then how easy each page reads, the spelling of the French, Dutch and English
texts, and the state of the translations. Each step says its verdict in one line after its own messages; the
exit code is non-zero when one failed. The spelling needs Debian's hunspell: where it is not installed, the step
says how to install it and does not count (the other steps need nothing but what a build needs).

python -m hooks.tools.check
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib

from hooks.checks.spelling import DICTIONARIES, dictionary_missing
from hooks.core.paths import CACHE, ROOT

SITE = CACHE / "check-site"


def engine() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["voluntaryreturn"]["engine"]


def steps() -> list[tuple[str, list[str]]]:
    python = sys.executable
    build = [python, "-m", engine(), "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(SITE)]
    return [
        ("build (every language, strictly)", build),
        ("readability", [python, "-m", "hooks.tools.readability", str(SITE)]),
        ("spelling (French, Dutch, English)", [python, "-m", "hooks.tools.spelling"]),
        ("translations", [python, "-m", "hooks.tools.translations", "status"]),
    ]


def main() -> int:
    env = dict(os.environ, PUBLISH_FILES="0", NO_MKDOCS_2_WARNING="1")
    verdicts, failed = [], False
    for name, command in steps():
        if name.startswith("spelling") and (missing := next(filter(None, map(dictionary_missing, DICTIONARIES)), None)):
            verdicts.append(f"{name}: not checked here ({missing})")
            continue
        if name.startswith(("readability", "translations")) and failed and not SITE.exists():
            verdicts.append(f"{name}: not checked (the site did not build)")
            continue
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, env=env)
        took = time.monotonic() - started
        failed |= result.returncode != 0
        verdicts.append(f"{name}: {'ok' if result.returncode == 0 else 'FAILED, see above'} ({took:.1f} s)")
    print("\n".join(["", "make check:", *(f"  {line}" for line in verdicts)]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
