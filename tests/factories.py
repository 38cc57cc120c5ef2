import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from countries.models import Country, FocalPoint, Organisation, OrganisationContact
from questionnaires.contributions.models import Contribution, Invitation
from questionnaires.contributions.services import contribution_save, contribution_screen, contribution_submit
from questionnaires.models import Answer, Item, Question, Questionnaire, Section, Version
from questionnaires.permissions import ADMINISTRATORS, REVIEWERS, STEERING_GROUP
from questionnaires.services import (
    ItemValue,
    answer_save,
    reply_publishable_set,
    reply_start,
    version_import_yaml,
    version_party_add,
    version_publish,
)
from reports.followup.services import assessment_record, followup_version_generate, recommendations_import_yaml


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")
    lanzarote_party = Country.PartyStatus.PARTY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def with_role(self, create, extracted, **kwargs):
        if create:
            self.save()


def _role_factory(group_name):
    class RoleFactory(UserFactory):
        @factory.post_generation
        def with_role(self, create, extracted, **kwargs):
            if create:
                self.save()
                self.groups.add(Group.objects.get_or_create(name=group_name)[0])

    return RoleFactory


ReviewerFactory = _role_factory(REVIEWERS)
SteeringMemberFactory = _role_factory(STEERING_GROUP)
AdministratorFactory = _role_factory(ADMINISTRATORS)


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    country = factory.SubFactory(CountryFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organisation.Type.NGO


class StakeholderFactory(factory.django.DjangoModelFactory):
    """A contact account of a stakeholder organisation."""

    class Meta:
        model = OrganisationContact

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An organisation invited to comment on a round's replies."""

    class Meta:
        model = Invitation
        django_get_or_create = ("organisation", "version")

    organisation = factory.SubFactory(OrganisationFactory)
    version = factory.SubFactory("tests.factories.VersionFactory")
    time_limit = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ContributionFactory(factory.django.DjangoModelFactory):
    """A stakeholder's comment on a Party's reply, accepted and publishable unless told otherwise."""

    class Meta:
        model = Contribution

    invitation = factory.SubFactory(InvitationFactory)
    country = factory.SubFactory(CountryFactory)
    language = "en"
    body = "<p>The unit is understaffed.</p>"
    publishable = True
    state = Contribution.State.ACCEPTED
    submitted_at = factory.LazyFunction(timezone.now)


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    code = factory.Sequence(lambda n: f"round-{n}")
    title_en = "Protection of children"
    title_fr = "Protection des enfants"
    round_number = 2


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    label = "1"
    title_en = "Protection of children"
    languages = ["en", "fr"]


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(VersionFactory)
    code = factory.Sequence(lambda n: f"section-{n}")
    title_en = "Prevention"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    version = factory.SelfAttribute("section.version")
    number = factory.Sequence(lambda n: str(n + 1))
    title_en = "Specialised units"
    position = factory.Sequence(lambda n: n)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    question = factory.SubFactory(QuestionFactory)
    number = factory.Sequence(lambda n: f"{n}.1")
    type = Item.Type.TEXT
    text_en = "Describe."
    position = factory.Sequence(lambda n: n)


def party_reply_start(*, version, country, user=None):
    """Start ``country``'s reply, first making it a Party of the round (as the secretariat would for a
    State that joined after the launch): tests create their countries after publishing."""
    version_party_add(version=version, country=country)
    return reply_start(version=version, country=country, user=user)


def questionnaire_yaml(*, questions: int, code: str) -> str:
    """A questionnaire of ``questions`` questions, each with a required text item and a choice item."""
    lines = [f"code: {code}", 'version: "1"', "title: {en: Sizes, fr: Tailles}", "sections:",
             "  - code: s", "    title: {en: Section, fr: Section}", "    questions:"]
    for number in range(1, questions + 1):
        lines += [
            f'      - number: "{number}"', f"        title: {{en: Question {number}}}", "        items:",
            f'          - number: "{number}.1"', "            type: text", "            required: true",
            "            text: {en: Describe.}",
            f'          - number: "{number}.2"', "            type: choice", "            text: {en: Choose.}",
            "            choices: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]",
        ]
    return "\n".join(lines) + "\n"


def version_with_parties(*, questions: int, parties: int, code: str):
    """A published version of ``questions`` questions whose ``parties`` countries have each started a reply."""
    version = version_publish(version=version_import_yaml(text=questionnaire_yaml(questions=questions, code=code)))
    replies = [party_reply_start(version=version, country=CountryFactory()) for _ in range(parties)]
    return version, replies


def approved_answer(*, version, country, number: str, values: dict, user=None):
    """``country``'s answer to question ``number`` with ``values`` (item number → ItemValue), recorded as
    submitted and approved (the review itself is tested elsewhere)."""
    reply = party_reply_start(version=version, country=country, user=user)
    answer = answer_save(answer=reply.answers.get(question__number=number), values=values, user=user)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED, reviewed_revision=answer.revision)
    answer.refresh_from_db()
    return answer


