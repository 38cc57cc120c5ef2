"""Building a compilation's documents (DOCX, XLSX, PDF, and a ZIP for a whole round) from its row.

Called by the Celery task with the row's id; safe to run twice, because a finished row is left alone.
"""

import tempfile
import time
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from questionnaires.symbols import document_symbol

from .. import documents
from ..documents import DocumentSpec
from ..models import Compilation
from ..selectors.contents import compilation_subject, question_blocks
from ..selectors.progress import round_parties
from ..selectors.stakeholders import add_contributions

FILE_FIELDS = ("docx", "xlsx", "pdf", "archive", "preview")


def compilation_spec(compilation: Compilation) -> DocumentSpec:
    """What the compilation's documents say: symbol, date, titles in both languages and the blocks."""
    version = compilation.version
    questions, countries = compilation_subject(compilation.kind, version, compilation.question, compilation.country)
    blocks = question_blocks(version, questions, countries)
    general_comments = []
    if compilation.include_contributions:
        general_comments = add_contributions(blocks, version, questions, compilation.country)
    year = _year(version)
    issued = timezone.localdate(compilation.requested_at) if compilation.requested_at else timezone.localdate()
    parties = countries if compilation.kind != Compilation.Kind.COUNTRY else list(round_parties(version))
    if compilation.kind == Compilation.Kind.COUNTRY:
        country = compilation.country
        symbol = document_symbol(version.reply_symbol_pattern, year=year, revision=compilation.revision,
                                 code=version.questionnaire.code, country=country.iso_code, bilingual=False)
        title_en = f"Replies to the questionnaire – {country.name.upper()} – {version.title_en}"
        title_fr = f"Réponses au questionnaire – {(country.name_fr or country.name).upper()} – " \
                   f"{version.title_fr or version.title_en}"
    elif compilation.kind == Compilation.Kind.QUESTION:
        return _question_spec(compilation, blocks[0], issued, parties)
    elif compilation.kind == Compilation.Kind.FOLLOWUP:
        blocks = [block for block in blocks if block.recommendation is not None]
        symbol, title_en, title_fr = _followup_titles(compilation, blocks)
    else:
        numbers = [question.number for question in questions]
        span = f"{numbers[0]}-{numbers[-1]}" if numbers else ""
        symbol = document_symbol(version.symbol_pattern, year=year, revision=compilation.revision, n=span)
        title_en = f"Compilation of replies to the questionnaire “{version.title_en}”"
        title_fr = f"Compilation des réponses au questionnaire « {version.title_fr or version.title_en} »"
    return DocumentSpec(kind=compilation.kind, symbol=symbol, issued=issued, title_en=title_en, title_fr=title_fr,
                        blocks=blocks, parties=parties, country=compilation.country,
                        contributions=compilation.include_contributions, general_comments=general_comments)


def _followup_titles(compilation: Compilation, blocks) -> tuple[str, str, str]:
    """The symbol and titles of the compilation per recommendation, in the committee's words
    (T-ES(2020)01 rev._bil: "Compilation of information on the follow-up to the 10 recommendations …")."""
    version = compilation.version
    numbers = [block.question.number for block in blocks]
    span = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else "".join(numbers)
    symbol = document_symbol(version.symbol_pattern, year=_year(version), revision=compilation.revision, n=span)
    source = blocks[0].recommendation.version if blocks else version
    count = len(blocks)
    which_en = "the recommendation" if count == 1 else f"the {count} recommendations"
    which_fr = "à la recommandation" if count == 1 else f"aux {count} recommandations"
    title_en = f"Compilation of information on the follow-up to {which_en} of “{source.title_en}”"
    title_fr = f"Compilation des informations sur le suivi donné {which_fr} de « {source.title_fr or source.title_en} »"
    return symbol, title_en, title_fr


def _file_stem(compilation: Compilation) -> str:
    base = f"{compilation.version.questionnaire.code}-v{compilation.version.label}"
    if compilation.kind == Compilation.Kind.QUESTION:
        return f"{base}-question-{compilation.question.number}-rev{compilation.revision}"
    if compilation.kind == Compilation.Kind.COUNTRY:
        return f"{base}-{compilation.country.iso_code}-rev{compilation.revision}"
    if compilation.kind == Compilation.Kind.FOLLOWUP:
        return f"{base}-per-recommendation-rev{compilation.revision}"
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
    for name in FILE_FIELDS:
        getattr(compilation, name).delete(save=False)
    try:
        # The documents are bilingual whatever the requester's language: in-process builds run inside
        # that user's request.
        with translation.override("en"):
            spec = compilation_spec(compilation)
            _progress(compilation, 20)
            _write_documents(compilation, spec)
    except BaseException:
        for name in FILE_FIELDS:  # no half-written set of files is left behind
            getattr(compilation, name).delete(save=False)
        raise
    compilation.countries_included = max((block.approved_count for block in spec.blocks), default=0)
    compilation.coverage = [
        {"question": block.question.number,
         "parties": [[entry.country.iso_code, entry.status.value] for entry in block.entries]}
        for block in spec.blocks
    ]
    compilation.status = Compilation.Status.DONE
    compilation.progress = 100
    compilation.finished_at = timezone.now()
    compilation.duration_ms = round((time.perf_counter() - started) * 1000)
    compilation.save()
    return compilation


