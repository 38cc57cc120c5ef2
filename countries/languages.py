"""National languages of Council of Europe member states, for national-language versions of answers.

English and French, the Council of Europe's official languages, are the languages answers are written
in; a country may add a version in one of these alongside.
"""

from django.utils.translation import gettext_lazy as _

NATIONAL_LANGUAGES = [
    ("sq", _("Albanian")),
    ("hy", _("Armenian")),
    ("az", _("Azerbaijani")),
    ("bs", _("Bosnian")),
    ("bg", _("Bulgarian")),
    ("ca", _("Catalan")),
    ("hr", _("Croatian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("nl", _("Dutch")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("ka", _("Georgian")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("hu", _("Hungarian")),
    ("is", _("Icelandic")),
    ("ga", _("Irish")),
    ("it", _("Italian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("lb", _("Luxembourgish")),
    ("mk", _("Macedonian")),
    ("mt", _("Maltese")),
    ("cnr", _("Montenegrin")),
    ("no", _("Norwegian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("ru", _("Russian")),
    ("sr", _("Serbian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("es", _("Spanish")),
    ("sv", _("Swedish")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
]


def reference_text_languages(national_language: str = "") -> list:
    """Choices for the language of a reference text: English and French, the country's national language
    when it has one, then the other member states' languages (grouped, in alphabetical order)."""
    names = dict(NATIONAL_LANGUAGES)
    first = [("en", _("English")), ("fr", _("French"))]
    if national_language in names:
        first.append((national_language, names[national_language]))
    shown = {code for code, _name in first}
    others = sorted(((code, name) for code, name in NATIONAL_LANGUAGES if code not in shown), key=lambda pair: str(pair[1]))
    return [*first, (_("Other languages"), others)]
