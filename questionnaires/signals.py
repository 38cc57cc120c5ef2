"""Guards that keep a published version immutable, whatever the entry point (admin, import, shell).

Saving or deleting a section, question, item or choice of a published or closed version, or changing the
Parties its questions and items are addressed to, raises VersionFrozenError; so does changing a frozen
version's texts or deleting a version that is not a draft.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, pre_delete, pre_save
from django.dispatch import Signal, receiver

from config.storage import delete_stored_files

from .exceptions import VersionFrozenError
from .models import Attachment, Choice, Item, Question, Section, Version


def _version_of(instance) -> Version | None:
    if isinstance(instance, (Section, Question)):
        return instance.version if instance.version_id else None
    if isinstance(instance, Item):
        return instance.question.version if instance.question_id else None
    if isinstance(instance, Choice):
        return instance.item.question.version if instance.item_id else None
    return None


# Set while a backup is restored into an empty installation: the restored published versions arrive
# before their questions, which must still be written. Nothing else turns the guards off.
_restoring_backup: ContextVar[bool] = ContextVar("restoring_backup", default=False)


@contextmanager
def restoring_backup():
    token = _restoring_backup.set(True)
    try:
        yield
    finally:
        _restoring_backup.reset(token)


def _restore_in_progress(kwargs) -> bool:
    return bool(kwargs.get("raw")) and _restoring_backup.get()


def _refuse_if_frozen(instance):
    version = _version_of(instance)
    if version is None or version.pk is None:
        return
    status = Version.objects.filter(pk=version.pk).values_list("status", flat=True).first()
    if status and status != Version.Status.DRAFT:
        raise VersionFrozenError(version)


# Sent after every decision of a reviewer on an answer (kwargs: answer, event), in its transaction.
# Other apps (reports) listen to it; questionnaires never imports them.
answer_decided = Signal()
# Sent when the secretariat accepts a stakeholder's comment (kwargs: contribution), in its transaction:
# compilations that include other stakeholders' contributions may now be out of date.
contribution_accepted = Signal()
# Sent after every new revision of an answer (a save, a restore, an attachment added or removed, a prefill;
# kwargs: answer, item_answers keyed by item number), in its transaction: the search index (reports.search)
# reads the new text from it.
answer_changed = Signal()
# Sent when a version is published (kwargs: version), in its transaction: its questions' texts are final.
version_published = Signal()


@receiver(pre_save, sender=Section)
@receiver(pre_save, sender=Question)
@receiver(pre_save, sender=Item)
@receiver(pre_save, sender=Choice)
@receiver(pre_delete, sender=Section)
@receiver(pre_delete, sender=Question)
@receiver(pre_delete, sender=Item)
@receiver(pre_delete, sender=Choice)
def refuse_changes_to_frozen_content(sender, instance, **kwargs):
    if _restore_in_progress(kwargs):
        return
    _refuse_if_frozen(instance)


@receiver(m2m_changed, sender=Question.addressees.through)
@receiver(m2m_changed, sender=Item.addressees.through)
def refuse_changes_to_frozen_addressees(sender, instance, action, **kwargs):
    """The Parties a published question or item is addressed to are part of the version: fixed too."""
    if action.startswith("pre_") and not _restoring_backup.get():
        _refuse_if_frozen(instance)


@receiver(pre_save, sender=Version)
def refuse_changes_to_frozen_version(sender, instance, **kwargs):
    if instance.pk is None or _restore_in_progress(kwargs):
        return
    stored = Version.objects.filter(pk=instance.pk).first()
    if stored is None or stored.status == Version.Status.DRAFT:
        return
    changed = [f for f in Version.FROZEN_FIELDS if getattr(stored, f) != getattr(instance, f)]
    if changed or instance.status == Version.Status.DRAFT:
        raise VersionFrozenError(stored)


@receiver(pre_delete, sender=Version)
def refuse_deleting_non_draft_version(sender, instance, **kwargs):
    stored_status = Version.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if stored_status and stored_status != Version.Status.DRAFT:
        raise VersionFrozenError(instance)


# A removed reference text's file goes with its row, in whichever store it is kept.
post_delete.connect(delete_stored_files, sender=Attachment, dispatch_uid="attachment_stored_files")
