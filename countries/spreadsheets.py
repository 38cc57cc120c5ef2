"""What every document and spreadsheet the application writes does to text (countries, texts for
translators, compilations): one place, used by every writer.

- Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return; lone surrogates;
  U+FFFE, U+FFFF) are left out of DOCX, XLSX and the HTML behind the PDF. Word and PDF copy-paste
  produce them; the saved answer keeps them, only the document goes without.
- A spreadsheet reads a cell beginning with =, +, -, @, a tab or a carriage return as a formula. In XLSX
  such text is stored as text (with Excel's hidden quote prefix, so no apostrophe shows); where a format
  cannot say so (CSV, and XLSX written by django-import-export) it gets a leading apostrophe, which the
  imports take off again.
"""

import re

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an XML document cannot hold; everything else as typed."""
    return _NOT_IN_XML.sub("", text)


def spreadsheet_safe(value):
    """For formats without cell types: text that a spreadsheet would read as a formula gets an apostrophe."""
    if not isinstance(value, str):
        return value
    value = xml_text(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def spreadsheet_unsafe(value) -> str:
    """The text as typed, from a cell written by spreadsheet_safe (or by spreadsheet_cell)."""
    text = "" if value is None else str(value)
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text


def spreadsheet_cell(sheet, value):
    """A cell of a write-only openpyxl ``sheet``: text is always text, never a formula, and shows as
    typed (minus what XML cannot hold); numbers and empty cells stay as they are."""
    if not isinstance(value, str):
        return value
    text = xml_text(value)
    cell = WriteOnlyCell(sheet, value=text)
    if text.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def spreadsheet_row(sheet, values) -> list:
    """Every value of a row as a ``spreadsheet_cell``."""
    return [spreadsheet_cell(sheet, value) for value in values]
