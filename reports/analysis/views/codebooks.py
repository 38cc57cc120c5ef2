"""A question's codebook: exported and imported as YAML, copied from the earlier round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from questionnaires.permissions import require
from questionnaires.selectors.compiling import issued_question_or_404

from .. import selectors, services
from ..forms import CodebookImportForm


@login_required
def codebook_export(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    codebook = selectors.codebook_of(question)
    if codebook is None:
        messages.error(request, _("Question %(number)s has no codebook yet.") % {"number": question.number})
        return redirect("analysis:question_coding", question.pk)
    response = HttpResponse(services.codebook_as_yaml(codebook), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codebook-question-{question.number}.yaml"'
    return response


@login_required
@require_POST
def codebook_import(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    form = CodebookImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text = form.cleaned_data["file"].read(services.codebooks.MAX_BYTES + 1).decode("utf-8-sig")
            services.codebook_import_yaml(question=question, text=text)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Codebook of question %(number)s imported.") % {"number": question.number})
    else:
        messages.error(request, _("Choose a YAML file to import."))
    return redirect("analysis:question_coding", question.pk)


@login_required
@require_POST
def codebook_copy(request, question_pk):
    require(request.user, "analysis.manage_codebooks")
    question = issued_question_or_404(question_pk)
    try:
        services.codebook_copy_from_earlier(question=question)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Codebook copied from the earlier round."))
    return redirect("analysis:question_coding", question.pk)
