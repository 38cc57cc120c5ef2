"""The follow-up app's reaction to questionnaires' signals: a generated follow-up version, once
published, takes the Parties of the round it follows up."""

from django.dispatch import receiver

from questionnaires.signals import version_published

from .services import followup_parties_copy


@receiver(version_published)
def copy_parties(sender, version, **kwargs):
    followup_parties_copy(version=version)
