"""Writes to the questionnaires app: importing and publishing versions, starting and submitting replies."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Answer, Attachment, Choice, Item, ItemAnswer, Question, Questionnaire, Reply, Section, Version
from .sanitize import sanitize_html
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


@transaction.atomic
def answer_save(*, answer: Answer, values: dict[str, ItemValue], user, language: str | None = None) -> Answer:
    """Store the values of an answer's items (keyed by item number), sanitising formatted text."""
    answer = Answer.objects.select_for_update().select_related("reply__version").get(pk=answer.pk)
    if not answer.is_editable_by_country:
        raise ValidationError(
            _("This answer is %(state)s and cannot be edited.") % {"state": answer.get_state_display().lower()},
            code="locked",
        )
    if not answer.reply.version.is_open_for_replies:
        raise ValidationError(_("This questionnaire is closed to new answers."), code="closed")
    item_answers = {ia.item.number: ia for ia in answer.item_answers.select_related("item").prefetch_related("item__choices")}
    unknown = sorted(set(values) - set(item_answers))
    if unknown:
        raise ValidationError(
            _("Item(s) %(items)s are not part of this question.") % {"items": ", ".join(unknown)}, code="unknown_item"
        )
    for number, value in values.items():
        item_answer = item_answers[number]
        _apply_value(item_answer, value)
        item_answer.save()
    answer.revision += 1
    answer.updated_at = timezone.now()
    answer.updated_by = user
    if language:
        answer.language = language
    answer.save(update_fields=["revision", "updated_at", "updated_by", "language"])
    return answer


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
    """Submit every draft or returned answer of a reply for review; refuse if required items are missing."""
    from .selectors import missing_required_items

    missing = missing_required_items(reply)
    if missing:
        raise ValidationError(
            _("Some required items are not answered yet: %(items)s.") % {"items": ", ".join(i.number for i in missing)},
            code="incomplete",
        )
    now = timezone.now()
    answers = list(
        reply.answers.select_for_update().filter(state__in=[Answer.State.DRAFT, Answer.State.RETURNED])
    )
    for answer in answers:
        answer.state = Answer.State.SUBMITTED
        answer.submitted_at = now
    Answer.objects.bulk_update(answers, ["state", "submitted_at"])
    return answers


@transaction.atomic
def attachment_add_link(*, item_answer: ItemAnswer, title: str, url: str, language: str, user) -> Attachment:
    """Attach a link to a reference text to a ``files`` item of an editable answer."""
    if item_answer.item.type != Item.Type.FILES:
        raise ValidationError(_("Only reference-text items take attachments."), code="not_files_item")
    if not item_answer.answer.is_editable_by_country:
        raise ValidationError(_("This answer can no longer be edited."), code="locked")
    attachment = Attachment(item_answer=item_answer, title=title.strip(), url=url.strip(), language=language,
                            added_by=user)
    attachment.full_clean()
    attachment.save()
    return attachment
