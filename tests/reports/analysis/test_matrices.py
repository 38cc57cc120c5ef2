"""Matrices for the implementation report: Party × category and Party × commitment, on the page and in
XLSX and DOCX; the chart drawn from one Vega-Lite description."""

import datetime
import io
import json
import re

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from countries.models import CountryFact
from reports.analysis.charts import category_chart, chart_png, chart_rows
from reports.analysis.exports import category_matrix_table
from reports.analysis.models import Category
from reports.analysis.selectors import category_matrix, fact_matrix, findings_of
from reports.analysis.services import Code, coding_save
from tests.factories import CountryFactory, FocalPointFactory, SteeringMemberFactory

pytestmark = pytest.mark.django_db

LABELS = ["Specialist capacity", "Dedicated team", "Within a cybercrime unit", "Specialised training",
          "No information in the reply"]


@pytest.fixture
def coded(answers, coder, second_coder, question):
    """France coded "dedicated" (so "capacity" too), Germany's coders disagree, Armenia not coded, Italy a
    Party of the round without a reply."""
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="dedicated")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="cybercrime")])
    coding_save(answer=answers["DE"], coder=second_coder, codes=[Code(category="training")])
    question.version.parties.add(CountryFactory(iso_code="IT", name="Italy"))
    return answers


def _today() -> str:
    return date_format(timezone.localdate(), "DATE_FORMAT")


def test_a_party_has_a_tick_under_its_category_and_the_parent_and_uncounted_parties_are_said_so(coded, question):
    matrix = category_matrix(question)

    assert [column.label for column in matrix.columns] == LABELS
    assert [(row.country.name, row.words, row.cells) for row in matrix.rows] == [
        ("Armenia", "Not coded yet", [None] * 5),
        ("France", "Coders agree", [True, True, False, False, False]),
        ("Germany", "Coders disagree: not counted until settled", [None] * 5),
        ("Italy", "No submitted or approved reply", [None] * 5),
    ]
    assert matrix.total_labels == ["1 of 4", "1 of 4", "0 of 4", "0 of 4", "0 of 4"]
    findings = findings_of(question)
    assert matrix.totals == [findings.figure(column).count for column in matrix.columns]


def test_a_settled_coding_counts_in_the_matrix(coded, coder, question):
    coding_save(answer=coded["DE"], coder=coder, codes=[Code(category="training")], is_final=True)

    germany = category_matrix(question).rows[2]

    assert (germany.words, germany.cells) == ("Settled by the Secretariat", [False, False, False, True, False])


def test_the_matrix_page_is_an_accessible_table_with_the_totals(client, coded, coder, question):
    client.force_login(coder)

    page = client.get(reverse("analysis:question_matrix", args=[question.pk])).content.decode()

    assert ("<caption>Question 13: the round's 4 Parties by category · 3 Parties counted under no category "
            "(reason in the “Reading” column)</caption>") in page
    assert '<th scope="col" class="small">Specialist capacity</th>' in page
    assert '<th scope="row" class="fw-normal text-nowrap">France</th>' in page
    assert "Coders disagree: not counted until settled" in page and "Not coded yet" in page
    assert page.count('<span aria-hidden="true">✓</span>') == 2
    assert f"The Secretariat's interpretation of the replies, as of {_today()}" in page
    assert reverse("analysis:question_matrix_download", args=[question.pk, "xlsx"]) in page


