"""The one allowlist of HTML that long answers may contain: paragraphs, lists, emphasis and links."""

import re
from html import unescape

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "a", "blockquote", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_text(text: str) -> str:
    """``text`` as a database column can hold it: NUL characters left out, lone surrogates (half of an
    emoji, cut by a broken copy or escape) replaced by U+FFFD. Everything else is kept as typed."""
    return LONE_SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def sanitize_html(html: str) -> str:
    """Strip everything but basic formatting; scripts, event handlers and javascript: links go."""
    if not html:
        return ""
    return nh3.clean(
        storable_text(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def html_to_text(html: str, bullet: str = "") -> str:
    """Plain text of formatted answer HTML: one line per paragraph or list item, ``bullet`` before items."""
    text = re.sub(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", "\n", html or "")
    text = re.sub(r"<li[^>]*>", bullet, text)
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()
