"""What the secretariat's publication page shows of other stakeholders: each organisation invited to the
round (or that answered it), what of its contribution may be published, and its publication."""

from dataclasses import dataclass

from countries import selectors as country_selectors
from questionnaires import selectors as questionnaire_selectors
from questionnaires.contributions import selectors as contribution_selectors
from questionnaires.models import Version

from ..models import Publication, PublishedComment


@dataclass
class StakeholderPublication:
    organisation: object
    answers: int  # approved answers of a reply it lets be published
    comments: int  # accepted comments it lets be published
    live: Publication | None
    ended: Publication | None  # its latest ended publication, when none is live
    newer: bool  # something may be published that the live publication lacks

    @property
    def state(self) -> str:
        if self.live:
            return "published"
        if self.ended:
            return "ended"
        return "available" if self.answers or self.comments else "nothing"


def stakeholder_rows(version: Version) -> list[StakeholderPublication]:
    """One row per organisation invited to the round or that answered it, by name, in six queries
    whatever their number."""
    organisations = {i.organisation_id: i.organisation for i in contribution_selectors.invitations_of_round(version.pk)}
    answers: dict[int, dict[str, int]] = {}
    for answer_id, revision, organisation_id in questionnaire_selectors.stakeholder_answer_revisions(version):
        answers.setdefault(organisation_id, {})[str(answer_id)] = revision
    missing = set(answers) - set(organisations)
    if missing:
        organisations.update({o.pk: o for o in country_selectors.organisations_with_ids(missing)})
    comments = contribution_selectors.comment_ids_to_publish(version.pk)
    live, ended = {}, {}
    for publication in (Publication.objects.filter(version=version, organisation__isnull=False)
                        .select_related("published_by", "ended_by").order_by("published_at")):
        (live if publication.is_live else ended)[publication.organisation_id] = publication
    published_comments: dict[int, set[int]] = {}
    for publication_id, contribution_id in PublishedComment.objects.filter(
            publication__in=[p.pk for p in live.values()]).values_list("publication_id", "contribution_id"):
        published_comments.setdefault(publication_id, set()).add(contribution_id)
    rows = []
    for organisation in sorted(organisations.values(), key=lambda o: o.name):
        current, publication = answers.get(organisation.pk, {}), live.get(organisation.pk)
        ids = comments.get(organisation.pk, set())
        newer = publication is not None and (
            any(publication.revisions.get(pk) != revision for pk, revision in current.items())
            or not ids <= published_comments.get(publication.pk, set())
        )
        rows.append(StakeholderPublication(organisation, len(current), len(ids), publication,
                                           None if publication else ended.get(organisation.pk), newer))
    return rows
