"""Two coders' agreement on a question, and the secretariat settling where they differ."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors


@login_required
def question_agreement(request, question_pk):
    """Percent agreement and Cohen's kappa per category, and each disagreement side by side with a link
    to settle it."""
    require(request.user, "analysis.settle_codings")
    question = issued_question_or_404(question_pk)
    agreement = selectors.agreement_of(question)
    return render(request, "analysis/question_agreement.html", {
        "question": question, "version": question.version, "agreement": agreement,
    })
