"""Another country's objects answer exactly like objects that do not exist: 404, not 403."""

import pytest
from django.urls import reverse

from questionnaires.services import comment_add
from reports.models import Compilation
from reports.services import compilation_build, compilation_request
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db
MISSING = 999_999


@pytest.fixture
def two_countries(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    france, armenia = CountryFactory(iso_code="FR", name="France"), CountryFactory(iso_code="AM", name="Armenia")
    focal_fr, focal_am = FocalPointFactory(country=france).user, FocalPointFactory(country=armenia).user
    reply = party_reply_start(version=published_version, country=france, user=focal_fr)
    answer = reply.answers.get(question__number="5")
    comment_add(answer=answer, author=ReviewerFactory(), body="Please add the study.")
    compilation, _ = compilation_request(version=published_version, kind=Compilation.Kind.QUESTION,
                                         question=answer.question)
    compilation_build(compilation_id=compilation.pk)
    return focal_am, reply, answer, compilation


@pytest.mark.parametrize("name, method, args", [
    ("questionnaires:reply_detail", "get", lambda reply, answer, compilation: [reply.pk]),
    ("questionnaires:reply_submit", "post", lambda reply, answer, compilation: [reply.pk]),
    ("questionnaires:question_edit", "get", lambda reply, answer, compilation: [reply.pk, "5"]),
    ("questionnaires:answer_history", "get", lambda reply, answer, compilation: [reply.pk, "5"]),
    ("questionnaires:comment_post", "post", lambda reply, answer, compilation: [answer.pk]),
    ("reports:compilation_detail", "get", lambda reply, answer, compilation: [compilation.pk]),
    ("reports:compilation_status", "get", lambda reply, answer, compilation: [compilation.pk]),
    ("reports:compilation_download", "get", lambda reply, answer, compilation: [compilation.pk, "docx"]),
    ("reports:compilation_publish", "post", lambda reply, answer, compilation: [compilation.pk]),
])
def test_another_countrys_object_answers_like_a_missing_one(client, two_countries, name, method, args):
    focal_am, reply, answer, compilation = two_countries
    client.force_login(focal_am)
    existing = args(reply, answer, compilation)
    missing = [MISSING, *existing[1:]]

    seen = getattr(client, method)(reverse(name, args=existing)).status_code
    unseen = getattr(client, method)(reverse(name, args=missing)).status_code

    assert seen == unseen == 404


@pytest.mark.parametrize("name, method", [("questionnaires:answer_review", "get"),
                                          ("questionnaires:answer_decide", "post")])
def test_review_pages_refuse_a_focal_point_before_looking_the_answer_up(client, two_countries, name, method):
    focal_am, _reply, answer, _compilation = two_countries
    client.force_login(focal_am)

    seen = getattr(client, method)(reverse(name, args=[answer.pk])).status_code
    unseen = getattr(client, method)(reverse(name, args=[MISSING])).status_code

    assert seen == unseen == 403
