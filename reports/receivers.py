"""Reactions of the reports app to what happens in questionnaires."""

from django.dispatch import receiver

from questionnaires.signals import answer_decided, contribution_accepted

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
