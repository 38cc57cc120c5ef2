"""Words in the compilations' two languages: a published document is in English and French whatever
the reader's interface language, so these are fixed pairs, not translations of the interface."""

YES_NO = {"yes": "Yes / Oui", "no": "No / Non", "na": "Not applicable / Sans objet"}
LANGUAGE_NAMES = {"en": ("English", "anglais"), "fr": ("French", "français")}


def bilingual(english: str, french: str) -> str:
    """``english / french``, or the English alone when there is no (different) French text."""
    return f"{english} / {french}" if french and french != english else english
