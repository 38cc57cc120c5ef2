"""Telling an organisation's contacts that it is invited to a round, or that its time limit moved."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from questionnaires.services import mail_each_in_their_language

from .models import Invitation


def _body(invitation: Invitation) -> str:
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('contributions:own_comments')}"
    return "\n".join([
        _("%(organisation)s is invited to contribute to %(round)s until %(time_limit)s.") % {
            "organisation": invitation.organisation.name, "round": invitation.version.title,
            "time_limit": formats.date_format(invitation.time_limit, "DATE_FORMAT"),
        },
        _("Your organisation may answer the questionnaire, all of it or the questions it chooses, and comment "
          "on the Parties' replies, in English or French. Each contribution may be published or kept for the "
          "committee only."),
        "", url,
    ])


@transaction.atomic
def invitation_notify(*, invitation_id: int) -> int:
    """E-mail the organisation's active contacts, each in their language, that it is invited (or that its
    time limit changed): once per time limit, so running it twice sends nothing twice. Returns the number
    of e-mails sent."""
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related(
        "organisation", "version__questionnaire"
    ).filter(pk=invitation_id).first()
    if invitation is None or invitation.notified_time_limit == invitation.time_limit:
        return 0
    recipients = get_user_model().objects.filter(
        organisation_contact__organisation_id=invitation.organisation_id, is_active=True
    ).exclude(email="").order_by("pk")
    sent = mail_each_in_their_language(
        recipients,
        subject=lambda: _("[Lanzarote monitoring] %(organisation)s is invited to contribute to %(round)s") % {
            "organisation": invitation.organisation.name, "round": invitation.version.title,
        },
        body=lambda: _body(invitation),
    )
    invitation.notified_time_limit = invitation.time_limit
    invitation.save(update_fields=["notified_time_limit"])
    return sent
