"""Builders shared by the publication tests: approved answers, a re-approval, a published compilation,
an invited stakeholder organisation."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from questionnaires.contributions.services import invitation_create
from questionnaires.models import Answer
from questionnaires.services import ItemValue, answer_save
from reports.models import Compilation
from tests.factories import CountryFactory, OrganisationFactory, StakeholderFactory, approved_answer


def party_with_answers(version, *, iso: str, name: str, text: str = "The unit was created in 2015."):
    """A Party with approved answers to questions 5 (text and a link) and 6 (text, number, yes/no)."""
    country = CountryFactory(iso_code=iso, name=name)
    approved_answer(version=version, country=country, number="5", values={"5.1": ItemValue(text=f"<p>{text}</p>")})
    approved_answer(version=version, country=country, number="6", values={
        "6.1": ItemValue(text="<p>Helplines.</p>"), "6.2": ItemValue(number=42), "6.3": ItemValue(yes_no="yes"),
    })
    return country


def approve_again(answer: Answer, values: dict) -> Answer:
    """The answer reopened, changed and approved again (the review itself is tested elsewhere)."""
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.RETURNED)
    answer.refresh_from_db()
    answer = answer_save(answer=answer, values=values, user=None)
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED, reviewed_revision=answer.revision)
    answer.refresh_from_db()
    return answer


def compilation_of(version, question, *, published: bool) -> Compilation:
    compilation = Compilation.objects.create(
        kind=Compilation.Kind.QUESTION, version=version, question=question, revision=1, fingerprint="f",
        status=Compilation.Status.DONE, published=published,
    )
    compilation.docx.save("compilation.docx", ContentFile(b"PK docx bytes"))
    return compilation


def invited(version, *, name: str, country=None, type=None):
    """An organisation invited to comment on the round, and one of its contacts."""
    organisation = OrganisationFactory(name=name, country=country, **({"type": type} if type else {}))
    contact = StakeholderFactory(organisation=organisation).user
    invitation = invitation_create(organisation=organisation, version=version,
                                   time_limit=timezone.localdate() + datetime.timedelta(days=10), user=None)
    return organisation, contact, invitation
