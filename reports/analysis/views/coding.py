"""Coding pages: the round's questions and how far coding has gone, one question's coding sheet (every
Party at a glance) and the coding of one Party's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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


@login_required
def question_coding(request, question_pk):
    """Every Party of the round with the state of its answer and its codings, each linked to its coding
    (for a rapporteur: a question of theirs, approved answers only)."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.code_answers", question)
    codebook = selectors.codebook_of(question)
    rows = selectors.party_answers(question, states=readable_states(request.user))
    return render(request, "analysis/question_coding.html", {
        "question": question, "version": question.version, "codebook": codebook,
        "categories": selectors.categories_in_order(codebook), "import_form": CodebookImportForm(),
        "rows": [(row, row.coding_by(request.user)) for row in rows],
        "coded_by_me": sum(1 for row in rows if row.coding_by(request.user)),
        "readable": sum(1 for row in rows if row.readable),
        "approved_only": len(readable_states(request.user)) == 1,
    })


def _neighbours(rows, answer_id, user) -> tuple:
    """The previous and the next Party with an answer to code, and the next one this coder has not coded."""
    readable = [row for row in rows if row.readable]
    index = next((i for i, row in enumerate(readable) if row.answer.pk == answer_id), None)
    if index is None:
        return None, None, None
    previous = readable[index - 1] if index > 0 else None
    following = readable[index + 1] if index + 1 < len(readable) else None
    uncoded = next((row for row in readable[index + 1:] + readable[:index] if not row.coding_by(user)), None)
    return previous, following, uncoded


@login_required
@require_http_methods(["GET", "POST"])
def answer_code(request, question_pk, answer_pk):
    """One Party's answer beside the coder's categories and passages. On a refusal the page says why and
    keeps everything typed; "Save and next" goes on to the next Party this coder has not coded. Other
    coders' readings appear only once this coder has saved their own, so that each codes independently.
    With ``?settle=1`` (the secretariat, from the agreement page) the form records the settled code."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.code_answers", question)
    answer = answer_to_question_or_404(question, answer_pk)
    require_visible(request.user, "analysis.code_answer", answer)
    codebook = selectors.codebook_of(question)
    categories = selectors.categories_in_order(codebook)
    settle = request.GET.get("settle") == "1" or request.POST.get("settle") == "1"
    if settle:
        require(request.user, "analysis.settle_codings")
    states = readable_states(request.user)
    own = selectors.party_answers(question, countries=[answer.reply.country], texts=True, values=True, states=states)
    if not own:  # the answer of a country that is not a Party of the round
        raise Http404
    row = own[0]
    rows = selectors.party_answers(question, states=states)
    previous, following, uncoded = _neighbours(rows, answer.pk, request.user)
    base = row.final if settle else row.coding_by(request.user)
    if settle and base is None and row.coder_codings:
        base = row.coder_codings[0]
    # Coders read independently: another coder's coding is shown once this coder has saved their own.
    mine = row.coding_by(request.user)
    show_others = settle or mine is not None
    others = [a for coding in row.codings for a in coding.assignments.all()] if settle else []
    status = 200
    if request.method == "POST":
        form = CodingForm(request.POST, categories=categories, prefix="coding")
        if form.is_valid():
            try:
                services.coding_save(answer=answer, coder=request.user, codes=form.codes(), is_final=settle)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Coding of %(country)s saved.") % {"country": answer.reply.country.local_name})
                if settle:
                    return redirect(reverse("analysis:question_agreement", args=[question.pk]) + f"#party-{answer.pk}")
                if request.POST.get("next") and uncoded and uncoded.answer.pk != answer.pk:
                    return redirect("analysis:answer_code", question.pk, uncoded.answer.pk)
                if request.POST.get("next"):
                    return redirect(reverse("analysis:question_coding", args=[question.pk]) + f"#party-{answer.pk}")
                return redirect("analysis:answer_code", question.pk, answer.pk)
        status = 400
    else:
        form = CodingForm(categories=categories, prefix="coding",
                          initial_codes=base.assignments.all() if base else None, other_passages=others)
    return render(request, "analysis/answer_coding.html", {
        "question": question, "version": question.version, "codebook": codebook, "categories": categories,
        "row": row, "form": form, "mine": mine, "settle": settle, "show_others": show_others,
        "previous": previous, "following": following, "uncoded": uncoded,
        "events": [event for event in selectors.coding_events(answer) if show_others or event.actor_id == request.user.pk],
    }, status=status)
