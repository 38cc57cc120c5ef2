"""Reactions of the reports app to what happens in questionnaires."""

import logging

from django.db import transaction
from django.dispatch import receiver

from config.celery_app import BROKER_ERRORS
from questionnaires.signals import answer_decided

from .services import compilations_mark_stale


@receiver(answer_decided)
def refresh_compilations(sender, answer, event, **kwargs):
    """Mark compilations using the answer stale, and queue a new revision of its question's
    compilation once the decision is committed."""
    from .tasks import recompile_after_decision

    reply = answer.reply
    compilations_mark_stale(version_id=reply.version_id, question_id=answer.question_id, country_id=reply.country_id)
    version_id, question_id = reply.version_id, answer.question_id
    transaction.on_commit(lambda: _safe_delay(recompile_after_decision, version_id, question_id))


def _safe_delay(task, *args):
    """A decision must never fail because the broker is down; the compilation can be requested later."""
    try:
        task.apply_async(args=args, retry=False)
    except BROKER_ERRORS:
        logging.getLogger(__name__).warning("Could not queue %s%s: broker unreachable", task.name, args)
