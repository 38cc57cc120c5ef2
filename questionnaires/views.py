"""Thin views: check the permission on the object, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import AttachmentForm, NotificationPreferenceForm, QuestionForm
from .models import Attachment, Version
from .permissions import require, user_country_id
from .workflow import EDITABLE_STATES


@login_required
@require_POST
def reply_start(request, version_pk):
    """A focal point opens their country's reply to an open version, optionally carrying over
    approved answers from the previous version."""
    version = get_object_or_404(Version, pk=version_pk)
    country_id = user_country_id(request.user)
    if country_id is None:
        raise PermissionDenied
    try:
        reply = services.reply_start(version=version, country=request.user.focal_point.country, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("home")
    if request.POST.get("prefill") == "1":
        filled = services.reply_prefill(reply=reply, user=request.user)
        messages.info(request, _("%(count)s items were carried over from your previous approved reply.") % {"count": filled})
    return redirect("reply_detail", reply.pk)


@login_required
def reply_detail(request, pk):
    """A country's reply: every section and question with its state, progress and last edit."""
    reply = selectors.reply_with_context(pk)
    require(request.user, "questionnaires.view_reply", reply)
    sections = selectors.reply_sections(reply)
    progress = selectors.progress_by_reply([reply]).get(reply.pk)
    return render(request, "questionnaires/reply_detail.html", {
        "reply": reply, "sections": sections, "progress": progress,
        "can_edit": request.user.has_perm("questionnaires.edit_reply", reply),
        "missing": request.session.pop(f"missing-{reply.pk}", None),
    })


@login_required
@require_POST
def reply_submit(request, pk):
    reply = selectors.reply_with_context(pk)
    require(request.user, "questionnaires.edit_reply", reply)
    try:
        submitted = services.reply_submit(reply=reply, user=request.user)
    except ValidationError as error:
        if error.code == "incomplete":
            editable = reply.answers.filter(state__in=EDITABLE_STATES)
            missing = selectors.missing_required_items(reply, answers=editable)
            request.session[f"missing-{reply.pk}"] = [
                {"number": item.number, "question": item.question.number, "text": item.text} for item in missing
            ]
            messages.error(request, _("The reply was not submitted: %(count)s required items are not answered yet.")
                           % {"count": len(missing)})
        else:
            messages.error(request, " ".join(error.messages))
        return redirect("reply_detail", reply.pk)
    messages.success(request, _("%(count)s answers were submitted for review.") % {"count": len(submitted)})
    return redirect("reply_detail", reply.pk)


def _question_context(request, reply_pk, number, with_values=True):
    """The reply, question, answer and items of a question page; ``with_values=False`` skips loading the
    saved values, which a save does not need to validate the form (autosave's hot path)."""
    reply = selectors.reply_with_context(reply_pk)
    require(request.user, "questionnaires.view_reply", reply)
    question, answer = selectors.question_of_reply(reply, number)
    items = selectors.question_items(question)
    item_answers = selectors.item_answers_of(answer) if with_values else {}
    can_edit = request.user.has_perm("questionnaires.edit_reply", reply) and answer.is_editable_by_country
    return reply, question, answer, items, item_answers, can_edit


def _question_form(question, answer, items, item_answers, data=None):
    return QuestionForm(
        data, question=question, items=items, item_answers=item_answers,
        national_language=answer.reply.country.national_language,
        initial={"revision": answer.revision, "language": answer.language, "national_text": answer.national_text},
    )


