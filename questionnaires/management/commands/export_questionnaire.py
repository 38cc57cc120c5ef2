from django.core.management.base import BaseCommand, CommandError

from questionnaires.models import Version
from questionnaires.yaml_format import dump_version_yaml


class Command(BaseCommand):
    help = "Write a questionnaire version in the YAML schema (the inverse of import_questionnaire)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="questionnaire code, e.g. ict-2017")
        parser.add_argument("version", help="version label, e.g. 1")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, code, version, output, **options):
        found = Version.objects.filter(questionnaire__code=code, label=version).select_related("questionnaire").first()
        if found is None:
            raise CommandError(f"No version {version} of questionnaire {code}.")
        text = dump_version_yaml(found)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(self.style.SUCCESS(f"Wrote {found} to {output}."))
        else:
            self.stdout.write(text, ending="")
