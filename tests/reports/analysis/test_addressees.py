"""Figures of a question or an item addressed to named Parties only: "N of M Parties" counts the
addressees in M, never the Parties that were not asked."""

import pytest
from django.urls import reverse

from questionnaires.services import ItemValue, version_import_yaml, version_publish
from reports.analysis.selectors import figure_values, findings_of
from tests.factories import CountryFactory, ReviewerFactory, approved_answer

pytestmark = pytest.mark.django_db

YAML = """\
code: named
version: "1"
title: {en: Named Parties}
sections:
  - code: s
    title: {en: Section}
    questions:
      - number: "1"
        title: {en: For every Party}
        items:
          - {number: "1.1", type: yes_no, text: {en: "Any unit?"}}
          - number: "1.2"
            type: multi_choice
            text: {en: "Which units?"}
            addressees: [BE]
            choices: [{code: a, label: {en: Police}}, {code: b, label: {en: Justice}}]
          - number: "1.3"
            type: choice
            text: {en: "Since when?"}
            addressees: [BE, LU]
            choices: [{code: old, label: {en: Before 2010}}, {code: new, label: {en: After 2010}}]
      - number: "2"
        title: {en: R2 urges Belgium and Luxembourg}
        addressees: [BE, LU]
        items:
          - {number: "2.1", type: yes_no, text: {en: "Done?"}}
"""


@pytest.fixture
def version():
    for code, name in (("BE", "Belgium"), ("LU", "Luxembourg"), ("FR", "France"), ("IT", "Italy")):
        CountryFactory(iso_code=code, name=name)
    version = version_publish(version=version_import_yaml(text=YAML))
    parties = {country.iso_code: country for country in version.parties.all()}
    answers = {
        ("BE", "1"): {"1.1": ItemValue(yes_no="yes"), "1.2": ItemValue(choices=("a",)), "1.3": ItemValue(choice="old")},
        ("LU", "1"): {"1.1": ItemValue(yes_no="no"), "1.3": ItemValue(choice="old")},
        ("FR", "1"): {"1.1": ItemValue(yes_no="yes")},
        ("BE", "2"): {"2.1": ItemValue(yes_no="yes")},
        ("LU", "2"): {"2.1": ItemValue(yes_no="no")},
    }
    for (code, number), values in answers.items():
        approved_answer(version=version, country=parties[code], number=number, values=values)
    return version


def _figure(findings, key):
    figure = findings.figure(findings.variable(key))
    return figure.count, figure.total, figure.read


def test_a_question_addressed_to_two_parties_counts_of_those_two(version):
    findings = findings_of(version.questions.get(number="2"))

    assert findings.total_parties == 2
    assert [reading.country.name for reading in findings.readings] == ["Belgium", "Luxembourg"]
    assert _figure(findings, "item:2.1=yes") == (1, 2, 2)


def test_an_item_addressed_to_named_parties_counts_of_its_addressees_only(version):
    findings = findings_of(version.questions.get(number="1"))

    assert findings.total_parties == 4
    assert _figure(findings, "item:1.1=yes") == (2, 4, 3)
    assert _figure(findings, "item:1.2=a") == (1, 1, 1)
    assert _figure(findings, "item:1.2=b") == (0, 1, 1)  # France and Italy were not asked: not "read"
    assert _figure(findings, "item:1.3=old") == (2, 2, 2)


def test_the_figures_page_says_how_many_parties_are_asked(client, version):
    client.force_login(ReviewerFactory())
    question = version.questions.get(number="2")

    page = client.get(reverse("analysis:question_figures", args=[question.pk])).content.decode()

    assert "2 Parties of the round are asked this question" in page
    assert "1 of 2 Parties" in page and "of 4 Parties" not in page


def test_the_parties_reference_of_the_observations_counts_those_asked(version):
    values = figure_values(findings_of(version.questions.get(number="2")))

    assert (values["parties"]["count"], values["parties"]["label_en"]) == (2, "Parties asked the question")
    assert values["parties"]["label_fr"] == "Parties auxquelles la question est posée"
    assert (values["item:2.1=yes"]["count"], values["item:2.1=yes"]["total"]) == (1, 2)


def test_the_coding_matrix_of_an_addressed_question_names_the_parties_asked(client, version):
    client.force_login(ReviewerFactory())
    question = version.questions.get(number="2")

    page = client.get(reverse("analysis:question_matrix", args=[question.pk])).content.decode()

    assert "Question 2: the 2 Parties asked, by category" in page
    assert "the round&#x27;s" not in page and "the round's" not in page
