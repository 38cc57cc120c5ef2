"""Passages quoted from answers: the text a coder reads, and finding a selected passage in it.

The text of an item is its answer as plain text with runs of white space made single spaces, so that
a passage selected in the browser (whose white space differs from the stored HTML's) is found again;
positions are offsets in that text.
"""

import re
from dataclasses import dataclass

from questionnaires.sanitize import html_to_text

_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def readable_text(html: str) -> str:
    """The plain text of a formatted answer, as coders read it and quotes are located in it."""
    return normalised(html_to_text(html))


@dataclass(frozen=True)
class Passage:
    item_number: str
    quote: str
    start: int
    end: int


def locate(quote: str, texts: dict[str, str], item_number: str = "", near: int | None = None) -> Passage | None:
    """Where ``quote`` is in the answer's texts (item number → readable text): in ``item_number``'s text
    if given, else in the first text that holds it; the occurrence nearest ``near`` when it occurs more
    than once. None when it is in none of them."""
    wanted = normalised(quote)
    if not wanted:
        return None
    numbers = [item_number] if item_number else list(texts)
    for number in numbers:
        text = texts.get(number, "")
        starts = [match.start() for match in re.finditer(re.escape(wanted), text)]
        if starts:
            start = min(starts, key=lambda s: abs(s - near)) if near is not None else starts[0]
            return Passage(number, wanted, start, start + len(wanted))
    return None


def still_there(passage: Passage, texts: dict[str, str]) -> bool:
    """Whether the passage is still at its place in the answer's current texts."""
    return texts.get(passage.item_number, "")[passage.start:passage.end] == passage.quote
