"""Benchmark: compilations of replies, measured side by side in one run.

Run:  make bench-compilations   (or .venv/bin/python bench/compilations.py [PARTIES ...], default 47 200 1000;
      needs bench/requirements.txt for the WeasyPrint and pandoc comparisons)

Every Party's answer to each question holds about 1,900 words (long texts and explanations). Two-letter
ISO codes allow 676 countries, so 1,000 Parties are the 676 Parties' approved answers with 324 of them
repeated in the compilation's contents (the documents' work, read from the database once). For each
number of Parties it prints, for Question 13:
- the build of every format but PDF (DOCX, XLSX, HTML preview) and its cost per Party;
- our DOCX writer against a raw WordprocessingML write of the same paragraphs and runs (the baseline a
  writer cannot beat by much; the best of five runs each), and pandoc converting the same document's
  HTML to DOCX;
- the PDF through Typst (ours) and, on the same layout's HTML, through WeasyPrint;
- the peak memory of a build in a fresh process: every format but PDF, then with the PDF (the build's
  own peak plus that of the largest Typst child process, which run one at a time).
With 47 Parties it also builds the whole round of 16 questions (ZIP included) and the round's PDF.

Targets (issue 14): the DOCX writer ≤ 2 × the raw write; one question without PDF ≤ 0.3 s and the round
≤ 4 s; the question's PDF ≤ 3 s and ≤ 1/5 of WeasyPrint's; the round's PDF ≤ 30 s; linear growth; a
question at 1,000 Parties in ≤ 250 MiB.
"""

import copy
import html
import io
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp())

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # it reports every page it lays out

import docx
from django.conf import settings
from django.core.management import call_command

SENTENCE = ("The specialised unit of the national police works with regional officers, prosecutors and the "
            "hotline, identifies victims and co-operates with international partners. ")
PARAGRAPH = "<p>" + SENTENCE * 2 + "It <strong>reports every year</strong> to the prosecution service.</p>"
LONG_TEXT = PARAGRAPH * 12 + "<ul><li>victim identification</li><li>image analysis</li></ul>" + PARAGRAPH * 12
EXPLANATION = PARAGRAPH * 4


def setup(parties: int):
    from countries.models import Country
    from questionnaires.models import Answer, Item, ItemAnswer
    from questionnaires.services import reply_start, version_import_yaml, version_party_add, version_publish

    code = f"bench-{parties}"
    text = Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text().replace("code: ict-2017", f"code: {code}")
    version = version_publish(version=version_import_yaml(text=text))
    for index in range(parties):
        country, _ = Country.objects.get_or_create(
            iso_code=f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}",
            defaults={"name": f"Party {index:04d}", "name_fr": f"Partie {index:04d}"})
        version_party_add(version=version, country=country)
        reply_start(version=version, country=country)
    scope = ItemAnswer.objects.filter(answer__reply__version=version)
    scope.filter(item__type=Item.Type.TEXT).update(text=LONG_TEXT)
    scope.filter(item__type=Item.Type.YES_NO).update(yes_no="yes", explanation=EXPLANATION)
    scope.filter(item__type=Item.Type.NUMBER).update(number=12)
    scope.filter(item__type=Item.Type.CHOICE).update(choice="none")
    Answer.objects.filter(reply__version=version).update(state=Answer.State.APPROVED, revision=1)
    return version


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def best_of(function, repeat: int = 5):
    """The fastest of ``repeat`` runs: writers of tens of milliseconds are compared without the noise."""
    runs = [timed(function) for _ in range(repeat)]
    return runs[0][0], min(seconds for _result, seconds in runs)


def raw_docx(paragraphs: list[list[tuple[str, bool, bool]]]) -> bytes:
    """The baseline: the same paragraphs and runs as WordprocessingML text in a minimal package."""
    body = "".join(
        "<w:p>" + "".join(
            "<w:r>" + ("<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + "</w:rPr>"
                       if bold or italic else "")
            + f'<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'
            for text, bold, italic in runs) + "</w:p>"
        for runs in paragraphs)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        package.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        package.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
                                              f"<w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def runs_of(document_bytes: bytes) -> list[list[tuple[str, bool, bool]]]:
    document = docx.Document(io.BytesIO(document_bytes))
    return [[(run.text, bool(run.bold), bool(run.italic)) for run in paragraph.runs] for paragraph in document.paragraphs]


def pandoc_seconds(page: str) -> float | None:
    try:
        import pypandoc
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        _result, seconds = timed(lambda: pypandoc.convert_text(page, "docx", format="html", outputfile=str(target)))
    return seconds


def weasyprint_seconds(page: str) -> float | None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    _pdf, seconds = timed(lambda: HTML(string=page).write_pdf())
    return seconds


def peak_memory_mib(compilation_id: int, parties: int, pdf: bool) -> float:
    """The peak resident memory of a fresh process that builds the compilation's documents, in MiB."""
    output = subprocess.run(
        [sys.executable, __file__, "--build", str(compilation_id), str(parties)], check=True, capture_output=True,
        text=True, env={**os.environ, "COMPILATION_PDF": "true" if pdf else "false"},
    ).stdout.split()
    return float(output[-1])


