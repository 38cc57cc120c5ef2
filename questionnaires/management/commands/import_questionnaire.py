from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from config.errors import error_text
from questionnaires.services import version_import_yaml, version_publish
from questionnaires.yaml_format import QuestionnaireFormatError


class Command(BaseCommand):
    help = "Import a questionnaire version from a YAML definition (see the schema in the README)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--replace-draft", action="store_true",
                            help="Overwrite an existing draft with the same code and version label.")
        parser.add_argument("--publish", action="store_true", help="Publish the version once imported.")

    def handle(self, *args, path, replace_draft, publish, **options):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            version = version_import_yaml(text=text, replace_draft=replace_draft)
            if publish:
                version = version_publish(version=version)
        except QuestionnaireFormatError as error:
            raise CommandError(f"{path} was not imported:\n" + "\n".join(f"  {e}" for e in error.errors)) from None
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        items = sum(question.items.count() for question in version.questions.all())
        self.stdout.write(self.style.SUCCESS(
            f"Imported {version} ({version.get_status_display().lower()}): "
            f"{version.questions.count()} questions, {items} items."
        ))
