"""Writes to the questionnaires app: importing and publishing versions, starting and submitting replies."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Answer,
    AnswerEvent,
    AnswerRevision,
    Attachment,
    Choice,
    Item,
    ItemAnswer,
    NotificationPreference,
    Question,
    Questionnaire,
    Reply,
    Section,
    Version,
)
from .reviewing import notify_on_commit, record_event
from .sanitize import sanitize_html
from .workflow import TRANSITIONS, Action, next_state
from .yaml_format import ItemSpec, QuestionnaireFormatError, parse_questionnaire_yaml


@transaction.atomic
def version_import_yaml(*, text: str, replace_draft: bool = False) -> Version:
    """Create a draft version from a YAML definition; all of it or nothing.

    An existing draft with the same code and version label is replaced only when ``replace_draft``;
    a published or closed one is never touched.
    """
    spec = parse_questionnaire_yaml(text)
    questionnaire, _created = Questionnaire.objects.get_or_create(
        code=spec.code,
        defaults={"title_en": spec.title.en, "title_fr": spec.title.fr, "round_number": spec.round},
    )
    existing = Version.objects.filter(questionnaire=questionnaire, label=spec.version).first()
    if existing is not None:
        if existing.is_frozen:
            raise QuestionnaireFormatError([
                f"Version {spec.version} of {spec.code} is already {existing.status} and cannot change; "
                f"give the file a new version label."
            ])
        if not replace_draft:
            raise QuestionnaireFormatError([
                f"A draft version {spec.version} of {spec.code} already exists; "
                f"use replace to overwrite the draft."
            ])
        existing.delete()

    version = Version.objects.create(
        questionnaire=questionnaire,
        label=spec.version,
        title_en=spec.title.en,
        title_fr=spec.title.fr,
        deadline=spec.deadline,
        languages=spec.languages,
    )
    question_position = 0
    for section_position, section_spec in enumerate(spec.sections):
        section = Section.objects.create(
            version=version,
            code=section_spec.code,
            title_en=section_spec.title.en,
            title_fr=section_spec.title.fr,
            position=section_position,
        )
        for question_spec in section_spec.questions:
            question = Question.objects.create(
                version=version,
                section=section,
                number=question_spec.number,
                title_en=question_spec.title.en,
                title_fr=question_spec.title.fr,
                help_en=question_spec.help.en if question_spec.help else "",
                help_fr=question_spec.help.fr if question_spec.help else "",
                references=question_spec.references,
                position=question_position,
            )
            question_position += 1
            _create_items(question, question_spec.items, parent=None, position=[0])
    return version


def _create_items(question: Question, specs: list[ItemSpec], *, parent: Item | None, position: list[int]):
    for spec in specs:
        item = Item.objects.create(
            question=question,
            parent=parent,
            number=spec.number,
            type=spec.type,
            text_en=spec.text.en,
            text_fr=spec.text.fr,
            explain=spec.explain,
            required=spec.required,
            minimum=spec.minimum,
            maximum=spec.maximum,
            previous_number=spec.previous_number,
            position=position[0],
        )
        position[0] += 1
        Choice.objects.bulk_create(
            Choice(item=item, code=c.code, label_en=c.label.en, label_fr=c.label.fr, position=i)
            for i, c in enumerate(spec.choices)
        )
        _create_items(question, spec.items, parent=item, position=position)


@transaction.atomic
def version_publish(*, version: Version) -> Version:
    """Freeze a draft version and open it for replies."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.status != Version.Status.DRAFT:
        raise ValidationError(_("Only a draft version can be published."), code="not_draft")
    if not version.questions.exists():
        raise ValidationError(_("A version without questions cannot be published."), code="empty_version")
    version.status = Version.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


