"""The site's build, as one package (README.md, "How the site is built"):

- core: the data an editor writes, loaded and checked; the languages and their formats; the site's pages; the
  build's command, day and languages; caches.
- components: what a page shows, each drawn from data by a template (desks, estimator, stories, glossary, search,
  leaflet, languages, layout, printing, typography, notices).
- checks: what a page or a text may hold (content, policy, links, readability, spelling, translations).
- publishing: what a host needs (hosting, metadata, pdfs, chromium).
- engine: what touches MkDocs, mkdocs-static-i18n or the theme (i18n, theme, log, serve, versions).
- tools: the command-line tools behind the Makefile (python -m hooks.tools.<name>).

hooks/events.py, registered in mkdocs.yml, is the one place that connects them to MkDocs' events.
"""
