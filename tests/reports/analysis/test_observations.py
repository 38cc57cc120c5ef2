"""Observations on a question: live figures by reference, revisions, comments, adoption that freezes
the figures, the committee's DOCX, and the rapporteur's access."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation

from questionnaires.models import Answer
from questionnaires.services import ItemValue
from reports.analysis.models import ObservationsRevision, Rapporteur
from reports.analysis.references import reference_key, references_in, render_references, unknown_references
from reports.analysis.selectors import figure_values, observations_findings, observations_page
from reports.analysis.services import (
    Code,
    coding_save,
    observations_adopt,
    observations_save,
)
from tests.factories import CountryFactory, SteeringMemberFactory, UserFactory, approved_answer

pytestmark = pytest.mark.django_db

TEXT = ("<p>{{ count code:dedicated }} of {{ parties }} Parties have a dedicated team; "
        "{{ count 13.3 = dedicated }} say so in 13.3.</p>")


@pytest.fixture
def coded(answers, coder):
    """France coded "dedicated", Germany "cybercrime"; France and Germany answer 13.3 = dedicated."""
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="cybercrime")])
    return answers


@pytest.fixture
def choices(published_version, question):
    """Italy and Spain answer 13.3 = dedicated (approved)."""
    return [
        approved_answer(version=published_version, country=CountryFactory(iso_code=iso, name=name), number="13",
                        values={"13.3": ItemValue(choice="dedicated")})
        for iso, name in (("IT", "Italy"), ("ES", "Spain"))
    ]


@pytest.fixture
def rapporteur(question):
    user = UserFactory(username="moldova-delegate", first_name="Ion", last_name="Rapporteur")
    Rapporteur.objects.create(user=user, question=question)
    return user


def _submitted_answer(version, iso, name, text):
    answer = approved_answer(version=version, country=CountryFactory(iso_code=iso, name=name), number="13",
                             values={"13.4": ItemValue(text=f"<p>{text}</p>")})
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.SUBMITTED)
    return answer


def _values(question):
    return figure_values(observations_findings(question))


@pytest.mark.parametrize(("inner", "key"), [
    (" count 13.3 = dedicated ", "item:13.3=dedicated"),
    ("count 13.1.a=yes", "item:13.1.a=yes"),
    (" count code:dedicated ", "code:dedicated"),
    ("count&nbsp;code:dedicated", "code:dedicated"),
    (" parties ", "parties"),
    (" count ", ""),
    (" total 13.3 ", ""),
])
def test_a_reference_names_a_variable_by_its_key(inner, key):
    assert reference_key(inner) == key


def test_references_render_the_current_figures(coded, choices, question):
    html = render_references(TEXT, _values(question))

    assert 'data-reference="code:dedicated" title="Dedicated team: 1 of 5 Parties">1</span> of' in html
    assert 'data-reference="parties"' in html and ">5</span> Parties" in html
    assert 'data-reference="item:13.3=dedicated"' in html and ">2</span> say so" in html


def test_a_reference_is_read_in_the_text_only_never_inside_a_tag():
    values = {"parties": {"label": "Parties", "count": 3, "total": 3, "parties": []}}
    text = '<p><a href="https://example.org/{{ parties }}" title="a > b {{ parties }}">{{ parties }}</a></p>'

    html = render_references(text, values)

    assert html.startswith('<p><a href="https://example.org/{{ parties }}" title="a > b {{ parties }}"><span ')
    assert html.endswith(">3</span></a></p>")
    assert [reference.key for reference in references_in(text)] == ["parties"]


def test_an_unknown_reference_is_shown_as_such_and_the_text_is_saved_all_the_same(client, coded, question, coder):
    client.force_login(coder)
    text = "<p>{{ count code:dedicate }} Parties, of {{ parties }}.</p>"

    response = client.post(reverse("analysis:observations_save", args=[question.pk]), {"text": text}, follow=True)

    assert ObservationsRevision.objects.get().text == text
    page = response.content.decode()
    assert "Saved, but these references name no figure of this question: {{ count code:dedicate }}." in page
    assert '<mark class="unknown-reference"' in page and "unknown reference {{ count code:dedicate }}" in page
    assert unknown_references(text, _values(question)) == ["{{ count code:dedicate }}"]


def test_every_save_is_a_revision_with_its_author_and_the_text_is_sanitised(question, coder, rapporteur):
    observations_save(question=question, author=rapporteur, text="<p>First {{ parties }}</p><script>x()</script>")
    observations_save(question=question, author=rapporteur, text="<p>First {{ parties }}</p>")  # unchanged
    observations_save(question=question, author=coder, text="<p>Second {{ parties }}</p>")

    revisions = observations_page(question).revisions
    assert [(r.number, r.author, r.text) for r in revisions] == [
        (2, coder, "<p>Second {{ parties }}</p>"), (1, rapporteur, "<p>First {{ parties }}</p>"),
    ]
    assert all(r.saved_at for r in revisions)


def test_a_revision_is_shown_with_the_words_it_changed(client, question, coder, answers):
    observations_save(question=question, author=coder, text="<p>Most Parties.</p>")
    observations_save(question=question, author=coder, text="<p>{{ parties }} Parties.</p>")
    client.force_login(coder)

    page = client.get(reverse("analysis:question_observations", args=[question.pk]) + "?revision=2").content.decode()

    shown = page.split('id="revision"')[1].split("</section>")[0]
    assert ">3</span> Parties." in shown and "Changes from revision 1" in shown
    assert "</span>Most</del>" in shown and "</span>{{ parties }}</ins>" in shown


def test_adoption_freezes_the_figures_and_later_codings_do_not_change_the_adopted_text(
    client, coded, question, coder,
):
    observations_save(question=question, author=coder, text=TEXT)
    adopted = observations_adopt(question=question, user=coder)
    assert adopted.figures["code:dedicated"]["count"] == 1
    assert [p["name"] for p in adopted.figures["code:dedicated"]["parties"]] == ["France"]

    coding_save(answer=coded["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])

    client.force_login(coder)
    page = client.get(reverse("analysis:question_observations", args=[question.pk])).content.decode()
    adopted_part = page.split('id="adopted"')[1].split("</section>")[0]
    assert 'title="Dedicated team: 1 of 3 Parties">1</span>' in adopted_part
    assert _values(question)["code:dedicated"]["count"] == 2  # the live figure moved on

    observations_save(question=question, author=coder, text=TEXT + "<p>New draft.</p>")  # starts from it
    page = client.get(reverse("analysis:question_observations", args=[question.pk])).content.decode()
    assert 'title="Dedicated team: 1 of 3 Parties">1</span>' in page.split('id="adopted"')[1].split("</section>")[0]
    assert 'title="Dedicated team: 2 of 3 Parties">2</span>' in page.split('id="draft"')[1].split("</section>")[0]


def test_adoption_is_refused_while_a_reference_is_unknown(question, coder, answers):
    observations_save(question=question, author=coder, text="<p>{{ count code:nothing }}</p>")

    with pytest.raises(Exception, match=r"name no figure of this question: \{\{ count code:nothing \}\}"):
        observations_adopt(question=question, user=coder)
    assert not ObservationsRevision.objects.get().adopted


def test_the_secretariat_comments_and_adopts_from_the_page(client, question, coder, rapporteur, answers):
    observations_save(question=question, author=rapporteur, text="<p>{{ parties }} Parties.</p>")
    client.force_login(coder)

    client.post(reverse("analysis:observations_comment", args=[question.pk]), {"body": "Say which ones."})
    response = client.post(reverse("analysis:observations_adopt", args=[question.pk]), follow=True)

    assert "Revision 1 adopted; its figures are frozen as of today." in response.content.decode()
    assert "Say which ones." in response.content.decode()
    assert ObservationsRevision.objects.get().adopted_by == coder


def test_the_docx_holds_the_frozen_figures_and_the_parties_behind_them(client, coded, choices, question, coder):
    observations_save(question=question, author=coder, text=TEXT)
    with translation.override("fr"):  # adopted from the French interface: the document is bilingual all the same
        observations_adopt(question=question, user=coder)
    coding_save(answer=coded["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])
    client.force_login(coder)

    response = client.get(reverse("analysis:observations_download", args=[question.pk]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[0].endswith("OBS13_bil")
    assert "LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE" in paragraphs
    assert paragraphs[3].startswith("Observations on the replies to Question 13")
    assert paragraphs[4].startswith("Observations sur les réponses à la question 13")
    assert "1 of 5 Parties have a dedicated team; 2 say so in 13.3." in paragraphs
    heading = "Dedicated team: 1 of 5 Parties / Équipe dédiée : 1 sur 5 Parties"
    assert paragraphs[paragraphs.index(heading) + 1] == "France"
    italy_spain = paragraphs[paragraphs.index(next(p for p in paragraphs if p.startswith("13.3"))) + 1]
    assert italy_spain == "Italy / Italie, Spain / Espagne"


def test_a_rapporteur_reads_approved_answers_of_their_question_only(
    client, published_version, coded, question, rapporteur,
):
    _submitted_answer(published_version, "PT", "Portugal", "Submitted but not yet approved text.")
    other = published_version.questions.get(number="14")
    client.force_login(rapporteur)

    coding = client.get(reverse("analysis:question_coding", args=[question.pk]))
    figures = client.get(reverse("analysis:question_figures", args=[question.pk]))
    observations = client.get(reverse("analysis:question_observations", args=[question.pk]))

    assert (coding.status_code, figures.status_code, observations.status_code) == (200, 200, 200)
    page = coding.content.decode()
    assert "No approved answer" in page and "Submitted, not yet approved" not in page
    france = Answer.objects.get(question=question, reply__country__iso_code="FR")
    answer_page = client.get(reverse("analysis:answer_code", args=[question.pk, france.pk])).content.decode()
    assert "dedicated team working solely" in answer_page
    for name in ("question_coding", "question_figures", "question_observations", "observations_download"):
        assert client.get(reverse(f"analysis:{name}", args=[other.pk])).status_code == 403, name
    assert client.get(reverse("analysis:version_findings", args=[published_version.pk])).status_code == 403
    assert client.post(reverse("analysis:observations_adopt", args=[question.pk])).status_code == 403
    assert client.post(reverse("analysis:observations_comment", args=[question.pk])).status_code == 403


def test_a_rapporteur_codes_approved_answers_but_not_submitted_ones(
    client, published_version, answers, question, rapporteur,
):
    submitted = _submitted_answer(published_version, "PT", "Portugal", "A dedicated team.")
    client.force_login(rapporteur)

    refused = client.post(reverse("analysis:answer_code", args=[question.pk, submitted.pk]),
                          {"coding-apply_training": "on"})
    saved = client.post(reverse("analysis:answer_code", args=[question.pk, answers["FR"].pk]),
                        {"coding-apply_training": "on"})

    assert refused.status_code == 404
    assert saved.status_code == 302
    assert answers["FR"].codings.get().coder == rapporteur


def test_a_rapporteur_drafts_and_the_figures_count_approved_answers_only(
    client, published_version, coded, coder, question, rapporteur,
):
    submitted = _submitted_answer(published_version, "PT", "Portugal", "A dedicated team.")
    coding_save(answer=submitted, coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])
    client.force_login(rapporteur)

    response = client.post(reverse("analysis:observations_save", args=[question.pk]),
                           {"text": "<p>{{ count code:dedicated }}</p>"}, follow=True)

    assert ObservationsRevision.objects.get().author == rapporteur
    assert 'title="Dedicated team: 1 of 4 Parties">1</span>' in response.content.decode()


def test_the_rapporteur_role_is_named_in_the_header(client, rapporteur, question):
    client.force_login(rapporteur)

    assert "Rapporteur" in client.get(reverse("analysis:question_observations", args=[question.pk])).content.decode()


def test_the_steering_group_does_not_read_observations(client, question):
    client.force_login(SteeringMemberFactory())

    assert client.get(reverse("analysis:question_observations", args=[question.pk])).status_code == 403


def test_the_home_page_lists_a_rapporteur_s_questions(client, rapporteur, question):
    client.force_login(rapporteur)

    page = client.get(reverse("home")).content.decode()

    assert "Questions you are rapporteur of" in page
    assert reverse("analysis:question_observations", args=[question.pk]) in page


def _docx_paragraphs(client, question):
    response = client.get(reverse("analysis:observations_download", args=[question.pk]))
    return [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]


def test_before_adoption_the_docx_is_the_draft_with_today_s_figures_and_a_second_adoption_is_a_revision(
    client, coded, question, coder,
):
    client.force_login(coder)
    observations_save(question=question, author=coder, text="<p>{{ count code:dedicated }} Parties.</p>")

    draft = _docx_paragraphs(client, question)
    observations_adopt(question=question, user=coder)
    observations_save(question=question, author=coder, text="<p>{{ count code:dedicated }} Parties in all.</p>")
    observations_adopt(question=question, user=coder)
    second = _docx_paragraphs(client, question)

    assert draft[0].endswith("OBS13_bil") and draft[5].startswith("DRAFT")
    assert "1 Parties." in draft
    assert second[0].endswith("OBS13_bil rev.") and second[5].startswith("Adopted by the Committee on")
    assert "1 Parties in all." in second
