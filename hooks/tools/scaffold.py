"""Create a new page or a new return story in the three languages, with its front matter to fill in.

    python -m hooks.tools.scaffold page NAME     (make new-page NAME=...)
    python -m hooks.tools.scaffold story NAME    (make new-story NAME=...)

Every text to write starts with TODO: the build refuses a page that still holds one, so a half-written page
cannot be published. A new page is also added at the end of the navigation in mkdocs.yml. Its translations are
confirmed by the editor once written (`make translations-confirm`); until then they show the notice of a
translation being updated.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hooks.core import build
from hooks.core.locale import LOCALES
from hooks.core.paths import ROOT

LANGUAGE_NAMES = {"fr": "French", "nl": "Dutch", "en": "English"}

PAGE = """---
title: "TODO: the title, in {language}"
description: "TODO: one plain sentence on what the page offers, in {language}"
---

# TODO: the title again, in {language}

TODO: the text, in {language}. Short sentences, one idea each. Use the terms of data/glossary.yml.
"""

STORY = """---
title: "TODO: the title, in {language}"
description: "TODO: one sentence for search engines, in {language}"
country: "TODO: the country, in {language}"
country_code: TODO
region: TODO
year: {year}
support: [TODO]
summary: "TODO: one line that sums up the story, in {language}"
illustrative: true
---

# TODO: the title again, in {language}

TODO: the story, in {language}. Say what was hard as well as what worked. Keep illustrative: true unless the
person gave their consent to a real testimony.
"""


def create(kind: str, name: str, root: Path = ROOT) -> list[Path]:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise ValueError(f"{name!r}: use lowercase letters, digits and dashes, for example housing-help")
    folder = "stories/" if kind == "story" else ""
    paths = [root / "docs" / locale / f"{folder}{name}.md" for locale in LOCALES]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise ValueError(f"{existing[0].relative_to(root)} already exists: choose another name")
    template = STORY if kind == "story" else PAGE
    for locale, path in zip(LOCALES, paths, strict=True):
        path.write_text(template.format(language=LANGUAGE_NAMES[locale], year=build.today().year), encoding="utf-8")
    if kind == "page":
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        top_level = [line for line in text.splitlines() if line and not line[0].isspace() and not line.startswith("#")]
        if top_level[-1] != "nav:":
            raise ValueError("mkdocs.yml no longer ends with its nav: add the page to the navigation by hand")
        config.write_text(text.rstrip("\n") + f"\n  - {name}.md\n", encoding="utf-8")
    return paths


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("page", "story"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        paths = create(argv[0], argv[1])
    except ValueError as error:
        print(f"scaffold: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"created {path.relative_to(ROOT)}")
    if argv[0] == "page":
        print("added to the end of the navigation in mkdocs.yml: move the line where the page belongs")
    print(next_steps(paths[0].relative_to(ROOT / "docs" / LOCALES[0]).as_posix()))
    return 0


def next_steps(page: str) -> str:
    """What the editor does next. The translations cannot be confirmed here: none is written yet, and the French
    text that they will translate does not exist either."""
    return (
        f"Next:\n"
        f"  1. Replace every TODO, in French first, then in Dutch and English: the site does not build while one is left.\n"
        f"  2. Run `make serve` to see the page. The Dutch and English pages say that their translation is being\n"
        f"     updated until step 3.\n"
        f'  3. When the three languages say the same, run: make translations-confirm ITEMS="docs/{page}"\n'
        f"See EDITORS.md."
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
