"""The spelling of the pages and the interface texts, in French, Dutch and English.

Debian's hunspell checks the words, one process per language; a word it does not know passes when it is in
the project's word list (data/spelling.yml), in a term of data/glossary.yml or in a country's name (CLDR,
through Babel, as the estimator shows them). Not a build hook: a spell checker cannot tell a new name from a
typo, so a word it does not know must not stop an editor's preview. tests/test_spelling.py runs the check;
`make spelling` (python -m hooks.tools.spelling) prints the same report for an editor.

    docs/fr/premium.md:12: spelling: "programe" is not in the French dictionary. Fix: correct it (...), or ...
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

from hooks.checks import translations
from hooks.core.data import Document, load_checked, load_yaml, message, parse_yaml, read_text
from hooks.core.paths import ROOT

WORDS_FILE = ROOT / "data" / "spelling.yml"
# Only these languages: the pages of the other languages (docs/<code>/) have no dictionary here and are left
# alone. The Belgian variants, and British English, which the English pages use (programme, centre).
DICTIONARIES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
LANGUAGE_NAMES = {"fr": "French", "nl": "Dutch", "en": "English"}
# The Debian package of each dictionary; the French one is named, not just hunspell-fr, because the variants
# accept different spellings and the check must say the same on every machine.
PACKAGES = {"fr": "hunspell-fr-classical", "nl": "hunspell-nl", "en": "hunspell-en-gb"}
# The data files whose fr/nl/en texts the site shows: those the translations are kept for, so that a new one
# is checked too. The "avoid" forms of the glossary are wrong on purpose.
DATA_FILES = ("ui.yml", *translations.DATA_FILES)
SKIPPED_DATA = {"avoid"}
# The front matter fields a visitor reads (the others are ids, codes and lists of ids).
FRONT_MATTER_TEXTS = [("title",), ("description",), ("summary",), ("country",), ("image", "alt")]

# What is not prose in a page, blanked before the words are read: each pattern's whole match, except for
# links, where only the target goes and the link's text stays.
NOT_PROSE = [
    re.compile(r"^ *(?P<fence>```|~~~).*?^ *(?P=fence)[^\n]*$", re.M | re.S),  # fenced code
    re.compile(r"<!--.*?-->", re.S),  # comments and markers
    re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?\1", re.S),  # inline code, within a paragraph
    re.compile(r"https?://[^\s)>\]]+|www\.[^\s)>\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # addresses
    re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,6}\b(?![\w-])"),  # a domain or file name: fedasil.be, faq.md
    re.compile(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]"),  # link targets: [text](target), [text][ref]
    re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.M),  # link definitions
    re.compile(r"\{[^{}\n]*\}"),  # attribute lists { .class }, {#id}, {: ...}; placeholders {year} in data
    re.compile(r"^ *(?:!!!|\?\?\?\+?|===) *[\w-]*", re.M),  # admonition and tab keywords (their titles stay)
    re.compile(r"&#?\w+;"),  # character references
]
ELEMENT_WITH_LANG = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\blang=[\"']?(?P<lang>[\w-]+)[^>]*>.*?</(?P=tag)\s*>", re.S
)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# A run of letters, digits, apostrophes and hyphens; a word is such a run without digits or underscores.
RUN = re.compile(r"[\w'’\-\u2010\u2011]+")
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "’": "'"})
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060"))  # soft hyphen, zero-width space, word joiner
# Elisions in front of a name (l'OIM, d'Arenberg): the word list holds the name.
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.I)


@dataclass(frozen=True)
class Word:
    """A word as written, where an editor finds it."""

    text: str
    file: str
    line: int


def blank(text: str, start: int, end: int) -> str:
    """text with text[start:end] replaced by spaces, its line breaks kept so that line numbers stay right."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def prose(text: str, locale: str) -> str:
    """The text with everything that is not prose in the language blanked: code, comments, addresses, link
    targets, attribute lists, HTML tags, and whole elements marked as another language (lang="nl")."""
    for pattern in NOT_PROSE:
        for found in reversed(list(pattern.finditer(text))):
            start, end = found.span()
            if found.group(0).startswith("]"):
                start += 1  # keep the ] that closes the link text, blank the target
            text = blank(text, start, end)
    for found in reversed(list(ELEMENT_WITH_LANG.finditer(text))):
        if found.group("lang").split("-")[0].lower() != locale:
            text = blank(text, *found.span())
    for found in reversed(list(TAG.finditer(text))):
        text = blank(text, *found.span())
    return text


