"""Views of questionnaire versions for the secretariat: the preview and the differences between two versions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors
from ..forms import QuestionForm
from ..permissions import require


@login_required
def version_diff(request, old_pk, new_pk):
    """What changed between two versions of questionnaires, question by question and item by item."""
    require(request.user, "questionnaires.compare_versions")
    old = selectors.version_with_questionnaire(old_pk)
    new = selectors.version_with_questionnaire(new_pk)
    return render(request, "questionnaires/version_diff.html", {
        "old": old, "new": new, "diff": selectors.version_diff(old, new),
    })


@login_required
def version_preview(request, pk):
    """The whole version exactly as a focal point's forms show it, in the interface language."""
    require(request.user, "questionnaires.compare_versions")
    version = selectors.version_with_questionnaire(pk)
    questions = []
    for section, question, items in selectors.version_questions_in_order(version):
        form = QuestionForm(question=question, items=items, item_answers={})
        for field in form.fields.values():
            field.disabled = True
        questions.append((section, question, form))
    return render(request, "questionnaires/version_preview.html", {
        "version": version, "questions": questions, "previous": selectors.version_previous(version),
    })
