"""Formatted answer text as a stream of events, for the writers that turn it into DOCX and Typst.

The text was sanitised when it was saved (``questionnaires.sanitize``: a handful of tags, ``href`` the
only attribute that matters), so a regular expression reads it faster than an HTML parser would; what
it does not recognise is text, and every writer escapes text.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from countries.spreadsheets import xml_text

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+|<)")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")


EMPHASIS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline"}


@dataclass(frozen=True)
class Span:
    """A piece of text with the emphasis and link in force where it stands."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str = ""


@dataclass(frozen=True)
class ListItem:
    ordered: bool
    depth: int  # 1 for an item of a top-level list


def rich_events(text: str) -> Iterator[tuple[str, str, Span | ListItem | None]]:
    """The structure of formatted text, the emphasis tags taken into the text they apply to:
    (``start``/``end``, tag, None) for p, h3, h4, blockquote, ul and ol, (``start``, "li", ListItem),
    (``end``, "li", None), (``br``, "", None) and (``text``, "", Span), in document order."""
    depth = {"bold": 0, "italic": 0, "underline": 0}
    lists: list[str] = []
    href = ""
    for kind, tag, value in rich_tokens(text):
        if kind == "text":
            yield "text", "", Span(value, depth["bold"] > 0, depth["italic"] > 0, depth["underline"] > 0, href)
        elif tag in EMPHASIS:
            depth[EMPHASIS[tag]] += 1 if kind == "start" else -1
        elif tag == "a":
            href = value if kind == "start" else ""
        elif tag == "br":
            if kind == "start":
                yield "br", "", None
        elif tag in ("ul", "ol"):
            if kind == "start":
                lists.append(tag)
                yield kind, tag, None
            elif lists:
                lists.pop()
                yield kind, tag, None
        elif tag == "li" and kind == "start":
            yield kind, tag, ListItem(bool(lists) and lists[-1] == "ol", max(len(lists), 1))
        else:
            yield kind, tag, None


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
