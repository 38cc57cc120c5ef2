"""The interface ships in French: the catalogue is complete and compiled, and the main pages render in it."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import (
    AdministratorFactory,
    CountryFactory,
    FocalPointFactory,
    ReviewerFactory,
    SteeringMemberFactory,
    party_reply_start,
)

CATALOGUES = sorted((Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")


def test_both_french_catalogues_exist():
    assert [path.stem for path in CATALOGUES] == ["django", "djangojs"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_every_message_is_translated_with_the_same_placeholders(path):
    catalogue = polib.pofile(str(path))

    assert not catalogue.untranslated_entries(), [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries()
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_the_compiled_catalogue_matches_its_source(path):
    """The .mo files are committed so that no gettext tools are needed to run the app; `make messages`
    rebuilds them. A .po edited without recompiling would silently show stale French."""
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)).translated_entries() if not entry.msgid_plural}
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(path.with_suffix(".mo"))) if not entry.msgid_plural}

    assert compiled == source


@pytest.fixture
def french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    content = response.content.decode()
    assert '<html lang="fr">' in content
    return content


@pytest.mark.django_db
def test_sign_in_page_is_in_french(french):
    page = _page(french, reverse("login"))

    assert "Se connecter" in page and "Mot de passe oublié\u202f?" in page


@pytest.mark.django_db
def test_focal_point_pages_are_in_french(french, published_version):
    country = CountryFactory(iso_code="AM", name="Armenia", national_language="hy")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    french.force_login(user)

    home = _page(french, reverse("home"))
    detail = _page(french, reverse("questionnaires:reply_detail", args=[reply.pk]))
    question = _page(french, reverse("questionnaires:question_edit", args=[reply.pk, "13"]))

    assert "Accueil" in home and "Se déconnecter" in home
    assert "Ce qui demande votre attention" in detail
    assert "éléments obligatoires sont encore sans réponse" in detail
    assert "Enregistrer et passer à la question suivante" in question
    assert "Version en Arménien (facultative)" in question
    assert "Langue de cette réponse" in question
    # questionnaire texts are shown in French too
    assert published_version.questions.get(number="13").title_fr in question


@pytest.mark.django_db
def test_secretariat_and_steering_pages_are_in_french(french, published_version):
    french.force_login(ReviewerFactory())
    queue = _page(french, reverse("questionnaires:review_queue"))
    progress = _page(french, reverse("reports:progress"))
    french.force_login(SteeringMemberFactory())
    compilations = _page(french, reverse("reports:compilation_list", args=[published_version.pk]))
    french.force_login(AdministratorFactory())
    preview = _page(french, reverse("questionnaires:version_preview", args=[published_version.pk]))

    assert "File d’examen" in queue and "Filtrer" in queue
    assert "Avancement des réponses" in progress
    assert "Compilations des réponses" in compilations
    assert "Aperçu de" in preview


@pytest.mark.django_db
def test_the_javascript_catalogue_is_served_in_french(french):
    catalogue = french.get(reverse("javascript-catalog")).content.decode()

    assert '"Saving\\u2026": "Enregistrement\\u2026"' in catalogue
    assert '"Restore my unsaved copy": "Restaurer ma copie non enregistr\\u00e9e"' in catalogue


@pytest.mark.django_db
def test_a_refused_submission_is_explained_in_french(french, published_version):
    country = CountryFactory(iso_code="FR", name="France")
    user = FocalPointFactory(country=country).user
    reply = party_reply_start(version=published_version, country=country, user=user)
    french.force_login(user)

    response = french.post(reverse("questionnaires:reply_submit", args=[reply.pk]), {"confirmed": "1"}, follow=True)

    assert "La réponse ne peut pas encore être soumise\u00a0:" in response.content.decode()
