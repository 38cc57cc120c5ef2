import datetime
import io
import re
import zipfile

import docx
import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_decide, answer_save, reply_submit, version_party_add
from questionnaires.workflow import Action
from reports.documents import pdf_writer
from reports.models import Compilation
from reports.services import compilation_request, compilations_requeue_stuck
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, SteeringMemberFactory, party_reply_start

pytestmark = pytest.mark.django_db


def _complete(reply, yes_no="yes", staff=24, language="en"):
    from questionnaires.demo import demo_values
    from questionnaires.services import attachment_add_link

    for answer in reply.answers.all():
        values = demo_values(answer, reply.country.name)
        if answer.question.number == "13":
            values["13.1.a"] = ItemValue(yes_no=yes_no, explanation="<p>National unit</p>")
            values["13.5"] = ItemValue(number=staff)
            unit = f"L'unité compte <strong>{staff} enquêteurs</strong>." if language == "fr" else \
                f"The unit has <strong>{staff} investigators</strong>."
            values["13.4"] = ItemValue(text=f"<p>{unit}</p>"
                                            "<ul><li>victim identification</li></ul>"
                                            '<p><a href="https://example.org/unit">Unit page</a></p>')
        answer_save(answer=answer, values=values, user=None, language=language)
    attachment_add_link(item_answer=reply.answers.get(question__number="9").item_answers.get(item__number="9.3"),
                        title="Penal Code", url="https://example.org/code", language="en", user=None)


