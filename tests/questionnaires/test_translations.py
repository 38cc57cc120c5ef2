import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from questionnaires.services import version_copy
from questionnaires.translations import version_texts_import, version_texts_xlsx

pytestmark = pytest.mark.django_db


def _rows(data: bytes):
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _save(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_texts_export_one_row_per_text_and_a_translated_file_comes_back(published_version):
    exported = _rows(version_texts_xlsx(published_version))
    assert exported[0] == ("key", "context", "en", "fr")
    by_key = {row[0]: row for row in exported[1:]}
    assert by_key["question:13.title"][2:] == ("Specialised units/departments/sections", "Unités/services/sections spécialisés")
    assert by_key["choice:13.3:dedicated.label"][2] == "A team working solely on these offences"
    assert len([k for k in by_key if k.startswith("item:")]) == 42

    draft = version_copy(version=published_version, label="2")
    translated = [list(row) for row in exported]
    for row in translated:
        if row[0] == "item:13.1.a.text":
            row[3] = "Dans les services répressifs"
    changed = version_texts_import(version=draft, data=_save(translated))

    assert changed == 1
    assert draft.questions.get(number="13").items.get(number="13.1.a").text_fr == "Dans les services répressifs"
    assert version_texts_import(version=draft, data=version_texts_xlsx(draft)) == 0  # round trip: no change


def test_bad_translation_files_are_refused_with_the_row_and_nothing_changes(published_version):
    draft = version_copy(version=published_version, label="2")
    rows = [list(row) for row in _rows(version_texts_xlsx(draft))]
    rows[5][3] = "changé"
    rows.append(["item:99.1.text", "", "Invented", ""])

    with pytest.raises(ValidationError) as refused:
        version_texts_import(version=draft, data=_save(rows))

    assert any(f"row {len(rows)}: unknown key “item:99.1.text”" in m for m in refused.value.messages)
    assert "changé" not in _rows(version_texts_xlsx(draft))[5]
    with pytest.raises(ValidationError, match="not a readable XLSX"):
        version_texts_import(version=draft, data=b"not a spreadsheet")
    with pytest.raises(ValidationError, match="first row must be"):
        version_texts_import(version=draft, data=_save([["a", "b"]]))


def test_a_published_version_refuses_translated_texts(published_version):
    with pytest.raises(ValidationError, match="copy it to a draft"):
        version_texts_import(version=published_version, data=version_texts_xlsx(published_version))


def test_translations_travel_through_the_admin_export_and_the_import_command(client, published_version, tmp_path):
    from django.core.management import call_command

    from tests.factories import AdministratorFactory

    version_copy(version=published_version, label="2")
    client.force_login(AdministratorFactory(is_staff=True, is_superuser=True))
    from questionnaires.models import Version

    draft = Version.objects.get(label="2")
    exported = client.post("/admin/questionnaires/version/", {"action": "export_texts", "_selected_action": [draft.pk]})
    rows = [list(row) for row in _rows(exported.content)]
    for row in rows:
        if row[0] == "section:prevention.title":
            row[3] = "Prévention (révisé)"
    path = tmp_path / "texts.xlsx"
    path.write_bytes(_save(rows))
    out = io.StringIO()

    call_command("import_translations", "ict-2017", "2", str(path), stdout=out)

    assert "1 texts updated" in out.getvalue()
    assert draft.sections.get(code="prevention").title_fr == "Prévention (révisé)"


def test_texts_that_look_like_formulas_export_as_text_and_come_back_unchanged(published_version):
    draft = version_copy(version=published_version, label="2")
    item = draft.questions.get(number="13").items.get(number="13.1.a")
    item.text_fr = "=1+1 (@ le service)\x0b"
    item.save()

    data = version_texts_xlsx(draft)

    cell = [row for row in load_workbook(io.BytesIO(data)).active.iter_rows() if row[0].value == "item:13.1.a.text"][0][3]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1 (@ le service)", "s", True)
    item.text_fr = "=1+1 (@ le service)"
    item.save()
    assert version_texts_import(version=draft, data=data) == 0
