"""The layout as HTML: the in-app preview (and the input of the benchmark's WeasyPrint comparison)."""

from django.utils.html import escape

from countries.spreadsheets import xml_text
from questionnaires.sanitize import sanitize_html

from .layout import Block, PageBreak, Paragraph, Rich, Run, Table

STYLESHEET = """
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35; }
  .symbol { text-align: right; font-weight: bold; font-size: 12pt; margin: 0; }
  .date { text-align: right; margin: 0 0 2em; }
  .committee { text-align: center; font-weight: bold; font-size: 12pt; margin: 1.5em 0; }
  .title { text-align: center; font-weight: bold; font-size: 14pt; }
  .title_fr { text-align: center; font-style: italic; font-size: 13pt; }
  h1 { font-size: 14pt; margin-top: 1.4em; } h2 { font-size: 12pt; margin-top: 1.2em; }
  h3 { font-size: 11pt; margin-top: 1.1em; }
  .french { font-style: italic; color: #555; margin-top: 0; }
  .coverage { font-style: italic; color: #1f3864; }
  .value { font-weight: bold; }
  .indent-1 { margin-left: 1cm; } .indent-2 { margin-left: 2cm; }
  p { margin: .35em 0; }
  table { border-collapse: collapse; margin: .5em 0; }
  td, th { border: 1px solid #888; padding: 2px 6px; vertical-align: top; text-align: left; }
  a { color: #0563c1; }
  .page-break { page-break-after: always; }
  @page { size: A4; margin: 2cm; @bottom-center { content: counter(page); font-size: 8pt; } }
"""

HEADINGS = {"heading1": "h1", "heading2": "h2", "heading3": "h3"}


def _run(run: Run) -> str:
    text = escape(run.text)
    if run.url:
        text = f'<a href="{escape(run.url)}">{text}</a>'
    elif run.anchor:
        text = f'<a href="#{escape(run.anchor)}">{text}</a>'
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    return text


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        tag = HEADINGS.get(block.style, "li" if block.style in ("bullet", "contents") else "p")
        classes = f"{block.style} indent-{block.indent}" if block.indent else block.style
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        return f'<{tag} class="{classes}"{anchor}>{"".join(_run(run) for run in block.runs)}</{tag}>'
    if isinstance(block, Rich):
        classes = f"answer indent-{block.indent}" if block.indent else "answer"
        return f'<div class="{classes}" lang="{escape(block.language)}">{sanitize_html(block.html)}</div>'
    if isinstance(block, Table):
        header = "".join(f"<th>{escape(cell)}</th>" for cell in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell).replace(chr(10), '<br>')}</td>" for cell in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(block)


def html_pieces(blocks: list[Block], title: str):
    """The document as HTML, piece by piece, without the characters XML cannot hold."""
    yield xml_text(f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                   f"<style>{STYLESHEET}</style></head><body>")
    in_list = False
    for block in blocks:
        listed = isinstance(block, Paragraph) and block.style in ("bullet", "contents")
        if listed != in_list:
            yield "<ul>" if listed else "</ul>"
            in_list = listed
        yield xml_text(_block(block))
    yield ("</ul>" if in_list else "") + "</body></html>"


def write_html(blocks: list[Block], title: str, target=None) -> str | None:
    """The HTML document, written to the binary file ``target`` as it is made (or returned, without one)."""
    if target is None:
        return "".join(html_pieces(blocks, title))
    for piece in html_pieces(blocks, title):
        target.write(piece.encode())
    return None
