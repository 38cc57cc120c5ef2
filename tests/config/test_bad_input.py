"""Bad input gets a clear answer (a message, a JSON error, 400 or 404), never a 500 and never a lost save."""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client
from django.urls import reverse

from questionnaires.models import Comment, ItemAnswer
from questionnaires.services import comment_add
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, SteeringMemberFactory, party_reply_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def france(published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    return party_reply_start(version=published_version, country=country, user=user), user


def _number_post(reply, value):
    item_answer = ItemAnswer.objects.get(answer__reply=reply, item__number="13.5")
    return {"revision": item_answer.answer.revision, "language": "en", f"item_{item_answer.item_id}": value}


@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "9" * 40])
def test_a_number_too_large_to_store_is_refused_with_a_message(client, france, value):
    reply, user = france
    client.force_login(user)
    url = reverse("questionnaires:question_autosave", args=[reply.pk, "13"])

    response = client.post(url, _number_post(reply, value))

    assert response.status_code == 400
    assert response.json()["error"].startswith("This value is not valid: 13.5 Number of staff in the main "
                                                "law-enforcement unit: Ensure this value is ")
    assert ItemAnswer.objects.get(answer__reply=reply, item__number="13.5").number is None


@pytest.mark.parametrize("field, value", [("country", "abc"), ("question", "abc"), ("question", "1e9")])
def test_a_compilation_request_with_a_malformed_id_answers_404(client, published_version, field, value):
    client.force_login(SteeringMemberFactory())
    kind = "country" if field == "country" else "question"

    response = client.post(reverse("reports:compilation_request", args=[published_version.pk]),
                           {"kind": kind, field: value})

    assert response.status_code == 404


@pytest.mark.parametrize("user", ["anonymous", "focal point", "reviewer"])
def test_an_unknown_host_answers_400(france, user):
    reply, focal_point = france
    client = Client(HTTP_HOST="evil.example")
    if user != "anonymous":
        client.force_login(focal_point if user == "focal point" else ReviewerFactory())

    response = client.get(reverse("questionnaires:reply_detail", args=[reply.pk]))

    assert response.status_code == 400


def test_nul_characters_never_reach_the_database_and_the_rest_of_the_message_is_kept(france):
    reply, user = france
    answer = reply.answers.get(question__number="13")

    comment = comment_add(answer=answer, author=user, body="Before\x00after")

    assert Comment.objects.get(pk=comment.pk).body == "Beforeafter"


def test_a_reply_to_a_malformed_comment_id_answers_404(client, france):
    reply, user = france
    client.force_login(user)
    answer = reply.answers.get(question__number="13")

    response = client.post(reverse("questionnaires:comment_post", args=[answer.pk]), {"body": "hi", "parent": "x"})

    assert response.status_code == 404 and not Comment.objects.exists()


def _sqlite(path, options):
    return DatabaseWrapper({**connections["default"].settings_dict, "ENGINE": "django.db.backends.sqlite3",
                            "NAME": str(path), "OPTIONS": options, "TEST": {}}, alias="concurrent")


def _write_after_reading(connection):
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()  # what transaction.atomic does first
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM saves")
        cursor.execute("INSERT INTO saves VALUES (1)")


@pytest.mark.parametrize("options, both_saved", [(settings.SQLITE_OPTIONS, True), ({"timeout": 20}, False)])
def test_on_sqlite_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path, options, both_saved):
    first = _sqlite(tmp_path / "db.sqlite3", options)
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE saves (n integer)")
    outcome = {}

    def second_writer():
        second = _sqlite(tmp_path / "db.sqlite3", options)
        try:
            _write_after_reading(second)
            second.commit()
            outcome["second"] = "saved"
        except OperationalError as error:
            outcome["second"] = str(error)
        finally:
            second.close()

    _write_after_reading(first)
    thread = threading.Thread(target=second_writer)
    thread.start()
    time.sleep(0.5)
    first.commit()
    thread.join(timeout=30)
    first.close()

    assert (outcome["second"] == "saved") is both_saved, outcome
