"""What the package knows of HTML's elements, in one place: those that have no end tag, and those that start a
block of text of their own (a word never runs on from one to the next), and how a tag's attributes are written.
The glossary, search, readability and the sheets read built pages with them."""

# What a tag holds after its name: any character but ">", or a quoted value (which may hold ">").
ATTRIBUTE_TEXT = r"""(?:[^>"']|"[^"]*"|'[^']*')"""

# HTML's void elements (the living standard's list, and param, which older pages still carry).
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Elements whose text stands apart from the text around them.
BLOCKS = frozenset(
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd", "caption", "figcaption",
        "blockquote", "div", "section", "article", "aside", "table", "ul", "ol", "dl", "label", "legend",
        "fieldset", "form", "summary", "details", "option", "select", "button", "br", "hr",
    }
)  # fmt: skip
