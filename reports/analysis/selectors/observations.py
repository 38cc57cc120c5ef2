"""The observations on one question: their revisions, comments, and the figures their references read.

The figures of observations are drawn from approved answers only, whoever reads them: the same text shows
the same numbers to the secretariat and to the rapporteur, and what the committee adopts rests on the
answers it may publish.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from questionnaires.models import Question, Version
from questionnaires.selectors.compiling import APPROVED_ONLY, question_items

from ..models import Observations, ObservationsComment, ObservationsRevision
from ..references import PARTIES, references_in
from .coding import categories_in_order, codebook_of
from .figures import Findings, findings_of, variables_of


@dataclass
class ObservationsPage:
    observations: Observations | None
    revisions: list[ObservationsRevision] = field(default_factory=list)  # latest first
    comments: list[ObservationsComment] = field(default_factory=list)

    @property
    def latest(self) -> ObservationsRevision | None:
        return self.revisions[0] if self.revisions else None

    @property
    def adopted(self) -> ObservationsRevision | None:
        """The latest adopted revision: the committee's text, with its frozen figures."""
        return next((revision for revision in self.revisions if revision.adopted), None)

    @property
    def draft(self) -> ObservationsRevision | None:
        """The latest revision when it is not adopted: the text being drafted."""
        latest = self.latest
        return latest if latest is not None and not latest.adopted else None

    def revision(self, number) -> ObservationsRevision | None:
        return next((revision for revision in self.revisions if str(revision.number) == str(number)), None)

    def issue(self, revision: ObservationsRevision) -> int:
        """Which adoption of the observations ``revision`` is (1 for the first), for the document's symbol;
        a draft counts as the next one."""
        adopted = [r for r in self.revisions if r.adopted and r.number <= revision.number]
        return len(adopted) + (0 if revision.adopted else 1)


def observations_page(question: Question) -> ObservationsPage:
    """The question's observations with every revision (latest first) and comment, in three queries."""
    observations = Observations.objects.filter(question=question).prefetch_related(
        Prefetch("revisions", queryset=ObservationsRevision.objects.select_related("author", "adopted_by")
                 .order_by("-number")),
        Prefetch("comments", queryset=ObservationsComment.objects.select_related("author").order_by("created_at", "pk")),
    ).first()
    if observations is None:
        return ObservationsPage(observations=None)
    return ObservationsPage(observations=observations, revisions=list(observations.revisions.all()),
                            comments=list(observations.comments.all()))


def observations_findings(question: Question) -> Findings:
    """The findings the observations' figures are drawn from: approved answers only."""
    return findings_of(question, states=APPROVED_ONLY)


def _party(reading) -> dict:
    country = reading.country
    return {"iso": country.iso_code, "name": country.name, "name_fr": country.name_fr}


def _labels(question: Question, language: str) -> dict[str, str]:
    """Every variable's label in ``language``: the committee's document names each figure in English and
    French, whatever the language of the person who adopts it."""
    with translation.override(language):
        variables = variables_of(question, categories_in_order(codebook_of(question)), question_items(question))
        return {variable.key: str(variable.label) for variable in variables}


def figure_values(findings: Findings) -> dict[str, dict]:
    """The value of every variable a reference may name, as an adopted text stores it: its label (in the
    reader's language, in English and in French), count, total (the round's Parties, or those asked a question
    addressed to named Parties) and the Parties
    behind the count."""
    labels_en, labels_fr = _labels(findings.question, "en"), _labels(findings.question, "fr")
    if findings.addressed_only:  # a question addressed to named Parties: those of them in the round
        labels = {"label": _("Parties asked the question"), "label_en": "Parties asked the question",
                  "label_fr": "Parties auxquelles la question est posée"}
    else:
        labels = {"label": _("Parties of the round"), "label_en": "Parties of the round",
                  "label_fr": "Parties du cycle"}
    values = {PARTIES: {
        **labels, "count": findings.total_parties, "total": findings.total_parties,
        "parties": [_party(reading) for reading in findings.readings],
    }}
    for figure in findings.figures():
        key = figure.variable.key
        values[key] = {
            "label": str(figure.variable.label), "label_en": labels_en.get(key, ""), "label_fr": labels_fr.get(key, ""),
            "count": figure.count, "total": figure.total, "parties": [_party(reading) for reading in figure.parties],
        }
    return values


def referenced_values(text: str, values: dict[str, dict]) -> dict[str, dict]:
    """The values the text's references name, in the order of the text: what adoption freezes."""
    return {reference.key: values[reference.key] for reference in references_in(text) if reference.key in values}


def rapporteur_questions(user) -> list[Question]:
    """The questions of published or closed rounds ``user`` is the rapporteur of, round by round."""
    return list(
        Question.objects.filter(rapporteurs__user=user).exclude(version__status=Version.Status.DRAFT)
        .select_related("version__questionnaire").order_by("-version__created_at", "position")
    )
