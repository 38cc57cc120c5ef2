"""An answer as coders read it: its texts, with positions for quotes, and its structured values."""

from questionnaires.models import Answer, Item

from ..quotes import readable_text

EXPLANATION = "#explanation"


def _item_answers(answer: Answer):
    if "item_answers" in getattr(answer, "_prefetched_objects_cache", {}):
        return list(answer.item_answers.all())
    return list(answer.item_answers.select_related("item").prefetch_related("item__choices").order_by())


def texts_of_values(items: dict[str, Item], values: dict[str, dict]) -> dict[str, str]:
    """Readable texts keyed by item number (an explanation under ``<number>#explanation``) from stored
    values (a revision's ``values``), in the items' order."""
    texts = {}
    for number, item in items.items():
        stored = values.get(number) or {}
        if item.type == Item.Type.TEXT and stored.get("text"):
            texts[number] = readable_text(stored["text"])
        if item.explain and stored.get("explanation"):
            texts[number + EXPLANATION] = readable_text(stored["explanation"])
    return texts


def answer_texts(answer: Answer) -> dict[str, str]:
    """The free texts of an answer as it now stands (long-text items and explanations), keyed as in
    ``texts_of_values``, in the items' order."""
    item_answers = sorted(_item_answers(answer), key=lambda ia: ia.item.position)
    return texts_of_values(
        {ia.item.number: ia.item for ia in item_answers},
        {ia.item.number: {"text": ia.text, "explanation": ia.explanation} for ia in item_answers},
    )


def structured_values(answer: Answer) -> dict[str, str]:
    """The answer's structured values as variables: item number → code ("yes", "dedicated", "7"); a
    multiple choice gives one variable per chosen code (``13.4=a`` → "yes")."""
    variables: dict[str, str] = {}
    for item_answer in _item_answers(answer):
        item = item_answer.item
        if item.type == Item.Type.YES_NO and item_answer.yes_no:
            variables[item.number] = item_answer.yes_no
        elif item.type == Item.Type.CHOICE and item_answer.choice:
            variables[item.number] = item_answer.choice
        elif item.type == Item.Type.MULTI_CHOICE:
            for code in item_answer.choices:
                variables[f"{item.number}={code}"] = "yes"
        elif item.type == Item.Type.NUMBER and item_answer.number is not None:
            variables[item.number] = str(item_answer.number)
    return variables
