"""Compilations with the part "Contributions from other stakeholders": off by default; when on, after the
Parties, the accepted comments that may be published (and nothing else), in every format."""

import io
import zipfile

import docx
import openpyxl
import pytest
from django.urls import reverse

from countries.models import Organisation
from questionnaires.contributions.models import Contribution
from questionnaires.contributions.services import contribution_screen
from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_decide
from questionnaires.workflow import Action
from reports.models import Compilation
from reports.services import compilation_request
from tests.factories import (
    ContributionFactory,
    CountryFactory,
    InvitationFactory,
    OrganisationFactory,
    ReviewerFactory,
    SteeringMemberFactory,
    approved_answer,
    party_reply_start,
    stakeholder_answer,
)

pytestmark = pytest.mark.django_db

HEADING = "Contributions from other stakeholders / Contributions des autres parties prenantes"


@pytest.fixture
def world(published_version, settings, tmp_path):
    """Austria and France approved on question 13, Belgium without a reply; an Austrian NGO and an
    international organisation invited to comment."""
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    version = published_version
    austria = CountryFactory(iso_code="AT", name="Austria", name_fr="Autriche")
    france = CountryFactory(iso_code="FR", name="France", name_fr="France")
    for country, text in ((austria, "<p>The unit has 30 investigators.</p>"),
                          (france, "<p>L'unité compte 12 enquêteurs.</p>")):
        approved_answer(version=version, country=country, number="13", values={"13.4": ItemValue(text=text)})
    party_reply_start(version=version, country=CountryFactory(iso_code="BE", name="Belgium", name_fr="Belgique"))
    ngo = OrganisationFactory(name="ECPAT Austria", type=Organisation.Type.NGO, country=austria)
    unicef = OrganisationFactory(name="UNICEF", type=Organisation.Type.INTERNATIONAL, country=None)
    return {"version": version, "question": version.questions.get(number="13"), "austria": austria,
            "france": france, "ngo": InvitationFactory(organisation=ngo, version=version),
            "unicef": InvitationFactory(organisation=unicef, version=version)}


def _comment(world, invitation="ngo", **fields):
    return ContributionFactory(invitation=world[invitation], country=fields.pop("country", world["austria"]),
                               question=fields.pop("question", world["question"]), **fields)


@pytest.fixture
def comments(world):
    """One comment of each kind: only the first two may ever be printed."""
    return {
        "printed": _comment(world, language="fr", body="<p>L'unité manque de <b>personnel</b>.</p>"),
        "international": _comment(world, "unicef", country=world["france"], body="<p>Training is needed.</p>"),
        "unpublishable": _comment(world, publishable=False, body="<p>For the committee only.</p>"),
        "set_aside": _comment(world, state=Contribution.State.SET_ASIDE, body="<p>Off-topic remark.</p>"),
        "submitted": _comment(world, state=Contribution.State.SUBMITTED, body="<p>Awaiting screening.</p>"),
        "draft": _comment(world, state=Contribution.State.DRAFT, body="<p>Still a draft.</p>"),
    }


NEVER = ("For the committee only.", "Off-topic remark.", "Awaiting screening.", "Still a draft.")


@pytest.fixture
def compile_now(django_capture_on_commit_callbacks):
    def run(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            compilation, created = compilation_request(version=version, **kwargs)
        compilation.refresh_from_db()
        return compilation, created

    return run


def _lines(path_or_file) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(path_or_file).paragraphs]


def test_by_default_a_compilation_has_no_part_on_other_stakeholders(world, comments, compile_now):
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"])

    assert compilation.status == Compilation.Status.DONE and not compilation.include_contributions
    text = "\n".join(_lines(compilation.docx.path))
    assert "The unit has 30 investigators." in text
    assert "Contributions from other stakeholders" not in text and "ECPAT" not in text and "personnel" not in text
    assert "Contributions" not in openpyxl.load_workbook(compilation.xlsx.path).sheetnames


def test_when_asked_the_part_follows_the_parties_with_the_accepted_publishable_comments(world, comments,
                                                                                         compile_now):
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"],
                                 include_contributions=True)

    assert compilation.status == Compilation.Status.DONE and compilation.include_contributions
    document = docx.Document(compilation.docx.path)
    lines = [paragraph.text for paragraph in document.paragraphs]
    part = lines.index(HEADING)
    assert document.paragraphs[part].style.name == "Heading 1"
    assert lines.index("FRANCE") < part  # after the last Party's block
    after = lines[part:]
    assert after[1:3] == ["Comments on the Parties' replies / Commentaires sur les réponses des Parties",
                          "ECPAT Austria"]
    assert after[3:7] == [
        "Non-governmental organisation, Austria / Organisation non gouvernementale, Autriche",
        "Party concerned: Austria / Partie concernée : Autriche",
        "Comment in French / Commentaire en français",
        "L'unité manque de personnel.",
    ]
    assert "UNICEF" in after and "International organisation / Organisation internationale" in after
    assert "Party concerned: France / Partie concernée : France" in after
    assert "Training is needed." in after
    text = "\n".join(lines)
    for never in NEVER:
        assert never not in text
    bold = [run.text for paragraph in document.paragraphs[part:] for run in paragraph.runs if run.bold]
    assert "personnel" in bold  # the comment keeps its formatting
    sheet = openpyxl.load_workbook(compilation.xlsx.path)["Contributions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Question", "Contribution", "Organisation")
    assert ("13", "Comment on a Party's reply / Commentaire sur la réponse d'une Partie", "ECPAT Austria",
            "Non-governmental organisation / Organisation non gouvernementale", "Austria / Autriche",
            "Austria / Autriche", "French / français", "L'unité manque de personnel.") in rows
    assert len(rows) == 3 and not any(never in str(rows) for never in NEVER)


