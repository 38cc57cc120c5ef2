"""What changed: between two revisions of an answer, two questionnaire versions. Plain functions over
values already read; the selectors fetch what they compare."""

import difflib

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .html_diff import html_word_diff
from .models import Item, ItemAnswer, Language


def _is_empty(value) -> bool:
    """No value: an item not saved yet (None) and one saved empty ("", []) show the same."""
    return value is None or value == "" or value == []


def _shown_value(item: Item, field: str, value) -> str:
    """A saved value as the answering form shows it: labels rather than codes, "—" when empty."""
    if field == "yes_no":
        value = dict(ItemAnswer.YesNo.choices).get(value, value)
    elif field in ("choice", "choices"):
        labels = {choice.code: choice.label for choice in item.choices.all()}
        codes = [value] if field == "choice" and value else value or []
        value = ", ".join(labels.get(code, code) for code in codes)
    elif field == "attachments":
        value = ", ".join(attachment.get("title") or attachment.get("file") or attachment.get("url", "")
                          for attachment in value or [])
    return "—" if value in (None, "") else str(value)


def revision_changes(items: list[Item], older: dict, newer: dict) -> list[dict]:
    """What changed between two saved states of an answer, item by item, as the history and the review
    page show it: texts rendered with their inserted and removed words marked (``html``), the other
    values as they were and are now (``old``, ``new``)."""
    changes = []
    for item in items:
        before, after = older.get(item.number) or {}, newer.get(item.number) or {}
        if before == after or not item.is_answerable:
            continue
        rows = []
        for field in sorted(set(before) | set(after)):
            old_value, new_value = before.get(field), after.get(field)
            if old_value == new_value or (_is_empty(old_value) and _is_empty(new_value)):
                continue
            label = _("Explanation") if field == "explanation" else ""
            if field in ("text", "explanation"):
                rows.append({"label": label, "html": html_word_diff(old_value or "", new_value or "")})
            else:
                rows.append({"label": label, "old": _shown_value(item, field, old_value),
                             "new": _shown_value(item, field, new_value)})
        if rows:
            changes.append({"item": item, "rows": rows})
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(operation, words) pieces: 'same', 'added' or 'removed', for highlighting a text change."""
    old_words, new_words = old.split(), new.split()
    pieces = []
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words).get_opcodes():
        if operation == "equal":
            pieces.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(new_words[b1:b2])))
    return pieces


def _flatten(document: dict) -> tuple[dict, dict]:
    """A version document's questions and items keyed by number, without their nested items."""
    questions, items = {}, {}
    for section in document["sections"]:
        for question in section["questions"]:
            questions[question["number"]] = {k: v for k, v in question.items() if k != "items"}
            stack = list(question["items"])
            while stack:
                item = stack.pop(0)
                stack.extend(item.get("items", []))
                items[item["number"]] = {k: v for k, v in item.items() if k != "items"}
    return questions, items


def _is_bilingual(value) -> bool:
    return isinstance(value, dict) and set(value) <= {"en", "fr"}


# The keys of a version document (``yaml_format``) as the diff of two versions names them.
DOCUMENT_KEY_LABELS = {
    "title": gettext_lazy("Title"), "help": gettext_lazy("Guidance"), "references": gettext_lazy("References"), "text": gettext_lazy("Text"),
    "type": gettext_lazy("Type of answer"), "explain": gettext_lazy("Explanation box"), "required": gettext_lazy("Required"),
    "min": gettext_lazy("Minimum"), "max": gettext_lazy("Maximum"), "previous_number": gettext_lazy("Number in the previous version"),
    "choices": gettext_lazy("Choices"), "items": gettext_lazy("Sub-items"),
}
# What a key the document leaves out means (``yaml_format`` writes only values that differ from these).
DOCUMENT_DEFAULTS = {"required": True, "explain": False}


def _readable(key: str, value):
    """A document value as the differences page shows it: yes/no, lists joined, defaults spelt out."""
    if value is None:
        value = DOCUMENT_DEFAULTS.get(key)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(
            f"{entry.get('code')}: {entry.get('label', {}).get('en', '')}" if isinstance(entry, dict) else str(entry)
            for entry in value
        )
    return value


def _field_changes(before: dict, after: dict) -> list[dict]:
    languages = dict(Language.choices)
    changes = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        old_value, new_value = before.get(key), after.get(key)
        if _is_bilingual(old_value) and _is_bilingual(new_value):
            for language in ("en", "fr"):
                if old_value.get(language, "") != new_value.get(language, ""):
                    changes.append({
                        "field": f"{DOCUMENT_KEY_LABELS.get(key, key)} ({languages[language]})",
                        "words": word_diff(old_value.get(language, ""), new_value.get(language, "")),
                    })
        else:
            changes.append({"field": DOCUMENT_KEY_LABELS.get(key, key),
                            "old": _readable(key, old_value), "new": _readable(key, new_value)})
    return changes


def document_diff(old_document: dict, new_document: dict) -> dict:
    """Questions and items added, removed and changed between two version documents
    (``yaml_format.version_as_document``), matched by number."""
    result = {}
    for kind, (before, after) in zip(("questions", "items"), zip(_flatten(old_document), _flatten(new_document))):
        numbers_before, numbers_after = set(before), set(after)
        result[kind] = {
            "added": [after[n] for n in sorted_numbers(numbers_after - numbers_before)],
            "removed": [before[n] for n in sorted_numbers(numbers_before - numbers_after)],
            "changed": [
                {"number": n, "changes": _field_changes(before[n], after[n])}
                for n in sorted_numbers(numbers_before & numbers_after) if before[n] != after[n]
            ],
        }
    return result


def sorted_numbers(numbers) -> list[str]:
    """Question or item numbers in reading order: 2 before 10, 13.1.a before 13.2."""
    def key(number):
        return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split(".")]

    return sorted(numbers, key=key)
