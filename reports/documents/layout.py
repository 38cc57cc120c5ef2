"""The one layout of a compilation, which every format renders (DOCX and the HTML behind the PDF).

A document is a list of blocks: paragraphs of runs with a named style, formatted answer text, tables and
page breaks. What a block means is decided here once; how a style looks is each writer's business, so
that the DOCX and the PDF show the same things in the same order.

The documents follow the committee's compilations (e.g. ``T-ES(2018)18_bil rev.3``): the symbol and the
date, "LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE", the title in English then in French, the full question
in English then in French, one line of coverage, then one block per Party whose answer is approved, in
the language it was written in.
"""

import datetime
from dataclasses import dataclass, field

from countries.models import Country
from questionnaires.models import Item

from ..bilingual import CONTRIBUTIONS, STRENGTHS
from ..selectors.contents import CountryEntry, EntryStatus, ItemSummary, QuestionBlock
from .text import LANGUAGE_NAMES, attachment_text, bilingual, value_text

COMMITTEE = "LANZAROTE COMMITTEE / COMITÉ DE LANZAROTE"
CONTENTS_FROM = 6  # a list of Parties opens a question's replies from this many Parties on


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""  # an external link
    anchor: str = ""  # a link to a place in the document


@dataclass
class Paragraph:
    """Styles: symbol, date, committee, title, title_fr, heading1-3, french, coverage, label, value,
    contents, bullet, body."""

    runs: list[Run]
    style: str = "body"
    anchor: str = ""  # this paragraph is the target of a link
    indent: int = 0


@dataclass
class Rich:
    """Formatted answer text (the sanitised HTML subset of the questionnaires app)."""

    html: str
    language: str = "en"
    indent: int = 0


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class PageBreak:
    """The rest of the page is left blank."""


Block = Paragraph | Rich | Table | PageBreak


@dataclass
class DocumentSpec:
    """What one compilation document says, decided by the building service."""

    kind: str  # question, round, country or followup (reports.models.Compilation.Kind)
    symbol: str
    issued: datetime.date
    title_en: str
    title_fr: str
    blocks: list[QuestionBlock]
    parties: list[Country] = field(default_factory=list)
    country: Country | None = None
    contributions: bool = False  # with the part on other stakeholders (``contributions``)
    general_comments: list = field(default_factory=list)  # on a Party's reply as a whole


def p(text: str, style: str = "body", **kwargs) -> Paragraph:
    return Paragraph([Run(text)], style, **kwargs)


def party_name(country: Country) -> str:
    return bilingual(country.name, country.name_fr)


def _names(countries: list[Country]) -> tuple[str, str]:
    return ", ".join(c.name for c in countries), ", ".join(c.name_fr or c.name for c in countries)


def coverage_lines(block: QuestionBlock) -> tuple[str, str]:
    """"Replies from 41 of 43 Parties; not yet received: X, Y; awaiting review: Z" in English and French."""
    total, replied = len(block.entries), block.approved_count
    english = [f"Replies from {replied} of {total} {'Party' if total == 1 else 'Parties'}"]
    french = [f"Réponses de {replied} {'sur' if total == 1 else 'des'} {total} {'Partie' if total == 1 else 'Parties'}"]
    for statuses, label_en, label_fr in (
        ((EntryStatus.NO_REPLY, EntryStatus.DRAFT), "not yet received", "pas encore reçues"),
        ((EntryStatus.SUBMITTED,), "awaiting review", "en attente d'examen"),
        ((EntryStatus.RETURNED,), "being revised", "en cours de révision"),
    ):
        countries = block.countries_in(*statuses)
        if countries:
            names_en, names_fr = _names(countries)
            english.append(f"{label_en}: {names_en}")
            french.append(f"{label_fr} : {names_fr}")
    return "; ".join(english) + ".", " ; ".join(french) + "."


def front_matter(spec: DocumentSpec) -> list[Block]:
    """The first lines of every document: symbol, date, committee, titles (and a round's contents)."""
    blocks: list[Block] = [
        p(spec.symbol, "symbol"), p(spec.issued.strftime("%d/%m/%Y"), "date"), p(COMMITTEE, "committee"),
        p(spec.title_en, "title"),
    ]
    if spec.title_fr:
        blocks.append(p(spec.title_fr, "title_fr"))
    if spec.kind == "round":
        blocks.append(p(f"Parties of the round: {len(spec.parties)} / Parties du cycle : {len(spec.parties)}",
                        "coverage"))
        blocks.append(p("Questions", "heading2"))
        for block in spec.blocks:
            blocks.append(Paragraph([Run(question_title(block, "en"), anchor=_question_anchor(block))], "contents"))
            if block.stakeholders or block.comments:
                blocks.append(_contributions_contents(block, indent=1))
    if spec.kind == "followup":
        blocks.append(p(f"Parties of the round: {len(spec.parties)} / Parties du cycle : {len(spec.parties)}",
                        "coverage"))
        blocks.append(p("Table of contents / Table des matières", "heading2"))
        for block in spec.blocks:
            blocks.append(Paragraph([Run(question_title(block, "en"), anchor=_question_anchor(block))], "contents"))
    return blocks


