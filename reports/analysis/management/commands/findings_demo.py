"""Rebuild the 2019 baseline figures for Question 13 from coded replies (see reports/analysis/demo.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from questionnaires.models import Version
from questionnaires.permissions import ADMINISTRATORS, REVIEWERS

from ...demo import baseline_findings, baseline_round_build, baseline_sentences


class Command(BaseCommand):
    help = ("Build a closed round of 43 Parties with coded answers to Question 13 (after demo_data) and print "
            "the figures they give, with the Parties behind each.")

    def handle(self, *args, **options):
        source = Version.objects.filter(questionnaire__code="ict-2017", label="1").first()
        users = get_user_model().objects
        coder = users.filter(groups__name=REVIEWERS).order_by("pk").first()
        second = users.filter(groups__name=ADMINISTRATORS).exclude(pk=getattr(coder, "pk", None)).order_by("pk").first()
        if source is None or coder is None:
            raise CommandError("Run demo_data first: it loads the round and the reviewer who codes it.")
        version = baseline_round_build(source=source, coder=coder, second_coder=second)
        findings = baseline_findings(version)
        for sentence in baseline_sentences(findings):
            self.stdout.write(sentence)
        dedicated = findings.figure(findings.variable("code:dedicated"))
        self.stdout.write("Dedicated team: " + ", ".join(r.country.name for r in dedicated.parties))
        self.stdout.write(f"Figures: /findings/questions/{version.questions.get(number='13').pk}/figures/")
