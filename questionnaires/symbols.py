"""Document symbols in the committee's form: ``T-ES(2018)18_bil rev.3``.

A version holds two patterns (one for compilations, one for a Party's reply); the placeholders are
filled in here, and a revision gets the suffix the committee uses: none for the first issue, then
``rev.``, ``rev.2``, ``rev.3``…
"""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = ("year", "n", "code", "country")


def validate_symbol_pattern(pattern: str) -> None:
    """Refuse a pattern with an unknown or malformed placeholder, naming the ones allowed."""
    try:
        names = [name for _text, name, _spec, _conversion in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        names = None
    if names is None or any(name not in PLACEHOLDERS for name in names):
        raise ValidationError(
            _("A symbol may use only these placeholders: %(allowed)s."),
            code="bad_placeholder", params={"allowed": ", ".join("{%s}" % name for name in PLACEHOLDERS)},
        )


def revision_suffix(revision: int) -> str:
    """The committee's numbering of re-issues: the first issue has none, the second is ``rev.``."""
    if revision <= 1:
        return ""
    return " rev." if revision == 2 else f" rev.{revision - 1}"


def document_symbol(pattern: str, *, year: int, revision: int, n: str = "", code: str = "", country: str = "",
                    bilingual: bool = True) -> str:
    """The symbol of one issue of a document, e.g. ``T-ES(2018)18_bil rev.3``."""
    base = pattern.format(year=year, n=n, code=code.upper(), country=country)
    return base + ("_bil" if bilingual else "") + revision_suffix(revision)
