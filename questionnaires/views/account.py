"""Views of a user's own settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import NotificationPreferenceForm


@login_required
def notification_settings(request):
    """Each user chooses between an e-mail per event and one daily digest."""
    preference = selectors.notification_preference(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_set(user=request.user, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("questionnaires:notification_settings")
    return render(request, "questionnaires/notification_settings.html", {"form": form})
