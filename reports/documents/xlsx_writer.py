"""The compilation as a working table for analysts (openpyxl, write-only).

One sheet per question, one row per Party of the round, one column per item (and explanation), with a
bold frozen header in English and French, column widths, an autofilter, statuses in words and numbers
as numbers; a first sheet summarises the structured answers. Every text cell goes through
``spreadsheet_cell``: never a formula, nothing XML cannot hold.
"""

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from countries.spreadsheets import spreadsheet_cell, spreadsheet_row
from questionnaires.models import Item

from ..bilingual import INTERNATIONAL, ORGANISATION_TYPES, STRENGTHS
from ..selectors.contents import QuestionBlock
from .layout import DocumentSpec
from .text import LANGUAGE_NAMES, bilingual, plain_text, value_text

CONTRIBUTIONS = {"answer": ("Reply to the questionnaire", "Réponse au questionnaire"),
                 "comment": ("Comment on a Party's reply", "Commentaire sur la réponse d'une Partie")}
WHOLE_REPLY = "Reply as a whole / Ensemble de la réponse"

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet, titles: list[str], widths: list[int], rows: int):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{rows + 1}"
    cells = []
    for title in titles:
        cell = spreadsheet_cell(sheet, str(title))
        cell.font, cell.alignment = BOLD, WRAP
        cells.append(cell)
    sheet.append(cells)


def _columns(block: QuestionBlock) -> list[tuple[Item, str, str]]:
    columns = []
    for item in block.items:
        if item.is_answerable:
            columns.append((item, "value", f"{item.number} {bilingual(item.text_en, item.text_fr)}"))
            if item.explain:
                columns.append((item, "explanation", f"{item.number} explanation / explication"))
    return columns


@dataclass
class QuestionTable:
    """One question's sheet: titles, widths and a row per Party, converted once per build."""

    title: str
    titles: list[str]
    widths: list[int]
    rows: list[list]


def question_table(block: QuestionBlock) -> QuestionTable:
    columns = _columns(block)
    titles = ["Party / Partie", "ISO code / Code ISO", "Status / Statut", "Language / Langue",
              *[title for _item, _part, title in columns]]
    widths = [24, 10, 22, 18, *[40 if item.type == Item.Type.TEXT or part == "explanation" else 20
                                 for item, part, _title in columns]]
    rows = []
    for entry in block.entries:
        language = " / ".join(LANGUAGE_NAMES.get(entry.language, ())) if entry.values else ""
        row = [bilingual(entry.country.name, entry.country.name_fr), entry.country.iso_code, entry.status.label,
               language]
        for item, part, _title in columns:
            item_answer = entry.values.get(item.pk)
            if part == "explanation":
                row.append(plain_text(item_answer.explanation) if item_answer else "")
            elif item.type == Item.Type.NUMBER and item_answer is not None:
                row.append(item_answer.number)
            else:
                row.append(value_text(item, item_answer))
        rows.append(row)
    name = block.question.number if block.recommendation is not None else f"Q{block.question.number}"
    return QuestionTable(name[:31], titles, widths, rows)


def _question_sheet(workbook, table: QuestionTable):
    sheet = workbook.create_sheet(table.title)
    _header(sheet, table.titles, table.widths, len(table.rows))
    for row in table.rows:
        sheet.append(spreadsheet_row(sheet, row))


def _summary_sheet(workbook, blocks: list[QuestionBlock], parties: int):
    rows = []
    for block in blocks:
        for summary in block.summaries:
            item = f"{summary.item.number} {bilingual(summary.item.text_en, summary.item.text_fr)}"
            for option in summary.options:
                rows.append([block.question.number, item, option.label, option.count, option.share,
                             summary.replying, block.approved_count, parties])
            for key, value in (summary.numbers or {}).items():
                rows.append([block.question.number, item, key, value, None, summary.replying,
                             block.approved_count, parties])
    sheet = workbook.create_sheet("Summary - Synthèse")
    _header(sheet, ["Question", "Item / Point", "Answer / Réponse", "Parties (or value / ou valeur)",
                    "Share / Part (%)", "Replying / Ayant répondu", "Approved replies / Réponses approuvées",
                    "Parties of the round / Parties du cycle"], [10, 50, 36, 14, 12, 14, 14, 14], len(rows))
    for row in rows:
        sheet.append(spreadsheet_row(sheet, row))


