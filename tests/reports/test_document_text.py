"""Whatever was typed, every document format is produced: characters a format cannot hold are left
out at the writer (the saved answer keeps them), and no spreadsheet cell can run as a formula."""

import docx
import openpyxl
import pytest

from questionnaires.demo import demo_values
from questionnaires.services import (
    ItemValue,
    answer_decide,
    answer_save,
    attachment_add_link,
    comment_add,
    reply_submit,
)
from questionnaires.workflow import Action
from reports.models import Compilation
from reports.services import compilation_build, compilation_request
from tests.factories import CountryFactory, ReviewerFactory, party_reply_start

pytestmark = pytest.mark.django_db

CONTROL = "\x01\x08\x0b\x0c\x1f"


@pytest.fixture
def approved_q13(published_version, settings, tmp_path):
    """One country's approved answer to question 13, its texts full of control characters, its
    country named like a formula."""
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = False
    country = CountryFactory(iso_code="FR", name='=HYPERLINK("http://evil.example/","x")')
    reply = party_reply_start(version=published_version, country=country)
    for other in reply.answers.all():
        answer_save(answer=other, values=demo_values(other, country.name), user=None)
    answer = reply.answers.get(question__number="13")
    answer_save(answer=answer, values={
        "13.4": ItemValue(text=f"<p>Unit{CONTROL} of 12</p><p>@SUM(A1)</p>"),
        "13.1.a": ItemValue(yes_no="yes", explanation=f"<p>-1 team{CONTROL}</p>"),
    }, user=None)
    attachment_add_link(item_answer=reply.answers.get(question__number="9").item_answers.get(item__number="9.3"),
                        title=f"Penal{CONTROL} Code", url="https://example.org/code", language="en", user=None)
    reviewer = ReviewerFactory()
    comment_add(answer=answer, author=reviewer, body=f"Please check{CONTROL}")
    reply_submit(reply=reply, user=None)
    for approved in (answer, reply.answers.get(question__number="9")):
        answer_decide(answer=approved, action=Action.APPROVED, reviewer=reviewer)
    return published_version, answer


def _build(version, **kwargs):
    compilation, _created = compilation_request(version=version, **kwargs)
    return compilation_build(compilation_id=compilation.pk)


def test_control_characters_are_kept_in_the_answer_and_left_out_of_the_documents(approved_q13):
    version, answer = approved_q13

    compilation = _build(version, kind=Compilation.Kind.QUESTION, question=answer.question)

    assert compilation.status == Compilation.Status.DONE, compilation.error
    assert CONTROL in answer.item_answers.get(item__number="13.4").text
    text = "\n".join(p.text for p in docx.Document(compilation.docx.path).paragraphs)
    assert "Unit of 12" in text and "-1 team" in text
    preview = compilation.preview.read().decode()
    assert "Unit of 12" in preview and CONTROL not in preview
    cells = [cell for row in openpyxl.load_workbook(compilation.xlsx.path)["Q13"].iter_rows(values_only=True)
             for cell in row]
    assert "Unit of 12\n@SUM(A1)" in cells


def test_a_whole_round_with_control_characters_compiles(approved_q13):
    version, _answer = approved_q13

    compilation = _build(version, kind=Compilation.Kind.ROUND)

    assert compilation.status == Compilation.Status.DONE, compilation.error


def test_no_cell_of_a_compilation_spreadsheet_is_a_formula_and_none_shows_an_apostrophe(approved_q13):
    version, answer = approved_q13

    compilation = _build(version, kind=Compilation.Kind.QUESTION, question=answer.question)

    workbook = openpyxl.load_workbook(compilation.xlsx.path)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    assert not [cell.value for cell in cells if str(cell.value).startswith("'")]
