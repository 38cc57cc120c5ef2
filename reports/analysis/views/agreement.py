"""Two coders' agreement on a question, and the secretariat settling where they differ."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors
from ..forms import CodingForm


@login_required
def question_agreement(request, question_pk):
    """Percent agreement and Cohen's kappa per category, and each disagreement side by side with a form
    to settle it (prefilled with the settled coding, or the first coder's)."""
    require(request.user, "analysis.settle_codings")
    question = issued_question_or_404(question_pk)
    categories = selectors.categories_in_order(selectors.codebook_of(question))
    agreement = selectors.agreement_of(question)
    disagreements = [
        (disagreement, CodingForm(
            categories=categories, prefix=f"a{disagreement.row.answer.pk}",
            initial_codes=(disagreement.row.final or disagreement.first).assignments.all(),
            other_passages=[*disagreement.second.assignments.all(), *disagreement.first.assignments.all()],
        ))
        for disagreement in agreement.disagreements
    ]
    return render(request, "analysis/question_agreement.html", {
        "question": question, "version": question.version, "agreement": agreement,
        "disagreements": disagreements,
    })
