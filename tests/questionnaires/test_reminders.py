"""Deadline reminders: the schedule, one e-mail per slot, what they say, digests, and who is skipped."""

import datetime

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from questionnaires.models import (
    Answer,
    AnswerEvent,
    DeadlineExtension,
    Item,
    ItemAnswer,
    NotificationPreference,
    Reminder,
    Version,
)
from questionnaires.reminder_schedule import reminder_due
from questionnaires.services import digests_send, notifications_dispatch, reminders_send, version_close
from questionnaires.services import reminders as reminders_module
from questionnaires.tasks import send_deadline_reminders
from tests.factories import AdministratorFactory, CountryFactory, FocalPointFactory, UserFactory, party_reply_start

DEADLINE = datetime.date(2027, 3, 31)


def _due(today, days_before=(14, 3), weekly=True):
    return reminder_due(deadline=DEADLINE, today=today, days_before=list(days_before), weekly_overdue=weekly)


@pytest.mark.parametrize(("today", "expected"), [
    (DEADLINE - datetime.timedelta(days=15), None),
    (DEADLINE - datetime.timedelta(days=14), ("before", 14)),
    (DEADLINE - datetime.timedelta(days=4), ("before", 14)),
    (DEADLINE - datetime.timedelta(days=3), ("before", 3)),
    (DEADLINE, ("before", 3)),
    (DEADLINE + datetime.timedelta(days=1), ("overdue", 1)),
    (DEADLINE + datetime.timedelta(days=7), ("overdue", 1)),
    (DEADLINE + datetime.timedelta(days=8), ("overdue", 2)),
    (DEADLINE + datetime.timedelta(days=22), ("overdue", 4)),
])
def test_the_latest_slot_reached_is_due(today, expected):
    assert _due(today) == expected


def test_without_weekly_reminders_nothing_is_due_after_the_deadline_and_an_empty_schedule_sends_nothing():
    assert _due(DEADLINE + datetime.timedelta(days=1), weekly=False) is None
    assert _due(DEADLINE - datetime.timedelta(days=1), days_before=()) is None


def _answer_everything(reply):
    """Give every item of the reply a value, so that only what a test blanks out is missing."""
    answers = ItemAnswer.objects.filter(answer__reply=reply)
    answers.filter(item__type=Item.Type.TEXT).update(text="<p>Answered.</p>")
    answers.filter(item__type=Item.Type.YES_NO).update(yes_no="yes")
    answers.filter(item__type=Item.Type.CHOICE).update(choice="other")
    answers.filter(item__type=Item.Type.MULTI_CHOICE).update(choices=["other"])
    answers.filter(item__type=Item.Type.NUMBER).update(number=3)
    Item.objects.filter(type=Item.Type.FILES).update(required=False)


@pytest.fixture
def france(published_version):
    """France, a Party with a reply in progress: item 2.1 missing and question 3 returned with a reason."""
    Version.objects.filter(pk=published_version.pk).update(deadline=DEADLINE)
    country = CountryFactory(iso_code="FR", name="France")
    reply = party_reply_start(version=published_version, country=country)
    _answer_everything(reply)
    ItemAnswer.objects.filter(answer__reply=reply, item__number="2.1").update(text="")
    returned = reply.answers.get(question__number="3")
    returned.state = Answer.State.RETURNED
    returned.save()
    AnswerEvent.objects.create(answer=returned, action=AnswerEvent.Action.RETURNED, from_state="submitted",
                               to_state="returned", revision=1, reason="Please name the curriculum.")
    reply.answers.exclude(pk=returned.pk).exclude(question__number="2").update(state=Answer.State.SUBMITTED)
    focal_point = FocalPointFactory(country=country, user=UserFactory(username="marie", email="marie@example.org"))
    return reply, focal_point.user


