"""Views of answering: a country's reply and one question's form with autosave.

Thin: check the permission on the object, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.errors import error_text

from .. import selectors, services
from ..contributions import selectors as contribution_selectors
from ..forms import AttachmentForm, QuestionForm
from ..models import Item
from ..panels import question_panels
from ..permissions import require, require_visible, user_country_id, user_organisation_id


@login_required
@require_POST
def reply_start(request, version_pk):
    """A focal point opens their country's reply to an open version, optionally carrying over approved
    answers from the previous version; a stakeholder invited to the round opens its organisation's."""
    version = selectors.version_with_questionnaire(version_pk)
    if user_country_id(request.user) is not None:
        respondent = {"country": request.user.focal_point.country}
    elif user_organisation_id(request.user) is not None:
        respondent = {"organisation": request.user.organisation_contact.organisation}
    else:
        raise PermissionDenied
    try:
        reply = services.reply_start(version=version, user=request.user, **respondent)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("home")
    if request.POST.get("prefill") == "1":
        filled = services.reply_prefill(reply=reply, user=request.user)
        messages.info(request, ngettext(
            "%(count)s item was carried over from your previous approved reply.",
            "%(count)s items were carried over from your previous approved reply.", filled,
        ) % {"count": filled})
    return redirect("questionnaires:reply_detail", reply.pk)


@login_required
def reply_detail(request, pk):
    """A reply: what needs attention first, then every question with its state and completeness
    (answers open on demand)."""
    reply = selectors.reply_with_context(pk)
    require_visible(request.user, "questionnaires.view_reply", reply)
    return render(request, "questionnaires/reply_detail.html", {
        "reply": reply, "overview": selectors.reply_overview(reply, today=timezone.localdate()),
        "can_edit": request.user.has_perm("questionnaires.edit_reply", reply),
        "stakeholder_comments": [] if reply.is_stakeholder_reply else contribution_selectors.contributions_forwarded(
            version_id=reply.version_id, country_id=reply.country_id
        ),
        "can_respond": reply.country_id is not None and user_country_id(request.user) == reply.country_id,
    })


@login_required
@require_POST
def reply_publishable(request, pk):
    """Another stakeholder says whether its reply may be published or is for the committee only."""
    reply = selectors.reply_with_context(pk)
    require_visible(request.user, "questionnaires.view_reply", reply)
    require(request.user, "questionnaires.edit_reply", reply)
    try:
        services.reply_publishable_set(reply=reply, publishable=request.POST.get("publishable") == "1")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your reply may be published.") if reply.publishable
                         else _("Your reply is for the committee only: it will not be published."))
    return redirect("questionnaires:reply_detail", reply.pk)


@login_required
def reply_check(request, pk):
    """The last step before submitting: what will be sent and locked, and what still blocks it."""
    reply = selectors.reply_with_context(pk)
    require_visible(request.user, "questionnaires.view_reply", reply)
    require(request.user, "questionnaires.edit_reply", reply)
    return render(request, "questionnaires/reply_check.html", {
        "reply": reply, "overview": selectors.reply_overview(reply, today=timezone.localdate()),
    })


@login_required
@require_POST
def reply_submit(request, pk):
    """Submit from the check page; a submission that was not confirmed there goes to the check page."""
    reply = selectors.reply_with_context(pk)
    require_visible(request.user, "questionnaires.view_reply", reply)
    require(request.user, "questionnaires.edit_reply", reply)
    if request.POST.get("confirmed") != "1":
        return redirect("questionnaires:reply_check", reply.pk)
    try:
        submitted = services.reply_submit(reply=reply, user=request.user)
    except ValidationError as error:
        if error.code != "incomplete":  # the check page lists the missing items itself
            messages.error(request, error_text(error))
        return redirect("questionnaires:reply_check", reply.pk)
    messages.success(request, ngettext(
        "%(count)s answer was submitted for review. It stays locked until the secretariat returns it.",
        "%(count)s answers were submitted for review. They stay locked until the secretariat returns them.",
        len(submitted),
    ) % {"count": len(submitted)})
    return redirect("questionnaires:reply_detail", reply.pk)


def question_context(request, reply_pk, number, with_values=True):
    """The reply, question, answer and items of a question page; ``with_values=False`` skips loading the
    saved values, which a save does not need to validate the form (autosave's hot path)."""
    reply, question, answer = selectors.reply_question(reply_pk, number)
    require_visible(request.user, "questionnaires.view_reply", reply)
    items = selectors.question_items(question, country_id=reply.country_id)
    item_answers = selectors.item_answers_of(answer) if with_values else {}
    can_edit = request.user.has_perm("questionnaires.edit_reply", reply) and answer.is_editable_by_country
    return reply, question, answer, items, item_answers, can_edit


