"""The search page: facets narrow the results, sorting, pagination, the total, snippets with <mark>, and
the box in the navigation bar."""

import pytest
from django.urls import reverse

from questionnaires.services import ItemValue, answer_save
from reports.search.selectors import PAGE_SIZE, SearchFilters, search
from tests.conftest import sign_in_with_second_factor
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

from .conftest import round_version


def _answer(version, country, text, *, language="en", number="1"):
    reply = party_reply_start(version=version, country=country)
    return answer_save(answer=reply.answers.get(question__number=number),
                       values={f"{number}.1": ItemValue(text=text)}, user=None, language=language)


@pytest.fixture
def two_rounds(db):
    first, second = round_version(1), round_version(2)
    france = CountryFactory(name="France")
    _answer(first, france, "<p>Une ligne d'écoute pour les enfants (helpline).</p>", language="fr")
    _answer(second, france, "<p>The helpline now answers chats.</p>")
    _answer(second, france, "<p>A helpline for parents.</p>", number="2")
    return first, second, france


def test_facets_count_and_narrow_the_results(two_rounds):
    france = two_rounds[2]
    reviewer = ReviewerFactory()

    results = search(reviewer, SearchFilters(text="helpline"))

    assert results.total == 3
    facets = {facet.name: {option.value: option.count for option in facet.options} for facet in results.facets}
    assert facets["round"] == {"1": 1, "2": 2}
    assert facets["question"] == {"1": 2, "2": 1}  # the same question number across rounds
    assert facets["party"] == {f"c{france.pk}": 3}
    assert facets["language"] == {"en": 2, "fr": 1}
    assert facets["state"] == {"draft": 3}
    assert search(reviewer, SearchFilters(text="helpline", round=2, question="1")).total == 1
    assert search(reviewer, SearchFilters(text="helpline", language="fr")).total == 1
    assert search(reviewer, SearchFilters(text="helpline", state="approved")).total == 0


def test_sorted_by_date_newest_first(two_rounds):
    results = search(ReviewerFactory(), SearchFilters(text="helpline", sort="date"))

    dates = [hit.document.updated_at for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_pages_of_results(round_one):
    for _ in range(PAGE_SIZE + 3):
        _answer(round_one, CountryFactory(), "<p>helpline</p>")
    reviewer = ReviewerFactory()

    first = search(reviewer, SearchFilters(text="helpline"))
    last = search(reviewer, SearchFilters(text="helpline", page=2))

    assert (first.total, first.pages, len(first.hits), len(last.hits)) == (PAGE_SIZE + 3, 2, PAGE_SIZE, 3)
    assert not {hit.document.pk for hit in first.hits} & {hit.document.pk for hit in last.hits}


def test_the_page_shows_the_total_snippets_and_facet_links(client, two_rounds):
    france = two_rounds[2]
    focal = FocalPointFactory(country=france).user
    client.force_login(focal)

    page = client.get(reverse("search:search"), {"q": "ecoute"}).content.decode()

    assert "1 result" in page and "<mark>écoute</mark>" in page
    assert 'href="/replies/' in page
    assert 'data-facet="round"' in page and "?q=ecoute&amp;round=1" in page


def test_the_page_in_french(client, two_rounds):
    client.force_login(FocalPointFactory(country=two_rounds[2]).user)
    client.cookies["django_language"] = "fr"

    page = client.get(reverse("search:search"), {"q": "helpline", "round": "2"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    # the interface's words are translated with the rest of the catalogue
    assert '<html lang="fr">' in page and page.count('class="mb-3 pb-2 border-bottom search-hit"') == 2


def test_malformed_parameters_are_ignored(client, two_rounds):
    sign_in_with_second_factor(client, ReviewerFactory())

    response = client.get(reverse("search:search"), {"q": "helpline", "round": "x", "page": "-4", "party": "zz",
                                                     "sort": "nope"})

    assert response.status_code == 200 and "3 results" in response.content.decode()


def test_the_navigation_bar_has_the_search_box(client, db):
    client.force_login(FocalPointFactory().user)

    page = client.get(reverse("home")).content.decode()

    assert 'action="/search/"' in page and 'name="q"' in page
