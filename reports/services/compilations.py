"""The life of a compilation: requested, queued, retried, re-queued when stuck, published, made stale.

A compilation row is created (status queued) before its task is queued, on commit; the task only
takes the row's id, so it can run twice, and a periodic job re-queues rows a lost worker left behind.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.celery_app import enqueue_on_commit
from countries.models import Country
from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer, AnswerEvent, Question, Version

from ..followup.selectors import followup_source
from ..models import Compilation
from ..selectors.compilations import compilations_stuck
from ..selectors.contents import compilation_subject, fingerprint
from .building import compilation_fail

BUILD_TASK = "reports.tasks.build_compilation"
APPROVED = Answer.State.APPROVED


@transaction.atomic
def compilation_request(*, version: Version, kind: str, user=None, question: Question | None = None,
                        country: Country | None = None,
                        include_contributions: bool | None = None) -> tuple[Compilation, bool]:
    """Ask for a compilation. Returns (compilation, created): when the answers it would use are
    unchanged since the latest revision, that revision is returned and nothing new is made.
    ``include_contributions`` adds the part on other stakeholders; left out (None), a new revision keeps
    the latest revision's choice, so that a re-issue after a decision is made as the last one was."""
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("Draft versions have no replies to compile."), code="draft")
    if (kind == Compilation.Kind.QUESTION) != (question is not None) or \
            (kind == Compilation.Kind.COUNTRY) != (country is not None):
        raise ValidationError(_("This kind of compilation needs a question or a country."), code="subject")
    if kind == Compilation.Kind.FOLLOWUP and followup_source(version) is None:
        raise ValidationError(_("This version was not generated from a round's recommendations."),
                              code="not_a_followup")
    if question is not None and question.version_id != version.pk:
        raise ValidationError(_("That question is not part of this version."), code="wrong_question")
    if country is not None and not version.parties.filter(pk=country.pk).exists():
        raise ValidationError(_("%(country)s is not a Party of this round.") % {"country": country.local_name},
                              code="not_a_party")
    questionnaire_selectors.version_lock(version)  # numbers revisions one request at a time
    questions, countries = compilation_subject(kind, version, question, country)
    same_subject = Compilation.objects.filter(kind=kind, version=version, question=question, country=country)
    latest = same_subject.order_by("-revision").first()
    if include_contributions is None:
        include_contributions = latest.include_contributions if latest is not None else False
    digest = fingerprint(kind, version, questions, countries, country, contributions=include_contributions)
    if latest is not None and latest.fingerprint == digest and latest.status != Compilation.Status.FAILED:
        if latest.stale:  # marked by a decision that, in the end, changed nothing it includes
            latest.stale = False
            latest.save(update_fields=["stale"])
        return latest, False
    if latest is not None and latest.fingerprint == digest:  # failed: try the same revision again
        latest.status, latest.error, latest.progress = Compilation.Status.QUEUED, "", 0
        latest.requested_by = user
        latest.save(update_fields=["status", "error", "progress", "requested_by"])
        compilation_enqueue(latest)
        return latest, False
    compilation = Compilation.objects.create(
        kind=kind, version=version, question=question, country=country, fingerprint=digest,
        revision=(latest.revision + 1) if latest else 1, requested_by=user,
        include_contributions=include_contributions,
    )
    compilation_enqueue(compilation)
    return compilation, True


def compilation_enqueue(compilation: Compilation) -> None:
    """Queue the build once the row is committed. If the broker is unreachable the row stays queued,
    saying so, and the periodic job (or the user's retry) queues it again later."""
    compilation_id = compilation.pk

    def say_it_waits():
        Compilation.objects.filter(pk=compilation_id, status=Compilation.Status.QUEUED).update(
            error=_("The background service is unreachable; the compilation will start when it is back.")
        )

    enqueue_on_commit(BUILD_TASK, compilation_id, on_unreachable=say_it_waits)


def compilations_requeue_stuck(*, older_than: datetime.timedelta | None = None) -> list[int]:
    """Queue again the compilations left queued or running past their time limit (a lost worker or
    broker); after too many attempts they are marked failed, with the reason, for a person to retry."""
    stuck = compilations_stuck(older_than=older_than)
    requeued = []
    for compilation in stuck:
        if compilation.attempts >= settings.COMPILATION_MAX_ATTEMPTS:
            compilation_fail(compilation_id=compilation.pk,
                             error=_("Stopped after %(n)s attempts; use Retry.") % {"n": compilation.attempts})
            continue
        Compilation.objects.filter(pk=compilation.pk).update(status=Compilation.Status.QUEUED)
        with transaction.atomic():
            compilation_enqueue(compilation)
        requeued.append(compilation.pk)
    return requeued


