"""Writes for reports: progress snapshots and compilations.

A compilation row is created (status queued) before its task is queued, on commit; the task only
takes the row's id, so it can run twice, and a periodic job re-queues rows a lost worker left behind.
"""

import datetime
import io
import logging
import time
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.celery_app import BROKER_ERRORS
from countries.models import Country
from questionnaires.models import Question, Version
from questionnaires.selectors import answer_state_counts

from . import compilation_data, documents
from .selectors import member_countries
from .models import Compilation, ProgressSnapshot

logger = logging.getLogger(__name__)


@transaction.atomic
def progress_snapshot_take(*, version: Version, day: datetime.date | None = None) -> ProgressSnapshot:
    """Record today's answer counts per state for a version; taking it twice the same day updates it."""
    counts = answer_state_counts(version)
    snapshot, _created = ProgressSnapshot.objects.update_or_create(
        version=version,
        day=day or timezone.localdate(),
        defaults={"replies": version.replies.count(), **counts},
    )
    return snapshot


def _subject(kind: str, version: Version, question: Question | None, country: Country | None):
    """The questions and countries a compilation covers."""
    countries = list(member_countries(version))
    if kind == Compilation.Kind.QUESTION:
        return [question], countries
    questions = list(version.questions.order_by("position"))
    if kind == Compilation.Kind.COUNTRY:
        return questions, [country]
    return questions, countries


@transaction.atomic
def compilation_request(*, version: Version, kind: str, user=None, question: Question | None = None,
                        country: Country | None = None) -> tuple[Compilation, bool]:
    """Ask for a compilation. Returns (compilation, created): when the answers it would use are
    unchanged since the latest revision, that revision is returned and nothing new is made."""
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("Draft versions have no replies to compile."), code="draft")
    if (kind == Compilation.Kind.QUESTION) != (question is not None) or \
            (kind == Compilation.Kind.COUNTRY) != (country is not None):
        raise ValidationError(_("This kind of compilation needs a question or a country."), code="subject")
    if question is not None and question.version_id != version.pk:
        raise ValidationError(_("That question is not part of this version."), code="wrong_question")
    Version.objects.select_for_update().get(pk=version.pk)  # numbers revisions one request at a time
    questions, countries = _subject(kind, version, question, country)
    fingerprint = compilation_data.fingerprint(kind, version, questions, countries, country)
    same_subject = Compilation.objects.filter(kind=kind, version=version, question=question, country=country)
    latest = same_subject.order_by("-revision").first()
    if latest is not None and latest.fingerprint == fingerprint and latest.status != Compilation.Status.FAILED:
        return latest, False
    if latest is not None and latest.fingerprint == fingerprint:  # failed: try the same revision again
        latest.status, latest.error, latest.progress = Compilation.Status.QUEUED, "", 0
        latest.requested_by = user
        latest.save(update_fields=["status", "error", "progress", "requested_by"])
        compilation_enqueue(latest)
        return latest, False
    compilation = Compilation.objects.create(
        kind=kind, version=version, question=question, country=country, fingerprint=fingerprint,
        revision=(latest.revision + 1) if latest else 1, requested_by=user,
    )
    compilation_enqueue(compilation)
    return compilation, True


def compilation_enqueue(compilation: Compilation) -> None:
    """Queue the build once the row is committed. If the broker is unreachable the row stays queued
    and the periodic job (or the user's retry) queues it again later."""
    from .tasks import build_compilation

    compilation_id = compilation.pk

    def send():
        try:
            build_compilation.apply_async(args=[compilation_id], retry=False)
        except BROKER_ERRORS as error:
            logger.warning("Compilation %s stays queued: the broker is unreachable (%s)", compilation_id, error)
            Compilation.objects.filter(pk=compilation_id, status=Compilation.Status.QUEUED).update(
                error=_("The background service is unreachable; the compilation will start when it is back.")
            )

    transaction.on_commit(send)


def _context(compilation: Compilation) -> dict:
    version = compilation.version
    questions, countries = _subject(compilation.kind, version, compilation.question, compilation.country)
    blocks = compilation_data.question_blocks(version, questions, countries)
    if compilation.kind == Compilation.Kind.QUESTION:
        question = compilation.question
        title_en = f"Compilation of replies to Question {question.number} ({question.title_en})"
        title_fr = f"Compilation des réponses à la question {question.number} ({question.title_fr})" \
            if question.title_fr else ""
    elif compilation.kind == Compilation.Kind.COUNTRY:
        title_en, title_fr = f"Reply of {compilation.country.name}", ""
    else:
        title_en, title_fr = f"Compilation of replies: {version.title_en}", version.title_fr
    round_number = version.questionnaire.round_number
    approved = max((block.approved_count for block in blocks), default=0)
    return {
        "title_en": title_en,
        "title_fr": title_fr,
        "title_lines": [
            f"{version.title_en}" + (f" — monitoring round {round_number}" if round_number else ""),
            f"Questionnaire {version.questionnaire.code}, version {version.label}",
            f"Generated on {timezone.localtime():%d %B %Y at %H:%M}, revision {compilation.revision}",
            f"{approved} of {len(countries)} countries with an approved reply",
        ],
        "blocks": blocks,
        "with_summary": compilation.kind != Compilation.Kind.COUNTRY,
        "approved": approved,
    }


