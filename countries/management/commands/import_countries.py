import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from countries.services import CountryImportError, countries_import


class Command(BaseCommand):
    help = "Create or update countries and their dated facts from a CSV file (same columns as the baseline file)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.COUNTRIES_CSV))
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None,
                            help="Date the facts were true (YYYY-MM-DD); default: the 2019 baseline report.")

    def handle(self, *args, path, as_of, **options):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            summary = countries_import(csv_text=text, as_of=as_of)
        except CountryImportError as error:
            raise CommandError("Nothing was imported:\n" + "\n".join(f"  - {e}" for e in error.errors)) from None
        self.stdout.write(self.style.SUCCESS(f"Countries: {summary}."))
