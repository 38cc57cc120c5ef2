"""The public site: published replies by State, by other stakeholder and by question, and published
compilations. No sign-in;
every page reads only live publications, and answers with an ETag and Last-Modified from the latest
publishing, so that a browser or a shared cache asks again cheaply."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from reports.views.compilations import FORMATS

from .. import selectors

MAX_AGE = 300


def _round(request, round_number):
    """The round's version and stamp, read once per request (the ETag, Last-Modified and view share it)."""
    if not hasattr(request, "_public_round"):
        version = selectors.round_version_or_404(round_number)
        request._public_round = (version, selectors.round_stamp(version))
    return request._public_round


def _etag(request, round_number, *args, **kwargs):
    return _round(request, round_number)[1].etag


def _last_modified(request, round_number, *args, **kwargs):
    return _round(request, round_number)[1].last_modified


def public_page(view):
    """Cacheable by anyone for MAX_AGE seconds; the language (cookie or Accept-Language) varies it."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    wrapped.__doc__, wrapped.__name__ = view.__doc__, view.__name__
    return require_safe(cache_control(public=True, max_age=MAX_AGE)(wrapped))


@public_page
def round_detail(request, round_number):
    """The round: its questions, the Parties with a published reply, the published compilations."""
    version = _round(request, round_number)[0]
    return render(request, "publication/round_detail.html", {"version": version, **selectors.round_page(version)})


@public_page
def state_detail(request, round_number, country_slug):
    """One Party's published reply, every answer under its question."""
    version = _round(request, round_number)[0]
    return render(request, "publication/state_detail.html",
                  {"version": version, **selectors.state_page(version, country_slug)})


@public_page
def stakeholder_detail(request, round_number, organisation_slug):
    """Another stakeholder's published contribution: its answers, and its comments on Parties' replies."""
    version = _round(request, round_number)[0]
    return render(request, "publication/stakeholder_detail.html",
                  {"version": version, **selectors.stakeholder_page(version, organisation_slug)})


@public_page
def question_detail(request, round_number, number):
    """Every published answer to one question, by Party, with the question's published compilations."""
    version = _round(request, round_number)[0]
    return render(request, "publication/question_detail.html",
                  {"version": version, **selectors.question_page(version, number)})


@public_page
def document_download(request, round_number, pk):
    """A reference text's file as copied when the reply was published."""
    document = selectors.published_document_or_404(_round(request, round_number)[0], pk)
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.file.name.rsplit("/", 1)[-1],
                        content_type=document.content_type or "application/octet-stream")


@public_page
def compilation_download(request, round_number, pk, fmt):
    """A published compilation's file; unpublished ones answer 404 like missing ones."""
    compilation = selectors.published_compilation_or_404(_round(request, round_number)[0], pk)
    if fmt not in FORMATS or not getattr(compilation, FORMATS[fmt][0]):
        raise Http404
    stored = getattr(compilation, FORMATS[fmt][0])
    return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1],
                        content_type=FORMATS[fmt][1])
