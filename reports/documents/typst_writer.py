"""The layout as PDF through Typst (the ``typst`` package bundles the compiler; no system install).

Every text goes into the Typst source as a string literal, never as markup, so no answer can change the
document's structure or reach the file system: the compiler is given no file but the source, and Typst
reads nothing that the source does not name.
"""

import re

import typst

from countries.spreadsheets import xml_text

from .layout import Block, PageBreak, Paragraph, Rich, Run, Table
from .rich import rich_tokens

PREAMBLE = """
#set document(title: {title})
#set page(paper: "a4", margin: 2cm, numbering: "1", number-align: center)
#set text(font: ("DejaVu Sans", "Libertinus Serif"), size: 10pt, lang: "en", fallback: true)
#set par(justify: false, leading: 0.55em, spacing: 0.75em)
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 12pt)
#show heading.where(level: 3): set text(size: 11pt)
#show heading: set block(above: 1.3em, below: 0.7em)
#show link: set text(fill: rgb("#0563c1"))
"""

STYLES = {
    "symbol": '#align(right, text(weight: "bold", size: 12pt, {}))',
    "date": "#align(right, {})\n#v(1.5em)",
    "committee": '#v(1em)\n#align(center, text(weight: "bold", size: 12pt, {}))\n#v(1em)',
    "title": '#align(center, text(weight: "bold", size: 14pt, {}))',
    "title_fr": '#align(center, text(style: "italic", size: 13pt, {}))',
    "french": '#text(style: "italic", fill: rgb("#555555"), {})',
    "coverage": '#text(style: "italic", fill: rgb("#1f3864"), {})',
    "value": '#text(weight: "bold", {})',
}
_LABEL = re.compile(r"[^A-Za-z0-9_.:-]")


def string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly (less what XML cannot hold, as in every format)."""
    text = xml_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


def label(anchor: str) -> str:
    return "q-" + _LABEL.sub("-", anchor)


def _run(run: Run) -> str:
    content = string(run.text)
    # text(style:) and text(weight:) set emphasis; Typst's emph() would toggle it off inside italic styles.
    if run.italic:
        content = f'text(style: "italic", {content})'
    if run.bold:
        content = f'text(weight: "bold", {content})'
    if run.url:
        content = f"link({string(run.url)}, {content})"
    elif run.anchor:
        content = f"link(<{label(run.anchor)}>, {content})"
    return content


def _content(runs: list[Run]) -> str:
    return "[" + "".join("#" + _run(run) for run in runs) + "]" if runs else "[]"


def _indented(source: str, indent: int) -> str:
    return f"#pad(left: {indent}cm)[\n{source}\n]" if indent else source


def _paragraph(block: Paragraph) -> str:
    content = _content(block.runs)
    if block.style.startswith("heading"):
        source = f"#heading(level: {block.style[-1]}, {content})"
        return source + (f" <{label(block.anchor)}>" if block.anchor else "")
    if block.style in ("bullet", "contents"):
        return _indented(f"- {content[1:-1]}", block.indent)
    template = STYLES.get(block.style, "{}")
    source = template.format(content) if template != "{}" else content[1:-1]
    return _indented(source, block.indent)


def _rich(block: Rich) -> str:
    """Formatted answer text: paragraphs, lists, emphasis and links, every text a string literal."""
    out: list[str] = []
    lists: list[str] = []
    bold = italic = underline = 0
    href = ""
    for kind, tag, value in rich_tokens(block.html):
        if kind == "start":
            if tag in ("p", "h3", "h4", "blockquote"):
                out.append("\n\n")
            elif tag in ("ul", "ol"):
                lists.append(tag)
                out.append("\n")
            elif tag == "li":
                marker = "+" if lists and lists[-1] == "ol" else "-"
                out.append("\n" + "  " * max(len(lists) - 1, 0) + marker + " ")
            elif tag in ("strong", "b"):
                bold += 1
            elif tag in ("em", "i"):
                italic += 1
            elif tag == "u":
                underline += 1
            elif tag == "a":
                href = value
            elif tag == "br":
                out.append(" #linebreak() ")
        elif kind == "end":
            if tag in ("ul", "ol") and lists:
                lists.pop()
                out.append("\n\n")
            elif tag in ("strong", "b"):
                bold -= 1
            elif tag in ("em", "i"):
                italic -= 1
            elif tag == "u":
                underline -= 1
            elif tag == "a":
                href = ""
        elif value.strip() or out:
            content = _run(Run(value.replace("\n", " "), bold=bold > 0, italic=italic > 0, url=href))
            out.append("#" + (f"underline({content})" if underline else content))
    source = f"#text(lang: {string(block.language or 'en')})[\n{''.join(out).strip()}\n]"
    return _indented(source, block.indent)


def _table(block: Table) -> str:
    def cell(value: str, bold: bool = False) -> str:
        lines = [f'#text(weight: "bold", {string(line)})' if bold else f"#{string(line)}" for line in value.split("\n")]
        return "[" + " #linebreak() ".join(lines) + "]"

    header = ", ".join(cell(value, bold=True) for value in block.header)
    rows = ", ".join(cell(value) for row in block.rows for value in row)
    widths = ", ".join(["2fr"] * (len(block.header) - 1) + ["1fr"])
    return f"#table(columns: ({widths}), inset: 4pt, table.header({header}), {rows})"


def typst_source(blocks: list[Block], title: str) -> str:
    parts = [PREAMBLE.format(title=string(title))]
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Rich):
            parts.append(_rich(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, PageBreak):
            parts.append("#pagebreak()")
    return "\n\n".join(parts)


class PdfUnavailable(Exception):
    """The PDF could not be typeset; DOCX and XLSX still can."""


def write_pdf(blocks: list[Block], title: str) -> bytes:
    try:
        return typst.compile(typst_source(blocks, title).encode())
    except typst.TypstError as error:
        raise PdfUnavailable(f"The PDF could not be typeset: {error}") from error
