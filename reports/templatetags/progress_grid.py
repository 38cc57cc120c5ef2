"""The progress grid's cells, written in Python: at 200 countries × 64 questions the page has 12,800
cells, which the template language would render several times slower. Each cell shows a symbol as well
as a colour, carries its state's label for screen readers, and links to the answer (secretariat) or to
the country's states (steering group)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from questionnaires.models import Answer

from ..selectors.progress import NOT_ADDRESSED

register = template.Library()

# A short class per state (the grid repeats it 12,800 times) and a symbol that does not need translating.
GRID_KEYS = {
    Answer.State.DRAFT: ("d", "✎"),
    Answer.State.SUBMITTED: ("s", "●"),
    Answer.State.RETURNED: ("r", "↩"),
    Answer.State.APPROVED: ("a", "✓"),
}
NO_ANSWER = ("n", "–")
NOT_ADDRESSED_KEY = ("x", "⊘")
_PLACEHOLDER = 987654321


@register.simple_tag
def grid_legend(matrix=None) -> list[tuple[str, str, str]]:
    """(class, symbol, label) of each state, then of "no answer", exactly as the cells show them; then of
    "not addressed" when the ``matrix`` has questions asked of named Parties only."""
    keys = [(css, symbol, Answer.State(state).label) for state, (css, symbol) in GRID_KEYS.items()]
    keys.append((*NO_ANSWER, gettext("No answer")))
    if matrix is not None and matrix.has_not_addressed:
        keys.append((*NOT_ADDRESSED_KEY, gettext("Not addressed to this Party")))
    return keys


@register.simple_tag
def grid_state(state: str | None) -> tuple[str, str, str]:
    """(class, symbol, label) of one answer state, as the grid shows it; None: no reply yet."""
    if state is None:
        return NO_ANSWER[0], NO_ANSWER[1], gettext("No reply yet")
    if state == NOT_ADDRESSED:
        return NOT_ADDRESSED_KEY[0], NOT_ADDRESSED_KEY[1], gettext("Not addressed to this Party")
    css, symbol = GRID_KEYS[state]
    return css, symbol, Answer.State(state).label


class _GridWriter:
    """The markup of one page's cells, with everything that does not depend on the cell prepared once."""

    def __init__(self, version, questions, links: str):
        self.links = links
        self.questions = [question.number for question in questions]
        self.numbers = [escape(number) for number in self.questions]
        self.ends = {
            state: f'" aria-label="{escape(Answer.State(state).label)}">{symbol}</a></td>'
            for state, (_, symbol) in GRID_KEYS.items()
        }
        self.ends[None] = f'" aria-label="{escape(gettext("No answer"))}">{NO_ANSWER[1]}</a></td>'
        self.classes = {state: css for state, (css, _) in GRID_KEYS.items()} | {None: NO_ANSWER[0]}
        self.no_reply = escape(gettext("No reply yet"))
        label = escape(gettext("Not addressed to this Party"))
        # No answer to open: the question is asked of other named Parties only.
        self.not_addressed = (f'<td class="{NOT_ADDRESSED_KEY[0]}" title="{label}"><span aria-hidden="true">'
                              f'{NOT_ADDRESSED_KEY[1]}</span><span class="visually-hidden">{label}</span></td>')
        self.review = reverse("questionnaires:answer_review", args=[_PLACEHOLDER]).split(str(_PLACEHOLDER))
        page = reverse("reports:version_progress", args=[version.pk])
        # Relative to the dashboard's own address: a few bytes per cell, 12,800 times.
        self.country = reverse("reports:country_progress", args=[version.pk, _PLACEHOLDER]).removeprefix(page)

    def row(self, row) -> str:
        if row.reply_id is None:
            return f'<td colspan="{len(self.numbers)}" class="n">{self.no_reply}</td>'
        ends, classes = self.ends, self.classes
        if self.links == "review":
            start, end = self.review
            return "".join(
                self.not_addressed if cell is NOT_ADDRESSED
                else f'<td class="{classes[cell[0]]}"><a href="{start}{cell[1]}{end}{ends[cell[0]]}' if cell
                else self._question_cell(row, number)
                for number, cell in zip(self.questions, row.cells)
            )
        country = self.country.replace(str(_PLACEHOLDER), str(row.country.pk))
        return "".join(
            self.not_addressed if cell is NOT_ADDRESSED
            else f'<td class="{classes[cell and cell[0]]}"><a href="{country}#q{number}{ends[cell and cell[0]]}'
            for number, cell in zip(self.numbers, row.cells)
        )

    def _question_cell(self, row, number) -> str:
        """A reply without an answer to this question (not expected: every reply has one per question)."""
        url = escape(reverse("questionnaires:question_edit", args=[row.reply_id, number]))
        return f'<td class="n"><a href="{url}{self.ends[None]}'


@register.simple_tag(takes_context=True)
def grid_cells(context, row) -> str:
    """The cells of one country's row of the grid (``links`` in the context: "review" or "country")."""
    writer = context.render_context.get("grid_writer")
    if writer is None:
        writer = context.render_context["grid_writer"] = _GridWriter(
            context["version"], context["matrix"].questions, context["links"]
        )
    return mark_safe(writer.row(row))
