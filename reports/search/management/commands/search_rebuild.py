from django.core.management.base import BaseCommand

from reports.search.services import index_rebuild


class Command(BaseCommand):
    help = ("Index every saved answer, live publication and issued version again (once after the search "
            "app's first migration on an installation with data; restore_data does it itself).")

    def handle(self, *args, **options):
        count = index_rebuild()
        self.stdout.write(f"{count} documents indexed.")
