"""Live figures in the text of observations, inserted by reference.

A rapporteur writes ``{{ count 13.3 = dedicated }}`` (the Parties whose structured answer to 13.3 is
"dedicated"), ``{{ count code:dedicated }}`` (the Parties whose answer is coded "dedicated") or
``{{ parties }}`` (the round's Parties); each is replaced by its number when the text is shown. The text
is stored as typed, references included: a reference to an unknown variable is shown as such, never
dropped. The values come from outside (``values``: reference key -> a figure as a dict with ``count``),
current ones for a draft, frozen ones for an adopted text.
"""

import re
from dataclasses import dataclass
from html import escape, unescape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Between double braces, no tag: a reference split by formatting is not one.
REFERENCE = re.compile(r"\{\{([^{}<>]*)\}\}")
# A tag, whose quoted attribute values may hold ">": references are read in the text between tags only,
# never in an attribute (a link's address), so that a figure never lands inside markup.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
PARTIES = "parties"


def _texts(html: str) -> list[tuple[bool, str]]:
    """The HTML cut into (is text, piece): text between tags, and the tags themselves."""
    return [(index % 2 == 0, piece) for index, piece in enumerate(TAG.split(html or ""))]


def _substitute(html: str, replace) -> str:
    return "".join(REFERENCE.sub(replace, piece) if is_text else piece for is_text, piece in _texts(html))


@dataclass(frozen=True)
class Reference:
    source: str  # as typed, e.g. "{{ count 13.3 = dedicated }}"
    key: str  # the variable's key: "item:13.3=dedicated", "code:dedicated", "parties"; "" when not understood


def reference_key(inner: str) -> str:
    """The variable a reference names, from what is between its braces; "" when it names none."""
    words = unescape(inner).split(None, 1)
    if words == [PARTIES]:
        return PARTIES
    if len(words) != 2 or words[0] != "count":
        return ""
    target = re.sub(r"\s+", "", words[1])
    if target.startswith(("code:", "item:")):
        return target if len(target) > 5 else ""
    if "=" in target and not target.startswith("=") and not target.endswith("="):
        return f"item:{target}"
    return ""


def reference_for(key: str) -> str:
    """How to write a reference to the variable ``key``: ``{{ count 13.3 = dedicated }}``, ``{{ parties }}``."""
    if key == PARTIES:
        return "{{ parties }}"
    if key.startswith("item:"):
        number, _sep, value = key.removeprefix("item:").partition("=")
        return f"{{{{ count {number} = {value} }}}}"
    return f"{{{{ count {key} }}}}"


def references_in(text: str) -> list[Reference]:
    """Every reference of the text, in order, each once."""
    seen: dict[str, Reference] = {}
    matches = (match for is_text, piece in _texts(text) if is_text for match in REFERENCE.finditer(piece))
    for match in matches:
        source = unescape(match.group(0))
        seen.setdefault(source, Reference(source=source, key=reference_key(match.group(1))))
    return list(seen.values())


def unknown_references(text: str, values: dict[str, dict]) -> list[str]:
    """The references of the text whose variable has no value, as typed."""
    return [reference.source for reference in references_in(text) if reference.key not in values]


def _figure_title(value: dict) -> str:
    return _("%(label)s: %(count)s of %(total)s Parties") % value


def render_references(text: str, values: dict[str, dict]) -> SafeString:
    """The sanitised HTML ``text`` for the page, each reference replaced by its number (the figure in a
    tooltip), or by a visible message when it names no known variable."""

    def replace(match: re.Match) -> str:
        source, key = unescape(match.group(0)), reference_key(match.group(1))
        value = values.get(key)
        if value is None:
            message = _("unknown reference %(reference)s") % {"reference": source}
            return f'<mark class="unknown-reference" title="{escape(message)}">{escape(message)}</mark>'
        return (f'<span class="observation-figure" data-reference="{escape(key)}" '
                f'title="{escape(_figure_title(value))}">{value["count"]}</span>')

    return mark_safe(_substitute(text, replace))


def substitute_references(text: str, values: dict[str, dict]) -> str:
    """The sanitised HTML ``text`` with each reference replaced by its number, as plain text (for a
    document); an unknown reference stays as typed, between brackets."""

    def replace(match: re.Match) -> str:
        value = values.get(reference_key(match.group(1)))
        return str(value["count"]) if value is not None else escape(f"[{unescape(match.group(0))}]")

    return _substitute(text, replace)