@pytest.fixture
def world(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False  # PDF has its own test; keep the others fast
    reviewer = ReviewerFactory()
    countries = {}
    for iso, name, yes_no, staff in (("AT", "Austria", "yes", 30), ("FR", "France", "no", 12),
                                     ("AM", "Armenia", "yes", 8)):
        country = CountryFactory(iso_code=iso, name=name)
        reply = party_reply_start(version=published_version, country=country)
        _complete(reply, yes_no, staff, language="fr" if iso == "FR" else "en")
        reply_submit(reply=reply, user=None)
        countries[iso] = reply
    version_party_add(version=published_version, country=CountryFactory(iso_code="BE", name="Belgium"))  # no reply
    for iso in ("AT", "FR"):
        answer_decide(answer=countries[iso].answers.get(question__number="13"), action=Action.APPROVED,
                      reviewer=reviewer)
    return published_version, countries, reviewer


def _q13(version):
    return version.questions.get(number="13")


@pytest.fixture
def compile_now(django_capture_on_commit_callbacks):
    """Request a compilation and run what is queued on commit (the task, in-process)."""

    def run(version, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            compilation, created = compilation_request(version=version, **kwargs)
        compilation.refresh_from_db()
        return compilation, created

    return run


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_question_docx_reads_like_the_committees_bilingual_compilation(world, compile_now):
    version, replies, _ = world
    compilation, created = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    assert created and compilation.status == Compilation.Status.DONE and compilation.revision == 1
    assert compilation.docx.size < 100_000  # the template's styles are compressed like the text
    document = docx.Document(compilation.docx.path)
    lines = [p.text for p in document.paragraphs]
    text = "\n".join(lines)
    year = version.published_at.year
    assert lines[:3] == [f"T-ES({year})13_bil", timezone.localdate(compilation.requested_at).strftime("%d/%m/%Y"),
                         "LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE"]
    assert lines[3].startswith("Compilation of replies to Question 13 (Specialised units/departments/sections)")
    assert lines[4].startswith("Compilation des réponses à la question 13 (Unités/services/sections spécialisés)")
    # The full question in English, then in French, before any reply.
    english, french = text.index("13.1.a In law enforcement"), text.index("13.1.a Au sein des services répressifs")
    assert english < french < text.index("AUSTRIA / AUTRICHE")
    assert ("Replies from 2 of 4 Parties; not yet received: Belgium; awaiting review: Armenia." in lines)
    assert ("Réponses de 2 des 4 Parties ; pas encore reçues : Belgique ; en attente d'examen : Arménie." in lines)
    # One block per Party whose answer is approved, in alphabetical order; no placeholders for the others.
    assert text.index("AUSTRIA / AUTRICHE") < text.index("FRANCE")
    assert "ARMENIA" not in text and "BELGIUM" not in text
    assert "30 investigators" in text and "8 investigators" not in text
    assert "L'unité compte 12 enquêteurs." in text  # France replied in French: kept as written
    assert "Reply in English / Réponse en anglais" in text and "Reply in French / Réponse en français" in text
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Item / Point", "Answers / Réponses", "Replying / Ayant répondu"]
    assert ["13.1.a In law enforcement / Au sein des services répressifs",
            "Yes / Oui: 1 (50%)\nNo / Non: 1 (50%)\nNot applicable / Sans objet: 0 (0%)", "2"] in rows
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "30 investigators" in bold
    styles = {p.style.name for p in document.paragraphs if p.text == "victim identification"}
    assert styles == {"List Bullet"}
    assert any("example.org/unit" in rel.target_ref for rel in document.part.rels.values() if rel.is_external)


def test_the_pdf_says_what_the_docx_says(world, compile_now, settings):
    settings.COMPILATION_PDF = True
    version, _, _ = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    text = " ".join(_pdf_text(compilation.pdf.path).split())
    year = version.published_at.year
    for expected in (f"T-ES({year})13_bil", "LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE",
                     "Compilation des réponses à la question 13", "13.1.a Au sein des services répressifs",
                     "Replies from 2 of 4 Parties; not yet received: Belgium; awaiting review: Armenia.",
                     "AUSTRIA / AUTRICHE", "Reply in French / Réponse en français", "Yes / Oui: 1 (50%)",
                     "L'unité compte 12 enquêteurs."):
        assert expected in text
    assert "ARMENIA" not in text and "8 investigators" not in text


def test_a_second_issue_carries_the_committees_revision_suffix(world, compile_now, django_capture_on_commit_callbacks):
    version, replies, reviewer = world
    compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=replies["AM"].answers.get(question__number="13"), action=Action.APPROVED,
                      reviewer=reviewer)

    latest = Compilation.objects.filter(kind="question").order_by("-revision").first()
    lines = [p.text for p in docx.Document(latest.docx.path).paragraphs]
    assert lines[0] == f"T-ES({version.published_at.year})13_bil rev."
    assert "Replies from 3 of 4 Parties; not yet received: Belgium." in lines


def test_question_xlsx_is_a_working_table_of_the_parties(world, compile_now):
    version, _, _ = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    workbook = openpyxl.load_workbook(compilation.xlsx.path)
    assert workbook.sheetnames == ["Summary - Synthèse", "Q13"]
    sheet = workbook["Q13"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Party / Partie", "ISO code / Code ISO", "Status / Statut", "Language / Langue")
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == f"A1:{sheet[1][-1].column_letter}5"
    assert sheet.column_dimensions["A"].width == 24
    staff = "13.5 Number of staff in the main law-enforcement unit / Effectif de la principale unité des services répressifs"
    law = "13.1.a In law enforcement / Au sein des services répressifs"
    assert law in header and "13.1.a explanation / explication" in header
    by_country = {row[1]: dict(zip(header, row)) for row in rows[1:]}
    assert list(by_country) == ["AM", "AT", "BE", "FR"]  # the Parties of the round, in order of name
    assert by_country["AT"][staff] == 30 and by_country["FR"][law] == "No / Non"
    assert by_country["FR"]["Party / Partie"] == "France" and by_country["FR"]["Language / Langue"] == "French / français"
    assert by_country["AM"]["Status / Statut"] == "Awaiting review / En attente d'examen"
    assert by_country["BE"]["Status / Statut"] == "Not started / Non commencée"
    summary = list(workbook["Summary - Synthèse"].iter_rows(values_only=True))
    assert ("13", law, "Yes / Oui", 1, 50, 2, 2, 4) in summary


def test_spreadsheet_cells_that_look_like_formulas_are_neutralised(world, compile_now, django_capture_on_commit_callbacks):
    version, replies, reviewer = world
    answer = replies["AT"].answers.get(question__number="14")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.DRAFT)
    answer_save(answer=answer, values={"14.1": ItemValue(text='<p>=HYPERLINK("http://evil","x")</p>')}, user=None)
    reply_submit(reply=replies["AT"], user=None)
    answer_decide(answer=answer, action=Action.APPROVED, reviewer=reviewer)
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=version.questions.get(number="14"))

    sheet = openpyxl.load_workbook(compilation.xlsx.path)["Q14"]
    cell = [row for row in sheet.iter_rows() if row[1].value == "AT"][0][4]
    assert cell.value == '=HYPERLINK("http://evil","x")' and cell.data_type == "s" and cell.quotePrefix


def test_unchanged_answers_make_no_new_revision_and_a_change_marks_stale(world, compile_now, django_capture_on_commit_callbacks):
    version, replies, reviewer = world
    first, created_first = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    again, created_again = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    assert created_first and not created_again and again.pk == first.pk

    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=replies["AM"].answers.get(question__number="13"), action=Action.APPROVED,
                      reviewer=reviewer)

    first.refresh_from_db()
    assert first.stale
    latest = Compilation.objects.filter(kind="question", question=_q13(version)).order_by("-revision").first()
    assert latest.revision == 2 and latest.status == Compilation.Status.DONE and not latest.stale
    assert latest.fingerprint != first.fingerprint
    assert "8 investigators" in "\n".join(p.text for p in docx.Document(latest.docx.path).paragraphs)


