"""Observations pages: one question's observations (text with live figures, edit, revisions, comments,
adoption) and their committee document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from questionnaires.html_diff import html_word_diff
from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors, services
from ..documents import ObservationsDocument, observations_docx
from ..forms import ObservationsCommentForm, ObservationsForm
from ..references import reference_for, render_references, unknown_references

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _question(request, question_pk, permission):
    question = issued_question_or_404(question_pk)
    require(request.user, permission, question)
    return question


def _page_url(question) -> str:
    return reverse("analysis:question_observations", args=[question.pk])


def _html(revision, live_values) -> str:
    """A revision's text with its figures: frozen ones once adopted, today's before."""
    if revision is None:
        return ""
    return render_references(revision.text, revision.figures if revision.adopted else live_values)


def _changes(page, revision) -> str:
    """The words a revision changed in the text of the one before (references as typed), or ""."""
    previous = page.revision(revision.number - 1) if revision is not None else None
    return html_word_diff(previous.text, revision.text) if previous is not None else ""


@login_required
def question_observations(request, question_pk):
    """The observations on a question: the adopted text with its frozen figures, the draft with the
    current ones (unknown references marked), the revisions, the secretariat's comments."""
    question = _question(request, question_pk, "analysis.read_observations")
    page = selectors.observations_page(question)
    values = selectors.figure_values(selectors.observations_findings(question))
    shown = page.revision(request.GET.get("revision"))
    draft = page.draft
    return render(request, "analysis/question_observations.html", {
        "question": question, "version": question.version, "page": page, "values": values,
        "adopted": page.adopted, "adopted_html": _html(page.adopted, values),
        "draft": draft, "draft_html": _html(draft, values),
        "unknown": unknown_references(draft.text, values) if draft else [],
        "shown": shown, "shown_html": _html(shown, values),
        "shown_changes": _changes(page, shown),
        "form": ObservationsForm(initial={"text": page.latest.text if page.latest else ""}),
        "comment_form": ObservationsCommentForm(),
        "variables": [(reference_for(key), value) for key, value in values.items()],
    })


@login_required
@require_POST
def observations_save(request, question_pk):
    """Save the text as a new revision; the page then says which references name no figure (the text is
    saved all the same)."""
    question = _question(request, question_pk, "analysis.draft_observations")
    try:
        revision = services.observations_save(question=question, author=request.user,
                                              text=request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page_url(question))
    unknown = unknown_references(revision.text, selectors.figure_values(selectors.observations_findings(question)))
    messages.success(request, _("Observations saved (revision %(number)s).") % {"number": revision.number})
    if unknown:
        messages.warning(request, _("Saved, but these references name no figure of this question: %(references)s.")
                         % {"references": ", ".join(unknown)})
    return redirect(_page_url(question))


@login_required
@require_POST
def observations_comment(request, question_pk):
    question = _question(request, question_pk, "analysis.comment_observations")
    try:
        services.observations_comment_add(question=question, author=request.user, body=request.POST.get("body", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Comment posted."))
    return redirect(_page_url(question) + "#comments")


@login_required
@require_POST
def observations_adopt(request, question_pk):
    """Adopt the latest revision, freezing its figures."""
    question = _question(request, question_pk, "analysis.adopt_observations")
    try:
        revision = services.observations_adopt(question=question, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Revision %(number)s adopted; its figures are frozen as of today.")
                         % {"number": revision.number})
    return redirect(_page_url(question))


@login_required
def observations_download(request, question_pk):
    """The observations as a bilingual DOCX: the adopted text with its frozen figures, or, before any
    adoption, the draft with today's figures, marked as a draft."""
    question = _question(request, question_pk, "analysis.read_observations")
    page = selectors.observations_page(question)
    revision = page.adopted or page.latest
    if revision is None:
        messages.error(request, _("There are no observations on this question yet."))
        return redirect(_page_url(question))
    if revision.adopted:
        values, issued = revision.figures, timezone.localdate(revision.adopted_at)
    else:
        values, issued = selectors.figure_values(selectors.observations_findings(question)), timezone.localdate()
    content = observations_docx(ObservationsDocument(
        question=question, text=revision.text, values=values, issue=page.issue(revision), issued=issued,
        adopted=revision.adopted,
    ))
    name = (f"{question.version.questionnaire.code}-v{question.version.label}-observations-{question.number}"
            f"-r{revision.number}.docx")
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
