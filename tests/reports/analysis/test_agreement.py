"""Two coders' agreement: percent and Cohen's kappa per category, disagreements side by side, settling."""

import pytest
from django.urls import reverse

from reports.analysis.models import Coding
from reports.analysis.selectors import CategoryAgreement, agreement_of, findings_of
from reports.analysis.services import Code, coding_save

pytestmark = pytest.mark.django_db


def test_kappa_is_agreement_beyond_chance():
    # 20 answers: both 8, first only 2, second only 2, neither 8 -> observed 0.8, chance 0.5, kappa 0.6
    assert CategoryAgreement(None, 8, 2, 2, 8).kappa == pytest.approx(0.6)
    assert CategoryAgreement(None, 8, 2, 2, 8).percent == pytest.approx(80)
    assert CategoryAgreement(None, 5, 0, 0, 0).kappa is None  # every answer coded the same: not defined


@pytest.fixture
def two_codings(answers, coder, second_coder):
    """Both coders agree on France and Armenia; on Germany one says cybercrime, the other training."""
    for person in (coder, second_coder):
        coding_save(answer=answers["FR"], coder=person, codes=[
            Code(category="dedicated", quote="a dedicated team working solely", item_number="13.4")])
        coding_save(answer=answers["AM"], coder=person, codes=[Code(category="no-information")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="capacity"), Code(category="cybercrime")])
    coding_save(answer=answers["DE"], coder=second_coder, codes=[
        Code(category="training", quote="A cybercrime unit investigates", note="training is implied")])


def test_agreement_counts_each_category_and_lists_the_answer_they_differ_on(two_codings, question, answers):
    agreement = agreement_of(question)

    assert (agreement.compared, agreement.identical) == (3, 2)
    rows = {row.category.code: row for row in agreement.categories}
    assert (rows["capacity"].both, rows["capacity"].first_only, rows["capacity"].neither) == (1, 1, 1)
    assert rows["no-information"].kappa == pytest.approx(1.0)
    [disagreement] = agreement.disagreements
    assert disagreement.row.answer == answers["DE"]
    assert disagreement.differing == {"capacity", "cybercrime", "training"}


def test_the_agreement_page_shows_both_codings_side_by_side_and_settling_counts_the_answer(
    client, two_codings, question, answers, coder,
):
    client.force_login(coder)
    page = client.get(reverse("analysis:question_agreement", args=[question.pk])).content.decode()

    assert "Ada Coder and Bea Coder both coded 3 answers; they gave the same categories to 2." in page
    assert "1 disagreement" in page and "Not settled: counts in no figure" in page
    assert "<q>A cybercrime unit investigates</q>" in page and "training is implied" in page
    assert findings_of(question).figure(findings_of(question).variable("code:training")).count == 0

    settle = reverse("analysis:answer_code", args=[question.pk, answers["DE"].pk]) + "?settle=1"
    assert settle.replace("&", "&amp;") in page
    form = client.get(settle).content.decode()
    assert "Save as the settled coding" in form and "A cybercrime unit investigates" in form  # the other coder's
    response = client.post(settle, {
        "settle": "1", "coding-apply_training": "on", "coding-quote_training": "A cybercrime unit investigates",
    })

    assert response["Location"].endswith(reverse("analysis:question_agreement", args=[question.pk])
                                          + f"#party-{answers['DE'].pk}")
    final = Coding.objects.get(is_final=True)
    assert [a.category.code for a in final.assignments.all()] == ["training"]
    findings = findings_of(question)
    assert findings.figure(findings.variable("code:training")).count == 1
