"""Pages of other stakeholders' comments: the organisation's own comments and their form, the
secretariat's screening and invitations, and the Party's response (thin: a permission, a selector or a
service, a page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import error_text
from config.lookups import get_by_id_or_404
from questionnaires.permissions import require, require_visible

from . import selectors, services
from .forms import ContributionForm, InvitationForm, ResponseForm, ScreeningForm
from .models import Contribution, Invitation


def _contribution(request, pk, permission="contributions.view_contribution") -> Contribution:
    """The comment, or 404 for anyone who may not read it (another organisation's, a draft for others)."""
    contribution = selectors.contribution_detail(pk) if str(pk).isdigit() else None
    if contribution is None:
        raise Http404
    require_visible(request.user, "contributions.view_contribution", contribution)
    if permission != "contributions.view_contribution":
        require(request.user, permission, contribution)
    return contribution


def _contribution_form(request, invitation, contribution=None):
    initial = {}
    if contribution is not None:
        initial = {"country": contribution.country, "question": contribution.question,
                   "language": contribution.language, "body": contribution.body,
                   "publishable": "yes" if contribution.publishable else "no"}
    return ContributionForm(request.POST or None, initial=initial, parties=selectors.round_parties(invitation),
                            questions=selectors.round_questions(invitation))


def _save(request, invitation, contribution=None):
    """Save the form as a draft, and submit it when asked; the page again with errors otherwise."""
    form = _contribution_form(request, invitation, contribution)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = services.contribution_save(
                invitation=invitation, author=request.user, country=data["country"], question=data["question"],
                language=data["language"], body=data["body"], publishable=data["publishable"],
                contribution=contribution,
            )
            if "submit" in request.POST:
                services.contribution_submit(contribution=contribution, user=request.user)
                messages.success(request, _("Your comment was sent to the secretariat."))
            else:
                messages.success(request, _("Your draft was saved. It is not sent until you submit it."))
            return redirect("contributions:contribution_detail", contribution.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "contributions/contribution_form.html", {
        "form": form, "invitation": invitation, "contribution": contribution,
    })


@login_required
def own_comments(request):
    """The rounds the stakeholder's organisation is invited to, and all its comments."""
    require(request.user, "contributions.write_comments")
    return render(request, "contributions/own_comments.html", {
        "invitations": selectors.organisation_invitations(request.user),
        "contributions": selectors.organisation_contributions(request.user),
        "today": timezone.localdate(),
    })


@login_required
def contribution_new(request, invitation_pk):
    """Write a comment on a Party's reply in a round the organisation is invited to, before its time limit."""
    require(request.user, "contributions.write_comments")
    invitation = get_by_id_or_404(Invitation.objects.select_related("organisation", "version"), invitation_pk)
    require_visible(request.user, "contributions.view_invitation", invitation)
    require(request.user, "contributions.comment_on_round", invitation)
    return _save(request, invitation)


@login_required
def contribution_edit(request, pk):
    """Change a draft comment (and submit it)."""
    contribution = _contribution(request, pk, "contributions.edit_contribution")
    return _save(request, contribution.invitation, contribution)


@login_required
@require_POST
def contribution_submit(request, pk):
    contribution = _contribution(request, pk, "contributions.edit_contribution")
    try:
        services.contribution_submit(contribution=contribution, user=request.user)
        messages.success(request, _("Your comment was sent to the secretariat."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("contributions:contribution_detail", contribution.pk)


@login_required
def contribution_detail(request, pk):
    """One comment: its text, state, screening and the Party's responses; the screening form for the
    secretariat."""
    contribution = _contribution(request, pk)
    can_screen = (request.user.has_perm("contributions.screen_contributions", contribution)
                  and contribution.state == Contribution.State.SUBMITTED)
    return render(request, "contributions/contribution_detail.html", {
        "contribution": contribution, "can_screen": can_screen, "screening_form": ScreeningForm(),
        "can_edit": request.user.has_perm("contributions.edit_contribution", contribution),
        "can_see_history": request.user.has_perm("contributions.screen_contributions"),
    })


@login_required
def screening_list(request):
    """The secretariat's list of submitted comments, those awaiting screening first."""
    require(request.user, "contributions.screen_contributions")
    state = request.GET.get("state")
    return render(request, "contributions/screening_list.html", {
        "contributions": selectors.contributions_to_screen(state), "states": Contribution.State.choices[1:],
        "state": state,
    })


@login_required
@require_POST
def contribution_screen(request, pk):
    """Accept (and forward) or set aside a submitted comment, with the reason."""
    require(request.user, "contributions.screen_contributions")
    contribution = _contribution(request, pk, "contributions.screen_contributions")
    form = ScreeningForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to set aside the comment."))
        return redirect("contributions:contribution_detail", contribution.pk)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.contribution_screen(contribution=contribution, reviewer=request.user, accept=accept,
                                     reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("contributions:contribution_detail", contribution.pk)
    messages.success(request, _("The comment was accepted and is forwarded to the Party's focal points.") if accept
                     else _("The comment was set aside."))
    return redirect("contributions:screening_list")


@login_required
def invitations(request):
    """The invitations to comment, per round, and the form to invite an organisation."""
    require(request.user, "contributions.manage_invitations")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("%(organisation)s is invited to comment until %(date)s.") % {
                "organisation": invitation.organisation, "date": invitation.time_limit})
            return redirect("contributions:invitations")
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "contributions/invitations.html", {
        "form": form, "invitations": selectors.all_invitations(),
    })


@login_required
@require_POST
def response_add(request, pk):
    """A focal point's response to a comment forwarded to the Party; back to the reply's page."""
    contribution = _contribution(request, pk, "contributions.respond_contribution")
    form = ResponseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the response first."), code="empty")
        services.response_add(contribution=contribution, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your response was recorded; the organisation and the secretariat can read it."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    reply_id = selectors.party_reply_id(contribution)
    if reply_id is None:
        return redirect("contributions:contribution_detail", contribution.pk)
    return redirect(reverse("questionnaires:reply_detail", args=[reply_id]) + "#stakeholder-comments")
