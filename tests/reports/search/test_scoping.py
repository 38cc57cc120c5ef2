"""Each user finds only what they may read, as on the pages: focal points their country's replies and what
is published, the steering group approved answers, the secretariat everything, other stakeholders their
organisation's reply and what is published, rapporteurs the approved answers to their questions."""

import io

import pytest
from django.core.management import call_command

from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_decide, answer_save
from questionnaires.workflow import Action
from reports.analysis.models import Rapporteur
from reports.publication.models import Publication
from reports.publication.services import reply_publish, reply_unpublish
from reports.search.selectors import SearchFilters, search
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    OrganisationFactory,
    ReviewerFactory,
    StakeholderFactory,
    SteeringMemberFactory,
    UserFactory,
    party_reply_start,
    stakeholder_answer,
)

WORD = "zebrafish"


def _answer(version, country, state, text=f"<p>A {WORD} programme.</p>", number="1"):
    reply = party_reply_start(version=version, country=country)
    answer = answer_save(answer=reply.answers.get(question__number=number),
                         values={f"{number}.1": ItemValue(text=text)}, user=None)
    Answer.objects.filter(pk=answer.pk).update(state=state)
    answer.refresh_from_db()
    return answer


def _found(user, text=WORD) -> set[tuple]:
    """(kind, respondent name) of every hit."""
    results = search(user, SearchFilters(text=text))
    assert results.total == len(results.hits)
    return {(hit.document.kind, (hit.document.country or hit.document.organisation).name) for hit in results.hits}


@pytest.fixture
def world(round_one):
    a, b, c = CountryFactory(name="Aland"), CountryFactory(name="Borduria"), CountryFactory(name="Carpania")
    draft_a = _answer(round_one, a, Answer.State.DRAFT)
    approved_b = _answer(round_one, b, Answer.State.APPROVED)
    approved_c = _answer(round_one, c, Answer.State.APPROVED)
    reply_publish(version=round_one, country=c, user=None)
    ngo, other_ngo = OrganisationFactory(name="Kids NGO"), OrganisationFactory(name="Hidden NGO")
    stakeholder_answer(version=round_one, organisation=ngo, number="1", state=Answer.State.DRAFT,
                       values={"1.1": ItemValue(text=f"<p>{WORD}</p>")})
    stakeholder_answer(version=round_one, organisation=other_ngo, number="1", publishable=False,
                       values={"1.1": ItemValue(text=f"<p>{WORD}</p>")})
    return {"a": a, "b": b, "c": c, "draft_a": draft_a, "approved_b": approved_b, "approved_c": approved_c,
            "ngo": ngo, "version": round_one}


def test_the_secretariat_finds_every_answer_once(world):
    assert _found(ReviewerFactory()) == {("answer", "Aland"), ("answer", "Borduria"), ("answer", "Carpania"),
                                         ("answer", "Kids NGO"), ("answer", "Hidden NGO")}


def test_a_focal_point_finds_its_country_and_what_is_published(world):
    assert _found(FocalPointFactory(country=world["a"]).user) == {("answer", "Aland"), ("published", "Carpania")}
    # its own published answer is found once, as it stands
    assert _found(FocalPointFactory(country=world["c"]).user) == {("answer", "Carpania")}


def test_the_steering_group_finds_approved_answers_that_may_be_read(world):
    assert _found(SteeringMemberFactory()) == {("answer", "Borduria"), ("answer", "Carpania")}


def test_a_stakeholder_finds_its_reply_and_what_is_published(world):
    contact = StakeholderFactory(organisation=world["ngo"]).user
    assert _found(contact) == {("answer", "Kids NGO"), ("published", "Carpania")}


def test_a_rapporteur_finds_the_approved_answers_to_its_questions(world):
    rapporteur = UserFactory()
    Rapporteur.objects.create(user=rapporteur, question=world["approved_b"].question)
    assert _found(rapporteur) == {("answer", "Borduria"), ("answer", "Carpania")}
    other = UserFactory()
    Rapporteur.objects.create(user=other, question=world["version"].questions.get(number="2"))
    assert _found(other) == {("published", "Carpania")}


def test_a_signed_in_user_without_a_role_finds_what_is_published_and_anonymous_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert _found(UserFactory()) == {("published", "Carpania")}
    assert search(AnonymousUser(), SearchFilters(text=WORD)).total == 0


def test_a_decision_changes_what_is_found_at_once(world):
    steering, reviewer = SteeringMemberFactory(), ReviewerFactory()
    answer_decide(answer=world["approved_b"], action=Action.REOPENED, reviewer=reviewer, reason="Check.")
    assert _found(steering) == {("answer", "Carpania")}


def test_unpublishing_hides_the_snapshot(world):
    focal_a = FocalPointFactory(country=world["a"]).user
    publication = Publication.objects.get(country=world["c"], ended_at__isnull=True)
    reply_unpublish(publication=publication, user=None, reason="Withdrawn.")
    assert _found(focal_a) == {("answer", "Aland")}


def test_an_edit_after_publication_is_not_shown_to_others(world):
    answer = world["approved_c"]
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.RETURNED)
    answer_save(answer=answer, values={"1.1": ItemValue(text="<p>A secret okapi plan.</p>")}, user=None)
    focal_a = FocalPointFactory(country=world["a"]).user
    assert _found(focal_a, "okapi") == set()
    assert _found(focal_a) == {("answer", "Aland"), ("published", "Carpania")}
    assert _found(FocalPointFactory(country=world["c"]).user, "okapi") == {("answer", "Carpania")}


def test_questions_of_issued_versions_are_found_by_everyone(round_one):
    assert search(UserFactory(), SearchFilters(text="Describe")).total == 4  # two questions, in English and French


def test_rebuilding_the_index_finds_the_same(world):
    from reports.search.models import SearchDocument

    before = set(SearchDocument.objects.values_list("kind", "answer_id", "published_answer_id", "question_id",
                                                    "language", "body"))
    SearchDocument.objects.all().delete()
    call_command("search_rebuild", stdout=io.StringIO())

    after = set(SearchDocument.objects.values_list("kind", "answer_id", "published_answer_id", "question_id",
                                                   "language", "body"))
    assert after == before
    assert _found(FocalPointFactory(country=world["a"]).user) == {("answer", "Aland"), ("published", "Carpania")}
