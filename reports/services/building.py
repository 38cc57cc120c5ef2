"""Building a compilation's documents (DOCX, XLSX, PDF, and a ZIP for a whole round) from its row.

Called by the Celery task with the row's id; safe to run twice, because a finished row is left alone.
"""

import io
import time
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import documents
from ..models import Compilation
from ..selectors.contents import compilation_subject, question_blocks


def compilation_context(compilation: Compilation) -> dict:
    """What the documents of a compilation show: titles, the lines of the title page and the blocks."""
    version = compilation.version
    questions, countries = compilation_subject(compilation.kind, version, compilation.question, compilation.country)
    blocks = question_blocks(version, questions, countries)
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
        context = compilation_context(compilation)
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
    """Record that a compilation failed, with the error the user sees; a finished one is left alone."""
    Compilation.objects.filter(pk=compilation_id).exclude(status=Compilation.Status.DONE).update(
        status=Compilation.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
