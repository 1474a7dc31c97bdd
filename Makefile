# Set-up and everyday commands. README.md starts with the two that set up a fresh machine:
#   make serve   installs everything and serves the site on http://127.0.0.1:8000/
#   make test    installs everything and runs every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install system serve build test

# Python packages, pinned in requirements.txt, in a virtual environment of the project's own.
$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Debian's Chromium, which the browser tests drive through Playwright (Playwright cannot download its own here).
system:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --watch data --watch hooks --watch overrides

build: install
	$(BIN)/mkdocs build --strict

test: install system
	$(BIN)/python -m pytest
