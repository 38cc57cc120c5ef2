"""A follow-up round from end to end in a real browser: the secretariat imports the round's
recommendations from YAML, generates the follow-up questionnaire and publishes it; Belgium's focal point
answers the recommendation addressed to it and submits (France's, not an addressee, cannot open it); the
secretariat approves the answer and records the committee's compliance assessment, which the matrix
shows; the compilation per recommendation is requested and downloaded, in both languages."""

import io

import docx
import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from questionnaires.models import Answer, Reply
from reports.followup.models import Assessment, FollowUpVersion
from reports.models import Compilation
from tests.browser.conftest import sign_in
from tests.browser.test_journeys_in_chromium import _serious_violations, _type_into
from tests.factories import CountryFactory, FocalPointFactory, ReviewerFactory, party_reply_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECOMMENDATIONS = """\
recommendations:
  - number: R7
    heading: Prevention
    strength: urges
    text: {en: Set up a specialised police unit., fr: Créer une unité de police spécialisée.}
    addressees: [BE]
  - number: R11
    heading: Protection
    strength: invites
    text: {en: Hear each child only once., fr: N'entendre chaque enfant qu'une seule fois.}
    addressees: [FR, LU]
"""


@pytest.fixture
def round_with_parties(published_version, settings):
    """The round, its Parties Belgium, France and Luxembourg, their focal points, and a secretariat member
    who is also an administrator (the follow-up questionnaire is published from the admin)."""
    settings.TWO_FACTOR_REQUIRED = True
    settings.COMPILATION_PDF = False
    countries = {}
    for iso, name, name_fr in (("BE", "Belgium", "Belgique"), ("FR", "France", "France"),
                               ("LU", "Luxembourg", "Luxembourg")):
        countries[iso] = CountryFactory(iso_code=iso, name=name, name_fr=name_fr)
        party_reply_start(version=published_version, country=countries[iso])
    FocalPointFactory(country=countries["BE"], user__username="bart")
    FocalPointFactory(country=countries["FR"], user__username="marie")
    secretariat = ReviewerFactory(username="remi", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=secretariat, name="phone", confirmed=True)
    return published_version, device


def _secretariat_signs_in(page, live_server, device):
    sign_in(page, live_server, "remi")
    page.wait_for_url("**/two-factor/verify/**")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()


