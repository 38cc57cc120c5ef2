import pytest
from django.utils import timezone

from questionnaires.services import ItemValue, answer_save
from reports.models import ProgressSnapshot
from reports.tasks import snapshot_progress, snapshot_progress_of_open_versions
from tests.factories import CountryFactory, party_reply_start


@pytest.fixture
def started_reply(published_version):
    reply = party_reply_start(version=published_version, country=CountryFactory(iso_code="FR", name="France"))
    answer_save(answer=reply.answers.get(question__number="2"), values={"2.1": ItemValue(text="<p>NGOs</p>")},
                user=None)
    return reply


@pytest.mark.django_db
def test_snapshot_records_todays_counts_and_running_twice_updates_the_same_row(started_reply):
    version = started_reply.version

    first = snapshot_progress.delay(version.pk).get()
    second = snapshot_progress.delay(version.pk).get()

    assert first == second
    assert first["replies"] == 1 and first["draft"] == 16 and first["submitted"] == 0
    assert ProgressSnapshot.objects.filter(version=version).count() == 1


@pytest.mark.django_db
def test_snapshot_of_a_deleted_version_is_skipped_not_failed():
    assert snapshot_progress.delay(999_999).get()["skipped"] == "version no longer exists"


@pytest.mark.django_db
def test_daily_job_snapshots_every_published_version(started_reply):
    assert snapshot_progress_of_open_versions.delay().get() == [started_reply.version.pk]
    snapshot = ProgressSnapshot.objects.get()
    assert snapshot.day == timezone.localdate()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_the_task_and_returns_its_result(started_reply, celery_worker_on_redis):
    result = snapshot_progress.delay(started_reply.version.pk)

    payload = result.get(timeout=30)

    assert result.successful()
    assert payload["version"] == started_reply.version.pk and payload["draft"] == 16
    assert ProgressSnapshot.objects.filter(version=started_reply.version).exists()
