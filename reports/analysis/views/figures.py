"""The figures of one question, as the secretariat and the steering group read them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import charts, selectors
from ..rules import readable_states


@login_required
def question_figures(request, question_pk):
    """Figures of one question: each category and structured value as "N of M Parties", a drill-down to
    the Parties behind a figure, a cross-table of two variables, filtered by a country fact; a chart of
    the categories (stacked by a country fact on request) beside its data. A rapporteur reads the figures
    of their own questions, from approved answers only."""
    question = issued_question_or_404(question_pk)
    require(request.user, "analysis.view_figures", question)
    fact = request.GET.get("fact", "")
    if fact not in selectors.FILTERABLE_FACTS:
        fact = ""
    value = request.GET.get("value", "yes") if fact else ""
    findings = selectors.findings_of(question, fact=fact, value=value, states=readable_states(request.user))
    shown = findings.variable(request.GET.get("show", ""))
    first, second = findings.variable(request.GET.get("a", "")), findings.variable(request.GET.get("b", ""))
    stack = request.GET.get("stack", "")
    if stack not in selectors.FILTERABLE_FACTS:
        stack = ""
    chart_rows = charts.chart_rows(findings, stack=stack)
    # A structured value no Party's answer gives (an item left empty by all) would only add "0 of 0" rows.
    every_figure = findings.figures()
    figures = [f for f in every_figure if f.variable.kind == "category" or f.read]
    unanswered = len({f.variable.item_number for f in every_figure if f.variable.kind == "item" and not f.read})
    return render(request, "analysis/question_figures.html", {
        "question": question, "version": question.version, "findings": findings, "figures": figures,
        "unanswered": unanswered,
        "shown": findings.figure(shown) if shown else None,
        "crosstab": findings.crosstab(first, second) if first and second else None,
        "fact": fact, "value": value, "stack": stack,
        "chart": charts.category_chart(findings, chart_rows, stack=stack) if chart_rows else None,
        "chart_rows": chart_rows,
        "facts": [(key, selectors.fact_label(key)) for key in selectors.FILTERABLE_FACTS],
        "statuses": findings.status_counts(),
        "show_passages": request.user.has_perm("analysis.code_answers", question),
    })
