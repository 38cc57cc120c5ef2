"""A round's open data: one row per Party × item of what is published on the public site.

The export reads the publication snapshots, never the live answers: a Party's answers are public only
once the secretariat has published its reply, a snapshot does not change when the answer is later
reopened, and everyone downloads the same rows (the same answer revisions the public pages show).
Signed-in readers of approved answers that are not published use the answers endpoint instead.
"""

from django.urls import reverse

from questionnaires.models import Version
from questionnaires.sanitize import html_to_text
from reports.publication.models import PublishedAnswer

# Stable names, in this order: a column is only ever added at the end, never renamed or removed.
OPEN_DATA_COLUMNS = (
    "round", "questionnaire", "version", "party", "party_name", "published_at", "question",
    "question_title_en", "question_title_fr", "answer_revision", "answer_language", "item", "item_type",
    "item_text_en", "item_text_fr", "value_en", "value_fr", "text", "explanation", "documents",
)


def _document_urls(answer: PublishedAnswer, round_number: int) -> dict[str, str]:
    urls: dict[str, list[str]] = {}
    for document in answer.documents.all():
        link = (reverse("public:document_download", args=[round_number, document.pk]) if document.file
                else document.url)
        urls.setdefault(document.item_number, []).append(link)
    return {number: " ".join(links) for number, links in urls.items()}


def open_data_rows(version: Version) -> list[dict]:
    """Every answerable item of every live Party publication of ``version``, in the order of the Parties'
    names and of the questionnaire. Texts are plain text (paragraphs on their own lines)."""
    answers = (
        PublishedAnswer.objects.filter(publication__version=version, publication__ended_at__isnull=True,
                                       publication__country__isnull=False)
        .select_related("publication__country").prefetch_related("documents")
        .order_by("publication__country__name", "position")
    )
    round_number = version.questionnaire.round_number
    common = {"round": round_number, "questionnaire": version.questionnaire.code, "version": version.label}
    rows = []
    for answer in answers:
        publication, documents = answer.publication, _document_urls(answer, round_number)
        for item in answer.items:
            if item.get("type") == "group":
                continue
            rows.append({
                **common, "party": publication.country.iso_code, "party_name": publication.country.name,
                "published_at": publication.published_at.isoformat(), "question": answer.question_number,
                "question_title_en": answer.question_title_en, "question_title_fr": answer.question_title_fr,
                "answer_revision": answer.revision, "answer_language": answer.language, "item": item["number"],
                "item_type": item["type"], "item_text_en": item["text_en"], "item_text_fr": item["text_fr"],
                "value_en": item["value_en"], "value_fr": item["value_fr"], "text": html_to_text(item["text"]),
                "explanation": html_to_text(item["explanation"]), "documents": documents.get(item["number"], ""),
            })
    return rows
