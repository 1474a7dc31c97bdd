"""How easy each built page is to read, in its language: a report and the targets the site holds itself to.

Readers are migrants on phones reading in a second language, so every page's main text (the article, not the
navigation or the footer) must score at least 60 on the Flesch reading ease of its language, the pages of a
language at least 70 on average, with sentences of under 12 words on average:

    French   Kandel & Moles (1958)  207     - 1.015 x words per sentence - 73.6 x syllables per word
    Dutch    Douma (1960)           206.835 - 0.93  x words per sentence - 77   x syllables per word
    English  Flesch (1948)          206.835 - 1.015 x words per sentence - 84.6 x syllables per word

Syllables come from the hyphenation dictionaries of pyphen (LibreOffice's; American English, which splits
more words than the British one), as textstat counts them: a word has one syllable more than its
hyphenation points. The dictionaries leave a few words whole ("every" has 2, French "aide" 1), so the
scores are a little kinder than a count by ear; they are for comparing pages and seeing a page get
harder, not a grade. A sentence ends at ".", "!" or "?" followed by a space, and at the end of
every block (paragraph, list item, heading, table cell, line break).

Run as a script on a built site: python -m hooks.tools.readability [SITE_DIR]   (default: site/)
It prints every page's scores per language and exits non-zero when a page or a language misses a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pyphen

from hooks.core.html import BLOCKS, VOID
from hooks.core.locale import ALL_LOCALES

LOCALES = ("fr", "nl", "en")  # the full languages: the essentials ones are checked by their reviewers
FORMULAS = {  # (constant, weight of words per sentence, weight of syllables per word)
    "fr": (207.0, 1.015, 73.6),
    "nl": (206.835, 0.93, 77.0),
    "en": (206.835, 1.015, 84.6),
}
FORMULA_NAMES = {"fr": "Kandel-Moles", "nl": "Douma", "en": "Flesch"}
PAGE_MINIMUM = 60.0
SITE_AVERAGE_MINIMUM = 70.0
SENTENCE_MAXIMUM = 12.0  # words per sentence, on average over a language's pages: strictly under

# Not read as text: code, drawings, what the page hides from everyone (the print-only footer is aria-hidden;
# a <noscript> or <template> is not shown where scripts run), and the choices of a control (a filter's list of
# regions is a menu, not sentences). Labels, headings, tables and lists are read.
SKIPPED = {"script", "style", "svg", "template", "noscript", "code", "pre", "input", "textarea", "select", "button"}
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\")]*\s+")


class _ArticleText(HTMLParser):
    """The text blocks of the page's main article (Material's md-content__inner)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the main article; 0 = outside it
        self.skip_depth = 0  # depth at which a skipped element opened; 0 = not skipping
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self.depth:
            if tag == "article" and "md-content__inner" in (attributes.get("class") or "").split():
                self.depth = 1
            return
        if tag in BLOCKS:
            self._flush()
        if tag in VOID:
            return
        self.depth += 1
        # Not the page's prose: text marked as another language (a quoted term), and a list of names (data-names:
        # the languages of the site, each by its own name and its name in the page's language).
        hidden = (
            tag in SKIPPED
            or attributes.get("aria-hidden") == "true"
            or "hidden" in attributes
            or "lang" in attributes
            or "data-names" in attributes
        )
        if hidden and not self.skip_depth:
            self.skip_depth = self.depth

    def handle_startendtag(self, tag, attrs):
        if self.depth and tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if self.skip_depth == self.depth:
            self.skip_depth = 0
        self.depth -= 1
        if tag in BLOCKS or not self.depth:
            self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip_depth:
            self.current.append(data)