def question_section(block: QuestionBlock) -> list[Block]:
    """One question with every approved reply: the same blocks in its own compilation and in the round's."""
    if block.recommendation is not None:
        out = recommendation_text(block, anchor=_question_anchor(block))
    else:
        out = _question_text(block, "en", 1, anchor=_question_anchor(block)) + _question_text(block, "fr", 1)
    english, french = coverage_lines(block)
    out += [p(english, "coverage"), p(french, "coverage")]
    if block.summaries and block.approved_count:
        out.append(p("Summary of structured answers / Synthèse des réponses structurées", "heading2"))
        out.append(_summary_table(block.summaries))
    approved = block.approved
    if len(approved) >= CONTENTS_FROM:
        out.append(p("Parties", "heading2"))
        for entry in approved:
            out.append(Paragraph([Run(party_name(entry.country), anchor=_party_anchor(block, entry))], "contents"))
        if block.contributions:
            out.append(_contributions_contents(block))
    for entry in approved:
        out.append(p(party_name(entry.country).upper(), "heading2", anchor=_party_anchor(block, entry)))
        out.append(language_line(entry))
        out += entry_items(block, entry)
    return out


def document_layout(spec: DocumentSpec, sections: list[list[Block]] | None = None) -> list[Block]:
    """The whole document; ``sections`` are the questions' blocks when already laid out (a round's ZIP
    lays each question out once for the round's document and its own)."""
    blocks = front_matter(spec)
    if spec.kind == "country":
        return blocks + _country_document(spec)
    for index, section in enumerate(sections or [question_section(block) for block in spec.blocks]):
        if spec.kind in ("round", "followup") or index:
            blocks.append(PageBreak())
        blocks += section
    return blocks


def _question_anchor(block: QuestionBlock) -> str:
    return f"question-{block.question.number}"


def contributions_anchor(block: QuestionBlock) -> str:
    return f"q{block.question.number}-contributions"


def _contributions_contents(block: QuestionBlock, indent: int = 0) -> Paragraph:
    """The line of a list of contents that leads to a question's part on other stakeholders."""
    return Paragraph([Run(bilingual(*CONTRIBUTIONS), anchor=contributions_anchor(block))], "contents", indent=indent)


def question_title(block: QuestionBlock, language: str) -> str:
    """"Question 13. Specialised units", or, for a question that asks about a recommendation,
    "Recommendation R7. The Committee urges …" (in French: "Recommandation R7. …")."""
    question = block.question
    title = question.title_fr if language == "fr" and question.title_fr else question.title_en
    if block.recommendation is not None:
        return f"{'Recommandation' if language == 'fr' else 'Recommendation'} {question.number}. {title}"
    return f"Question {question.number}. {title}"


def recommendation_text(block: QuestionBlock, anchor: str = "") -> list[Block]:
    """A recommendation as the follow-up compilations open it: its number, its strength, its whole
    text in English then in French, and whom it addresses."""
    recommendation = block.recommendation
    number = block.question.number
    strength_en, strength_fr = STRENGTHS.get(recommendation.strength, (recommendation.strength,) * 2)
    out: list[Block] = [
        p(f"Recommendation {number} / Recommandation {number}", "heading1", anchor=anchor),
        p(f"{strength_en} / {strength_fr}", "label"),
        Paragraph([Run(recommendation.text_en)], "body"),
    ]
    if recommendation.text_fr:
        out.append(Paragraph([Run(recommendation.text_fr, italic=True)], "french"))
    if recommendation.all_parties:
        out.append(p("Addressed to: all Parties / Destinataires : toutes les Parties", "coverage"))
    else:
        names_en, names_fr = _names(sorted(recommendation.addressees.all(), key=lambda country: country.name))
        out.append(p(f"Addressed to: {names_en} / Destinataires : {names_fr}", "coverage"))
    return out


