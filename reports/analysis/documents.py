"""A question's observations as a committee document: the compilations' bilingual form (symbol, date,
"LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE", title in English then French), the text with its figures,
then the Parties behind each figure. Laid out with the compilations' blocks and written by their DOCX
writer."""

import datetime
from dataclasses import dataclass

from questionnaires.models import Question
from questionnaires.symbols import document_symbol
from reports.bilingual import bilingual
from reports.documents.docx_writer import write_docx
from reports.documents.layout import COMMITTEE, Block, Rich, p

from .references import PARTIES, references_in, substitute_references


@dataclass
class ObservationsDocument:
    question: Question
    text: str  # sanitised HTML with references
    values: dict[str, dict]  # frozen for an adopted text, current for a draft
    issue: int  # which adoption (the symbol's revision)
    issued: datetime.date
    adopted: bool


def observations_symbol(question: Question, issue: int) -> str:
    """``T-ES(2024)OBS13_bil``, ``… rev.`` for the second adoption: the compilations' pattern, with the
    question's number after "OBS" so that it never collides with the question's compilation."""
    version = question.version
    year = version.published_at.year if version.published_at else datetime.date.today().year
    return document_symbol(version.symbol_pattern, year=year, revision=issue, n=f"OBS{question.number}")


def _parties_line(parties: list[dict]) -> str:
    if not parties:
        return "None / Aucune"
    return ", ".join(bilingual(party["name"], party.get("name_fr") or "") for party in parties)


def _figures(document: ObservationsDocument) -> list[Block]:
    blocks: list[Block] = []
    for reference in references_in(document.text):
        value = document.values.get(reference.key)
        if value is None:
            continue
        if reference.key == PARTIES:
            label_en = value.get("label_en") or "Parties of the round"
            label_fr = value.get("label_fr") or "Parties du cycle"
            heading = f"{value['count']} {label_en} / {value['count']} {label_fr}"
        else:
            label_en, label_fr = value.get("label_en") or value["label"], value.get("label_fr") or value["label"]
            heading = (f"{label_en}: {value['count']} of {value['total']} Parties / "
                       f"{label_fr} : {value['count']} sur {value['total']} Parties")
        blocks += [p(heading, "heading3"), p(_parties_line(value["parties"]))]
    if blocks:
        blocks.insert(0, p("Parties behind the figures / Parties derrière les chiffres", "heading2"))
    return blocks


def observations_blocks(document: ObservationsDocument) -> list[Block]:
    question, version = document.question, document.question.version
    blocks: list[Block] = [
        p(observations_symbol(question, document.issue), "symbol"), p(document.issued.strftime("%d/%m/%Y"), "date"),
        p(COMMITTEE, "committee"),
        p(f"Observations on the replies to Question {question.number} ({question.title_en}) of the questionnaire "
          f"“{version.title_en}”", "title"),
        p(f"Observations sur les réponses à la question {question.number} ({question.title_fr or question.title_en}) "
          f"du questionnaire « {version.title_fr or version.title_en} »", "title_fr"),
    ]
    if document.adopted:
        day = document.issued.strftime("%d/%m/%Y")
        blocks.append(p(f"Adopted by the Committee on {day}; figures as of that date. / "
                        f"Adoptées par le Comité le {day} ; chiffres à cette date.", "coverage"))
    else:
        blocks.append(p("DRAFT – figures as of today, not adopted / PROJET – chiffres du jour, non adoptés",
                        "coverage"))
    blocks.append(Rich(substitute_references(document.text, document.values)))
    return blocks + _figures(document)


def observations_docx(document: ObservationsDocument) -> bytes:
    return write_docx(observations_blocks(document))