@login_required
def question_edit(request, reply_pk, number):
    """One question's form. A save from a stale revision shows both versions instead of overwriting."""
    reply, question, answer, items, item_answers, can_edit = _question_context(request, reply_pk, number)
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = _question_form(question, answer, items, item_answers, request.POST)
        if form.is_valid():
            try:
                services.answer_save(
                    answer=answer, values=form.item_values(), user=request.user,
                    expected_revision=form.cleaned_data["revision"], language=form.cleaned_data["language"],
                    national_text=form.national_version(),
                )
            except services.AnswerConflict as clash:
                conflict = _conflict(clash.answer, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question %(number)s saved.") % {"number": question.number})
                previous, following = selectors.neighbour_questions(question)
                if "save_next" in request.POST and following:
                    return redirect("question_edit", reply.pk, following.number)
                return redirect("question_edit", reply.pk, question.number)
    else:
        form = _question_form(question, answer, items, item_answers)
    previous, following = selectors.neighbour_questions(question)
    return render(request, "questionnaires/question_edit.html", {
        "reply": reply, "question": question, "answer": answer, "form": form, "can_edit": can_edit,
        "item_answers": item_answers, "entries": [(item, item_answers.get(item.pk)) for item in items],
        "previous": previous, "following": following, "conflict": conflict,
        "attachment_form": AttachmentForm(),
        "carried_over": any(ia.carried_over for ia in item_answers.values()),
        "comments": selectors.dialogue(answer), "events": selectors.audit_trail(answer),
        "can_comment": request.user.has_perm("questionnaires.comment_answer", answer),
        "can_review": request.user.has_perm("questionnaires.review_answer", answer),
    })


def _conflict(current_answer, form):
    """Context for the conflict panel: what is saved now (by whom, when); the form keeps what the user
    typed, now based on the current revision so that saving again knowingly replaces it."""
    data = form.data.copy()
    data["revision"] = current_answer.revision
    form.data = data
    current_items = selectors.item_answers_of(current_answer)
    return {
        "answer": current_answer,
        "entries": [(item, current_items.get(item.pk)) for item in form.items],
    }


@require_POST
def question_autosave(request, reply_pk, number):
    """Background save while typing; answers JSON: the new revision, a conflict (409), errors (400) or
    401 once the session has ended (the page keeps the text and says so, rather than following a
    redirect to the sign-in page)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("You have been signed out. Sign in again in another tab: your text "
                                        "is kept in this browser and saved as soon as you are back.")}, status=401)
    reply, question, answer, items, item_answers, can_edit = _question_context(request, reply_pk, number,
                                                                               with_values=False)
    if not can_edit:
        return JsonResponse({"error": _("This answer can no longer be edited.")}, status=403)
    form = _question_form(question, answer, items, item_answers, request.POST)
    if not form.is_valid():
        return JsonResponse({"error": _("Some values are not valid; they are kept in this page."),
                             "fields": form.errors.get_json_data()}, status=400)
    try:
        saved = services.answer_save(
            answer=answer, values=form.item_values(), user=request.user,
            expected_revision=form.cleaned_data["revision"], language=form.cleaned_data["language"],
            national_text=form.national_version(),
        )
    except services.AnswerConflict as clash:
        who = clash.answer.updated_by
        return JsonResponse({
            "error": _("%(who)s saved this answer at %(when)s while you were editing. Save with the button to "
                       "compare both versions.") % {
                "who": (who.get_full_name() or who.get_username()) if who else _("Someone"),
                "when": formats.time_format(timezone.localtime(clash.answer.updated_at)),
            },
            "revision": clash.answer.revision,
        }, status=409)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({
        "revision": saved.revision,
        "saved_at": formats.time_format(timezone.localtime(saved.updated_at)) if saved.updated_at else "",
    })


@login_required
def answer_history(request, reply_pk, number):
    """Every saved revision of an answer, and a comparison of any two of them."""
    reply = selectors.reply_with_context(reply_pk)
    require(request.user, "questionnaires.view_reply", reply)
    question, answer = selectors.question_of_reply(reply, number)
    revisions = list(selectors.answer_revisions(answer))
    by_number = {revision.number: revision for revision in revisions}
    newer = by_number.get(_int(request.GET.get("b"))) or (revisions[0] if revisions else None)
    older = by_number.get(_int(request.GET.get("a"))) or (revisions[1] if len(revisions) > 1 else None)
    comparison, national_change = [], None
    if newer and older:
        comparison = selectors.revision_changes(selectors.question_items(question), older.values, newer.values)
        national_change = selectors.national_version_change(older, newer)
    return render(request, "questionnaires/answer_history.html", {
        "reply": reply, "question": question, "answer": answer, "revisions": revisions,
        "older": older, "newer": newer, "comparison": comparison, "national_change": national_change,
    })


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def attachment_add(request, reply_pk, number):
    reply, question, answer, items, item_answers, can_edit = _question_context(request, reply_pk, number)
    if not can_edit:
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    target = None
    if form.is_valid():
        target = next((ia for ia in item_answers.values() if ia.item_id == form.cleaned_data["item"]), None)
        if target is None:
            raise Http404(_("That item is not part of this question."))
        data = form.cleaned_data
        try:
            if data["file"]:
                services.attachment_add_file(item_answer=target, uploaded=data["file"], title=data["title"],
                                             language=data["language"], user=request.user)
            else:
                services.attachment_add_link(item_answer=target, title=data["title"], url=data["url"],
                                             language=data["language"], user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Reference text added to %(item)s.") % {"item": target.item.number})
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, _("The reference text was not added: %(errors)s") % {"errors": " ".join(errors)})
    anchor = f"#item-{target.item.number}" if target else ""
    return redirect(reverse("question_edit", args=[reply.pk, question.number]) + anchor)


@login_required
@require_POST
def attachment_remove(request, reply_pk, number, attachment_pk):
    reply, question, answer, items, item_answers, can_edit = _question_context(request, reply_pk, number)
    if not can_edit:
        raise PermissionDenied
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item_answer__answer=answer)
    try:
        services.attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reference text removed."))
    return redirect("question_edit", reply.pk, question.number)


@login_required
def attachment_download(request, attachment_pk):
    """Uploaded files are never served from a public URL: every download checks the reply's permission."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("item_answer__answer__reply__country"), pk=attachment_pk
    )
    require(request.user, "questionnaires.view_reply", attachment.item_answer.answer.reply)
    if not attachment.file:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.file.name.rsplit("/", 1)[-1],
                        content_type=attachment.content_type or "application/octet-stream")




@login_required
def notification_settings(request):
    """Each user chooses between an e-mail per event and one daily digest."""
    preference = selectors.notification_preference(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_set(user=request.user, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notification_settings")
    return render(request, "questionnaires/notification_settings.html", {"form": form})


@login_required
def version_diff(request, old_pk, new_pk):
    """What changed between two versions of questionnaires, question by question and item by item."""
    require(request.user, "questionnaires.compare_versions")
    old = get_object_or_404(Version.objects.select_related("questionnaire"), pk=old_pk)
    new = get_object_or_404(Version.objects.select_related("questionnaire"), pk=new_pk)
    return render(request, "questionnaires/version_diff.html", {
        "old": old, "new": new, "diff": selectors.version_diff(old, new),
    })


@login_required
def version_preview(request, pk):
    """The whole version exactly as a focal point's forms show it, in the interface language."""
    require(request.user, "questionnaires.compare_versions")
    version = get_object_or_404(Version.objects.select_related("questionnaire"), pk=pk)
    questions = []
    for section in version.sections.order_by("position"):
        for question in section.questions.order_by("position"):
            form = QuestionForm(question=question, items=selectors.question_items(question), item_answers={})
            for field in form.fields.values():
                field.disabled = True
            questions.append((section, question, form))
    return render(request, "questionnaires/version_preview.html", {"version": version, "questions": questions})
