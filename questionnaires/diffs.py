"""What changed: between two revisions of an answer, two national-language versions, two questionnaire
versions. Plain functions over values already read; the selectors fetch what they compare."""

import difflib

from django.utils.translation import gettext_lazy as _

from .models import AnswerRevision, Item, Language
from .sanitize import html_to_text


def _plain_lines(html: str) -> list[str]:
    return [line.strip() for line in html_to_text(html).splitlines() if line.strip()]


def line_diff(old_html: str, new_html: str) -> list[str]:
    """ndiff lines ("- ", "+ ", "  ") between the plain text of two formatted texts, without hint lines."""
    return [line for line in difflib.ndiff(_plain_lines(old_html), _plain_lines(new_html)) if not line.startswith("?")]


def revision_changes(items: list[Item], older: dict, newer: dict) -> list[dict]:
    """What changed between two saved states of an answer, item by item: a line diff for texts,
    old and new values for the rest."""
    changes = []
    for item in items:
        before, after = older.get(item.number), newer.get(item.number)
        if before == after or not item.is_answerable:
            continue
        rows = []
        for field in sorted(set(before or {}) | set(after or {})):
            old_value, new_value = (before or {}).get(field), (after or {}).get(field)
            if old_value == new_value:
                continue
            if field in ("text", "explanation"):
                rows.append({"field": field, "lines": line_diff(old_value, new_value)})
            else:
                rows.append({"field": field, "old": old_value, "new": new_value})
        changes.append({"item": item, "rows": rows})
    return changes


def national_version_change(older: AnswerRevision, newer: AnswerRevision) -> list[str] | None:
    """A line diff of the national-language version between two revisions; None when it did not change."""
    if older.national_text == newer.national_text:
        return None
    return line_diff(older.national_text, newer.national_text)


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
    "title": _("Title"), "help": _("Guidance"), "references": _("References"), "text": _("Text"),
    "type": _("Type of answer"), "explain": _("Explanation box"), "required": _("Required"),
    "min": _("Minimum"), "max": _("Maximum"), "previous_number": _("Number in the previous version"),
    "choices": _("Choices"), "items": _("Sub-items"),
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
