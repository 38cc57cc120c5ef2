"""The follow-up questionnaire of a round: one question per recommendation, answered only by its
addressees (the "table of actions" each Party fills in), generated as a draft version through the YAML
import so that every rule of the format applies to it."""

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from questionnaires.models import Questionnaire, Version
from questionnaires.services import version_import_yaml, version_parties_set
from questionnaires.yaml_format import QuestionnaireFormatError

from ..models import FollowUpVersion, Recommendation

TITLE_MAX = 500
STATES = (
    ("implemented", "Implemented", "Mise en œuvre"),
    ("partly", "Partly implemented", "Partiellement mise en œuvre"),
    ("not_implemented", "Not implemented", "Non mise en œuvre"),
    ("planned", "Planned", "Prévue"),
)


def followup_code(version: Version) -> str:
    """The code of the follow-up questionnaire of a round's questionnaire."""
    return f"{version.questionnaire.code[:41]}-followup"


@transaction.atomic
def followup_version_generate(*, version: Version, user) -> Version:
    """Create a draft follow-up version for the round's recommendations (a new questionnaire, or the next
    version of the existing follow-up questionnaire); refuse when the round has no recommendations or a
    draft of the follow-up questionnaire already exists."""
    recommendations = list(Recommendation.objects.filter(version=version)
                           .prefetch_related("addressees").order_by("position", "number"))
    if not recommendations:
        raise ValidationError(_("The round has no recommendations, so there is nothing to follow up."),
                              code="no_recommendations")
    code = followup_code(version)
    questionnaire = Questionnaire.objects.filter(code=code).first()
    draft = questionnaire and questionnaire.versions.filter(status=Version.Status.DRAFT).first()
    if draft:
        raise ValidationError(
            _("A draft follow-up questionnaire already exists (%(code)s, version %(label)s): "
              "publish or delete it first.") % {"code": code, "label": draft.label},
            code="draft_exists",
        )
    label = _next_label(questionnaire)
    try:
        followup = version_import_yaml(text=_followup_yaml(version, recommendations, code=code, label=label))
    except QuestionnaireFormatError as error:
        raise ValidationError(error.errors, code="format") from error
    FollowUpVersion.objects.create(version=followup, source=version, created_by=user)
    return followup


def followup_parties_copy(*, version: Version) -> None:
    """When a generated follow-up version is published, its Parties are those of the round it follows up."""
    link = FollowUpVersion.objects.filter(version=version).select_related("source").first()
    if link is not None:
        version_parties_set(version=version, countries=link.source.parties.all())


def _next_label(questionnaire: Questionnaire | None) -> str:
    if questionnaire is None:
        return "1"
    numbers = [int(label) for label in questionnaire.versions.values_list("label", flat=True) if label.isdigit()]
    return str(max(numbers, default=0) + 1)


def _followup_yaml(version: Version, recommendations: list[Recommendation], *, code: str, label: str) -> str:
    title_en = version.title_en
    title_fr = version.title_fr or version.title_en
    document = {
        "code": code,
        "version": label,
        "title": {"en": _shorten(f"Follow-up to the recommendations of {title_en}"),
                  "fr": _shorten(f"Suivi des recommandations de {title_fr}")},
        "languages": list(version.languages or ["en", "fr"]),
        "sections": _sections(recommendations),
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


def _sections(recommendations: list[Recommendation]) -> list[dict]:
    """One section per report heading, in the order the headings first appear."""
    sections: dict[str, dict] = {}
    for recommendation in recommendations:
        heading = recommendation.heading.strip()
        if heading not in sections:
            slug = slugify(heading)[:40] or "recommendations"
            sections[heading] = {
                "code": f"{len(sections) + 1}-{slug}",
                "title": {"en": heading or "Recommendations", "fr": heading or "Recommandations"},
                "questions": [],
            }
        sections[heading]["questions"].append(_question(recommendation))
    return list(sections.values())


def _question(recommendation: Recommendation) -> dict:
    number = recommendation.number
    text_fr = recommendation.text_fr or recommendation.text_en
    question = {"number": number, "title": {"en": _shorten(recommendation.text_en), "fr": _shorten(text_fr)}}
    if len(recommendation.text_en) > TITLE_MAX or len(text_fr) > TITLE_MAX:
        question["help"] = {"en": recommendation.text_en, "fr": text_fr}
    if not recommendation.all_parties:
        question["addressees"] = sorted(country.iso_code for country in recommendation.addressees.all())
    question["items"] = [
        {"number": f"{number}.1", "type": "text",
         "text": {"en": "Action taken or planned", "fr": "Mesures prises ou prévues"}, "required": True},
        {"number": f"{number}.2", "type": "choice",
         "text": {"en": "State of implementation as the Party sees it",
                  "fr": "État de la mise en œuvre selon la Partie"},
         "choices": [{"code": code, "label": {"en": en, "fr": fr}} for code, en, fr in STATES],
         "required": True},
        {"number": f"{number}.3", "type": "files", "text": {"en": "Reference texts", "fr": "Textes de référence"},
         "required": False},
    ]
    return question


def _shorten(text: str) -> str:
    return text if len(text) <= TITLE_MAX else text[:TITLE_MAX - 1] + "…"
