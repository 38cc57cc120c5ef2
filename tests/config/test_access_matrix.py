"""Every URL of the project against every role, with two-factor authentication required.

Each named URL pattern has an entry: how to call it and what each role gets, exactly: the HTTP status
(200 served, 302 an action done and redirected, 400 an empty form refused with a message, 403 a role
that may not, 404 an object the user may not know exists), or ``login`` for a redirect to a sign-in page
and ``second factor`` for one to the code page. A URL pattern added without an entry here fails
``test_every_url_pattern_has_an_entry``. The rapporteur is appointed to the question of ``question_pk``
(whose answers in the test world are drafts). The stakeholder's organisation is invited to the round
and has a draft, a submitted and an accepted comment on country A (the last published). Reviewers and
administrators sign in with their second factor; a reviewer who has not given it yet (``reviewer_without_code``) is sent
to the code page from everywhere but the pages listed in ``OPEN_WITHOUT_SECOND_FACTOR``.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from questionnaires.contributions.services import (
    contribution_save,
    contribution_screen,
    contribution_submit,
    invitation_create,
)
from questionnaires.models import Answer, ItemAnswer
from questionnaires.permissions import ADMINISTRATORS
from questionnaires.services import (
    ItemValue,
    answer_save,
    attachment_add_file,
    comment_add,
    reply_start,
    version_import_yaml,
    version_publish,
)
from reports.analysis.models import Rapporteur
from reports.api.services import token_create
from reports.followup.models import CarriedRecommendation, Recommendation
from reports.models import Compilation
from reports.publication.services import reply_publish, stakeholder_publish
from reports.services import compilation_build, compilation_request
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    CountryFactory,
    FocalPointFactory,
    OrganisationFactory,
    ReviewerFactory,
    StakeholderFactory,
    SteeringMemberFactory,
    UserFactory,
    party_reply_start,
)

ROLES = ("anonymous", "focal_a", "focal_b", "reviewer", "steering", "admin", "rapporteur", "stakeholder",
         "reviewer_without_code")
SIGNED_IN_ROLES = ("focal_a", "focal_b", "reviewer", "steering", "admin", "rapporteur", "stakeholder")
# Outcomes: an HTTP status, or where a redirect leads.
LOGIN, SECOND_FACTOR = "login", "second factor"
SERVED, REDIRECTED, REFUSED_FORM, FORBIDDEN, HIDDEN = 200, 302, 400, 403, 404


@dataclass(frozen=True)
class Entry:
    method: str
    args: str  # which objects of the world fill the URL's arguments
    expected: dict
    data: tuple = ()  # (field, object of the world) pairs posted with the request


def expect(*allowed, ok=SERVED, hidden=(), **exceptions) -> dict:
    """The outcome for every role: ``ok`` for the ``allowed`` roles, 404 for the ``hidden`` ones (the
    object is another country's, or not published to them: they may not learn it exists), 403 for the
    other signed-in roles; anonymous users go to the sign-in page, a reviewer without a second factor
    to the code page. ``exceptions`` set single roles."""
    outcome = {"anonymous": LOGIN, "reviewer_without_code": SECOND_FACTOR}
    for role in SIGNED_IN_ROLES:
        outcome[role] = ok if role in allowed else HIDDEN if role in hidden else FORBIDDEN
    return {**outcome, **exceptions}


def everyone(outcome, **exceptions) -> dict:
    return {**dict.fromkeys(ROLES, outcome), **exceptions}


SIGNED_IN = expect(*SIGNED_IN_ROLES)
PUBLIC = everyone(SERVED, reviewer_without_code=SECOND_FACTOR)
# may not see country A's unapproved reply; a stakeholder never sees a Party's reply
OTHERS_OF_REPLY_A = ("focal_b", "steering", "rapporteur", "stakeholder")
FOCAL_POINTS = ("focal_a", "focal_b")
# compilations are not published to them in the test world
NOT_PUBLISHED_TO = (*FOCAL_POINTS, "rapporteur", "stakeholder")
SECRETARIAT = ("reviewer", "admin")
SECRETARIAT_AND_STEERING = ("reviewer", "steering", "admin")
SECRETARIAT_AND_RAPPORTEUR = ("reviewer", "admin", "rapporteur")  # the rapporteur of the question

MATRIX = {
    "home": Entry("get", "", SIGNED_IN),
    "questionnaires:reply_start": Entry("post", "version", expect(*FOCAL_POINTS, "stakeholder", ok=REDIRECTED)),
    # the stakeholder's own reply to the questionnaire: hidden from the Parties and the steering group
    "questionnaires:reply_publishable": Entry("post", "stakeholder_reply", expect(
        "stakeholder", ok=REDIRECTED, hidden=(*FOCAL_POINTS, "steering", "rapporteur"))),
    "questionnaires:reply_detail": Entry("get", "reply", expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:reply_check": Entry("get", "reply", expect("focal_a", hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:reply_submit": Entry("post", "reply", expect("focal_a", ok=REDIRECTED, hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:question_edit": Entry("get", "reply,question",
                                          expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    # an empty autosave is refused with a JSON message
    "questionnaires:question_autosave": Entry("post", "reply,question",
                                              expect("focal_a", ok=REFUSED_FORM, hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:answer_history": Entry("get", "reply,question",
                                           expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    # the item without a file or a link: the question page again, the refusal beside the item
    # the confirmation of a restore; the reviewers may read the history but not edit the answer
    "questionnaires:answer_revision_restore": Entry("get", "reply,question,first_revision",
                                                    expect("focal_a", hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:attachment_add": Entry("post", "reply,question",
                                           expect("focal_a", ok=REFUSED_FORM, hidden=OTHERS_OF_REPLY_A),
                                           data=(("item", "files_item"),)),
    "questionnaires:attachment_remove": Entry("post", "reply,question,attachment",
                                              expect("focal_a", ok=REDIRECTED, hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:attachment_download": Entry("get", "attachment",
                                                expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:notification_settings": Entry("get", "", SIGNED_IN),
    "questionnaires:version_diff": Entry("get", "version,version", expect(*SECRETARIAT)),
    "questionnaires:version_preview": Entry("get", "version", expect(*SECRETARIAT)),
    "questionnaires:review_queue": Entry("get", "", expect(*SECRETARIAT)),
    "questionnaires:answers_approve": Entry("post", "", expect(*SECRETARIAT, ok=REDIRECTED)),
    "questionnaires:answer_review": Entry("get", "answer", expect(*SECRETARIAT)),
    "questionnaires:answer_decide": Entry("post", "answer", expect(*SECRETARIAT, ok=REDIRECTED)),
    "questionnaires:comment_post": Entry("post", "answer", expect("focal_a", *SECRETARIAT, ok=REDIRECTED,
                                                                  hidden=OTHERS_OF_REPLY_A)),
    "contributions:own_comments": Entry("get", "", expect("stakeholder")),
    "contributions:invitations": Entry("get", "", expect(*SECRETARIAT)),
    "contributions:contribution_new": Entry("get", "invitation", expect("stakeholder")),
    "contributions:screening_list": Entry("get", "", expect(*SECRETARIAT)),
    # a comment accepted and forwarded to country A: its organisation, the secretariat and A's focal points
    "contributions:contribution_detail": Entry("get", "contribution", expect(
        "stakeholder", "focal_a", *SECRETARIAT, hidden=("focal_b", "steering", "rapporteur"))),
    # a draft: its organisation's only
    "contributions:contribution_edit": Entry("get", "draft", expect(
        "stakeholder", hidden=("focal_a", "focal_b", "reviewer", "steering", "admin", "rapporteur"))),
    "contributions:contribution_submit": Entry("post", "draft", expect(
        "stakeholder", ok=REDIRECTED, hidden=("focal_a", "focal_b", "reviewer", "steering", "admin", "rapporteur"))),
    # no decision chosen: back to the comment with the reason
    "contributions:contribution_screen": Entry("post", "submitted", expect(*SECRETARIAT, ok=REDIRECTED)),
    # an empty response: back to the reply's page with the reason
    "contributions:response_add": Entry("post", "contribution", expect(
        "focal_a", ok=REDIRECTED, hidden=("focal_b", "steering", "rapporteur"))),
    "reports:progress": Entry("get", "", expect(*SECRETARIAT_AND_STEERING)),
    "reports:version_progress": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "reports:country_progress": Entry("get", "version,country", expect(*SECRETARIAT_AND_STEERING)),
    "reports:compilation_list": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "reports:compilation_request": Entry("post", "version", expect(*SECRETARIAT_AND_STEERING, ok=REDIRECTED),
                                         data=(("kind", "kind"), ("question", "question_pk"))),
    "reports:compilation_detail": Entry("get", "compilation",
                                        expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "reports:compilation_status": Entry("get", "compilation",
                                        expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "reports:compilation_preview": Entry("get", "compilation",
                                         expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "reports:compilation_download": Entry("get", "compilation,docx",
                                          expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "reports:compilation_retry": Entry("post", "compilation", expect(*SECRETARIAT_AND_STEERING, ok=REDIRECTED)),
    "reports:compilation_publish": Entry("post", "compilation",
                                         expect(*SECRETARIAT, ok=REDIRECTED, hidden=NOT_PUBLISHED_TO)),
    "analysis:version_findings": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "analysis:question_coding": Entry("get", "question_pk", expect(*SECRETARIAT_AND_RAPPORTEUR)),
    # the answer is a draft: the page says it is not coded; a rapporteur codes approved answers only and
    # may not learn of another
    "analysis:answer_code": Entry("get", "question_pk,answer", expect(*SECRETARIAT, hidden=("rapporteur",))),
    "analysis:question_agreement": Entry("get", "question_pk", expect(*SECRETARIAT)),
    "analysis:question_figures": Entry("get", "question_pk", expect(*SECRETARIAT_AND_STEERING, "rapporteur")),
    "analysis:question_matrix": Entry("get", "question_pk", expect(*SECRETARIAT_AND_STEERING)),
    "analysis:question_matrix_download": Entry("get", "question_pk,docx", expect(*SECRETARIAT_AND_STEERING)),
    "analysis:version_fact_matrix": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "analysis:version_fact_matrix_download": Entry("get", "version,xlsx", expect(*SECRETARIAT_AND_STEERING)),
    "analysis:question_observations": Entry("get", "question_pk", expect(*SECRETARIAT_AND_RAPPORTEUR)),
    # an empty text with no observations yet: back to the page with the reason
    "analysis:observations_save": Entry("post", "question_pk", expect(*SECRETARIAT_AND_RAPPORTEUR, ok=REDIRECTED)),
    "analysis:observations_comment": Entry("post", "question_pk", expect(*SECRETARIAT, ok=REDIRECTED)),
    "analysis:observations_adopt": Entry("post", "question_pk", expect(*SECRETARIAT, ok=REDIRECTED)),
    # no observations yet: back to the page with the reason
    "analysis:observations_download": Entry("get", "question_pk",
                                            expect(*SECRETARIAT_AND_RAPPORTEUR, ok=REDIRECTED)),
    # no codebook yet, no file, nothing to copy: back to the coding page with the reason
    "analysis:codebook_export": Entry("get", "question_pk", expect(*SECRETARIAT, ok=REDIRECTED)),
    "analysis:codebook_import": Entry("post", "question_pk", expect(*SECRETARIAT, ok=REDIRECTED)),
    "analysis:codebook_copy": Entry("post", "question_pk", expect(*SECRETARIAT, ok=REDIRECTED)),
    "followup:recommendation_list": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    # no file chosen: back to the list with the reason
    "followup:recommendations_import": Entry("post", "version", expect(*SECRETARIAT, ok=REDIRECTED)),
    "followup:recommendations_export": Entry("get", "version", expect(*SECRETARIAT)),
    # no recommendations or already generated: back to the list with the reason; otherwise the new draft's preview
    "followup:followup_generate": Entry("post", "version", expect(*SECRETARIAT, ok=REDIRECTED)),
    "followup:compliance_matrix": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "followup:compliance_matrix_download": Entry("get", "version,xlsx", expect(*SECRETARIAT_AND_STEERING)),
    "followup:assessment_edit": Entry("get", "recommendation,country", expect(*SECRETARIAT)),
    "followup:carried_list": Entry("get", "version", expect(*SECRETARIAT)),
    # the question's version is published: the removal is refused, back to the page with the reason
    "followup:carried_remove": Entry("post", "carried", expect(*SECRETARIAT, ok=REDIRECTED)),
    "publication:publication_list": Entry("get", "version", expect(*SECRETARIAT)),
    "publication:reply_publish": Entry("post", "version,public_country", expect(*SECRETARIAT, ok=REDIRECTED)),
    # no reason given: back to the page with the refusal
    "publication:stakeholder_publish": Entry("post", "version,organisation", expect(*SECRETARIAT, ok=REDIRECTED)),
    # no reason given: back to the page with the refusal
    "publication:publication_unpublish": Entry("post", "publication", expect(*SECRETARIAT, ok=REDIRECTED)),
    # the public site: everyone, signed in or not, second factor given or not
    # every signed-in user searches, each finding only what they may read (tests/reports/search/test_scoping.py)
    "search:search": Entry("get", "", SIGNED_IN),
    "public:round_detail": Entry("get", "round", everyone(SERVED)),
    "public:state_detail": Entry("get", "round,public_slug", everyone(SERVED)),
    "public:stakeholder_detail": Entry("get", "round,public_stakeholder_slug", everyone(SERVED)),
    "public:question_detail": Entry("get", "round,question", everyone(SERVED)),
    "public:document_download": Entry("get", "round,public_document", everyone(SERVED)),
    # the world's compilation is not published: no one gets it from the public site
    "public:compilation_download": Entry("get", "round,compilation,docx", everyone(HIDDEN)),
    # The API (reports/api): the same rules and scoping as the pages; anonymous calls are answered 401
    # (``login``), session calls pass the two-factor middleware like every page. tests/reports/api repeats
    # these entries with personal tokens.
    "api:version-list": Entry("get", "", SIGNED_IN),
    "api:version-detail": Entry("get", "version", SIGNED_IN),
    "api:version-parties": Entry("get", "version", SIGNED_IN),
    "api:version-progress": Entry("get", "version", expect(*SECRETARIAT_AND_STEERING)),
    "api:reply-list": Entry("get", "", SIGNED_IN),  # each sees the replies they may read
    "api:reply-detail": Entry("get", "reply", expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    "api:answer-list": Entry("get", "", SIGNED_IN),
    "api:answer-detail": Entry("get", "answer", expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    "api:compilation-list": Entry("get", "", SIGNED_IN),
    "api:compilation-detail": Entry("get", "compilation", expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "api:compilation-download": Entry("get", "compilation,docx",
                                      expect(*SECRETARIAT_AND_STEERING, hidden=NOT_PUBLISHED_TO)),
    "api:question_figures": Entry("get", "question_pk", expect(*SECRETARIAT_AND_STEERING, "rapporteur")),
    # what is published, the schema and its documentation: anyone
    "api:open_data": Entry("get", "round,csv", PUBLIC),
    "api:schema": Entry("get", "", PUBLIC),
    "api:docs": Entry("get", "", PUBLIC),
    "api_tokens:token_list": Entry("get", "", SIGNED_IN),
    # focal_a's token: no one else may learn it exists
    "api_tokens:token_revoke": Entry("post", "api_token", expect(
        "focal_a", ok=REDIRECTED, hidden=("focal_b", "reviewer", "steering", "admin", "rapporteur", "stakeholder"))),
    "login": Entry("get", "", PUBLIC),
    "logout": Entry("post", "", everyone(REDIRECTED)),
    # those who have given their second factor are sent on; the others enrol (or, optionally, focal points)
    "two_factor_setup": Entry("get", "", expect(*SIGNED_IN_ROLES, reviewer=REDIRECTED, admin=REDIRECTED,
                                                reviewer_without_code=SERVED)),
    # without a registered authenticator, the code page sends everyone to enrol first
    "two_factor_verify": Entry("get", "", expect(*SIGNED_IN_ROLES, ok=REDIRECTED, reviewer_without_code=REDIRECTED)),
    # only after the second factor; the others are sent to set one up
    "two_factor_recovery_codes": Entry("get", "", expect("reviewer", "admin", ok=SERVED, focal_a=REDIRECTED,
                                                         focal_b=REDIRECTED, steering=REDIRECTED,
                                                         rapporteur=REDIRECTED, stakeholder=REDIRECTED,
                                                         reviewer_without_code=REDIRECTED)),
    "password_change": Entry("get", "", SIGNED_IN),
    "password_change_done": Entry("get", "", SIGNED_IN),
    "password_reset": Entry("get", "", PUBLIC),
    "password_reset_done": Entry("get", "", PUBLIC),
    "password_reset_confirm": Entry("get", "uidb64,token", PUBLIC),
    "password_reset_complete": Entry("get", "", PUBLIC),
    "set_language": Entry("post", "", everyone(REDIRECTED)),
    "javascript-catalog": Entry("get", "", everyone(SERVED)),
    # load balancers and monitors never sign in: "ok" or "failing" per check, nothing more
    # (tests/operations/test_health.py); the test world runs tasks in-process, so every check passes
    "health:live": Entry("get", "", everyone(SERVED)),
    "health:ready": Entry("get", "", everyone(SERVED)),
    "health:all": Entry("get", "", everyone(SERVED)),
}

# The Django admin's own URLs (one set per registered model) follow one rule: staff administrators only;
# everyone else is sent to the admin's sign-in page.
ADMIN_RULE = expect("admin", focal_a=LOGIN, focal_b=LOGIN, reviewer=LOGIN, steering=LOGIN, rapporteur=LOGIN,
                    stakeholder=LOGIN)
ADMIN_SIGN_IN = {**PUBLIC, "admin": SERVED}
ADMIN_PUBLIC = {"admin:login", "admin:logout", "admin:jsi18n"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and not (namespace.startswith("admin:") and not pattern.name):
            assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it and add it to the matrix"
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_an_entry():
    names = _named_patterns(get_resolver())
    project_names = {name for name in names if not name.startswith("admin:")}

    assert project_names - set(MATRIX) == set(), "URL patterns without an entry in the access matrix"
    assert set(MATRIX) - project_names == set(), "matrix entries for URL patterns that no longer exist"


def _people() -> dict:
    country_a = CountryFactory(iso_code="FR", name="France")
    country_b = CountryFactory(iso_code="AM", name="Armenia")
    admin = UserFactory(is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return {"anonymous": None, "focal_a": FocalPointFactory(country=country_a).user,
            "focal_b": FocalPointFactory(country=country_b).user, "reviewer": ReviewerFactory(),
            "steering": SteeringMemberFactory(), "admin": admin, "rapporteur": UserFactory(username="rapporteur"),
            "stakeholder": StakeholderFactory(organisation=OrganisationFactory(name="ECPAT")).user,
            "reviewer_without_code": ReviewerFactory()}


def _objects(people) -> dict:
    """A published version with both countries' replies, an attachment, a comment and a compilation:
    whatever the URLs' arguments name."""
    version = version_publish(version=version_import_yaml(
        text=Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text(encoding="utf-8")
    ))
    focal_a, focal_b, reviewer = people["focal_a"], people["focal_b"], people["reviewer"]
    country_a, country_b = focal_a.focal_point.country, focal_b.focal_point.country
    reply = party_reply_start(version=version, country=country_a, user=focal_a)
    party_reply_start(version=version, country=country_b, user=focal_b)
    answer = reply.answers.get(question__number="5")
    files_item = ItemAnswer.objects.get(answer=answer, item__number="5.2")
    attachment = attachment_add_file(
        item_answer=files_item, title="Research report", language="fr", user=focal_a,
        uploaded=SimpleUploadedFile("report.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    )
    answer_save(answer=answer, values={"5.1": ItemValue(text="<p>Two studies.</p>")}, user=focal_a)
    comment_add(answer=answer, author=reviewer, body="Please add the 2019 study.")
    compilation, _ = compilation_request(
        version=version, kind=Compilation.Kind.QUESTION, question=answer.question, user=reviewer,
    )
    compilation = compilation_build(compilation_id=compilation.pk)
    Rapporteur.objects.create(user=people["rapporteur"], question=answer.question)
    recommendation = Recommendation.objects.create(version=version, number="R1", strength="urges",
                                                   text_en="Set up specialised units.")
    assert compilation.status == Compilation.Status.DONE
    publication = _published_reply(version, people["reviewer"])
    contributions = _contributions(people, version, answer.question)
    addressed = _addressed_to_a(people, recommendation)
    return {
        "round": version.questionnaire.round_number, "public_country": publication.country_id,
        "public_slug": publication.country_slug, "publication": publication.pk,
        "public_document": publication.answers.get().documents.get().pk,
        "version": version.pk, "reply": reply.pk, "question": "5", "attachment": attachment.pk,
        "files_item": files_item.item_id,
        "answer": answer.pk, "compilation": compilation.pk, "docx": "docx", "xlsx": "xlsx", "uidb64": "MQ", "token": "set-password",
        "kind": "question", "question_pk": answer.question.pk, "first_revision": 1, "country": country_a.pk,
        "csv": "csv", "recommendation": recommendation.pk, "api_token": token_create(user=focal_a, name="script", second_factor=False)[0].pk,
        **contributions, **addressed,
    }


ADDRESSED_TO_A = """\
code: addressed
version: "1"
title: {en: Follow-up of named Parties}
sections:
  - code: s
    title: {en: Section}
    questions:
      - number: "A1"
        title: {en: For France only}
        addressees: [FR]
        items:
          - {number: "A1.1", type: text, text: {en: Describe.}}
          - {number: "A1.2", type: files, text: {en: Reference texts}, required: false}
      - number: "A2"
        title: {en: For every Party}
        items:
          - {number: "A2.1", type: text, text: {en: Describe.}}
"""


def _addressed_to_a(people, recommendation) -> dict:
    """A published version whose question A1 is addressed to country A only (with an earlier
    recommendation carried into it), both countries' replies, and A's answer to A1 with a reference text."""
    draft = version_import_yaml(text=ADDRESSED_TO_A)
    carried = CarriedRecommendation.objects.create(recommendation=recommendation,
                                                   question=draft.questions.get(number="A1"))
    version = version_publish(version=draft)
    focal_a, focal_b = people["focal_a"], people["focal_b"]
    reply_a = party_reply_start(version=version, country=focal_a.focal_point.country, user=focal_a)
    reply_b = party_reply_start(version=version, country=focal_b.focal_point.country, user=focal_b)
    answer = reply_a.answers.get(question__number="A1")
    files_item = ItemAnswer.objects.get(answer=answer, item__number="A1.2")
    attachment = attachment_add_file(
        item_answer=files_item, title="Decree", language="fr", user=focal_a,
        uploaded=SimpleUploadedFile("decree.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    )
    answer_save(answer=answer, values={"A1.1": ItemValue(text="<p>Done.</p>")}, user=focal_a)
    return {"carried": carried.pk, "reply_a_only": reply_a.pk, "reply_b_only": reply_b.pk,
            "a_only_answer": answer.pk, "a_only_files_item": files_item.item_id, "a_only_attachment": attachment.pk}


def _published_reply(version, reviewer):
    """A third Party whose approved answer to question 5, with a reference text, is on the public site."""
    reply = party_reply_start(version=version, country=CountryFactory(iso_code="GE", name="Georgia"))
    answer = reply.answers.get(question__number="5")
    attachment_add_file(
        item_answer=ItemAnswer.objects.get(answer=answer, item__number="5.2"), title="Law", language="en", user=None,
        uploaded=SimpleUploadedFile("law.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    )
    answer_save(answer=answer, values={"5.1": ItemValue(text="<p>Published.</p>")}, user=None)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
    return reply_publish(version=version, country=reply.country, user=reviewer)


def _contributions(people, version, question) -> dict:
    """An invitation of the stakeholder's organisation, and its comments on country A: a draft, one
    submitted and one accepted (forwarded), published on the public site."""
    stakeholder, reviewer = people["stakeholder"], people["reviewer"]
    invitation = invitation_create(organisation=stakeholder.organisation_contact.organisation, version=version,
                                   time_limit=datetime.date(2099, 1, 1), user=reviewer)
    country_a = people["focal_a"].focal_point.country

    def comment():
        return contribution_save(invitation=invitation, author=stakeholder, country=country_a, question=question,
                                 language="en", body="Two officers only.")

    submitted = contribution_submit(contribution=comment(), user=stakeholder)
    accepted = contribution_screen(contribution=contribution_submit(contribution=comment(), user=stakeholder),
                                   reviewer=reviewer, accept=True)
    organisation = invitation.organisation
    published = stakeholder_publish(version=version, organisation=organisation, user=reviewer)
    stakeholder_reply = reply_start(version=version, organisation=organisation, user=stakeholder)
    return {"invitation": invitation.pk, "draft": comment().pk, "submitted": submitted.pk, "contribution": accepted.pk,
            "organisation": organisation.pk, "public_stakeholder_slug": published.organisation_slug,
            "stakeholder_reply": stakeholder_reply.pk}


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    """The people and objects of the matrix, built once for the module in a transaction rolled back at
    its end; each test runs in a savepoint inside it, so what one request changes never reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(COMPILATION_PDF=False):
        people = _people()
        yield people, _objects(people)
        transaction.set_rollback(True)


@pytest.fixture
def people(built_once, db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    return built_once[0]


@pytest.fixture
def world(built_once, people):
    return built_once


def _outcome(response, url) -> str | int:
    location = urlparse(response.headers.get("Location", ""))
    if response.status_code == 401 or (response.status_code == 302 and location.path.endswith("/login/")
                                       and "next=" in location.query):
        return LOGIN
    if response.status_code == 302 and "/two-factor/" in location.path and "/two-factor/" not in url:
        return SECOND_FACTOR
    assert response.status_code < 500, response.content[:500]
    return response.status_code


def _call(client, users, role, method, url, data=None):
    if role in ("reviewer", "admin"):
        sign_in_with_second_factor(client, users[role])
    elif users[role] is not None:
        client.force_login(users[role])
    return getattr(client, method)(url, data or {})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(client, world, name, role):
    users, arguments = world
    entry = MATRIX[name]
    args = [arguments[key] for key in entry.args.split(",") if key]

    data = {field: arguments[key] for field, key in entry.data}

    url = reverse(name, args=args)

    response = _call(client, users, role, entry.method, url, data)

    assert _outcome(response, url) == entry.expected[role], f"{entry.method.upper()} {name} as {role}"


# Question A1 is addressed to country A only. Its per-question URLs: A's focal point uses them on A's
# reply; B's focal point gets 404 on its own reply (the question is not in it) as on A's, and so does A's
# on B's reply. (method, extra argument, outcome for A's focal point on A's reply, posted data)
ADDRESSEE_ONLY = {
    "questionnaires:question_edit": ("get", "", SERVED, ()),
    "questionnaires:question_autosave": ("post", "", REFUSED_FORM, ()),
    "questionnaires:answer_history": ("get", "", SERVED, ()),
    "questionnaires:answer_revision_restore": ("get", "first_revision", SERVED, ()),
    "questionnaires:attachment_add": ("post", "", REFUSED_FORM, (("item", "a_only_files_item"),)),
    "questionnaires:attachment_remove": ("post", "a_only_attachment", REDIRECTED, ()),
}
# A's answer to A1 and its reference text: as for any answer of A's reply.
ADDRESSEE_ONLY_ANSWER = {
    "questionnaires:answer_review": Entry("get", "a_only_answer", expect(*SECRETARIAT)),
    "questionnaires:comment_post": Entry("post", "a_only_answer", expect("focal_a", *SECRETARIAT, ok=REDIRECTED,
                                                                         hidden=OTHERS_OF_REPLY_A)),
    "questionnaires:attachment_download": Entry("get", "a_only_attachment",
                                                expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
    "api:answer-detail": Entry("get", "a_only_answer", expect("focal_a", *SECRETARIAT, hidden=OTHERS_OF_REPLY_A)),
}


@pytest.mark.parametrize("reply", ["reply_a_only", "reply_b_only"])
@pytest.mark.parametrize("role", FOCAL_POINTS)
@pytest.mark.parametrize("name", sorted(ADDRESSEE_ONLY))
def test_a_question_addressed_to_country_a_only_is_not_found_for_country_b(client, world, name, role, reply):
    users, arguments = world
    method, extra, ok, data = ADDRESSEE_ONLY[name]
    url = reverse(name, args=[arguments[reply], "A1", *([arguments[extra]] if extra else [])])

    response = _call(client, users, role, method, url, {field: arguments[key] for field, key in data})

    expected = ok if (role, reply) == ("focal_a", "reply_a_only") else HIDDEN
    assert _outcome(response, url) == expected, f"{method.upper()} {name} as {role} on {reply}"


def test_country_b_answers_the_question_addressed_to_every_party(client, world):
    users, arguments = world
    url = reverse("questionnaires:question_edit", args=[arguments["reply_b_only"], "A2"])

    assert _call(client, users, "focal_b", "get", url).status_code == SERVED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ADDRESSEE_ONLY_ANSWER))
def test_the_answer_to_a_question_addressed_to_country_a_only(client, world, name, role):
    users, arguments = world
    entry = ADDRESSEE_ONLY_ANSWER[name]
    url = reverse(name, args=[arguments[key] for key in entry.args.split(",")])

    response = _call(client, users, role, entry.method, url)

    assert _outcome(response, url) == entry.expected[role], f"{entry.method.upper()} {name} as {role}"


def _admin_urls() -> list[str]:
    urls = ["admin:index", "admin:login", "admin:operations"]
    for model in admin_site._registry:
        urls += [f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"]
    return urls


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", _admin_urls())
def test_admin_access(client, people, name, role):
    users = people
    expected = ADMIN_SIGN_IN[role] if name in ADMIN_PUBLIC else ADMIN_RULE[role]

    url = reverse(name)

    response = _call(client, users, role, "get", url)

    if name == "admin:login" and role == "admin":
        assert response.status_code == 302  # already signed in: sent on to the admin index
    else:
        assert _outcome(response, url) == expected, f"{name} as {role}"