def spec_for(compilation, parties: int):
    """The compilation's contents, with entries repeated up to ``parties`` when there are fewer."""
    from reports.services.building import compilation_spec

    spec = compilation_spec(compilation)
    for block in spec.blocks:
        entries = block.entries
        for index in range(len(entries), parties):
            entry = copy.copy(entries[index % len(entries)])
            entry.country = copy.copy(entry.country)
            entry.country.iso_code = f"R{index}"  # anchors and rows stay distinct
            entry.country.name = f"{entry.country.name} ({index})"
            block.entries.append(entry)
    spec.parties = [entry.country for entry in spec.blocks[0].entries]
    return spec


def write_all(compilation, spec) -> None:
    """What a build does once it has read the contents: every format laid out and stored."""
    from reports.services.building import _write_documents

    _write_documents(compilation, spec)


def peak_resident_mib() -> float:
    """The process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_in_this_process(compilation_id: int, parties: int) -> None:
    from reports.models import Compilation

    compilation = Compilation.objects.select_related("version__questionnaire", "question").get(pk=compilation_id)
    write_all(compilation, spec_for(compilation, parties))
    # Typst runs in child processes, one at a time: the build's peak is at most its own plus the largest.
    typst_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{peak_resident_mib() + typst_child:.1f}")


def question_figures(version, parties: int) -> dict:
    from reports import documents
    from reports.models import Compilation
    from reports.services import compilation_build

    question = version.questions.get(number="13")
    settings.COMPILATION_PDF = False
    compilation = Compilation.objects.create(kind="question", version=version, question=question, revision=1,
                                             fingerprint=f"bench-{parties}")
    distinct = version.parties.count()
    if parties <= distinct:
        _built, build_seconds = timed(lambda: compilation_build(compilation_id=compilation.pk))
    spec = spec_for(compilation, parties)
    if parties > distinct:  # the documents' work on contents read once
        _built, build_seconds = timed(lambda: write_all(compilation, spec))
    layout = documents.document_layout(spec)
    written, docx_seconds = best_of(lambda: documents.write_docx(layout))
    paragraphs = runs_of(written)
    _raw, raw_seconds = best_of(lambda: raw_docx(paragraphs))
    page = documents.write_html(layout, spec.symbol)
    _pdf, typst_seconds = timed(lambda: documents.write_pdf(layout, spec.symbol))
    settings.COMPILATION_PDF = True
    entry = spec.blocks[0].entries[0]
    words = sum(len(documents.plain_text(value.text + value.explanation).split()) for value in entry.values.values())
    return {
        "build": build_seconds, "docx": docx_seconds, "raw": raw_seconds, "typst": typst_seconds,
        "weasyprint": weasyprint_seconds(page) if parties <= 200 else None,
        "pandoc": pandoc_seconds(page), "words": words,
        "memory": peak_memory_mib(compilation.pk, parties, pdf=False),
        "memory_pdf": peak_memory_mib(compilation.pk, parties, pdf=True),
        "paragraphs": len(paragraphs),
    }


def round_figures(version) -> tuple[float, float]:
    from reports import documents
    from reports.models import Compilation
    from reports.services import compilation_build
    from reports.services.building import compilation_spec

    settings.COMPILATION_PDF = False
    compilation = Compilation.objects.create(kind="round", version=version, revision=1, fingerprint="bench")
    _built, build_seconds = timed(lambda: compilation_build(compilation_id=compilation.pk))
    spec = compilation_spec(compilation)
    layout = documents.document_layout(spec)
    _pdf, pdf_seconds = timed(lambda: documents.write_pdf(layout, spec.symbol))
    return build_seconds, pdf_seconds


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def main(sizes: list[int]):
    call_command("migrate", verbosity=0)
    print(f"{'Parties':>7} | {'question s':>10} {'ms/Party':>8} | {'docx s':>6} {'raw s':>6} {'ratio':>5} "
          f"{'pandoc s':>8} | {'typst s':>7} {'weasy s':>7} {'ratio':>5} | {'MiB':>5} {'+PDF MiB':>8}")
    versions = {}
    for parties in sizes:
        real = min(parties, 676)
        versions[real] = version = versions.get(real) or setup(real)
        figures = question_figures(version, parties)
        weasy = figures["weasyprint"]
        ratio = f"{weasy / figures['typst']:.0f}x" if weasy else "—"
        print(f"{parties:>7} | {figures['build']:>10.2f} {1000 * figures['build'] / parties:>8.2f} | "
              f"{figures['docx']:>6.2f} {figures['raw']:>6.2f} {figures['docx'] / figures['raw']:>5.2f} "
              f"{seconds(figures['pandoc']):>8} | {figures['typst']:>7.2f} {seconds(weasy):>7} {ratio:>5} | "
              f"{figures['memory']:>5.0f} {figures['memory_pdf']:>8.0f}   ({figures['words']} words per Party, "
              f"{figures['paragraphs']} paragraphs in the DOCX)", flush=True)
        if parties == 47:
            round_seconds, round_pdf = round_figures(version)
            print(f"{'':>7}   the round of 16 questions at 47 Parties: every format but PDF (ZIP included) "
                  f"{round_seconds:.2f} s, its PDF {round_pdf:.2f} s", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_in_this_process(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [47, 200, 1000])