@transaction.atomic
def version_close(*, version: Version) -> Version:
    """Stop accepting answers to a published version."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.status != Version.Status.PUBLISHED:
        raise ValidationError(_("Only a published version can be closed."), code="not_published")
    version.status = Version.Status.CLOSED
    version.closed_at = timezone.now()
    version.save(update_fields=["status", "closed_at"])
    return version


@transaction.atomic
def reply_start(*, version: Version, country, user=None) -> Reply:
    """Open a country's reply to a published version, with an empty answer per question (idempotent)."""
    if not version.is_open_for_replies:
        raise ValidationError(_("Replies can only be given to a published, open version."), code="not_open")
    reply, created = Reply.objects.get_or_create(version=version, country=country, defaults={"created_by": user})
    if created:
        answers = Answer.objects.bulk_create(
            Answer(reply=reply, question=question) for question in version.questions.all()
        )
        items = Item.objects.filter(question__version=version).exclude(type=Item.Type.GROUP)
        items_by_question: dict[int, list[Item]] = {}
        for item in items:
            items_by_question.setdefault(item.question_id, []).append(item)
        ItemAnswer.objects.bulk_create(
            ItemAnswer(answer=answer, item=item)
            for answer in answers
            for item in items_by_question.get(answer.question_id, [])
        )
    return reply


@dataclass
class ItemValue:
    """What a focal point entered for one item; only the field matching the item's type is used."""

    text: str = ""
    yes_no: str = ""
    choice: str = ""
    choices: tuple[str, ...] = ()
    number: int | None = None
    explanation: str = ""


class AnswerConflict(Exception):
    """The answer was saved by someone else since the editor loaded it (optimistic concurrency)."""

    def __init__(self, answer: Answer):
        super().__init__(f"{answer} is at revision {answer.revision}")
        self.answer = answer


def _lock_editable_answer(answer: Answer) -> Answer:
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("reply__version", "reply__country")
        .get(pk=answer.pk)
    )
    if not answer.is_editable_by_country:
        raise ValidationError(
            _("This answer is %(state)s and cannot be edited.") % {"state": answer.get_state_display().lower()},
            code="locked",
        )
    if not answer.reply.version.is_open_for_replies:
        raise ValidationError(_("This questionnaire is closed to new answers."), code="closed")
    return answer


def stored_values(item_answer: ItemAnswer) -> dict:
    """The values an item answer holds, in the shape kept in revisions (only the fields its type uses)."""
    kind = item_answer.item.type
    values: dict = {}
    if kind == Item.Type.TEXT:
        values["text"] = item_answer.text
    elif kind == Item.Type.YES_NO:
        values["yes_no"] = item_answer.yes_no
    elif kind == Item.Type.CHOICE:
        values["choice"] = item_answer.choice
    elif kind == Item.Type.MULTI_CHOICE:
        values["choices"] = list(item_answer.choices)
    elif kind == Item.Type.NUMBER:
        values["number"] = item_answer.number
    elif kind == Item.Type.FILES:
        values["attachments"] = [
            {"title": a.title, "language": a.language, "url": a.url, "file": a.file.name.rsplit("/", 1)[-1]}
            for a in item_answer.attachments.all()
        ]
    if item_answer.item.explain:
        values["explanation"] = item_answer.explanation
    return values


