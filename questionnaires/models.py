from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from countries.languages import NATIONAL_LANGUAGES

from .permissions import is_secretariat, user_country_id, user_organisation_id
from .reminder_schedule import describe_reminder_step, reminder_days_parse, validate_reminder_days
from .symbols import validate_symbol_pattern


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


def localized(obj, field: str, language: str | None = None) -> str:
    """The ``field`` text of ``obj`` in the given (default: active) language, falling back to English."""
    language = (language or translation.get_language() or "en")[:2]
    text = getattr(obj, f"{field}_{language}", "") if language in Language.values else ""
    return text or getattr(obj, f"{field}_en")


class Questionnaire(models.Model):
    """A thematic monitoring round's questionnaire; its content lives in versions."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=500)
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    round_number = models.PositiveSmallIntegerField(_("monitoring round"), null=True, blank=True)

    class Meta:
        ordering = ["-round_number", "code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")


class VersionQuerySet(models.QuerySet):
    def published(self):
        """Versions open for replies (published and not closed)."""
        return self.filter(status=Version.Status.PUBLISHED)


class Version(models.Model):
    """One version of a questionnaire. Once published its questions, items and texts never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions", verbose_name=_("questionnaire")
    )
    label = models.CharField(_("version"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=500)
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateField(_("reply deadline"), null=True, blank=True)
    languages = models.JSONField(_("reply languages"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    parties = models.ManyToManyField(
        "countries.Country", related_name="rounds", blank=True, verbose_name=_("Parties of the round"),
        help_text=_("The States Parties that answer this version: proposed at publication from the countries' "
                    "dated facts, editable until the first reply, and only added to afterwards."),
    )
    symbol_pattern = models.CharField(
        _("document symbol"), max_length=60, default="T-ES({year}){n}", validators=[validate_symbol_pattern],
        help_text=_("The symbol of a compilation: {year} is the year of publication, {n} the question number."),
    )
    reply_symbol_pattern = models.CharField(
        _("reply document symbol"), max_length=60, default="T-ES({year}){code}-{country}",
        validators=[validate_symbol_pattern],
        help_text=_("The symbol of one Party's reply: {code} is the questionnaire code, {country} the ISO code."),
    )

    # The reminder schedule is not frozen: the secretariat adjusts it while a round is open.
    reminder_days = models.CharField(
        _("remind days before the deadline"), max_length=60, blank=True, default="14, 3",
        validators=[validate_reminder_days],
        help_text=_("Whole numbers of days, separated by commas, e.g. 14, 3. Focal points of Parties whose "
                    "reply is not fully submitted are e-mailed on those days. Leave empty for none."),
    )
    reminder_weekly_overdue = models.BooleanField(
        _("remind weekly once overdue"), default=True,
        help_text=_("After the deadline (the country's extended one if it has one), remind once a week."),
    )

    objects = VersionQuerySet.as_manager()

    FROZEN_FIELDS = ("questionnaire_id", "label", "title_en", "title_fr", "languages")

    class Meta:
        ordering = ["questionnaire", "-created_at"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "label"], name="unique_version_label"),
        ]

    def __str__(self):
        return gettext("%(title)s, version %(label)s") % {"title": self.questionnaire.title, "label": self.label}

    @property
    def title(self):
        return localized(self, "title")

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_open_for_replies(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def frozen_key(self) -> str | None:
        """What names this version in the in-process caches of what never changes once it is published;
        None for a draft. The publication time is part of it, so that an id reused by another database
        (a test's, a restored one) never meets what was kept for the first."""
        if not self.is_frozen:
            return None
        return f"{self.pk}:{self.published_at.timestamp() if self.published_at else 0:.6f}"

    @property
    def reminder_days_list(self) -> list[int]:
        """The days before the deadline on which to remind, largest first."""
        return reminder_days_parse(self.reminder_days)


class DeadlineExtension(models.Model):
    """A later reply deadline granted to one country for one version."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="deadline_extensions")
    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, related_name="deadline_extensions")
    deadline = models.DateField(_("extended deadline"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["version", "country__name"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [models.UniqueConstraint(fields=["version", "country"], name="one_extension_per_country")]

    def __str__(self):
        return f"{self.country} {self.deadline}"


class Section(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(_("code"), max_length=50)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_section_code")]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")


class AddresseeQuerySet(models.QuerySet):
    """Questions or items narrowed to those a Party answers (``addressees``: none means every Party)."""

    def applicable_to(self, country):
        """Those that apply to ``country`` (a Country or its id); all of them for ``None``, another
        stakeholder's reply, which may answer every question."""
        if country is None:
            return self
        through = self.model.addressees.through.objects
        own = self.model._meta.model_name
        addressed = through.filter(**{own: models.OuterRef("pk")})
        applies = ~models.Exists(addressed) | models.Exists(addressed.filter(country=country))
        if self.model is Item:
            # An item of a group that does not apply does not apply either.
            group = through.filter(item=models.OuterRef("parent"))
            applies &= ~models.Exists(group) | models.Exists(group.filter(country=country))
        return self.filter(applies)


class AddressedMixin:
    def applies_to(self, country_id) -> bool:
        """Whether the Party ``country_id`` answers it (reads ``addressees``; prefetch them for lists)."""
        if country_id is None:
            return True
        addressees = {country.pk for country in self.addressees.all()}
        return not addressees or country_id in addressees


class Question(AddressedMixin, models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    number = models.CharField(_("number"), max_length=20, help_text=_("Stable across versions and rounds."))
    title_en = models.CharField(_("title (English)"), max_length=500)
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    help_en = models.TextField(_("guidance (English)"), blank=True)
    help_fr = models.TextField(_("guidance (French)"), blank=True)
    references = models.JSONField(_("references"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    addressees = models.ManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("addressed to"),
        help_text=_("Only these Parties answer the question; none means every Party of the round."),
    )

    objects = AddresseeQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="unique_question_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def title(self):
        return localized(self, "title")

    @property
    def help(self):
        return localized(self, "help")


# What an item's bounds and a number answer (64-bit columns) can hold.
NUMBER_RANGE = (-models.BigIntegerField.MAX_BIGINT - 1, models.BigIntegerField.MAX_BIGINT)


class Item(AddressedMixin, models.Model):
    """An answerable part of a question (or a group heading), with a stable number such as 13.1.a."""

    class Type(models.TextChoices):
        TEXT = "text", _("Long text")
        YES_NO = "yes_no", _("Yes / No / Not applicable")
        CHOICE = "choice", _("Single choice")
        MULTI_CHOICE = "multi_choice", _("Multiple choice")
        NUMBER = "number", _("Whole number")
        FILES = "files", _("Reference texts (files or links)")
        GROUP = "group", _("Group heading")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
        verbose_name=_("group"),
    )
    number = models.CharField(_("number"), max_length=20)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    explain = models.BooleanField(_("with explanation box"), default=False)
    required = models.BooleanField(_("required"), default=True)
    minimum = models.BigIntegerField(_("minimum"), null=True, blank=True)
    maximum = models.BigIntegerField(_("maximum"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order within the question."))
    previous_number = models.CharField(
        _("number in the previous version"), max_length=20, blank=True,
        help_text=_("Only when the item was renumbered: its number in the previous version or round. "
                    "Prefill and cross-round comparison match items by number otherwise."),
    )
    addressees = models.ManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("addressed to"),
        help_text=_("Only these Parties answer the item; none means every Party that answers the question."),
    )

    objects = AddresseeQuerySet.as_manager()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="unique_item_number"),
            models.CheckConstraint(
                condition=models.Q(minimum__isnull=True) | models.Q(maximum__isnull=True)
                | models.Q(minimum__lte=models.F("maximum")),
                name="item_minimum_not_above_maximum",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.text[:60]}"

    @property
    def text(self):
        return localized(self, "text")

    @property
    def is_answerable(self) -> bool:
        return self.type != self.Type.GROUP

    @property
    def depth(self) -> int:
        return 1 if self.parent_id else 0

    @property
    def predecessor_number(self) -> str:
        """The number this item had in the previous version (its own unless it was mapped)."""
        return self.previous_number or self.number


class Choice(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="choices")
    code = models.SlugField(_("code"), max_length=50)
    label_en = models.CharField(_("label (English)"), max_length=300)
    label_fr = models.CharField(_("label (French)"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="unique_choice_code")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return localized(self, "label")


class ReplyQuerySet(models.QuerySet):
    def for_user(self, user):
        """The replies ``user`` may see: every reply for the secretariat, their own country's for a
        focal point, their own organisation's for another stakeholder, none otherwise. Every view and
        export that lists replies starts here."""
        if is_secretariat(user):
            return self
        country_id = user_country_id(user)
        if country_id is not None:
            return self.filter(country_id=country_id)
        organisation_id = user_organisation_id(user)
        if organisation_id is not None:
            return self.filter(organisation_id=organisation_id)
        return self.none()

    def of_parties(self):
        """The Parties' replies only (what progress, reminders and compilations count), not the other
        stakeholders'."""
        return self.filter(country__isnull=False)


class Reply(models.Model):
    """A reply to one questionnaire version: a Party's (``country``), or another stakeholder's
    (``organisation``: an NGO, an ombudsperson... invited to the round), never both."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="replies")
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    organisation = models.ForeignKey(
        "countries.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="replies",
        verbose_name=_("stakeholder organisation"),
    )
    publishable = models.BooleanField(
        _("may be published"), default=True,
        help_text=_("For another stakeholder's reply: unticked, it is for the committee only. "
                    "A Party's reply is always public."),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["version", "country__name"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["version", "country"], name="one_reply_per_country"),
            models.UniqueConstraint(fields=["version", "organisation"], name="one_reply_per_organisation"),
            models.CheckConstraint(
                condition=models.Q(country__isnull=False, organisation__isnull=True)
                | models.Q(country__isnull=True, organisation__isnull=False),
                name="reply_of_a_party_or_a_stakeholder",
            ),
        ]

    def __str__(self):
        return f"{self.respondent} – {self.version}"

    @property
    def is_stakeholder_reply(self) -> bool:
        return self.organisation_id is not None

    @property
    def respondent(self):
        """Who replies: the Party (a Country) or the stakeholder (an Organisation)."""
        return self.organisation if self.is_stakeholder_reply else self.country

    @property
    def respondent_name(self) -> str:
        """The respondent's name in the interface language."""
        return self.organisation.name if self.is_stakeholder_reply else self.country.local_name

    @property
    def national_language(self) -> str:
        """The language of a national-language version: a Party's own; none for a stakeholder."""
        return "" if self.is_stakeholder_reply else self.country.national_language

    def submits(self, answer) -> bool:
        """Whether a submission of this reply sends ``answer``: a draft or returned one; for another
        stakeholder, who answers the questions it chooses, only one it has written in."""
        return answer.is_editable_by_country and (answer.revision > 0 or not self.is_stakeholder_reply)

    @cached_property
    def _invitation_time_limit(self):
        """The time limit of the stakeholder's invitation (read once per instance: each permission check
        of a request asks for it)."""
        return self.version.invitations.filter(organisation_id=self.organisation_id).values_list(
            "time_limit", flat=True).first()

    @property
    def deadline(self):
        """A Party's deadline: its extension if it has one, else the version's. A stakeholder's: the
        time limit of its invitation to the round."""
        if self.is_stakeholder_reply:
            return self._invitation_time_limit
        extension = next(
            (e for e in self.version.deadline_extensions.all() if e.country_id == self.country_id), None
        )
        return extension.deadline if extension else self.version.deadline


class Answer(models.Model):
    """A country's answer to one question (all its items): the unit that is saved, submitted and reviewed."""

    class State(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    national_language = models.CharField(
        _("national language"), max_length=3, choices=NATIONAL_LANGUAGES, blank=True,
        help_text=_("The language of the national-language version, if the country gave one."),
    )
    national_text = models.TextField(
        _("national-language version"), blank=True,
        help_text=_("Sanitised HTML: the whole answer in the country's national language, alongside EN/FR."),
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Incremented on every save; detects concurrent edits.")
    )
    updated_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("last edited by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_revision = models.PositiveIntegerField(
        _("last reviewed revision"), null=True, blank=True,
        help_text=_("The revision the secretariat last approved or returned; the review shows changes since."),
    )

    # States in which the country's focal points may change the answer; in every other state it is locked.
    # The transitions between states are defined in workflow.py.
    EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})

    class Meta:
        ordering = ["reply", "question__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["reply", "question"], name="one_answer_per_question")]

    def __str__(self):
        return gettext("%(country)s, question %(number)s") % {
            "country": self.reply.respondent_name, "number": self.question.number,
        }

    @property
    def is_editable_by_country(self) -> bool:
        return self.state in self.EDITABLE_STATES


class ItemAnswer(models.Model):
    """The value given for one item. Which field holds it depends on the item's type."""

    class YesNo(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_APPLICABLE = "na", _("Not applicable")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="item_answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="item_answers")
    text = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    yes_no = models.CharField(_("yes / no"), max_length=3, choices=YesNo.choices, blank=True)
    choice = models.CharField(_("choice"), max_length=50, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    number = models.BigIntegerField(_("number"), null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Sanitised HTML."))
    carried_over = models.BooleanField(
        _("carried over"), default=False,
        help_text=_("Copied from the country's approved answer to the previous version, not yet edited."),
    )

    class Meta:
        ordering = ["answer", "item__position"]
        verbose_name = _("item answer")
        verbose_name_plural = _("item answers")
        constraints = [models.UniqueConstraint(fields=["answer", "item"], name="one_value_per_item")]

    def __str__(self):
        return f"{self.answer} {self.item.number}"


class AnswerRevision(models.Model):
    """A saved state of an answer: every save that changes something adds one, and none is ever deleted."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    values = models.JSONField(_("values"), help_text=_("Item number → the values saved for it."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    national_language = models.CharField(_("national language"), max_length=3, choices=NATIONAL_LANGUAGES, blank=True)
    national_text = models.TextField(_("national-language version"), blank=True)
    saved_at = models.DateTimeField(_("saved"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ["answer", "-number"]
        verbose_name = _("answer revision")
        verbose_name_plural = _("answer revisions")
        constraints = [models.UniqueConstraint(fields=["answer", "number"], name="unique_revision_number")]

    def __str__(self):
        return gettext("%(answer)s, revision %(number)s") % {
            "answer": self.answer, "number": self.number,
        }


class AnswerEvent(models.Model):
    """The audit trail: every state change and every edit of an answer, with who, when and why.
    The workflow never deletes anything; events are only added."""

    class Action(models.TextChoices):
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for revision")
        REOPENED = "reopened", _("reopened")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=10, choices=Answer.State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=Answer.State.choices)
    revision = models.PositiveIntegerField(_("revision"))
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "at", "pk"]
        verbose_name = _("answer event")
        verbose_name_plural = _("answer events")
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self):
        if self.actor is None:
            return gettext("%(answer)s: %(action)s") % {"answer": self.answer, "action": self.get_action_display()}
        return gettext("%(answer)s: %(action)s by %(actor)s") % {
            "answer": self.answer, "action": self.get_action_display(),
            "actor": self.actor.get_full_name() or self.actor.get_username(),
        }


class AnswerOpening(models.Model):
    """That a reviewer opened an answer's review page, and at which revision: approving several answers at
    once is offered for the answers a reviewer has read as they stand now."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="openings")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField(_("revision read"))
    opened_at = models.DateTimeField(_("opened"), auto_now=True)

    class Meta:
        verbose_name = _("answer opened for review")
        verbose_name_plural = _("answers opened for review")
        constraints = [models.UniqueConstraint(fields=["answer", "reviewer"], name="one_opening_per_reviewer")]

    def __str__(self):
        return f"{self.answer} r{self.revision} by {self.reviewer}"


class Comment(models.Model):
    """A message in the dialogue on one answer between the country's focal points and the secretariat."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("in reply to")
    )
    event = models.ForeignKey(
        AnswerEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments",
        verbose_name=_("decision"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class NotificationPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    daily_digest = models.BooleanField(
        _("one daily digest instead of an e-mail per event"), default=False,
    )
    language = models.CharField(
        _("language of e-mails"), max_length=2, choices=Language.choices, blank=True,
        help_text=_("Set from the interface language when the user switches language or saves these settings; English when empty."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        if self.daily_digest:
            return gettext("%(user)s: one daily digest") % {"user": self.user}
        return gettext("%(user)s: an e-mail per event") % {"user": self.user}


class Notification(models.Model):
    """One event to tell one user about; ``sent_at`` is set once the e-mail (immediate or digest) went out."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey(AnswerEvent, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recipient", "created_at"]
        constraints = [models.UniqueConstraint(fields=["recipient", "event"], name="one_notification_per_event")]

    def __str__(self):
        return f"{self.recipient} ← {self.event}"


class Reminder(models.Model):
    """One deadline reminder to one focal point about their country's reply: e-mailed at once, or put in
    their daily digest (``sent_at`` set when it goes out). One row per slot of the schedule and deadline,
    so running the job twice sends nothing twice, and a deadline extension makes fresh reminders due."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("before the deadline")
        OVERDUE = "overdue", _("overdue")

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("version"))
    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, related_name="reminders",
                                verbose_name=_("country"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders",
                                  verbose_name=_("recipient"))
    deadline = models.DateField(_("deadline"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    step = models.PositiveSmallIntegerField(
        _("step"), help_text=_("Days before the deadline, or the week overdue (1 the first week)."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "country__name"]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(
            fields=["version", "country", "recipient", "deadline", "kind", "step"], name="one_reminder_per_step",
        )]

    def __str__(self):
        return f"{self.country} {self.recipient} {self.describe_step()}"

    def describe_step(self) -> str:
        """The slot of the schedule, e.g. "14 days before" or "overdue, week 2"."""
        return describe_reminder_step(self.kind, self.step)


class Attachment(models.Model):
    """A reference text attached to a ``files`` item: an uploaded file or a link, with title and language.

    Files are kept by the default storage (MEDIA_ROOT or a private object store), which is never served
    directly: downloads go through a permission-checked view."""

    item_answer = models.ForeignKey(ItemAnswer, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=20, default="en")
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/", blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["item_answer", "added_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="attachment_is_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title
