"""Reads that other apps (reports) make of questionnaires to compile and count answers.

Reports never query questionnaires' tables themselves: they call these functions (and use the models'
types and choices, such as ``Answer.State`` and ``Item.Type``)."""

from django.db.models import Count, F, Prefetch, QuerySet

from config.lookups import get_by_id_or_404

from ..models import Answer, Item, ItemAnswer, Question, Version


def issued_versions() -> QuerySet:
    """Versions that have replies to report on: published or closed, with their questionnaire."""
    return Version.objects.exclude(status=Version.Status.DRAFT).select_related("questionnaire")


def open_version_ids() -> list[int]:
    return list(Version.objects.published().values_list("pk", flat=True))


def version_or_none(version_id: int) -> Version | None:
    return Version.objects.filter(pk=version_id).first()


def version_lock(version: Version) -> Version:
    """The version row, locked until the transaction ends: compilations of it are numbered one at a time."""
    return Version.objects.select_for_update().get(pk=version.pk)


def version_questions(version: Version) -> list[Question]:
    """The questions of a version in reading order."""
    return list(version.questions.order_by("position"))


def question_of_version(version: Version, question_id) -> Question:
    """A question of this version (404 for a question of another version, none, or a malformed id)."""
    return get_by_id_or_404(Question, question_id, version=version)


def question_with_version(question_id: int) -> Question:
    return Question.objects.select_related("version").get(pk=question_id)


def items_by_question(questions: list[Question]) -> dict[int, list[Item]]:
    """The items of these questions in order, with their choices, keyed by question id."""
    items: dict[int, list[Item]] = {}
    for item in Item.objects.filter(question__in=questions).order_by("position").prefetch_related("choices"):
        items.setdefault(item.question_id, []).append(item)
    return items


def answers_with_approved_values(version: Version, questions: list[Question], countries) -> list[Answer]:
    """Every answer of these countries to these questions, each with its item values (and attachments)
    prefetched only when the answer is approved: nothing else may reach a compilation."""
    return list(
        Answer.objects.filter(reply__version=version, question__in=questions, reply__country__in=countries)
        .only("id", "state", "revision", "language", "question_id", "reply__country_id")
        .select_related("reply")
        .prefetch_related(Prefetch(
            "item_answers",
            queryset=ItemAnswer.objects.filter(answer__state=Answer.State.APPROVED).prefetch_related("attachments"),
        ))
    )


def approved_answer_revisions(version: Version, questions: list[Question], countries) -> list[tuple[int, int, int]]:
    """(answer id, revision, country id) of every approved answer of these countries to these questions."""
    return list(
        Answer.objects.filter(
            reply__version=version, question__in=questions, state=Answer.State.APPROVED, reply__country__in=countries,
        ).order_by("pk").values_list("pk", "revision", "reply__country_id")
    )


def answer_states(version: Version, countries) -> dict[tuple[int, int], str]:
    """The state of every answer of these countries to a version, keyed (country id, question id)."""
    return {
        (row["reply__country_id"], row["question_id"]): row["state"]
        for row in Answer.objects.filter(reply__version=version, reply__country__in=countries)
        .values("reply__country_id", "question_id", "state")
    }


def answer_grid(version: Version, countries) -> dict[tuple[int, int], tuple[str, int, int]]:
    """(state, answer id, reply id) of every answer of these countries to a version, keyed (country id,
    question id), in one query: what the progress grid shows and links to."""
    rows = (
        Answer.objects.filter(reply__version=version, reply__country__in=countries).order_by()
        .values_list("reply__country_id", "question_id", "state", "pk", "reply_id")
    )
    return {(country_id, question_id): cell for country_id, question_id, *cell in rows}


def reply_count(version: Version) -> int:
    return version.replies.count()


# The states in which an answer can be read for findings: what the Party submitted, approved or not yet.
READABLE_FOR_FINDINGS = (Answer.State.APPROVED, Answer.State.SUBMITTED)
APPROVED_ONLY = (Answer.State.APPROVED,)


def answers_for_findings(question: Question, countries, with_values: bool = True,
                         states=READABLE_FOR_FINDINGS) -> list[Answer]:
    """Every answer of these countries to the question, with its reply and country; with ``with_values``,
    the item values are prefetched, only for answers in ``states`` (approved and submitted ones by
    default, approved ones only for a rapporteur): a draft's text is the Party's own until it is
    submitted, a submitted one the secretariat's until it is approved."""
    answers = Answer.objects.filter(question=question, reply__country__in=countries).order_by().select_related(
        "reply__country")
    if not with_values:
        return list(answers)
    answers = list(answers.prefetch_related(Prefetch(
        "item_answers", queryset=ItemAnswer.objects.filter(answer__state__in=states).order_by(),
    )))
    # The question's items are read once and shared, rather than once per Party with its choices.
    items = {item.pk: item for item in question_items(question)}
    for answer in answers:
        for item_answer in answer.item_answers.all():
            item_answer.item = items[item_answer.item_id]
    return answers


def question_items(question: Question) -> list[Item]:
    """The question's items in order, with their choices."""
    return list(question.items.order_by("position").prefetch_related("choices"))