def words(text: str) -> list[tuple[str, int]]:
    """The words of a text with their line (1-based): numbers, ids with underscores and codes are no words."""
    found = []
    for number, line in enumerate(text.translate(INVISIBLE).split("\n"), start=1):
        for run in RUN.findall(line):
            word = run.strip("'’-\u2010\u2011")
            if word and not re.search(r"[\d_]", word):
                found.append((word, number))
    return found


def page_words(path: Path, locale: str, root: Path = ROOT) -> list[Word]:
    """The words a visitor reads in a page: the texts of its front matter and the prose of its body."""
    file = str(path.relative_to(root))
    text = read_text(path)
    found = []
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        end = text.index("\n---\n", 3) + 5
        document = parse_yaml(text[4 : end - 4], file, first_line=2)
        for place in FRONT_MATTER_TEXTS:
            value = document.data
            for key in place:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, str):
                found += [Word(word, file, document.line(place)) for word, _ in words(prose(value, locale))]
        text = re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    return found + [Word(word, file, line) for word, line in words(prose(text, locale))]


def data_texts(document: Document, location: tuple = ()):
    """(locale, text, place) for every text of a data file written in one of the checked languages."""
    data = document.data
    for part in location:
        data = data[part]
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SKIPPED_DATA:
                continue
            if key in DICTIONARIES and isinstance(value, str):
                yield key, value, location + (key,)
            elif key in DICTIONARIES and isinstance(value, list):
                yield from (
                    (key, item, location + (key, index)) for index, item in enumerate(value) if isinstance(item, str)
                )
            elif isinstance(value, (dict, list)):
                yield from data_texts(document, location + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (dict, list)):
                yield from data_texts(document, location + (index,))


def all_words(root: Path = ROOT) -> dict[str, list[Word]]:
    """Every word of the pages and data texts of each checked language."""
    found = {locale: [] for locale in DICTIONARIES}
    for locale in DICTIONARIES:
        for path in sorted((root / "docs" / locale).rglob("*.md")):
            found[locale] += page_words(path, locale, root)
    for name in DATA_FILES:
        path = root / "data" / name
        document = load_yaml(path)
        document.file = str(path.relative_to(root))
        for locale, text, location in data_texts(document):
            found[locale] += [
                Word(word, document.file, document.line(location)) for word, _ in words(prose(text, locale))
            ]
    return found


def check_word_list(document: Document) -> list[str]:
    """A word written under names and again under a language: names count in every language already."""
    names = set(document.data.get("names") or [])
    return [
        document.error((locale, index), f'"{word}" is already under names', "delete it here")
        for locale in DICTIONARIES
        for index, word in enumerate(document.data.get(locale) or [])
        if word in names
    ]


def load_word_list(path: Path = WORDS_FILE) -> dict:
    return load_checked(path, "spelling.schema.json", check_word_list)


def forms(entries) -> set[str]:
    """The forms a list of words accepts, as hunspell reads its own: a word in lower case also with a capital
    or in capitals (start of a sentence, a heading), a name as written or in capitals."""
    accepted = set()
    for entry in entries:
        entry = entry.translate(HYPHENS)
        accepted |= {entry, entry.upper()}
        if entry == entry.lower():
            accepted.add(entry[:1].upper() + entry[1:])
    return accepted


@cache
def country_names(locale: str) -> tuple[str, ...]:
    return tuple(Locale(locale).territories.values())


def project_words(locale: str, word_list: dict, glossary: dict) -> set[str]:
    """The forms that pass without the dictionary: the word list, the glossary's terms and the country names."""
    texts = list(word_list.get("names") or []) + list(word_list.get(locale) or []) + list(country_names(locale))
    for term in glossary["terms"]:
        texts += [term[locale], *(term.get("also") or {}).get(locale, [])]
    return forms(word for text in texts for word, _ in words(text))


