"""Codebooks, codings of Parties' answers and their audit trail.

A codebook belongs to one question of a version: its categories are what the secretariat reads free
text for ("Dedicated team", "Within a cybercrime unit" ...). A coding is one coder's reading of one
Party's answer: the categories that apply, each with the passage that supports it. Two coders may code
the same answer independently; the secretariat's settled coding (``is_final``) then decides.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from questionnaires.models import localized


class Codebook(models.Model):
    question = models.OneToOneField(
        "questionnaires.Question", on_delete=models.CASCADE, related_name="codebook", verbose_name=_("question"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("codebook")
        verbose_name_plural = _("codebooks")

    def __str__(self):
        return _("Codebook of question %(number)s") % {"number": self.question.number}


class Category(models.Model):
    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="categories",
                                 verbose_name=_("codebook"))
    code = models.SlugField(_("code"), max_length=50)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200, blank=True)
    definition = models.TextField(_("definition"), blank=True,
                                  help_text=_("What a reply must say for the category to apply."))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent category"))
    exclusive = models.BooleanField(
        _("one subcategory only"), default=False,
        help_text=_("At most one of its subcategories applies to a reply (e.g. a dedicated team, or a unit "
                    "within cybercrime, not both)."),
    )
    no_information = models.BooleanField(
        _("no information in the reply"), default=False,
        help_text=_("The reply does not say: applies alone, never with another category."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["codebook", "position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["codebook", "code"], name="unique_category_code")]

    def __str__(self):
        return f"{self.code}: {self.label}"

    @property
    def label(self):
        return localized(self, "label")


class Coding(models.Model):
    """One coder's reading of one Party's answer, as it stood at ``answer_revision``."""

    answer = models.ForeignKey("questionnaires.Answer", on_delete=models.CASCADE, related_name="codings",
                               verbose_name=_("answer"))
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings",
                              verbose_name=_("coder"))
    is_final = models.BooleanField(_("settled"), default=False,
                                   help_text=_("The secretariat's final code, where coders disagreed."))
    answer_revision = models.PositiveIntegerField(_("answer revision coded"))
    answer_state = models.CharField(_("answer state when coded"), max_length=10)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [
            models.UniqueConstraint(fields=["answer", "coder"], condition=models.Q(is_final=False),
                                    name="one_coding_per_coder"),
            models.UniqueConstraint(fields=["answer"], condition=models.Q(is_final=True), name="one_final_coding"),
        ]

    def __str__(self):
        return _("Coding of %(answer)s by %(coder)s") % {"answer": self.answer_id, "coder": self.coder}


class Assignment(models.Model):
    """A category applied to an answer, with the passage that supports it."""

    coding = models.ForeignKey(Coding, on_delete=models.CASCADE, related_name="assignments")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="assignments",
                                 verbose_name=_("category"))
    item_number = models.CharField(_("item"), max_length=20, blank=True)
    quote = models.TextField(_("passage"), blank=True)
    start = models.PositiveIntegerField(_("start"), null=True, blank=True)
    end = models.PositiveIntegerField(_("end"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["coding", "category__position", "pk"]
        verbose_name = _("assigned category")
        verbose_name_plural = _("assigned categories")
        constraints = [models.UniqueConstraint(fields=["coding", "category"], name="one_assignment_per_category")]


class CodingEvent(models.Model):
    """Audit of every change to a coding: who, when, and the categories before and after."""

    coding = models.ForeignKey(Coding, on_delete=models.SET_NULL, null=True, related_name="events")
    answer = models.ForeignKey("questionnaires.Answer", on_delete=models.CASCADE, related_name="coding_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    is_final = models.BooleanField(_("settled coding"), default=False)
    before = models.JSONField(_("before"), default=list)
    after = models.JSONField(_("after"), default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("coding change")
        verbose_name_plural = _("coding changes")


class Rapporteur(models.Model):
    """An administrator's appointment of a user (a national delegate) as the rapporteur of a question:
    they draft its observations and read every Party's approved answer to it, with its coding."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="rapporteur_appointments", verbose_name=_("user"))
    question = models.ForeignKey("questionnaires.Question", on_delete=models.CASCADE, related_name="rapporteurs",
                                 verbose_name=_("question"))
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        ordering = ["question", "user"]
        verbose_name = _("rapporteur")
        verbose_name_plural = _("rapporteurs")
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_appointment_per_question")]

    def __str__(self):
        return _("%(user)s, rapporteur of question %(number)s") % {
            "user": self.user.get_full_name() or self.user.get_username(), "number": self.question.number,
        }


class Observations(models.Model):
    """The observations on the replies to one question; their text is their latest revision."""

    question = models.OneToOneField("questionnaires.Question", on_delete=models.CASCADE,
                                    related_name="observations", verbose_name=_("question"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("observations")
        verbose_name_plural = _("observations")

    def __str__(self):
        return _("Observations on question %(number)s") % {"number": self.question.number}


class ObservationsRevision(models.Model):
    """One save of the observations' text. An adopted revision also holds the figures its references
    read when the secretariat adopted it (``figures``: reference key -> label, count, total and the
    Parties behind the count), so that later codings never change an adopted text."""

    observations = models.ForeignKey(Observations, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("adopted by"))
    figures = models.JSONField(_("figures when adopted"), default=dict, blank=True)

    class Meta:
        ordering = ["observations", "-number"]
        verbose_name = _("revision of observations")
        verbose_name_plural = _("revisions of observations")
        constraints = [models.UniqueConstraint(fields=["observations", "number"], name="one_observations_revision")]

    def __str__(self):
        return f"{self.observations} #{self.number}"

    @property
    def adopted(self) -> bool:
        return self.adopted_at is not None


class ObservationsComment(models.Model):
    """The secretariat's comment on a question's observations, in a simple thread."""

    observations = models.ForeignKey(Observations, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on observations")
        verbose_name_plural = _("comments on observations")
