"""Reads of the publication app: ``management`` and ``stakeholders`` (the secretariat's page) and
``public`` (the public site)."""

from .management import PartyPublication, ended_publications, publication_or_404, publication_rows
from .public import (
    Stamp,
    published_compilation_or_404,
    published_compilations,
    published_document_or_404,
    question_page,
    round_page,
    round_stamp,
    round_version_or_404,
    stakeholder_page,
    state_page,
)
from .stakeholders import StakeholderPublication, stakeholder_rows

__all__ = [
    "PartyPublication", "Stamp", "StakeholderPublication", "ended_publications", "publication_or_404",
    "publication_rows", "published_compilation_or_404", "published_compilations", "published_document_or_404",
    "question_page", "round_page", "round_stamp", "round_version_or_404", "stakeholder_page", "stakeholder_rows",
    "state_page",
]