def _file_stem(compilation: Compilation) -> str:
    base = f"{compilation.version.questionnaire.code}-v{compilation.version.label}"
    if compilation.kind == Compilation.Kind.QUESTION:
        return f"{base}-question-{compilation.question.number}-rev{compilation.revision}"
    if compilation.kind == Compilation.Kind.COUNTRY:
        return f"{base}-{compilation.country.iso_code}-rev{compilation.revision}"
    return f"{base}-all-questions-rev{compilation.revision}"


def compilation_build(*, compilation_id: int) -> Compilation | None:
    """Produce a queued compilation's documents. Safe to run twice: a finished row is left alone."""
    with transaction.atomic():
        compilation = (
            Compilation.objects.select_for_update(of=("self",))
            .select_related("version__questionnaire", "question", "country")
            .filter(pk=compilation_id).first()
        )
        if compilation is None or compilation.status == Compilation.Status.DONE:
            return compilation
        compilation.status = Compilation.Status.RUNNING
        compilation.started_at = timezone.now()
        compilation.attempts += 1
        compilation.progress = 5
        compilation.error = ""
        compilation.save(update_fields=["status", "started_at", "attempts", "progress", "error"])
    started = time.perf_counter()
    # The documents are in English (with the French titles), whatever language the requester uses:
    # in-process builds run inside that user's request.
    with translation.override("en"):
        context = _context(compilation)
        _progress(compilation, 30)
        stem = _file_stem(compilation)
        html = documents.write_html(context)
        docx_bytes = documents.write_docx(context)
        _progress(compilation, 60)
        xlsx_bytes = documents.write_xlsx(context)
        _progress(compilation, 75)
        pdf_bytes, pdf_error = None, ""
        if settings.COMPILATION_PDF:
            try:
                pdf_bytes = documents.write_pdf(html)
            except documents.PdfUnavailable as error:
                pdf_error = str(error)
        else:
            pdf_error = _("PDF output is switched off on this server; DOCX and XLSX are available.")
        archive = _round_archive(compilation, context) if compilation.kind == Compilation.Kind.ROUND else None
    _progress(compilation, 95)
    for field in ("docx", "xlsx", "pdf", "archive"):
        getattr(compilation, field).delete(save=False)
    compilation.docx.save(f"{stem}.docx", ContentFile(docx_bytes), save=False)
    compilation.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx_bytes), save=False)
    if pdf_bytes:
        compilation.pdf.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    if archive is not None:
        compilation.archive.save(f"{stem}.zip", ContentFile(archive), save=False)
    compilation.html = html
    compilation.pdf_error = pdf_error
    compilation.countries_included = context["approved"]
    compilation.status = Compilation.Status.DONE
    compilation.progress = 100
    compilation.finished_at = timezone.now()
    compilation.duration_ms = round((time.perf_counter() - started) * 1000)
    compilation.save()
    return compilation


def _round_archive(compilation: Compilation, context: dict) -> bytes:
    """A ZIP with one DOCX and one XLSX per question, plus the whole round's documents."""
    buffer = io.BytesIO()
    stem = _file_stem(compilation)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for block in context["blocks"]:
            single = {**context, "blocks": [block],
                      "title_en": f"Compilation of replies to Question {block.question.number} "
                                  f"({block.question.title_en})"}
            name = f"question-{block.question.number}"
            archive.writestr(f"{stem}/{name}.docx", documents.write_docx(single))
            archive.writestr(f"{stem}/{name}.xlsx", documents.write_xlsx(single))
    return buffer.getvalue()


def _progress(compilation: Compilation, percent: int) -> None:
    Compilation.objects.filter(pk=compilation.pk).update(progress=percent)


def compilation_fail(*, compilation_id: int, error: str) -> None:
    Compilation.objects.filter(pk=compilation_id).exclude(status=Compilation.Status.DONE).update(
        status=Compilation.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def compilations_requeue_stuck(*, older_than: datetime.timedelta | None = None) -> list[int]:
    """Queue again the compilations left queued or running past their time limit (a lost worker or
    broker); after too many attempts they are marked failed, with the reason, for a person to retry."""
    if older_than is None:
        older_than = datetime.timedelta(seconds=settings.COMPILATION_STUCK_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    stuck = Compilation.objects.filter(
        status__in=[Compilation.Status.QUEUED, Compilation.Status.RUNNING],
    ).filter(
        Q(status=Compilation.Status.QUEUED, requested_at__lt=cutoff)
        | Q(status=Compilation.Status.RUNNING, started_at__lt=cutoff)
    )
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
def compilation_retry(*, compilation: Compilation, user=None) -> Compilation:
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
        | Q(kind=Compilation.Kind.ROUND)
        | Q(kind=Compilation.Kind.COUNTRY, country_id=country_id)
    ).update(stale=True)
