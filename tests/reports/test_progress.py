"""The progress dashboard: a fixed number of queries whatever the size of the round, a grid readable
without colour whose cells link where the user may go, and a light page (issue 15, point 8)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaires.models import Answer
from tests.factories import CountryFactory, ReviewerFactory, SteeringMemberFactory, version_with_parties

pytestmark = pytest.mark.django_db

SYMBOLS = {"d": "✎", "s": "●", "r": "↩", "a": "✓", "n": "–"}


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The steering group's two more are the menu's permission checks, which fall through to Django's tables;
# every page reads the user's rapporteur appointments once, for the header's roles, and, for the steering group
# (not the secretariat), whether the user writes for a stakeholder organisation; the grid reads which questions
# are addressed to named Parties only once.
@pytest.mark.parametrize(("role", "queries"), [(ReviewerFactory, 11), (SteeringMemberFactory, 14)])
def test_the_dashboard_reads_a_fixed_number_of_queries_whatever_the_questions_and_countries(client, role, queries):
    client.force_login(role())
    sizes = {(2, 2): None, (6, 2): None, (2, 5): None}
    for questions, parties in sizes:
        version, _ = version_with_parties(questions=questions, parties=parties, code=f"q{questions}-c{parties}")
        sizes[questions, parties] = _count(client, reverse("reports:version_progress", args=[version.pk]))

    assert set(sizes.values()) == {queries}, sizes


def test_the_list_of_versions_reads_a_fixed_number_of_queries_whatever_the_number_of_versions(client):
    client.force_login(ReviewerFactory())
    version_with_parties(questions=2, parties=2, code="first")
    one = _count(client, reverse("reports:progress"))
    version_with_parties(questions=2, parties=1, code="second")
    version_with_parties(questions=3, parties=2, code="third")

    page = client.get(reverse("reports:progress"))

    assert _count(client, reverse("reports:progress")) == one == 7
    assert {version.questionnaire.code: counts for version, counts in page.context["versions"]} == {
        "first": {"draft": 4, "submitted": 0, "returned": 0, "approved": 0},
        "second": {"draft": 2, "submitted": 0, "returned": 0, "approved": 0},
        "third": {"draft": 6, "submitted": 0, "returned": 0, "approved": 0},
    }


@pytest.fixture
def round_with_states():
    """Three Parties: one with an answer of each state, one that has submitted everything, one without reply."""
    version, (mixed, submitted) = version_with_parties(questions=4, parties=2, code="states")
    answers = {a.question.number: a for a in mixed.answers.select_related("question")}
    Answer.objects.filter(pk=answers["2"].pk).update(state=Answer.State.SUBMITTED)
    Answer.objects.filter(pk=answers["3"].pk).update(state=Answer.State.RETURNED)
    Answer.objects.filter(pk=answers["4"].pk).update(state=Answer.State.APPROVED)
    Answer.objects.filter(reply=submitted).update(state=Answer.State.SUBMITTED)
    silent = CountryFactory(name="Zealand")
    version.parties.add(silent)
    return version, mixed, answers, silent


def _rows(page) -> dict[str, str]:
    body = page.partition("<tbody>")[2].partition("</tbody>")[0]
    return {name: cells for name, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', body, re.S)}


def test_reviewers_see_a_symbol_and_a_label_in_each_cell_linking_to_the_answer(client, round_with_states):
    version, mixed, answers, silent = round_with_states
    client.force_login(ReviewerFactory())

    page = client.get(reverse("reports:version_progress", args=[version.pk])).content.decode()
    rows = _rows(page)

    assert rows[mixed.country.name].split("<td>")[0] == "".join([
        f'<td class="d"><a href="/review/answers/{answers["1"].pk}/" aria-label="In progress">✎</a></td>',
        f'<td class="s"><a href="/review/answers/{answers["2"].pk}/" aria-label="Submitted for review">●</a></td>',
        f'<td class="r"><a href="/review/answers/{answers["3"].pk}/" aria-label="Returned for revision">↩</a></td>',
        f'<td class="a"><a href="/review/answers/{answers["4"].pk}/" aria-label="Approved">✓</a></td>',
    ])
    assert rows["Zealand"].startswith('<td colspan="4" class="n">No reply yet</td>')
    assert "title=" not in page.partition("<tbody>")[2].partition("</tbody>")[0]


def test_a_missing_answer_links_reviewers_to_the_question_of_the_reply(client, round_with_states):
    version, mixed, answers, _ = round_with_states
    answers["3"].item_answers.all().delete()
    answers["3"].delete()
    client.force_login(ReviewerFactory())

    rows = _rows(client.get(reverse("reports:version_progress", args=[version.pk])).content.decode())

    assert f'<td class="n"><a href="/replies/{mixed.pk}/questions/3/" aria-label="No answer">–</a></td>' in (
        rows[mixed.country.name]
    )


def test_the_steering_group_gets_links_only_to_the_countrys_states(client, round_with_states):
    version, mixed, answers, silent = round_with_states
    client.force_login(SteeringMemberFactory())
    dashboard = reverse("reports:version_progress", args=[version.pk])

    page = client.get(dashboard).content.decode()
    links = set(re.findall(r'href="([^"]+)"', page.partition("<tbody>")[2].partition("</tbody>")[0]))
    country_page = client.get(reverse("reports:country_progress", args=[version.pk, mixed.country.pk]))

    assert links == {f"countries/{mixed.country.pk}/#q{n}" for n in "1234"} | {
        f"countries/{other.pk}/#q{n}" for other in version.parties.exclude(pk__in=[mixed.country.pk, silent.pk])
        for n in "1234"
    }
    assert "/review/" not in page and "/replies/" not in page
    # the relative link leads to the country's page, which they may open
    assert reverse("reports:country_progress", args=[version.pk, mixed.country.pk]) == f"{dashboard}countries/{mixed.country.pk}/"
    text = country_page.content.decode()
    assert country_page.status_code == 200
    assert re.search(r'<tr id="q3">.*?<span aria-hidden="true">↩</span> Returned for revision</td>', text, re.S)
    assert re.search(r'<tr id="q4">.*?<span aria-hidden="true">✓</span> Approved</td>', text, re.S)


def test_a_country_that_is_not_a_party_of_the_round_has_no_state_page(client, round_with_states):
    version, *_ = round_with_states
    client.force_login(SteeringMemberFactory())

    outsider = CountryFactory(name="Outside")

    assert client.get(reverse("reports:country_progress", args=[version.pk, outsider.pk])).status_code == 404
    assert client.get(f"/reports/progress/{version.pk}/countries/999999/").status_code == 404


def test_the_key_shows_each_mark_exactly_as_the_cells_do(client, round_with_states):
    version, *_ = round_with_states
    client.force_login(ReviewerFactory())
    page = client.get(reverse("reports:version_progress", args=[version.pk])).content.decode()
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()

    key = re.findall(r'<li class="list-inline-item"><span class="(\w)" aria-hidden="true">(.)</span> ([^<]+)</li>', page)
    cells = set(re.findall(r'<td class="(\w)"><a [^>]*>(.)</a>', page))

    assert key == [("d", "✎", "In progress"), ("s", "●", "Submitted for review"), ("r", "↩", "Returned for revision"),
                   ("a", "✓", "Approved"), ("n", "–", "No answer")]
    assert cells == {(css_class, symbol) for css_class, symbol, _ in key[:4]}
    for css_class, _, _ in key:
        # one rule colours both the cell and its key
        assert re.search(rf"^\.grid td\.{css_class}, \.grid-key \.{css_class} {{ background-color: #\w+; }}$", css, re.M)


def test_labels_and_chart_titles_are_translated(client, round_with_states):
    from reports.models import ProgressSnapshot

    version, mixed, *_ = round_with_states
    ProgressSnapshot.objects.create(version=version, day="2026-11-30", replies=2, draft=1, submitted=5,
                                    returned=1, approved=1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(ReviewerFactory())

    page = client.get(reverse("reports:version_progress", args=[version.pk])).content.decode()

    assert 'aria-label="Approuvée">✓</a>' in page and 'aria-label="Soumise pour examen">●</a>' in page
    assert "Soumise pour examen 5</title>" in page
    assert not re.search(r">\s*(draft|submitted|returned|approved)\b", page)


def test_grid_cells_stay_small(client):
    version, replies = version_with_parties(questions=8, parties=5, code="weight")
    client.force_login(ReviewerFactory())
    steering = SteeringMemberFactory()

    for user in (None, steering):
        if user:
            client.force_login(user)
        page = client.get(reverse("reports:version_progress", args=[version.pk])).content
        body = page.partition(b"<tbody>")[2].partition(b"</tbody>")[0]
        cells = body.count(b"<td class=")
        assert cells == 8 * 5
        # 90 bytes per cell before links were added; now links and labels fit in less
        assert len(b"".join(re.findall(rb'<td class="\w">.*?</td>', body))) / cells < 85


def test_the_dashboard_is_sent_compressed_to_browsers_that_accept_it(client, round_with_states):
    import gzip

    version, *_ = round_with_states
    client.force_login(ReviewerFactory())
    url = reverse("reports:version_progress", args=[version.pk])

    plain = client.get(url)
    compressed = client.get(url, headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in plain.headers
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content).decode().count('<td class="') == plain.content.decode().count('<td class="')
