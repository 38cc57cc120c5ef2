"""Writes to codings: one coder's categories for one Party's answer, each with its supporting passage."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from questionnaires.models import Answer
from questionnaires.selectors.compiling import READABLE_FOR_FINDINGS

from ..models import Assignment, Category, Coding, CodingEvent
from ..quotes import locate
from ..selectors.answers import answer_texts


@dataclass
class Code:
    """A category a coder applies, with the passage they selected (or typed) and a note."""

    category: str
    quote: str = ""
    item_number: str = ""
    near: int | None = None
    note: str = ""


def _snapshot(coding: Coding | None) -> list[dict]:
    if coding is None:
        return []
    return [
        {"category": a.category.code, "item": a.item_number, "quote": a.quote, "note": a.note}
        for a in coding.assignments.select_related("category").order_by("category__position", "pk")
    ]


def _check_rules(categories: list[Category]) -> None:
    """A "no information" category applies alone; an exclusive parent's subcategories apply one at a time."""
    if len(categories) > 1 and any(category.no_information for category in categories):
        raise ValidationError(
            _("“%(label)s” cannot be combined with another category.")
            % {"label": next(c for c in categories if c.no_information).label},
            code="no_information_alone",
        )
    by_parent: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            by_parent.setdefault(category.parent_id, []).append(category)
    for siblings in by_parent.values():
        parent = siblings[0].parent
        if parent.exclusive and len(siblings) > 1:
            raise ValidationError(
                _("Only one subcategory of “%(parent)s” can apply: %(chosen)s.")
                % {"parent": parent.label, "chosen": ", ".join(f"“{c.label}”" for c in siblings)},
                code="exclusive",
            )


@transaction.atomic
def coding_save(*, answer: Answer, coder, codes: list[Code], is_final: bool = False) -> Coding:
    """Record ``coder``'s categories for the answer (replacing their earlier ones), or the settled coding
    when ``is_final``. Each passage must be found in the answer as it now stands; nothing is written
    when one is not, or when the categories break the codebook's rules. Every change is audited."""
    answer = Answer.objects.select_for_update(of=("self",)).select_related("question").get(pk=answer.pk)
    if answer.state not in READABLE_FOR_FINDINGS:
        raise ValidationError(
            _("This answer is %(state)s: only submitted and approved answers are coded.")
            % {"state": answer.get_state_display().lower()}, code="not_codable",
        )
    codebook = getattr(answer.question, "codebook", None)
    if codebook is None:
        raise ValidationError(_("Question %(number)s has no codebook yet.") % {"number": answer.question.number},
                              code="no_codebook")
    known = {category.code: category for category in codebook.categories.select_related("parent")}
    chosen, errors = [], []
    for code in codes:
        category = known.get(code.category)
        if category is None:
            errors.append(ValidationError(_("“%(code)s” is not a category of this codebook (it may have been "
                                            "deleted): choose again.") % {"code": code.category}, code="unknown"))
        else:
            chosen.append((category, code))
    if len({category.pk for category, _code in chosen}) != len(chosen):
        errors.append(ValidationError(_("A category is given twice."), code="duplicate"))
    try:
        _check_rules([category for category, _code in chosen])
    except ValidationError as error:
        errors.append(error)
    texts = answer_texts(answer)
    passages = []
    for category, code in chosen:
        passage = None
        if code.quote.strip():
            passage = locate(code.quote, texts, code.item_number, code.near)
            if passage is None:
                errors.append(ValidationError(
                    _("The passage for “%(label)s” is not in the answer as it now stands: “%(quote)s”. Select it "
                      "again in the answer.") % {"label": category.label, "quote": code.quote.strip()[:200]},
                    code="quote_not_found",
                ))
        passages.append((category, code, passage))
    if errors:
        raise ValidationError(errors)

    coding = Coding.objects.filter(answer=answer, is_final=is_final, **({} if is_final else {"coder": coder})).first()
    before, revision_before = _snapshot(coding), coding.answer_revision if coding else None
    if coding is None:
        coding = Coding(answer=answer, coder=coder, is_final=is_final)
    coding.coder = coder
    coding.answer_revision, coding.answer_state = answer.revision, answer.state
    coding.save()
    coding.assignments.all().delete()
    Assignment.objects.bulk_create([
        Assignment(
            coding=coding, category=category, note=code.note.strip(),
            item_number=passage.item_number if passage else "", quote=passage.quote if passage else "",
            start=passage.start if passage else None, end=passage.end if passage else None,
        )
        for category, code, passage in passages
    ])
    after = _snapshot(coding)
    if after != before or revision_before != answer.revision:
        CodingEvent.objects.create(coding=coding, answer=answer, actor=coder, is_final=is_final,
                                   before=before, after=after)
    return coding