@transaction.atomic
def compilation_retry(*, compilation: Compilation) -> Compilation:
    """Queue a failed (or stuck) compilation again."""
    if compilation.status == Compilation.Status.DONE:
        raise ValidationError(_("This compilation is already done."), code="done")
    Compilation.objects.filter(pk=compilation.pk).update(status=Compilation.Status.QUEUED, error="", progress=0,
                                                         requested_at=timezone.now())
    compilation_enqueue(compilation)
    compilation.refresh_from_db()
    return compilation


@transaction.atomic
def compilation_publish(*, compilation: Compilation, published: bool = True) -> Compilation:
    """Let focal points download a finished compilation (or withdraw it)."""
    if compilation.status != Compilation.Status.DONE:
        raise ValidationError(_("Only a finished compilation can be published."), code="not_done")
    compilation.published = published
    compilation.save(update_fields=["published"])
    return compilation


def compilations_mark_stale(*, version_id: int, question_id: int, country_id: int) -> int:
    """An included answer changed: the latest compilations that used it are stale."""
    return Compilation.objects.filter(version_id=version_id, stale=False).filter(
        Q(kind=Compilation.Kind.QUESTION, question_id=question_id)
        | Q(kind__in=[Compilation.Kind.ROUND, Compilation.Kind.FOLLOWUP])
        | Q(kind=Compilation.Kind.COUNTRY, country_id=country_id)
    ).update(stale=True)


def compilations_mark_stale_for_contribution(*, contribution) -> int:
    """An accepted, publishable comment: the latest compilations with other stakeholders' contributions
    that would print it (its question's, the round's, its Party's) are stale."""
    if not contribution.publishable:
        return 0
    which = Q(kind=Compilation.Kind.COUNTRY, country_id=contribution.country_id)
    if contribution.question_id is not None:
        which |= Q(kind=Compilation.Kind.QUESTION, question_id=contribution.question_id)
        which |= Q(kind=Compilation.Kind.ROUND)
    return Compilation.objects.filter(
        version_id=contribution.invitation.version_id, include_contributions=True, stale=False,
    ).filter(which).update(stale=True)


def compilations_refresh_after_decision(*, answer: Answer, event: AnswerEvent) -> Compilation | None:
    """After a reviewer's decision that changed which answers are approved (an approval, or reopening
    an approved answer): the compilations that include the answer are stale, and the answer's question
    gets a new compilation revision, if one was ever made. Returning an answer that was never approved
    changes nothing they include. Another stakeholder's answer is not among the Parties': only the
    compilations with other stakeholders' contributions include it, and only when its reply may be
    published. Runs in the decision's transaction, so that the build is queued, once, when the decision
    commits."""
    reply = answer.reply
    if APPROVED not in (event.from_state, event.to_state):
        return None
    if reply.is_stakeholder_reply:
        if not reply.publishable or not _mark_stale_for_stakeholder_answer(answer):
            return None
        reissue = Compilation.objects.filter(version_id=reply.version_id, question_id=answer.question_id,
                                             kind=Compilation.Kind.QUESTION).order_by("-revision").first()
        if reissue is None or not reissue.include_contributions:
            return None
    else:
        compilations_mark_stale(version_id=reply.version_id, question_id=answer.question_id,
                                country_id=reply.country_id)
        if not Compilation.objects.filter(version_id=reply.version_id, question_id=answer.question_id).exists():
            return None
    question = questionnaire_selectors.question_with_version(answer.question_id)
    compilation, _created = compilation_request(version=question.version, kind=Compilation.Kind.QUESTION,
                                                question=question)
    return compilation


def _mark_stale_for_stakeholder_answer(answer: Answer) -> int:
    """The compilations with contributions that print a stakeholder's answer: its question's, the
    round's, and the compilation of the Party where the organisation is based."""
    reply = answer.reply
    which = Q(kind=Compilation.Kind.QUESTION, question_id=answer.question_id) | Q(kind=Compilation.Kind.ROUND)
    country_id = reply.organisation.country_id
    if country_id is not None:
        which |= Q(kind=Compilation.Kind.COUNTRY, country_id=country_id)
    return Compilation.objects.filter(
        version_id=reply.version_id, include_contributions=True,
    ).filter(which).update(stale=True)