def _recommendations_sheet(workbook, blocks: list[QuestionBlock]):
    """The recommendations the follow-up questions ask about: number, strength, texts, addressees."""
    rows = []
    for block in blocks:
        recommendation = block.recommendation
        addressees = "all / toutes" if recommendation.all_parties else \
            ", ".join(sorted(country.iso_code for country in recommendation.addressees.all()))
        rows.append([block.question.number, bilingual(*STRENGTHS.get(recommendation.strength, ("", ""))),
                     recommendation.text_en, recommendation.text_fr, addressees, block.approved_count,
                     len(block.entries)])
    sheet = workbook.create_sheet("Recommendations")
    _header(sheet, ["Recommendation / Recommandation", "Strength / Force", "Text (English)", "Texte (français)",
                    "Addressees / Destinataires", "Approved replies / Réponses approuvées",
                    "Addressees of the round / Destinataires du cycle"], [14, 30, 60, 60, 20, 14, 14], len(rows))
    for row in rows:
        sheet.append(spreadsheet_row(sheet, row))


def _contribution_row(question: str, organisation, kind: str, party: str, language: str, text: str) -> list:
    where = organisation.country
    return [question, bilingual(*CONTRIBUTIONS[kind]), organisation.name,
            bilingual(*ORGANISATION_TYPES.get(organisation.type, (organisation.type, ""))),
            bilingual(where.name, where.name_fr) if where else bilingual(*INTERNATIONAL), party,
            " / ".join(LANGUAGE_NAMES.get(language, (language,))), text]


def _contributions_sheet(workbook, spec: DocumentSpec):
    """The part on other stakeholders as a table: one row per stakeholder's answer and per comment."""
    rows = [_contribution_row(WHOLE_REPLY, comment.organisation, "comment",
                              bilingual(comment.country.name, comment.country.name_fr), comment.language,
                              plain_text(comment.body)) for comment in spec.general_comments]
    for block in spec.blocks:
        for entry in block.stakeholders:
            text = "\n".join(f"{item.number} {value_text(item, entry.values.get(item.pk)) or '—'}"
                             for item in block.items if item.is_answerable)
            rows.append(_contribution_row(block.question.number, entry.organisation, "answer", "", entry.language,
                                          text))
        rows += [_contribution_row(block.question.number, comment.organisation, "comment",
                                   bilingual(comment.country.name, comment.country.name_fr), comment.language,
                                   plain_text(comment.body)) for comment in block.comments]
    sheet = workbook.create_sheet("Contributions")
    _header(sheet, ["Question", "Contribution", "Organisation", "Type", "Country / Pays",
                    "Party concerned / Partie concernée", "Language / Langue", "Text / Texte"],
            [10, 24, 30, 30, 18, 22, 18, 80], len(rows))
    for row in rows:
        sheet.append(spreadsheet_row(sheet, row))


def write_xlsx(spec: DocumentSpec, tables: dict[int, QuestionTable] | None = None) -> bytes:
    """The workbook; ``tables`` are the questions' tables by question id when already converted."""
    workbook = Workbook(write_only=True)
    if spec.kind != "country":
        _summary_sheet(workbook, spec.blocks, len(spec.parties))
    recommended = [block for block in spec.blocks if block.recommendation is not None]
    if recommended:
        _recommendations_sheet(workbook, recommended)
    for block in spec.blocks:
        _question_sheet(workbook, (tables or {}).get(block.question.pk) or question_table(block))
    if spec.contributions:
        _contributions_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
