from celery import shared_task

from .services import digests_send, notifications_dispatch, reminders_send


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5, ignore_result=True)
def notify_answer_events(event_ids: list[int]) -> int:
    """E-mail the people concerned by these answer events; safe to run twice."""
    return notifications_dispatch(event_ids=event_ids)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_daily_digests() -> int:
    """Daily (beat): one e-mail per user who chose a digest, with their pending notifications."""
    return digests_send()


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_deadline_reminders() -> int:
    """Daily (beat, before the digests): remind focal points of near and passed deadlines; safe to run twice."""
    return reminders_send()
