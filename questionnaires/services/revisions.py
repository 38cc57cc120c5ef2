"""Restoring an earlier revision of an answer: its values saved again as a new revision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Answer, AnswerRevision
from .answers import AnswerConflict, ItemValue, answer_save


def _item_value(stored: dict) -> ItemValue:
    """The values kept in a revision for one item, as the answering form would send them."""
    return ItemValue(
        text=stored.get("text") or "", yes_no=stored.get("yes_no") or "", choice=stored.get("choice") or "",
        choices=tuple(stored.get("choices") or ()), number=stored.get("number"),
        explanation=stored.get("explanation") or "",
    )


@transaction.atomic
def answer_revision_restore(*, answer: Answer, revision: AnswerRevision, user, expected_revision: int | None) -> Answer:
    """Save the values of an earlier revision again, as a new revision, through ``answer_save``
    (sanitising, the conflict check against ``expected_revision``, the audit trail); nothing is deleted.

    Reference texts (attachments) are files of their own and stay as they are."""
    if revision.answer_id != answer.pk:
        raise ValidationError(_("That revision belongs to another answer."), code="other_answer")
    if expected_revision is None:
        raise AnswerConflict(Answer.objects.get(pk=answer.pk))
    saved_at = formats.date_format(timezone.localtime(revision.saved_at), "DATETIME_FORMAT")
    saved = answer_save(
        answer=answer, user=user, expected_revision=expected_revision,
        values={number: _item_value(stored) for number, stored in revision.values.items()},
        language=revision.language, national_text=revision.national_text,
        note=_("Restored revision %(number)s (saved on %(saved_at)s).") % {"number": revision.number, "saved_at": saved_at},
    )
    if saved.revision == expected_revision:
        raise ValidationError(
            _("Revision %(number)s holds the same values as the current answer: there is nothing to restore.")
            % {"number": revision.number},
            code="unchanged",
        )
    return saved
