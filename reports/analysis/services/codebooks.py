"""Writes to codebooks: importing and exporting them as YAML, and copying one from an earlier round."""

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from questionnaires.models import Question
from questionnaires.selectors.compiling import question_in_earlier_version

from ..models import Category, Codebook
from ..selectors.coding import categories_in_order

MAX_BYTES = 1_000_000


def codebook_as_yaml(codebook: Codebook) -> str:
    """The codebook as YAML: one entry per category, subcategories nested under their parent."""
    categories = categories_in_order(codebook)

    def entry(category: Category) -> dict:
        data = {"code": category.code, "label": {"en": category.label_en, "fr": category.label_fr}}
        if category.definition:
            data["definition"] = category.definition
        if category.no_information:
            data["no_information"] = True
        if category.exclusive:
            data["one_subcategory_only"] = True
        children = [entry(c) for c in categories if c.parent_id == category.pk]
        if children:
            data["categories"] = children
        return data

    document = {"question": codebook.question.number,
                "categories": [entry(c) for c in categories if c.parent_id is None]}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def _parse(text: str) -> list[tuple[str, dict, str | None]]:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."), code="too_large")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
        raise ValidationError(_("The file is not valid YAML%(where)s.") % {"where": where}, code="yaml") from error
    if not isinstance(document, dict) or "categories" not in document:
        raise ValidationError(_("The file must have a list of categories under “categories”."), code="invalid")
    parsed, errors, seen = [], [], set()

    def walk(entries, parent_code, path):
        if not isinstance(entries, list):
            errors.append(_("%(path)s must be a list of categories.") % {"path": path})
            return
        for index, entry in enumerate(entries, start=1):
            here = f"{path}[{index}]"
            if not isinstance(entry, dict):
                errors.append(_("%(path)s must be a category (code, label …).") % {"path": here})
                continue
            code = str(entry.get("code") or "").strip()
            label = entry.get("label")
            label = label if isinstance(label, dict) else {"en": label}
            if not code or not code.replace("-", "").replace("_", "").isalnum():
                errors.append(_("%(path)s: the code must be letters, digits, - or _.") % {"path": here})
            elif code in seen:
                errors.append(_("%(path)s: the code “%(code)s” is used twice.") % {"path": here, "code": code})
            if not str(label.get("en") or "").strip():
                errors.append(_("%(path)s: the English label is missing.") % {"path": here})
            seen.add(code)
            parsed.append((code, entry, label, parent_code))
            if "categories" in entry:
                walk(entry["categories"], code, f"{here}.categories")

    walk(document["categories"], None, "categories")
    if errors:
        raise ValidationError(errors)
    return parsed


@transaction.atomic
def codebook_import_yaml(*, question: Question, text: str) -> Codebook:
    """Replace the question's codebook with the YAML's categories: all of them or none. Categories already
    used in a coding keep their identity (matched by code); one in use that the file leaves out is refused."""
    parsed = _parse(text)
    codebook, _created = Codebook.objects.get_or_create(question=question)
    existing = {c.code: c for c in codebook.categories.all()}
    wanted = {code for code, *_rest in parsed}
    in_use = sorted(code for code, c in existing.items() if code not in wanted and c.assignments.exists())
    if in_use:
        raise ValidationError(
            _("These categories are used in codings and cannot be left out: %(codes)s.") % {"codes": ", ".join(in_use)},
            code="in_use",
        )
    saved: dict[str, Category] = {}
    for position, (code, entry, label, parent_code) in enumerate(parsed):
        category = existing.get(code) or Category(codebook=codebook, code=code)
        category.label_en = str(label.get("en") or "").strip()[:200]
        category.label_fr = str(label.get("fr") or "").strip()[:200]
        category.definition = str(entry.get("definition") or "").strip()
        category.no_information = bool(entry.get("no_information"))
        category.exclusive = bool(entry.get("one_subcategory_only"))
        category.parent = saved[parent_code] if parent_code else None
        category.position = position
        category.save()
        saved[code] = category
    Category.objects.filter(codebook=codebook).exclude(code__in=wanted).update(parent=None)
    Category.objects.filter(codebook=codebook).exclude(code__in=wanted).delete()
    return codebook


@transaction.atomic
def codebook_copy_from_earlier(*, question: Question) -> Codebook:
    """Give the question the codebook of the same-numbered question in the earlier version or round."""
    if Codebook.objects.filter(question=question, categories__isnull=False).exists():
        raise ValidationError(_("Question %(number)s already has categories.") % {"number": question.number},
                              code="exists")
    earlier = question_in_earlier_version(question)
    source = Codebook.objects.filter(question=earlier).first() if earlier else None
    if source is None:
        raise ValidationError(
            _("No earlier version has a codebook for question %(number)s.") % {"number": question.number},
            code="no_source",
        )
    return codebook_import_yaml(question=question, text=codebook_as_yaml(source))
