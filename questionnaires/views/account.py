"""Views of a user's own settings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from .. import selectors, services
from ..forms import NotificationPreferenceForm


@login_required
def notification_settings(request):
    """Each user chooses between an e-mail per event and one daily digest; e-mails follow the interface
    language in use when the settings are saved."""
    preference = selectors.notification_preference(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_set(
            user=request.user, daily_digest=form.cleaned_data["daily_digest"], language=get_language()[:2],
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("questionnaires:notification_settings")
    return render(request, "questionnaires/notification_settings.html", {"form": form})


def language_set(request):
    """Django's language switch; a signed-in user's e-mails follow the language chosen."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.email_language_set(user=request.user, language=language)
    return response
