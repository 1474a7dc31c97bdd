"""French spacing (hooks/typography.py): the right no-break space before a sign, never inside tags or code."""

from __future__ import annotations

import pytest

from typography import french_html

NARROW, NO_BREAK = "\u202f", "\u00a0"


@pytest.mark.parametrize("typed, built", [
    ("<p>Est-ce gratuit ?</p>", f"<p>Est-ce gratuit{NARROW}?</p>"),
    ("<p>gratuit? Oui ! Non ; peut-être</p>", f"<p>gratuit{NARROW}? Oui{NARROW}! Non{NARROW}; peut-être</p>"),
    ("<p>Appelez : 0800</p>", f"<p>Appelez{NO_BREAK}: 0800</p>"),
    ("<li><strong>Bruxelles</strong>: rue</li>", f"<li><strong>Bruxelles</strong>{NO_BREAK}: rue</li>"),
    ("« <span lang=\"nl\">Plein</span> »", f"«{NARROW}<span lang=\"nl\">Plein</span>{NARROW}»"),
    # Times, addresses, code, scripts and attributes stay as typed.
    ("<p>09:00 – 12:30, https://www.retourvolontaire.be/</p>", "<p>09:00 – 12:30, https://www.retourvolontaire.be/</p>"),
    ('<a title="Quoi ?" href="?a=1">x</a>', '<a title="Quoi ?" href="?a=1">x</a>'),
    ("<code>a ? b : c</code><script>x ? y : z;</script>", "<code>a ? b : c</code><script>x ? y : z;</script>"),
    ("<p>?</p>", "<p>?</p>"),
])
def test_french_spacing(typed, built):
    assert french_html(typed) == built
