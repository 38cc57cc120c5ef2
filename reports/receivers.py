"""Reactions of the reports app to what happens in questionnaires; its rows' files deleted with them."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from config.storage import delete_stored_files
from questionnaires.signals import answer_decided, contribution_accepted

from .models import Compilation
from .publication.models import PublishedDocument
from .services import compilations_mark_stale_for_contribution, compilations_refresh_after_decision


@receiver(answer_decided)
def refresh_compilations(sender, answer, event, **kwargs):
    """Mark compilations using the answer stale and make a new revision of its question's compilation,
    built once the decision is committed (when the decision changed what is approved)."""
    compilations_refresh_after_decision(answer=answer, event=event)


@receiver(contribution_accepted)
def mark_compilations_stale(sender, contribution, **kwargs):
    """A comment that may be published was accepted: the compilations that include other stakeholders'
    contributions and would print it are out of date."""
    compilations_mark_stale_for_contribution(contribution=contribution)


# A compilation's documents and a published copy of a reference text go with their rows.
post_delete.connect(delete_stored_files, sender=Compilation, dispatch_uid="compilation_stored_files")
post_delete.connect(delete_stored_files, sender=PublishedDocument, dispatch_uid="published_document_stored_files")
