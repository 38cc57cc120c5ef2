from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import SearchFilters

MAX_QUERY_CHARS = 300


class SearchForm(forms.Form):
    """The query and the facets chosen, from the address (GET): anything malformed is ignored."""

    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_CHARS, required=False, strip=True)
    round = forms.IntegerField(required=False, min_value=1, max_value=32767)
    question = forms.CharField(required=False, max_length=20)
    party = forms.RegexField(regex=r"^[co]\d{1,10}$", required=False)
    language = forms.ChoiceField(required=False, choices=[("", ""), ("en", "en"), ("fr", "fr")])
    state = forms.CharField(required=False, max_length=10)
    sort = forms.ChoiceField(required=False, choices=[("relevance", _("Relevance")), ("date", _("Date"))])
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def filters(self) -> SearchFilters:
        self.is_valid()  # the fields that are valid are kept, the others are left out
        data = self.cleaned_data
        return SearchFilters(
            text=(data.get("q") or "").replace("\x00", ""), round=data.get("round"), question=data.get("question") or "",
            party=data.get("party") or "", language=data.get("language") or "", state=data.get("state") or "",
            sort=data.get("sort") or "relevance", page=data.get("page") or 1,
        )
