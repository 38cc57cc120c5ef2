"""Writes to reference texts: attaching files and links to an answer's ``files`` items, and removing them.
Each change is a new revision of the answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Answer, Attachment, Item, ItemAnswer
from ..sanitize import storable_text
from ..uploads import check_upload, name_for_type
from .answers import answer_lock_for_edit, item_answers_by_number, revision_record


@transaction.atomic
def attachment_add_link(*, item_answer: ItemAnswer, title: str, url: str, language: str, user) -> Attachment:
    """Attach a link to a reference text to a ``files`` item of an editable answer."""
    answer = _attachment_target(item_answer)
    attachment = Attachment(item_answer=item_answer, title=storable_text(title).strip(), url=url.strip(),
                            language=language, added_by=user)
    attachment.full_clean()
    attachment.save()
    revision_record(answer, item_answers_by_number(answer), user)
    return attachment


@transaction.atomic
def attachment_add_file(*, item_answer: ItemAnswer, uploaded, title: str, language: str, user) -> Attachment:
    """Store an uploaded reference text after checking its size and its real type (by content)."""
    answer = _attachment_target(item_answer)
    content_type = check_upload(uploaded)
    title = storable_text(title).strip() or storable_text(uploaded.name)
    uploaded.name = name_for_type(uploaded.name, content_type)
    attachment = Attachment(
        item_answer=item_answer, title=title, language=language, file=uploaded,
        content_type=content_type, size=uploaded.size, added_by=user,
    )
    attachment.full_clean(exclude=["file"])
    attachment.save()
    revision_record(answer, item_answers_by_number(answer), user)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    """Detach a reference text from an editable answer; its file is deleted once this is committed (earlier
    revisions keep its title and file name only)."""
    answer = _attachment_target(attachment.item_answer)
    attachment.delete()
    revision_record(answer, item_answers_by_number(answer), user)


def _attachment_target(item_answer: ItemAnswer) -> Answer:
    if item_answer.item.type != Item.Type.FILES:
        raise ValidationError(_("Only reference-text items take attachments."), code="not_files_item")
    return answer_lock_for_edit(item_answer.answer)
