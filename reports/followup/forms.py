"""The import of recommendations, the assessment of one Party's follow-up to one recommendation, and the
choice of an earlier recommendation to carry into a question of a later version."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from questionnaires.models import Question

from .models import Assessment, Recommendation


class RecommendationsImportForm(forms.Form):
    file = forms.FileField(label=_("YAML or XLSX file"))


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Assessment"), choices=Assessment.Status.choices, widget=forms.RadioSelect)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5}))


class QuestionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"


class RecommendationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} ({obj.version}): {Truncator(obj.text).chars(90)}"


class CarryForm(forms.Form):
    """Which earlier recommendation to show beside which question of the version."""

    question = QuestionChoice(label=_("Question of this version"), queryset=Question.objects.none())
    recommendation = RecommendationChoice(label=_("Recommendation of an earlier round"),
                                          queryset=Recommendation.objects.none())

    def __init__(self, *args, version, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = version.questions.order_by("position")
        self.fields["recommendation"].queryset = recommendations
