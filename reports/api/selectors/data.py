"""What the API's endpoints read: the same scoping querysets and selectors as the pages (questionnaires
through their selectors), with what a serializer needs prefetched, so that a page of results costs a
fixed number of queries."""

from questionnaires.models import Question, Version
from questionnaires.selectors import readable
from reports import selectors as report_selectors
from reports.analysis import selectors as analysis_selectors
from reports.analysis.rules import readable_states


def versions_for_api():
    return readable.issued_versions_newest_first()


def versions_with_structure():
    return readable.issued_versions_with_structure()


def replies_for_user(user):
    """The replies ``user`` may read: ``Reply.objects.for_user``, as every page and export."""
    return readable.replies_readable_by(user)


def answers_for_user(user):
    return readable.answers_readable_by(user)


def compilations_for_user(user):
    """The compilations ``user`` may see, as the compilation pages list them."""
    return report_selectors.compilations_for_user(user).order_by("-requested_at", "-pk")


def progress_counts(version: Version) -> dict:
    """How many answers are in each state, per question and per Party of the round: the dashboard's
    totals, from the same matrix."""
    matrix = report_selectors.progress_matrix(version)
    parties = len(matrix.rows)
    return {
        "version": version.pk, "parties": parties, "replied": matrix.replied,
        "by_question": [
            {"question": question.number, "counts": totals, "no_answer": addressed - sum(totals.values())}
            for question, totals, addressed in zip(matrix.questions, matrix.question_totals, matrix.addressed,
                                                   strict=True)
        ],
        "by_party": [
            {"party": row.country.iso_code, "replied": row.reply_id is not None, "counts": row.totals}
            for row in matrix.rows
        ],
    }


def figures_of(question: Question, user) -> dict:
    """The figures of a question as its figures page shows them to ``user`` (a rapporteur's from
    approved answers only): each variable as "N of M Parties", with the Parties counted."""
    states = readable_states(user)
    findings = analysis_selectors.findings_of(question, states=states)
    figures = [figure for figure in findings.figures() if figure.variable.kind == "category" or figure.read]
    return {
        "question": question.pk, "number": question.number, "as_of": findings.as_of, "states_read": list(states),
        "statuses": findings.status_counts(),
        "figures": [
            {"key": f.variable.key, "label": f.variable.label, "kind": f.variable.kind, "count": f.count,
             "read": f.read, "total": f.total, "parties": [reading.country.iso_code for reading in f.parties]}
            for f in figures
        ],
    }