def test_a_decision_queues_its_e_mails_and_the_new_revision_once_each_on_commit(
    world, compile_now, django_capture_on_commit_callbacks, monkeypatch
):
    from celery.app.task import Task

    version, replies, reviewer = world
    first, _created = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    sent = []  # every message that would go to the broker
    monkeypatch.setattr(Task, "apply_async", lambda task, args, **options: sent.append((task.name, args)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event = answer_decide(answer=replies["AM"].answers.get(question__number="13"), action=Action.APPROVED,
                              reviewer=reviewer)
    assert sent == []  # nothing leaves before the decision is committed
    for callback in callbacks:
        callback()

    latest = Compilation.objects.filter(kind="question", question=_q13(version)).order_by("-revision").first()
    assert latest.revision == first.revision + 1 and latest.status == Compilation.Status.QUEUED
    assert sent == [("questionnaires.tasks.notify_answer_events", ([event.pk],)),
                    ("reports.tasks.build_compilation", (latest.pk,))]


def test_returning_an_answer_that_was_never_approved_leaves_the_compilations_current(
    world, compile_now, django_capture_on_commit_callbacks
):
    version, replies, reviewer = world
    question, round_ = (compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))[0],
                        compile_now(version, kind=Compilation.Kind.ROUND)[0])

    with django_capture_on_commit_callbacks(execute=True):
        answer_decide(answer=replies["AM"].answers.get(question__number="13"), action=Action.RETURNED,
                      reviewer=reviewer, reason="Please add figures.")

    assert Compilation.objects.filter(stale=True).count() == 0
    assert Compilation.objects.filter(kind="question").get() == question and round_.revision == 1


def test_a_stale_compilation_asked_for_again_with_nothing_changed_is_current_again(world, compile_now):
    version, _replies, _reviewer = world
    first, _created = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    Compilation.objects.filter(pk=first.pk).update(stale=True)

    again, created = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    assert not created and again.pk == first.pk and not again.stale


def test_running_the_task_twice_builds_once(world, compile_now):
    from reports.tasks import build_compilation

    version, _, _ = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    finished = compilation.finished_at

    build_compilation.delay(compilation.pk).get()

    compilation.refresh_from_db()
    assert compilation.finished_at == finished and compilation.attempts == 1


def test_whole_round_zip_and_per_country_document(world, compile_now):
    version, _, _ = world
    round_compilation, _ = compile_now(version, kind=Compilation.Kind.ROUND)
    country, _ = compile_now(version, kind=Compilation.Kind.COUNTRY, country=CountryFactory(iso_code="AT"))

    with zipfile.ZipFile(round_compilation.archive.path) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 16 and len([n for n in names if n.endswith(".xlsx")]) == 16
    lines = [p.text for p in docx.Document(country.docx.path).paragraphs]
    text = "\n".join(lines)
    assert lines[0] == f"T-ES({version.published_at.year})ICT-2017-AT"
    assert lines[3].startswith("Replies to the questionnaire – AUSTRIA – Protection of children")
    assert lines[4].startswith("Réponses au questionnaire – AUTRICHE – Protection des enfants")
    assert "Approved answers: 1 of 16 questions / Réponses approuvées : 1 sur 16 questions" in lines
    assert "30 investigators" in text
    assert text.count("Awaiting review / En attente d'examen") == 15  # only question 13 is approved
    with zipfile.ZipFile(round_compilation.archive.path) as archive:
        question_13 = docx.Document(io.BytesIO(archive.read(next(n for n in names if n.endswith("question-13.docx")))))
    assert question_13.paragraphs[0].text == f"T-ES({version.published_at.year})13_bil"


def test_a_failure_is_recorded_with_its_message_and_can_be_retried(world, compile_now,
                                                                   monkeypatch):
    from reports import documents

    version, _, _ = world

    def broken(fragments, target=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents.DocxBuilder, "package", staticmethod(broken))
    compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    compilation = Compilation.objects.get()
    assert compilation.status == Compilation.Status.FAILED and "disk full" in compilation.error

    monkeypatch.undo()
    again, created = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    assert not created and again.pk == compilation.pk and again.status == Compilation.Status.DONE


