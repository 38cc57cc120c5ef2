"""Panels that other apps show beside a question's form and on an answer's review page.

Questionnaires never imports the apps that read them (data flows countries ← questionnaires ← reports):
an app registers a panel here from its ``AppConfig.ready()``. A panel is called with the request and the
answer whose page is shown, after the page's own permission check, and returns HTML, or an empty string
when it has nothing to show for that answer."""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from .models import Answer

QuestionPanel = Callable[[HttpRequest, Answer], SafeString]
_panels: list[QuestionPanel] = []


def register_question_panel(panel: QuestionPanel) -> QuestionPanel:
    """Show ``panel`` on every question page and answer review page (registering it twice shows it once)."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def question_panels(request: HttpRequest, answer: Answer) -> list[SafeString]:
    """The HTML of every registered panel that has something to show for ``answer``."""
    return [html for html in (panel(request, answer) for panel in _panels) if html]
