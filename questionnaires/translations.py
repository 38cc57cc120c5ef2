"""Questionnaire texts as a spreadsheet for translators: one row per text, English and French columns.

Export any version; import the translated file back into a draft (a published version never changes).
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from countries.spreadsheets import spreadsheet_row, spreadsheet_unsafe

from .models import Version

HEADER = ["key", "context", "en", "fr"]
MAX_BYTES = 5_000_000


def _texts(version: Version):
    """(key, context, object, field) for every translatable text of a version, in questionnaire order."""
    yield "version.title", "title", version, "title"
    for section in version.sections.order_by("position"):
        yield f"section:{section.code}.title", "section", section, "title"
        for question in section.questions.order_by("position").prefetch_related("items__choices"):
            yield f"question:{question.number}.title", f"question {question.number}", question, "title"
            yield f"question:{question.number}.help", f"question {question.number} guidance", question, "help"
            for item in sorted(question.items.all(), key=lambda i: i.position):
                yield f"item:{item.number}.text", f"item {item.number} ({item.type})", item, "text"
                for choice in item.choices.all():
                    yield f"choice:{item.number}:{choice.code}.label", f"choice of {item.number}", choice, "label"


def version_texts_xlsx(version: Version) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("texts")
    sheet.append(spreadsheet_row(sheet, HEADER))
    for key, context, obj, field in _texts(version):
        sheet.append(spreadsheet_row(sheet, [key, context, getattr(obj, f"{field}_en"), getattr(obj, f"{field}_fr")]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def version_texts_import(*, version: Version, data: bytes) -> int:
    """Apply a translated spreadsheet to a draft version; every row is checked first, and nothing is
    changed unless all are valid. Returns the number of texts changed."""
    if version.is_frozen:
        raise ValidationError(
            _("%(version)s is %(status)s; copy it to a draft to change its texts.")
            % {"version": version, "status": version.get_status_display().lower()}, code="frozen",
        )
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
    try:
        rows = list(load_workbook(io.BytesIO(data), read_only=True, data_only=True).active.iter_rows(values_only=True))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise ValidationError(_("This is not a readable XLSX file (%(error)s).") % {"error": error}, code="unreadable")
    if not rows or [str(c or "").strip().lower() for c in rows[0][:4]] != HEADER:
        raise ValidationError(_("The first row must be: key, context, en, fr."), code="header")
    targets = {key: (obj, field) for key, _context, obj, field in _texts(version)}
    errors, updates = [], []
    for number, row in enumerate(rows[1:], start=2):
        key = str(row[0] or "").strip()
        if not key:
            continue
        if key not in targets:
            errors.append(_("row %(row)s: unknown key “%(key)s”") % {"row": number, "key": key})
            continue
        english = spreadsheet_unsafe(row[2] if len(row) > 2 else "").strip()
        french = spreadsheet_unsafe(row[3] if len(row) > 3 else "").strip()
        obj, field = targets[key]
        if not english and field != "help":
            errors.append(_("row %(row)s (%(key)s): the English text is empty") % {"row": number, "key": key})
            continue
        updates.append((obj, field, english, french))
    if errors:
        raise ValidationError(errors, code="invalid_rows")
    changed = 0
    for obj, field, english, french in updates:
        if (getattr(obj, f"{field}_en"), getattr(obj, f"{field}_fr")) != (english, french):
            setattr(obj, f"{field}_en", english)
            setattr(obj, f"{field}_fr", french)
            obj.save(update_fields=[f"{field}_en", f"{field}_fr"])
            changed += 1
    return changed
