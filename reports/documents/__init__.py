"""Writers of compilation documents, one module per format, all rendering one layout (``layout``):

- ``layout``: what a document says and in which order (the committee's ``_bil`` form);
- ``contributions``: the part on other stakeholders, and the layout with it;
- ``docx_writer``: DOCX (WordprocessingML into python-docx's template); ``html_writer``: the preview;
- ``rich``: formatted answer text as tokens, for the DOCX and Typst writers;
- ``typst_writer``: the layout as Typst source; ``pdf_writer``: PDF, in parts when long;
- ``xlsx_writer``: the working table (openpyxl);
- ``text``: values in words, in English and French.
"""

from .contributions import compiled_layout, compiled_section
from .docx_writer import DocxBuilder, write_docx
from .html_writer import write_html
from .layout import DocumentSpec, PageBreak, coverage_lines, document_layout, front_matter, question_section
from .pdf_writer import PdfUnavailable, write_pdf
from .text import plain_text, value_text
from .xlsx_writer import question_table, write_xlsx

__all__ = ["DocumentSpec", "DocxBuilder", "PageBreak", "PdfUnavailable", "compiled_layout", "compiled_section",
           "coverage_lines", "document_layout", "front_matter", "plain_text", "question_section", "question_table",
           "value_text", "write_docx", "write_html", "write_pdf", "write_xlsx"]
