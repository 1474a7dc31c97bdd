# Set-up and everyday commands. README.md starts with the two that set up a fresh machine:
#   make serve   installs what building the site needs and serves it on http://127.0.0.1:8000/
#   make test    installs that and the tests' tools, and runs every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The build engine, named once in pyproject.toml ([tool.voluntaryreturn] engine): mkdocs or properdocs.
ENGINE := $(shell sed -n 's/^engine = "\([a-z]*\)".*/\1/p' pyproject.toml)
# Only the files of the lock, each checked against its hash; the lock lists every package, so no resolving.
PIP_INSTALL := python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

.PHONY: python-version install pins system system-build system-test serve build publish check test bench translations translations-confirm new-page new-story spelling

# The Python every command needs, checked before anything else is done: Debian 12's (3.11.2, where the site is
# built and served) or a later 3.11, as pyproject.toml's requires-python says (the one place it is written).
PYTHON_MIN := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\),.*/\1/p' pyproject.toml)
python-version:
	@python3 -c 'import sys; low = tuple(map(int, "$(PYTHON_MIN)".split("."))); sys.exit(not (low <= sys.version_info[:3] and sys.version_info[:2] == low[:2]))' 2>/dev/null \
	  || { echo "make: Python $(PYTHON_MIN) or a later 3.11 is needed, and python3 is $$(python3 -V 2>&1 | tr -d '\n' || echo missing). Fix: install Debian 12's python3 and python3-venv, or put a Python 3.11 first on PATH." >&2; exit 1; }

# Python packages go into a virtual environment of the project's own. First the pip of requirements-pip.txt
# (hash-checked too), so that a known pip does the installing. The marker files make a re-run a no-op until
# a lock changes.
$(VENV)/.pip: requirements-pip.txt | python-version
	python3 -m venv $(VENV)
	$(BIN)/$(PIP_INSTALL) -r requirements-pip.txt
	touch $@

# The `site` group of pyproject.toml: what building and serving needs, nothing of the tests (editors install
# only this).
$(VENV)/.site: $(VENV)/.pip requirements/site.txt
	$(BIN)/$(PIP_INSTALL) -r requirements/site.txt
	touch $@

# The `test` group: the site's packages (the same pins) and the tests' tools.
$(VENV)/.test: $(VENV)/.site requirements/test.txt
	$(BIN)/$(PIP_INSTALL) -r requirements/test.txt
	touch $@

install: $(VENV)/.site

# requirements/<group>.txt from pyproject.toml's dependency groups: every package pulled in, pinned, with the
# hashes of its files. uv resolves them (pip-tools 7.6 cannot read dependency groups), for the lowest Python
# that requires-python admits; test within site's pins, so the tests run the packages that editors build
# with. Pins already in a lock are kept: add or upgrade a package by changing its name==version in
# pyproject.toml, then `make pins`.
UV := .cache/uv
$(UV)/.installed: requirements-pip.txt requirements/dev.txt | python-version
	python3 -m venv $(UV)
	$(UV)/bin/$(PIP_INSTALL) -r requirements-pip.txt
	$(UV)/bin/$(PIP_INSTALL) -r requirements/dev.txt
	touch $@

COMPILE := UV_CUSTOM_COMPILE_COMMAND="make pins" $(UV)/bin/uv pip compile --quiet --generate-hashes --python-version $(PYTHON_MIN)
pins: $(UV)/.installed
	$(COMPILE) --group site --output-file requirements/site.txt
	$(COMPILE) --group test --constraints requirements/site.txt --output-file requirements/test.txt
	$(COMPILE) --group dev --output-file requirements/dev.txt

# Node tools, pinned in package-lock.json: the Nu Html Checker for the tests.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's Java serves.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@


# Debian's packages, in two parts. What a build needs (system-build): Chromium, which prints the leaflet PDFs
# (Playwright cannot download its own browsers here), and Noto's fonts, so that every script of the site is drawn
# (Arabic, Cyrillic, Ethiopic, Chinese) with no web font.
# What only the tests need (system-test): Chromium's headless shell, which the browser tests drive (a third of the
# full browser's processor time per page; tests/conftest.py); Java for the Nu Html Checker; Node.js and npm for the
# node tools; nginx with its brotli module, which the publishing tests run with the project's configuration; openssl
# for the certificate of the HTTPS test; Apache's ab, which make bench uses to load nginx on loopback; zbar, which
# reads the printed QR codes back as a phone would; hunspell with the French ("classical", named so that every
# machine accepts the same spellings), Dutch and British English dictionaries, for the spell check; poppler's
# pdftotext and pdffonts, which read the PDFs; rsync, which make publish copies the site with (tested).
APT_INSTALL = if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; fi
system-build:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list : family 2>/dev/null | grep -q "Noto Sans Ethiopic" || missing="$$missing fonts-noto-core"; \
	fc-list : family 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	$(APT_INSTALL)