def _question_text(block: QuestionBlock, language: str, level: int, anchor: str = "") -> list[Block]:
    """The full question in one language: its title, then every item, sub-items indented."""
    out: list[Block] = [p(question_title(block, language), f"heading{level}", anchor=anchor)]
    for item in block.items:
        text = item.text_fr if language == "fr" and item.text_fr else item.text_en
        runs = [Run(f"{item.number} ", bold=True), Run(text, italic=item.type == Item.Type.GROUP)]
        out.append(Paragraph(runs, "question", indent=1 if item.parent_id else 0))
        if item.type in (Item.Type.CHOICE, Item.Type.MULTI_CHOICE):
            for choice in item.choices.all():
                label = choice.label_fr if language == "fr" and choice.label_fr else choice.label_en
                out.append(Paragraph([Run(f"□ {label}")], "question", indent=2 if item.parent_id else 1))
    return out


def language_line(entry: CountryEntry) -> Paragraph:
    english, french = LANGUAGE_NAMES.get(entry.language, (entry.language, entry.language))
    return p(f"Reply in {english} / Réponse en {french}", "french")


def _party_anchor(block: QuestionBlock, entry: CountryEntry) -> str:
    return f"q{block.question.number}-{entry.country.iso_code}"


def _summary_table(summaries: list[ItemSummary]) -> Table:
    """One row per structured item: what was answered, how often, of how many replying."""
    rows = []
    for summary in summaries:
        label = f"{summary.item.number} {bilingual(summary.item.text_en, summary.item.text_fr)}"
        if summary.numbers:
            n = summary.numbers
            answers = [f"{name}: {n[key]}" for key, name in (
                ("total", "Total"), ("minimum", "Minimum"), ("median", "Median / Médiane"), ("maximum", "Maximum"))]
        else:
            answers = [f"{option.label}: {option.count} ({option.share}%)" for option in summary.options] or ["—"]
        rows.append([label, "\n".join(answers), str(summary.replying)])
    return Table(["Item / Point", "Answers / Réponses", "Replying / Ayant répondu"], rows)


def _entry_item_list(block: QuestionBlock, entry: CountryEntry) -> list[Item]:
    """The question's items that the entry's answer holds: an approved answer has a value row for every
    item addressed to its Party, so an item without one was for other named Parties only."""
    if not entry.values:
        return block.items
    held = {item.pk for item in block.items if item.pk in entry.values}
    parents = {item.parent_id for item in block.items if item.pk in held}
    return [item for item in block.items if item.pk in held or item.pk in parents]


def entry_items(block: QuestionBlock, entry: CountryEntry) -> list[Block]:
    out: list[Block] = []
    for item in _entry_item_list(block, entry):
        runs = [Run(f"{item.number} ", bold=True), Run(item.text_en, bold=True, italic=item.type == Item.Type.GROUP)]
        out.append(Paragraph(runs, "label", indent=1 if item.parent_id else 0))
        if item.text_fr and item.text_fr != item.text_en:
            out.append(Paragraph([Run(item.text_fr, italic=True)], "french", indent=1 if item.parent_id else 0))
        if item.is_answerable:
            for block in _value_blocks(item, entry.values.get(item.pk), entry.language):
                block.indent = 1 if item.parent_id else 0
                out.append(block)
    return out


def _value_blocks(item: Item, item_answer, language: str) -> list[Block]:
    if item_answer is None:
        return [p("—", "value")]
    out: list[Block] = []
    if item.type == Item.Type.TEXT:
        out.append(Rich(item_answer.text, language) if item_answer.text else p("—", "value"))
    elif item.type == Item.Type.FILES:
        attachments = list(item_answer.attachments.all())
        for attachment in attachments:
            if attachment.url:
                out.append(Paragraph([Run(attachment.title, url=attachment.url), Run(f" ({attachment.language})")],
                                     "bullet"))
            else:
                out.append(p(attachment_text(attachment), "bullet"))
        if not attachments:
            out.append(p("No reference text attached. / Aucun texte de référence joint.", "value"))
    else:
        out.append(p(value_text(item, item_answer) or "—", "value"))
    if item.explain and item_answer.explanation:
        out.append(Rich(item_answer.explanation, language))
    return out


def _country_document(spec: DocumentSpec) -> list[Block]:
    approved = sum(block.approved_count for block in spec.blocks)
    out: list[Block] = [
        p(f"Approved answers: {approved} of {len(spec.blocks)} questions / "
          f"Réponses approuvées : {approved} sur {len(spec.blocks)} questions", "coverage"),
    ]
    for block in spec.blocks:
        entry = block.entries[0]
        out.append(p(question_title(block, "en"), "heading1"))
        if block.question.title_fr:
            out.append(p(question_title(block, "fr"), "french"))
        if entry.status != EntryStatus.APPROVED:
            out.append(p(entry.status.label, "coverage"))
            continue
        out.append(language_line(entry))
        out += entry_items(block, entry)
    return out

