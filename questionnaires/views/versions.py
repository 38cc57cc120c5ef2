"""Views of questionnaire versions for the secretariat: the preview and the differences between two versions."""

from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

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
    return render(request, "questionnaires/version_preview.html", {
        "version": version, "questions_html": _preview_questions_html(version),
        "previous": selectors.version_previous(version),
    })


def _preview_questions_html(version) -> str:
    """Every question of the version rendered as a disabled answering form. A published version never
    changes, so its rendering is kept per language for the life of the process (the "rendered" cache);
    a draft, still being edited, is rendered afresh each time."""
    key = version.frozen_key and f"version-preview:{version.frozen_key}:{get_language()}"
    if key and (html := caches["rendered"].get(key)) is not None:
        return html
    questions = []
    for section, question, items in selectors.version_questions_in_order(version):
        form = QuestionForm(question=question, items=items, item_answers={})
        for field in form.fields.values():
            field.disabled = True
        questions.append((section, question, form))
    html = render_to_string("questionnaires/includes/preview_questions.html", {"questions": questions})
    if key:
        caches["rendered"].set(key, html)
    return html
