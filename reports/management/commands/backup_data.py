from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.backup import backup_create


class Command(BaseCommand):
    help = "Write all data (database rows and uploaded/generated files) into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="archive to write (default: backups/lanzarote-<date>.tar.gz)")

    def handle(self, *args, path=None, **options):
        target = Path(path or f"backups/lanzarote-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        summary = backup_create(path=target)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {summary.path}: {summary.rows} rows, "
                                             f"{summary.files} files."))
