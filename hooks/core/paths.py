"""Where the project's files are, wherever the build runs from (a copy of the project builds its own files)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "data"
CACHE = ROOT / ".cache"
# The code of the build: a check whose code changed must not reuse what the old code found (core/cache.py).
CODE = ROOT / "hooks"
