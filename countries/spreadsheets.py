"""Spreadsheet cells that cannot run as formulas, for every export (countries, texts, compilations).

openpyxl and spreadsheet programs treat a cell beginning with =, +, -, @, a tab or a carriage return as a
formula; such text is written with a leading apostrophe, and the imports take it off again.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_unsafe(value) -> str:
    """The text as typed, from a cell written by spreadsheet_safe."""
    text = "" if value is None else str(value)
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text
