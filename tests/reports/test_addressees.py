"""Questions addressed to named Parties only in the reports: the progress grid marks the other Parties'
cells "not addressed" and leaves them out of its counts; compilations list the addressees alone."""

import pytest
from django.urls import reverse

from questionnaires.models import Answer
from questionnaires.selectors import answer_state_counts
from reports.api.selectors.data import progress_counts
from reports.documents.layout import entry_items
from reports.models import Compilation
from reports.publication.services.publishing import reply_publish
from reports.selectors import compilation_subject, progress_matrix, question_blocks, question_coverage
from reports.selectors.contents import EntryStatus
from reports.selectors.progress import NOT_ADDRESSED
from tests.factories import ReviewerFactory, SteeringMemberFactory, follow_up_version, version_with_parties

pytestmark = pytest.mark.django_db
NOT_ADDRESSED_CELL = ('<td class="x" title="Not addressed to this Party"><span aria-hidden="true">⊘</span>'
                      '<span class="visually-hidden">Not addressed to this Party</span></td>')


@pytest.fixture
def follow_up():
    version, replies = follow_up_version()
    Answer.objects.filter(reply=replies["BE"], question__number="2").update(state=Answer.State.APPROVED)
    return version, replies


def _row(matrix, code):
    return next(row for row in matrix.rows if row.country.iso_code == code)


def test_the_grid_marks_a_question_not_addressed_to_a_party_and_leaves_it_out_of_the_totals(follow_up):
    version, _replies = follow_up

    matrix = progress_matrix(version)

    france = _row(matrix, "FR")
    assert france.cells[1] == NOT_ADDRESSED
    assert france.totals["draft"] == 2
    assert _row(matrix, "LU").totals["draft"] == 3
    assert matrix.addressed == [3, 2, 3]
    assert matrix.question_totals[1] == {"draft": 1, "submitted": 0, "returned": 0, "approved": 1}
    assert answer_state_counts(version) == {"draft": 7, "submitted": 0, "returned": 0, "approved": 1}
    assert matrix.has_not_addressed


@pytest.mark.parametrize("role", [ReviewerFactory, SteeringMemberFactory])
def test_the_dashboard_shows_not_addressed_in_words_and_in_its_key(client, follow_up, role):
    version, _replies = follow_up
    client.force_login(role())

    page = client.get(reverse("reports:version_progress", args=[version.pk])).content.decode()

    assert page.count(NOT_ADDRESSED_CELL) == 1
    assert '<span class="x" aria-hidden="true">⊘</span> Not addressed to this Party' in page


def test_the_key_has_no_not_addressed_mark_when_every_question_is_for_every_party(client):
    version, _replies = version_with_parties(questions=2, parties=2, code="all-parties")
    client.force_login(ReviewerFactory())

    page = client.get(reverse("reports:version_progress", args=[version.pk])).content.decode()

    assert "Not addressed to this Party" not in page


def test_a_partys_progress_page_says_which_questions_are_not_addressed_to_it(client, follow_up):
    version, replies = follow_up
    client.force_login(SteeringMemberFactory())

    page = client.get(reverse("reports:country_progress", args=[version.pk, replies["FR"].country_id]))

    html = page.content.decode()
    start = html.index('id="q2"')
    assert '<span aria-hidden="true">⊘</span> Not addressed to this Party' in html[start:html.index("</tr>", start)]


def test_the_counts_of_the_api_and_of_compilations_count_only_the_addressees(follow_up):
    version, _replies = follow_up
    r2 = version.questions.get(number="2")

    counts = progress_counts(version)

    assert [row["no_answer"] for row in counts["by_question"]] == [0, 0, 0]
    assert question_coverage(version)[r2.pk] == {
        "draft": 1, "submitted": 0, "returned": 0, "approved": 1, "missing": 0, "parties": 2,
    }


def test_a_question_compilation_lists_only_its_addressees(follow_up):
    version, _replies = follow_up
    r2 = version.questions.get(number="2")
    questions, countries = compilation_subject(Compilation.Kind.QUESTION, version, r2, None)

    [block] = question_blocks(version, questions, countries)

    assert [(entry.country.iso_code, entry.status) for entry in block.entries] == [
        ("BE", EntryStatus.APPROVED), ("LU", EntryStatus.DRAFT),
    ]
    assert block.countries_in(EntryStatus.NO_REPLY) == []
    r1 = question_blocks(version, [version.questions.get(number="1")], countries)[0]
    assert sorted(entry.country.iso_code for entry in r1.entries) == ["BE", "FR", "LU"]


def test_a_partys_compilation_leaves_out_the_questions_not_addressed_to_it(follow_up):
    version, replies = follow_up
    france = replies["FR"].country

    questions, countries = compilation_subject(Compilation.Kind.COUNTRY, version, None, france)

    assert [question.number for question in questions] == ["1", "3"]
    assert countries == [france]


def test_a_partys_entry_in_the_documents_leaves_out_the_items_of_other_parties(follow_up):
    version, replies = follow_up
    Answer.objects.filter(reply__in=[replies["FR"], replies["BE"]], question__number="1").update(
        state=Answer.State.APPROVED)
    r1 = version.questions.get(number="1")
    [block] = question_blocks(version, [r1], [replies["BE"].country, replies["FR"].country])

    def texts(entry):
        return [run.text for paragraph in entry_items(block, entry) for run in getattr(paragraph, "runs", [])]

    belgium, france = block.entries
    assert "Actions taken in Belgium's Flemish Community." in texts(belgium)
    assert "Actions taken in Belgium's Flemish Community." not in texts(france)
    assert "Actions taken." in texts(france)


def test_a_partys_published_reply_leaves_out_the_items_and_questions_of_other_parties(follow_up):
    version, replies = follow_up
    Answer.objects.filter(reply__in=[replies["FR"], replies["BE"]]).update(state=Answer.State.APPROVED)

    france = reply_publish(version=version, country=replies["FR"].country, user=ReviewerFactory())
    belgium = reply_publish(version=version, country=replies["BE"].country, user=ReviewerFactory())

    def published(publication):
        return {answer.question_number: [item["number"] for item in answer.items]
                for answer in publication.answers.all()}

    assert published(france) == {"1": ["1.1"], "3": ["3.1"]}
    assert published(belgium) == {"1": ["1.1", "1.2"], "2": ["2.1"], "3": ["3.1"]}
