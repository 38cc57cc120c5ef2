"""The search page: every signed-in user, each finding only what they may read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors
from .forms import SearchForm


def _address(query, **changes) -> str:
    """The page's address with some parameters changed (None removes one), back on the first page."""
    params = query.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return "?" + params.urlencode()


@login_required
def search(request):
    form = SearchForm(request.GET)
    filters = form.filters()
    results = selectors.search(request.user, filters)
    for facet in results.facets:
        for option in facet.options:
            option.url = _address(request.GET, **{facet.name: None if option.selected else option.value})
    pages = {"previous": filters.page - 1 if filters.page > 1 else None,
             "next": filters.page + 1 if filters.page < results.pages else None}
    page_urls = {name: _address(request.GET, page=str(number)) if number else "" for name, number in pages.items()}
    sort_urls = {sort: _address(request.GET, sort=sort) for sort in ("relevance", "date")}
    return render(request, "search/results.html", {
        "form": form, "results": results, "filters": filters, "page_urls": page_urls, "sort_urls": sort_urls,
    })
