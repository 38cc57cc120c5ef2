"""Forms for answering: one form per question, built from its items; validation only, no side effects."""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from countries.languages import NATIONAL_LANGUAGES, reference_text_languages

from .models import NUMBER_RANGE, Item, ItemAnswer, Language, NotificationPreference, Question
from .sanitize import sanitize_html
from .services import ItemValue
from .uploads import ACCEPTED_DESCRIPTION


class RichTextarea(forms.Textarea):
    """A textarea holding sanitised HTML; static/js/answer.js turns it into a small formatting editor."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 8, "class": "rich-text", **(attrs or {})})


class RichTextField(forms.CharField):
    widget = RichTextarea

    def clean(self, value):
        text = sanitize_html(super().clean(value) or "")
        if len(text) > settings.ANSWER_TEXT_MAX_CHARS:
            raise forms.ValidationError(
                _("This text has %(length)s characters; an answer may have at most %(limit)s. "
                  "Move long annexes into an attached file."),
                code="too_long",
                params={"length": f"{len(text):,}", "limit": f"{settings.ANSWER_TEXT_MAX_CHARS:,}"},
            )
        return text


def item_label(item: Item):
    """An item's number and text, marked when the item must be answered before the reply is submitted
    (the form itself requires nothing, so that a draft can be saved at any time)."""
    if not (item.required and item.is_answerable):
        return f"{item.number} {item.text}"
    return format_html('{} {} <span class="text-danger" aria-hidden="true">*</span>'
                       '<span class="visually-hidden">{}</span>', item.number, item.text, _("(required)"))


def error_entries(form: forms.Form, labels: dict[str, str], whole_form_id: str | None = None) -> list[dict]:
    """A bound form's errors as the error summary lists them: per field its name, the id of the element
    to focus, its label (``labels``, else the field's) and its messages; errors of the whole form come
    first, with no field, linked to ``whole_form_id`` when given."""
    entries = [{"field": None, "id": whole_form_id, "label": labels.get("__all__", ""),
                "messages": list(form.non_field_errors())}] if form.non_field_errors() else []
    for name, errors in form.errors.items():
        if name in form.fields:
            bound = form[name]
            entries.append({"field": name, "id": bound.id_for_label or f"{bound.auto_id}_0",
                            "label": labels.get(name, str(bound.label)), "messages": list(errors)})
    return entries


class QuestionForm(forms.Form):
    """All answerable items of one question. Nothing is required here: drafts may be incomplete;
    required items are checked when the reply is submitted."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    language = forms.ChoiceField(label=_("Language of this answer"), choices=Language.choices)

    def __init__(
        self, *args, question: Question, items: list[Item], item_answers: dict[int, ItemAnswer],
        national_language: str = "", **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.question = question
        if national_language:
            language_name = dict(NATIONAL_LANGUAGES).get(national_language, national_language)
            self.fields["national_text"] = RichTextField(
                label=_("Version in %(language)s (optional)") % {"language": language_name},
                required=False,
                help_text=_("The whole answer in your national language, kept alongside the English or French "
                            "answer above. The secretariat reviews the answer above."),
            )
        self.national_field = self["national_text"] if national_language else None
        self.items = items
        self.plain_labels = {"language": str(self.fields["language"].label)}
        if national_language:
            self.plain_labels["national_text"] = str(self.fields["national_text"].label)
        self.item_answers = item_answers
        self.rows = []
        for item in items:
            value_field = self._field_for(item)
            if value_field is not None:
                self.fields[f"item_{item.pk}"] = value_field
                value_field.initial = self._initial(item)
                self.plain_labels[f"item_{item.pk}"] = f"{item.number} {item.text}"
            if item.explain:
                self.fields[f"explain_{item.pk}"] = RichTextField(
                    label=_("Explanation"), required=False,
                    widget=RichTextarea(attrs={"rows": 4}),
                )
                self.fields[f"explain_{item.pk}"].initial = getattr(item_answers.get(item.pk), "explanation", "")
                self.plain_labels[f"explain_{item.pk}"] = _("%(number)s Explanation") % {"number": item.number}
        for item in items:
            self.rows.append({
                "item": item,
                "field": self[f"item_{item.pk}"] if f"item_{item.pk}" in self.fields else None,
                "explain": self[f"explain_{item.pk}"] if item.explain else None,
                "item_answer": item_answers.get(item.pk),
            })

    @staticmethod
    def _field_for(item: Item):
        label = item_label(item)
        kind = item.type
        if kind == Item.Type.TEXT:
            return RichTextField(label=label, required=False)
        if kind == Item.Type.YES_NO:
            return forms.ChoiceField(label=label, required=False, choices=ItemAnswer.YesNo.choices,
                                     widget=forms.RadioSelect)
        if kind == Item.Type.CHOICE:
            return forms.ChoiceField(label=label, required=False, widget=forms.RadioSelect,
                                     choices=[(c.code, c.label) for c in item.choices.all()])
        if kind == Item.Type.MULTI_CHOICE:
            return forms.MultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple,
                                             choices=[(c.code, c.label) for c in item.choices.all()])
        if kind == Item.Type.NUMBER:
            return forms.IntegerField(
                label=label, required=False,
                min_value=NUMBER_RANGE[0] if item.minimum is None else item.minimum,
                max_value=NUMBER_RANGE[1] if item.maximum is None else item.maximum,
            )
        return None  # group headings and reference-text items have no input in this form

    def _initial(self, item: Item):
        item_answer = self.item_answers.get(item.pk)
        if item_answer is None:
            return None
        return {
            Item.Type.TEXT: item_answer.text,
            Item.Type.YES_NO: item_answer.yes_no,
            Item.Type.CHOICE: item_answer.choice,
            Item.Type.MULTI_CHOICE: item_answer.choices,
            Item.Type.NUMBER: item_answer.number,
        }.get(item.type)

    def error_summary(self) -> list[dict]:
        """Every error of a bound form, for the summary above the form and autosave's answer."""
        return error_entries(self, self.plain_labels)

    def national_version(self) -> str | None:
        """The national-language version typed, or None when the form does not offer one."""
        if "national_text" not in self.fields:
            return None
        return self.cleaned_data.get("national_text", "")

    def item_values(self) -> dict[str, ItemValue]:
        """The cleaned data as ItemValues keyed by item number, for answer_save."""
        values = {}
        for item in self.items:
            if f"item_{item.pk}" not in self.fields and not item.explain:
                continue
            raw = self.cleaned_data.get(f"item_{item.pk}")
            value = ItemValue(explanation=self.cleaned_data.get(f"explain_{item.pk}", "") or "")
            if item.type == Item.Type.TEXT:
                value.text = raw or ""
            elif item.type == Item.Type.YES_NO:
                value.yes_no = raw or ""
            elif item.type == Item.Type.CHOICE:
                value.choice = raw or ""
            elif item.type == Item.Type.MULTI_CHOICE:
                value.choices = tuple(raw or ())
            elif item.type == Item.Type.NUMBER:
                value.number = raw
            values[item.number] = value
        return values


class AttachmentForm(forms.Form):
    """A reference text for one ``files`` item: an uploaded file or a link, with a title and language.

    Its inputs sit inside the item, within the answer form; HTML forms do not nest, so each input names
    its own form (``form_id``, an empty form after the answer form) with the ``form`` attribute."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(label=_("File"), required=False,
                           help_text=_("Accepted: %(types)s.") % {"types": ACCEPTED_DESCRIPTION})
    url = forms.URLField(label=_("or a link"), required=False, max_length=1000, assume_scheme="https")

    def __init__(self, *args, item: Item, national_language: str = "", language: str = "en", **kwargs):
        super().__init__(*args, auto_id=f"attach{item.pk}_%s", initial={"item": item.pk, "language": language},
                         **kwargs)
        self.item = item
        self.form_id = f"attach-form-{item.pk}"
        self.fields["language"].choices = reference_text_languages(national_language)
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id

    def error_summary(self) -> list[dict]:
        """The refusal of this reference text, each entry named after its item (e.g. "9.3 File")."""
        labels = {name: f"{self.item.number} {field.label}" for name, field in self.fields.items()}
        return error_entries(self, {**labels, "__all__": self.item.number}, whole_form_id=self["file"].id_for_label)

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link."), code="file_or_link")
        if data.get("url") and not data.get("title"):
            self.add_error("title", forms.ValidationError(_("Give the link a title."), code="title_required"))
        return data


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["daily_digest"]
