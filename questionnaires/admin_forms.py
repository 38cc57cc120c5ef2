"""Forms of the questionnaires admin: lists edited as lines or checkboxes rather than typed as JSON, and
the rule on a round's Parties checked on the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Language, Question, Version
from .sanitize import storable_text
from .services import version_parties_check

REFERENCE_MAX_LENGTH = 200


class LinesField(forms.CharField):
    """A list of short texts, one per line in a textarea; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(line) for line in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [storable_text(line).strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        errors = []
        for position, line in enumerate(value, start=1):
            if len(line) > REFERENCE_MAX_LENGTH:
                errors.append(ValidationError(
                    ngettext(
                        "Line %(line)s has %(length)s characters; a reference has at most %(limit)s character.",
                        "Line %(line)s has %(length)s characters; a reference has at most %(limit)s characters.",
                        REFERENCE_MAX_LENGTH,
                    ), code="too_long", params={"line": position, "length": len(line), "limit": REFERENCE_MAX_LENGTH},
                ))
        for line in sorted({line for line in value if value.count(line) > 1}):
            errors.append(ValidationError(_("“%(reference)s” is listed more than once."), code="duplicate",
                                          params={"reference": line}))
        if errors:
            raise ValidationError(errors)

    def validate_length(self, value):
        """CharField's max_length does not apply to the list as a whole."""


class QuestionAdminForm(forms.ModelForm):
    references = LinesField(
        label=_("References"), required=False,
        help_text=_("One reference per line, for example “Lanzarote Art. 6” or “MNR 13”."),
    )

    class Meta:
        model = Question
        fields = "__all__"


class VersionForm(forms.ModelForm):
    """Reply languages as checkboxes; a change to the Parties of a round is checked against the rule of
    the services (only additions once replies have begun), so that a refusal shows on the field."""

    languages = forms.TypedMultipleChoiceField(
        label=_("Reply languages"), choices=Language.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages in which the Parties may answer."),
        error_messages={"required": _("Choose at least one language in which the Parties may answer.")},
    )

    class Meta:
        model = Version
        fields = "__all__"

    def clean_parties(self):
        parties = self.cleaned_data["parties"]
        if self.instance.pk and self.instance.is_frozen:
            try:
                version_parties_check(version=self.instance, countries=parties)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return parties
