"""Fill an installation with demonstration data: countries, the demo questionnaire, accounts, replies.

It lives in reports because it composes every app (reports may import the others, not the reverse)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from countries.models import Country, FocalPoint, Organisation, OrganisationContact
from countries.services import CountryImportError, countries_import
from questionnaires import demo
from questionnaires.contributions.services import invitation_create
from questionnaires.models import Version
from questionnaires.permissions import ADMINISTRATORS, REVIEWERS, STEERING_GROUP
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
# an invented organisation, invited to comment on the Parties' replies (account "ngo")
DEMO_ORGANISATION = "Children's Rights Network (demo)"
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
                self._stakeholder(version, users)
                progress_snapshot_take(version=version)
        except (CountryImportError, QuestionnaireFormatError) as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in with one of these accounts:"))
        for username, _first, _last, group, country in ACCOUNTS:
            role = group or f"National focal point ({country})"
            self.stdout.write(f"  {username:<10}  password: {DEMO_PASSWORD}   {role}")
        self.stdout.write(f"  {'ngo':<10}  password: {DEMO_PASSWORD}   Other stakeholder ({DEMO_ORGANISATION})")

    def _questionnaire(self) -> Version:
        text = Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text(encoding="utf-8")
        return demo.demo_version(text, log=self.stdout.write)

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
            done = demo.demo_reply(version=version, country=country, user=users.get(iso_code, author), share=share,
                                   submit=submit)
            if done is not None:
                self.stdout.write(f"Reply: {country.name}, {done[0]} of {done[1]} questions answered"
                                  f"{', submitted' if submit else ''}.")

    def _stakeholder(self, version: Version, users: dict):
        """The account ``ngo``, contact of an organisation invited to comment on the round for 60 days."""
        user, created = get_user_model().objects.get_or_create(
            username="ngo", defaults={"first_name": "Nora", "last_name": "Network", "email": "ngo@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        organisation, _created = Organisation.objects.get_or_create(
            name=DEMO_ORGANISATION, defaults={"type": Organisation.Type.NGO},
        )
        OrganisationContact.objects.get_or_create(user=user, defaults={"organisation": organisation})
        invitation_create(organisation=organisation, version=version, user=users.get(REVIEWERS),
                          time_limit=timezone.localdate() + datetime.timedelta(days=60))
