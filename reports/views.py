from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Answer
from questionnaires.permissions import is_focal_point, is_secretariat, is_steering_member, require, user_country_id
from questionnaires.selectors import answer_state_counts

from . import selectors


@login_required
def home(request):
    """What the signed-in user can do next, section by section for each of their roles: the country's
    replies, answers awaiting review, progress and compilations. It lives here because it reads
    from every app, and data flows one way (countries <- questionnaires <- reports)."""
    user = request.user
    context = {"is_focal_point": is_focal_point(user), "is_secretariat": is_secretariat(user),
               "is_steering_member": is_steering_member(user)}
    if context["is_focal_point"]:
        replies = list(questionnaire_selectors.replies_for_home(user).filter(country_id=user_country_id(user)))
        progress = questionnaire_selectors.progress_by_reply(replies)
        context["country"] = user.focal_point.country
        context["own_replies"] = [(reply, progress.get(reply.pk)) for reply in replies]
        context["versions_without_reply"] = questionnaire_selectors.open_versions().exclude(
            replies__country_id=user_country_id(user)
        )
    if context["is_secretariat"]:
        awaiting = list(questionnaire_selectors.replies_awaiting_review(user)[:50])
        progress = questionnaire_selectors.progress_by_reply(awaiting)
        context["awaiting_review"] = [(reply, progress.get(reply.pk)) for reply in awaiting]
    if context["is_secretariat"] or context["is_steering_member"]:
        context["open_versions"] = [
            (version, questionnaire_selectors.answer_state_counts(version)) for version in questionnaire_selectors.open_versions()
        ]
    context["compilations"] = list(
        selectors.compilations_for_user(user).filter(status="done").order_by("-finished_at")[:15]
    )
    context["reportable_versions"] = selectors.reportable_versions() if user.has_perm("reports.request_compilation") else []
    return render(request, "reports/home.html", context)


@login_required
def progress(request):
    """Every published or closed version with its answer counts per state."""
    require(request.user, "questionnaires.view_progress")
    versions = [(version, answer_state_counts(version)) for version in selectors.reportable_versions()]
    return render(request, "reports/progress.html", {"versions": versions})


@login_required
def version_progress(request, pk):
    """One version's dashboard: countries × questions coloured by state, totals, progress over time."""
    require(request.user, "questionnaires.view_progress")
    version = selectors.version_for_progress(pk)
    focus_only = request.GET.get("focus") == "1"
    return render(request, "reports/version_progress.html", {
        "version": version,
        "matrix": selectors.progress_matrix(version, focus_only=focus_only),
        "focus_only": focus_only,
        "states": Answer.State.choices,
        "chart": selectors.progress_chart(version),
    })