def _item_answers_by_number(answer: Answer) -> dict[str, ItemAnswer]:
    """The answer's item values keyed by item number, with the choices and attachments that validating
    and recording them need, fetched only for the items that have them (this is autosave's hot path;
    the models' default orderings, which join other tables, are left out)."""
    item_answers = list(answer.item_answers.order_by().select_related("item"))
    with_choices = [ia.item for ia in item_answers if ia.item.type in (Item.Type.CHOICE, Item.Type.MULTI_CHOICE)]
    with_files = [ia for ia in item_answers if ia.item.type == Item.Type.FILES]
    prefetch_related_objects(with_choices, Prefetch("choices", queryset=Choice.objects.order_by()))
    prefetch_related_objects(with_files, Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
    return {ia.item.number: ia for ia in item_answers}


def _record_revision(answer: Answer, item_answers: dict[str, ItemAnswer], user) -> Answer:
    now = timezone.now()
    answer.revision += 1
    answer.updated_at = now
    answer.updated_by = user
    answer.save(update_fields=[
        "revision", "updated_at", "updated_by", "language", "national_language", "national_text",
    ])
    AnswerRevision.objects.create(
        answer=answer,
        number=answer.revision,
        values={number: stored_values(ia) for number, ia in item_answers.items()},
        language=answer.language,
        national_language=answer.national_language,
        national_text=answer.national_text,
        saved_at=now,
        saved_by=user,
    )
    record_event(answer, Action.EDITED, actor=user, from_state=answer.state)
    return answer


@transaction.atomic
def answer_save(
    *, answer: Answer, values: dict[str, ItemValue], user, expected_revision: int | None = None,
    language: str | None = None, national_text: str | None = None,
) -> Answer:
    """Store the values of an answer's items (keyed by item number), sanitising formatted text.

    ``expected_revision`` is the revision the editor started from: if someone saved since, nothing is
    written and AnswerConflict is raised so that the user can compare and choose. A save that changes
    nothing adds no revision. ``national_text`` is the version in the country's national language
    (None leaves it as it is); it is part of the same revision as the items.
    """
    answer = _lock_editable_answer(answer)
    if expected_revision is not None and expected_revision != answer.revision:
        raise AnswerConflict(answer)
    item_answers = _item_answers_by_number(answer)
    unknown = sorted(set(values) - set(item_answers))
    if unknown:
        raise ValidationError(
            _("Item(s) %(items)s are not part of this question.") % {"items": ", ".join(unknown)}, code="unknown_item"
        )
    changed = []
    for number, value in values.items():
        item_answer = item_answers[number]
        before = stored_values(item_answer)
        _apply_value(item_answer, value)
        if stored_values(item_answer) != before:
            item_answer.carried_over = False
            changed.append(item_answer)
    language_changed = bool(language) and language != answer.language
    national_changed = _apply_national_version(answer, national_text)
    if not changed and not language_changed and not national_changed:
        return answer
    if language:
        answer.language = language
    ItemAnswer.objects.bulk_update(
        changed, ["text", "yes_no", "choice", "choices", "number", "explanation", "carried_over"]
    )
    return _record_revision(answer, item_answers, user)


def _apply_national_version(answer: Answer, national_text: str | None) -> bool:
    """Set the national-language version on ``answer`` (not saved); True if it changed."""
    if national_text is None:
        return False
    national_language = answer.reply.country.national_language
    text = sanitize_html(national_text)
    if text and not national_language:
        raise ValidationError(
            _("No national language is set for %(country)s; ask the secretariat to set one.")
            % {"country": answer.reply.country.name},
            code="no_national_language",
        )
    if len(text) > settings.ANSWER_TEXT_MAX_CHARS:
        raise ValidationError(
            _("The national-language version has %(length)s characters; at most %(limit)s are allowed.")
            % {"length": f"{len(text):,}", "limit": f"{settings.ANSWER_TEXT_MAX_CHARS:,}"},
            code="too_long",
        )
    language = national_language if text else ""
    if text == answer.national_text and language == answer.national_language:
        return False
    answer.national_text, answer.national_language = text, language
    return True


def _apply_value(item_answer: ItemAnswer, value: ItemValue):
    item = item_answer.item
    kind = item.type
    if kind == Item.Type.TEXT:
        item_answer.text = sanitize_html(value.text)
    elif kind == Item.Type.YES_NO:
        if value.yes_no and value.yes_no not in ItemAnswer.YesNo.values:
            raise ValidationError(
                _("%(item)s: choose yes, no or not applicable.") % {"item": item.number}, code="invalid_yes_no"
            )
        item_answer.yes_no = value.yes_no
    elif kind in (Item.Type.CHOICE, Item.Type.MULTI_CHOICE):
        codes = {choice.code for choice in item.choices.all()}
        picked = [value.choice] if kind == Item.Type.CHOICE and value.choice else list(value.choices)
        if set(picked) - codes:
            raise ValidationError(_("%(item)s: that option does not exist.") % {"item": item.number}, code="invalid_choice")
        if kind == Item.Type.CHOICE:
            item_answer.choice = value.choice
        else:
            item_answer.choices = [choice.code for choice in item.choices.all() if choice.code in picked]
    elif kind == Item.Type.NUMBER:
        number = value.number
        if number is not None and (
            (item.minimum is not None and number < item.minimum) or (item.maximum is not None and number > item.maximum)
        ):
            raise ValidationError(
                _("%(item)s: the number must be between %(min)s and %(max)s.")
                % {"item": item.number, "min": item.minimum if item.minimum is not None else "…",
                   "max": item.maximum if item.maximum is not None else "…"},
                code="out_of_range",
            )
        item_answer.number = number
    if item.explain:
        item_answer.explanation = sanitize_html(value.explanation)


@transaction.atomic
def reply_submit(*, reply: Reply, user) -> list[Answer]:
    """Submit the reply's draft and returned answers for review (after a return, only the returned ones).

    Refused, with the missing items named, while a required item of those answers has no value."""
    from .selectors import missing_required_items

    answers = list(
        reply.answers.select_for_update().select_related("question").filter(state__in=TRANSITIONS[Action.SUBMITTED].sources)
    )
    if not answers:
        raise ValidationError(_("There is nothing to submit: every answer is already submitted."), code="nothing")
    missing = missing_required_items(reply, answers=answers)
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
    notify_on_commit([event.pk for event in AnswerEvent.objects.bulk_create(events)])
    return answers


def previous_reply(reply: Reply) -> Reply | None:
    """The country's reply to the latest earlier version of the same questionnaire, if any."""
    return (
        Reply.objects.filter(
            country_id=reply.country_id,
            version__questionnaire_id=reply.version.questionnaire_id,
            version__created_at__lt=reply.version.created_at,
        )
        .exclude(version__status=Version.Status.DRAFT)
        .order_by("-version__created_at")
        .first()
    )


@transaction.atomic
def reply_prefill(*, reply: Reply, user) -> int:
    """Copy the country's approved answers from the previous version into the matching items (same
    number, or the number the author mapped), marking them carried over. Returns how many were filled."""
    source = previous_reply(reply)
    if source is None:
        return 0
    from .selectors import item_answers_annotated

    approved = {
        ia.item.number: ia
        for ia in item_answers_annotated(
            ItemAnswer.objects.filter(answer__reply=source, answer__state=Answer.State.APPROVED)
        ).filter(is_answered=True).select_related("item").prefetch_related("attachments")
    }
    filled = 0
    for answer in reply.answers.filter(state=Answer.State.DRAFT, revision=0):
        item_answers = _item_answers_by_number(answer)
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
            _record_revision(answer, _item_answers_by_number(answer), user)
    return filled


@transaction.atomic
def attachment_add_link(*, item_answer: ItemAnswer, title: str, url: str, language: str, user) -> Attachment:
    """Attach a link to a reference text to a ``files`` item of an editable answer."""
    answer = _attachment_target(item_answer)
    attachment = Attachment(item_answer=item_answer, title=title.strip(), url=url.strip(), language=language,
                            added_by=user)
    attachment.full_clean()
    attachment.save()
    _record_revision(answer, _item_answers_by_number(answer), user)
    return attachment


@transaction.atomic
def attachment_add_file(*, item_answer: ItemAnswer, uploaded, title: str, language: str, user) -> Attachment:
    """Store an uploaded reference text after checking its size and its real type (by content)."""
    from .uploads import check_upload

    answer = _attachment_target(item_answer)
    content_type = check_upload(uploaded)
    attachment = Attachment(
        item_answer=item_answer, title=title.strip() or uploaded.name, language=language, file=uploaded,
        content_type=content_type, size=uploaded.size, added_by=user,
    )
    attachment.full_clean(exclude=["file"])
    attachment.save()
    _record_revision(answer, _item_answers_by_number(answer), user)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    """Detach a reference text from an editable answer (the file stays in earlier revisions' storage)."""
    answer = _attachment_target(attachment.item_answer)
    attachment.delete()
    _record_revision(answer, _item_answers_by_number(answer), user)


def _attachment_target(item_answer: ItemAnswer) -> Answer:
    if item_answer.item.type != Item.Type.FILES:
        raise ValidationError(_("Only reference-text items take attachments."), code="not_files_item")
    return _lock_editable_answer(item_answer.answer)


def notification_preference_set(*, user, daily_digest: bool):
    """Record whether the user wants one daily digest instead of an e-mail per event."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest}
    )
    return preference


@transaction.atomic
def version_copy(*, version: Version, label: str) -> Version:
    """A new draft version with the same sections, questions, items, choices and texts, to be edited
    for a corrected version or the next round."""
    from .yaml_format import dump_version_yaml

    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Give the new version a label."), code="label_required")
    if Version.objects.filter(questionnaire=version.questionnaire, label=label).exists():
        raise ValidationError(_("Version %(label)s already exists.") % {"label": label}, code="label_taken")
    return version_import_yaml(text=dump_version_yaml(version, label=label))
