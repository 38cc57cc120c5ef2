"""Words in the compilations' two languages: a published document is in English and French whatever
the reader's interface language, so these are fixed pairs, not translations of the interface."""

YES_NO = {"yes": "Yes / Oui", "no": "No / Non", "na": "Not applicable / Sans objet"}
LANGUAGE_NAMES = {"en": ("English", "anglais"), "fr": ("French", "français")}


def bilingual(english: str, french: str) -> str:
    """``english / french``, or the English alone when there is no (different) French text."""
    return f"{english} / {french}" if french and french != english else english

# The compilations' part on other stakeholders (the committee's words on its website and documents).
CONTRIBUTIONS = ("Contributions from other stakeholders", "Contributions des autres parties prenantes")
ORGANISATION_TYPES = {
    "ngo": ("Non-governmental organisation", "Organisation non gouvernementale"),
    "nhri": ("National human rights institution or children's ombudsperson",
             "Institution nationale des droits de l’homme ou médiateur des enfants"),
    "international": ("International organisation", "Organisation internationale"),
    "other": ("Other", "Autre"),
}
INTERNATIONAL = ("International", "International")

# A recommendation's strength, in the committee's words (reports.followup.models.Recommendation.Strength).
STRENGTHS = {
    "urges": ("The Committee urges", "Le Comité exhorte"),
    "should": ("The Committee considers that Parties should", "Le Comité considère que les Parties devraient"),
    "invites": ("The Committee invites", "Le Comité invite"),
}