def question_form(question, answer, items, item_answers, data=None) -> QuestionForm:
    """The form of a question's items, with what is saved as its initial values."""
    return QuestionForm(
        data, question=question, items=items, item_answers=item_answers,
        national_language=answer.reply.national_language,
        initial={"revision": answer.revision, "language": answer.language, "national_text": answer.national_text},
    )


@login_required
def question_edit(request, reply_pk, number):
    """One question's form. A save from a stale revision shows both versions instead of overwriting."""
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number)
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = question_form(question, answer, items, item_answers, request.POST)
        if form.is_valid():
            try:
                services.answer_save(
                    answer=answer, values=form.item_values(), user=request.user,
                    expected_revision=form.cleaned_data["revision"], language=form.cleaned_data["language"],
                    national_text=form.national_version(), items=items,
                )
            except services.AnswerConflict as clash:
                conflict = _conflict(clash.answer, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question %(number)s saved.") % {"number": question.number})
                previous, following = selectors.neighbour_questions(question, country_id=reply.country_id)
                if "save_next" in request.POST:
                    if following:
                        return redirect("questionnaires:question_edit", reply.pk, following.number)
                    return redirect("questionnaires:reply_check", reply.pk)
                return redirect("questionnaires:question_edit", reply.pk, question.number)
    else:
        form = question_form(question, answer, items, item_answers)
    return question_page(request, reply, question, answer, item_answers, can_edit, form, conflict=conflict)


def attachment_form_for(answer, item, data=None, files=None) -> AttachmentForm:
    """The form attaching a reference text to one ``files`` item, its language first the answer's."""
    return AttachmentForm(data, files, item=item, national_language=answer.reply.national_language,
                          language=answer.language)


def question_page(request, reply, question, answer, item_answers, can_edit, form, *, conflict=None,
                  attachment_form=None, status=200):
    """Render a question's page; ``attachment_form`` is a refused attachment, shown beside its item."""
    for row in form.rows:
        if row["item"].type == Item.Type.FILES:
            row["attachment_form"] = (attachment_form if attachment_form and attachment_form.initial["item"] == row["item"].pk
                                      else attachment_form_for(answer, row["item"]))
    previous, following = selectors.neighbour_questions(question, country_id=reply.country_id)
    decision = selectors.latest_return(answer)
    return render(request, "questionnaires/question_edit.html", {
        "reply": reply, "question": question, "answer": answer, "form": form, "can_edit": can_edit,
        "status": selectors.question_status(answer, form.items, item_answers, last_return=decision),
        "item_answers": item_answers, "entries": [(item, item_answers.get(item.pk)) for item in form.items],
        "previous": previous, "following": following, "conflict": conflict,
        "error_summary": (form.error_summary() if form.is_bound and conflict is None else [])
                         + (attachment_form.error_summary() if attachment_form else []),
        "carried_over": any(ia.carried_over for ia in item_answers.values()),
        "comments": selectors.dialogue(answer), "events": selectors.audit_trail(answer),
        "decision": decision, "panels": question_panels(request, answer),
        "can_comment": request.user.has_perm("questionnaires.comment_answer", answer),
        "can_review": request.user.has_perm("questionnaires.review_answer", answer),
    }, status=status)


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
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number,
                                                                               with_values=False)
    if not can_edit:
        return JsonResponse({"error": _("This answer can no longer be edited.")}, status=403)
    form = question_form(question, answer, items, item_answers, request.POST)
    if not form.is_valid():
        return JsonResponse(autosave_refusal(form), status=400)
    try:
        saved = services.answer_save(
            answer=answer, values=form.item_values(), user=request.user,
            expected_revision=form.cleaned_data["revision"], language=form.cleaned_data["language"],
            national_text=form.national_version(), items=items,
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
        return JsonResponse({"error": error_text(error)}, status=400)
    return JsonResponse({
        "revision": saved.revision,
        "saved_at": formats.time_format(timezone.localtime(saved.updated_at)) if saved.updated_at else "",
    })


def autosave_refusal(form) -> dict:
    """Autosave's answer to invalid values: a sentence naming each field (item number and label) and
    what is wrong, and the fields for the page to mark."""
    fields = [entry for entry in form.error_summary() if entry["field"]]
    problems = "; ".join(f"{entry['label']}: {' '.join(entry['messages'])}" for entry in fields)
    if not fields:
        problems = " ".join(message for entry in form.error_summary() for message in entry["messages"])
    return {
        "error": ngettext("This value is not valid: %(problems)s", "These values are not valid: %(problems)s",
                          max(len(fields), 1)) % {"problems": problems},
        "fields": fields,
    }
