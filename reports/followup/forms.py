"""The import of recommendations and the assessment of one Party's follow-up to one recommendation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Assessment


class RecommendationsImportForm(forms.Form):
    file = forms.FileField(label=_("YAML or XLSX file"))


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Assessment"), choices=Assessment.Status.choices, widget=forms.RadioSelect)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5}))
