"""Answers as the documents print them: structured values in words, in both languages."""

from questionnaires.models import Item
from questionnaires.sanitize import html_to_text

from ..bilingual import LANGUAGE_NAMES, YES_NO, bilingual

__all__ = ["LANGUAGE_NAMES", "attachment_text", "bilingual", "choice_labels", "plain_text", "value_text"]


def plain_text(html: str) -> str:
    return html_to_text(html, bullet="• ")


def choice_labels(item: Item) -> dict[str, str]:
    return {choice.code: bilingual(choice.label_en, choice.label_fr) for choice in item.choices.all()}


def value_text(item: Item, item_answer) -> str:
    """A structured value as words in English and French (labels, never codes); "" when unanswered."""
    if item_answer is None:
        return ""
    if item.type == Item.Type.YES_NO:
        return YES_NO.get(item_answer.yes_no, "")
    if item.type == Item.Type.CHOICE:
        return choice_labels(item).get(item_answer.choice, "")
    if item.type == Item.Type.MULTI_CHOICE:
        labels = choice_labels(item)
        return "; ".join(labels.get(code, code) for code in item_answer.choices)
    if item.type == Item.Type.NUMBER:
        return "" if item_answer.number is None else str(item_answer.number)
    if item.type == Item.Type.TEXT:
        return plain_text(item_answer.text)
    if item.type == Item.Type.FILES:
        return "; ".join(attachment_text(a) for a in item_answer.attachments.all())
    return ""


def attachment_text(attachment) -> str:
    where = attachment.url or attachment.file.name.rsplit("/", 1)[-1]
    return f"{attachment.title} ({attachment.language}): {where}"