def test_a_reminder_lists_returned_answers_with_their_reasons_and_the_missing_items(france):
    reply, marie = france

    assert reminders_send(today=DEADLINE - datetime.timedelta(days=3)) == 1

    message = mail.outbox[0]
    assert message.to == ["marie@example.org"]
    assert message.subject == "[Lanzarote monitoring] Reminder: the reply of France, deadline March 31, 2027: due in 3 days"
    assert "Returned for revision:\n- Question 3 (National curriculum)\n  Reason: Please name the curriculum." in message.body
    assert f"{settings.SITE_URL}/replies/{reply.pk}/questions/3/" in message.body
    assert "Required items still without an answer:\n- Question 2, item 2.1\n" in message.body
    assert f"/replies/{reply.pk}/questions/2/" in message.body
    assert "1.1.a" not in message.body
    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.kind, reminder.step, reminder.deadline) == (marie, "before", 3, DEADLINE)
    assert reminder.sent_at is not None and reminder.describe_step() == "3 days before"


def test_running_the_job_twice_sends_one_email(france):
    today = DEADLINE - datetime.timedelta(days=14)
    assert reminders_send(today=today) == 1
    assert reminders_send(today=today) == 0
    assert reminders_send(today=today + datetime.timedelta(days=1)) == 0  # still the 14-day slot
    assert len(mail.outbox) == 1 and Reminder.objects.count() == 1


def test_overdue_replies_are_reminded_once_a_week_with_the_days_overdue(france):
    for day in range(1, 16):
        reminders_send(today=DEADLINE + datetime.timedelta(days=day))

    assert [m.subject.rsplit(": ", 1)[1] for m in mail.outbox] == ["overdue by 1 day", "overdue by 8 days", "overdue by 15 days"]
    assert [r.describe_step() for r in Reminder.objects.order_by("step")] == [
        "overdue, week 1", "overdue, week 2", "overdue, week 3"]


def test_an_extension_moves_the_schedule_and_makes_fresh_reminders_due(france, published_version):
    reply, _marie = france
    reminders_send(today=DEADLINE - datetime.timedelta(days=3))
    extended = DEADLINE + datetime.timedelta(days=30)
    DeadlineExtension.objects.create(version=published_version, country=reply.country, deadline=extended)

    assert reminders_send(today=DEADLINE + datetime.timedelta(days=1)) == 0  # not overdue: 29 days left
    assert reminders_send(today=extended - datetime.timedelta(days=14)) == 1
    assert reminders_send(today=extended - datetime.timedelta(days=3)) == 1

    assert "deadline April 30, 2027: due in 3 days" in mail.outbox[-1].subject
    assert list(Reminder.objects.order_by("pk").values_list("deadline", "step")) == [
        (DEADLINE, 3), (extended, 14), (extended, 3)]


def test_a_french_user_is_reminded_in_french(published_version):
    Version.objects.filter(pk=published_version.pk).update(deadline=DEADLINE)
    germany = CountryFactory(iso_code="DE", name="Germany")
    party_reply_start(version=published_version, country=germany)
    user = FocalPointFactory(country=germany, user=UserFactory(email="anna@example.org")).user
    NotificationPreference.objects.create(user=user, language="fr")

    reminders_send(today=DEADLINE - datetime.timedelta(days=3))

    body = mail.outbox[0].body
    assert "Allemagne" in mail.outbox[0].subject and "31 mars 2027" in mail.outbox[0].subject
    assert f"Allemagne, réponse à «\u202f{published_version.title_fr}\u202f», attendue le 31 mars 2027\u00a0: à rendre dans 3 jours." in body


def test_a_party_without_a_reply_is_told_to_start_it(published_version):
    Version.objects.filter(pk=published_version.pk).update(deadline=DEADLINE)
    armenia = CountryFactory(iso_code="AM", name="Armenia")
    published_version.parties.add(armenia)
    FocalPointFactory(country=armenia, user=UserFactory(email="aram@example.org"))

    assert reminders_send(today=DEADLINE) == 1

    assert "The reply has not been started yet. Start it from the home page:" in mail.outbox[0].body
    assert "deadline March 31, 2027: due today" in mail.outbox[0].subject


def test_users_who_chose_the_digest_find_the_reminder_in_it(france):
    _reply, marie = france
    NotificationPreference.objects.create(user=marie, daily_digest=True)

    assert reminders_send(today=DEADLINE - datetime.timedelta(days=3)) == 0
    assert mail.outbox == [] and Reminder.objects.get().sent_at is None

    assert digests_send() == 1
    assert digests_send() == 0
    assert mail.outbox[0].subject == "[Lanzarote monitoring] Daily digest: 1 update"
    assert "Reason: Please name the curriculum." in mail.outbox[0].body
    assert Reminder.objects.get().sent_at is not None


