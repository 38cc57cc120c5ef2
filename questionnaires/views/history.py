"""Views of an answer's history: its sittings and events, a comparison of two revisions, and restoring
an earlier revision (as a new one: nothing is ever deleted)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from config.errors import error_text

from .. import selectors, services
from ..models import Item
from ..permissions import require, require_visible


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def answer_history(request, reply_pk, number):
    """An answer's sittings and events, newest first, and what changed between two revisions."""
    reply, question, answer = selectors.reply_question(reply_pk, number)
    require_visible(request.user, "questionnaires.view_reply", reply)
    history = selectors.answer_history(answer, question, _number(request.GET.get("a")), _number(request.GET.get("b")))
    return render(request, "questionnaires/answer_history.html", {
        "reply": reply, "question": question, "answer": answer, "history": history,
        "can_restore": request.user.has_perm("questionnaires.edit_answer", answer),
        "sitting_gap_minutes": int(selectors.SITTING_GAP.total_seconds() // 60),
    })


@login_required
def answer_revision_restore(request, reply_pk, number, revision):
    """A focal point confirms (GET shows what will happen, POST does it) that an earlier revision's
    values are saved again as a new revision."""
    reply, question, answer = selectors.reply_question(reply_pk, number)
    require_visible(request.user, "questionnaires.view_reply", reply)
    require(request.user, "questionnaires.edit_reply", reply)
    target = selectors.answer_revision(answer, revision)
    if request.method == "POST":
        return _restore(request, reply, question, answer, target)
    if not request.user.has_perm("questionnaires.edit_answer", answer):
        messages.error(request, _("This answer is %(state)s and cannot be edited, so no revision can be restored.")
                       % {"state": answer.get_state_display().lower()})
        return redirect("questionnaires:answer_history", reply.pk, question.number)
    return render(request, "questionnaires/answer_revision_restore.html", {
        "reply": reply, "question": question, "answer": answer, "target": target,
        "comparison": selectors.revision_restore_preview(answer, question, target),
        "keeps_attachments": any(item.type == Item.Type.FILES for item in selectors.question_items(question)),
    })


def _restore(request, reply, question, answer, target):
    try:
        services.answer_revision_restore(answer=answer, revision=target, user=request.user,
                                         expected_revision=_number(request.POST.get("expected_revision")))
    except services.AnswerConflict as clash:
        current = clash.answer
        messages.error(request, _(
            "Nothing was restored: the answer was saved again (revision %(current)s, %(when)s) since you "
            "opened the confirmation. Look at the history again, then choose."
        ) % {"current": current.revision,
             "when": formats.date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
             if current.updated_at else "—"})
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Revision %(number)s was restored as a new revision; the text it replaced "
                                    "stays in the history.") % {"number": target.number})
    return redirect("questionnaires:answer_history", reply.pk, question.number)
