"""Writes to questionnaire versions: importing them from YAML, publishing, closing and copying."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import Country

from ..models import Choice, Item, Question, Questionnaire, Section, Version
from ..signals import version_published
from ..workflow import version_next_state
from ..yaml_format import ItemSpec, QuestionnaireFormatError, dump_version_yaml, parse_questionnaire_yaml
from .parties import version_parties_propose


@transaction.atomic
def version_import_yaml(*, text: str, replace_draft: bool = False) -> Version:
    """Create a draft version from a YAML definition; all of it or nothing.

    An existing draft with the same code and version label is replaced only when ``replace_draft``;
    a published or closed one is never touched.
    """
    spec = parse_questionnaire_yaml(text)
    countries = _addressed_countries(spec)
    questionnaire, _created = Questionnaire.objects.get_or_create(
        code=spec.code,
        defaults={"title_en": spec.title.en, "title_fr": spec.title.fr, "round_number": spec.round},
    )
    existing = Version.objects.filter(questionnaire=questionnaire, label=spec.version).first()
    if existing is not None:
        if existing.is_frozen:
            raise QuestionnaireFormatError([
                f"Version {spec.version} of {spec.code} is already {existing.status} and cannot change; "
                f"give the file a new version label."
            ])
        if not replace_draft:
            raise QuestionnaireFormatError([
                f"A draft version {spec.version} of {spec.code} already exists; "
                f"use replace to overwrite the draft."
            ])
        existing.delete()

    version = Version.objects.create(
        questionnaire=questionnaire,
        label=spec.version,
        title_en=spec.title.en,
        title_fr=spec.title.fr,
        deadline=spec.deadline,
        languages=spec.languages,
    )
    question_position = 0
    for section_position, section_spec in enumerate(spec.sections):
        section = Section.objects.create(
            version=version,
            code=section_spec.code,
            title_en=section_spec.title.en,
            title_fr=section_spec.title.fr,
            position=section_position,
        )
        for question_spec in section_spec.questions:
            question = Question.objects.create(
                version=version,
                section=section,
                number=question_spec.number,
                title_en=question_spec.title.en,
                title_fr=question_spec.title.fr,
                help_en=question_spec.help.en if question_spec.help else "",
                help_fr=question_spec.help.fr if question_spec.help else "",
                references=question_spec.references,
                position=question_position,
            )
            question_position += 1
            question.addressees.set([countries[a.code] for a in question_spec.addressees])
            _create_items(question, question_spec.items, parent=None, position=[0], countries=countries)
    return version


def _addressed_countries(spec) -> dict:
    """The countries the definition names as addressees, by ISO code; an unknown code is a format error."""
    named = [a for q in spec.questions() for a in q.addressees] + [a for i in spec.items() for a in i.addressees]
    countries = Country.objects.in_bulk({a.code for a in named}, field_name="iso_code")
    unknown = [f"{a.where}: no country has the ISO code {a.code}" for a in named if a.code not in countries]
    if unknown:
        raise QuestionnaireFormatError(unknown)
    return countries


def _create_items(question: Question, specs: list[ItemSpec], *, parent: Item | None, position: list[int],
                  countries: dict):
    for spec in specs:
        item = Item.objects.create(
            question=question,
            parent=parent,
            number=spec.number,
            type=spec.type,
            text_en=spec.text.en,
            text_fr=spec.text.fr,
            explain=spec.explain,
            required=spec.required,
            minimum=spec.minimum,
            maximum=spec.maximum,
            previous_number=spec.previous_number,
            position=position[0],
        )
        position[0] += 1
        item.addressees.set([countries[a.code] for a in spec.addressees])
        Choice.objects.bulk_create(
            Choice(item=item, code=c.code, label_en=c.label.en, label_fr=c.label.fr, position=i)
            for i, c in enumerate(spec.choices)
        )
        _create_items(question, spec.items, parent=item, position=position, countries=countries)


def _version_transition(version: Version, action: str, *, check=None) -> Version:
    """Move a version along its lifecycle (``workflow.VERSION_TRANSITIONS``), stamping when; ``check``
    may refuse the move with a ValidationError once the transition itself is allowed."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    transition = version_next_state(version, action)
    if check is not None:
        check(version)
    version.status = transition.target
    setattr(version, transition.stamp, timezone.now())
    version.save(update_fields=["status", transition.stamp])
    return version


@transaction.atomic
def version_publish(*, version: Version) -> Version:
    """Freeze a draft version, open it for replies and propose its Parties (those of the launch date)."""
    version = _version_transition(version, "publish", check=_has_questions)
    version_parties_propose(version=version)
    version_published.send(sender=Version, version=version)
    return version


def _has_questions(version: Version) -> None:
    if not version.questions.exists():
        raise ValidationError(_("A version without questions cannot be published."), code="empty_version")


@transaction.atomic
def version_close(*, version: Version) -> Version:
    """Stop accepting answers to a published version."""
    return _version_transition(version, "close")


@transaction.atomic
def version_copy(*, version: Version, label: str) -> Version:
    """A new draft version with the same sections, questions, items, choices and texts, to be edited
    for a corrected version or the next round."""
    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Give the new version a label."), code="label_required")
    if Version.objects.filter(questionnaire=version.questionnaire, label=label).exists():
        raise ValidationError(_("Version %(label)s already exists.") % {"label": label}, code="label_taken")
    return version_import_yaml(text=dump_version_yaml(version, label=label))
