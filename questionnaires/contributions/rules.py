"""Who may invite, write, screen, read and respond to other stakeholders' comments (django-rules,
found by AutodiscoverRulesConfig).

A stakeholder reads and writes its own organisation's comments only, and never a Party's reply (the
reply permissions of ``questionnaires/rules.py`` do not name it). The secretariat reads submitted
comments, never drafts. A Party's focal points read, and respond to, the comments accepted and
forwarded to their country.
"""

import rules
from django.utils import timezone

from questionnaires.permissions import is_secretariat, is_stakeholder, user_country_id, user_organisation_id

from .models import Contribution, Invitation


def _organisation_id_of(obj) -> int | None:
    if isinstance(obj, Invitation):
        return obj.organisation_id
    if isinstance(obj, Contribution):
        return obj.invitation.organisation_id
    return None


@rules.predicate
def is_contact_of(user, obj) -> bool:
    """The user writes for the organisation of this invitation or comment."""
    organisation_id = user_organisation_id(user)
    return organisation_id is not None and obj is not None and _organisation_id_of(obj) == organisation_id


@rules.predicate
def is_within_time_limit(user, obj) -> bool:
    invitation = obj.invitation if isinstance(obj, Contribution) else obj
    return invitation is not None and timezone.localdate() <= invitation.time_limit


@rules.predicate
def is_draft(user, contribution) -> bool:
    return contribution is not None and contribution.state == Contribution.State.DRAFT


@rules.predicate
def is_past_draft(user, contribution) -> bool:
    return contribution is not None and contribution.state != Contribution.State.DRAFT


@rules.predicate
def is_forwarded_to_focal_point(user, contribution) -> bool:
    """An accepted comment on the focal point's own country."""
    country_id = user_country_id(user)
    return (country_id is not None and contribution is not None and contribution.country_id == country_id
            and contribution.state == Contribution.State.ACCEPTED)


rules.add_perm("contributions.write_comments", is_stakeholder)
rules.add_perm("contributions.comment_on_round", is_contact_of & is_within_time_limit)
rules.add_perm("contributions.view_contribution",
               is_contact_of | (is_secretariat & is_past_draft) | is_forwarded_to_focal_point)
rules.add_perm("contributions.edit_contribution", is_contact_of & is_draft & is_within_time_limit)
rules.add_perm("contributions.screen_contributions", is_secretariat)
rules.add_perm("contributions.manage_invitations", is_secretariat)
rules.add_perm("contributions.respond_contribution", is_forwarded_to_focal_point)
rules.add_perm("contributions.view_invitation", is_contact_of | is_secretariat)
