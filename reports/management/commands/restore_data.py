from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive made by backup_data into an empty installation (run migrate first)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="archive written by backup_data")

    def handle(self, *args, path, **options):
        try:
            summary = backup_restore(path=Path(path))
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {summary.rows} rows and {summary.files} files from {path}."))
