"""The compilation of the Parties' follow-up per recommendation (the committee's T-ES(2020)01 rev._bil):
one bilingual document over every recommendation of a follow-up version, made, revised, made stale and
downloaded like the compilations of replies; and a question compilation of one recommendation."""

import io

import docx
import openpyxl
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_decide, answer_save, reply_start, reply_submit, version_publish
from questionnaires.workflow import Action
from reports.followup.models import Recommendation
from reports.followup.services import followup_version_generate, recommendations_import_yaml
from reports.models import Compilation
from reports.services import compilation_request
from tests.factories import FocalPointFactory, SteeringMemberFactory

from .conftest import YAML

pytestmark = pytest.mark.django_db

BELGIUM_R2 = "<p>A police academy course on <strong>child interviews</strong> since 2024.</p>"
LUXEMBOURG_R2 = "<p>Une formation obligatoire des enquêteurs depuis 2025.</p>"


def _answer(reply, number, text, state, language):
    answer = reply.answers.get(question__number=number)
    answer_save(answer=answer, values={f"{number}.1": ItemValue(text=text), f"{number}.2": ItemValue(choice=state)},
                user=None, language=language)
    return answer


@pytest.fixture
def followup(round_, reviewer, settings, tmp_path):
    """The round's follow-up version, published: Belgium's answers to R1 and R2 approved (R2 in English),
    Luxembourg's answer to R2 (in French) submitted, France silent."""
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    recommendations_import_yaml(version=round_, text=YAML)
    version = version_publish(version=followup_version_generate(version=round_, user=reviewer))
    belgium = reply_start(version=version, country=version.parties.get(iso_code="BE"))
    _answer(belgium, "R1", "<p>Two units set up in 2023.</p>", "implemented", "en")
    _answer(belgium, "R2", BELGIUM_R2, "partly", "en")
    reply_submit(reply=belgium, user=None)
    luxembourg = reply_start(version=version, country=version.parties.get(iso_code="LU"))
    _answer(luxembourg, "R1", "<p>Une unité.</p>", "implemented", "fr")
    _answer(luxembourg, "R2", LUXEMBOURG_R2, "implemented", "fr")
    reply_submit(reply=luxembourg, user=None)
    for answer in Answer.objects.filter(reply=belgium):
        answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)
    return version


@pytest.fixture
def compile_now(django_capture_on_commit_callbacks):
    def run(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            compilation, created = compilation_request(version=version, **kwargs)
        compilation.refresh_from_db()
        return compilation, created

    return run


def _docx_text(compilation) -> str:
    with compilation.docx.open("rb") as stored:
        document = docx.Document(io.BytesIO(stored.read()))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_one_document_gives_each_recommendation_in_both_languages_and_each_addressees_answer(followup, compile_now):
    compilation, created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)

    assert created and compilation.status == Compilation.Status.DONE, compilation.error
    text = _docx_text(compilation)
    assert "T-ES(" in text.splitlines()[0] and "R1-R2_bil" in text.splitlines()[0]
    assert "Compilation of information on the follow-up to the 2 recommendations of" in text
    assert "Compilation des informations sur le suivi donné aux 2 recommandations de" in text
    assert "Table of contents / Table des matières" in text
    assert "Recommendation R1. Set up specialised units." in text  # the table of contents
    assert "Recommendation R2 / Recommandation R2" in text
    assert "The Committee invites / Le Comité invite" in text
    assert "Train the police.\nFormer la police." in text
    assert "Addressed to: Belgium, Luxembourg / Destinataires : Belgique, Luxembourg" in text
    assert "A police academy course on child interviews since 2024." in text
    assert "Reply in English / Réponse en anglais" in text
    # Luxembourg's answer awaits review: named, not printed; France is not an addressee of R2.
    r2 = text[text.index("Recommendation R2 / Recommandation R2"):]
    assert "Replies from 1 of 2 Parties; awaiting review: Luxembourg." in r2
    assert "Une formation obligatoire" not in text
    assert "France" not in r2
    r1 = text[text.index("Recommendation R1 / Recommandation R1"):text.index("Recommendation R2 / Recommandation R2")]
    assert "not yet received: France" in r1
    assert compilation.docx.name.endswith("-per-recommendation-rev1.docx")


