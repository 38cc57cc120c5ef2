"""Fill an installation with demonstration data: countries, the demo questionnaire, accounts, replies.

It lives in reports because it composes every app (reports may import the others, not the reverse)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from countries.models import Country, FocalPoint
from countries.services import CountryImportError, countries_import
from questionnaires import demo
from questionnaires.models import Item, ItemAnswer, Version
from questionnaires.permissions import ADMINISTRATORS, REVIEWERS, STEERING_GROUP
from questionnaires.services import (
    ItemValue,
    answer_save,
    attachment_add_link,
    reply_start,
    reply_submit,
    version_import_yaml,
    version_publish,
)
from questionnaires.yaml_format import QuestionnaireFormatError
from reports.services import progress_snapshot_take

DEMO_PASSWORD = "lanzarote-demo"
ACCOUNTS = [
    # username, first name, last name, role group, focal-point country
    ("admin", "Ada", "Administrator", ADMINISTRATORS, None),
    ("reviewer", "Rémi", "Reviewer", REVIEWERS, None),
    ("steering", "Sofia", "Steering", STEERING_GROUP, None),
    ("focal.fr", "Françoise", "Focal", None, "FR"),
    ("focal.fr2", "Frédéric", "Focal", None, "FR"),
    ("focal.am", "Anahit", "Focal", None, "AM"),
]
# country, share of items answered, submitted for review
REPLIES = [("FR", 0.6, False), ("AM", 1.0, True), ("AT", 1.0, True), ("BE", 1.0, True),
           ("GE", 0.8, False), ("AL", 0.25, False)]
# countries whose focal points are offered a national-language version of each answer
NATIONAL_LANGUAGES = {"AM": "hy", "GE": "ka", "AL": "sq"}


class Command(BaseCommand):
    help = "Create the 47 countries, the demo questionnaire (published), one account per role and sample replies."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                summary = countries_import(csv_text=Path(settings.COUNTRIES_CSV).read_text(encoding="utf-8-sig"))
                self.stdout.write(f"Countries: {summary}.")
                for iso_code, language in NATIONAL_LANGUAGES.items():
                    Country.objects.filter(iso_code=iso_code, national_language="").update(national_language=language)
                version = self._questionnaire()
                users = self._accounts()
                self._replies(version, users)
                progress_snapshot_take(version=version)
        except (CountryImportError, QuestionnaireFormatError) as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in with one of these accounts:"))
        for username, _first, _last, group, country in ACCOUNTS:
            role = group or f"National focal point ({country})"
            self.stdout.write(f"  {username:<10}  password: {DEMO_PASSWORD}   {role}")

    def _questionnaire(self) -> Version:
        text = Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text(encoding="utf-8")
        existing = Version.objects.filter(questionnaire__code="ict-2017", label="1").first()
        if existing is None:
            existing = version_import_yaml(text=text)
            self.stdout.write(f"Questionnaire: imported {existing}.")
        if existing.status == Version.Status.DRAFT:
            existing = version_publish(version=existing)
            self.stdout.write(f"Questionnaire: published {existing}.")
        return existing

    def _accounts(self) -> dict:
        User = get_user_model()
        users = {}
        for username, first, last, group, country in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            if group == ADMINISTRATORS:
                user.is_staff = user.is_superuser = True
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            if country:
                FocalPoint.objects.get_or_create(user=user, defaults={"country": Country.objects.get(iso_code=country)})
            users[country or group] = user
        return users

    def _replies(self, version: Version, users: dict):
        author = users.get("FR")
        for iso_code, share, submit in REPLIES:
            country = Country.objects.get(iso_code=iso_code)
            if version.replies.filter(country=country).exists():
                continue
            user = users.get(iso_code, author)
            reply = reply_start(version=version, country=country, user=user)
            answers = list(reply.answers.select_related("question").order_by("question__position"))
            cutoff = round(share * len(answers))
            for answer in answers[:cutoff]:
                values = self._values(answer, country.name)
                answer_save(answer=answer, values=values, user=user, language="en")
                for item_answer in answer.item_answers.select_related("item", "answer").filter(item__type=Item.Type.FILES):
                    for title, language, url in demo.LINKS.get(item_answer.item.number, []):
                        attachment_add_link(item_answer=item_answer, title=title, url=url, language=language, user=user)
            if submit:
                reply_submit(reply=reply, user=user)
            self.stdout.write(f"Reply: {country.name}, {cutoff} of {len(answers)} questions answered"
                              f"{', submitted' if submit else ''}.")

    @staticmethod
    def _values(answer, country_name: str) -> dict[str, ItemValue]:
        values = {}
        item_answers: list[ItemAnswer] = list(answer.item_answers.select_related("item"))
        for item_answer in item_answers:
            number = item_answer.item.number
            values[number] = ItemValue(
                text="".join(demo.PARAGRAPHS.get(number, [])).format(country=country_name),
                yes_no=demo.YES_NO.get(number, ""),
                choice=demo.CHOICE.get(number, ""),
                choices=tuple(demo.MULTI_CHOICE.get(number, ())),
                number=demo.NUMBERS.get(number),
                explanation=demo.EXPLANATIONS.get(number, ""),
            )
        return values
