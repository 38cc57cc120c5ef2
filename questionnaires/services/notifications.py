"""E-mails about answer events: immediately, or gathered in a daily digest for users who chose it."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AnswerEvent, Notification, NotificationPreference, Reminder
from ..permissions import REVIEWERS
from ..selectors import email_language, reminders_pending
from ..workflow import Action
from .reminders import reminder_body


def mail_each_in_their_language(recipients, *, subject, body) -> int:
    """E-mail each recipient one message whose ``subject()`` and ``body()`` are written in the recipient's
    e-mail language. Returns the number of e-mails sent."""
    sent = 0
    for user in recipients:
        with translation.override(email_language(user)):
            send_mail(subject(), body(), settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent


def recipients_for(event: AnswerEvent):
    """Reviewers hear of submissions; the authors of the reply (the country's focal points, or the
    stakeholder organisation's contacts) hear of decisions."""
    User = get_user_model()
    if event.action == Action.SUBMITTED:
        return User.objects.filter(groups__name=REVIEWERS, is_active=True).exclude(email="")
    if event.action in (Action.APPROVED, Action.RETURNED, Action.REOPENED):
        reply = event.answer.reply
        authors = (Q(organisation_contact__organisation_id=reply.organisation_id) if reply.is_stakeholder_reply
                   else Q(focal_point__country_id=reply.country_id))
        return User.objects.filter(authors, is_active=True).exclude(email="")
    return User.objects.none()


def _describe(event: AnswerEvent) -> str:
    answer = event.answer
    who = (event.actor.get_full_name() or event.actor.get_username()) if event.actor else _("someone")
    line = _("%(country)s, question %(number)s (%(title)s): %(action)s by %(who)s.") % {
        "country": answer.reply.respondent_name, "number": answer.question.number,
        "title": answer.question.title_en, "action": event.get_action_display(), "who": who,
    }
    if event.reason:
        line += "\n  " + _("Reason: %(reason)s") % {"reason": event.reason}
    path = reverse("questionnaires:question_edit", args=[answer.reply_id, answer.question.number])
    return f"{line}\n  {settings.SITE_URL.rstrip('/')}{path}"


def _send(recipient, events: list[AnswerEvent]) -> None:
    if len(events) == 1:
        subject = _("[Lanzarote monitoring] %(country)s, question %(number)s %(action)s") % {
            "country": events[0].answer.reply.respondent_name, "number": events[0].answer.question.number,
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
        "answer__reply__country", "answer__reply__organisation", "answer__question", "actor"
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
        with translation.override(email_language(user)):
            _send(user, [n.event for n in notifications])
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def digests_send() -> int:
    """E-mail every user their pending notifications and deadline reminders in one message, in their
    language. Returns the number of e-mails."""
    pending = (
        Notification.objects.select_for_update(of=("self",))
        .filter(sent_at__isnull=True)
        .select_related("recipient", "event__answer__reply__country", "event__answer__reply__organisation", "event__answer__question", "event__actor")
        .order_by("recipient_id", "created_at")
    )
    by_recipient = defaultdict(list)
    for notification in pending:
        by_recipient[notification.recipient].append(notification)
    reminders = defaultdict(list)
    for reminder in reminders_pending().select_for_update(of=("self",)):
        reminders[reminder.recipient].append(reminder)
    today = timezone.localdate()
    recipients = sorted({*by_recipient, *reminders}, key=lambda user: user.pk)
    for user in recipients:
        notifications = by_recipient.get(user, [])
        with translation.override(email_language(user)):
            entries = [reminder_body(r, today) for r in reminders.get(user, [])]
            entries += [_describe(n.event) for n in notifications]
            subject = ngettext("[Lanzarote monitoring] Daily digest: %(count)s update",
                               "[Lanzarote monitoring] Daily digest: %(count)s updates",
                               len(entries)) % {"count": len(entries)}
            send_mail(subject, "\n\n".join(entries), settings.DEFAULT_FROM_EMAIL, [user.email])
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=now)
        Reminder.objects.filter(pk__in=[r.pk for r in reminders.get(user, [])]).update(sent_at=now)
    return len(recipients)


def notification_preference_set(*, user, daily_digest: bool, language: str) -> NotificationPreference:
    """Record whether the user wants one daily digest instead of an e-mail per event, and the language
    of their e-mails."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest, "language": language}
    )
    return preference


def email_language_set(*, user, language: str) -> NotificationPreference:
    """Write the user's e-mails in ``language`` from now on (the interface language they chose)."""
    preference, _created = NotificationPreference.objects.update_or_create(user=user, defaults={"language": language})
    return preference
