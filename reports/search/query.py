"""The search syntax users know from web search engines, read as PostgreSQL's ``websearch_to_tsquery``
reads it: words (all must be present), "a quoted phrase", ``-word`` to exclude a word or phrase, and
``OR`` between alternatives, each alternative being the words around it (``a b OR c``: a and b, or c).

A query is parsed once here, then written for the database: again in websearch syntax for PostgreSQL
(normalised: an alternative that names no wanted word is left out, as FTS5 cannot express it), or in
FTS5's syntax for SQLite."""

import re
from dataclasses import dataclass

_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # several: a phrase
    excluded: bool = False


def parse(text: str) -> list[list[Term]]:
    """The query's alternatives (separated by OR), each the terms that must all match; alternatives
    without a wanted word are left out."""
    alternatives: list[list[Term]] = [[]]
    for match in _TERM.finditer(text or ""):
        dash, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            alternatives.append([])
            continue
        excluded = bool(dash) or (bare is not None and bare.startswith("-"))
        words = tuple(_WORD.findall(phrase if bare is None else bare))
        if words:
            alternatives[-1].append(Term(words, excluded))
    return [terms for terms in alternatives if any(not term.excluded for term in terms)]


def is_empty(text: str) -> bool:
    """True when the query names no word to look for (nothing, or only exclusions)."""
    return not parse(text)


def websearch_query(text: str) -> str:
    """The query in websearch syntax, normalised (for ``websearch_to_tsquery``)."""
    def term(t: Term) -> str:
        words = " ".join(t.words)
        return ("-" if t.excluded else "") + (f'"{words}"' if len(t.words) > 1 else words)

    return " or ".join(" ".join(term(t) for t in terms) for terms in parse(text))


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(word.replace('"', '""') for word in term.words) + '"'


def _fts5_alternative(terms: list[Term]) -> str:
    required = " AND ".join(_fts5_term(t) for t in terms if not t.excluded)
    return required + "".join(f" NOT {_fts5_term(t)}" for t in terms if t.excluded)


def fts5_query(text: str) -> str:
    """The query in FTS5's syntax (each word quoted, so that none is read as an operator). "" when
    nothing is asked."""
    alternatives = [_fts5_alternative(terms) for terms in parse(text)]
    if len(alternatives) == 1:
        return alternatives[0]
    return " OR ".join(f"({alternative})" for alternative in alternatives)
