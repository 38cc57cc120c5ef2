"""The dated facts recorded about each country, as columns of the baseline mapping file.

Treaty status and memberships change over time, so they are stored as dated values (CountryFact),
never as constants. Each fact knows how to validate the text it is given.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FactKind:
    key: str
    label: str
    allowed: tuple[str, ...] = ()
    numeric: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def clean(self, raw: str) -> str:
        """Return the normalised value, or raise ValidationError naming the fact."""
        value = (raw or "").strip()
        if value == "":
            raise ValidationError(_("%(fact)s is empty."), code="empty", params={"fact": self.key})
        if self.allowed:
            value = value.lower()
            if value not in self.allowed:
                raise ValidationError(
                    _("%(fact)s must be one of %(allowed)s, not “%(value)s”."),
                    code="invalid_choice",
                    params={"fact": self.key, "allowed": ", ".join(self.allowed), "value": value},
                )
            return value
        if self.numeric:
            try:
                number = Decimal(value)
            except InvalidOperation:
                raise ValidationError(
                    _("%(fact)s must be a number, not “%(value)s”."),
                    code="not_a_number",
                    params={"fact": self.key, "value": value},
                ) from None
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise ValidationError(
                    _("%(fact)s must be between %(min)s and %(max)s, not %(value)s."),
                    code="out_of_range",
                    params={"fact": self.key, "min": self.minimum, "max": self.maximum, "value": value},
                )
        return value


YES_NO = ("yes", "no")
YES_SIGNED_NO = ("yes", "signed", "no")

FACTS: dict[str, FactKind] = {
    fact.key: fact
    for fact in [
        FactKind("lanzarote_party", _("State Party to the Lanzarote Convention (CETS 201)"), YES_SIGNED_NO),
        FactKind("uncrc_party", _("State Party to the UNCRC"), YES_SIGNED_NO),
        FactKind("uncrc_opsc_party", _("State Party to the UNCRC Optional Protocol (OPSC)"), YES_SIGNED_NO),
        FactKind("budapest_party", _("State Party to the Budapest Convention (ETS 185)"), YES_SIGNED_NO),
        FactKind("weprotect_member", _("WeProtect Global Alliance member"), YES_NO),
        FactKind(
            "enoc_membership",
            _("ENOC membership"),
            ("full", "associate", "full+associate", "none"),
        ),
        FactKind("other_ombudsperson_reported", _("Other ombudsperson for children reported"), YES_NO),
        FactKind("icmec_csam_score", _("ICMEC CSAM legislation score (0-5)"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(5)),
        FactKind("icmec_grooming_score", _("ICMEC online grooming score (0-5)"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(5)),
        FactKind("crin_access_to_justice_score", _("CRIN access to justice score (of 261)"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(261)),
        FactKind("crin_access_to_justice_pct", _("CRIN access to justice (%)"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(100)),
        FactKind("min_age_criminal_responsibility", _("Minimum age of criminal responsibility"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(25)),
        FactKind("age_of_sexual_consent", _("Age of sexual consent"), numeric=True,
                 minimum=Decimal(0), maximum=Decimal(25)),
        FactKind("inhope_hotline", _("INHOPE member hotline"), YES_NO),
        FactKind("other_hotline", _("Other CSAM reporting hotline"), YES_NO),
        FactKind("chi_helpline", _("Child Helpline International member helpline"), YES_NO),
        FactKind("safer_internet_centre", _("Safer Internet Centre"), YES_NO),
        FactKind(
            "safer_internet_day_2019",
            _("Celebrated Safer Internet Day 2019"),
            ("yes", "awaiting report", "no"),
        ),
    ]
}
