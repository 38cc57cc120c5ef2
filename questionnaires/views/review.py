"""Views of the secretariat's review: the queue, one answer's review page, decisions and the dialogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.errors import error_text

from .. import selectors, services
from ..models import Answer
from ..panels import question_panels
from ..permissions import require, require_visible
from ..workflow import Action

PAGE_SIZE = 25


@login_required
def review_queue(request):
    """Answers to review, filterable by country, question, round, state and age, sortable and paged."""
    require(request.user, "questionnaires.review_answer")
    data = request.GET.copy()
    data.setdefault("state", Answer.State.SUBMITTED)
    data.setdefault("sort", "oldest")
    queue = selectors.review_queue_filtered(data, reviewer=request.user)
    page = Paginator(queue.answers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    return render(request, "questionnaires/review_queue.html", {
        "filter": queue.filter, "page": page, "counts": queue.counts, "states": Answer.State.choices,
        "query": query.urlencode(), "state_query": {
            state: _query_with(query, state=state) for state in Answer.State.values
        },
    })


def _query_with(query, **changes):
    copy = query.copy()
    for key, value in changes.items():
        copy[key] = value
    return copy.urlencode()


@login_required
def answer_review(request, pk):
    """One answer as the focal point sees it, what changed since the last review, the previous
    round's answer, the dialogue, the audit trail and the decisions."""
    require(request.user, "questionnaires.review_answer")
    answer = selectors.answer_for_review(pk)
    items = selectors.question_items(answer.question, country_id=answer.reply.country_id)
    values = selectors.item_answers_of(answer)
    earlier, earlier_entries = selectors.previous_round_entries(answer, items)
    services.answer_opening_record(answer=answer, reviewer=request.user)
    return render(request, "questionnaires/answer_review.html", {
        "answer": answer, "reply": answer.reply, "question": answer.question,
        "status": selectors.question_status(answer, items, values),
        "entries": [(item, values.get(item.pk)) for item in items],
        "changes": selectors.changes_since_review(answer, items),
        "earlier": earlier, "earlier_entries": earlier_entries,
        "comments": selectors.dialogue(answer), "events": selectors.audit_trail(answer),
        "next_answer": selectors.next_submitted_answer(answer), "panels": question_panels(request, answer),
    })


@login_required
@require_POST
def answer_decide(request, pk):
    require(request.user, "questionnaires.review_answer")
    answer = selectors.answer_for_review(pk)
    action = request.POST.get("action", "")
    try:
        services.answer_decide(answer=answer, action=action, reviewer=request.user,
                                reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("questionnaires:answer_review", answer.pk)
    label = Action(action).label
    messages.success(request, _("%(country)s, question %(number)s: %(action)s.")
                     % {"country": answer.reply.respondent_name, "number": answer.question.number, "action": label})
    following = selectors.next_submitted_answer(answer)
    if request.POST.get("then") == "next" and following:
        return redirect("questionnaires:answer_review", following.pk)
    return redirect("questionnaires:answer_review", answer.pk)


@login_required
@require_POST
def answers_approve(request):
    """Approve several submitted answers chosen in the queue, after a confirmation that lists them and
    leaves out, unless ticked again, those the reviewer has not read as they stand; refusals are named."""
    require(request.user, "questionnaires.review_answer")
    ids = [int(value) for value in request.POST.getlist("answer") if value.isdigit()]
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("questionnaires:review_queue")
    answers = list(selectors.answers_for_bulk_decision(ids, request.user))
    if request.POST.get("confirmed") != "1":
        if not answers:
            messages.error(request, _("Select the answers to approve first."))
            return redirect(next_url)
        return render(request, "questionnaires/answers_approve_confirm.html", {"answers": answers, "next": next_url})
    approved, refused = services.answers_approve(answers=answers, reviewer=request.user)
    for answer, error in refused:
        messages.error(request, f"{answer.reply.respondent_name}: {error_text(error)}")
    if approved:
        messages.success(request, ngettext("%(count)s answer approved.", "%(count)s answers approved.", len(approved))
                         % {"count": len(approved)})
    elif not refused:
        messages.info(request, _("No answer was approved: none was ticked."))
    return redirect(next_url)


@login_required
@require_POST
def comment_post(request, pk):
    """Post a message in an answer's dialogue: the country's focal points and the secretariat."""
    answer = selectors.answer_for_review(pk)
    require_visible(request.user, "questionnaires.comment_answer", answer)
    parent = None
    if request.POST.get("parent"):
        parent = selectors.comment_of_answer(answer, request.POST["parent"])
    try:
        services.comment_add(answer=answer, author=request.user, body=request.POST.get("body", ""), parent=parent)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Message posted."))
    if request.user.has_perm("questionnaires.review_answer"):
        return redirect(reverse("questionnaires:answer_review", args=[answer.pk]) + "#dialogue")
    return redirect(reverse("questionnaires:question_edit", args=[answer.reply_id, answer.question.number]) + "#dialogue")
