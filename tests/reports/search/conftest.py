import pytest

from questionnaires.services import version_import_yaml, version_publish
from tests.factories import questionnaire_yaml


def round_version(round_number: int, *, questions: int = 2, code: str | None = None):
    """A published version of a round with ``questions`` questions (text item N.1, choice item N.2)."""
    text = questionnaire_yaml(questions=questions, code=code or f"round-{round_number}")
    text = text.replace('version: "1"', f'version: "1"\nround: {round_number}')
    return version_publish(version=version_import_yaml(text=text))


@pytest.fixture
def round_one(db):
    return round_version(1)


@pytest.fixture
def round_two(db):
    return round_version(2)
