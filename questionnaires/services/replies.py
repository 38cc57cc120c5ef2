"""Writes to a reply as a whole: starting it, carrying over the previous round, submitting it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..events import events_notify_on_commit
from ..models import Answer, AnswerEvent, Attachment, Item, ItemAnswer, Reply, Version
from ..selectors import item_answers_annotated, missing_required_items, previous_reply
from ..workflow import TRANSITIONS, Action, next_state
from .answers import item_answers_by_number, revision_record


@transaction.atomic
def reply_start(*, version: Version, country=None, organisation=None, user=None) -> Reply:
    """Open a Party's reply (``country``) or an invited stakeholder's (``organisation``) to a published,
    open version, with an empty answer per question and item that applies to it (idempotent)."""
    if not version.is_open_for_replies:
        raise ValidationError(_("Replies can only be given to a published, open version."), code="not_open")
    if organisation is not None:
        reply, created = _stakeholder_reply(version, organisation, user)
    else:
        reply, created = _party_reply(version, country, user)
    if created:
        # A Party answers only the questions and items addressed to it (or to every Party).
        answers = Answer.objects.bulk_create(
            Answer(reply=reply, question=question)
            for question in version.questions.applicable_to(reply.country_id)
        )
        items = Item.objects.filter(question__version=version).exclude(type=Item.Type.GROUP).applicable_to(
            reply.country_id
        )
        items_by_question: dict[int, list[Item]] = {}
        for item in items:
            items_by_question.setdefault(item.question_id, []).append(item)
        ItemAnswer.objects.bulk_create(
            ItemAnswer(answer=answer, item=item)
            for answer in answers
            for item in items_by_question.get(answer.question_id, [])
        )
    return reply


def _party_reply(version: Version, country, user) -> tuple[Reply, bool]:
    if not version.parties.filter(pk=country.pk).exists() and not version.replies.filter(country=country).exists():
        raise ValidationError(
            _("%(country)s is not a Party of this round; the secretariat can add it to the round's Parties.")
            % {"country": country.local_name},
            code="not_a_party",
        )
    return Reply.objects.get_or_create(version=version, country=country, defaults={"created_by": user})


def _stakeholder_reply(version: Version, organisation, user) -> tuple[Reply, bool]:
    invitation = version.invitations.filter(organisation=organisation).first()
    if invitation is None:
        raise ValidationError(
            _("%(organisation)s is not invited to this round; the secretariat invites other stakeholders.")
            % {"organisation": organisation.name},
            code="not_invited",
        )
    if timezone.localdate() > invitation.time_limit:
        raise ValidationError(_("The time limit for contributions to this round has passed."), code="time_limit")
    return Reply.objects.get_or_create(version=version, organisation=organisation, defaults={"created_by": user})


def _answers_to_submit(reply: Reply) -> list[Answer]:
    """The answers a submission sends (``Reply.submits``), locked."""
    answers = reply.answers.select_for_update(of=("self",)).select_related("question").filter(
        state__in=TRANSITIONS[Action.SUBMITTED].sources
    ).order_by("question__position")
    return [answer for answer in answers if reply.submits(answer)]


@transaction.atomic
def reply_publishable_set(*, reply: Reply, publishable: bool) -> Reply:
    """Whether another stakeholder's reply may be published or is for the committee only."""
    if not reply.is_stakeholder_reply:
        raise ValidationError(_("A Party's reply is always public."), code="party_reply")
    reply.publishable = publishable
    reply.save(update_fields=["publishable"])
    return reply


@transaction.atomic
def reply_submit(*, reply: Reply, user) -> list[Answer]:
    """Submit the reply's draft and returned answers for review (after a return, only the returned ones).

    Refused, with the missing items named, while a required item of a Party's answers has no value (another
    stakeholder answers the questions it chooses), and once the version is closed."""
    if not Version.objects.filter(pk=reply.version_id, status=Version.Status.PUBLISHED).exists():
        raise ValidationError(_("This questionnaire is closed to new answers."), code="closed")
    answers = _answers_to_submit(reply)
    if not answers:
        if reply.is_stakeholder_reply:
            raise ValidationError(_("There is nothing to submit: answer at least one question first."),
                                  code="nothing")
        raise ValidationError(_("There is nothing to submit: every answer is already submitted."), code="nothing")
    missing = [] if reply.is_stakeholder_reply else missing_required_items(reply, answers=answers)
    if missing:
        raise ValidationError(
            _("Some required items are not answered yet: %(items)s.") % {"items": ", ".join(i.number for i in missing)},
            code="incomplete",
        )
    now = timezone.now()
    events = []
    for answer in answers:
        from_state = answer.state
        answer.state = next_state(answer, Action.SUBMITTED)
        answer.submitted_at = now
        events.append(AnswerEvent(answer=answer, action=Action.SUBMITTED, from_state=from_state,
                                  to_state=answer.state, revision=answer.revision, actor=user))
    Answer.objects.bulk_update(answers, ["state", "submitted_at"])
    events_notify_on_commit([event.pk for event in AnswerEvent.objects.bulk_create(events)])
    return answers


@transaction.atomic
def reply_prefill(*, reply: Reply, user) -> int:
    """Copy the country's approved answers from the previous version into the matching items (same
    number, or the number the author mapped), marking them carried over. Returns how many were filled."""
    source = previous_reply(reply)
    if source is None:
        return 0
    approved = {
        ia.item.number: ia
        for ia in item_answers_annotated(
            ItemAnswer.objects.filter(answer__reply=source, answer__state=Answer.State.APPROVED)
        ).filter(is_answered=True).select_related("item").prefetch_related("attachments")
    }
    filled = 0
    for answer in reply.answers.filter(state=Answer.State.DRAFT, revision=0):
        item_answers = item_answers_by_number(answer)
        copied = False
        for target in item_answers.values():
            origin = approved.get(target.item.predecessor_number)
            if origin is None or origin.item.type != target.item.type:
                continue
            for field in ("text", "yes_no", "choice", "choices", "number", "explanation"):
                setattr(target, field, getattr(origin, field))
            target.carried_over = True
            target.save()
            for attachment in origin.attachments.all():
                Attachment.objects.create(
                    item_answer=target, title=attachment.title, language=attachment.language,
                    url=attachment.url, file=attachment.file.name, content_type=attachment.content_type,
                    size=attachment.size, added_by=user,
                )
            filled += 1
            copied = True
        if copied:
            revision_record(answer, item_answers_by_number(answer), user)
    return filled
