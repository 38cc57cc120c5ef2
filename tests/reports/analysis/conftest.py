import pytest

from questionnaires.services import ItemValue
from reports.analysis.services import codebook_import_yaml
from tests.factories import CountryFactory, ReviewerFactory, approved_answer

CODEBOOK = """\
question: "13"
categories:
  - code: capacity
    label: {en: Specialist capacity, fr: Capacité spécialisée}
    one_subcategory_only: true
    categories:
      - code: dedicated
        label: {en: Dedicated team, fr: Équipe dédiée}
      - code: cybercrime
        label: {en: Within a cybercrime unit, fr: Au sein d'une unité de cybercriminalité}
  - code: training
    label: {en: Specialised training, fr: Formation spécialisée}
  - code: no-information
    label: {en: No information in the reply, fr: Pas d'information}
    no_information: true
"""

TEXTS = {
    "FR": "The national police has a dedicated team working solely on these offences. Its staff are trained.",
    "DE": "A cybercrime unit investigates these offences.",
    "AM": "The prosecution service has specialised prosecutors.",
}


@pytest.fixture
def coder():
    return ReviewerFactory(username="coder-one", first_name="Ada", last_name="Coder")


@pytest.fixture
def second_coder():
    return ReviewerFactory(username="coder-two", first_name="Bea", last_name="Coder")


@pytest.fixture
def question(published_version):
    question = published_version.questions.get(number="13")
    codebook_import_yaml(question=question, text=CODEBOOK)
    return question


@pytest.fixture
def answers(published_version, question):
    """Approved answers of France, Germany and Armenia to question 13, keyed by ISO code; Armenia says no
    to 13.1.a."""
    names = {"FR": "France", "DE": "Germany", "AM": "Armenia"}
    return {
        iso: approved_answer(version=published_version, country=CountryFactory(iso_code=iso, name=names[iso]),
                             number="13", values={
                                 "13.1.a": ItemValue(yes_no="no" if iso == "AM" else "yes"),
                                 "13.4": ItemValue(text=f"<p>{text}</p>"),
                             })
        for iso, text in TEXTS.items()
    }
