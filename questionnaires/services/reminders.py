"""Deadline reminders to focal points: due on the version's schedule, each slot sent once per deadline,
in the recipient's language, at once or inside the daily digest."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import NotificationPreference, Reminder
from ..reminder_schedule import reminder_due
from ..selectors import email_language, missing_editable_items, owed_replies, reply_of, returned_answers
from ..states import deadline_status


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _when(reminder: Reminder, today) -> dict:
    """The deadline and where the reply stands against it, in the words of ``states.deadline_status``."""
    status = deadline_status(reminder.deadline, today=today)
    return {"deadline": formats.date_format(reminder.deadline, "DATE_FORMAT"), "status": status.label.lower()}


def reminder_subject(reminder: Reminder, today) -> str:
    """The e-mail subject, in the active language."""
    return _("[Lanzarote monitoring] Reminder: the reply of %(country)s, deadline %(deadline)s: %(status)s") % {
        "country": reminder.country.local_name, **_when(reminder, today),
    }


def reminder_body(reminder: Reminder, today) -> str:
    """What is still to do, in the active language: returned answers with their reasons, missing
    required items, and links. Read when the e-mail is written, so a digest says what is true then."""
    heading = _("The reply of %(country)s to “%(title)s”, deadline %(deadline)s: %(status)s.") % {
        "country": reminder.country.local_name, "title": reminder.version.title, **_when(reminder, today),
    }
    lines = [heading]
    reply = reply_of(reminder.version, reminder.country)
    if reply is None:
        lines += ["", _("The reply has not been started yet. Start it from the home page:"), "  " + _link(reverse("home"))]
        return "\n".join(lines)
    returned = returned_answers(reply)
    if returned:
        lines += ["", _("Returned for revision:")]
        for answer, reason in returned:
            line = "- " + _("Question %(number)s (%(title)s)") % {
                "number": answer.question.number, "title": answer.question.title,
            }
            if reason:
                line += "\n  " + _("Reason: %(reason)s") % {"reason": reason}
            path = reverse("questionnaires:question_edit", args=[reply.pk, answer.question.number])
            lines.append(f"{line}\n  {_link(path)}")
    missing = missing_editable_items(reply)
    if missing:
        lines += ["", _("Required items still without an answer:")]
        by_question = {}
        for item in missing:
            by_question.setdefault(item.question, []).append(item.number)
        for question, numbers in by_question.items():
            path = reverse("questionnaires:question_edit", args=[reply.pk, question.number])
            lines.append("- " + ngettext("Question %(number)s, item %(items)s", "Question %(number)s, items %(items)s",
                                         len(numbers)) % {"number": question.number, "items": ", ".join(numbers)}
                         + f"\n  {_link(path)}")
    if not returned and not missing:
        lines += ["", _("Every required item is answered: the reply can be submitted for review.")]
    lines += ["", _("The reply: %(link)s") % {"link": _link(reverse("questionnaires:reply_detail", args=[reply.pk]))}]
    return "\n".join(lines)


def reminders_send(*, today=None) -> int:
    """Record the reminders due today and e-mail them, except to users who chose the daily digest, whose
    reminders wait for it. A slot of the schedule is recorded once per country, user and deadline, so
    running this twice sends nothing twice. Returns the number of e-mails sent.

    Each reminder commits on its own: a failing mail server leaves the others sent and that one due."""
    today = today or timezone.localdate()
    digest_users = set(NotificationPreference.objects.filter(daily_digest=True).values_list("user_id", flat=True))
    sent = 0
    for owed in owed_replies():
        due = reminder_due(deadline=owed.deadline, today=today, days_before=owed.version.reminder_days_list,
                           weekly_overdue=owed.version.reminder_weekly_overdue)
        if due is None:
            continue
        kind, step = due
        for user in owed.recipients:
            with transaction.atomic():
                reminder, created = Reminder.objects.get_or_create(
                    version=owed.version, country=owed.country, recipient=user, deadline=owed.deadline,
                    kind=kind, step=step,
                )
                if not created or user.pk in digest_users:
                    continue
                with translation.override(email_language(user)):
                    send_mail(reminder_subject(reminder, today), reminder_body(reminder, today),
                              settings.DEFAULT_FROM_EMAIL, [user.email])
                Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
            sent += 1
    return sent
