"""Who may do what: the project's one statement of roles and permissions.

Roles:
- administrator: a superuser, or a member of the "Administrators" group;
- secretariat reviewer: a member of the "Secretariat reviewers" group;
- steering group member: a member of the "Steering group" group;
- national focal point: a user with a FocalPoint record, bound to one country.

Views, templates (``{% has_perm %}``) and services ask ``user.has_perm(<name>, obj)``; the rules
below answer, object by object, so a focal point's country is checked on every reply and answer.
Lists are scoped separately with ``Reply.objects.for_user(user)``.
"""

import rules

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


def user_country_id(user) -> int | None:
    """The id of the country a focal point answers for, or None."""
    try:
        return user.focal_point.country_id
    except AttributeError:  # anonymous, or no FocalPoint record (RelatedObjectDoesNotExist)
        return None


def _country_id_of(obj) -> int | None:
    """The country an object belongs to: a Country, a Reply, an Answer or an ItemAnswer."""
    from countries.models import Country

    from .models import Answer, ItemAnswer, Reply

    if isinstance(obj, Country):
        return obj.pk
    if isinstance(obj, Reply):
        return obj.country_id
    if isinstance(obj, Answer):
        return obj.reply.country_id
    if isinstance(obj, ItemAnswer):
        return obj.answer.reply.country_id
    return None


@rules.predicate
def is_focal_point_of(user, obj) -> bool:
    country_id = user_country_id(user)
    return country_id is not None and obj is not None and _country_id_of(obj) == country_id


@rules.predicate
def reply_is_open(user, reply) -> bool:
    return reply is not None and reply.version.is_open_for_replies


is_secretariat = is_administrator | is_reviewer

# The country's own focal points are checked first: they make most requests (autosave), and the
# check needs no query once the user's FocalPoint is loaded.
rules.add_perm("questionnaires.view_reply", is_focal_point_of | is_secretariat)
rules.add_perm("questionnaires.edit_reply", is_focal_point_of & reply_is_open)
rules.add_perm("questionnaires.review_answer", is_secretariat)
rules.add_perm("questionnaires.comment_answer", is_secretariat | is_focal_point_of)
rules.add_perm("questionnaires.view_progress", is_secretariat | is_steering_member)
rules.add_perm("questionnaires.manage_questionnaires", is_administrator)
rules.add_perm("questionnaires.compare_versions", is_secretariat)


@rules.predicate
def compilation_is_published(user, compilation) -> bool:
    return compilation is not None and compilation.published


rules.add_perm("reports.request_compilation", is_secretariat | is_steering_member)
rules.add_perm("reports.view_compilation", is_secretariat | is_steering_member | (is_focal_point & compilation_is_published))
rules.add_perm("reports.publish_compilation", is_secretariat)


def requires_two_factor(user) -> bool:
    """Whether ``user`` must sign in with a second factor: the secretariat, administrators and staff,
    who can read every country's unpublished replies."""
    return bool(user.is_authenticated and (user.is_staff or is_secretariat(user)))


def role_names(user) -> list[str]:
    """Human-readable roles of a user, for the page header."""
    from django.utils.translation import gettext as _

    roles = []
    if is_administrator(user):
        roles.append(_("Administrator"))
    if is_reviewer(user):
        roles.append(_("Secretariat reviewer"))
    if is_steering_member(user):
        roles.append(_("Steering group"))
    if is_focal_point(user):
        roles.append(_("National focal point"))
    return roles


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied (403) unless ``user`` has ``permission`` (on ``obj``): every view's check."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(permission, obj):
        raise PermissionDenied


# The project's models, sign-in lockouts (to lift one) and authenticator registrations (to reset a lost phone).
ADMINISTRATOR_MODEL_APPS = ("countries", "questionnaires", "reports", "axes", "otp_totp")


def grant_administrator_permissions(**kwargs) -> None:
    """Give the Administrators group the Django admin's model permissions (ADMINISTRATOR_MODEL_APPS, users
    and groups), so that a staff member of that group can use the admin without being a superuser.
    Connected to post_migrate: permissions exist only once each app has been migrated."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if group is None:
        return
    wanted = Permission.objects.filter(
        Q(content_type__app_label__in=ADMINISTRATOR_MODEL_APPS)
        | Q(content_type__app_label="auth", content_type__model__in=("user", "group"))
    )
    group.permissions.add(*wanted.exclude(group=group))
