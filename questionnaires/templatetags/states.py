"""The state vocabulary (``questionnaires.states``) in templates."""

from django import template

from .. import states

register = template.Library()


@register.filter
def answer_status(answer) -> states.AnswerStatus:
    """The status of an answer as users read it (reopened answers told apart when the selector annotated
    ``last_return_action``)."""
    return states.answer_status(answer)
