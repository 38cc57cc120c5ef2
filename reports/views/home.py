"""The home page of every signed-in user."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from questionnaires import selectors as questionnaire_selectors
from questionnaires.permissions import (
    is_focal_point,
    is_rapporteur,
    is_secretariat,
    is_steering_member,
    user_country_id,
)

from .. import selectors
from ..analysis import selectors as analysis_selectors


@login_required
def home(request):
    """What the signed-in user can do next, section by section for each of their roles: the country's
    replies, answers awaiting review, a rapporteur's questions, progress and compilations. It lives here because it reads
    from every app, and data flows one way (countries <- questionnaires <- reports)."""
    user = request.user
    context = {"is_focal_point": is_focal_point(user), "is_secretariat": is_secretariat(user),
               "is_steering_member": is_steering_member(user)}
    if context["is_focal_point"]:
        replies = list(questionnaire_selectors.own_country_replies(user))
        progress = questionnaire_selectors.progress_by_reply(replies)
        today = timezone.localdate()
        context["country"] = user.focal_point.country
        context["own_replies"] = [
            (reply, progress.get(reply.pk), questionnaire_selectors.reply_deadline(reply, today=today))
            for reply in replies
        ]
        context["versions_without_reply"] = questionnaire_selectors.versions_to_start(user_country_id(user), today=today)
    if context["is_secretariat"]:
        awaiting = list(questionnaire_selectors.replies_awaiting_review(user)[:50])
        progress = questionnaire_selectors.progress_by_reply(awaiting)
        context["awaiting_review"] = [(reply, progress.get(reply.pk)) for reply in awaiting]
    if context["is_secretariat"] or context["is_steering_member"]:
        context["open_versions"] = selectors.versions_with_state_counts(questionnaire_selectors.open_versions())
    if is_rapporteur(user):
        context["rapporteur_questions"] = analysis_selectors.rapporteur_questions(user)
    context["compilations"] = selectors.recent_compilations(user)
    context["reportable_versions"] = selectors.reportable_versions() if user.has_perm("reports.request_compilation") else []
    return render(request, "reports/home.html", context)