def article_blocks(html: str) -> list[str]:
    """The visible text of a built page's article, one string per block; [] when the page has no article."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def sentences(blocks: list[str]) -> list[list[str]]:
    """The words of each sentence; a block or a sentence without words (a number, a sign) counts for nothing."""
    found = []
    for block in blocks:
        for sentence in SENTENCE_END.split(block):
            words = WORD.findall(sentence)
            if words:
                found.append(words)
    return found


@cache
def _dictionary(locale: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang={"fr": "fr_FR", "nl": "nl_NL", "en": "en_US"}[locale])


@lru_cache(maxsize=65536)
def syllables(word: str, locale: str) -> int:
    """Syllables of a word, from its hyphenation points. "l'aide" is read as one word, "re-integratie" as two
    parts whose syllables add up."""
    dictionary = _dictionary(locale)
    total = 0
    for part in word.lower().split("-"):
        part = re.sub(r"['’]", "", part)
        if part:
            total += len(dictionary.positions(part)) + 1
    return max(total, 1)


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    def reading_ease(self, locale: str) -> float:
        constant, per_sentence, per_syllable = FORMULAS[locale]
        return constant - per_sentence * self.words_per_sentence - per_syllable * self.syllables_per_word


def score_blocks(blocks: list[str], locale: str) -> Score:
    found = sentences(blocks)
    words = [word for sentence in found for word in sentence]
    return Score(words=len(words), sentences=len(found), syllables=sum(syllables(w, locale) for w in words))


def score_text(text: str, locale: str) -> Score:
    """A plain text, paragraphs separated by blank lines or line breaks."""
    return score_blocks([line for line in text.splitlines() if line.strip()], locale)


# --- A built site -------------------------------------------------------------------------------------


def built_pages(site: Path, locale: str) -> list[tuple[str, Path]]:
    """(address path, file) of a language's pages in a built site: French at /, the others under /nl/, /en/.
    The 404 page and the search and assets folders are left out."""
    base = site if locale == LOCALES[0] else site / locale
    pages = []
    for index in sorted(base.rglob("index.html")):
        relative = index.parent.relative_to(base).as_posix()
        first = relative.split("/")[0]
        if (locale == LOCALES[0] and first in ALL_LOCALES[1:]) or first in ("assets", "search"):
            continue
        path = "" if relative == "." else relative + "/"
        pages.append(((f"/{locale}/" if locale != LOCALES[0] else "/") + path, index))
    return pages


@dataclass(frozen=True)
class LanguageReport:
    locale: str
    pages: dict  # {address path: Score}

    def ease(self, path: str) -> float:
        return self.pages[path].reading_ease(self.locale)

    @property
    def lowest(self) -> tuple[str, float]:
        path = min(self.pages, key=self.ease)
        return path, self.ease(path)

    @property
    def average(self) -> float:
        return sum(self.ease(path) for path in self.pages) / len(self.pages)

    @property
    def words_per_sentence(self) -> float:
        words = sum(score.words for score in self.pages.values())
        count = sum(score.sentences for score in self.pages.values())
        return words / count if count else 0.0


def site_report(site: Path) -> dict[str, LanguageReport]:
    report = {}
    for locale in LOCALES:
        pages = {
            path: score_blocks(article_blocks(file.read_text(encoding="utf-8")), locale)
            for path, file in built_pages(site, locale)
        }
        report[locale] = LanguageReport(locale, {path: score for path, score in pages.items() if score.words})
    return report


def shortfalls(report: dict[str, LanguageReport]) -> list[str]:
    """One line per missed target; [] when the site meets them all."""
    problems = []
    for locale, language in report.items():
        for path in language.pages:
            if language.ease(path) < PAGE_MINIMUM:
                problems.append(
                    f"{path}: {FORMULA_NAMES[locale]} {language.ease(path):.1f} is under {PAGE_MINIMUM:g}. "
                    "Fix: shorter sentences, shorter words"
                )
        if language.average < SITE_AVERAGE_MINIMUM:
            problems.append(f"{locale}: the pages average {language.average:.1f}, under {SITE_AVERAGE_MINIMUM:g}")
        if language.words_per_sentence >= SENTENCE_MAXIMUM:
            problems.append(
                f"{locale}: sentences average {language.words_per_sentence:.1f} words, not under {SENTENCE_MAXIMUM:g}"
            )
    return problems


def format_report(report: dict[str, LanguageReport]) -> str:
    lines = []
    for locale, language in report.items():
        lines.append(f"{locale} ({FORMULA_NAMES[locale]}): {len(language.pages)} pages")
        lines.append(f"  {'score':>6} {'words/sentence':>15} {'syllables/word':>15}  page")
        for path in sorted(language.pages, key=language.ease):
            score = language.pages[path]
            lines.append(
                f"  {language.ease(path):6.1f} {score.words_per_sentence:15.1f} "
                f"{score.syllables_per_word:15.2f}  {path}"
            )
        path, lowest = language.lowest
        lines.append(
            f"  lowest {lowest:.1f} ({path}), average {language.average:.1f}, "
            f"{language.words_per_sentence:.1f} words per sentence"
        )
    return "\n".join(lines)