def test_the_pdf_and_preview_print_the_part(world, comments, compile_now, settings):
    settings.COMPILATION_PDF = True
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"],
                                 include_contributions=True)

    import pypdf

    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(compilation.pdf.path).pages).split())
    assert HEADING in text and "ECPAT Austria" in text and "L'unité manque de personnel." in text
    assert not any(never in text for never in NEVER)
    preview = compilation.preview.read().decode()
    assert f"<h1 class=\"heading1\" id=\"q13-contributions\">{HEADING}</h1>" in preview


def test_with_nothing_to_print_the_part_says_so(world, compile_now):
    _comment(world, publishable=False, body="<p>For the committee only.</p>")
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"],
                                 include_contributions=True)

    lines = _lines(compilation.docx.path)
    assert lines[lines.index(HEADING) + 1] == \
        "No contribution from other stakeholders. / Aucune contribution des autres parties prenantes."
    assert "For the committee only." not in "\n".join(lines)


def test_a_reissue_keeps_the_choice_and_accepting_a_comment_makes_it_stale(world, comments, compile_now):
    version, question = world["version"], world["question"]
    first, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=question, include_contributions=True)

    same, created = compile_now(version, kind=Compilation.Kind.QUESTION, question=question)  # as a re-issue asks
    assert not created and same.pk == first.pk
    submitted = comments["submitted"]
    contribution_screen(contribution=submitted, reviewer=ReviewerFactory(), accept=True)
    first.refresh_from_db()
    assert first.stale
    second, created = compile_now(version, kind=Compilation.Kind.QUESTION, question=question)
    assert created and second.revision == 2 and second.include_contributions and not second.stale
    assert "Awaiting screening." in "\n".join(_lines(second.docx.path))


def test_a_compilation_without_the_part_is_not_made_stale_by_a_comment(world, comments, compile_now):
    without, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"])

    contribution_screen(contribution=comments["submitted"], reviewer=ReviewerFactory(), accept=True)
    without.refresh_from_db()
    assert not without.stale
    with_part, created = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"],
                                     include_contributions=True)
    assert created and with_part.revision == 2  # the same answers, another document


def test_a_partys_compilation_ends_with_the_comments_on_its_reply(world, comments, compile_now):
    _comment(world, question=None, body="<p>The reply as a whole is thorough.</p>")
    _comment(world, "unicef", question=None, country=world["france"], body="<p>On France as a whole.</p>")
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.COUNTRY, country=world["austria"],
                                 include_contributions=True)

    lines = _lines(compilation.docx.path)
    after = lines[lines.index(HEADING):]
    assert lines.index("The unit has 30 investigators.") < lines.index(HEADING)
    assert after[1] == "Comments on the reply as a whole / Commentaires sur l'ensemble de la réponse"
    assert "The reply as a whole is thorough." in after
    assert "Question 13. Specialised units/departments/sections" in after
    assert "L'unité manque de personnel." in after
    text = "\n".join(lines)
    assert "On France as a whole." not in text and "Training is needed." not in text  # about France
    assert not any(never in text for never in NEVER)
    workbook = openpyxl.load_workbook(compilation.xlsx.path)
    rows = list(workbook["Contributions"].iter_rows(values_only=True))
    assert rows[1][0] == "Reply as a whole / Ensemble de la réponse" and len(rows) == 3


def test_the_round_lists_the_part_in_its_contents_and_its_zip_prints_it(world, comments, compile_now):
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.ROUND, include_contributions=True)

    document = docx.Document(compilation.docx.path)
    lines = [paragraph.text for paragraph in document.paragraphs]
    contents = lines.index("Question 13. Specialised units/departments/sections")
    assert lines[contents + 1] == HEADING  # listed under question 13 only: the others have none
    assert lines.count(HEADING) == 1 + 16  # the contents' line, and the part after each question
    with zipfile.ZipFile(compilation.archive.path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("question-13.docx"))
        question_13 = _lines(io.BytesIO(archive.read(name)))
    assert HEADING in question_13 and "L'unité manque de personnel." in question_13


