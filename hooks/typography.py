"""French spacing: a no-break space before ":" and a narrow no-break space before ";", "!", "?" and inside
« », so that a phone's narrow screen never starts a line with the sign alone.

Editors type an ordinary space (as on a keyboard); the build puts the right one in the text of French pages,
never in tags, attributes, scripts or code.
"""

from __future__ import annotations

import re

from language import current_locale

NARROW = "\u202f"
NO_BREAK = "\u00a0"
# The text between tags, and the elements whose text is not prose.
PARTS = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<pre\b.*?</pre>|<code\b.*?</code>"
                   r"|<textarea\b.*?</textarea>|<!--.*?-->|<[^>]*>)", re.S | re.I)
BEFORE_SIGN = re.compile(r"[ \u00a0\u202f]+([;!?»])")
BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+:(?=\s|$|<)")
AFTER_QUOTE = re.compile(r"«[ \u00a0\u202f]+")


def french_spacing(text: str) -> str:
    """The spacing of a French text without tags."""
    text = BEFORE_SIGN.sub(lambda m: NARROW + m.group(1), text)
    text = BEFORE_COLON.sub(NO_BREAK + ":", text)
    return AFTER_QUOTE.sub("«" + NARROW, text)


def french_html(html: str) -> str:
    """French spacing in the text of an HTML page or fragment; tags, scripts, styles and code stay as they are."""
    pieces = PARTS.split(html)
    return "".join(piece if index % 2 else french_spacing(piece) for index, piece in enumerate(pieces))


def on_post_page(output, page, config):
    if current_locale(config) != "fr":
        return output
    return french_html(output)
