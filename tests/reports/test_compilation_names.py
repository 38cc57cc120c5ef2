"""Compilations are named in the users' words on their pages, without codes or build times."""

import re

import pytest
from django.urls import reverse

from reports.models import Compilation
from reports.services import compilation_request
from tests.factories import SteeringMemberFactory
from tests.reports import test_compilations

pytestmark = pytest.mark.django_db
world = test_compilations.world  # three Parties' replies, question 13 approved for two

ICT_VERSION_1 = ("Protection of children against sexual exploitation and sexual abuse facilitated by information and "
                 "communication technologies (ICTs), version 1")


def test_a_compilation_s_page_names_it_in_words(client, world, django_capture_on_commit_callbacks):
    version, countries, _reviewer = world
    steering = SteeringMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        compilation_request(kind=Compilation.Kind.QUESTION, version=version, question=test_compilations._q13(version), user=steering)
    compilation = Compilation.objects.get()
    client.force_login(steering)

    page = client.get(reverse("reports:compilation_detail", args=[compilation.pk])).content.decode()

    assert compilation.status == Compilation.Status.DONE and compilation.duration_ms is not None
    assert str(compilation) == f"Compilation of replies to question 13, revision 1 – {ICT_VERSION_1}"
    assert f'<h1 class="h3">Compilation of replies to question 13, revision 1 – {ICT_VERSION_1}</h1>' in page
    assert not re.search(r"\d+ ms\b", page) and "built in" not in page and "rev. " not in page
    assert "2 Parties with an approved reply" in page
    home = client.get("/").content.decode()
    assert f">Compilation of replies to question 13, revision 1 – {ICT_VERSION_1}</a>" in home
    assert f"Compile {ICT_VERSION_1}</a>" in home
    assert '<span class="text-body-secondary">version 1</span>' in home and ">v1<" not in home


def test_round_and_country_compilations_are_named_in_words(world):
    version, countries, _reviewer = world
    round_ = Compilation(kind=Compilation.Kind.ROUND, version=version, revision=2)
    reply = Compilation(kind=Compilation.Kind.COUNTRY, version=version, country=countries["FR"].country, revision=1)

    assert str(round_) == f"Compilation of replies to all questions, revision 2 – {ICT_VERSION_1}"
    assert str(reply) == f"Reply of France, revision 1 – {ICT_VERSION_1}"
