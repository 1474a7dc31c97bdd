"""`make serve`: python -m hooks.tools.serve [mkdocs serve options] (engine/serve.py)."""

import sys

from hooks.engine.serve import serve

if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
