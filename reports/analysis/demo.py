"""The 2019 baseline figures rebuilt from coded replies: a round of 43 Parties whose synthetic answers to
Question 13, once coded, give "40 of 43 Parties have some specialist capacity; 16 a dedicated team; in
the remaining 24 the capacity is within other units" — with the Parties behind each number.

The answers are invented for the demonstration (Party names are real, the texts are not)."""

from django.utils import timezone

from questionnaires.models import Answer, Version
from questionnaires.services import (
    ItemValue,
    answer_save,
    reply_start,
    version_close,
    version_copy,
    version_parties_set,
    version_publish,
)

from .selectors.figures import Findings, findings_of
from .services import Code, codebook_import_yaml, coding_save

PARTIES = 43
BASELINE_LABEL = "baseline"

CODEBOOK = """\
question: "13"
categories:
  - code: capacity
    label: {en: Specialist capacity to investigate, fr: Capacité spécialisée d'enquête}
    definition: The reply names a unit, team or section of law enforcement that investigates these offences.
    one_subcategory_only: true
    categories:
      - code: dedicated
        label: {en: A dedicated team working solely on these offences, fr: Une équipe dédiée exclusivement à ces infractions}
      - code: within-unit
        label: {en: Within a unit with a wider remit, fr: Au sein d'une unité aux compétences plus larges}
        one_subcategory_only: true
        categories:
          - code: cybercrime
            label: {en: Within a cybercrime unit, fr: Au sein d'une unité de cybercriminalité}
          - code: children
            label: {en: Within a unit for crimes against children, fr: Au sein d'une unité chargée des crimes contre les enfants}
          - code: persons
            label: {en: Within a unit for crimes against persons or a sub-unit, fr: Au sein d'une unité chargée des atteintes aux personnes ou d'une sous-unité}
  - code: no-capacity
    label: {en: No specialist capacity, fr: Pas de capacité spécialisée}
  - code: no-information
    label: {en: No information in the reply, fr: Pas d'information dans la réponse}
    no_information: true
"""

# (category, the sentence that supports it, the 13.3 choice): 16 + 12 + 8 + 4 = 40, then 3 without capacity.
PROFILES = (
    [("dedicated", "The national police has a dedicated team working solely on online child sexual exploitation "
                   "and abuse, with its own investigators and analysts.", "dedicated")] * 16
    + [("cybercrime", "Investigations are carried out by the cybercrime unit of the criminal police, which has "
                      "officers trained in these offences.", "cybercrime")] * 12
    + [("children", "The unit for crimes against children of the national police investigates these offences, "
                    "including those committed online.", "children")] * 8
    + [("persons", "A sub-unit of the department for crimes against persons handles these cases.", "persons")] * 4
    + [("no-capacity", "There is no unit specialised in these offences; local police stations investigate them.",
        "none")] * 3
)

# Answers (by position) on which the second coder reads another unit than the first.
DISAGREEMENTS = {16: "children", 32: "cybercrime"}


def _values(category: str, sentence: str, choice: str, country: str) -> dict[str, ItemValue]:
    has_capacity = category != "no-capacity"
    return {
        "13.1.a": ItemValue(yes_no="yes" if has_capacity else "no", explanation=f"<p>{sentence}</p>"),
        "13.3": ItemValue(choice=choice),
        "13.4": ItemValue(text=f"<p>In {country}, the organisation is as follows.</p><p>{sentence}</p>"),
    }


def _codes(category: str, sentence: str, *, unit: str | None = None) -> list[Code]:
    """The categories of one profile's answer, with the sentence as the passage of the most specific one;
    ``unit`` replaces the unit a second coder read (a disagreement)."""
    if category == "no-capacity":
        return [Code(category="no-capacity")]
    specific = unit or category
    return [
        Code(category="capacity"),
        *([Code(category="within-unit")] if specific in ("cybercrime", "children", "persons") else []),
        Code(category=specific, quote=sentence, item_number="13.1.a#explanation"),
    ]


def baseline_round_build(*, source: Version, coder, second_coder=None) -> Version:
    """A closed copy of ``source`` whose Parties are its first 43 by name, each with an approved, coded
    answer to Question 13; returns the version (made once: an existing copy is returned as it is).
    With ``second_coder``, every fourth answer is coded a second time; where the two differ (two of
    them), the first coder's reading is settled as the final code, so the figures stay those of the
    baseline report and the agreement page has something to show."""
    existing = Version.objects.filter(questionnaire=source.questionnaire, label=BASELINE_LABEL).first()
    if existing is not None:
        return existing
    parties = list(source.parties.order_by("name")[:PARTIES])
    version = version_copy(version=source, label=BASELINE_LABEL)
    version.title_en = f"{source.title_en} (figures of the 2019 baseline mapping, rebuilt)"
    version.save(update_fields=["title_en"])
    version = version_publish(version=version)
    version_parties_set(version=version, countries=parties)
    question = version.questions.get(number="13")
    codebook_import_yaml(question=question, text=CODEBOOK)
    for index, (country, (category, sentence, choice)) in enumerate(zip(parties, PROFILES, strict=True)):
        reply = reply_start(version=version, country=country, user=coder)
        answer = reply.answers.get(question=question)
        answer = answer_save(answer=answer, values=_values(category, sentence, choice, country.name), user=coder,
                             language="en")
        # Synthetic: the answer is recorded as submitted and approved without the review's e-mails.
        Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED, submitted_at=timezone.now(),
                                                   reviewed_revision=answer.revision)
        answer.refresh_from_db()
        coding_save(answer=answer, coder=coder, codes=_codes(category, sentence))
        if second_coder is not None and index % 4 == 0:
            unit = DISAGREEMENTS.get(index)
            coding_save(answer=answer, coder=second_coder, codes=_codes(category, sentence, unit=unit))
            if unit:
                coding_save(answer=answer, coder=coder, codes=_codes(category, sentence), is_final=True)
    return version_close(version=version)


def baseline_sentences(findings: Findings) -> list[str]:
    """The baseline report's sentence about Question 13, from the figures."""
    figure = {v.key: findings.figure(v) for v in findings.variables}
    capacity, dedicated, within = figure["code:capacity"], figure["code:dedicated"], figure["code:within-unit"]
    return [
        f"{capacity.count} out of {capacity.total} State Parties responded that they had some specialist capacity "
        f"to investigate; of these, {dedicated.count} responded that there was a dedicated team working solely on "
        f"these offences. In the remaining {within.count} the capacity was located within units responsible for "
        "cybercrime, crimes against children, crimes against persons, or sub-units.",
    ]


def baseline_findings(version: Version) -> Findings:
    return findings_of(version.questions.get(number="13"))
