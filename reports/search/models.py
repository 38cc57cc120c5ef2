"""The search index: one searchable document per answer, per published answer and per question and
language, with the plain text that is matched and shown in snippets.

The words themselves are indexed by the database, outside the ORM: on PostgreSQL in the ``vector``
column (a tsvector with a GIN index, computed with the ``search_english`` or ``search_french``
configuration, both folding accents with ``unaccent``); on SQLite in the FTS5 table ``search_fts``,
kept in step with this table by triggers. Who may read a document is never stored here: it is decided
at query time from the answer's current state and reply, and the publication's (``selectors``)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentVectorField(SearchVectorField):
    """A tsvector on PostgreSQL; an unused text column elsewhere (SQLite indexes the words in FTS5)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        PUBLISHED = "published", _("Published answer")
        QUESTION = "question", _("Question")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    answer = models.ForeignKey("questionnaires.Answer", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    published_answer = models.ForeignKey("publication.PublishedAnswer", on_delete=models.CASCADE, null=True,
                                         blank=True, related_name="+")
    question = models.ForeignKey("questionnaires.Question", on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    organisation = models.ForeignKey("countries.Organisation", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+")
    language = models.CharField(_("language"), max_length=2)
    body = models.TextField(_("text"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("date"), null=True, blank=True)
    vector = DocumentVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["answer"], condition=models.Q(kind="answer"),
                                    name="one_search_document_per_answer"),
            models.UniqueConstraint(fields=["published_answer"], condition=models.Q(kind="published"),
                                    name="one_search_document_per_published_answer"),
            models.UniqueConstraint(fields=["question", "language"], condition=models.Q(kind="question"),
                                    name="one_search_document_per_question_language"),
        ]
        indexes = [models.Index(fields=["kind", "language"])]

    def __str__(self):
        return f"{self.kind} {self.question_id} {self.language}"
