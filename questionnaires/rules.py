"""What each role may do to replies, answers and versions (django-rules, found by AutodiscoverRulesConfig).

A reply is written by its Party's focal points, or by the contacts of the stakeholder organisation that
gives it. The country's own focal points are checked first: they make most requests (autosave), and the
check needs no query once the user's FocalPoint is loaded.
"""

import rules
from django.utils import timezone

from countries.models import Country

from .models import Answer, ItemAnswer, Reply
from .permissions import (
    is_administrator,
    is_secretariat,
    is_steering_member,
    user_country_id,
    user_organisation_id,
)


def _reply_of(obj) -> Reply | None:
    """The reply an object belongs to: a Reply, an Answer or an ItemAnswer."""
    if isinstance(obj, Reply):
        return obj
    if isinstance(obj, Answer):
        return obj.reply
    if isinstance(obj, ItemAnswer):
        return obj.answer.reply
    return None


@rules.predicate
def is_focal_point_of(user, obj) -> bool:
    """The user answers for the country of this object (a Country, or a Party's reply or its parts)."""
    country_id = user_country_id(user)
    if country_id is None or obj is None:
        return False
    if isinstance(obj, Country):
        return obj.pk == country_id
    reply = _reply_of(obj)
    return reply is not None and reply.country_id == country_id


@rules.predicate
def is_contact_of_reply(user, obj) -> bool:
    """The user writes for the stakeholder organisation that gives this reply."""
    reply = _reply_of(obj)
    if reply is None or reply.organisation_id is None:
        return False
    return user_organisation_id(user) == reply.organisation_id


is_author_of = is_focal_point_of | is_contact_of_reply


def _is_open(reply: Reply | None) -> bool:
    """The version is open for replies and, for another stakeholder, its invitation's time limit has not
    passed (a Party's deadline is not a lock: late replies are registered)."""
    if reply is None or not reply.version.is_open_for_replies:
        return False
    if reply.is_stakeholder_reply:
        time_limit = reply.deadline
        return time_limit is not None and timezone.localdate() <= time_limit
    return True


@rules.predicate
def reply_is_open(user, reply) -> bool:
    return _is_open(reply)


@rules.predicate
def answer_is_editable(user, answer) -> bool:
    """The answer is a draft or returned, in a reply still open."""
    return answer is not None and answer.is_editable_by_country and _is_open(answer.reply)


rules.add_perm("questionnaires.view_reply", is_author_of | is_secretariat)
rules.add_perm("questionnaires.edit_reply", is_author_of & reply_is_open)
rules.add_perm("questionnaires.edit_answer", is_author_of & answer_is_editable)
rules.add_perm("questionnaires.review_answer", is_secretariat)
rules.add_perm("questionnaires.comment_answer", is_secretariat | is_author_of)
rules.add_perm("questionnaires.view_progress", is_secretariat | is_steering_member)
rules.add_perm("questionnaires.manage_questionnaires", is_administrator)
rules.add_perm("questionnaires.compare_versions", is_secretariat)
