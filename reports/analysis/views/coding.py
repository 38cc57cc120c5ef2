"""Coding pages: the round's questions and how far coding has gone, and one question's coding sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from questionnaires import selectors as questionnaire_selectors
from questionnaires.permissions import require, require_visible
from questionnaires.selectors.compiling import answer_to_question_or_404, issued_question_or_404
from reports import selectors as report_selectors

from .. import selectors, services
from ..forms import CodebookImportForm, CodingForm
from ..rules import readable_states


@login_required
def version_findings(request, version_pk):
    """The questions of a round with their codebooks and how far their coding has gone."""
    require(request.user, "analysis.view_figures")
    version = report_selectors.version_for_progress(version_pk)
    questions = questionnaire_selectors.version_questions(version)
    return render(request, "analysis/version_findings.html", {
        "version": version, "rows": selectors.coding_progress(questions),
    })


def _coding_forms(question, rows, categories, user, bound=None):
    forms = {}
    for row in rows:
        if not row.readable:
            continue
        mine = row.coding_by(user)
        prefix = f"a{row.answer.pk}"
        if bound is not None and bound.prefix == prefix:
            forms[row.answer.pk] = bound
        else:
            forms[row.answer.pk] = CodingForm(categories=categories, prefix=prefix,
                                              initial_codes=mine.assignments.all() if mine else None)
    return forms


def _render_sheet(request, question, bound=None, status=200):
    codebook = selectors.codebook_of(question)
    categories = selectors.categories_in_order(codebook)
    rows = selectors.party_answers(question, readable_states(request.user))
    forms = _coding_forms(question, rows, categories, request.user, bound)
    return render(request, "analysis/question_coding.html", {
        "question": question, "version": question.version, "codebook": codebook, "categories": categories,
        "rows": [(row, forms.get(row.answer.pk) if row.answer else None, row.coding_by(request.user)) for row in rows],
        "import_form": CodebookImportForm(), "approved_only": len(readable_states(request.user)) == 1,
    }, status=status)


@login_required
def question_coding(request, question_pk):
    """Every Party's answer to the question beside the coder's categories and passages (a rapporteur's:
    the approved answers to a question of theirs)."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.code_answers", question)
    return _render_sheet(request, question)


@login_required
@require_POST
def answer_code(request, question_pk, answer_pk):
    """Save the coder's categories for one answer; on a refusal the page shows why and keeps what was typed."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.code_answers", question)
    answer = answer_to_question_or_404(question, answer_pk)
    require_visible(request.user, "analysis.code_answer", answer)
    categories = selectors.categories_in_order(selectors.codebook_of(question))
    form = CodingForm(request.POST, categories=categories, prefix=f"a{answer.pk}")
    if form.is_valid():
        try:
            services.coding_save(answer=answer, coder=request.user, codes=form.codes(),
                                 is_final=request.POST.get("settle") == "1" and request.user.has_perm(
                                     "analysis.settle_codings"))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Coding of %(country)s saved.") % {"country": answer.reply.country.local_name})
            return redirect(reverse("analysis:question_coding", args=[question.pk]) + f"#party-{answer.pk}")
    return _render_sheet(request, question, bound=form, status=400)
