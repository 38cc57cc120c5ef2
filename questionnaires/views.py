from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import selectors
from .permissions import is_focal_point, is_secretariat, is_steering_member, user_country_id


@login_required
def home(request):
    """What the signed-in user can do next, section by section for each of their roles."""
    user = request.user
    context = {"is_focal_point": is_focal_point(user), "is_secretariat": is_secretariat(user),
               "is_steering_member": is_steering_member(user)}
    if context["is_focal_point"]:
        replies = list(selectors.replies_for_home(user).filter(country_id=user_country_id(user)))
        progress = selectors.progress_by_reply(replies)
        context["country"] = user.focal_point.country
        context["own_replies"] = [(reply, progress.get(reply.pk)) for reply in replies]
        context["versions_without_reply"] = selectors.open_versions().exclude(
            replies__country_id=user_country_id(user)
        )
    if context["is_secretariat"]:
        awaiting = list(selectors.replies_awaiting_review(user)[:50])
        progress = selectors.progress_by_reply(awaiting)
        context["awaiting_review"] = [(reply, progress.get(reply.pk)) for reply in awaiting]
    if context["is_secretariat"] or context["is_steering_member"]:
        context["open_versions"] = [
            (version, selectors.answer_state_counts(version)) for version in selectors.open_versions()
        ]
    return render(request, "questionnaires/home.html", context)


@login_required
def reply_detail(request, pk):
    """A country's reply: every section and question with its state, progress and last edit."""
    reply = selectors.reply_with_context(pk)
    if not request.user.has_perm("questionnaires.view_reply", reply):
        raise PermissionDenied
    sections = selectors.reply_sections(reply)
    progress = selectors.progress_by_reply([reply]).get(reply.pk)
    return render(request, "questionnaires/reply_detail.html", {
        "reply": reply, "sections": sections, "progress": progress,
    })
