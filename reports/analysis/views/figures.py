"""The figures of one question, as the secretariat and the steering group read them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors
from ..rules import readable_states


@login_required
def question_figures(request, question_pk):
    """Figures of one question: each category and structured value as "N of M Parties", a drill-down to
    the Parties behind a figure, a cross-table of two variables, filtered by a country fact."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.view_figures", question)
    fact = request.GET.get("fact", "")
    if fact not in selectors.FILTERABLE_FACTS:
        fact = ""
    value = request.GET.get("value", "yes") if fact else ""
    findings = selectors.findings_of(question, fact=fact, value=value, states=readable_states(request.user))
    shown = findings.variable(request.GET.get("show", ""))
    first, second = findings.variable(request.GET.get("a", "")), findings.variable(request.GET.get("b", ""))
    return render(request, "analysis/question_figures.html", {
        "question": question, "version": question.version, "findings": findings, "figures": findings.figures(),
        "shown": findings.figure(shown) if shown else None,
        "crosstab": findings.crosstab(first, second) if first and second else None,
        "fact": fact, "value": value,
        "facts": [(key, selectors.fact_label(key)) for key in selectors.FILTERABLE_FACTS],
        "statuses": findings.status_counts(),
        "show_passages": request.user.has_perm("analysis.code_answers", question),
    })