def test_without_a_broker_a_failing_build_never_fails_the_request_that_queued_it(
    client, world, compile_now, django_capture_on_commit_callbacks, monkeypatch
):
    from reports import documents

    version, replies, reviewer = world
    compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    def broken(fragments, target=None):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(documents.DocxBuilder, "package", staticmethod(broken))
    client.force_login(reviewer)
    answer = replies["AM"].answers.get(question__number="13")
    with django_capture_on_commit_callbacks(execute=True):
        decision = client.post(reverse("questionnaires:answer_decide", args=[answer.pk]), {"action": "approved"})
        request = client.post(reverse("reports:compilation_request", args=[version.pk]), {"kind": "round"})

    assert decision.status_code == 302 and request.status_code == 302
    answer.refresh_from_db()
    assert answer.state == Answer.State.APPROVED
    failed = Compilation.objects.filter(status=Compilation.Status.FAILED)
    assert {c.kind for c in failed} == {"question", "round"} and all("XML compatible" in c.error for c in failed)
    page = client.get(request.url).content.decode()
    assert "XML compatible" in page


def test_rows_left_queued_or_running_are_requeued(world, django_capture_on_commit_callbacks):
    from django.utils import timezone

    version, _, _ = world
    stuck = Compilation.objects.create(kind="question", version=version, question=_q13(version), revision=1,
                                       fingerprint="x", status=Compilation.Status.RUNNING, attempts=1,
                                       started_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        requeued = compilations_requeue_stuck()

    stuck.refresh_from_db()
    assert requeued == [stuck.pk] and stuck.status == Compilation.Status.DONE and stuck.attempts == 2


def test_pdf_is_produced_from_the_same_html(world, settings, compile_now):
    settings.COMPILATION_PDF = True
    version, _, _ = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=version.questions.get(number="2"))

    assert compilation.pdf and open(compilation.pdf.path, "rb").read(5) == b"%PDF-"
    assert compilation.pdf_error == ""


def test_when_pdf_is_switched_off_the_app_says_so_and_docx_xlsx_still_work(world, settings, compile_now):
    version, _, _ = world
    settings.COMPILATION_PDF = False
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    assert not compilation.pdf and compilation.docx and compilation.xlsx
    assert "PDF output is switched off" in compilation.pdf_error


def test_when_pdf_is_unavailable_the_app_says_so_and_docx_xlsx_still_work(client, world, settings, compile_now,
                                                                          monkeypatch):
    version, _, reviewer = world
    settings.COMPILATION_PDF = True

    monkeypatch.setattr(pdf_writer, "COMPILE", "import sys; sys.exit('font not found')")  # as Typst would stop

    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    assert compilation.status == Compilation.Status.DONE
    assert not compilation.pdf and compilation.docx and compilation.xlsx
    assert "The PDF could not be typeset: font not found" in compilation.pdf_error
    client.force_login(reviewer)
    page = client.get(reverse("reports:compilation_detail", args=[compilation.pk])).content.decode()
    assert "The PDF could not be typeset: font not found" in page


def test_downloads_are_permission_checked(client, world, compile_now):
    version, replies, reviewer = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    url = reverse("reports:compilation_download", args=[compilation.pk, "docx"])
    focal_point = FocalPointFactory(country=replies["FR"].country).user

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(SteeringMemberFactory())
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    client.force_login(focal_point)
    assert client.get(url).status_code == 404  # unpublished: as if it did not exist
    client.force_login(reviewer)
    client.post(reverse("reports:compilation_publish", args=[compilation.pk]), {"published": "1"})
    client.force_login(focal_point)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reports:compilation_download", args=[compilation.pk, "pdf"])).status_code == 404
    assert client.post(reverse("reports:compilation_publish", args=[compilation.pk]), {"published": "0"}).status_code == 403


def test_steering_group_requests_and_follows_a_compilation(client, world, django_capture_on_commit_callbacks):
    version, _, _ = world
    client.force_login(SteeringMemberFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:compilation_request", args=[version.pk]),
                               {"kind": "question", "question": _q13(version).pk})
    compilation = Compilation.objects.get()
    status = client.get(reverse("reports:compilation_status", args=[compilation.pk])).json()
    listing = client.get(reverse("reports:compilation_list", args=[version.pk])).content.decode()
    home = client.get("/").content.decode()

    assert response.status_code == 302 and response["Location"] == reverse("reports:compilation_detail",
                                                                             args=[compilation.pk])
    assert status["status"] == "done" and status["progress"] == 100 and "docx" in status["downloads"]
    assert "Revision 1" in listing and "rev. 1" not in listing
    assert "Compilations of replies" in home and str(compilation) in home
    preview = client.get(reverse("reports:compilation_preview", args=[compilation.pk]))
    assert b"Summary of structured answers" in b"".join(preview.streaming_content)


