"""Writes to answers: saving what a focal point typed, with revisions and optimistic concurrency."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from ..events import event_record
from ..models import Answer, AnswerRevision, Attachment, Choice, Item, ItemAnswer
from ..sanitize import sanitize_html
from ..signals import answer_changed
from ..workflow import Action


@dataclass
class ItemValue:
    """What a focal point entered for one item; only the field matching the item's type is used."""

    text: str = ""
    yes_no: str = ""
    choice: str = ""
    choices: tuple[str, ...] = ()
    number: int | None = None
    explanation: str = ""


ITEM_VALUE_FIELDS = ["text", "yes_no", "choice", "choices", "number", "explanation", "carried_over"]


class AnswerConflict(Exception):
    """The answer was saved by someone else since the editor loaded it (optimistic concurrency)."""

    def __init__(self, answer: Answer):
        super().__init__(f"{answer} is at revision {answer.revision}")
        self.answer = answer


def answer_lock_for_edit(answer: Answer) -> Answer:
    """The answer, locked for this transaction, or a ValidationError if its country may not edit it now.
    The reply (with its version and country) the caller has already read is kept rather than read again."""
    locked = Answer.objects.select_for_update(of=("self",))
    if Answer.reply.is_cached(answer):
        answer, reply = locked.get(pk=answer.pk), answer.reply
        answer.reply = reply
    else:
        answer = locked.select_related("reply__version", "reply__country", "reply__organisation").get(pk=answer.pk)
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


def item_answers_by_number(answer: Answer, items: list[Item] | None = None) -> dict[str, ItemAnswer]:
    """The answer's item values keyed by item number, with the choices and attachments that validating
    and recording them need, fetched only for the items that have them (this is autosave's hot path;
    the models' default orderings, which join other tables, are left out). ``items``: the question's
    items with their choices, when the caller has read them already (they are then not read again)."""
    known = {item.pk: item for item in items or ()}
    item_answers = list(answer.item_answers.order_by() if known else answer.item_answers.order_by().select_related("item"))
    if known and all(ia.item_id in known for ia in item_answers):
        for item_answer in item_answers:
            item_answer.item = known[item_answer.item_id]
    else:
        if known:  # items of another question: read the answer's own
            prefetch_related_objects(item_answers, "item")
        with_choices = [ia.item for ia in item_answers if ia.item.type in (Item.Type.CHOICE, Item.Type.MULTI_CHOICE)]
        prefetch_related_objects(with_choices, Prefetch("choices", queryset=Choice.objects.order_by("position")))
    with_files = [ia for ia in item_answers if ia.item.type == Item.Type.FILES]
    prefetch_related_objects(with_files, Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
    return {ia.item.number: ia for ia in item_answers}


def revision_record(answer: Answer, item_answers: dict[str, ItemAnswer], user, note: str = "") -> Answer:
    """Number and store a new revision of the answer with its current values, and record the edit
    (with ``note`` as the audit event's reason, e.g. which revision it restores)."""
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
    event_record(answer, Action.EDITED, actor=user, from_state=answer.state, reason=note)
    answer_changed.send(sender=Answer, answer=answer, item_answers=item_answers)
    return answer


@transaction.atomic
def answer_save(
    *, answer: Answer, values: dict[str, ItemValue], user, expected_revision: int | None = None,
    language: str | None = None, national_text: str | None = None, note: str = "",
    items: list[Item] | None = None,
) -> Answer:
    """Store the values of an answer's items (keyed by item number), sanitising formatted text.

    ``expected_revision`` is the revision the editor started from: if someone saved since, nothing is
    written and AnswerConflict is raised so that the user can compare and choose. A save that changes
    nothing adds no revision. ``national_text`` is the version in the country's national language
    (None leaves it as it is); it is part of the same revision as the items. ``note`` is recorded as
    the reason of the edit in the audit trail. ``items`` are the question's items with their choices,
    if the caller has them (a form it validated): not read again.
    """
    answer = answer_lock_for_edit(answer)
    if expected_revision is not None and expected_revision != answer.revision:
        raise AnswerConflict(answer)
    item_answers = item_answers_by_number(answer, items)
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
    if len(changed) == 1:  # an autosave while typing: a plain UPDATE costs far less to build than bulk_update's CASE
        changed[0].save(update_fields=ITEM_VALUE_FIELDS)
    else:
        ItemAnswer.objects.bulk_update(changed, ITEM_VALUE_FIELDS)
    return revision_record(answer, item_answers, user, note)


def _apply_national_version(answer: Answer, national_text: str | None) -> bool:
    """Set the national-language version on ``answer`` (not saved); True if it changed."""
    if national_text is None:
        return False
    national_language = answer.reply.national_language
    text = sanitize_html(national_text)
    if text and not national_language:
        raise ValidationError(
            _("No national language is set for %(country)s; ask the secretariat to set one.")
            % {"country": answer.reply.respondent_name},
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
        if value.text != item_answer.text:  # what is stored is already clean: only new text is sanitised
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
    if item.explain and value.explanation != item_answer.explanation:
        item_answer.explanation = sanitize_html(value.explanation)
