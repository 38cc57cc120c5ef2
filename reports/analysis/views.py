"""Findings: the codebook and coding of a question, and the figures drawn from them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from questionnaires import selectors as questionnaire_selectors
from questionnaires.permissions import require
from questionnaires.selectors.compiling import answer_to_question_or_404, issued_question_or_404
from reports import selectors as report_selectors

from . import selectors, services
from .forms import CodebookImportForm, CodingForm


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
    rows = selectors.party_answers(question)
    forms = _coding_forms(question, rows, categories, request.user, bound)
    return render(request, "analysis/question_coding.html", {
        "question": question, "version": question.version, "codebook": codebook, "categories": categories,
        "rows": [(row, forms.get(row.answer.pk) if row.answer else None, row.coding_by(request.user)) for row in rows],
        "import_form": CodebookImportForm(),
    }, status=status)


@login_required
def question_coding(request, question_pk):
    """Every Party's answer to the question beside the coder's categories and passages."""
    require(request.user, "analysis.code_answers")
    return _render_sheet(request, issued_question_or_404(question_pk))


@login_required
@require_POST
def answer_code(request, question_pk, answer_pk):
    """Save the coder's categories for one answer; on a refusal the page shows why and keeps what was typed."""
    require(request.user, "analysis.code_answers")
    question = issued_question_or_404(question_pk)
    answer = answer_to_question_or_404(question, answer_pk)
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


@login_required
def question_figures(request, question_pk):
    """Figures of one question: each category and structured value as "N of M Parties", a drill-down to
    the Parties behind a figure, a cross-table of two variables, filtered by a country fact."""
    require(request.user, "analysis.view_figures")
    question = issued_question_or_404(question_pk)
    fact = request.GET.get("fact", "")
    if fact not in selectors.FILTERABLE_FACTS:
        fact = ""
    value = request.GET.get("value", "yes") if fact else ""
    findings = selectors.findings_of(question, fact=fact, value=value)
    shown = findings.variable(request.GET.get("show", ""))
    first, second = findings.variable(request.GET.get("a", "")), findings.variable(request.GET.get("b", ""))
    return render(request, "analysis/question_figures.html", {
        "question": question, "version": question.version, "findings": findings, "figures": findings.figures(),
        "shown": findings.figure(shown) if shown else None,
        "crosstab": findings.crosstab(first, second) if first and second else None,
        "fact": fact, "value": value,
        "facts": [(key, selectors.fact_label(key)) for key in selectors.FILTERABLE_FACTS],
        "statuses": findings.status_counts(),
        "show_passages": request.user.has_perm("analysis.code_answers"),
    })


@login_required
def codebook_export(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    codebook = selectors.codebook_of(question)
    if codebook is None:
        messages.error(request, _("Question %(number)s has no codebook yet.") % {"number": question.number})
        return redirect("analysis:question_coding", question.pk)
    response = HttpResponse(services.codebook_as_yaml(codebook), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codebook-question-{question.number}.yaml"'
    return response


@login_required
@require_POST
def codebook_import(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    form = CodebookImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text = form.cleaned_data["file"].read(services.codebooks.MAX_BYTES + 1).decode("utf-8-sig")
            services.codebook_import_yaml(question=question, text=text)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Codebook of question %(number)s imported.") % {"number": question.number})
    else:
        messages.error(request, _("Choose a YAML file to import."))
    return redirect("analysis:question_coding", question.pk)


@login_required
@require_POST
def codebook_copy(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    try:
        services.codebook_copy_from_earlier(question=question)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Codebook copied from the earlier round."))
    return redirect("analysis:question_coding", question.pk)

