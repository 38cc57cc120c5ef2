"""Views of reference texts: attaching files and links to an answer, removing them, downloading them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text

from .. import selectors, services
from ..forms import AttachmentForm
from ..permissions import require_visible
from ..uploads import name_for_type
from .answering import question_context


@login_required
@require_POST
def attachment_add(request, reply_pk, number):
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number)
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
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Reference text added to %(item)s.") % {"item": target.item.number})
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, _("The reference text was not added: %(errors)s") % {"errors": " ".join(errors)})
    anchor = f"#item-{target.item.number}" if target else ""
    return redirect(reverse("questionnaires:question_edit", args=[reply.pk, question.number]) + anchor)


@login_required
@require_POST
def attachment_remove(request, reply_pk, number, attachment_pk):
    reply, question, answer, items, item_answers, can_edit = question_context(request, reply_pk, number)
    if not can_edit:
        raise PermissionDenied
    attachment = selectors.attachment_of_answer(answer, attachment_pk)
    try:
        services.attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Reference text removed."))
    return redirect("questionnaires:question_edit", reply.pk, question.number)


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
