"""Views of reference texts: attaching files and links to an answer, removing them, downloading them.

Adding and removing answer JSON to the page's script (which uploads in place, without leaving the page)
and, without JavaScript, redirect back to the question, or show a refused attachment beside its item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text

from .. import selectors, services
from ..models import Item
from ..permissions import require_visible
from ..uploads import name_for_type
from .answering import attachment_form_for, question_context, question_form, question_page


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _changed_list(request, reply, question, answer, item_answer, message, status=200) -> JsonResponse:
    """The item's new list of reference texts, and the answer's new revision with the one it followed:
    a page still on that one moves on, so that its next autosave is not taken for someone else's edit."""
    html = render_to_string("questionnaires/includes/attachments.html", {
        "reply": reply, "question": question, "item": item_answer.item,
        "attachments": selectors.attachments_of(item_answer), "can_edit": True,
    }, request=request)
    return JsonResponse({"message": message, "html": html, "revision": selectors.answer_current_revision(answer),
                         "based_on": answer.revision}, status=status)


@login_required
@require_POST
def attachment_add(request, reply_pk, number):
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number)
    if not can_edit:
        raise PermissionDenied
    target = next((ia for ia in item_answers.values() if str(ia.item_id) == request.POST.get("item")), None)
    if target is None or target.item.type != Item.Type.FILES:
        raise Http404(_("That item is not part of this question."))
    form = attachment_form_for(answer, target.item, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                services.attachment_add_file(item_answer=target, uploaded=data["file"], title=data["title"],
                                             language=data["language"], user=request.user)
            else:
                services.attachment_add_link(item_answer=target, title=data["title"], url=data["url"],
                                             language=data["language"], user=request.user)
        except ValidationError as error:
            form.add_error("file" if data["file"] else "url", error_text(error))
    if form.errors:
        if _wants_json(request):
            return JsonResponse({
                "error": _("The reference text was not added to %(item)s.") % {"item": target.item.number},
                "fields": {name: list(errors) for name, errors in form.errors.items()},
            }, status=400)
        return question_page(request, reply, question, answer, item_answers, can_edit,
                             question_form(question, answer, items, item_answers), attachment_form=form, status=400)
    added = _("Reference text added to %(item)s.") % {"item": target.item.number}
    if _wants_json(request):
        return _changed_list(request, reply, question, answer, target, added, status=201)
    messages.success(request, added)
    return redirect(reverse("questionnaires:question_edit", args=[reply.pk, question.number]) + f"#item-{target.item.number}")


@login_required
@require_POST
def attachment_remove(request, reply_pk, number, attachment_pk):
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number)
    if not can_edit:
        raise PermissionDenied
    attachment = selectors.attachment_of_answer(answer, attachment_pk)
    item_answer = next(ia for ia in item_answers.values() if ia.pk == attachment.item_answer_id)
    try:
        services.attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"error": error_text(error)}, status=400)
        messages.error(request, error_text(error))
    else:
        removed = _("“%(title)s” was removed from %(item)s.") % {"title": attachment.title, "item": item_answer.item.number}
        if _wants_json(request):
            return _changed_list(request, reply, question, answer, item_answer, removed)
        messages.success(request, removed)
    return redirect(reverse("questionnaires:question_edit", args=[reply.pk, question.number]) + f"#item-{item_answer.item.number}")


@login_required
def attachment_download(request, attachment_pk):
    """Uploaded files are never served from a public URL: every download checks the reply's permission."""
    attachment = selectors.attachment_for_download(attachment_pk)
    require_visible(request.user, "questionnaires.view_reply", attachment.item_answer.answer.reply)
    if not attachment.file:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=name_for_type(attachment.file.name.rsplit("/", 1)[-1], attachment.content_type),
                        content_type=attachment.content_type or "application/octet-stream")
