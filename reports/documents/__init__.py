"""Writers of compilation documents, one module per format, all rendering one layout (``layout``):

- ``layout``: what a document says and in which order (the committee's ``_bil`` form);
- ``docx_writer``: DOCX (python-docx); ``html_writer``: the HTML preview and the PDF's source;
- ``pdf_writer``: PDF (WeasyPrint); ``xlsx_writer``: the working table (openpyxl);
- ``text``: values in words, in English and French.
"""

from .docx_writer import write_docx
from .html_writer import write_html
from .layout import DocumentSpec, coverage_lines, document_layout
from .pdf_writer import PdfUnavailable, write_pdf
from .text import plain_text, value_text
from .xlsx_writer import write_xlsx

__all__ = ["DocumentSpec", "PdfUnavailable", "coverage_lines", "document_layout", "plain_text", "value_text",
           "write_docx", "write_html", "write_pdf", "write_xlsx"]
