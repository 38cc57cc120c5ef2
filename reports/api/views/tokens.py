"""The account page where a user creates and revokes their personal API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from questionnaires.permissions import require

from .. import selectors, services


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What will use it, e.g. “statistics script”."))


def _page(request, form, new_key=None):
    response = render(request, "api/tokens.html", {
        "form": form, "tokens": selectors.tokens_of(request.user), "new_key": new_key,
        "docs_url": request.build_absolute_uri(reverse("api:docs")),
        "api_url": request.build_absolute_uri(reverse("api:version-list")),
    })
    response["Cache-Control"] = "no-store"
    return response


@login_required
def token_list(request):
    """The user's tokens; a new one is shown once, right after it is created, and never again."""
    require(request.user, "api.create_token")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, key = services.token_create(user=request.user, name=form.cleaned_data["name"],
                                                second_factor=request.user.is_verified())
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Your token was created. Copy it now: it will not be shown again."))
            return _page(request, TokenForm(), new_key=key)
    return _page(request, form)


@login_required
@require_POST
def token_revoke(request, pk):
    token = selectors.token_of_user_or_none(request.user, pk)
    if token is None:
        raise Http404
    require(request.user, "api.revoke_token", token)
    services.token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” was revoked: it opens nothing any more.") % {"name": token.name})
    return redirect("api_tokens:token_list")
