# Set-up and everyday commands. README.md starts with the two that set up a fresh machine:
#   make serve   installs everything and serves the site on http://127.0.0.1:8000/
#   make test    installs everything and runs every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install pins system serve build test bench translations translations-confirm new-page new-story

# Python packages, pinned with their hashes in requirements.txt, in a virtual environment of the project's
# own. First the pip of requirements-pip.txt (hash-checked too), so that a known pip does the installing.
$(VENV)/.installed: requirements.txt requirements-pip.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-pip.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	touch $@

# requirements.txt from requirements.in: every package pulled in, pinned, with the hashes of its files.
# Add or upgrade a package by writing name==version in requirements.in, then `make pins`.
pins:
	python3 -m venv .cache/pip-tools
	.cache/pip-tools/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make pins" .cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.txt requirements.in

# Node tools, pinned in package-lock.json: the Nu Html Checker for the tests.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's Java serves.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install: $(VENV)/.installed

# Debian's packages: Chromium, which the browser tests drive through Playwright (Playwright cannot download its
# own here) and which prints the leaflet PDFs; Java for the Nu Html Checker; Node.js and npm for the node tools;
# nginx with its brotli module, which the publishing tests run with the project's configuration; openssl for
# the certificate of the HTTPS test; Apache's ab, which make bench uses to load nginx on loopback; zbar,
# which reads the printed QR codes back as a phone would.
system:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v ab >/dev/null || missing="$$missing apache2-utils"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; fi

# Reloads the page when a page, a data file or a template changes; restarts when a hook changes (MkDocs
# would keep running the old hook code). A build that fails keeps the last good site (hooks/editing.py).
# SERVE_ADDRESS=127.0.0.1:8001 when port 8000 is taken.
SERVE_ADDRESS ?= 127.0.0.1:8000
serve: install
	$(BIN)/watchmedo auto-restart --directory hooks --patterns "**/*.py" --debounce-interval 1 --signal SIGTERM -- \
	  $(BIN)/python hooks/editing.py serve --strict --dev-addr $(SERVE_ADDRESS) --watch data --watch overrides

build: install system
	$(BIN)/mkdocs build --strict

test: install system node_modules/.installed
	$(BIN)/python -m pytest

# Which pages and texts are missing or older than the French text; exits non-zero if any (see EDITORS.md).
translations: install
	$(BIN)/python hooks/translations.py status

# After updating translations: record that they match the current French text (all, or ITEMS="..."). Exits
# non-zero only when one of those items lacks a translation, not because others wait for theirs.
translations-confirm: install
	$(BIN)/python hooks/translations.py confirm $(ITEMS)

# A new page or story in the three languages, to fill in: make new-page NAME=housing
new-page: install
	$(BIN)/python hooks/scaffold.py page $(NAME)

new-story: install
	$(BIN)/python hooks/scaffold.py story $(NAME)

# Page weight, Lighthouse scores, build times and load (requests/s and errors at 50 and 200 connections on
# loopback), printed (not a test: nothing is asserted). WHAT=load runs one part. See README.
bench: build
	$(BIN)/python tests/benchmark.py $(WHAT)
