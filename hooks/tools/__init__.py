"""The command-line tools behind the Makefile: python -m hooks.tools.<name>."""
