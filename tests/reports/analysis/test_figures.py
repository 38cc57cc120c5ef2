"""Figures from codings: "N of M Parties" with both denominators, drill-down, cross-table, filters, and
the baseline report's Question 13 figures rebuilt from coded replies."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from countries.models import CountryFact
from reports.analysis.demo import baseline_findings, baseline_round_build
from reports.analysis.selectors import agreement_of, findings_of
from reports.analysis.services import Code, coding_save
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, SteeringMemberFactory

pytestmark = pytest.mark.django_db


def _figure(findings, key):
    return findings.figure(findings.variable(key))


def test_a_category_counts_the_parties_whose_coding_has_it_or_a_subcategory(answers, coder, question):
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="capacity"), Code(category="dedicated")])
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="cybercrime")])
    CountryFactory(iso_code="IT", name="Italy")  # a Party of the round that has not replied
    question.version.parties.add(CountryFactory(iso_code="IT"))

    findings = findings_of(question)

    capacity = _figure(findings, "code:capacity")
    assert (capacity.count, capacity.total, capacity.read) == (2, 4, 2)
    assert [reading.country.name for reading in capacity.parties] == ["France", "Germany"]
    said_yes = _figure(findings, "item:13.1.a=yes")
    assert (said_yes.count, said_yes.total, said_yes.read) == (2, 4, 3)


def test_coders_who_disagree_count_in_no_figure_until_the_secretariat_settles(
    answers, coder, second_coder, question,
):
    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="training")])
    coding_save(answer=answers["FR"], coder=second_coder, codes=[Code(category="capacity")])
    assert _figure(findings_of(question), "code:training").count == 0
    assert findings_of(question).status_counts()["disagreement"] == 1

    coding_save(answer=answers["FR"], coder=coder, codes=[Code(category="training")], is_final=True)

    assert _figure(findings_of(question), "code:training").count == 1


def test_a_cross_table_counts_parties_read_for_both_variables(answers, coder, question):
    for iso in ("FR", "DE", "AM"):
        coding_save(answer=answers[iso], coder=coder,
                    codes=[Code(category="training")] if iso != "DE" else [Code(category="capacity")])
    findings = findings_of(question)

    table = findings.crosstab(findings.variable("item:13.1.a=yes"), findings.variable("code:training"))

    assert (table["both"], table["first_only"], table["second_only"], table["neither"]) == (1, 1, 1, 0)


def test_a_filter_by_a_country_fact_changes_the_round_s_denominator(answers, coder, question):
    germany = answers["DE"].reply.country
    CountryFact.objects.create(country=germany, key="budapest_party", value="yes", as_of="2010-01-01")
    coding_save(answer=answers["DE"], coder=coder, codes=[Code(category="cybercrime")])

    findings = findings_of(question, fact="budapest_party", value="yes")

    assert findings.total_parties == 1 and _figure(findings, "code:capacity").count == 1
    assert "Parties with State Party to the Budapest Convention (ETS 185): yes" == findings.filter_label


def test_the_figures_page_says_whose_interpretation_it_is_and_drills_down_to_the_passages(
    client, answers, coder, question,
):
    coding_save(answer=answers["FR"], coder=coder, codes=[
        Code(category="capacity"), Code(category="dedicated", quote="a dedicated team", item_number="13.4"),
    ])
    client.force_login(coder)

    page = client.get(reverse("analysis:question_figures", args=[question.pk]) + "?show=code:dedicated").content.decode()

    assert "The Secretariat's interpretation of the replies, as of" in page
    assert "1 of 3 Parties" in page and "1 of 1 read" in page
    assert "Dedicated team: 1 of 3 Parties" in page and "<q>a dedicated team</q>" in page
    assert "13.1.a = Yes" in page and "13.1.b = Yes" not in page  # no Party's answer fills in 13.1.b
    assert "structured items that no Party's answer fills in are not listed." in page


def test_the_steering_group_sees_the_figures_without_the_passages_and_focal_points_see_nothing(
    client, answers, coder, question,
):
    coding_save(answer=answers["FR"], coder=coder, codes=[
        Code(category="capacity"), Code(category="dedicated", quote="a dedicated team", item_number="13.4"),
    ])
    url = reverse("analysis:question_figures", args=[question.pk]) + "?show=code:dedicated"
    client.force_login(SteeringMemberFactory())
    page = client.get(url).content.decode()
    assert "Dedicated team: 1 of 3 Parties" in page and "France" in page and "a dedicated team" not in page

    client.force_login(FocalPointFactory(country=answers["FR"].reply.country).user)
    assert client.get(url).status_code == 403


@pytest.fixture
def round_of_43(published_version):
    published_version.parties.set([CountryFactory(name=f"Party {n:02}") for n in range(43)])
    return published_version


def test_the_baseline_figures_for_question_13_come_from_coded_replies(round_of_43):
    version = baseline_round_build(source=round_of_43, coder=ReviewerFactory(), second_coder=ReviewerFactory())
    findings = baseline_findings(version)
    agreement = agreement_of(version.questions.get(number="13"))
    assert (agreement.compared, len(agreement.disagreements)) == (11, 2)
    assert all(d.row.final is not None for d in agreement.disagreements)  # settled: they count in the figures

    capacity, dedicated, within = (_figure(findings, key) for key in ("code:capacity", "code:dedicated",
                                                                      "code:within-unit"))
    assert (capacity.count, capacity.total) == (40, 43)
    assert (dedicated.count, within.count) == (16, 24)
    assert [r.country.name for r in dedicated.parties] == [f"Party {n:02}" for n in range(16)]
    assert all("dedicated team working solely" in r.passages["dedicated"].quote for r in dedicated.parties)


def test_the_findings_demo_command_prints_the_baseline_sentence(round_of_43, capsys):
    ReviewerFactory()

    call_command("findings_demo")

    output = capsys.readouterr().out
    assert ("40 out of 43 State Parties responded that they had some specialist capacity to investigate; of these, "
            "16 responded that there was a dedicated team") in output
    assert "In the remaining 24 the capacity was located within units" in output
