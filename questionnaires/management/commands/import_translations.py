from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from questionnaires.models import Version
from questionnaires.translations import version_texts_import


class Command(BaseCommand):
    help = "Apply a translators' spreadsheet (key, context, en, fr) to a draft questionnaire version."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("version")
        parser.add_argument("path")

    def handle(self, *args, code, version, path, **options):
        found = Version.objects.filter(questionnaire__code=code, label=version).first()
        if found is None:
            raise CommandError(f"No version {version} of questionnaire {code}.")
        try:
            changed = version_texts_import(version=found, data=Path(path).read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        except ValidationError as error:
            raise CommandError("Nothing was changed:\n" + "\n".join(f"  {m}" for m in error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{changed} texts updated in {found}."))
