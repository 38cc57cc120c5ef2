"""Reads of the API, one module per sub-domain; import them from here.

- ``tokens``: a user's personal tokens, the live token a key opens;
- ``data``: what the endpoints list, each starting from the scoping the pages use;
- ``open_data``: the rows of a round's open data export (what is published).
"""

from .data import (
    answers_for_user,
    compilations_for_user,
    figures_of,
    progress_counts,
    replies_for_user,
    versions_for_api,
    versions_with_structure,
)
from .open_data import OPEN_DATA_COLUMNS, open_data_rows
from .tokens import active_token_for_key, token_digest, token_of_user_or_none, tokens_of

__all__ = [
    "OPEN_DATA_COLUMNS", "active_token_for_key", "answers_for_user", "compilations_for_user", "figures_of",
    "open_data_rows", "progress_counts", "replies_for_user", "token_digest", "token_of_user_or_none",
    "tokens_of", "versions_for_api", "versions_with_structure",
]
