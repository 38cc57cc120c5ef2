"""The layout as Typst source (the ``typst`` package bundles the compiler; ``pdf_writer`` compiles it).

Every text goes into the source as a string literal, never as markup, so no answer can change the
document's structure or reach the file system: the compiler is given no file but the source, and Typst
reads nothing that the source does not name.
"""

import re

from countries.spreadsheets import xml_text

from .layout import Block, PageBreak, Paragraph, Rich, Run, Table
from .rich import rich_events

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


class Links:
    """Where the links of one source point. A whole document links to its own labels; a part of a long
    document compiled on its own (``pdf_writer``) prints the page of an anchor that lies in another part
    (``remote``: anchor -> page, 0 until known) and marks its anchors and those references, so that their
    pages and positions can be read back."""

    def __init__(self, remote: dict[str, int] | None = None, digits: int = 4):
        self.remote = remote or {}
        self.digits = digits
        self.marks = remote is not None

    def page_number(self, anchor: str) -> str:
        """The page of an anchor as content, right-aligned after dot leaders. Figure spaces pad it to a
        fixed width, so a part is laid out the same way before and after its remote pages are known."""
        if anchor in self.remote:
            number = str(self.remote[anchor]) if self.remote[anchor] else ""
            page = string("\u2007" * (self.digits - len(number)) + number)
        else:
            page = (f'context {{ let n = str(counter(page).at(<{label(anchor)}>).first()); '
                    f'"\u2007" * calc.max(0, {self.digits} - n.len()) + n }}')
        return f"box(width: 1fr, repeat[.]) + {page}"


LOCAL = Links()


def _run(run: Run, links: Links = LOCAL) -> str:
    content = string(run.text)
    # text(style:) and text(weight:) set emphasis; Typst's emph() would toggle it off inside italic styles.
    if run.italic:
        content = f'text(style: "italic", {content})'
    if run.bold:
        content = f'text(weight: "bold", {content})'
    if run.url:
        content = f"link({string(run.url)}, {content})"
    elif run.anchor in links.remote:
        # A link annotation is laid over it once the parts are joined: it looks like the other links.
        content = f'text(fill: rgb("#0563c1"), {content} + [ ] + {links.page_number(run.anchor)})'
    elif run.anchor:
        content = f"link(<{label(run.anchor)}>, {content} + [ ] + {links.page_number(run.anchor)})"
    return content


def _content(runs: list[Run], links: Links = LOCAL) -> str:
    return "[" + "".join("#" + _run(run, links) for run in runs) + "]" if runs else "[]"


def _indented(source: str, indent: int) -> str:
    return f"#pad(left: {indent}cm)[\n{source}\n]" if indent else source


def _marks(block: Paragraph, links: Links) -> tuple[str, str]:
    """Invisible metadata: the page of the block's anchor, and the position of its remote references."""
    if not links.marks:
        return "", ""
    anchor = (f"#context [#metadata((anchor: {string(block.anchor)}, page: here().page()))<anchor-page>]"
              if block.anchor else "")
    references = "".join(
        f"#context [#metadata((target: {string(run.anchor)}, page: here().page(), x: here().position().x / 1pt, "
        f"y: here().position().y / 1pt))<reference-position>]"
        for run in block.runs if run.anchor in links.remote)
    return anchor, references


def _paragraph(block: Paragraph, links: Links = LOCAL) -> str:
    anchor_mark, reference_marks = _marks(block, links)
    content = _content(block.runs, links)
    if anchor_mark:
        content = f"[{anchor_mark}{content[1:]}"
    if block.style.startswith("heading"):
        source = f"#heading(level: {block.style[-1]}, {content})"
        return source + (f" <{label(block.anchor)}>" if block.anchor else "")
    if block.style in ("bullet", "contents"):
        return _indented(f"- {reference_marks}{content[1:-1]}", block.indent)
    template = STYLES.get(block.style, "{}")
    source = template.format(content) if template != "{}" else content[1:-1]
    return _indented(reference_marks + source, block.indent)


def _rich(block: Rich) -> str:
    """Formatted answer text: paragraphs, lists, emphasis and links, every text a string literal."""
    out: list[str] = []
    for kind, tag, value in rich_events(block.html):
        if kind == "start" and tag in ("p", "h3", "h4", "blockquote"):
            out.append("\n\n")
        elif tag in ("ul", "ol"):
            out.append("\n" if kind == "start" else "\n\n")
        elif kind == "start" and tag == "li":
            out.append("\n" + "  " * (value.depth - 1) + ("+" if value.ordered else "-") + " ")
        elif kind == "br":
            out.append(" #linebreak() ")
        elif kind == "text" and (value.text.strip() or out):
            content = _run(Run(value.text.replace("\n", " "), bold=value.bold, italic=value.italic, url=value.href))
            out.append("#" + (f"underline({content})" if value.underline else content))
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


def block_source(block: Block, links: Links = LOCAL) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block, links)
    if isinstance(block, Rich):
        return _rich(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, PageBreak):
        return "#pagebreak()"
    raise TypeError(block)


def typst_source(blocks: list[Block], title: str, first_page: int = 1, body: list[str] | None = None) -> str:
    """A whole source: the preamble, then ``body`` (the blocks' sources) numbered from ``first_page``."""
    parts = [PREAMBLE.format(title=string(title))]
    if first_page != 1:
        parts.append(f"#counter(page).update({first_page})")
    parts += body if body is not None else [block_source(block) for block in blocks]
    return "\n\n".join(parts)