def test_the_fact_matrix_reads_ticks_and_signed_from_the_facts_at_the_round_s_launch(answers, question):
    version = question.version
    france, germany = answers["FR"].reply.country, answers["DE"].reply.country
    later = timezone.localdate(version.published_at) + datetime.timedelta(days=30)
    for country, key, value, as_of in [
        (france, "uncrc_party", "yes", "1990-08-07"),
        (france, "lanzarote_party", "signed", "2007-10-25"),
        (france, "lanzarote_party", "yes", later),  # ratified after the launch: still SIGNED for the round
        (germany, "budapest_party", "yes", "2009-03-09"),
        (germany, "weprotect_member", "no", "2015-01-01"),
    ]:
        CountryFact.objects.create(country=country, key=key, value=value, as_of=as_of)

    matrix = fact_matrix(version)

    assert [column.key for column in matrix.columns] == [
        "uncrc_party", "uncrc_opsc_party", "lanzarote_party", "budapest_party", "weprotect_member"]
    assert [(country.name, marks) for country, marks in matrix.rows] == [
        ("Armenia", ["", "", "", "", ""]),
        ("France", ["✓", "", "SIGNED", "", ""]),
        ("Germany", ["", "", "", "✓", ""]),
    ]
    assert matrix.as_of == timezone.localdate(version.published_at)
    assert matrix.total_labels == ["1 of 3", "0 of 3", "0 of 3", "1 of 3", "0 of 3"]


def test_the_fact_matrix_page_shows_signed_in_words_and_ticks_for_screen_readers(client, answers, coder, question):
    CountryFact.objects.create(country=answers["AM"].reply.country, key="lanzarote_party", value="signed",
                               as_of="2010-01-01")
    CountryFact.objects.create(country=answers["FR"].reply.country, key="lanzarote_party", value="yes",
                               as_of="2010-01-01")
    client.force_login(coder)

    page = client.get(reverse("analysis:version_fact_matrix", args=[question.version.pk])).content.decode()

    assert '<th scope="col" class="small">State Party to the Lanzarote Convention (CETS 201)</th>' in page
    assert '<td class="text-center">SIGNED</td>' in page
    assert '<span aria-hidden="true">✓</span><span class="visually-hidden">yes</span>' in page
    assert "<caption>The round's 3 Parties: commitments and memberships on" in page
    assert reverse("analysis:version_fact_matrix_download", args=[question.version.pk, "docx"]) in page


