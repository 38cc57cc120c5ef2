"""What compilation services refuse, and how failures and transient errors are handled."""

import datetime
import html
import io
import re

import openpyxl
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from config.celery_app import app as celery_app
from countries.spreadsheets import FORMULA_TRIGGERS, spreadsheet_cell, spreadsheet_safe, spreadsheet_unsafe
from questionnaires.services import version_import_yaml
from reports import documents
from reports.documents import pdf_writer, typst_writer
from reports.documents.layout import Paragraph, Rich, Run, Table
from reports.models import Compilation
from reports.services import (
    compilation_build,
    compilation_publish,
    compilation_request,
    compilation_retry,
    compilations_requeue_stuck,
)
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    CountryFactory(iso_code="FR", name="France")
    return published_version.questions.get(number="13")


def test_a_draft_version_or_a_wrong_subject_is_refused(question, demo_yaml):
    draft = version_import_yaml(text=demo_yaml.replace('version: "1"', 'version: "2"'))
    version = question.version
    cases = [
        (dict(version=draft, kind=Compilation.Kind.ROUND), "draft"),
        (dict(version=version, kind=Compilation.Kind.QUESTION), "subject"),
        (dict(version=version, kind=Compilation.Kind.ROUND, question=question), "subject"),
        (dict(version=version, kind=Compilation.Kind.QUESTION, question=draft.questions.get(number="13")),
         "wrong_question"),
    ]
    for arguments, code in cases:
        with pytest.raises(ValidationError) as refused:
            compilation_request(**arguments)
        assert refused.value.code == code, arguments

    assert not Compilation.objects.exists()


def test_a_compilation_stuck_after_the_maximum_attempts_is_failed_with_the_reason(question, settings):
    stuck = Compilation.objects.create(kind="question", version=question.version, question=question, revision=1,
                                       fingerprint="x", status=Compilation.Status.RUNNING,
                                       attempts=settings.COMPILATION_MAX_ATTEMPTS,
                                       started_at=timezone.now() - datetime.timedelta(hours=2))

    assert compilations_requeue_stuck() == []

    stuck.refresh_from_db()
    assert stuck.status == Compilation.Status.FAILED and f"after {stuck.attempts} attempts" in stuck.error


def test_a_finished_compilation_is_not_retried_and_an_unfinished_one_is_not_published(question):
    compilation, _ = compilation_request(version=question.version, kind=Compilation.Kind.QUESTION, question=question)
    queued = Compilation.objects.get(pk=compilation.pk)
    with pytest.raises(ValidationError, match="Only a finished compilation can be published"):
        compilation_publish(compilation=queued)

    done = compilation_build(compilation_id=compilation.pk)
    with pytest.raises(ValidationError, match="already done"):
        compilation_retry(compilation=done)
    assert compilation_publish(compilation=done).published


def test_a_transient_database_error_is_retried_until_the_build_succeeds(question, monkeypatch):
    from reports import tasks

    compilation, _ = compilation_request(version=question.version, kind=Compilation.Kind.QUESTION, question=question)
    calls = []

    def flaky(*, compilation_id):
        calls.append(compilation_id)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return compilation_build(compilation_id=compilation_id)

    monkeypatch.setattr(tasks, "compilation_build", flaky)
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.update(task_eager_propagates=False)  # let each retry run in turn, as a worker would
    try:
        tasks.build_compilation.apply(args=[compilation.pk])
    finally:
        celery_app.conf.update(task_eager_propagates=propagates)

    assert len(calls) == 3
    assert Compilation.objects.get(pk=compilation.pk).status == Compilation.Status.DONE


def test_typst_code_in_an_answer_is_printed_as_text_and_reads_no_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret contents")
    hostile = f'#read("{secret}") #image("{secret}") ] #pagebreak() " \\ <label> @ref $x$ *bold* = Heading'
    blocks = [
        Paragraph([Run(hostile, bold=True), Run(hostile, url="https://example.org/?q=\"]")], "heading1", anchor='a"b'),
        Paragraph([Run(hostile)], "coverage", indent=1),
        Rich(f"<p>{html.escape(hostile)}</p><ul><li><a href='https://example.org/\"'>{html.escape(hostile)}</a></li></ul>"),
        Table(["Item", "Answer"], [[hostile, f"{hostile}\nsecond line"]]),
    ]

    pdf = documents.write_pdf(blocks, title=hostile)

    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    assert pdf.startswith(b"%PDF") and "the secret contents" not in text
    assert text.count(f'#read("{secret}")') >= 5 and "*bold* = Heading" in text


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_formula_trigger_is_stored_as_text_in_xlsx_and_escaped_in_csv(trigger, tmp_path):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    text = f"{trigger}SUM(A1:A9)"
    sheet.append([spreadsheet_cell(sheet, value) for value in (text, 42, 3.5, None, "plain")])
    workbook.save(tmp_path / "cells.xlsx")

    cells = list(openpyxl.load_workbook(tmp_path / "cells.xlsx")["s"].iter_rows())[0]

    assert (cells[0].value, cells[0].data_type, cells[0].quotePrefix) == (text, "s", True)
    assert [c.value for c in cells[1:]] == [42, 3.5, None, "plain"] and cells[1].data_type == "n"
    assert spreadsheet_safe(text) == "'" + text and spreadsheet_unsafe(spreadsheet_safe(text)) == text
    assert spreadsheet_safe(7) == 7 and spreadsheet_unsafe("'quoted") == "'quoted"


def test_a_long_pdf_is_typeset_in_parts_with_continuous_pages_and_working_contents(monkeypatch):
    monkeypatch.setattr(pdf_writer, "PART_CHARACTERS", 3000)
    sections = [f"Party {n:02d}" for n in range(12)]
    blocks = [Paragraph([Run("Parties")], "heading1")]
    blocks += [Paragraph([Run(name, anchor=f"party-{n}")], "contents") for n, name in enumerate(sections)]
    for n, name in enumerate(sections):
        blocks.append(Paragraph([Run(name.upper())], "heading2", anchor=f"party-{n}"))
        blocks.append(Rich("<p>" + f"Reply of {name}. " * 120 + "</p>"))

    reader = pypdf.PdfReader(io.BytesIO(documents.write_pdf(blocks, title="Parts")))

    assert len(pdf_writer._parts(blocks, [typst_writer.block_source(block) for block in blocks])) > 3
    texts = [page.extract_text() for page in reader.pages]
    assert [text.split()[-1] for text in texts] == [str(n) for n in range(1, len(texts) + 1)]
    heading_pages = {name: next(n for n, text in enumerate(texts, 1) if name.upper() in text) for name in sections}
    contents = texts[0]
    for name, page in heading_pages.items():
        assert re.search(rf"{name} \.+[\s\u2007]*{page}\n", contents), (name, page)
    targets = []
    for annotation in reader.pages[0].get("/Annots") or []:
        annotation = annotation.get_object()
        destination = annotation.get("/Dest") or annotation["/A"]["/D"]
        if isinstance(destination, str):  # a named destination (Typst's own links, within one part)
            targets.append(reader.get_destination_page_number(reader.named_destinations[destination]) + 1)
        else:
            targets.append(reader.get_page_number(destination[0].get_object()) + 1)
    assert set(targets) == set(heading_pages.values())  # Typst may cut one link into several annotations
