"""The layout as PDF: Typst compiles it, in a child process, in parts when the document is long.

Typst's time and memory grow faster than the length of one source (a 6-million-character source takes
minutes and gigabytes), so a long compilation is cut at headings into parts of bounded size, each
compiled with the page numbers continuing from the previous one, and the parts are joined (qpdf,
through pikepdf). The lists of Parties and questions print each heading's page and stay links: the
parts mark where each anchor and each reference lies, a second pass prints the page numbers (in
figure-space padding, so nothing moves), and the joined PDF gets a link annotation over each reference
and an outline of the questions and Parties.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf

from .layout import Block, Paragraph
from .typst_writer import Links, block_source, typst_source

PART_CHARACTERS = 300_000  # of Typst source: about 60 pages, well within Typst's linear range
A4_HEIGHT_PT = 841.89
REFERENCE_WIDTH_PT = 420  # the clickable width of a reference line, from where it begins


class PdfUnavailable(Exception):
    """The PDF could not be typeset; DOCX and XLSX still can."""


# Run in a child process for each source: Typst keeps what it memoised until the process ends, and a
# worker that compiled one long document would otherwise hold its memory for good.
COMPILE = """
import json, sys, typst
path, root = sys.argv[1], sys.argv[2]
try:
    compiler = typst.Compiler(path, root=root)
    open(root + "/part.pdf", "wb").write(compiler.compile())
    marks = {name: json.loads(compiler.query(f"<{name}>", field="value")) for name in sys.argv[3:]}
except typst.TypstError as error:
    sys.exit(str(error))
json.dump(marks, open(root + "/marks.json", "w"))
"""
COMPILE_SECONDS = 600


def write_pdf(blocks: list[Block], title: str) -> bytes:
    sources = [block_source(block) for block in blocks]  # each block's source, written once
    parts = _parts(blocks, sources)
    if len(parts) == 1:
        return _compile(typst_source(blocks, title, body=sources), marks=())[0]
    return _compile_in_parts(blocks, sources, parts, title)


def _compile(source: str, marks: tuple[str, ...]) -> tuple[bytes, dict]:
    """The PDF of ``source`` and the values of its ``marks`` labels, compiled in a child process.

    The source is written alone into a temporary folder, which is also the compiler's root, so that
    nothing else on the disk is within its reach."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "part.typ"
        path.write_text(source, encoding="utf-8")
        try:
            result = subprocess.run([sys.executable, "-c", COMPILE, str(path), folder, *marks], capture_output=True,
                                    text=True, timeout=COMPILE_SECONDS, env={**os.environ, "PYTHONPATH": ""})
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"The PDF could not be typeset within {COMPILE_SECONDS} s.") from None
        if result.returncode != 0:
            reason = (result.stderr.strip().splitlines() or ["the typesetter stopped"])[-1]
            raise PdfUnavailable(f"The PDF could not be typeset: {reason}")
        return (Path(folder) / "part.pdf").read_bytes(), json.loads((Path(folder) / "marks.json").read_text())


def _is_cut(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style in ("heading1", "heading2")


def _parts(blocks: list[Block], sources: list[str]) -> list[list[int]]:
    """Indices of the blocks of each part: cut before a heading once a part holds enough source."""
    parts, current, size = [], [], 0
    for index, block in enumerate(blocks):
        if current and size >= PART_CHARACTERS and _is_cut(block):
            parts.append(current)
            current, size = [], 0
        current.append(index)
        size += len(sources[index]) if not isinstance(block, Paragraph) or not block.anchor else 200
    parts.append(current)
    return parts


def _references(blocks: list[Block], parts: list[list[int]]) -> list[set[str]]:
    """For each part, the anchors its links point to. In a document typeset in parts every such link is
    drawn by us once the parts are joined, whether its target lies in the same part or another."""
    return [{run.anchor for i in part if isinstance(blocks[i], Paragraph) for run in blocks[i].runs if run.anchor}
            for part in parts]


def _linked(block: Block) -> bool:
    """Whether a block's source depends on where the links of its part point (an anchor or a link to one)."""
    return isinstance(block, Paragraph) and bool(block.anchor or any(run.anchor for run in block.runs))


def _compile_part(blocks, sources, part, title, first_page, links) -> tuple[bytes, list, list]:
    """One part's PDF, the pages of its anchors and the positions of its references to other parts; only
    the blocks that carry anchors or links are written again for it."""
    body = [block_source(blocks[i], links) if _linked(blocks[i]) else sources[i] for i in part]
    source = typst_source([], title, first_page, body)
    pdf, marks = _compile(source, ("anchor-page", "reference-position") if links.remote else ("anchor-page",))
    return pdf, marks["anchor-page"], marks.get("reference-position", [])


def _compile_in_parts(blocks: list[Block], sources: list[str], parts: list[list[int]], title: str) -> bytes:
    remote = _references(blocks, parts)
    digits = 5  # pages of a part are unknown before it is laid out; five figures are room enough
    pages: dict[str, int] = {}
    compiled, first_pages, first_page = [], [], 1
    for n, part in enumerate(parts):
        pdf, anchors, references = _compile_part(blocks, sources, part, title, first_page,
                                                 Links(dict.fromkeys(remote[n], 0), digits))
        for mark in anchors:
            pages[mark["anchor"]] = first_page + mark["page"] - 1
        compiled.append([pdf, references])
        first_pages.append(first_page)
        with pikepdf.Pdf.open(io.BytesIO(pdf)) as part_pdf:
            first_page += len(part_pdf.pages)
    for n, part in enumerate(parts):  # print the pages now known
        if remote[n]:
            links = Links({anchor: pages.get(anchor, 0) for anchor in remote[n]}, digits)
            pdf, _anchors, references = _compile_part(blocks, sources, part, title, first_pages[n], links)
            compiled[n] = [pdf, references]
    headings = {block.anchor: "".join(run.text for run in block.runs) for block in blocks
                if isinstance(block, Paragraph) and block.anchor}
    return _join(compiled, first_pages, pages, headings, title)


def _join(compiled, first_pages, pages, headings, title) -> bytes:
    """The parts as one PDF (qpdf, through pikepdf), with a link over each reference and an outline of
    the anchored headings (the questions and the Parties)."""
    joined = pikepdf.Pdf.new()
    opened = [pikepdf.Pdf.open(io.BytesIO(pdf)) for pdf, _references in compiled]
    for part_pdf in opened:
        joined.pages.extend(part_pdf.pages)
    for n, (_pdf, references) in enumerate(compiled):
        for reference in references:
            target = pages.get(reference["target"])
            if target is None:
                continue
            page = joined.pages[first_pages[n] + reference["page"] - 2]
            bottom = A4_HEIGHT_PT - reference["y"] - 12
            link = joined.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Border=[0, 0, 0],
                Rect=[reference["x"], bottom, reference["x"] + REFERENCE_WIDTH_PT, bottom + 12],
                Dest=[joined.pages[target - 1].obj, pikepdf.Name.Fit],
            ))
            if "/Annots" not in page.obj:
                page.obj.Annots = pikepdf.Array()
            page.obj.Annots.append(link)
    with joined.open_outline() as outline:
        outline.root.extend(pikepdf.OutlineItem(headings[anchor], page - 1)
                            for anchor, page in sorted(pages.items(), key=lambda item: item[1]) if anchor in headings)
    joined.docinfo["/Title"] = title
    buffer = io.BytesIO()
    joined.save(buffer)
    for part_pdf in opened:
        part_pdf.close()
    return buffer.getvalue()
