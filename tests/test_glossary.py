"""The fixed terms of the programme: pages and interface texts use them, and a bad glossary says why."""

from __future__ import annotations

import pytest

from conftest import LOCALES, ROOT
from glossary import check_ui_texts, glossary, load_glossary, wrong_terms
from validation import DataError


def test_no_page_and_no_interface_text_uses_an_avoided_form():
    rules = glossary()
    for locale in LOCALES:
        for page in (ROOT / "docs" / locale).rglob("*.md"):
            assert wrong_terms(page.read_text(encoding="utf-8"), locale, str(page), rules) == []
    assert check_ui_texts(rules) == []


def test_a_wrong_form_is_found_whatever_its_capitals_but_only_as_whole_words():
    rules = glossary()
    found = wrong_terms("Ga naar het Terugkeerbalie.\nterugkeerbalies", "nl", "docs/nl/x.md", rules)
    assert found == ["docs/nl/x.md:1: glossary: 'Terugkeerbalie' is not the term this site uses. "
                     "Fix: write 'terugkeerloket' (data/glossary.yml)."]
    assert wrong_terms("a return office", "fr", "x", rules) == []  # English forms are not checked in French


def test_a_glossary_term_without_a_language_is_refused(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "glossary.schema.json").write_bytes((ROOT / "data" / "glossary.schema.json").read_bytes())
    bad = tmp_path / "data" / "glossary.yml"
    bad.write_text("terms:\n  - fr: guichet retour\n    en: return desk\n", encoding="utf-8")
    monkeypatch.setattr("validation.ROOT", tmp_path)
    with pytest.raises(DataError) as error:
        load_glossary(bad)
    assert error.value.messages == ["data/glossary.yml:2: terms[0]: the field nl is missing. Fix: add nl: with the Dutch term."]
