"""Forms of stakeholder comments, their screening, invitations and the Party's response (validation only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from countries.models import Organisation
from questionnaires.models import Language, Version


class ContributionForm(forms.Form):
    """A comment on a Party's reply, or on its answer to one question (named by number, not read)."""

    country = forms.ModelChoiceField(queryset=None, label=_("Party"))
    question = forms.ModelChoiceField(queryset=None, required=False, label=_("Question"),
                                      empty_label=_("The reply as a whole"))
    language = forms.ChoiceField(choices=Language.choices, label=_("Language of the comment"))
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 10}))
    publishable = forms.TypedChoiceField(
        label=_("Publication"), coerce=lambda value: value == "yes", initial="yes", widget=forms.RadioSelect,
        choices=[("yes", _("May be published")), ("no", _("For the committee only"))],
    )

    def __init__(self, *args, parties, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = parties
        self.fields["question"].queryset = questions
        self.fields["question"].label_from_instance = lambda q: f"{q.number}. {q.title}"


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept and forward to the Party")),
                                          ("set_aside", _("Set aside"))], widget=forms.RadioSelect,
                                 label=_("Decision"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required to set a comment aside; recorded in its history."))


class ResponseForm(forms.Form):
    body = forms.CharField(label=_("Your response"), widget=forms.Textarea(attrs={"rows": 4}))


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"), label=_("Organisation"))
    version = forms.ModelChoiceField(queryset=Version.objects.published().select_related("questionnaire"),
                                     label=_("Round"))
    time_limit = forms.DateField(label=_("Time limit"), widget=forms.DateInput(attrs={"type": "date"}))
