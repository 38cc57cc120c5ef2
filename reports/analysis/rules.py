"""Who may code answers, read findings and draft observations (django-rules, found by
AutodiscoverRulesConfig).

Coding reads every Party's submitted answers, so it is the secretariat's; the steering group reads the
figures drawn from settled codings; focal points see neither. A question's rapporteur codes, reads the
figures of and drafts the observations on that question only, from approved answers only
(``readable_states``). Permissions about a question take the Question as their object (an answer, the
Answer): a rapporteur's global check (without an object) fails.
"""

import rules

from questionnaires.models import Answer
from questionnaires.permissions import is_rapporteur_of, is_secretariat, is_steering_member
from questionnaires.selectors.compiling import APPROVED_ONLY, READABLE_FOR_FINDINGS


@rules.predicate
def is_approved(user, answer) -> bool:
    return answer is not None and answer.state == Answer.State.APPROVED


rules.add_perm("analysis.code_answers", is_secretariat | is_rapporteur_of)
rules.add_perm("analysis.code_answer", is_secretariat | (is_rapporteur_of & is_approved))
rules.add_perm("analysis.settle_codings", is_secretariat)
rules.add_perm("analysis.manage_codebooks", is_secretariat)
rules.add_perm("analysis.view_figures", is_secretariat | is_steering_member | is_rapporteur_of)
rules.add_perm("analysis.read_submitted_answers", is_secretariat | is_steering_member)
rules.add_perm("analysis.read_observations", is_secretariat | is_rapporteur_of)
rules.add_perm("analysis.draft_observations", is_secretariat | is_rapporteur_of)
rules.add_perm("analysis.comment_observations", is_secretariat)
rules.add_perm("analysis.adopt_observations", is_secretariat)


def readable_states(user) -> tuple[str, ...]:
    """The answer states whose content ``user``'s coding sheet and figures read: submitted and approved
    for the secretariat and the steering group, approved only for anyone else (a rapporteur)."""
    return READABLE_FOR_FINDINGS if user.has_perm("analysis.read_submitted_answers") else APPROVED_ONLY
