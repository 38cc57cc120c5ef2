"""Which documents of the search index a user may read: the same scoping as the pages, decided at
query time from the answer's current state and reply and the publication's, never stored in the index.

- the secretariat: every answer (no published copy: it reads the answers themselves);
- a focal point: its country's answers, whatever their state;
- another stakeholder's contact: its organisation's answers;
- the steering group: approved answers (the Parties', and other stakeholders' that may be published);
- a rapporteur: the approved answers to the questions it is appointed to;
- everyone signed in: what is published (the snapshots of live publications, not the answers as they
  stand since), unless the user reads that answer itself, and the questions of issued versions.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from questionnaires.models import Answer
from questionnaires.permissions import (
    is_secretariat,
    is_steering_member,
    rapporteur_question_ids,
    user_country_id,
    user_organisation_id,
)

from ..models import SearchDocument

Kind = SearchDocument.Kind


def answer_scope(user) -> Q | None:
    """The answers ``user`` may read, as a condition on a document's ``answer``; None for none."""
    if is_secretariat(user):
        return Q()
    parts = []
    country_id = user_country_id(user)
    if country_id is not None:
        parts.append(Q(answer__reply__country_id=country_id))
    organisation_id = user_organisation_id(user)
    if organisation_id is not None:
        parts.append(Q(answer__reply__organisation_id=organisation_id))
    approved = Q(answer__state=Answer.State.APPROVED) & (
        Q(answer__reply__country__isnull=False) | Q(answer__reply__publishable=True)
    )
    if is_steering_member(user):
        parts.append(approved)
    question_ids = rapporteur_question_ids(user)
    if question_ids:
        parts.append(approved & Q(answer__question_id__in=question_ids))
    return reduce(or_, parts) if parts else None


def visible_documents(user) -> Q:
    """The documents ``user`` may find, as a condition on SearchDocument."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    questions = Q(kind=Kind.QUESTION)
    if is_secretariat(user):
        return questions | Q(kind=Kind.ANSWER)
    published = Q(kind=Kind.PUBLISHED, published_answer__publication__ended_at__isnull=True)
    answers = answer_scope(user)
    if answers is None:
        return questions | published
    return questions | (Q(kind=Kind.ANSWER) & answers) | (published & ~answers)
