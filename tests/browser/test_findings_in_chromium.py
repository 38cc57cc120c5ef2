"""Findings in a real browser: a passage selected in the answer becomes the quote of a category; a
disagreement between two coders is settled from the agreement page; a matrix is downloaded as XLSX."""

import io

import pytest
from openpyxl import load_workbook

from questionnaires.services import ItemValue
from reports.analysis.models import Coding
from reports.analysis.services import Code, codebook_import_yaml, coding_save
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations
from tests.factories import CountryFactory, ReviewerFactory, SteeringMemberFactory, approved_answer
from tests.reports.analysis.conftest import CODEBOOK, TEXTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coded_round(published_version):
    question = published_version.questions.get(number="13")
    codebook_import_yaml(question=question, text=CODEBOOK)
    names = {"FR": "France", "DE": "Germany", "AM": "Armenia"}
    answers = {
        iso: approved_answer(version=published_version, country=CountryFactory(iso_code=iso, name=names[iso]),
                             number="13", values={"13.4": ItemValue(text=f"<p>{TEXTS[iso]}</p>")})
        for iso in TEXTS
    }
    coder = ReviewerFactory(username="ada", first_name="Ada", last_name="Coder")
    return question, answers, coder


def test_a_coder_selects_the_passage_that_supports_a_category(browser, live_server, coded_round):
    question, answers, coder = coded_round
    page = browser.new_page()
    sign_in(page, live_server, "ada")
    page.goto(f"{live_server.url}/findings/questions/{question.pk}/coding/")
    page.click("a:has-text('Code France')")
    assert page.locator("h1").inner_text().startswith("France")
    assert _serious_violations(page) == []

    page.evaluate("""() => {
        const text = document.querySelector('.answer-text[data-item="13.4"]').firstChild;
        const start = text.textContent.indexOf('a dedicated team');
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 'a dedicated team working solely'.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    page.click("button.use-selection[data-category='dedicated']")
    assert page.input_value("#id_coding-quote_dedicated") == "a dedicated team working solely"
    assert page.is_checked("#id_coding-apply_dedicated")
    page.check("#id_coding-apply_capacity")
    page.click("button:has-text('Save and code')")

    page.wait_for_url(f"**/answers/{answers['DE'].pk}/code/")  # on to the next Party not yet coded
    assignment = Coding.objects.get(answer=answers["FR"]).assignments.get(category__code="dedicated")
    assert (assignment.quote, assignment.item_number, assignment.start) == (
        "a dedicated team working solely", "13.4", TEXTS["FR"].index("a dedicated team"))


def test_the_secretariat_settles_a_disagreement_from_the_agreement_page(browser, live_server, coded_round):
    question, answers, coder = coded_round
    other = ReviewerFactory(username="bea", first_name="Bea", last_name="Coder")
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="cybercrime")])
    coding_save(answer=answers["DE"], coder=other, codes=[Code(category="training")])
    page = browser.new_page()
    sign_in(page, live_server, "ada")
    page.goto(f"{live_server.url}/findings/questions/{question.pk}/agreement/")
    assert "Not settled: counts in no figure" in page.inner_text("main")
    assert _serious_violations(page) == []

    page.click("a:has-text('Settle the final code')")
    page.uncheck("#id_coding-apply_capacity")
    page.uncheck("#id_coding-apply_cybercrime")
    page.check("#id_coding-apply_training")
    page.click("button:has-text('Save as the settled coding')")

    page.wait_for_url(f"**/questions/{question.pk}/agreement/*")
    assert "Settled" in page.inner_text(f"#party-{answers['DE'].pk}")
    final = Coding.objects.get(answer=answers["DE"], is_final=True)
    assert [a.category.code for a in final.assignments.all()] == ["training"]


def test_the_findings_pages_have_no_serious_accessibility_violations(browser, live_server, coded_round):
    question, answers, coder = coded_round
    coding_save(answer=answers["FR"], coder=coder, codes=[
        Code(category="capacity"), Code(category="dedicated", quote="a dedicated team", item_number="13.4")])
    page = browser.new_page()
    sign_in(page, live_server, "ada")
    problems = {}
    for path in [f"/findings/versions/{question.version_id}/", f"/findings/questions/{question.pk}/coding/",
                 f"/findings/questions/{question.pk}/figures/?show=code:capacity&a=code:capacity&b=item:13.1.a%3Dyes"]:
        page.goto(live_server.url + path)
        problems[path] = _serious_violations(page)

    assert problems == dict.fromkeys(problems, [])
    assert "1 of 3 Parties" in page.inner_text("main")


def test_the_steering_group_downloads_the_matrix_of_a_question_as_a_spreadsheet(browser, live_server, coded_round):
    question, answers, coder = coded_round
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])
    SteeringMemberFactory(username="sam")
    page = browser.new_page()
    sign_in(page, live_server, "sam")
    page.goto(f"{live_server.url}/findings/questions/{question.pk}/figures/")
    page.click("a:has-text('Matrix of the Parties by category')")
    assert _serious_violations(page) == []

    with page.expect_download() as download:
        page.click("a:has-text('Download as XLSX')")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as downloaded:
        sheet = load_workbook(io.BytesIO(downloaded.read())).active

    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    france = next(row for row in rows if row and row[0] == "France")
    header = next(row for row in rows if row and row[0] == "Party")
    assert france[header.index("Dedicated team")] == "✓"
    assert france[header.index("Specialised training")] in (None, "")
