"""Benchmark: compilation build times for 47 and 200 countries with about three pages per answer.

Run:  .venv/bin/python bench/compilations.py [COUNTRIES ...]   (default: 47 200)

Prints, per number of countries: the worker time of one question's compilation (DOCX + XLSX + HTML),
the DOCX writer alone against a bare python-docx write of the same paragraphs (ratio), and the
whole 16-question round. PDF is measured separately for one question. Targets: one question's DOCX
≤ 1 s, the round ≤ 10 s, DOCX writer ≤ 1.5 × the bare write.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["DJANGO_MEDIA_ROOT"] = tempfile.mkdtemp()

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

PAGE = "".join(
    f"<p>Paragraph {n}: the specialised unit of the national police works with <strong>regional officers</strong>, "
    "prosecutors and the hotline; it identifies victims, analyses seized material and co-operates with "
    "international partners through Europol and Interpol, under the supervision of the prosecution service.</p>"
    for n in range(12)
)
THREE_PAGES = PAGE * 3


def setup(countries: int):
    from countries.models import Country
    from questionnaires.models import Answer, Item, ItemAnswer
    from questionnaires.services import reply_start, version_import_yaml, version_party_add, version_publish

    code = f"bench-{countries}"
    text = Path(settings.DEMO_QUESTIONNAIRE_YAML).read_text().replace("code: ict-2017", f"code: {code}")
    version = version_publish(version=version_import_yaml(text=text))
    for index in range(countries):
        iso = f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"
        country, _ = Country.objects.get_or_create(iso_code=iso, defaults={"name": f"Country {index:03d}"})
        version_party_add(version=version, country=country)
        reply_start(version=version, country=country)
    scope = ItemAnswer.objects.filter(answer__reply__version=version)
    scope.filter(item__type=Item.Type.TEXT).update(text=THREE_PAGES)
    scope.filter(item__type=Item.Type.YES_NO).update(yes_no="yes", explanation=PAGE)
    scope.filter(item__type=Item.Type.NUMBER).update(number=12)
    scope.filter(item__type=Item.Type.CHOICE).update(choice="none")
    Answer.objects.filter(reply__version=version).update(state=Answer.State.APPROVED, revision=1)
    return version


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def bare_docx(texts: list[str]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main(sizes):
    from reports import documents
    from reports.models import Compilation
    from reports.services import compilation_build
    from reports.services.building import compilation_spec

    call_command("migrate", verbosity=0)
    settings.COMPILATION_PDF = False
    print(f"{'countries':>9} | {'question build s':>16} {'docx s':>7} {'bare docx s':>11} {'ratio':>6} | "
          f"{'round build s':>13} | {'question pdf s':>14}")
    for countries in sizes:
        version = setup(countries)
        question = version.questions.get(number="13")
        compilation = Compilation.objects.create(kind="question", version=version, question=question,
                                                 revision=1, fingerprint="bench")
        _built, question_seconds = timed(lambda: compilation_build(compilation_id=compilation.pk))
        spec = compilation_spec(compilation)
        layout = documents.document_layout(spec)
        written, docx_seconds = timed(lambda: documents.write_docx(layout))
        texts = [p.text for p in docx.Document(io.BytesIO(written)).paragraphs]
        _bare, bare_seconds = timed(lambda: bare_docx(texts))
        round_compilation = Compilation.objects.create(kind="round", version=version, revision=1,
                                                       fingerprint="bench")
        _round, round_seconds = timed(lambda: compilation_build(compilation_id=round_compilation.pk))
        html = documents.write_html(layout, spec.symbol)
        _pdf, pdf_seconds = timed(lambda: documents.write_pdf(html))
        print(f"{countries:>9} | {question_seconds:>16.2f} {docx_seconds:>7.2f} {bare_seconds:>11.2f} "
              f"{docx_seconds / bare_seconds:>6.2f} | {round_seconds:>13.2f} | {pdf_seconds:>14.2f}"
              f"   ({len(texts)} paragraphs in the question DOCX)")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [47, 200])
