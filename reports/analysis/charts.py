"""Charts of the findings, each described once as a Vega-Lite specification (a dict): the page draws it
with the vendored vega-embed, the DOCX export places it rendered to PNG by vl-convert. The rows of the
chart's data are also the data table shown beside it.
"""

from dataclasses import dataclass

import vl_convert
from django.utils.translation import gettext as _

from countries.selectors import facts_on

from .selectors.figures import Findings, fact_label
from .selectors.matrices import FACT_MARKS, launch_day

VEGA_LITE_VERSION = "6.4"  # the vendored static/vendor/vega/vega-lite.min.js
SCHEMA = f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION.split('.')[0]}.json"


@dataclass
class ChartRow:
    category: str
    group: str
    parties: int


def _group_words(value: str) -> str:
    return {"yes": _("yes"), "signed": _("signed"), "no": _("no"), "": _("not recorded")}.get(value, value)


def chart_rows(findings: Findings, stack: str = "") -> list[ChartRow]:
    """Per category (in the codebook's order), the Parties counting it; per value of the ``stack`` fact
    at the round's launch too when one is given, leaving out groups of no Party."""
    facts = facts_on([r.country for r in findings.readings], launch_day(findings.question.version)) if stack else {}
    rows = []
    for variable in findings.variables:
        if variable.kind != "category":
            continue
        figure = findings.figure(variable)
        if not stack:
            rows.append(ChartRow(variable.label, "", figure.count))
            continue
        counts: dict[str, int] = {}
        for reading in figure.parties:
            value = facts.get(reading.country.pk, {}).get(stack, "")
            counts[value] = counts.get(value, 0) + 1
        order = [*FACT_MARKS, "no", *sorted(set(counts) - {*FACT_MARKS, "no", ""}), ""]
        rows.extend(ChartRow(variable.label, _group_words(value), counts[value])
                    for value in order if counts.get(value))
    return rows


def category_chart(findings: Findings, rows: list[ChartRow], stack: str = "") -> dict:
    """A horizontal bar chart of the Parties per category, stacked by a country fact when ``stack``."""
    parties = _("Parties (of %(total)s)") % {"total": findings.total_parties}
    # every category on the axis in the codebook's order, even one that no Party has
    categories = [variable.label for variable in findings.variables if variable.kind == "category"]
    spec = {
        "$schema": SCHEMA,
        "description": _("Parties per category of question %(number)s, the Secretariat's interpretation")
        % {"number": findings.question.number},
        "title": _("Question %(number)s: Parties per category") % {"number": findings.question.number},
        "width": 420,
        "data": {"values": [{"category": row.category, "group": row.group, "parties": row.parties} for row in rows]},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "category", "type": "nominal", "title": None, "axis": {"labelLimit": 260},
                  "scale": {"domain": categories}},
            "x": {"field": "parties", "type": "quantitative", "aggregate": "sum", "title": parties,
                  "scale": {"domain": [0, max(findings.total_parties, 1)]}, "axis": {"tickMinStep": 1, "format": "d"}},
        },
    }
    if stack:
        spec["encoding"]["color"] = {
            "field": "group", "type": "nominal", "title": fact_label(stack), "sort": None,
            "legend": {"orient": "bottom", "columns": 2, "labelLimit": 300, "titleLimit": 600},
        }
    return spec


def chart_png(spec: dict) -> bytes:
    """The chart rendered to PNG at twice its size, for documents."""
    return vl_convert.vegalite_to_png(spec, vl_version=VEGA_LITE_VERSION, scale=2)
