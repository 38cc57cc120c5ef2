from celery import shared_task

from .forwarding import contribution_forward
from .invitation_mail import invitation_notify


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5, ignore_result=True)
def forward_contribution(contribution_id: int) -> int:
    """E-mail an accepted stakeholder comment to its Party's focal points; safe to run twice."""
    return contribution_forward(contribution_id=contribution_id)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5, ignore_result=True)
def notify_invitation(invitation_id: int) -> int:
    """E-mail an organisation's contacts that it is invited to a round (or that its time limit moved);
    safe to run twice."""
    return invitation_notify(invitation_id=invitation_id)
