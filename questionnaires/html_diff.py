"""A word diff of two formatted answer texts, shown in the text as rendered: inserted words in ``<ins>``,
removed words in ``<del>``, each with a visually hidden cue for screen readers.

Both texts are sanitised first and the result is sanitised again (the answers' allowlist plus ``ins``,
``del`` and the cue's ``span``), so that whatever the texts hold and however their markup is cut by
the diff, the output is well-formed and holds nothing but that allowlist."""

import difflib
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, sanitize_html

# A tag (its quoted attribute values may hold ">"), a run of whitespace, a character reference, a word,
# or any other single character (punctuation: "staff." and "staff" share the word).
TOKEN = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|\s+|&#?\w+;|\w+|[^<\s]""")
BLOCK_END = re.compile(r"</(?:p|li|h3|h4|blockquote|ul|ol)>|<br", re.IGNORECASE)
HIDDEN_CUE = "visually-hidden"
# Old tokens × new tokens of a changed part beyond which it is not compared word by word (time).
WORD_DIFF_LIMIT = 1_000_000


def _tokens(html: str) -> list[str]:
    return TOKEN.findall(sanitize_html(html))


def _is_tag(token: str) -> bool:
    return token.startswith("<")


def _is_balanced(tokens: list[str]) -> bool:
    """True if the tags among ``tokens`` open and close each other (a whole paragraph or list item)."""
    depth = 0
    for token in tokens:
        if not _is_tag(token) or token.endswith("/>") or token.startswith("<br"):
            continue
        depth += -1 if token.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def _marked(tokens: list[str], mark: str, cue: str, keep_tags: bool) -> list[str]:
    """``tokens`` with each run of words wrapped in the element ``mark`` (ins or del), after the cue;
    their tags kept or left out."""
    out, words = [], []

    def close_run():
        if any(not word.isspace() for word in words):
            # Spaces around the words stay outside the mark, so that words do not run together.
            first = next(i for i, word in enumerate(words) if not word.isspace())
            last = max(i for i, word in enumerate(words) if not word.isspace())
            out.extend(words[:first])
            out.append(f'<{mark}><span class="{HIDDEN_CUE}">{cue} </span>{"".join(words[first:last + 1])}</{mark}>')
            out.extend(words[last + 1:])
        elif mark == "ins":
            out.extend(words)
        words.clear()

    for token in tokens:
        if _is_tag(token):
            close_run()
            if keep_tags:
                out.append(token)
        else:
            words.append(token)
    close_run()
    return out


def _lines(tokens: list[str]) -> list[tuple[str, ...]]:
    """The tokens cut after each paragraph, list item, heading, quotation, list and line break."""
    lines, line = [], []
    for token in tokens:
        line.append(token)
        if BLOCK_END.match(token):
            lines.append(tuple(line))
            line = []
    if line:
        lines.append(tuple(line))
    return lines


def _word_changes(old: list[str], new: list[str], out: list[str]) -> None:
    """The word diff of a changed part of the text, appended to ``out``."""
    inserted, deleted = _("inserted:"), _("deleted:")
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if operation == "equal":
            out.extend(new[b1:b2])
            continue
        removed = old[a1:a2]
        # A whole removed paragraph or list item keeps its place; otherwise only its words are shown.
        out.extend(_marked(removed, "del", deleted, keep_tags=operation == "delete" and _is_balanced(removed)))
        out.extend(_marked(new[b1:b2], "ins", inserted, keep_tags=True))


def html_word_diff(old_html: str, new_html: str) -> SafeString:
    """The new text as rendered, with the words inserted since the old one in ``<ins>`` and the words
    removed in ``<del>`` where they stood.

    Paragraphs are matched first and words only within the paragraphs that changed, so that a long
    text costs little; a changed part too long to compare word by word shows as removed and inserted."""
    old_lines, new_lines = _lines(_tokens(old_html)), _lines(_tokens(new_html))
    out: list[str] = []
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes():
        old = [token for line in old_lines[a1:a2] for token in line]
        new = [token for line in new_lines[b1:b2] for token in line]
        if operation == "equal":
            out.extend(new)
        elif len(old) * len(new) <= WORD_DIFF_LIMIT:
            _word_changes(old, new, out)
        else:
            out.extend(_marked(old, "del", _("deleted:"), keep_tags=_is_balanced(old)))
            out.extend(_marked(new, "ins", _("inserted:"), keep_tags=True))
    return mark_safe(nh3.clean(  # noqa: S308 (sanitised here, with the answers' allowlist)
        "".join(out),
        tags=ALLOWED_TAGS | {"ins", "del", "span"},
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"span": {"class": {HIDDEN_CUE}}},
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ))
