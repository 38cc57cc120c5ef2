"""Reads of the findings, one module per sub-domain; import them from here.

- ``answers``: an answer as coders read it (texts with positions for quotes, structured values);
- ``coding``: the codebook and every Party's answer and codings for one question;
- ``figures``: which coding counts, and the figures, drill-downs and cross-tables drawn from them;
- ``agreement``: how far two coders agree, per category, and where they differ;
- ``matrices``: Party × category for a question, Party × commitment for a round;
- ``observations``: a question's observations, revisions and comments, and the figures they reference.
"""

from .agreement import Agreement, CategoryAgreement, agreement_of
from .answers import answer_texts, structured_values
from .coding import PartyAnswer, categories_in_order, codebook_of, coding_events, coding_progress, party_answers
from .figures import FILTERABLE_FACTS, Figure, Findings, Reading, fact_label, findings_of
from .matrices import CategoryMatrix, FactMatrix, category_matrix, fact_matrix
from .observations import (
    ObservationsPage,
    figure_values,
    observations_findings,
    observations_page,
    rapporteur_questions,
    referenced_values,
)

__all__ = [
    "FILTERABLE_FACTS", "Agreement", "CategoryAgreement", "CategoryMatrix", "FactMatrix", "Figure", "Findings",
    "ObservationsPage", "PartyAnswer", "Reading", "agreement_of", "answer_texts", "categories_in_order",
    "category_matrix", "codebook_of", "coding_events", "coding_progress", "fact_label", "fact_matrix",
    "figure_values", "findings_of", "observations_findings", "observations_page", "party_answers",
    "rapporteur_questions", "referenced_values", "structured_values",
]
