"""Forwarding an accepted comment to the Party concerned: one e-mail per focal point, in their language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from questionnaires.sanitize import html_to_text
from questionnaires.services import mail_each_in_their_language

from .models import Contribution, ContributionEvent
from .selectors import party_reply_id


def _body(contribution: Contribution, reply_id: int | None) -> str:
    on = (_("question %(number)s") % {"number": contribution.question.number} if contribution.question_id
          else _("the reply as a whole"))
    lines = [
        _("%(organisation)s has commented on the reply of %(country)s to %(round)s (%(on)s).") % {
            "organisation": contribution.organisation.name, "country": contribution.country.local_name,
            "round": contribution.invitation.version.title, "on": on,
        },
        _("The secretariat forwards it to you; you may respond to it on your reply's page."),
        "", html_to_text(contribution.body, bullet="- "),
    ]
    if reply_id:
        path = reverse("questionnaires:reply_detail", args=[reply_id])
        lines += ["", f"{settings.SITE_URL.rstrip('/')}{path}#stakeholder-comments"]
    return "\n".join(lines)


@transaction.atomic
def contribution_forward(*, contribution_id: int) -> int:
    """E-mail an accepted comment to its Party's active focal points, each in their language, once:
    running it twice sends nothing twice. Returns the number of e-mails sent."""
    contribution = Contribution.objects.select_for_update(of=("self",)).select_related(
        "invitation__organisation", "invitation__version__questionnaire", "country", "question",
    ).filter(pk=contribution_id, state=Contribution.State.ACCEPTED, forwarded_at__isnull=True).first()
    if contribution is None:
        return 0
    reply_id = party_reply_id(contribution)
    recipients = get_user_model().objects.filter(
        focal_point__country_id=contribution.country_id, is_active=True
    ).exclude(email="").order_by("pk")
    sent = mail_each_in_their_language(
        recipients,
        subject=lambda: _("[Lanzarote monitoring] A comment from %(organisation)s on the reply of %(country)s") % {
            "organisation": contribution.organisation.name, "country": contribution.country.local_name,
        },
        body=lambda: _body(contribution, reply_id),
    )
    contribution.forwarded_at = timezone.now()
    contribution.save(update_fields=["forwarded_at"])
    ContributionEvent.objects.create(contribution=contribution, action=ContributionEvent.Action.FORWARDED)
    return sent
