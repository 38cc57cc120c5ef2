from celery import shared_task

from questionnaires.models import Version

from .services import progress_snapshot_take


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def snapshot_progress(version_id: int) -> dict:
    """Record a version's progress for today; safe to run twice (the day's row is updated)."""
    version = Version.objects.filter(pk=version_id).first()
    if version is None:
        return {"version": version_id, "skipped": "version no longer exists"}
    snapshot = progress_snapshot_take(version=version)
    return {
        "version": version_id,
        "day": snapshot.day.isoformat(),
        "replies": snapshot.replies,
        "draft": snapshot.draft,
        "submitted": snapshot.submitted,
        "returned": snapshot.returned,
        "approved": snapshot.approved,
    }


@shared_task
def snapshot_progress_of_open_versions() -> list[int]:
    """Daily (beat): queue a snapshot for every published version."""
    version_ids = list(Version.objects.published().values_list("pk", flat=True))
    for version_id in version_ids:
        snapshot_progress.delay(version_id)
    return version_ids
