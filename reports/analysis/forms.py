"""The coding form of one answer (a checkbox per category, with its passage and an optional note), and the
forms of observations: their text and a comment on them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category
from .services import Code


class CodingForm(forms.Form):
    """Fields per category: ``apply_<code>``, ``quote_<code>``, ``item_<code>``, ``near_<code>``, ``note_<code>``."""

    def __init__(self, *args, categories: list[Category], prefix: str, initial_codes=None, other_passages=(),
                 **kwargs):
        """``initial_codes``: the assignments ticked at first; ``other_passages``: assignments (e.g. another
        coder's) whose passages fill the categories not ticked, so that ticking one keeps its quote."""
        super().__init__(*args, prefix=prefix, **kwargs)
        self.categories = categories
        initial = {a.category.code: a for a in (initial_codes or [])}
        passages = {a.category.code: a for a in other_passages}
        for category in categories:
            code = category.code
            ticked = code in initial
            given = initial.get(code) or passages.get(code)
            self.fields[f"apply_{code}"] = forms.BooleanField(required=False, label=category.label, initial=ticked)
            self.fields[f"quote_{code}"] = forms.CharField(
                required=False, max_length=5000, label=_("Passage"), initial=given.quote if given else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "quote"}),
            )
            self.fields[f"item_{code}"] = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput,
                                                          initial=given.item_number if given else "")
            self.fields[f"near_{code}"] = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput,
                                                             initial=given.start if given else None)
            self.fields[f"note_{code}"] = forms.CharField(required=False, max_length=2000, label=_("Note"),
                                                          initial=given.note if given else "")

    def rows(self):
        """(category, apply, quote, item, near, note) bound fields, in the codebook's order."""
        for category in self.categories:
            code = category.code
            yield (category, self[f"apply_{code}"], self[f"quote_{code}"], self[f"item_{code}"],
                   self[f"near_{code}"], self[f"note_{code}"])

    def codes(self) -> list[Code]:
        data = self.cleaned_data
        return [
            Code(category=c.code, quote=data[f"quote_{c.code}"], item_number=data[f"item_{c.code}"],
                 near=data[f"near_{c.code}"], note=data[f"note_{c.code}"])
            for c in self.categories if data.get(f"apply_{c.code}")
        ]


class CodebookImportForm(forms.Form):
    file = forms.FileField(label=_("Codebook (YAML)"), help_text=_("As exported from this page, at most 1 MB."))


class ObservationsForm(forms.Form):
    """The observations' text: formatted HTML (sanitised by the service), references between braces."""

    text = forms.CharField(
        label=_("Observations"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "rich-text observations-text"}),
        help_text=_("Insert a live figure by reference: {{ count 13.3 = dedicated }} (Parties whose structured "
                    "answer has that value), {{ count code:dedicated }} (Parties coded in that category), "
                    "{{ parties }} (the round's Parties)."),
    )


class ObservationsCommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
