"""What the endpoints return: the structure in both languages, replies and answers scoped like the pages,
filters, progress counts, compilations with their files, figures, and a valid OpenAPI description."""

import datetime

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_save
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    ReviewerFactory,
    SteeringMemberFactory,
    approved_answer,
    party_reply_start,
)
from tests.reports.publication.helpers import compilation_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(published_version):
    france, armenia = CountryFactory(iso_code="FR", name="France"), CountryFactory(iso_code="AM", name="Armenia")
    approved_answer(version=published_version, country=france, number="5",
                    values={"5.1": ItemValue(text="<p>Two studies.</p>")})
    reply_am = party_reply_start(version=published_version, country=armenia)
    answer_save(answer=reply_am.answers.get(question__number="6"), values={"6.2": ItemValue(number=7)}, user=None)
    return {"version": published_version, "france": france, "armenia": armenia,
            "focal_fr": FocalPointFactory(country=france).user}


def _get(client, user, name, *args, **params):
    client.force_login(user)
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_version_with_its_structure_in_both_languages(client, world, django_assert_max_num_queries):
    client.force_login(world["focal_fr"])
    with django_assert_max_num_queries(10):
        version = client.get(reverse("api:version-detail", args=[world["version"].pk])).json()

    question = version["sections"][0]["questions"][0]
    assert version["round"] == 2 and version["questionnaire"] == "ict-2017"
    assert question["number"] == "1"
    assert question["title_fr"] == "Sensibilisation et éducation des enfants"
    grouped = question["items"][1]
    assert (grouped["number"], grouped["group"], grouped["type"]) == ("1.1.a", "1.1", "text")
    with_choices = next(item for s in version["sections"] for q in s["questions"] for item in q["items"]
                        if item["choices"])
    assert {"code", "label_en", "label_fr"} <= set(with_choices["choices"][0])


def test_the_parties_of_a_round(client, world):
    parties = _get(client, world["focal_fr"], "api:version-parties", world["version"].pk)

    assert [party["iso_code"] for party in parties] == ["AM", "FR"]


def test_a_focal_point_reads_only_its_countrys_answers(client, world):
    answers = _get(client, world["focal_fr"], "api:answer-list")["results"]
    replies = _get(client, world["focal_fr"], "api:reply-list")["results"]

    assert {answer["party"] for answer in answers} == {"FR"}
    assert [reply["party"] for reply in replies] == ["FR"]


def test_the_steering_group_reads_no_answer(client, world):
    assert _get(client, SteeringMemberFactory(), "api:answer-list")["count"] == 0


def test_answers_filtered_by_party_question_state_and_change(client, world):
    reviewer = ReviewerFactory()
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()

    approved = _get(client, reviewer, "api:answer-list", state="approved")["results"]
    armenian = _get(client, reviewer, "api:answer-list", party="am", question="6")["results"]
    recent = _get(client, reviewer, "api:answer-list", changed_since=later)["count"]

    assert [(a["party"], a["question"]) for a in approved] == [("FR", "5")]
    assert approved[0]["items"][0] == {"item": "5.1", "text": "<p>Two studies.</p>", "yes_no": "", "choice": "",
                                       "choices": [], "number": None, "explanation": "", "carried_over": False,
                                       "attachments": []}
    assert [a["items"][1]["number"] for a in armenian] == [7]
    assert recent == 0


def test_answer_lists_cost_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(ReviewerFactory())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("api:answer-list"), {"page_size": 100})

    assert response.json()["count"] == Answer.objects.count()


def test_progress_counts(client, world):
    progress = _get(client, SteeringMemberFactory(), "api:version-progress", world["version"].pk)

    assert (progress["parties"], progress["replied"]) == (2, 2)
    question_5 = next(row for row in progress["by_question"] if row["question"] == "5")
    assert question_5["counts"] == {"draft": 1, "submitted": 0, "returned": 0, "approved": 1}
    assert [row["party"] for row in progress["by_party"]] == ["AM", "FR"]


def test_compilations_and_their_files_behind_the_permission(client, world):
    question = world["version"].questions.get(number="5")
    published = compilation_of(world["version"], question, published=True)
    compilation_of(world["version"], question, published=False)

    listed = _get(client, world["focal_fr"], "api:compilation-list")["results"]
    client.force_login(world["focal_fr"])
    download = client.get(listed[0]["downloads"]["docx"])

    assert [(c["id"], c["state"], c["question"]) for c in listed] == [(published.pk, "done", "5")]
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"PK docx bytes"
    assert client.get(reverse("api:compilation-download", args=[published.pk, "pdf"])).status_code == 404


def test_figures_of_a_question(client, world):
    question = world["version"].questions.get(number="6")

    figures = _get(client, ReviewerFactory(), "api:question_figures", question.pk)

    assert figures["number"] == "6" and figures["states_read"] == ["approved", "submitted"]
    assert figures["statuses"] == {"no reply": 2}


def test_the_openapi_description_is_valid(client, db):
    response = client.get(reverse("api:schema"))

    schema = yaml.safe_load(response.content)
    validate(schema)
    assert schema["info"]["version"] == "1"
    assert "/api/v1/answers/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["personalToken"] == {
        "type": "http", "scheme": "bearer", "description": schema["components"]["securitySchemes"]
        ["personalToken"]["description"]}


def test_the_documentation_page_uses_the_vendored_swagger_ui(client, db):
    response = client.get(reverse("api:docs"))
    page = response.content.decode()
    script = client.get(reverse("api:docs"), {"script": ""})

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page and "<style>" not in page
    assert script["Content-Type"].startswith("application/javascript")
    assert "script-src 'self'" in response["Content-Security-Policy"]