def test_the_steering_group_asks_for_the_part_and_the_page_says_it_is_in(client, world, comments,
                                                                          django_capture_on_commit_callbacks):
    client.force_login(SteeringMemberFactory())
    version = world["version"]
    page = client.get(reverse("reports:compilation_list", args=[version.pk]))
    assert "with contributions from other stakeholders" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:compilation_request", args=[version.pk]),
                               {"kind": "question", "question": world["question"].pk, "contributions": "1"})
    compilation = Compilation.objects.get()
    assert response.status_code == 302 and compilation.include_contributions
    assert compilation.docx.name.endswith(f"question-13-rev{compilation.revision}.docx")  # the name is unchanged
    detail = client.get(reverse("reports:compilation_detail", args=[compilation.pk])).content.decode()
    assert "with contributions from other stakeholders" in detail
    listing = client.get(reverse("reports:compilation_list", args=[version.pk])).content.decode()
    assert f'id="contributions-{world["question"].pk}" checked' in listing  # Regenerate keeps the choice


@pytest.fixture
def stakeholder_answers(world):
    """Answers of other stakeholders to question 13: only the approved ones of publishable replies print."""
    version = world["version"]
    ngo, unicef = world["ngo"].organisation, world["unicef"].organisation
    text = {"13.4": ItemValue(text="<p>Our helpline hears of <em>few</em> referrals.</p>"),
            "13.1.a": ItemValue(yes_no="no", explanation="<p>No unit in the regions.</p>")}
    stakeholder_answer(version=version, organisation=ngo, number="13", values=text)
    stakeholder_answer(version=version, organisation=unicef, number="13", language="fr",
                       values={"13.4": ItemValue(text="<p>Les unités manquent de moyens.</p>")})
    stakeholder_answer(version=version, organisation=OrganisationFactory(name="Hidden NGO"), number="13",
                       publishable=False, values={"13.4": ItemValue(text="<p>Committee eyes only.</p>")})
    stakeholder_answer(version=version, organisation=OrganisationFactory(name="Pending NGO"), number="13",
                       state=Answer.State.SUBMITTED, values={"13.4": ItemValue(text="<p>Not yet reviewed.</p>")})
    return version


def test_stakeholders_approved_publishable_answers_are_laid_out_like_a_partys(world, stakeholder_answers,
                                                                              compile_now):
    without, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"])
    assert "ECPAT" not in "\n".join(_lines(without.docx.path))  # never among the Parties
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.QUESTION, question=world["question"],
                                 include_contributions=True)

    document = docx.Document(compilation.docx.path)
    lines = [paragraph.text for paragraph in document.paragraphs]
    after = lines[lines.index(HEADING):]
    assert after[1:4] == ["ECPAT AUSTRIA",
                          "Non-governmental organisation, Austria / Organisation non gouvernementale, Autriche",
                          "Reply in English / Réponse en anglais"]
    assert document.paragraphs[lines.index("ECPAT AUSTRIA")].style.name == "Heading 2"
    assert "No / Non" in after and "No unit in the regions." in after
    assert "Our helpline hears of few referrals." in after
    unicef = after.index("UNICEF")
    assert after[unicef + 1:unicef + 3] == ["International organisation / Organisation internationale",
                                            "Reply in French / Réponse en français"]
    assert "Les unités manquent de moyens." in after
    text = "\n".join(lines)
    for never in ("Hidden NGO", "HIDDEN NGO", "Committee eyes only.", "PENDING NGO", "Not yet reviewed."):
        assert never not in text
    assert "Replies from 2 of 3 Parties" in text  # the Parties' count is theirs alone
    rows = list(openpyxl.load_workbook(compilation.xlsx.path)["Contributions"].iter_rows(values_only=True))
    answer_row = next(row for row in rows if row[2] == "ECPAT Austria")
    assert answer_row[1] == "Reply to the questionnaire / Réponse au questionnaire"
    assert "13.4 Our helpline hears of few referrals." in answer_row[7]
    assert not any("Committee eyes only." in str(row) or "Not yet reviewed." in str(row) for row in rows)


def test_a_partys_compilation_takes_the_answers_of_organisations_based_there(world, stakeholder_answers,
                                                                             compile_now):
    compilation, _ = compile_now(world["version"], kind=Compilation.Kind.COUNTRY, country=world["austria"],
                                 include_contributions=True)

    lines = _lines(compilation.docx.path)
    after = lines[lines.index(HEADING):]
    assert "ECPAT AUSTRIA" in after and "Our helpline hears of few referrals." in after
    assert "UNICEF" not in after  # international: in the question's and the round's compilations


def test_approving_a_stakeholders_answer_reissues_the_compilation_with_contributions(
        world, compile_now, django_capture_on_commit_callbacks):
    version, question = world["version"], world["question"]
    first, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=question, include_contributions=True)
    answer = stakeholder_answer(version=version, organisation=world["ngo"].organisation, number="13",
                                state=Answer.State.SUBMITTED, values={"13.4": ItemValue(text="<p>Approved now.</p>")})

    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=answer, action=Action.APPROVED, reviewer=ReviewerFactory())
    first.refresh_from_db()
    latest = Compilation.objects.order_by("-revision").first()
    assert first.stale and latest.revision == 2 and latest.include_contributions
    latest.refresh_from_db()
    assert latest.status == Compilation.Status.DONE and "Approved now." in "\n".join(_lines(latest.docx.path))
