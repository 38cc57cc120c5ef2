"""Who is who: the project's one definition of roles, and the check every view makes.

Roles:
- administrator: a superuser, or a member of the "Administrators" group;
- secretariat reviewer: a member of the "Secretariat reviewers" group;
- steering group member: a member of the "Steering group" group;
- national focal point: a user with a FocalPoint record, bound to one country;
- other stakeholder: a user with an OrganisationContact record, writing for one organisation (an NGO,
  a national human rights institution or children's ombudsperson...) invited to comment on Parties'
  replies; it never reads a Party's reply;
- rapporteur: a user appointed by an administrator to draft the observations on some questions (a
  ``Rapporteur`` record of the findings app, ``reports.analysis``; read here through the user's
  ``rapporteur_appointments``, so that this module still imports no model).

What each role may do to which object is written as django-rules permissions in each app's
``rules.py`` (``questionnaires/rules.py``, ``reports/rules.py``), built from the predicates below.
Views, templates (``{% has_perm %}``) and services ask ``user.has_perm(<name>, obj)``; lists are
scoped separately with ``Reply.objects.for_user(user)``. This module imports no model of the project,
so that the models' scoping querysets can use it.
"""

import rules
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

ADMINISTRATORS = "Administrators"
REVIEWERS = "Secretariat reviewers"
STEERING_GROUP = "Steering group"
ROLE_GROUPS = (ADMINISTRATORS, REVIEWERS, STEERING_GROUP)


def _in_group(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    # Cache the user's group names on the instance: templates ask several times per page.
    if not hasattr(user, "_role_group_names"):
        user._role_group_names = set(user.groups.values_list("name", flat=True))
    return name in user._role_group_names


def user_country_id(user) -> int | None:
    """The id of the country a focal point answers for, or None."""
    try:
        return user.focal_point.country_id
    except AttributeError:  # anonymous, or no FocalPoint record (RelatedObjectDoesNotExist)
        return None


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or _in_group(user, ADMINISTRATORS))


@rules.predicate
def is_reviewer(user) -> bool:
    return _in_group(user, REVIEWERS)


@rules.predicate
def is_steering_member(user) -> bool:
    return _in_group(user, STEERING_GROUP)


@rules.predicate
def is_focal_point(user) -> bool:
    return user.is_authenticated and user_country_id(user) is not None


def rapporteur_question_ids(user) -> frozenset[int]:
    """The ids of the questions ``user`` is the rapporteur of (none for an anonymous user)."""
    if not user.is_authenticated:
        return frozenset()
    # Cached on the instance like the group names: a page asks once per question it shows.
    if not hasattr(user, "_rapporteur_question_ids"):
        user._rapporteur_question_ids = frozenset(user.rapporteur_appointments.values_list("question_id", flat=True))
    return user._rapporteur_question_ids


@rules.predicate
def is_rapporteur(user) -> bool:
    """Appointed rapporteur of at least one question."""
    return bool(rapporteur_question_ids(user))


@rules.predicate
def is_rapporteur_of(user, question) -> bool:
    """Appointed rapporteur of this question (a Question, or anything with a ``question_id``)."""
    question_id = getattr(question, "question_id", None) or getattr(question, "pk", None)
    return question is not None and question_id in rapporteur_question_ids(user)


is_secretariat = is_administrator | is_reviewer


def user_organisation_id(user) -> int | None:
    """The id of the stakeholder organisation a user writes for, or None. A national focal point speaks
    for its State (``OrganisationContact.clean`` refuses it) and the secretariat screens the comments:
    neither is ever taken as a stakeholder, which also spares their many requests one query."""
    if user_country_id(user) is not None or is_secretariat(user):
        return None
    try:
        return user.organisation_contact.organisation_id
    except AttributeError:  # anonymous, or no OrganisationContact record (RelatedObjectDoesNotExist)
        return None


@rules.predicate
def is_stakeholder(user) -> bool:
    """A contact of a stakeholder organisation (civil society, national human rights institution...)."""
    return user.is_authenticated and user_organisation_id(user) is not None


def requires_two_factor(user) -> bool:
    """Whether ``user`` must sign in with a second factor: the secretariat, administrators and staff,
    who can read every country's unpublished replies."""
    return bool(user.is_authenticated and (user.is_staff or is_secretariat(user)))


def role_names(user) -> list[str]:
    """Human-readable roles of a user, for the page header."""
    roles = []
    if is_administrator(user):
        roles.append(_("Administrator"))
    if is_reviewer(user):
        roles.append(_("Secretariat reviewer"))
    if is_steering_member(user):
        roles.append(_("Steering group"))
    if is_focal_point(user):
        roles.append(_("National focal point"))
    if is_rapporteur(user):
        roles.append(_("Rapporteur"))
    if is_stakeholder(user):
        roles.append(_("Other stakeholder"))
    return roles


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied (403) unless ``user`` has ``permission`` (on ``obj``): every view's check.
    Check a global permission before fetching the object, so that a missing id answers the same."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def require_visible(user, permission: str, obj) -> None:
    """Raise Http404 unless ``user`` has ``permission`` on ``obj``: an object the user may not see
    answers exactly like one that does not exist, so that no one learns what other countries have."""
    if not user.has_perm(permission, obj):
        raise Http404


# The project's models, sign-in lockouts (to lift one), authenticator registrations and recovery codes
# (to reset a lost phone).
ADMINISTRATOR_MODEL_APPS = (
    "countries", "questionnaires", "contributions", "reports", "analysis", "publication", "followup", "axes",
    "otp_totp", "otp_static",
)


def grant_administrator_permissions(**kwargs) -> None:
    """Give the Administrators group the Django admin's model permissions (ADMINISTRATOR_MODEL_APPS, users
    and groups), so that a staff member of that group can use the admin without being a superuser.
    Connected to post_migrate: permissions exist only once each app has been migrated."""
    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if group is None:
        return
    wanted = Permission.objects.filter(
        Q(content_type__app_label__in=ADMINISTRATOR_MODEL_APPS)
        | Q(content_type__app_label="auth", content_type__model__in=("user", "group"))
    )
    group.permissions.add(*wanted.exclude(group=group))
