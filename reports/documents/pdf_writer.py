"""The layout's HTML as PDF (WeasyPrint), with no external resource loaded."""


class PdfUnavailable(Exception):
    """PDF output cannot be produced here (e.g. the Pango library is missing); DOCX and XLSX still can."""


def write_pdf(html: str) -> bytes:
    try:
        # Imported only when a PDF is asked for: WeasyPrint is heavy and needs system libraries that a
        # server may lack, and DOCX and XLSX must still work without them.
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"PDF output is not available on this server: {error}") from error
    # Compilations load no external resource: no protocol is allowed (file:, http:, data: alike).
    refuse_everything = URLFetcher(allowed_protocols=(), allow_redirects=False)
    return HTML(string=html, url_fetcher=refuse_everything).write_pdf()
