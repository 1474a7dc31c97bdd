"""The CLDR part of data/countries.yml's names (names.cldr), made again from CLDR's and Unihan's files:

    python -m hooks.tools.country_names cldr-names CLDR_FOLDER UNIHAN_VARIANTS VERSION

The estimator (components/estimator.py) reads the names; this only writes the block between its markers.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from babel import Locale

from hooks.components.estimator import COUNTRIES_FILE, name_locales
from hooks.core import build
from hooks.core.data import load_yaml

GENERATED_START = "  # --- Made by `python -m hooks.tools.country_names cldr-names`: do not edit by hand. ---"
GENERATED_END = "  # --- End of what cldr-names makes. ---"


def cldr_variants(folder: Path, codes: list[str]) -> dict:
    """{code: {locale: [names]}}: CLDR's short and variant names of the countries (territories.json's
    "-alt-short" and "-alt-variant" keys) in each language of name_locales(), from cldr-json's
    cldr-localenames-full package."""
    found: dict = {}
    for locale in name_locales():
        cldr_locale = locale.replace("_", "-")
        path = folder / "main" / cldr_locale / "territories.json"
        names = json.loads(path.read_text(encoding="utf-8"))["main"][cldr_locale]["localeDisplayNames"]["territories"]
        for key, name in sorted(names.items()):
            code, _, alt = key.partition("-alt-")
            if code in codes and alt in ("short", "variant"):
                found.setdefault(code, {}).setdefault(locale, []).append(name)
    return dict(sorted(found.items()))


def han_variants(unihan: Path, texts: list[str]) -> tuple[str, str]:
    """(traditional, simplified): the characters of the texts that Unihan's kSimplifiedVariant writes otherwise
    in simplified Chinese, and those."""
    import bz2

    simplified = {}
    with bz2.open(unihan, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] == "kSimplifiedVariant":
                source = chr(int(parts[0][2:], 16))
                target = chr(int(parts[2].split()[0][2:], 16))
                if source != target:
                    simplified[source] = target
    chars = sorted({char for text in texts for char in text if char in simplified})
    return "".join(chars), "".join(simplified[char] for char in chars)


def cldr_block(cldr_folder: Path, unihan: Path, version: str, today: datetime.date) -> str:
    """The YAML of names.cldr in data/countries.yml."""
    # The groups alone, unchecked: the file may lack its names.cldr yet.
    groups = load_yaml(COUNTRIES_FILE).data["groups"]
    codes = [code for entry in groups.values() for code in entry["countries"]]
    variants = cldr_variants(cldr_folder, codes)
    traditional_texts = [Locale.parse("zh_Hant").territories.get(code, "") for code in codes] + [
        name for forms in variants.values() for name in forms.get("zh_Hant", [])
    ]
    traditional, simplified = han_variants(unihan, traditional_texts)
    lines = [
        GENERATED_START,
        "  cldr:",
        f'    source: "Unicode CLDR {version}, territory names with alt=\\"short\\" and alt=\\"variant\\" '
        f'(cldr-json, cldr-localenames-full {version}); Unihan, kSimplifiedVariant"',
        f'    checked: "{today.isoformat()}"',
        "    variants:",
    ]
    for code, forms in variants.items():
        inner = ", ".join(f"{locale}: {json.dumps(names, ensure_ascii=False)}" for locale, names in forms.items())
        lines.append(f"      {code if code != 'NO' else json.dumps(code)}: {{{inner}}}")
    lines += [
        "    han:",
        f"      traditional: {json.dumps(traditional, ensure_ascii=False)}",
        f"      simplified: {json.dumps(simplified, ensure_ascii=False)}",
        GENERATED_END,
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """python -m hooks.tools.country_names cldr-names CLDR_FOLDER UNIHAN_VARIANTS VERSION: writes names.cldr of
    data/countries.yml again. CLDR_FOLDER: the cldr-localenames-full package of cldr-json (npm pack
    cldr-localenames-full@VERSION); UNIHAN_VARIANTS: Unihan_Variants.txt.bz2 (Debian's unicode-data)."""
    if len(argv) != 4 or argv[0] != "cldr-names":
        print(main.__doc__, file=sys.stderr)
        return 2
    block = cldr_block(Path(argv[1]), Path(argv[2]), argv[3], build.today())
    text = COUNTRIES_FILE.read_text(encoding="utf-8")
    start, end = text.index(GENERATED_START), text.index(GENERATED_END) + len(GENERATED_END)
    COUNTRIES_FILE.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
