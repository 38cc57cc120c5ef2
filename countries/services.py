"""Writes to the countries app."""

import datetime
from dataclasses import dataclass

import tablib
from django.db import transaction

from .resources import CSV_COLUMNS, CountryResource

MAX_CSV_BYTES = 1_000_000


class CountryImportError(Exception):
    """The file was refused; ``errors`` lists each problem with its line (header = line 1) and column."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class CountryImportSummary:
    new: int
    updated: int
    unchanged: int

    def __str__(self):
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"


def countries_import(*, csv_text: str, as_of: datetime.date | None = None) -> CountryImportSummary:
    """Create or update countries and their dated facts from the baseline CSV; all rows or none."""
    if len(csv_text.encode()) > MAX_CSV_BYTES:
        raise CountryImportError([f"The file is larger than {MAX_CSV_BYTES // 1000} kB."])
    try:
        dataset = tablib.Dataset().load(csv_text, format="csv")
    except Exception as error:  # tablib raises several unrelated types for unreadable text
        raise CountryImportError([f"The file is not readable CSV: {error}"]) from None
    missing = [column for column in CSV_COLUMNS if column not in (dataset.headers or [])]
    if missing:
        raise CountryImportError([f"Missing column(s): {', '.join(missing)}."])

    resource = CountryResource(as_of=as_of)
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=False, raise_errors=False, use_transactions=True)
        errors = _describe_errors(result)
        if errors:
            transaction.set_rollback(True)
            raise CountryImportError(errors)
    return CountryImportSummary(
        new=result.totals["new"], updated=result.totals["update"], unchanged=result.totals["skip"]
    )


def _describe_errors(result) -> list[str]:
    errors = [f"{error.error}" for error in result.base_errors]
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            column = column.removeprefix("fact:")
            for message in messages:
                errors.append(f"line {row.number + 1}, {column}: {message}")
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append(f"line {number + 1}: {error.error}")
    return errors