def test_the_answer_in_french_is_kept_in_french_and_the_workbook_lists_the_recommendations(
        followup, reviewer, compile_now):
    luxembourg = Answer.objects.get(reply__version=followup, reply__country__iso_code="LU", question__number="R2")
    answer_decide(answer=luxembourg, action=Action.APPROVED, reviewer=reviewer)

    compilation, _created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)

    text = _docx_text(compilation)
    assert "Une formation obligatoire des enquêteurs depuis 2025." in text
    assert "Reply in French / Réponse en français" in text
    with compilation.xlsx.open("rb") as stored:
        workbook = openpyxl.load_workbook(io.BytesIO(stored.read()))
    assert workbook.sheetnames[:4] == ["Summary - Synthèse", "Recommendations", "R1", "R2"]
    rows = list(workbook["Recommendations"].iter_rows(values_only=True))
    assert rows[2][:5] == ("R2", "The Committee invites / Le Comité invite", "Train the police.",
                           "Former la police.", "BE, LU")
    assert [row[0] for row in workbook["R2"].iter_rows(values_only=True)][1:] == ["Belgium / Belgique", "Luxembourg"]


def test_the_pdf_says_the_same(followup, compile_now, settings):
    settings.COMPILATION_PDF = True

    compilation, _created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)

    assert compilation.pdf, compilation.pdf_error
    with compilation.pdf.open("rb") as stored:
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(stored.read())).pages)
    for expected in ("Recommendation R2", "Train the police.", "Former la police.", "child interviews"):
        assert expected in text


def test_a_new_approval_makes_it_stale_and_the_next_request_a_new_revision(followup, reviewer, compile_now):
    first, _created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)
    assert compile_now(followup, kind=Compilation.Kind.FOLLOWUP) == (first, False)

    answer_decide(answer=Answer.objects.get(reply__country__iso_code="LU", question__number="R2",
                                            reply__version=followup), action=Action.APPROVED, reviewer=reviewer)

    first.refresh_from_db()
    assert first.stale
    second, created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)
    assert created and second.revision == 2


def test_a_corrected_recommendation_text_makes_a_new_revision_that_prints_it(followup, round_, compile_now):
    first, _created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)
    Recommendation.objects.filter(version=round_, number="R2").update(text_fr="Former les policiers.")

    second, created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)

    assert created and second.revision == first.revision + 1
    assert "Train the police.\nFormer les policiers." in _docx_text(second)


def test_a_question_compilation_of_a_recommendation_carries_its_text_in_both_languages(followup, compile_now):
    compilation, _created = compile_now(followup, kind=Compilation.Kind.QUESTION,
                                        question=followup.questions.get(number="R2"))

    text = _docx_text(compilation)
    assert "Compilation of information on the follow-up to Recommendation R2 of" in text
    assert "Compilation des informations sur le suivi donné à la recommandation R2 de" in text
    assert "The Committee invites / Le Comité invite\nTrain the police.\nFormer la police." in text
    assert "A police academy course on child interviews since 2024." in text


def test_a_version_that_follows_up_no_recommendations_has_no_such_compilation(round_):
    with pytest.raises(ValidationError) as refused:
        compilation_request(version=round_, kind=Compilation.Kind.FOLLOWUP)

    assert refused.value.messages == ["This version was not generated from a round's recommendations."]


def test_the_steering_group_requests_it_from_the_compilations_page_and_downloads_it(
        client, followup, django_capture_on_commit_callbacks):
    client.force_login(SteeringMemberFactory())
    page = client.get(reverse("reports:compilation_list", args=[followup.pk]))
    assert "Compile the follow-up per recommendation" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:compilation_request", args=[followup.pk]), {"kind": "followup"})

    compilation = Compilation.objects.get(kind=Compilation.Kind.FOLLOWUP)
    assert response.status_code == 302 and response.url == reverse("reports:compilation_detail", args=[compilation.pk])
    download = client.get(reverse("reports:compilation_download", args=[compilation.pk, "docx"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    listed = client.get(reverse("reports:compilation_list", args=[followup.pk])).content.decode()
    section = listed[listed.index('id="per-recommendation"'):]
    assert "Revision 1" in section and reverse("reports:compilation_download", args=[compilation.pk, "docx"]) in section


def test_the_rounds_recommendations_page_offers_it_and_a_focal_point_may_not_download_it(
        client, round_, followup, compile_now):
    compilation, _created = compile_now(followup, kind=Compilation.Kind.FOLLOWUP)
    client.force_login(SteeringMemberFactory())

    page = client.get(reverse("followup:recommendation_list", args=[round_.pk])).content.decode()

    assert "Information on the follow-up, per recommendation" in page
    assert reverse("reports:compilation_download", args=[compilation.pk, "docx"]) in page
    assert 'name="kind" value="followup"' in page
    focal_point = FocalPointFactory(country=followup.parties.get(iso_code="BE")).user
    client.force_login(focal_point)
    assert client.get(reverse("reports:compilation_download", args=[compilation.pk, "docx"])).status_code == 404
    assert client.post(reverse("reports:compilation_request", args=[followup.pk]),
                       {"kind": "followup"}).status_code == 403
