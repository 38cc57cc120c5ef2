"""Reactions of the reports app to what happens in questionnaires."""

from django.dispatch import receiver

from questionnaires.signals import answer_decided

from .services import compilations_refresh_after_decision


@receiver(answer_decided)
def refresh_compilations(sender, answer, event, **kwargs):
    """Mark compilations using the answer stale and make a new revision of its question's compilation,
    built once the decision is committed (when the decision changed what is approved)."""
    compilations_refresh_after_decision(answer=answer, event=event)
