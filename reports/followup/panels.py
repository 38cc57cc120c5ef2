"""The panel beside a question's form (and on its answer's review page): the earlier recommendations
carried into the question that address the reply's Party, with that Party's own last follow-up to each."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from questionnaires.models import Answer

from .selectors import carried_for_party


def carried_recommendations_panel(request, answer: Answer) -> SafeString:
    """Only the reply's own Party's follow-up is read: whoever may open the page may read it."""
    entries = carried_for_party(answer.question, answer.reply.country_id)
    if not entries:
        return SafeString("")
    return render_to_string("followup/carried_panel.html", {"entries": entries, "answer": answer}, request=request)
