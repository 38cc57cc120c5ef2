"""Formatted answer text as a stream of tokens, for the writers that turn it into DOCX and Typst.

The text was sanitised when it was saved (``questionnaires.sanitize``: a handful of tags, ``href`` the
only attribute that matters), so a regular expression reads it faster than an HTML parser would; what
it does not recognise is text, and every writer escapes text.
"""

import html
import re
from collections.abc import Iterator

from countries.spreadsheets import xml_text

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+|<)")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def rich_tokens(text: str) -> Iterator[tuple[str, str, str]]:
    """(``start``, tag, href), (``end``, tag, "") and (``text``, "", text) in document order; the text is
    free of characters XML cannot hold when ``text`` was."""
    for match in _TOKEN.finditer(text or ""):
        closing, tag, attributes, data = match.groups()
        if data is not None:
            # A character reference may name a character that XML cannot hold: left out, as everywhere.
            yield "text", "", xml_text(html.unescape(data)) if "&" in data else data
        elif closing:
            yield "end", tag.lower(), ""
        else:
            href = _HREF.search(attributes) if tag.lower() == "a" else None
            yield "start", tag.lower(), html.unescape(href.group(1) or href.group(2) or "") if href else ""