def test_focal_points_cannot_request_compilations(client, world):
    version, replies, _ = world
    client.force_login(FocalPointFactory(country=replies["FR"].country).user)

    response = client.post(reverse("reports:compilation_request", args=[version.pk]),
                           {"kind": "question", "question": _q13(version).pk})

    assert response.status_code == 403 and not Compilation.objects.exists()


def test_a_question_of_another_version_is_refused(client, world, demo_yaml):
    from questionnaires.services import version_import_yaml

    version, _, reviewer = world
    other = version_import_yaml(text=demo_yaml.replace('version: "1"', 'version: "2"'))
    client.force_login(reviewer)

    response = client.post(reverse("reports:compilation_request", args=[version.pk]),
                           {"kind": "question", "question": other.questions.get(number="13").pk})

    assert response.status_code == 404 and not Compilation.objects.exists()


def test_when_the_broker_is_down_requests_are_kept_and_reviewing_still_works(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    import kombu.exceptions

    from questionnaires.tasks import notify_answer_events
    from reports.tasks import build_compilation

    def unreachable(*args, **kwargs):
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    for task in (build_compilation, notify_answer_events):
        monkeypatch.setattr(task, "apply_async", unreachable)
    version, replies, reviewer = world
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        decision = client.post(reverse("questionnaires:answer_decide", args=[replies["AM"].answers.get(question__number="13").pk]),
                               {"action": "approved"})
        client.post(reverse("reports:compilation_request", args=[version.pk]),
                    {"kind": "question", "question": _q13(version).pk})

    assert decision.status_code == 302
    assert replies["AM"].answers.get(question__number="13").state == Answer.State.APPROVED
    compilation = Compilation.objects.get()
    assert compilation.status == Compilation.Status.QUEUED
    page = client.get(reverse("reports:compilation_detail", args=[compilation.pk])).content.decode()
    assert "will start when it is back" in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        compilations_requeue_stuck(older_than=datetime.timedelta(0))
    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.DONE


def test_documents_are_bilingual_whatever_the_requesters_language(world, compile_now):
    from django.utils import translation

    version, _, _ = world
    with translation.override("fr"):
        compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    text = "\n".join(p.text for p in docx.Document(compilation.docx.path).paragraphs)
    assert "Replies from 2 of 4 Parties" in text and "Réponses de 2 des 4 Parties" in text


def _visible_text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_compilations_page_shows_each_questions_coverage_before_compiling(client, world):
    version, _, reviewer = world
    client.force_login(reviewer)

    page = _visible_text(client.get(reverse("reports:compilation_list", args=[version.pk])).content.decode())

    assert "13. Specialised units/departments/sections 2 of 4 Parties approved · 1 awaiting review · 1 not started" in page
    assert "14. Challenges in the prosecution phase 0 of 4 Parties approved · 3 awaiting review · 1 not started" in page


def test_the_compilation_page_names_who_is_in_and_who_is_not_and_why(client, world, compile_now, settings):
    version, _, reviewer = world
    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))
    client.force_login(reviewer)
    url = reverse("reports:compilation_detail", args=[compilation.pk])

    page = _visible_text(client.get(url).content.decode())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = _visible_text(client.get(url).content.decode())

    assert "2 Parties with an approved reply" in page
    assert "In the compilation (approved) 2 Austria, France" in page
    assert "Not included: awaiting review 1 Armenia" in page and "Not included: no reply started 1 Belgium" in page
    assert "2 Parties ayant une réponse approuvée" in french and "Autriche, France" in french and "Arménie" in french


def test_a_country_outside_the_round_gets_no_reply_document(client, world):
    version, _, reviewer = world
    outsider = CountryFactory(iso_code="IE", name="Ireland")
    client.force_login(reviewer)

    response = client.post(reverse("reports:compilation_request", args=[version.pk]),
                           {"kind": "country", "country": outsider.pk}, follow=True)

    assert "Ireland is not a Party of this round." in response.content.decode()
    assert not Compilation.objects.filter(country=outsider).exists()


def test_a_party_that_leaves_the_council_of_europe_keeps_its_reply_in_the_round(world, compile_now):
    version, replies, _ = world
    austria = replies["AT"].country
    austria.membership_ended_on = datetime.date.today()
    austria.save()

    compilation, _ = compile_now(version, kind=Compilation.Kind.QUESTION, question=_q13(version))

    text = "\n".join(p.text for p in docx.Document(compilation.docx.path).paragraphs)
    assert "AUSTRIA / AUTRICHE" in text and "30 investigators" in text
    assert "Replies from 2 of 4 Parties" in text
