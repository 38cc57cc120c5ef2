"""What each role may do to replies, answers and versions (django-rules, found by AutodiscoverRulesConfig).

The country's own focal points are checked first: they make most requests (autosave), and the check
needs no query once the user's FocalPoint is loaded.
"""

import rules

from countries.models import Country

from .models import Answer, ItemAnswer, Reply
from .permissions import is_administrator, is_secretariat, is_steering_member, user_country_id


def _country_id_of(obj) -> int | None:
    """The country an object belongs to: a Country, a Reply, an Answer or an ItemAnswer."""
    if isinstance(obj, Country):
        return obj.pk
    if isinstance(obj, Reply):
        return obj.country_id
    if isinstance(obj, Answer):
        return obj.reply.country_id
    if isinstance(obj, ItemAnswer):
        return obj.answer.reply.country_id
    return None


@rules.predicate
def is_focal_point_of(user, obj) -> bool:
    country_id = user_country_id(user)
    return country_id is not None and obj is not None and _country_id_of(obj) == country_id


@rules.predicate
def reply_is_open(user, reply) -> bool:
    return reply is not None and reply.version.is_open_for_replies


@rules.predicate
def answer_is_editable(user, answer) -> bool:
    """The answer is a draft or returned, in a version still open for replies."""
    return answer is not None and answer.is_editable_by_country and answer.reply.version.is_open_for_replies


rules.add_perm("questionnaires.view_reply", is_focal_point_of | is_secretariat)
rules.add_perm("questionnaires.edit_reply", is_focal_point_of & reply_is_open)
rules.add_perm("questionnaires.edit_answer", is_focal_point_of & answer_is_editable)
rules.add_perm("questionnaires.review_answer", is_secretariat)
rules.add_perm("questionnaires.comment_answer", is_secretariat | is_focal_point_of)
rules.add_perm("questionnaires.view_progress", is_secretariat | is_steering_member)
rules.add_perm("questionnaires.manage_questionnaires", is_administrator)
rules.add_perm("questionnaires.compare_versions", is_secretariat)
