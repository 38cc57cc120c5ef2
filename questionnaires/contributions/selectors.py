"""Reads of other stakeholders' comments: one function per question the pages ask."""

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from countries.models import Country
from questionnaires.models import Question, Reply
from questionnaires.permissions import user_organisation_id

from .models import Contribution, ContributionResponse, Invitation

_RESPONSES = Prefetch("responses", ContributionResponse.objects.select_related("author"))


def _contributions() -> QuerySet:
    return Contribution.objects.select_related(
        "invitation__organisation__country", "invitation__version__questionnaire", "country", "question", "author",
        "screened_by",
    ).prefetch_related(_RESPONSES)


def organisation_invitations(user) -> QuerySet:
    """The rounds the user's organisation is invited to, latest first, each with ``reply_id``: the
    organisation's own reply to the questionnaire, once started."""
    own_reply = Reply.objects.filter(version_id=OuterRef("version_id"), organisation_id=OuterRef("organisation_id"))
    return Invitation.objects.filter(organisation_id=user_organisation_id(user) or 0).select_related(
        "organisation", "version__questionnaire"
    ).annotate(reply_id=Subquery(own_reply.values("pk")[:1])).order_by("-time_limit", "-pk")


def organisation_contributions(user) -> QuerySet:
    """Every comment of the user's organisation (drafts included): nobody else's."""
    return _contributions().filter(invitation__organisation_id=user_organisation_id(user) or 0)


def contribution_detail(pk) -> Contribution | None:
    return _contributions().prefetch_related("events__actor").filter(pk=pk).first()


def invitation_detail(pk) -> Invitation | None:
    return Invitation.objects.select_related("organisation", "version__questionnaire").filter(pk=pk).first()


def contributions_to_screen(state: str | None = None) -> QuerySet:
    """Submitted comments for the secretariat (never drafts), those awaiting screening first."""
    queryset = _contributions().exclude(state=Contribution.State.DRAFT)
    if state in Contribution.State.values:
        queryset = queryset.filter(state=state)
    return queryset.order_by("state", "submitted_at", "pk")


def contributions_forwarded(*, version_id: int, country_id: int) -> list[Contribution]:
    """The comments accepted and forwarded to a Party on its reply to this round, with the responses."""
    return list(_contributions().filter(
        invitation__version_id=version_id, country_id=country_id, state=Contribution.State.ACCEPTED,
    ).order_by("question__position", "submitted_at", "pk"))


def round_parties(invitation: Invitation) -> QuerySet:
    """The Parties a stakeholder may comment on: the round's Parties (every State Party if none is listed)."""
    parties = invitation.version.parties.all()
    if parties.exists():
        return parties.order_by("name")
    return Country.objects.filter(lanzarote_party=Country.PartyStatus.PARTY).order_by("name")


def round_questions(invitation: Invitation) -> QuerySet:
    """The questions of the round, by number and title only: a stakeholder reads no Party's reply."""
    return Question.objects.filter(version_id=invitation.version_id).order_by("position")


def invitations_of_round(version_id: int) -> QuerySet:
    return Invitation.objects.filter(version_id=version_id).select_related("organisation__country")


def all_invitations() -> QuerySet:
    return Invitation.objects.select_related("organisation", "version__questionnaire").order_by(
        "-version__pk", "organisation__name"
    )


def party_reply_id(contribution: Contribution) -> int | None:
    """The id of the reply of the Party a comment is about, in its round (None before it is started)."""
    return Reply.objects.filter(
        version_id=contribution.invitation.version_id, country_id=contribution.country_id
    ).values_list("pk", flat=True).first()


def _comments_that_may_go_public(version_id: int) -> QuerySet:
    """The round's comments the secretariat accepted and their organisation let be published: the only
    ones a publication or a compilation may show."""
    return Contribution.objects.filter(
        invitation__version_id=version_id, state=Contribution.State.ACCEPTED, publishable=True,
    )


def comments_to_publish(*, version_id: int, organisation_id: int) -> list[Contribution]:
    """The organisation's comments on the round's replies that the secretariat accepted and that it let
    be published, with their Party and question: what its publication copies (never a draft, a
    submitted, a set-aside or a confidential comment)."""
    return list(_comments_that_may_go_public(version_id).filter(
        invitation__organisation_id=organisation_id,
    ).select_related("country", "question").order_by("country__name", "question__position", "submitted_at", "pk"))


def comment_ids_to_publish(version_id: int) -> dict[int, set[int]]:
    """The ids of the comments ``comments_to_publish`` would copy, by organisation id, in one query."""
    ids: dict[int, set[int]] = {}
    for pk, organisation_id in _comments_that_may_go_public(version_id).values_list(
            "pk", "invitation__organisation_id"):
        ids.setdefault(organisation_id, set()).add(pk)
    return ids


def contributions_to_compile(*, version_id: int, question_ids, country_id: int | None = None) -> list[Contribution]:
    """The comments a compilation may print: accepted and publishable only, on these questions, and, for
    one Party's compilation, on that Party's answers and its reply as a whole; in question order, then by
    organisation and Party."""
    queryset = _comments_that_may_go_public(version_id).select_related(
        "invitation__organisation__country", "country", "question")
    if country_id is None:
        queryset = queryset.filter(question_id__in=list(question_ids))
    else:
        queryset = queryset.filter(Q(question_id__in=list(question_ids)) | Q(question__isnull=True),
                                   country_id=country_id)
    return list(queryset.order_by(F("question__position").asc(nulls_first=True), "invitation__organisation__name",
                                  "country__name", "submitted_at", "pk"))