def test_the_xlsx_holds_the_matrix_s_cells_with_a_formula_like_label_kept_as_text(client, coded, coder, question):
    Category.objects.filter(codebook__question=question, code="training").update(label_en="=HYPERLINK(\"x\",1)")
    client.force_login(coder)

    response = client.get(reverse("analysis:question_matrix_download", args=[question.pk, "xlsx"]))

    assert response["Content-Disposition"].startswith('attachment; filename="question-13-matrix-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]
    table = category_matrix_table(category_matrix(question))
    assert rows[0][0] == table.title == "Question 13. " + question.title + ": Parties by category"
    assert rows[1][0].startswith(f"The Secretariat's interpretation of the replies, as of {_today()}")
    assert rows[3] == table.header == ["Party", "Reading", "Specialist capacity", "Dedicated team",
                                       "Within a cybercrime unit", "=HYPERLINK(\"x\",1)", "No information in the reply"]
    formula_like = sheet.cell(row=4, column=6)
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert rows[4:8] == table.rows
    assert rows[5] == ["France", "Coders agree", "✓", "✓", "", "", ""]
    assert rows[8] == ["Parties", "1 of 4 counted", "1 of 4", "1 of 4", "0 of 4", "0 of 4", "0 of 4"]


def test_the_docx_has_the_table_the_chart_and_its_data(client, coded, coder, question):
    client.force_login(coder)

    response = client.get(reverse("analysis:question_matrix_download", args=[question.pk, "docx"]))

    document = docx.Document(io.BytesIO(response.getvalue()))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert any(text.startswith(f"The Secretariat's interpretation of the replies, as of {_today()}") for text in texts)
    matrix, data = document.tables
    assert [cell.text for cell in matrix.rows[0].cells] == ["Party", "Reading", *LABELS]
    assert [cell.text for cell in matrix.rows[2].cells] == ["France", "Coders agree", "✓", "✓", "", "", ""]
    assert [cell.text for cell in matrix.rows[-1].cells][2:] == ["1 of 4", "1 of 4", "0 of 4", "0 of 4", "0 of 4"]
    assert len(document.inline_shapes) == 1
    image = document.part.related_parts[document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image.content_type == "image/png" and image.blob.startswith(b"\x89PNG")
    assert [[cell.text for cell in row.cells] for row in data.rows] == [
        ["Category", "Parties"],
        *[[label, count] for label, count in zip(LABELS, ["1", "1", "0", "0", "0"], strict=True)],
    ]


def test_the_fact_matrix_downloads_as_a_dated_document(client, answers, coder, question):
    CountryFact.objects.create(country=answers["AM"].reply.country, key="uncrc_opsc_party", value="signed",
                               as_of="2001-01-01")
    client.force_login(coder)

    response = client.get(reverse("analysis:version_fact_matrix_download", args=[question.version.pk, "docx"]))

    document = docx.Document(io.BytesIO(response.getvalue()))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["Armenia", "", "SIGNED", "", "", ""]
    assert any(f"prepared on {_today()}" in paragraph.text for paragraph in document.paragraphs)


def test_the_chart_s_data_are_the_figures_and_stack_by_a_country_fact(coded, coder, question):
    coding_save(answer=coded["AM"], coder=coder, codes=[Code(category="cybercrime")])
    CountryFact.objects.create(country=coded["FR"].reply.country, key="budapest_party", value="yes", as_of="2000-01-01")
    findings = findings_of(question)

    spec = category_chart(findings, chart_rows(findings))

    figures = {figure.variable.label: figure.count for figure in findings.figures()
               if figure.variable.kind == "category"}
    assert {value["category"]: value["parties"] for value in spec["data"]["values"]} == figures
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["x"]["scale"]["domain"] == [0, 4]
    assert spec["encoding"]["y"]["scale"]["domain"] == LABELS  # a category no Party has stays on the axis
    stacked = category_chart(findings, chart_rows(findings, stack="budapest_party"), stack="budapest_party")
    assert [(v["category"], v["group"], v["parties"]) for v in stacked["data"]["values"]] == [
        ("Specialist capacity", "yes", 1), ("Specialist capacity", "not recorded", 1),
        ("Dedicated team", "yes", 1), ("Within a cybercrime unit", "not recorded", 1),
    ]
    assert stacked["encoding"]["color"]["title"] == "State Party to the Budapest Convention (ETS 185)"
    assert chart_png(spec).startswith(b"\x89PNG")


def test_the_figures_page_draws_the_chart_from_its_description_without_inline_script(client, coded, coder, question):
    client.force_login(coder)

    page = client.get(reverse("analysis:question_figures", args=[question.pk])).content.decode()

    spec = json.loads(re.search(r'<script id="chart-spec" type="application/json">(.*?)</script>', page).group(1))
    assert spec["data"]["values"][0] == {"category": "Specialist capacity", "group": "", "parties": 1}
    assert '<div class="chart" data-chart="chart-spec"' in page and "<caption>Data of the chart</caption>" in page
    assert re.findall(r"<script(?! src=)(?! id=\"chart-spec\" type=\"application/json\")", page) == []
    assert "/static/vendor/vega/vega-embed.min.js" in page and "/static/js/charts.js" in page
    assert reverse("analysis:question_matrix", args=[question.pk]) in page


@pytest.mark.parametrize("name, fmt", [
    ("analysis:question_matrix", None), ("analysis:question_matrix_download", "xlsx"),
    ("analysis:version_fact_matrix", None), ("analysis:version_fact_matrix_download", "docx"),
])
def test_the_steering_group_reads_the_matrices_and_focal_points_may_not(client, answers, question, name, fmt):
    target = question.version.pk if name.startswith("analysis:version") else question.pk
    url = reverse(name, args=[target, fmt] if fmt else [target])
    assert client.get(url).status_code == 302  # to the sign-in page

    client.force_login(FocalPointFactory(country=answers["FR"].reply.country).user)
    assert client.get(url).status_code == 403

    client.force_login(SteeringMemberFactory())
    assert client.get(url).status_code == 200


def test_an_unknown_format_is_not_found(client, coder, question):
    client.force_login(coder)

    assert client.get(reverse("analysis:question_matrix_download", args=[question.pk, "pdf"])).status_code == 404
