"""The plain text of what is searched: an answer (its items' texts and explanations, its reference
texts' titles, its national-language version), a published answer, a question with its items."""

import re
from html import unescape

from questionnaires.models import Answer, Item, Question

# Control characters are left out: the snippets' highlight marks are made of two of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def plain(html: str) -> str:
    """The words of sanitised answer HTML, one space where a tag stood (so that paragraphs and list items
    never run into each other)."""
    if not html:
        return ""
    text = _TAG.sub(" ", html) if "<" in html else html
    if "&" in text:
        text = unescape(text)
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def _join(parts) -> str:
    return "\n".join(part for part in parts if part)


def answer_text(answer: Answer, item_answers) -> str:
    """What a search finds in an answer: each item's text and explanation, the titles of its reference
    texts (``item_answers``: ItemAnswers with their item and attachments), then the national version."""
    parts = []
    for item_answer in sorted(item_answers, key=lambda ia: ia.item.position):
        if item_answer.item.type == Item.Type.TEXT:
            parts.append(plain(item_answer.text))
        elif item_answer.item.type == Item.Type.FILES:
            parts.extend(plain(attachment.title) for attachment in item_answer.attachments.all())
        parts.append(plain(item_answer.explanation))
    parts.append(plain(answer.national_text))
    return _join(parts)


def published_text(published_answer, titles) -> str:
    """The same for a published snapshot (its items as published, ``titles`` of its reference texts)."""
    parts = []
    for item in published_answer.items:
        parts.append(plain(item.get("text", "")))
        parts.append(plain(item.get("explanation", "")))
    parts.extend(plain(title) for title in titles)
    parts.append(plain(published_answer.national_text))
    return _join(parts)


def question_text(question: Question, items, language: str) -> str:
    """A question's title, guidance and items' texts in one language (French falling back to English)."""
    def text(obj, field):
        return (getattr(obj, f"{field}_fr") if language == "fr" else "") or getattr(obj, f"{field}_en")

    return _join([plain(text(question, "title")), plain(text(question, "help"))]
                 + [plain(text(item, "text")) for item in items])
