from celery import Task, shared_task
from django.db import DatabaseError, InterfaceError

from questionnaires import selectors as questionnaire_selectors

from .services import (
    compilation_build,
    compilation_fail,
    compilations_requeue_stuck,
    progress_snapshot_take,
)


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def snapshot_progress(version_id: int) -> dict:
    """Record a version's progress for today; safe to run twice (the day's row is updated)."""
    version = questionnaire_selectors.version_or_none(version_id)
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
    version_ids = questionnaire_selectors.open_version_ids()
    for version_id in version_ids:
        snapshot_progress.delay(version_id)
    return version_ids


class CompilationTask(Task):
    """Records the final failure on the compilation row, so that the user sees it and can retry."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        compilation_fail(compilation_id=args[0], error=f"{type(exc).__name__}: {exc}")


TRANSIENT_ERRORS = (DatabaseError, InterfaceError, ConnectionError, OSError)


@shared_task(base=CompilationTask, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def build_compilation(self, compilation_id: int) -> dict:
    """Build one compilation's documents from its row id; a finished row is not built again.
    Transient errors are retried; any other error is recorded on the row at once."""
    try:
        compilation = compilation_build(compilation_id=compilation_id)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        compilation_fail(compilation_id=compilation_id, error=f"{type(error).__name__}: {error}")
        raise
    if compilation is None:
        return {"compilation": compilation_id, "skipped": "no such compilation"}
    return {"compilation": compilation_id, "status": compilation.status, "duration_ms": compilation.duration_ms}


@shared_task
def requeue_stuck_compilations() -> list[int]:
    """Every two minutes (beat): queue again compilations a lost worker or broker left behind."""
    return compilations_requeue_stuck()
