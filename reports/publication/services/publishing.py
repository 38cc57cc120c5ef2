"""Publishing a Party's reply: a snapshot of its approved answers, ended by unpublishing or replacing.
Unpublishing ends a stakeholder's publication the same way."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from questionnaires import selectors as questionnaire_selectors
from questionnaires.models import Item, ItemAnswer, Version
from reports.search import services as search_services

from ..models import Publication, PublishedAnswer, PublishedDocument


def _in_both_languages(label) -> tuple[str, str]:
    """A lazily translated label (a model choice) in English and in French."""
    with translation.override("en"):
        english = str(label)
    with translation.override("fr"):
        return english, str(label)


def _value(item: Item, value: ItemAnswer | None) -> tuple[str, str]:
    """The value of a structured item, in English and French ("" for texts, files and no value)."""
    if value is None:
        return "", ""
    if item.type == Item.Type.YES_NO and value.yes_no:
        return _in_both_languages(ItemAnswer.YesNo(value.yes_no).label)
    if item.type == Item.Type.NUMBER and value.number is not None:
        return str(value.number), str(value.number)
    if item.type in (Item.Type.CHOICE, Item.Type.MULTI_CHOICE):
        chosen = [value.choice] if item.type == Item.Type.CHOICE else list(value.choices)
        labels = [choice for choice in item.choices.all() if choice.code in chosen]
        return ", ".join(c.label_en for c in labels), ", ".join(c.label_fr or c.label_en for c in labels)
    return "", ""


def _item_snapshot(item: Item, value: ItemAnswer | None) -> dict:
    value_en, value_fr = _value(item, value)
    return {
        "number": item.number, "type": item.type, "text_en": item.text_en, "text_fr": item.text_fr,
        "text": value.text if value else "", "value_en": value_en, "value_fr": value_fr,
        "explanation": value.explanation if value else "",
    }


def _copy_documents(published: PublishedAnswer, values: list[ItemAnswer], items: dict[int, Item]) -> None:
    for value in values:
        for attachment in value.attachments.all():
            document = PublishedDocument(
                published_answer=published, item_number=items[value.item_id].number, title=attachment.title,
                language=attachment.language, url=attachment.url, content_type=attachment.content_type,
            )
            if attachment.file:
                with attachment.file.open("rb") as stored:
                    document.file.save(attachment.file.name.rsplit("/", 1)[-1], File(stored), save=False)
            document.save()


def end_live(version: Version, *, user, kind: str, reason: str = "", **respondent) -> Publication | None:
    """End the live publication of the respondent (``country=`` or ``organisation=``), if there is one."""
    # of=self: the default ordering joins the (nullable) country and organisation, which PostgreSQL cannot lock
    live = Publication.objects.select_for_update(of=("self",)).filter(
        version=version, ended_at__isnull=True, **respondent).first()
    if live is not None:
        live.ended_at, live.ended_by, live.end_kind, live.end_reason = timezone.now(), user, kind, reason
        live.save(update_fields=["ended_at", "ended_by", "end_kind", "end_reason"])
    return live


@transaction.atomic
def reply_publish(*, version: Version, country, user) -> Publication:
    """Publish the country's approved answers to the version as they stand now, replacing its live
    publication if there is one. Later approvals change nothing public until it is published again."""
    if version.status == Version.Status.DRAFT:
        raise ValidationError(_("A draft version cannot be published."), code="draft_version")
    if not questionnaire_selectors.is_party_of(version, country):
        raise ValidationError(_("%(country)s is not a Party of this round.") % {"country": country.local_name},
                              code="not_a_party")
    answers = questionnaire_selectors.approved_answers_to_publish(version, country)
    if not answers:
        raise ValidationError(_("%(country)s has no approved answer to publish.") % {"country": country.local_name},
                              code="nothing_approved")
    end_live(version, user=user, kind=Publication.EndKind.REPLACED, country=country)
    publication = Publication.objects.create(
        version=version, country=country, country_slug=slugify(country.name), published_at=timezone.now(),
        published_by=user, revisions={str(answer.pk): answer.revision for answer in answers},
    )
    snapshot_answers(publication, answers)
    return publication


def snapshot_answers(publication: Publication, answers) -> None:
    """Copy each approved answer (question texts, rendered item values, reference texts) into the publication."""
    items = questionnaire_selectors.items_by_question([answer.question for answer in answers])
    for answer in answers:
        question, values = answer.question, list(answer.item_answers.all())
        by_item = {value.item_id: value for value in values}
        # Items addressed to other named Parties have no value row in this answer: they are left out.
        held = {item.pk for item in items.get(question.pk, []) if item.pk in by_item}
        parents = {item.parent_id for item in items.get(question.pk, []) if item.pk in held}
        question_items = [item for item in items.get(question.pk, []) if item.pk in held or item.pk in parents]
        published = PublishedAnswer.objects.create(
            publication=publication, question_number=question.number, position=question.position,
            question_title_en=question.title_en, question_title_fr=question.title_fr, revision=answer.revision,
            language=answer.language, national_language=answer.national_language,
            national_text=answer.national_text,
            items=[_item_snapshot(item, by_item.get(item.pk)) for item in question_items],
        )
        _copy_documents(published, values, {item.pk: item for item in question_items})
        search_services.document_index_published(published_answer=published, answer=answer)


@transaction.atomic
def reply_unpublish(*, publication: Publication, user, reason: str) -> Publication:
    """Withdraw a live publication from the public site, with the reason (kept, like the publication)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for unpublishing."), code="reason_required")
    locked = Publication.objects.select_for_update(of=("self",)).get(pk=publication.pk)
    if not locked.is_live:
        raise ValidationError(_("This publication has already ended."), code="already_ended")
    respondent = {"country": locked.country} if locked.country_id else {"organisation": locked.organisation}
    return end_live(locked.version, user=user, kind=Publication.EndKind.UNPUBLISHED, reason=reason, **respondent)
