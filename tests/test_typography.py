"""French spacing (hooks/components/typography.py): the right no-break space before a sign, never inside tags or code."""

from __future__ import annotations

import pytest

from hooks.components.typography import french_html

NARROW, NO_BREAK = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    "typed, built",
    [
        ("<p>Est-ce gratuit ?</p>", f"<p>Est-ce gratuit{NARROW}?</p>"),
        ("<p>gratuit? Oui ! Non ; peut-être</p>", f"<p>gratuit{NARROW}? Oui{NARROW}! Non{NARROW}; peut-être</p>"),
        ("<p>Appelez : 0800</p>", f"<p>Appelez{NO_BREAK}: 0800</p>"),
        ("<li><strong>Bruxelles</strong>: rue</li>", f"<li><strong>Bruxelles</strong>{NO_BREAK}: rue</li>"),
        ('« <span lang="nl">Plein</span> »', f'«{NARROW}<span lang="nl">Plein</span>{NARROW}»'),
        # Times, addresses, code, scripts and attributes stay as typed.
        (
            "<p>09:00 – 12:30, https://www.retourvolontaire.be/</p>",
            "<p>09:00 – 12:30, https://www.retourvolontaire.be/</p>",
        ),
        ('<a title="Quoi ?" href="?a=1">x</a>', '<a title="Quoi ?" href="?a=1">x</a>'),
        ("<code>a ? b : c</code><script>x ? y : z;</script>", "<code>a ? b : c</code><script>x ? y : z;</script>"),
        ("<p>?</p>", "<p>?</p>"),
        # Character references, as Jinja's autoescape writes an apostrophe or an ampersand, are not semicolons.
        ("<h2>L&#39;aide que vous pouvez recevoir</h2>", "<h2>L&#39;aide que vous pouvez recevoir</h2>"),
        ("<p>Caritas &amp; OIM ; oui</p>", f"<p>Caritas &amp; OIM{NARROW}; oui</p>"),
        ("<p>gratuit&#160;?</p>", "<p>gratuit&#160;?</p>"),
    ],
)
def test_french_spacing(typed, built):
    assert french_html(typed) == built


def test_no_french_page_breaks_a_character_reference(site):
    """An escaped apostrophe (&#39;) must never become "'\u202f;" on screen, as it did when ";" was spaced."""
    import re

    from conftest import html_pages, page_url

    for path in html_pages(site, "fr"):
        html = (site / page_url("fr", path).lstrip("/") / "index.html").read_text(encoding="utf-8")
        broken = re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]\w*)[\u202f\u00a0];", html, re.I)
        assert not broken, f"/{path}: {broken.group(0)!r}"
