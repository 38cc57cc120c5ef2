"""Reads of the search: which documents a user may read (``scope``), matching by database (``matching``),
one search with its facets and page (``results``)."""

from .results import PAGE_SIZE, SearchFilters, SearchResults, search, state_labels
from .scope import answer_scope, visible_documents

__all__ = ["PAGE_SIZE", "SearchFilters", "SearchResults", "answer_scope", "search", "state_labels",
           "visible_documents"]
