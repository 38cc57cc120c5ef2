"""The part "Contributions from other stakeholders / Contributions des autres parties prenantes" of a
compilation that includes it, and the compilation's layout with it.

The part follows the Parties' blocks of each question (in a Party's compilation, all its answers): the
approved answers of other stakeholders, one block per organisation laid out like a Party's, then the
accepted comments on the Parties' replies, each saying who wrote it, on which Party and in which
language. What reaches here was chosen by ``reports.selectors.stakeholders``: approved or accepted, and
publishable, only.
"""

from ..bilingual import CONTRIBUTIONS, ORGANISATION_TYPES
from ..selectors.contents import QuestionBlock
from .layout import (
    Block,
    DocumentSpec,
    Rich,
    contributions_anchor,
    document_layout,
    entry_items,
    language_line,
    p,
    question_section,
    question_title,
)
from .text import LANGUAGE_NAMES, bilingual

PART = bilingual(*CONTRIBUTIONS)
NOTHING = "No contribution from other stakeholders. / Aucune contribution des autres parties prenantes."
COMMENTS = "Comments on the Parties' replies / Commentaires sur les réponses des Parties"
WORLDWIDE = ("international", "à l'échelle internationale")  # an organisation without a country
WHOLE_REPLY = "Comments on the reply as a whole / Commentaires sur l'ensemble de la réponse"


def organisation_line(organisation) -> str:
    """"Non-governmental organisation, France / Organisation non gouvernementale, France"; an
    international organisation is said to be one once."""
    type_en, type_fr = ORGANISATION_TYPES.get(organisation.type, (organisation.type, organisation.type))
    country = organisation.country
    if country is None and organisation.type == "international":
        return f"{type_en} / {type_fr}"
    where_en, where_fr = (country.name, country.name_fr or country.name) if country else WORLDWIDE
    return f"{type_en}, {where_en} / {type_fr}, {where_fr}"


def _answer_blocks(block: QuestionBlock, level: int) -> list[Block]:
    out: list[Block] = []
    for entry in block.stakeholders:
        out.append(p(entry.organisation.name.upper(), f"heading{level}"))
        out.append(p(organisation_line(entry.organisation), "french"))
        out.append(language_line(entry))
        out += entry_items(block, entry)
    return out


def _comment_blocks(comments: list, level: int) -> list[Block]:
    out: list[Block] = []
    for comment in comments:
        country = comment.country
        english, french = LANGUAGE_NAMES.get(comment.language, (comment.language, comment.language))
        out += [
            p(comment.organisation.name, f"heading{level}"),
            p(organisation_line(comment.organisation), "french"),
            p(f"Party concerned: {country.name} / Partie concernée : {country.name_fr or country.name}"),
            p(f"Comment in {english} / Commentaire en {french}", "french"),
            Rich(comment.body, comment.language),
        ]
    return out


def question_part(block: QuestionBlock) -> list[Block]:
    """The part after a question's Parties: the stakeholders' answers, then the comments on the question."""
    out: list[Block] = [p(PART, "heading1", anchor=contributions_anchor(block))]
    if not block.stakeholders and not block.comments:
        return out + [p(NOTHING, "coverage")]
    out += _answer_blocks(block, 2)
    if block.comments:
        out.append(p(COMMENTS, "heading2"))
        out += _comment_blocks(block.comments, 3)
    return out


def country_part(spec: DocumentSpec) -> list[Block]:
    """The part after all of a Party's answers: comments on its reply as a whole, then, per question,
    the answers of the organisations based in the Party and the comments on the Party's answer."""
    out: list[Block] = [p(PART, "heading1", anchor="contributions")]
    if spec.general_comments:
        out.append(p(WHOLE_REPLY, "heading2"))
        out += _comment_blocks(spec.general_comments, 3)
    for block in spec.blocks:
        if block.stakeholders or block.comments:
            out.append(p(question_title(block, "en"), "heading2"))
            out += _answer_blocks(block, 3)
            out += _comment_blocks(block.comments, 3)
    if len(out) == 1:
        out.append(p(NOTHING, "coverage"))
    return out


def compiled_section(block: QuestionBlock) -> list[Block]:
    """A question with every approved reply and, when the compilation includes it, its part on other
    stakeholders: the same blocks in its own compilation, in the round's and in the round's ZIP."""
    return question_section(block) + (question_part(block) if block.contributions else [])


def compiled_layout(spec: DocumentSpec, sections: list[list[Block]] | None = None) -> list[Block]:
    """The whole document, with the part on other stakeholders when the compilation includes it."""
    sections = sections if sections is not None or spec.kind == "country" else \
        [compiled_section(block) for block in spec.blocks]
    blocks = document_layout(spec, sections)
    if spec.kind == "country" and spec.contributions:
        blocks += country_part(spec)
    return blocks
