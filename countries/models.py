import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .facts import FACTS
from .languages import NATIONAL_LANGUAGES
from .names import FRENCH_NAMES


class CountryQuerySet(models.QuerySet):
    def members_on(self, day: datetime.date):
        """Countries that were Council of Europe members on ``day``."""
        return self.filter(models.Q(membership_ended_on__isnull=True) | models.Q(membership_ended_on__gt=day))


class CountryManager(models.Manager.from_queryset(CountryQuerySet)):
    def get_by_natural_key(self, iso_code):
        return self.get(iso_code=iso_code)


class Country(models.Model):
    class PartyStatus(models.TextChoices):
        PARTY = "yes", _("State Party")
        SIGNED = "signed", _("Signed, not ratified")
        NONE = "no", _("Not signed")

    iso_code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. FR.")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(
        _("name (French)"), max_length=100, blank=True,
        help_text=_("Left empty, the Council of Europe's French name for the ISO code is used."),
    )
    focus_country = models.BooleanField(_("focus country"), default=False)
    pilot_country = models.BooleanField(_("pilot country"), default=False)
    lanzarote_party = models.CharField(
        _("Lanzarote Convention status"), max_length=6, choices=PartyStatus.choices, default=PartyStatus.NONE
    )
    national_language = models.CharField(
        _("national language"), max_length=3, choices=NATIONAL_LANGUAGES, blank=True,
        help_text=_("If set, the country's focal points may add a version of each answer in this language."),
    )
    membership_ended_on = models.DateField(
        _("Council of Europe membership ended on"),
        null=True,
        blank=True,
        help_text=_("Replies given while the country was a member are kept."),
    )

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=models.Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_format"),
        ]

    def __str__(self):
        return self.local_name

    def save(self, *args, **kwargs):
        if not self.name_fr:
            self.name_fr = FRENCH_NAMES.get(self.iso_code, "")
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.iso_code,)

    @property
    def local_name(self) -> str:
        """The name in the active language: French in the French interface, English otherwise."""
        if (translation.get_language() or "")[:2] == "fr" and self.name_fr:
            return self.name_fr
        return self.name


class CountryFact(models.Model):
    """One dated fact about a country (treaty status, hotline, score...), as reported on ``as_of``."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="facts", verbose_name=_("country"))
    key = models.CharField(_("fact"), max_length=64, choices=[(key, fact.label) for key, fact in FACTS.items()])
    value = models.CharField(_("value"), max_length=64)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["country", "key", "-as_of"]
        verbose_name = _("country fact")
        verbose_name_plural = _("country facts")
        constraints = [
            models.UniqueConstraint(fields=["country", "key", "as_of"], name="one_fact_value_per_day"),
        ]

    def __str__(self):
        return f"{self.country.iso_code} {self.key} = {self.value} ({self.as_of})"


class FocalPoint(models.Model):
    """A national coordinator: a user account bound to the one country whose replies it fills in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point", verbose_name=_("user")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="focal_points", verbose_name=_("country")
    )

    class Meta:
        ordering = ["country__name", "user__username"]
        verbose_name = _("national focal point")
        verbose_name_plural = _("national focal points")

    def __str__(self):
        return f"{self.user.get_username()} ({self.country.iso_code})"


class Organisation(models.Model):
    """Another stakeholder of the monitoring: a civil society organisation, a national human rights
    institution or children's ombudsperson, or an international body, invited to comment on Parties'
    replies. Without a country it is international."""

    class Type(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        NHRI = "nhri", _("National human rights institution or children's ombudsperson")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=16, choices=Type.choices, default=Type.NGO)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations",
        verbose_name=_("country"), help_text=_("Left empty for an international organisation."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder organisation")
        verbose_name_plural = _("stakeholder organisations")

    def __str__(self):
        return self.name


class OrganisationContact(models.Model):
    """A user account that writes for one stakeholder organisation (one organisation per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_contact",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("organisation")
    )

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("stakeholder contact")
        verbose_name_plural = _("stakeholder contacts")

    def __str__(self):
        return f"{self.user.get_username()} ({self.organisation.name})"

    def clean(self):
        if self.user_id and FocalPoint.objects.filter(user_id=self.user_id).exists():
            raise ValidationError(
                _("A national focal point speaks for its State: it cannot also write for a stakeholder organisation."),
                code="focal_point",
            )
