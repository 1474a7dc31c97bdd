"""Search in the page's language, loaded only when the visitor opens it.

The engine is Material's own search worker (lunr with its French and Dutch stemmers), started by our
search.js the first time the search box is opened; Material's search plugin is off, so nothing of search
loads with a page. After every language is built, this hook reads each built page and writes one index per
language (search/, nl/search/, en/search/ search_index.json): the text of each section, with table cells and
list items kept apart, and the synonyms that data/search.yml and data/glossary.yml give for that language.
The page marked <!-- search:index --> lists every page of its language: where search sends a visitor who
finds nothing, and what replaces the search box without JavaScript.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from html import unescape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from hooks.components.estimator import ambiguous_search_names, country_names, names_data, rules_data, search_names
from hooks.components.glossary import glossary
from hooks.core import cache
from hooks.core.data import DataError, load_checked, load_yaml, message, read_front_matter
from hooks.core.html import ATTRIBUTE_TEXT, BLOCKS, VOID
from hooks.core.locale import ALL_LOCALES, LANGUAGES_FILE, LOCALES, is_full, language_name, languages, ui
from hooks.core.pages import language_root, link
from hooks.core.paths import ROOT

SEARCH_FILE = ROOT / "data" / "search.yml"
MARKER = re.compile(r"<!--\s*search:index\s*-->")
INDEX_PAGE = "all-pages.md"
INDEX_FILE = "search/search_index.json"
INDEX_LOCATION = "all-pages/"
# Words end at spaces, dashes, apostrophes (d'asile, l’OIM), punctuation, and a full stop that is not inside
# a number (1.500). The same expression splits the visitor's words in search.js (the worker receives it).
SEPARATOR = r"[\s\-'’‘`,;:!?()\[\]{}\"«»“”„/|+*~^]+|\.(?!\d)"
# Title words weigh as much as in Material's default configuration.
FIELDS = {"title": {"boost": 1000}, "text": {"boost": 1}}
# Elements whose text is not page content: the printed-only footer, the definitions read with each term,
# drawn controls, and anything marked data-search-exclude (the "Words on this page" block).
SKIPPED_TAGS = {"script", "style", "select", "template", "svg", "noscript", "button", "form"}
SKIPPED = re.compile(r"\b(printing|glossary-hidden|headerlink)\b")
SECTIONS = {"h2", "h3"}


# --- Synonyms (data/search.yml and data/glossary.yml) -----------------------------------------------------


def fold(text: str) -> str:
    """What matching compares: lower case, no accents, one space between words (search.js does the same)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.split(SEPARATOR, bare)).strip()


def check_search(document) -> list[str]:
    """What the schema cannot say: an entry that repeats a form of its own adds nothing and hides a typo."""
    problems = []
    for index, entry in enumerate(document.data["words"]):
        seen: dict[str, str] = {}
        for key, form in [(locale, entry[locale]) for locale in LOCALES] + [
            ("also", form) for form in entry.get("also", [])
        ]:
            if key == "also" and fold(form) in seen:
                problems.append(
                    document.error(
                        ("words", index, "also"),
                        f"'{form}' is already the entry's {seen[fold(form)]}",
                        "remove it from also",
                    )
                )
            seen.setdefault(fold(form), key)
    return problems


def load_search(path: Path = SEARCH_FILE) -> dict:
    """The checked content of search.yml; any problem raises DataError with one line per problem."""
    return load_checked(path, "search.schema.json", check_search)


@cache.when_changed(lambda: [SEARCH_FILE])
def search_data() -> dict:
    return load_search(SEARCH_FILE)


def groups(words: list[dict], terms: list[dict]) -> list[dict]:
    """Every set of forms that name one thing, each with its word per language: the entries of search.yml,
    and each glossary term with its other forms and the wrong forms people still type."""
    found = [dict(entry, also=list(entry.get("also", []))) for entry in words]
    for term in terms:
        also = [form for kind in ("also", "avoid") for locale in LOCALES for form in term.get(kind, {}).get(locale, [])]
        found.append({**{locale: term[locale] for locale in LOCALES}, "also": also})
    return found


