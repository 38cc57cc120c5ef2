"""Property: whatever text is saved (control characters, lone surrogates, right-to-left marks, emoji,
very long words), every document format is built, and the DOCX and XLSX hold the saved text minus only
the characters XML cannot hold."""

import html
import re

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countries.spreadsheets import xml_text
from questionnaires.models import Answer
from questionnaires.sanitize import html_to_text
from questionnaires.services import ItemValue, answer_save, attachment_add_link
from reports.models import Compilation
from reports.services import compilation_build, compilation_request
from tests.factories import CountryFactory, party_reply_start

pytestmark = pytest.mark.django_db

TEXTS = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=300),
    st.text(st.sampled_from("\x00\x01\x08\x0b\x0c\x1f\ud800\udfff\u200f\u202e\ufffe\uffff=+-@\t\r\n😀ﷺ"), max_size=80),
    st.builds(lambda word, n: word * n, st.text(min_size=1, max_size=8), st.integers(1, 2000)),
)


@pytest.fixture
def q13(published_version, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.COMPILATION_PDF = True
    reply = party_reply_start(version=published_version, country=CountryFactory(iso_code="FR", name="France"))
    return reply.answers.get(question__number="13"), reply.answers.get(question__number="9")


def _built(version, question) -> Compilation:
    compilation, _ = compilation_request(version=version, kind=Compilation.Kind.QUESTION, question=question)
    compilation = compilation_build(compilation_id=compilation.pk)
    assert compilation.status == Compilation.Status.DONE, compilation.error
    assert compilation.docx and compilation.xlsx and compilation.preview and (compilation.pdf or compilation.pdf_error)
    return compilation


def _docx_text(path) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(path).paragraphs)


def _xlsx_cells(path) -> list:
    return [cell for sheet in openpyxl.load_workbook(path) for row in sheet.iter_rows(values_only=True) for cell in row]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, explanation=TEXTS, title=TEXTS)
def test_any_saved_text_builds_every_format_and_reaches_the_documents(q13, text, explanation, title):
    answer, answer_9 = q13
    Answer.objects.filter(pk__in=[answer.pk, answer_9.pk]).update(state=Answer.State.DRAFT)
    saved = answer_save(answer=answer, values={
        "13.4": ItemValue(text=f"<p>{html.escape(text)}</p>"),
        "13.1.a": ItemValue(yes_no="yes", explanation=f"<p>{html.escape(explanation)}</p>"),
        "13.5": ItemValue(number=len(text)),
    }, user=None)
    attachment_add_link(item_answer=answer_9.item_answers.get(item__number="9.3"), title=title.replace("\x00", "").strip()[:300] or "x",
                        url="https://example.org/law", language="en", user=None)
    Answer.objects.filter(pk__in=[answer.pk, answer_9.pk]).update(state=Answer.State.APPROVED)

    compilation, files = (_built(answer.reply.version, question) for question in (answer.question, answer_9.question))

    attachment_title = files.docx and _docx_text(files.docx.path)
    assert xml_text(answer_9.item_answers.get(item__number="9.3").attachments.last().title) in attachment_title
    stored = saved.item_answers.get(item__number="13.4").text
    in_paragraph = xml_text(html.unescape(re.sub(r"<[^>]+>", "", stored)))
    assert in_paragraph in _docx_text(compilation.docx.path)
    cells = _xlsx_cells(compilation.xlsx.path)
    assert xml_text(html_to_text(stored)) in [cell or "" for cell in cells]
    assert xml_text(html_to_text(saved.item_answers.get(item__number="13.1.a").explanation)) in [c or "" for c in cells]
