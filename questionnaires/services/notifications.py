"""E-mails about answer events: immediately, or gathered in a daily digest for users who chose it."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AnswerEvent, Notification, NotificationPreference
from ..permissions import REVIEWERS
from ..workflow import Action


def recipients_for(event: AnswerEvent):
    """Reviewers hear of submissions; the country's focal points hear of decisions."""
    User = get_user_model()
    if event.action == Action.SUBMITTED:
        return User.objects.filter(groups__name=REVIEWERS, is_active=True).exclude(email="")
    if event.action in (Action.APPROVED, Action.RETURNED, Action.REOPENED):
        return User.objects.filter(
            focal_point__country_id=event.answer.reply.country_id, is_active=True
        ).exclude(email="")
    return User.objects.none()


def _describe(event: AnswerEvent) -> str:
    answer = event.answer
    who = (event.actor.get_full_name() or event.actor.get_username()) if event.actor else _("someone")
    line = _("%(country)s, question %(number)s (%(title)s): %(action)s by %(who)s.") % {
        "country": answer.reply.country.name, "number": answer.question.number,
        "title": answer.question.title_en, "action": event.get_action_display(), "who": who,
    }
    if event.reason:
        line += "\n  " + _("Reason: %(reason)s") % {"reason": event.reason}
    path = reverse("questionnaires:question_edit", args=[answer.reply_id, answer.question.number])
    return f"{line}\n  {settings.SITE_URL.rstrip('/')}{path}"


def _send(recipient, events: list[AnswerEvent], *, digest: bool) -> None:
    if digest:
        subject = _("[Lanzarote monitoring] Daily digest: %(count)s updates") % {"count": len(events)}
    elif len(events) == 1:
        subject = _("[Lanzarote monitoring] %(country)s, question %(number)s %(action)s") % {
            "country": events[0].answer.reply.country.name, "number": events[0].answer.question.number,
            "action": events[0].get_action_display(),
        }
    else:
        subject = _("[Lanzarote monitoring] %(count)s answers %(action)s") % {
            "count": len(events), "action": events[0].get_action_display(),
        }
    body = "\n\n".join(_describe(event) for event in events)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def _events(event_ids):
    return AnswerEvent.objects.filter(pk__in=event_ids).select_related(
        "answer__reply__country", "answer__question", "actor"
    ).order_by("at", "pk")


@transaction.atomic
def notifications_dispatch(*, event_ids: list[int]) -> int:
    """Record who must hear of these events and e-mail those who want it at once (one e-mail per
    recipient). Running it twice sends nothing twice. Returns the number of e-mails sent."""
    by_recipient = defaultdict(list)
    for event in _events(event_ids):
        for user in recipients_for(event):
            notification, _created = Notification.objects.get_or_create(recipient=user, event=event)
            if notification.sent_at is None:
                by_recipient[user].append(notification)
    digest_users = set(
        NotificationPreference.objects.filter(user__in=list(by_recipient), daily_digest=True).values_list("user_id", flat=True)
    )
    sent = 0
    for user, notifications in by_recipient.items():
        if user.pk in digest_users:
            continue
        _send(user, [n.event for n in notifications], digest=False)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def digests_send() -> int:
    """E-mail every user their pending notifications in one message. Returns the number of e-mails."""
    pending = (
        Notification.objects.select_for_update(of=("self",))
        .filter(sent_at__isnull=True)
        .select_related("recipient", "event__answer__reply__country", "event__answer__question", "event__actor")
        .order_by("recipient_id", "created_at")
    )
    by_recipient = defaultdict(list)
    for notification in pending:
        by_recipient[notification.recipient].append(notification)
    for user, notifications in by_recipient.items():
        _send(user, [n.event for n in notifications], digest=True)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=timezone.now())
    return len(by_recipient)


def notification_preference_set(*, user, daily_digest: bool) -> NotificationPreference:
    """Record whether the user wants one daily digest instead of an e-mail per event."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest}
    )
    return preference