def expansions(groups: list[dict], locale: str) -> list[list]:
    """[[forms], word]: when the visitor's words contain one of the forms, search also looks for the word, as
    the pages of this language write it. Folded, like the visitor's words."""
    result = []
    for group in groups:
        word = fold(group[locale])
        forms = sorted({fold(form) for form in [group[other] for other in LOCALES] + group["also"]} - {word})
        if forms:
            result.append([forms, word])
    return result


# --- The text of the built pages ------------------------------------------------------------------------


# The tags of a built page, for the well-formed HTML that MkDocs and our templates write: comments, doctype and
# processing instructions, or a start or end tag with its attributes. Read in one pass, the pages are parsed
# four times faster than by html.parser, whose pure-Python scanner was a fifth of the first build of a large site.
TAG = re.compile(
    rf"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/)?([a-zA-Z][^\s/>]*)({ATTRIBUTE_TEXT}*)>",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
RAW_TEXT = ("script", "style")  # their text is not HTML: read to their end tag


def attributes_of(text: str) -> list[tuple[str, str | None]]:
    """[(name, value)] as html.parser gives them: names in lower case, values unescaped, None without '='."""
    found = []
    for name, double, single, bare in (attribute.groups() for attribute in ATTRIBUTE.finditer(text)):
        value = double if double is not None else single if single is not None else bare
        found.append((name.lower(), unescape(value) if value and "&" in value else value))
    return found


@functools.cache
def same_tag(tag: str) -> re.Pattern:
    return re.compile(rf"<(/)?{tag}\b({ATTRIBUTE_TEXT}*)>", re.IGNORECASE)


def element_end(html: str, tag: str, position: int) -> int:
    """Where the element whose start tag ends at `position` ends: after its end tag (the same tags nested
    inside counted), or the end of the page."""
    depth = 1
    for found in same_tag(tag).finditer(html, position):
        if found[1]:
            depth -= 1
            if not depth:
                return found.end()
        elif not found[2].rstrip().endswith("/"):
            depth += 1
    return len(html)


class _Sections:
    """The sections of a page's article: [(anchor, heading, text)], the first one under the page's title."""

    def __init__(self):
        self.sections: list[list] = [[None, [], []]]
        self._in_article = 0
        self._skip = 0
        self._heading = None
        self.head_title: list[str] = []
        self.description = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self._in_article:
            if tag == "article":
                self._in_article = 1
            self._in_title = tag == "title"
            if tag == "meta" and attributes.get("name") == "description":
                self.description = attributes.get("content") or ""
            return
        if tag == "article":
            self._in_article += 1
        if self._skip:
            if tag not in VOID:
                self._skip += 1
            return
        if (
            tag in SKIPPED_TAGS
            or "data-search-exclude" in attributes
            or attributes.get("aria-hidden") == "true"
            or "hidden" in attributes
            or SKIPPED.search(attributes.get("class") or "")
        ):
            if tag not in VOID:
                self._skip = 1
            return
        if tag == "h1":
            self._heading = self.sections[0][1]
        elif tag in SECTIONS and attributes.get("id"):
            self.sections.append([attributes["id"], [], []])
            self._heading = self.sections[-1][1]
        if tag in BLOCKS:
            self._write(" ")

    def handle_endtag(self, tag):
        if not self._in_article:
            self._in_title = False
            return
        if self._skip:
            self._skip -= 1
            return
        if tag == "article":
            self._in_article -= 1
        if tag in ("h1",) or tag in SECTIONS:
            self._heading = None
        if tag in BLOCKS:
            self._write(" ")

    def handle_data(self, data):
        if self._in_title:
            self.head_title.append(data)
        if self._in_article and not self._skip:
            self._write(data)

    def _write(self, text):
        (self._heading if self._heading is not None else self.sections[-1][2]).append(text)

    def feed(self, html: str) -> None:
        """Calls the handlers as html.parser would, for each tag and each text between tags (unescaped)."""
        position = 0
        while True:
            found = TAG.search(html, position)
            end = found.start() if found else len(html)
            if end > position:
                text = html[position:end]
                self.handle_data(unescape(text) if "&" in text else text)
            if not found:
                return
            position = found.end()
            closing, tag, rest = found.groups()
            if tag is None:
                continue  # a comment, the doctype
            tag = tag.lower()
            if closing:
                self.handle_endtag(tag)
                continue
            skipping = self._skip
            self.handle_starttag(tag, attributes_of(rest))
            if rest.rstrip().endswith("/"):
                self.handle_endtag(tag)
            elif self._skip and not skipping and tag not in VOID:
                # An element left out (a drawn icon, the list of 200 countries): straight to its end tag.
                position = element_end(html, tag, position)
                self._skip = 0
            elif tag in RAW_TEXT:
                close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(html, position)
                stop = close.start() if close else len(html)
                if stop > position:
                    self.handle_data(html[position:stop])
                if close:
                    self.handle_endtag(tag)
                position = close.end() if close else stop


def clean(parts: list[str]) -> str:
    return " ".join(unescape("".join(parts)).split())


# Of a page's head, what search reads: its title and its description.
HEAD_READ = re.compile(
    rf"<title>.*?</title>|<meta\b{ATTRIBUTE_TEXT}*?\bname=\"description\"{ATTRIBUTE_TEXT}*>",
    re.DOTALL | re.IGNORECASE,
)


def searched_part(html: str) -> str:
    """The title and description of a built page and its articles, without the navigation and the footer
    between and after them: all that _Sections reads, in a third of the text to parse."""
    start, end = html.find("<article"), html.rfind("</article>")
    head = html.find("</head>")
    if start < 0 or end < start or not 0 <= head < start:
        return html
    return "".join(HEAD_READ.findall(html, 0, head)) + html[start : end + len("</article>")]


def page_documents(html: str, location: str) -> list[dict]:
    """The search documents of one built page: the page itself (its heading, the title the navigation
    shows when it differs, its description and the text before its first section), then each section under
    its heading, located by its anchor."""
    parser = _Sections()
    parser.feed(searched_part(html))
    documents = []
    nav_title = clean(parser.head_title).rsplit(" - ", 1)[0]
    for anchor, heading, text in parser.sections:
        title = clean(heading)
        if anchor is None:
            documents.append(
                {
                    "location": location,
                    "title": title or nav_title,
                    "text": " ".join(part for part in (parser.description, clean(text)) if part),
                }
            )
            if nav_title and nav_title != title:
                documents[-1]["also"] = nav_title
        elif title:
            documents.append({"location": f"{location}#{anchor}", "title": title, "text": clean(text)})
    return documents


def language_folder(site: Path, locale: str) -> Path:
    return site if locale == ALL_LOCALES[0] else site / locale


def language_pages(site: Path, locale: str) -> list[Path]:
    """The built pages of one language, without the 404 page and the other languages' folders."""
    folder = language_folder(site, locale)
    found = []
    for page in sorted(folder.rglob("index.html")):
        first = page.relative_to(folder).parts[0]
        if locale == ALL_LOCALES[0] and first in ALL_LOCALES[1:]:
            continue
        found.append(page)
    return found


# --- The countries: a country's name finds the estimator with the country filled in ------------------------

ESTIMATOR_LOCATION = "estimator/"


def other_words(title: str, names: list[str]) -> str:
    """The words of a country's other names that its title lacks, each once: "Congo" written in ten of its names
    would outweigh the one document titled Congo, which asks which of the two countries."""
    seen = {fold(word) for word in re.split(SEPARATOR, title)}
    words = []
    for name in names:
        for word in re.split(SEPARATOR, name):
            if word and fold(word) and fold(word) not in seen:
                seen.add(fold(word))
                words.append(word)
    return " ".join(words)


def country_documents(locale: str) -> list[dict]:
    """One document per country of return, under the estimator's page: its title the country's name in the
    language, and all its other names (data/countries.yml, CLDR) as what the title also says; its address the
    estimator with the country filled in (estimator/#destination=XX). The text is the name alone: words such as
    "visa" must not make 198 countries answer a search about visas."""
    countries, names = rules_data()[1], names_data()
    # A name of two countries (Congo) goes to the estimator with the name typed in, which asks which country;
    # the two countries' own documents leave it out, so that it does not pick one of them.
    shared = ambiguous_search_names(locale)
    left_out = {name for names_of_one in shared for name in names_of_one}
    # The shared names first: a search for Congo scores the three alike, and the first one found is shown.
    documents = [
        {
            "location": f"{ESTIMATOR_LOCATION}#destination={quote(one[0])}",
            "title": one[0],
            "also": " ".join(one[1:]),
            "text": one[0],
        }
        for one in shared
    ]
    documents += [
        {
            "location": f"{ESTIMATOR_LOCATION}#destination={row['code']}",
            "title": row["name"],
            "also": other_words(
                row["name"], [name for name in search_names(row["code"], locale, names) if name not in left_out]
            ),
            "text": row["name"],
            # A name CLDR lacks in the language is its more language's: search.js marks it with its lang.
            **({"lang": row["lang"]} if row["lang"] else {}),
        }
        for row in country_names(countries, locale)
    ]
    return documents


def search_index(site: Path, locale: str, expand: list[list], stemmer: str | None = None) -> dict:
    """One language's index, in the form Material's search worker reads, with the synonyms for search.js;
    `stemmer`: the lunr-languages code of the language (data/languages.yml), or None."""
    folder = language_folder(site, locale)
    docs = []
    for page in language_pages(site, locale):
        location = page.parent.relative_to(folder).as_posix()
        location = "" if location == "." else location + "/"
        if location == INDEX_LOCATION:
            continue  # the list of every page would answer every search
        html = page.read_text(encoding="utf-8")
        # Kept between builds: an unchanged page gives the same documents.
        docs += cache.results().result(
            "search", (html, location), lambda html=html, location=location: page_documents(html, location)
        )
    if (folder / ESTIMATOR_LOCATION / "index.html").exists():
        docs += country_documents(locale)
    config = {
        "lang": [stemmer or "en"],
        "separator": SEPARATOR,
        "fields": FIELDS,
        # Without a stemmer for the language, plain word matching: lunr's trimmer would strip every letter
        # that is not Latin, and English stop words and stems mean nothing there.
        "pipeline": ["trimmer", "stopWordFilter", "stemmer"] if stemmer else [],
    }
    return {"config": config, "docs": docs, "options": {"suggest": False}, "expansions": expand}


# --- The list of every page (<!-- search:index -->) --------------------------------------------------------


def index_entries(pages: list[Page], here: str) -> list[dict]:
    """{title, description, href} of each page, as its front matter says, linked from the page at `here`."""
    entries = []
    for page in pages:
        meta = read_front_matter(Path(page.source)).data or {}
        # A missing field is reported by checks/translations.py when that page is built.
        entries.append(
            {
                "title": meta.get("title") or page.src_uri,
                "description": meta.get("description") or "",
                "href": link(page.url, here),
            }
        )
    return entries


class Page(NamedTuple):
    """A page of the language being built, as the list of every page needs it."""

    src_uri: str  # 'nl/journey.md'
    source: str  # its file
    url: str  # its address from the site's root: 'nl/journey/'


def ordered_pages(pages: list[Page], nav_order: list[str]) -> list[Page]:
    """The pages of the language being built: the navigation's order, then the others (the stories) by
    address; without the index itself."""
    pages = [page for page in pages if not page.src_uri.endswith("/" + INDEX_PAGE)]
    position = {name: index for index, name in enumerate(nav_order)}

    def key(page):
        name = page.src_uri.split("/", 1)[1]
        return (position.get(name, len(position)), page.url)

    return sorted(pages, key=key)


def nav_files(nav) -> list[str]:
    found = []
    for item in nav or []:
        if isinstance(item, dict):
            for value in item.values():
                found += nav_files(value) if isinstance(value, list) else [value]
        else:
            found.append(item)
    return found


def theme_worker(theme_dirs: list[str]) -> str:
    """The theme's search worker (its file name carries a hash of its content)."""
    for folder in theme_dirs:
        for worker in Path(folder).glob("assets/javascripts/workers/search.*.min.js"):
            return worker.relative_to(folder).as_posix()
    raise DataError(
        [
            message(
                "mkdocs.yml",
                None,
                "theme",
                "the theme has no search worker",
                "use Material for MkDocs 9 (pyproject.toml)",
            )
        ]
    )


# --- What the adapter calls (hooks/events.py) ----------------------------------------------------------


# lunr's own language, which needs no file of lunr-languages.
BUILT_IN_STEMMER = "en"


def stemmers(theme_dirs: list[str]) -> set[str]:
    """The search stemmers the theme ships (lunr-languages' files), and lunr's own English one."""
    found = {BUILT_IN_STEMMER}
    for folder in theme_dirs:
        for path in Path(folder).glob("assets/javascripts/lunr/min/lunr.*.min.js"):
            code = path.name.split(".")[1]
            if code not in ("stemmer", "multi"):
                found.add(code)
    return found


def check_stemmers(theme_dirs: list[str]) -> None:
    """Each language's search stemmer (data/languages.yml, search:) is one the theme has: another code would
    leave that language's search broken in the browser, with nothing said at build time."""
    known = stemmers(theme_dirs)
    wanted = {code: language.get("search") for code, language in languages().items()}
    if all(stemmer is None or stemmer in known for stemmer in wanted.values()):
        return
    document = load_yaml(LANGUAGES_FILE)
    raise DataError(
        [
            document.error(
                ("languages", index, "search"),
                f"the theme has no search stemmer {stemmer!r} for {code}",
                f"write one of {', '.join(sorted(known))}, or null (words matched as written)",
            )
            for index, (code, stemmer) in enumerate(wanted.items())
            if stemmer is not None and stemmer not in known
        ]
    )


def index_link(locale: str) -> dict:
    """Where "all pages" goes: the language's own list; a language with the essential pages only has none,
    so its link goes to the list of its `more` language and says which language that is, as every link to a
    page the language lacks does (components/languages.py)."""
    if is_full(locale):
        return {"href": language_root(locale) + INDEX_LOCATION, "lang": None, "language": None}
    more = languages()[locale]["more"]
    return {"href": language_root(more) + INDEX_LOCATION, "lang": more, "language": language_name(more, locale)}


def template_globals(locale: str, theme_dirs: list[str]) -> dict:
    return {
        "search_ui": ui(locale, "search"),
        "search_worker": theme_worker(theme_dirs),
        "search_index": index_link(locale),
    }


def draw_index(html: str, env, pages: list[Page], nav, here: str) -> str:
    """The list of every page of the language (<!-- search:index -->: all-pages.md), here: MkDocs' page.url."""
    if not MARKER.search(html):
        return html
    fragment = env.get_template("components/search-index.html").render(
        entries=index_entries(ordered_pages(pages, nav_files(nav)), here)
    )
    return MARKER.sub(lambda _: fragment, html, count=1)


def write_indexes(site: Path, built: list[str] | None = None) -> None:
    """Every built language's index, once every language is built (from the built pages)."""
    found = groups(search_data()["words"], glossary()["terms"])
    for locale in built or ALL_LOCALES:
        target = language_folder(site, locale) / INDEX_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        index = search_index(
            site, locale, expansions(found, locale) if is_full(locale) else [], languages()[locale]["search"]
        )
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