def test_submitted_replies_closed_versions_and_non_parties_are_not_reminded(france, published_version):
    reply, _marie = france
    outsider = CountryFactory(iso_code="XK", name="Elsewhere")
    FocalPointFactory(country=outsider, user=UserFactory(email="outsider@example.org"))
    reply.answers.update(state=Answer.State.SUBMITTED)
    assert reminders_send(today=DEADLINE) == 0

    reply.answers.filter(question__number="3").update(state=Answer.State.RETURNED)
    version_close(version=published_version)
    assert reminders_send(today=DEADLINE) == 0
    assert mail.outbox == [] and not Reminder.objects.exists()


def _admin_form(version, **changes):
    request = RequestFactory().post("/")
    request.user = AdministratorFactory(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Version].get_form(request, version)
    data = {
        "deadline": "2027-03-31", "parties": [c.pk for c in version.parties.all()],
        "symbol_pattern": version.symbol_pattern, "reply_symbol_pattern": version.reply_symbol_pattern,
        "reminder_days": "14, 3", "reminder_weekly_overdue": "on", **changes,
    }
    return form_class(data, instance=version)


def test_the_schedule_is_checked_and_stays_editable_after_publication(published_version):
    refused = _admin_form(published_version, reminder_days="14, two")
    assert refused.errors["reminder_days"] == [
        "Enter whole numbers of days from 1 to 365, separated by commas (for example 14, 3)."]
    assert not _admin_form(published_version, reminder_days="0").is_valid()

    form = _admin_form(published_version, reminder_days="21, 7, 1", reminder_weekly_overdue="")
    assert form.is_valid(), form.errors
    form.save()
    published_version.refresh_from_db()
    assert published_version.reminder_days_list == [21, 7, 1] and not published_version.reminder_weekly_overdue


def test_the_reminder_log_is_read_only_in_the_admin(client, france):
    reminders_send(today=DEADLINE)
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:questionnaires_reminder_changelist")).content.decode()

    assert "marie" in page and "3 days before" in page and "France" in page
    assert client.get(reverse("admin:questionnaires_reminder_add")).status_code == 403


def test_beat_runs_the_reminders_daily_before_the_digests_and_the_task_sends_them(france):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["deadline-reminders-daily"]["task"] == "questionnaires.tasks.send_deadline_reminders"
    reminders_at = schedule["deadline-reminders-daily"]["schedule"]
    digests_at = schedule["daily-notification-digests"]["schedule"]
    assert (min(reminders_at.hour), min(digests_at.hour)) == (6, 7)

    Version.objects.filter(pk=france[0].version_id).update(deadline=timezone.localdate())
    assert send_deadline_reminders.apply().get() == 1
    assert len(mail.outbox) == 1 and Reminder.objects.get().kind == "before"


def test_the_language_chosen_in_the_interface_is_the_language_of_the_emails(client, db):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert NotificationPreference.objects.get(user=user).language == "fr"

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("questionnaires:notification_settings"), {"daily_digest": "on"})
    preference = NotificationPreference.objects.get(user=user)
    assert (preference.language, preference.daily_digest) == ("en", True)


def test_a_decision_is_e_mailed_in_the_recipients_language_whatever_the_reviewers(france, published_version):
    _reply, marie = france
    NotificationPreference.objects.create(user=marie, language="fr")
    event = AnswerEvent.objects.get(answer__question__number="3")

    with translation.override("en"):  # the reviewer works in English
        notifications_dispatch(event_ids=[event.pk])

    assert mail.outbox[0].subject.startswith("[Suivi Lanzarote] France, question 3")
    assert "Motif\u00a0: Please name the curriculum." in mail.outbox[0].body


def test_a_reminder_the_mail_server_refused_is_sent_by_the_next_run(france, monkeypatch):
    today = DEADLINE - datetime.timedelta(days=3)

    def refuse(*args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(reminders_module, "send_mail", refuse)
    with pytest.raises(OSError):
        reminders_send(today=today)
    assert not Reminder.objects.exists()

    monkeypatch.undo()
    assert reminders_send(today=today) == 1
    assert len(mail.outbox) == 1 and Reminder.objects.get().sent_at is not None
