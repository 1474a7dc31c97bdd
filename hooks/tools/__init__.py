"""The command-line tools behind the Makefile: python -m hooks.tools.<name>."""

import sys

from hooks.core.data import DataError

# The package reads data/languages.yml as it is imported (the languages are its constants): a mistake there stops
# every tool (make build, check, serve, translations...) with its one line per problem, not a traceback.
try:
    import hooks.core.locale  # noqa: F401
except DataError as error:
    sys.exit("\n".join(error.messages))