def test_a_recommendation_goes_from_the_report_to_the_compilation_of_the_follow_up(
        browser, live_server, round_with_parties):
    version, device = round_with_parties
    url = live_server.url
    secretariat, belgium, france = (browser.new_context(accept_downloads=True).new_page() for _ in range(3))
    problems = {}

    # The secretariat imports the recommendations and generates the follow-up questionnaire.
    _secretariat_signs_in(secretariat, live_server, device)
    secretariat.goto(f"{url}/recommendations/versions/{version.pk}/")
    secretariat.set_input_files("#id_file", files=[{"name": "recommendations.yaml", "mimeType": "application/yaml",
                                                    "buffer": RECOMMENDATIONS.encode()}])
    secretariat.get_by_role("button", name="Import", exact=True).click()
    secretariat.get_by_text("2 recommendations imported.").wait_for()
    secretariat.get_by_role("button", name="Generate the follow-up questionnaire").click()
    secretariat.get_by_text("Draft follow-up questionnaire created").wait_for()
    followup = FollowUpVersion.objects.get(source=version).version

    # ... and publishes it from the admin: its Parties are the round's.
    secretariat.goto(f"{url}/admin/questionnaires/version/")
    secretariat.locator(f"input[name=_selected_action][value='{followup.pk}']").check()
    secretariat.locator("select[name=action]").select_option("publish")
    secretariat.get_by_role("button", name="Go").click()
    secretariat.wait_for_load_state()
    followup.refresh_from_db()
    assert followup.status == followup.Status.PUBLISHED
    assert sorted(followup.parties.values_list("iso_code", flat=True)) == ["BE", "FR", "LU"]

    # Belgium's focal point answers R7, addressed to Belgium, and submits.
    sign_in(belgium, live_server, "bart")
    belgium.get_by_role("button", name="Start our reply").click()
    belgium.wait_for_load_state()
    reply = Reply.objects.get(version=followup, country__iso_code="BE")
    belgium.goto(f"{url}/replies/{reply.pk}/questions/R7/")
    _type_into(belgium, "#item-R7\\.1 .rich-editor", "A national unit of 24 investigators since 2024.")
    belgium.locator("#item-R7\\.2").get_by_label("Partly implemented").check()
    belgium.get_by_role("button", name="Save", exact=True).click()
    belgium.get_by_text("Question R7 saved.").wait_for()
    belgium.goto(f"{url}/replies/{reply.pk}/")
    belgium.get_by_role("link", name="Check and submit the reply").first.click()
    belgium.get_by_role("button", name="Submit 1 answer for review").click()
    belgium.get_by_text("1 answer was submitted for review").wait_for()
    answer = Answer.objects.get(reply=reply, question__number="R7")
    assert answer.state == Answer.State.SUBMITTED

    # France's focal point starts its reply: R7 is not addressed to France.
    sign_in(france, live_server, "marie")
    france.get_by_role("button", name="Start our reply").click()
    france.wait_for_load_state()
    france_reply = Reply.objects.get(version=followup, country__iso_code="FR")
    assert france.goto(f"{url}/replies/{france_reply.pk}/questions/R7/").status == 404
    assert france.goto(f"{url}/replies/{france_reply.pk}/questions/R11/").status == 200

    # The secretariat approves Belgium's answer and records the committee's assessment.
    secretariat.goto(f"{url}/review/answers/{answer.pk}/")
    assert "A national unit of 24 investigators since 2024." in secretariat.content()
    secretariat.get_by_role("button", name="Approve", exact=True).click()
    secretariat.wait_for_load_state()
    assert Answer.objects.get(pk=answer.pk).state == Answer.State.APPROVED
    secretariat.goto(f"{url}/recommendations/versions/{version.pk}/compliance/")
    secretariat.get_by_role("row", name="Belgium").get_by_role("link").first.click()
    secretariat.get_by_label("Partly implemented").check()
    secretariat.get_by_label("Justification").fill("The unit exists; its staff is still being trained.")
    secretariat.get_by_role("button", name="Save the assessment").click()
    secretariat.wait_for_load_state()
    assert Assessment.objects.get(country__iso_code="BE").status == Assessment.Status.PARTLY

    # The compliance matrix shows it.
    secretariat.goto(f"{url}/recommendations/versions/{version.pk}/compliance/")
    assert "Partly implemented" in secretariat.get_by_role("row", name="Belgium").inner_text()
    problems["compliance matrix"] = _serious_violations(secretariat)

    # The compilation per recommendation is requested from the round's recommendations page and downloaded.
    secretariat.goto(f"{url}/recommendations/versions/{version.pk}/")
    secretariat.get_by_role("button", name="Compile the follow-up per recommendation").click()
    secretariat.get_by_role("link", name="DOCX").wait_for(timeout=60_000)
    problems["compilation"] = _serious_violations(secretariat)
    with secretariat.expect_download() as download:
        secretariat.get_by_role("link", name="DOCX").click()
    with open(download.value.path(), "rb") as stored:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(stored.read())).paragraphs)
    assert "Recommendation R7 / Recommandation R7" in text
    assert "Set up a specialised police unit.\nCréer une unité de police spécialisée." in text
    assert "A national unit of 24 investigators since 2024." in text
    assert "Hear each child only once.\nN'entendre chaque enfant qu'une seule fois." in text
    assert "Replies from 0 of 2 Parties; not yet received: France, Luxembourg." in text
    compilation = Compilation.objects.get(kind=Compilation.Kind.FOLLOWUP)
    assert compilation.version == followup and compilation.status == Compilation.Status.DONE

    # Both pages that offer it list it, with its downloads.
    for name, path in (("recommendations", f"/recommendations/versions/{version.pk}/"),
                       ("compilations", f"/reports/versions/{followup.pk}/compilations/")):
        secretariat.goto(url + path)
        assert secretariat.locator("#per-recommendation").is_visible()
        assert secretariat.get_by_role("link", name="DOCX").count() >= 1
        problems[name] = _serious_violations(secretariat)
    assert problems == {"compliance matrix": [], "compilation": [], "recommendations": [], "compilations": []}
