"""Reads for deadline reminders: which countries still owe a reply, and what is missing or returned in it."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from ..models import Answer, Reminder, Reply, Version
from .replies import latest_returns


@dataclass
class OwedReply:
    """A Party of an open version whose reply is not fully submitted, with its own deadline."""

    version: Version
    country: object
    deadline: date
    reply: Reply | None
    recipients: list = field(default_factory=list)


def _is_fully_submitted(reply: Reply) -> bool:
    return not any(answer.state in Answer.EDITABLE_STATES for answer in reply.answers.all())


def owed_replies() -> list[OwedReply]:
    """Every (open version, Party) whose reply is missing or has draft or returned answers, with the
    country's deadline (its extension if it has one) and its active focal points who have an e-mail."""
    User = get_user_model()
    owed = []
    versions = Version.objects.published().prefetch_related("parties", "deadline_extensions")
    for version in versions:
        extensions = {e.country_id: e.deadline for e in version.deadline_extensions.all()}
        replies = {
            reply.country_id: reply
            for reply in version.replies.prefetch_related("answers").select_related("country")
        }
        for country in version.parties.all():
            deadline = extensions.get(country.pk, version.deadline)
            reply = replies.get(country.pk)
            if deadline is None or (reply is not None and _is_fully_submitted(reply)):
                continue
            owed.append(OwedReply(version=version, country=country, deadline=deadline, reply=reply))
    users = User.objects.filter(
        focal_point__country__in={o.country.pk for o in owed}, is_active=True,
    ).exclude(email="").select_related("focal_point").order_by("username")
    by_country = {}
    for user in users:
        by_country.setdefault(user.focal_point.country_id, []).append(user)
    for item in owed:
        item.recipients = by_country.get(item.country.pk, [])
    return owed


def returned_answers(reply: Reply) -> list[tuple[Answer, str]]:
    """The reply's answers returned for revision, in question order, each with the latest reason given."""
    answers = list(reply.answers.filter(state=Answer.State.RETURNED).select_related("question")
                   .order_by("question__position"))
    returns = latest_returns(reply)
    return [(answer, returns[answer.pk].reason if answer.pk in returns else "") for answer in answers]


def reminders_pending() -> QuerySet:
    """Reminders kept for their recipients' daily digest, not sent yet."""
    return Reminder.objects.filter(sent_at__isnull=True).select_related("version", "country", "recipient")


def reply_of(version: Version, country) -> Reply | None:
    return Reply.objects.filter(version=version, country=country).first()
