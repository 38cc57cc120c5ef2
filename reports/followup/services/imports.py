"""Recommendations in and out: imported from YAML or XLSX (all rows or none, every error with its line or
row), exported to YAML.

YAML::

    recommendations:
      - number: R1
        heading: Prevention
        strength: urges            # urges | should | invites
        text: {en: ..., fr: ...}
        addressees: all            # or a list of ISO codes: [BE, LU]
        questions: ["13", "14"]    # optional: the question numbers it arises from

XLSX: a first row of headers ``number, heading, strength, text_en, text_fr, addressees, questions``
(addressees and questions separated by commas; empty or ``all`` addressees: all Parties of the round).
An import adds the recommendations whose number is new and replaces those whose number exists; it
leaves the others (and every assessment) as they are.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from countries.models import Country
from countries.spreadsheets import spreadsheet_unsafe
from questionnaires.models import Version

from ..models import Recommendation

MAX_BYTES = 2_000_000
NUMBER = re.compile(r"^R[0-9]{1,4}$")
XLSX_COLUMNS = ("number", "heading", "strength", "text_en", "text_fr", "addressees", "questions")


@dataclass
class Row:
    where: str  # "line 4" or "row 3", for the messages
    number: str = ""
    heading: str = ""
    strength: str = ""
    text_en: str = ""
    text_fr: str = ""
    addressees: list[str] | None = None  # None: all Parties
    questions: list[str] = field(default_factory=list)


def _codes(value) -> list[str] | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all")):
        return None
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip().upper() for item in items if str(item).strip()]


def _numbers(value) -> list[str]:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _yaml_rows(text: str) -> list[Row]:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."), code="too_large")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
        raise ValidationError(_("The file is not valid YAML%(where)s.") % {"where": where}, code="yaml") from error
    entries = document.get("recommendations") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValidationError(_("The file must have a list of recommendations under “recommendations”."),
                              code="invalid")
    entry_nodes = next(value.value for key, value in node.value if key.value == "recommendations")
    rows = []
    for entry, entry_node in zip(entries, entry_nodes, strict=True):
        where = _("line %(line)s") % {"line": entry_node.start_mark.line + 1}
        if not isinstance(entry, dict):
            rows.append(Row(where=where, number="?"))
            continue
        text = entry.get("text")
        text = text if isinstance(text, dict) else {"en": text}
        rows.append(Row(
            where=where, number=str(entry.get("number") or "").strip(), heading=str(entry.get("heading") or "").strip(),
            strength=str(entry.get("strength") or "").strip().lower(), text_en=str(text.get("en") or "").strip(),
            text_fr=str(text.get("fr") or "").strip(), addressees=_codes(entry.get("addressees")),
            questions=_numbers(entry.get("questions")),
        ))
    return rows


def _xlsx_rows(content: bytes) -> list[Row]:
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."), code="too_large")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationError(_("The file is not an XLSX workbook."), code="xlsx") from error
    lines = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = [spreadsheet_unsafe(cell).strip().lower() for cell in (lines[0] if lines else ())]
    missing = [name for name in XLSX_COLUMNS if name not in header]
    if missing:
        raise ValidationError(_("Row 1 must name the columns; missing: %(names)s.") % {"names": ", ".join(missing)},
                              code="header")
    rows = []
    for index, line in enumerate(lines[1:], start=2):
        cells = {name: spreadsheet_unsafe(line[header.index(name)] if header.index(name) < len(line) else None)
                 for name in XLSX_COLUMNS}
        if not any(value.strip() for value in cells.values()):
            continue
        rows.append(Row(
            where=_("row %(row)s") % {"row": index}, number=cells["number"].strip(), heading=cells["heading"].strip(),
            strength=cells["strength"].strip().lower(), text_en=cells["text_en"].strip(),
            text_fr=cells["text_fr"].strip(), addressees=_codes(cells["addressees"]),
            questions=_numbers(cells["questions"]),
        ))
    return rows


def _check(version: Version, rows: list[Row]) -> list[str]:
    """Every problem of every row, each message naming its line or row."""
    if not rows:
        return [_("The file has no recommendations.")]
    countries = dict(Country.objects.values_list("iso_code", "pk"))
    parties = set(version.parties.values_list("iso_code", flat=True))
    questions = set(version.questions.values_list("number", flat=True))
    strengths = ", ".join(Recommendation.Strength.values)
    errors, seen = [], {}
    for row in rows:
        say = {"where": row.where, "number": row.number}
        if not NUMBER.match(row.number):
            errors.append(_("%(where)s: the number must be R followed by digits, e.g. R7.") % say)
        elif row.number in seen:
            errors.append(_("%(where)s: the number %(number)s is also used at %(first)s.")
                          % {**say, "first": seen[row.number]})
        else:
            seen[row.number] = row.where
        if row.strength not in Recommendation.Strength.values:
            errors.append(_("%(where)s: the strength must be one of %(strengths)s.") % {**say, "strengths": strengths})
        if not row.text_en:
            errors.append(_("%(where)s: the English text is missing.") % say)
        for code in row.addressees or ():
            if code not in countries:
                errors.append(_("%(where)s: unknown country code “%(code)s”.") % {**say, "code": code})
            elif code not in parties:
                errors.append(_("%(where)s: %(code)s is not a Party of the round.") % {**say, "code": code})
        if row.addressees == []:
            errors.append(_("%(where)s: name the addressees, or write “all”.") % say)
        for number in row.questions:
            if number not in questions:
                errors.append(_("%(where)s: the round has no question %(question)s.") % {**say, "question": number})
    return errors


@transaction.atomic
def _save(version: Version, rows: list[Row]) -> list[Recommendation]:
    errors = _check(version, rows)
    if errors:
        raise ValidationError(errors, code="invalid")
    countries = dict(Country.objects.values_list("iso_code", "pk"))
    questions = dict(version.questions.values_list("number", "pk"))
    saved = []
    for row in rows:
        recommendation, _created = Recommendation.objects.update_or_create(
            version=version, number=row.number,
            defaults={"heading": row.heading[:300], "strength": row.strength, "text_en": row.text_en,
                      "text_fr": row.text_fr, "all_parties": row.addressees is None},
        )
        recommendation.addressees.set([countries[code] for code in row.addressees or ()])
        recommendation.questions.set([questions[number] for number in row.questions])
        saved.append(recommendation)
    return saved


def recommendations_import_yaml(*, version: Version, text: str) -> list[Recommendation]:
    """Add or replace the version's recommendations from YAML: all of them or none."""
    return _save(version, _yaml_rows(text))


def recommendations_import_xlsx(*, version: Version, content: bytes) -> list[Recommendation]:
    """Add or replace the version's recommendations from the first sheet of a workbook: all rows or none."""
    return _save(version, _xlsx_rows(content))


def recommendations_as_yaml(*, version: Version) -> str:
    """The version's recommendations as YAML, in the form the import reads."""
    entries = []
    for recommendation in version.recommendations.prefetch_related("addressees", "questions"):
        entry = {"number": recommendation.number, "heading": recommendation.heading,
                 "strength": recommendation.strength,
                 "text": {"en": recommendation.text_en, "fr": recommendation.text_fr}}
        entry["addressees"] = ("all" if recommendation.all_parties
                               else sorted(c.iso_code for c in recommendation.addressees.all()))
        numbers = [q.number for q in sorted(recommendation.questions.all(), key=lambda q: q.position)]
        if numbers:
            entry["questions"] = numbers
        entries.append(entry)
    return yaml.safe_dump({"recommendations": entries}, allow_unicode=True, sort_keys=False)