def core(word: str, locale: str) -> str:
    """A word without what a name takes in a sentence: an elision (l'OIM, and a French name on an English page:
    Rue d'Arenberg), and in English and Dutch an 's (Fedasil's)."""
    word = ELISION.sub("", word)
    return word if locale == "fr" else re.sub(r"'s?$", "", word)


def dictionary_missing(locale: str) -> str | None:
    """What to install, as one message, when hunspell or the language's dictionary is not on this machine."""
    if not shutil.which("hunspell"):
        return message(
            "hunspell",
            None,
            "spelling",
            "the spell checker hunspell is not installed",
            "run make system (it installs hunspell and its dictionaries with apt-get)",
        )
    if not any(
        Path(folder, DICTIONARIES[locale] + ".dic").exists()
        for folder in ("/usr/share/hunspell", "/usr/share/myspell/dicts")
    ):
        return message(
            "hunspell",
            None,
            "spelling",
            f"the {LANGUAGE_NAMES[locale]} dictionary {DICTIONARIES[locale]} is not installed",
            f"run make system (it installs {PACKAGES[locale]})",
        )
    return None


def hunspell(locale: str, lines: list[str], *options: str, timeout: float | None = None) -> str:
    """hunspell's answer for these lines, with no personal dictionary (the project's list is data/spelling.yml)."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    command = ["hunspell", "-d", DICTIONARIES[locale], "-i", "utf-8", "-p", os.devnull, *options]
    return subprocess.run(
        command,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
        timeout=timeout,
    ).stdout


def not_in_dictionary(locale: str, candidates: set[str]) -> set[str]:
    """The words that the language's dictionary does not know, asked of one hunspell process. One word a line,
    and -L prints each line with a mistake anywhere in it: hunspell splits words its own way (English at
    hyphens), and -w would judge a line by its first part only (micro-buisness passed)."""
    if not candidates:
        return set()
    return set(hunspell(locale, sorted(candidates), "-L").splitlines()) & candidates


def suggestions(locale: str, unknown: set[str], seconds: float = 20) -> dict[str, list[str]]:
    """hunspell's nearest words for each unknown word, asked only when there are some: suggesting takes from a
    tenth of a second to seconds a word (long Dutch compounds), so past `seconds` the report goes without."""
    found = {}
    if not unknown:
        return found
    asked = sorted(unknown)
    try:
        answer = hunspell(locale, ["^" + word for word in asked], "-a", timeout=seconds)
    except subprocess.TimeoutExpired:
        return found
    # After a first line that names the version, one block per word asked, each ended by an empty line; a
    # block has a line per piece of the word as hunspell splits it (English at hyphens): "& piece n offset:
    # near, near". The first wrong piece's suggestions are put back in the whole word (micro-business).
    blocks = answer.split("\n", 1)[1].split("\n\n") if "\n" in answer else []
    for word, block in zip(asked, blocks, strict=False):
        line = next((line for line in block.splitlines() if line.startswith("& ")), None)
        if line:
            piece, rest = line[2:].split(" ", 1)
            near = [guess.strip() for guess in rest.split(":", 1)[1].split(",")][:3]
            found[word] = [word.replace(piece, guess, 1) for guess in near]
    return found


def misspelt(locale: str, found: list[Word], word_list: dict, glossary: dict) -> list[Word]:
    """The words of one language that neither the project nor the dictionary knows."""
    project = project_words(locale, word_list, glossary)
    texts = {found_word.text.translate(HYPHENS) for found_word in found} - project
    # Besides each word, hunspell is asked about what could make it pass: the word without its elision or 's
    # (d'Arenberg, the estimate's), and each part of a hyphenated word (Halle-Vilvoorde).
    parts = {text: [part for part in text.split("-") if part] for text in texts}
    asked = {form for text in texts for piece in [text, *parts[text]] for form in (piece, core(piece, locale))}
    unknown = not_in_dictionary(locale, asked - project)

    def known(piece: str) -> bool:
        return any(form in project or form not in unknown for form in (piece, core(piece, locale)))

    wrong = {text for text in texts if not known(text) and not ("-" in text and all(map(known, parts[text])))}
    return [found_word for found_word in found if found_word.text.translate(HYPHENS) in wrong]


def needless_entries(root: Path = ROOT) -> list[str]:
    """The entries of the word list that no longer do anything: no text of their language uses them, or the
    dictionary, the glossary or the country names already accept them. A list that only grows ends up
    accepting the typos it was meant to let through."""
    path = root / "data" / "spelling.yml"
    word_list = load_word_list(path)
    document = load_yaml(path)
    document.file = str(path.relative_to(root))
    terms = glossary_terms(root)
    used = {}
    for locale, found in all_words(root).items():
        texts = {word.text.translate(HYPHENS) for word in found}
        used[locale] = texts | {core(piece, locale) for text in texts for piece in [text, *text.split("-")]}
    asked = {locale: set(word_list["names"]) | set(word_list[locale]) for locale in DICTIONARIES}
    with ThreadPoolExecutor(len(DICTIONARIES)) as pool:
        answers = pool.map(lambda locale: not_in_dictionary(locale, asked[locale]), DICTIONARIES)
    unknown = dict(zip(DICTIONARIES, answers, strict=False))
    others = {locale: project_words(locale, {}, terms) for locale in DICTIONARIES}
    problems = []
    for key in ["names", *DICTIONARIES]:
        locales = list(DICTIONARIES) if key == "names" else [key]
        for index, entry in enumerate(word_list[key]):
            where_used = [locale for locale in locales if forms([entry]) & used[locale]]
            still_needed = [
                locale for locale in where_used if entry in unknown[locale] and not forms([entry]) <= others[locale]
            ]
            if still_needed:
                continue
            if not where_used:
                languages = ", ".join(LANGUAGE_NAMES[locale] for locale in locales)
                problem = f'no {" or ".join(languages.rsplit(", ", 1))} text uses "{entry}" any more'
            elif any(entry not in unknown[locale] for locale in where_used):
                known = " and ".join(LANGUAGE_NAMES[locale] for locale in where_used if entry not in unknown[locale])
                problem = f'the {known} dictionary knows "{entry}" already'
            else:
                problem = f'"{entry}" is a word of a glossary term or a country name, which count by themselves'
            problems.append(document.error((key, index), problem, "delete it from the list"))
    return problems


def glossary_terms(root: Path) -> dict:
    """The glossary's terms as the file gives them: the words they accept. The file's own rules are the build's
    to check (components/glossary.py)."""
    return load_yaml(root / "data" / "glossary.yml").data


def check(root: Path = ROOT, suggest: bool = True) -> list[str]:
    """Every misspelt word of the checked languages, one message each, in the order of the files; with
    hunspell's suggestions unless suggest is false."""
    for locale in DICTIONARIES:
        missing = dictionary_missing(locale)
        if missing:
            return [missing]
    word_list = load_word_list(root / "data" / "spelling.yml")
    terms = glossary_terms(root)
    found = all_words(root)

    def language_problems(locale: str) -> list[tuple[str, int, str]]:
        wrong = misspelt(locale, found[locale], word_list, terms)
        near = suggestions(locale, {word.text.translate(HYPHENS) for word in wrong}) if suggest else {}
        problems = []
        for word in wrong:
            guess = near.get(word.text.translate(HYPHENS))
            correct = f"correct it (perhaps {' or '.join(guess)})" if guess else "correct it"
            problems.append(
                (
                    word.file,
                    word.line,
                    message(
                        word.file,
                        word.line,
                        "spelling",
                        f'"{word.text}" is not in the {LANGUAGE_NAMES[locale]} dictionary',
                        f"{correct}, or add it to data/spelling.yml under {locale} if it is a name or term "
                        f"(under names if every language writes it so)",
                    ),
                )
            )
        return problems

    # The three hunspell processes run side by side: loading a dictionary is most of the time.
    with ThreadPoolExecutor(len(DICTIONARIES)) as pool:
        problems = [problem for language in pool.map(language_problems, DICTIONARIES) for problem in language]
    seen = set()
    return [text for _, _, text in sorted(problems) if not (text in seen or seen.add(text))]