def stakeholder_comment(*, invitation, author, country, question=None, body: str, publishable: bool = True,
                        screen: str | None = "accept", reviewer=None):
    """A comment of ``author``'s organisation on ``country``'s reply, submitted and then accepted
    (``screen="accept"``), set aside (``"set_aside"``), left unscreened (``None``) or left a draft
    (``"draft"``), through the contribution services."""
    comment = contribution_save(invitation=invitation, author=author, country=country, question=question,
                                language="en", body=body, publishable=publishable)
    if screen == "draft":
        return comment
    comment = contribution_submit(contribution=comment, user=author)
    if screen is None:
        return comment
    return contribution_screen(contribution=comment, reviewer=reviewer or ReviewerFactory(),
                               accept=screen == "accept", reason="" if screen == "accept" else "Off topic.")


def stakeholder_answer(*, version, organisation, number: str, values: dict, state=Answer.State.APPROVED,
                       publishable: bool = True, language: str = "en"):
    """``organisation``'s answer to question ``number`` (inviting it to the round first), recorded in
    ``state``, in a reply that may be published or not (the review itself is tested elsewhere)."""
    InvitationFactory(organisation=organisation, version=version)
    reply = reply_start(version=version, organisation=organisation)
    if reply.publishable != publishable:
        reply_publishable_set(reply=reply, publishable=publishable)
    answer = answer_save(answer=reply.answers.get(question__number=number), values=values, user=None,
                         language=language)
    Answer.objects.filter(pk=answer.pk).update(state=state, reviewed_revision=answer.revision)
    answer.refresh_from_db()
    return answer


FOLLOW_UP_YAML = """\
code: follow-up
version: "1"
title: {en: Follow-up to the recommendations}
sections:
  - code: r
    title: {en: Recommendations}
    questions:
      - number: "1"
        title: {en: R1 invites every Party}
        items:
          - number: "1.1"
            type: text
            text: {en: Actions taken.}
          - number: "1.2"
            type: text
            text: {en: Actions taken in Belgium's Flemish Community.}
            addressees: [BE]
      - number: "2"
        title: {en: R2 urges Belgium and Luxembourg}
        addressees: [BE, LU]
        items:
          - number: "2.1"
            type: text
            text: {en: Actions taken.}
      - number: "3"
        title: {en: R3 invites every Party}
        items:
          - number: "3.1"
            type: text
            text: {en: Actions taken.}
"""


def follow_up_version():
    """A published follow-up round of three recommendations: R2 is addressed to Belgium and Luxembourg
    only, item 1.2 of R1 to Belgium only; Belgium, Luxembourg and France have started their replies.
    Returns the version and the replies by ISO code."""
    countries = [CountryFactory(iso_code=code, name=name)
                 for code, name in (("BE", "Belgium"), ("LU", "Luxembourg"), ("FR", "France"))]
    version = version_publish(version=version_import_yaml(text=FOLLOW_UP_YAML))
    return version, {country.iso_code: party_reply_start(version=version, country=country) for country in countries}


RECOMMENDATIONS_YAML = """\
recommendations:
  - number: R1
    heading: Prevention
    strength: urges
    text: {en: Set up specialised units., fr: Créer des unités spécialisées.}
    addressees: all
  - number: R2
    heading: Prevention
    strength: invites
    text: {en: Train the police., fr: Former la police.}
    addressees: [BE, LU]
"""


def followup_given(*, followup, country, number: str, action: str, state=Answer.State.APPROVED, on=None):
    """``country``'s follow-up to recommendation ``number``: its answer to the generated question, recorded
    as submitted on ``on`` and then in ``state`` (the review itself is tested elsewhere)."""
    reply = reply_start(version=followup, country=country)
    answer = answer_save(answer=reply.answers.get(question__number=number), user=None, values={
        f"{number}.1": ItemValue(text=f"<p>{action}</p>"), f"{number}.2": ItemValue(choice="partly")})
    Answer.objects.filter(pk=answer.pk).update(state=state, submitted_at=on or timezone.now(),
                                               reviewed_revision=answer.revision)
    return answer


def carried_world(*, round_version, reviewer):
    """A round (``round_version``, whose Parties are Belgium, Luxembourg and France) with R1 for every Party
    and R2 for Belgium and Luxembourg, its published follow-up where Belgium approved R1 and submitted R2
    and Luxembourg approved R1, Belgium's R1 assessed; and the next round, a draft of two questions.
    Returns the next round's draft, the follow-up version and the recommendations by number."""
    recommendations = {r.number: r for r in recommendations_import_yaml(version=round_version,
                                                                          text=RECOMMENDATIONS_YAML)}
    followup = version_publish(version=followup_version_generate(version=round_version, user=reviewer))
    parties = {country.iso_code: country for country in round_version.parties.all()}
    on = timezone.make_aware(datetime.datetime(2025, 3, 14, 10))
    followup_given(followup=followup, country=parties["BE"], number="R1", action="Units set up in every province.",
                   on=on)
    followup_given(followup=followup, country=parties["BE"], number="R2", action="Training planned for 2026.",
                   state=Answer.State.SUBMITTED, on=on)
    followup_given(followup=followup, country=parties["LU"], number="R1", action="Luxembourg's own units.", on=on)
    assessment_record(recommendation=recommendations["R1"], country=parties["BE"], status="implemented",
                      justification="Units exist in every province.", user=reviewer)
    next_round = version_import_yaml(text=questionnaire_yaml(questions=2, code="round-2"))
    return next_round, followup, recommendations
