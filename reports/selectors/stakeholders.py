"""What a compilation's part "Contributions from other stakeholders" holds, read from the questionnaires
through their selectors: the stakeholders' approved answers whose reply may be published, and the
accepted comments that may be published. Nothing unapproved, unaccepted or unpublishable ever comes here.
"""

import hashlib
from dataclasses import dataclass, field

from countries.models import Country, Organisation
from questionnaires import selectors as questionnaire_selectors
from questionnaires.contributions import selectors as contribution_selectors
from questionnaires.models import Answer, Question, Version


@dataclass
class StakeholderEntry:
    """One organisation's approved answer to a question, laid out like a Party's."""

    organisation: Organisation
    answer: Answer
    values: dict = field(default_factory=dict)  # item id -> ItemAnswer

    @property
    def language(self) -> str:
        return self.answer.language


@dataclass
class StakeholderContents:
    """Per question id, the stakeholders' answers and the comments; ``general`` holds the comments on a
    Party's reply as a whole (only in that Party's compilation)."""

    answers: dict[int, list[StakeholderEntry]] = field(default_factory=dict)
    comments: dict[int, list] = field(default_factory=dict)
    general: list = field(default_factory=list)


def _organisations_of(country: Country | None):
    """A Party's compilation takes the answers of the organisations based in that Party; the others take all."""
    return None if country is None else [country.pk]


def stakeholder_contents(version: Version, questions: list[Question],
                         country: Country | None = None) -> StakeholderContents:
    """Everything the part prints, in a fixed number of queries."""
    contents = StakeholderContents()
    question_ids = [question.pk for question in questions]
    for answer in questionnaire_selectors.stakeholder_answers_to_compile(
            version, questions, organisation_countries=_organisations_of(country)):
        organisation = answer.reply.organisation
        values = {item_answer.item_id: item_answer for item_answer in answer.item_answers.all()}
        contents.answers.setdefault(answer.question_id, []).append(StakeholderEntry(organisation, answer, values))
    for comment in contribution_selectors.contributions_to_compile(
            version_id=version.pk, question_ids=question_ids, country_id=country.pk if country else None):
        if comment.question_id is None:
            contents.general.append(comment)
        else:
            contents.comments.setdefault(comment.question_id, []).append(comment)
    return contents


def stakeholder_digest(version: Version, questions: list[Question], country: Country | None = None) -> list:
    """What of the part a compilation's fingerprint depends on: each included answer at its revision and
    each included comment, with the names and texts printed."""
    answers = [
        [answer.pk, answer.revision, _organisation_key(answer.reply.organisation)]
        for answer in questionnaire_selectors.stakeholder_answers_to_compile(
            version, questions, organisation_countries=_organisations_of(country), with_values=False)
    ]
    comments = [
        [comment.pk, comment.question_id, comment.country_id, comment.language,
         hashlib.sha256(comment.body.encode()).hexdigest(), _organisation_key(comment.organisation)]
        for comment in contribution_selectors.contributions_to_compile(
            version_id=version.pk, question_ids=[q.pk for q in questions], country_id=country.pk if country else None)
    ]
    return [sorted(answers), sorted(comments)]


def _organisation_key(organisation: Organisation) -> list:
    return [organisation.pk, organisation.name, organisation.type, organisation.country_id]


def add_contributions(blocks: list, version: Version, questions: list[Question],
                      country: Country | None = None) -> list:
    """Give each question's block its part on other stakeholders; returns the comments on the Party's
    reply as a whole (a Party's compilation only)."""
    contents = stakeholder_contents(version, questions, country)
    for block in blocks:
        block.contributions = True
        block.stakeholders = contents.answers.get(block.question.pk, [])
        block.comments = contents.comments.get(block.question.pk, [])
    return contents.general