system-test:
	@missing=""; \
	[ -x /usr/lib/chromium/chromium-headless-shell ] || missing="$$missing chromium-headless-shell"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v ab >/dev/null || missing="$$missing apache2-utils"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	command -v hunspell >/dev/null || missing="$$missing hunspell"; \
	[ -e /usr/share/hunspell/fr_BE.dic ] || missing="$$missing hunspell-fr-classical"; \
	[ -e /usr/share/hunspell/nl_BE.dic ] || missing="$$missing hunspell-nl"; \
	[ -e /usr/share/hunspell/en_GB.dic ] || missing="$$missing hunspell-en-gb"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v rsync >/dev/null || missing="$$missing rsync"; \
	$(APT_INSTALL)

system: system-build system-test

# Reloads the page when a page, a data file or a template changes; restarts when a hook or the list of languages
# changes (MkDocs would keep running the old hook code, and the build reads the languages once, at its start). A
# build that fails keeps the last good site (hooks/engine/serve.py).
# SERVE_ADDRESS=127.0.0.1:8001 when port 8000 is taken.
SERVE_ADDRESS ?= 127.0.0.1:8000
serve: $(VENV)/.site
	$(BIN)/watchmedo auto-restart --directory hooks --directory data --recursive --patterns "**/*.py;**/data/languages.yml" --debounce-interval 1 --signal SIGTERM -- \
	  $(BIN)/python -m hooks.tools.serve --strict --dev-addr $(SERVE_ADDRESS) --watch data --watch overrides

# The site, whole or not at all: built strictly into site.next/, given a manifest of every file's hash, and
# swapped in for site/ only when everything succeeded (hooks/publishing/output.py); a failed or killed build
# leaves the last good site/ as it was. Installs what a build needs, nothing of the tests.
build: $(VENV)/.site system-build
	$(BIN)/python -m hooks.tools.build

# Copies site/ to TO (the folder nginx serves) only if its manifest says it is a whole build: every file listed,
# each with its hash, and no other file. make publish TO=/srv/voluntaryreturn/site
publish: $(VENV)/.site
	@[ -n "$(TO)" ] || { echo "make publish: say where, e.g. make publish TO=/srv/voluntaryreturn/site" >&2; exit 1; }
	@command -v rsync >/dev/null || { echo "make publish: rsync is needed to copy the site. Fix: apt-get install rsync" >&2; exit 1; }
	$(BIN)/python -m hooks.tools.manifest check site
	rsync -a --delete --delay-updates site/ $(TO)/

# An editor's quick verdict on a change, in under a minute with a warm .cache/: the site built strictly in every
# language without the PDFs, readability, spelling (where hunspell is installed) and the translations' state;
# one line per step at the end (hooks/tools/check.py). Needs nothing of the tests.
check: $(VENV)/.site
	$(BIN)/python -m hooks.tools.check

test: $(VENV)/.test system-build system-test node_modules/.installed
	$(BIN)/python -m pytest -n auto --dist loadgroup

# Which pages and texts are missing or older than the French text; exits non-zero if any (see EDITORS.md).
translations: install
	$(BIN)/python -m hooks.tools.translations status

# After updating translations: record that they match the current French text (all, or ITEMS="..."), in Dutch
# and English, or in LANGUAGES="ps fa" (an essentials language is confirmed only when named); REVIEWED_BY="native-
# speaking counsellor" records a native speaker's review of those. It prints each language it recorded, and
# exits non-zero only when one of those items lacks a translation, not because others wait for theirs.
translations-confirm: install
	$(BIN)/python -m hooks.tools.translations confirm $(if $(REVIEWED_BY),--reviewed-by "$(REVIEWED_BY)") $(if $(LANGUAGES),--language "$(LANGUAGES)") $(ITEMS)

# Words of the French, Dutch and English pages and texts that the dictionaries and data/spelling.yml do not
# know, each with its file, line and fix (see EDITORS.md); exits non-zero if any.
spelling: install
	$(BIN)/python -m hooks.tools.spelling

# A new page or story in the three languages, to fill in: make new-page NAME=housing
new-page: install
	$(BIN)/python -m hooks.tools.scaffold page $(NAME)

new-story: install
	$(BIN)/python -m hooks.tools.scaffold story $(NAME)

# Page weight, Lighthouse scores, build times and load (requests/s and errors at 50 and 200 connections on
# loopback), make check's time, printed (not a test: nothing is asserted). WHAT=load runs one part; WHAT=serve
# the serve rebuild; WHAT=tests a fresh clone's make test (minutes). See maintainers/performance.md.
bench: build $(VENV)/.test system-test
	$(BIN)/python tests/benchmark.py $(WHAT)