def _write_documents(compilation: Compilation, spec: DocumentSpec) -> None:
    """Lay the documents out once and store each format as soon as it is written, so that no two are
    held in memory together; a round's questions are laid out once for its document and its ZIP."""
    stem = _file_stem(compilation)
    sections = [] if spec.kind == Compilation.Kind.COUNTRY else [documents.compiled_section(b) for b in spec.blocks]
    layout = documents.compiled_layout(spec, sections)
    builder = documents.DocxBuilder()
    fragments = [builder.fragment(section) for section in sections]
    if spec.kind in (Compilation.Kind.ROUND, Compilation.Kind.FOLLOWUP):
        front = builder.fragment(documents.front_matter(spec))
        page_break = builder.fragment([documents.PageBreak()])
        body = [front, *(part for fragment in fragments for part in (page_break, fragment))]
    elif spec.kind == Compilation.Kind.QUESTION:
        body = [builder.fragment(documents.front_matter(spec)), *fragments]
    else:
        body = [builder.fragment(layout)]
    _store(compilation.docx, f"{stem}.docx", lambda target: builder.package(body, target))
    _progress(compilation, 45)
    tables = {block.question.pk: documents.question_table(block) for block in spec.blocks}
    compilation.xlsx.save(f"{stem}.xlsx", ContentFile(documents.write_xlsx(spec, tables)), save=False)
    _store(compilation.preview, f"{stem}.html", lambda target: documents.write_html(layout, spec.symbol, target))
    _progress(compilation, 60)
    compilation.pdf_error = ""
    if not settings.COMPILATION_PDF:
        compilation.pdf_error = _("PDF output is switched off on this server; DOCX and XLSX are available.")
    else:
        try:
            compilation.pdf.save(f"{stem}.pdf", ContentFile(documents.write_pdf(layout, spec.symbol)), save=False)
        except documents.PdfUnavailable as error:
            compilation.pdf_error = str(error)
    _progress(compilation, 85)
    if spec.kind == Compilation.Kind.ROUND:
        compilation.archive.save(f"{stem}.zip", File(_round_archive(compilation, spec, builder, fragments, tables)),
                                 save=False)


def _year(version) -> int:
    return version.published_at.year if version.published_at else timezone.now().year


def _question_spec(compilation: Compilation, block, issued, parties) -> DocumentSpec:
    """The compilation of replies to one question (also each question of a round's ZIP)."""
    version, question = compilation.version, block.question
    title_en = f"Compilation of replies to Question {question.number} ({question.title_en}) " \
               f"of the questionnaire “{version.title_en}”"
    title_fr = f"Compilation des réponses à la question {question.number} ({question.title_fr or question.title_en}) " \
               f"du questionnaire « {version.title_fr or version.title_en} »"
    if block.recommendation is not None:
        source = block.recommendation.version
        title_en = f"Compilation of information on the follow-up to Recommendation {question.number} " \
                   f"of “{source.title_en}”"
        title_fr = f"Compilation des informations sur le suivi donné à la recommandation {question.number} " \
                   f"de « {source.title_fr or source.title_en} »"
    return DocumentSpec(
        kind=Compilation.Kind.QUESTION, issued=issued, blocks=[block], parties=parties,
        contributions=compilation.include_contributions,
        symbol=document_symbol(version.symbol_pattern, year=_year(version), revision=compilation.revision,
                               n=question.number),
        title_en=title_en, title_fr=title_fr,
    )


def _store(field, name: str, write) -> None:
    """Store a format that ``write`` writes into a file as it makes it: never whole in memory."""
    with tempfile.TemporaryFile() as target:
        write(target)
        target.seek(0)
        field.save(name, File(target), save=False)


def _round_archive(compilation: Compilation, spec: DocumentSpec, builder, fragments, tables):
    """A ZIP with one DOCX and one XLSX per question, each in the form of a question's compilation, made
    of the questions' fragments and tables already laid out for the round; spooled to disk when large."""
    archive_file = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    stem = _file_stem(compilation)
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        for block, fragment in zip(spec.blocks, fragments, strict=True):
            single = _question_spec(compilation, block, spec.issued, spec.parties)
            name = f"question-{block.question.number}"
            front = builder.fragment(documents.front_matter(single))
            archive.writestr(f"{stem}/{name}.docx", builder.package([front, fragment]))
            archive.writestr(f"{stem}/{name}.xlsx", documents.write_xlsx(single, tables))
    archive_file.seek(0)
    return archive_file


def _progress(compilation: Compilation, percent: int) -> None:
    Compilation.objects.filter(pk=compilation.pk).update(progress=percent)


def compilation_fail(*, compilation_id: int, error: str) -> None:
    """Record that a compilation failed, with the error the user sees; a finished one is left alone."""
    Compilation.objects.filter(pk=compilation_id).exclude(status=Compilation.Status.DONE).update(
        status=Compilation.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