def question_in_earlier_version(question: Question) -> Question | None:
    """The question with the same number in the latest earlier version of the same questionnaire, or in
    the latest earlier round's questionnaire when this is its first version: what a codebook is copied
    from."""
    earlier = (
        Question.objects.filter(number=question.number, version__created_at__lt=question.version.created_at)
        .exclude(version=question.version).select_related("version__questionnaire")
        .order_by("-version__created_at", "-pk")
    )
    same = earlier.filter(version__questionnaire=question.version.questionnaire_id).first()
    return same or earlier.first()


def revision_values(answer: Answer, number: int) -> dict | None:
    """The item values stored with revision ``number`` of the answer (keyed by item number), or None."""
    revision = answer.revisions.filter(number=number).only("values").first()
    return revision.values if revision else None


def issued_question_or_404(question_id) -> Question:
    """A question of a published or closed version, with its version and questionnaire (404 otherwise)."""
    return get_by_id_or_404(
        Question.objects.exclude(version__status=Version.Status.DRAFT).select_related("version__questionnaire"),
        question_id,
    )


def answer_to_question_or_404(question: Question, answer_id) -> Answer:
    """An answer to this question, with its reply and country (404 for another question's or none)."""
    return get_by_id_or_404(Answer.objects.select_related("reply__country"), answer_id, question=question)


def readable_answer_counts(questions: list[Question]) -> dict[int, int]:
    """How many Parties' answers to each question are submitted or approved, keyed by question id."""
    rows = (
        Answer.objects.filter(question__in=questions, state__in=READABLE_FOR_FINDINGS,
                              reply__version__parties=F("reply__country"))
        .order_by().values("question_id").annotate(n=Count("pk"))
    )
    return {row["question_id"]: row["n"] for row in rows}


def issued_version_of_round(round_number: int) -> Version | None:
    """The version the public site shows for a monitoring round: its latest published or closed version
    (the last one published), with its questionnaire."""
    return (
        issued_versions().filter(questionnaire__round_number=round_number)
        .order_by("-published_at", "-pk").first()
    )


def _answers_to_publish(**reply) -> list[Answer]:
    return list(
        Answer.objects.filter(state=Answer.State.APPROVED, **{f"reply__{k}": v for k, v in reply.items()})
        .select_related("question").order_by("question__position")
        .prefetch_related(Prefetch("item_answers", queryset=ItemAnswer.objects.prefetch_related("attachments")))
    )


def approved_answers_to_publish(version: Version, country) -> list[Answer]:
    """The country's approved answers to a version in reading order, with their question, item values
    and attachments: what a publication copies."""
    return _answers_to_publish(version=version, country=country)


def stakeholder_answers_to_publish(version: Version, organisation) -> list[Answer]:
    """An other stakeholder's approved answers to a version, as ``approved_answers_to_publish``; none
    when the organisation did not let its reply be published."""
    return _answers_to_publish(version=version, organisation=organisation, publishable=True)


def _stakeholder_answers_that_may_go_public(version: Version) -> QuerySet:
    """Other stakeholders' approved answers to a version, in replies they let be published: the only
    ones a publication or a compilation may show."""
    return Answer.objects.filter(reply__version=version, reply__organisation__isnull=False,
                                 reply__publishable=True, state=Answer.State.APPROVED)


def stakeholder_answer_revisions(version: Version) -> list[tuple[int, int, int]]:
    """(answer id, revision, organisation id) of the approved answers of other stakeholders' replies to
    a version that may be published."""
    return list(
        _stakeholder_answers_that_may_go_public(version)
        .order_by("pk").values_list("pk", "revision", "reply__organisation_id")
    )


def is_party_of(version: Version, country) -> bool:
    """Whether the country is one of the version's Parties (the list frozen at launch, since only added to)."""
    return version.parties.filter(pk=country.pk).exists()


def stakeholder_answers_to_compile(version: Version, questions: list[Question], *, organisation_countries=None,
                                   with_values: bool = True) -> list[Answer]:
    """Other stakeholders' approved answers to these questions whose reply may be published (of the
    organisations based in ``organisation_countries`` when given), by organisation name, with their
    organisation and, with ``with_values``, their item values and attachments."""
    answers = (_stakeholder_answers_that_may_go_public(version).filter(question__in=questions)
               .select_related("reply__organisation__country").order_by("reply__organisation__name", "pk"))
    if organisation_countries is not None:
        answers = answers.filter(reply__organisation__country__in=organisation_countries)
    if with_values:
        answers = answers.prefetch_related(Prefetch("item_answers", queryset=ItemAnswer.objects.prefetch_related(
            "attachments")))
    return list(answers)


def item_answers_for_search(answer: Answer) -> list[ItemAnswer]:
    """The answer's item values with their items and their reference texts: what the search index reads."""
    return list(answer.item_answers.order_by().select_related("item").prefetch_related("attachments"))


def answers_for_search():
    """Every answer saved at least once, with its reply, item values, items and reference texts (the
    search index rebuilt), in batches."""
    return (
        Answer.objects.filter(revision__gt=0).select_related("reply").order_by("pk")
        .prefetch_related(Prefetch("item_answers", queryset=ItemAnswer.objects.order_by()
                                   .select_related("item").prefetch_related("attachments")))
        .iterator(chunk_size=500)
    )
