"""French spacing: a no-break space before ":" and a narrow no-break space before ";", "!", "?" and inside
« », so that a phone's narrow screen never starts a line with the sign alone.

Editors type an ordinary space (as on a keyboard); the build puts the right one in the text of French pages,
never in tags, attributes, scripts or code.
"""

from __future__ import annotations

import re
from functools import lru_cache

NARROW = "\u202f"
NO_BREAK = "\u00a0"
# The text between tags, and the elements whose text is not prose; character references (&#39; as Jinja
# escapes an apostrophe) are kept whole, so that their ";" is never taken for a semicolon.
PARTS = re.compile(
    r"(<script\b.*?</script>|<style\b.*?</style>|<pre\b.*?</pre>|<code\b.*?</code>"
    r"|<textarea\b.*?</textarea>|<!--.*?-->|<[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]\w*);)",
    re.S | re.I,
)
# A sign after a space, or right after a word or a closing tag with no space at all ("gratuit?", "</strong>:").
# A colon only when a space or the end follows, so that 09:00 and https:// stay as they are.
BEFORE_SIGN = re.compile(r"(?:[ \u00a0\u202f]+|(?<=[\w)»])|^)([;!?»])")
BEFORE_COLON = re.compile(r"(?:[ \u00a0\u202f]+|(?<=[\w)»])|^):(?=\s|$)")
AFTER_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
SIGNS = re.compile(r"[;!?:»«]")


@lru_cache(maxsize=65536)  # the navigation, the header and the footer repeat their texts on every page
def french_spacing(text: str, after_tag: bool = False) -> str:
    """The spacing of a French text without tags. after_tag: the text follows a tag (a sign at its very
    start then belongs to the word before the tag); otherwise a sign at the start is left alone."""
    if not after_tag and text[:1] in ";!?:»":
        head, text = text[:1], text[1:]
        return head + french_spacing(text, after_tag=True) if text else head
    text = BEFORE_SIGN.sub(lambda m: NARROW + m.group(1), text)
    text = BEFORE_COLON.sub(NO_BREAK + ":", text)
    return AFTER_QUOTE.sub("«" + NARROW, text)


def french_html(html: str) -> str:
    """French spacing in the text of an HTML page or fragment; tags, scripts, styles and code stay as they are."""
    pieces = PARTS.split(html)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2 or not SIGNS.search(piece):  # most texts have no sign: nothing to space
            out.append(piece)
        else:
            # After an opening tag (<p>, <li>) a sign is not glued to a word; after a closing one it is.
            after_closing = index > 0 and pieces[index - 1].startswith("</")
            out.append(french_spacing(piece, after_tag=after_closing) if piece else piece)
    return "".join(out)
