import pytest

from questionnaires.models import Choice, Item, Question, Questionnaire, Section, Version
from questionnaires.services import version_import_yaml, version_publish
from questionnaires.yaml_format import QuestionnaireFormatError, parse_questionnaire_yaml
from tests.conftest import shared_data_file

pytestmark = pytest.mark.django_db

MINIMAL = """\
code: mini
version: "1"
title: {en: Mini, fr: Mini}
sections:
  - code: s
    title: {en: Section}
    questions:
      - number: "1"
        title: {en: First}
        items:
          - number: "1.1"
            type: text
            text: {en: Describe}
"""


def test_demo_questionnaire_imports_as_a_draft_with_16_questions_and_42_items(demo_yaml):
    version = version_import_yaml(text=demo_yaml)

    assert version.status == Version.Status.DRAFT
    assert str(version) == ("Protection of children against sexual exploitation and sexual abuse facilitated by "
                            "information and communication technologies (ICTs), version 1")
    assert version.deadline.isoformat() == "2017-10-25"
    assert version.questionnaire.round_number == 2
    assert version.sections.count() == 4
    assert version.questions.count() == 16
    assert Item.objects.filter(question__version=version).count() == 42
    q13 = version.questions.get(number="13")
    assert q13.title_fr == "Unités/services/sections spécialisés"
    assert q13.references == ["Lanzarote Art. 34", "MNR 4", "MNR 5", "MNR 7"]
    numbers = list(q13.items.values_list("number", flat=True))
    assert numbers[:4] == ["13.1", "13.1.a", "13.1.b", "13.1.c"]
    law_enforcement = q13.items.get(number="13.1.a")
    assert law_enforcement.parent.number == "13.1"
    assert law_enforcement.type == Item.Type.YES_NO and law_enforcement.explain and law_enforcement.required
    assert list(q13.items.get(number="13.3").choices.values_list("code", flat=True)) == [
        "dedicated", "cybercrime", "children", "persons", "none"
    ]
    assert version.questions.get(number="6").items.get(number="6.2").minimum == 0
    assert not version.questions.get(number="5").items.get(number="5.2").required


def test_the_shipped_copy_matches_the_shared_definition(demo_yaml):
    shared = shared_data_file("questionnaires/ict-round-2017.yaml")
    assert shared.read_text(encoding="utf-8") == demo_yaml


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (MINIMAL.replace("type: text", "type: txt"),
         'line 12, sections[0].questions[0].items[0].type: unknown item type “txt”'),
        (MINIMAL.replace("code: mini\n", ""), "line 1: missing required key “code”"),
        (MINIMAL.replace("            text: {en: Describe}\n", ""),
         "sections[0].questions[0].items[0]: missing required key “text”"),
        (MINIMAL.replace('number: "1.1"', 'number: "2.1"'),
         "line 11, sections[0].questions[0].items[0].number: item 2.1 must be numbered under 1"),
        (MINIMAL.replace("type: text", "type: choice"), "a choice item needs “choices”"),
        (MINIMAL.replace("type: text", "type: text\n            min: 3"), "line 13, sections[0].questions[0].items[0].min: only number items have bounds"),
        (MINIMAL.replace("title: {en: First}", "title: First"), "expected English and French texts"),
        (MINIMAL.replace("title: {en: Section}", "title: {en: Section, de: Abschnitt}"),
         "line 6, sections[0].title.de: unknown key (allowed: en, fr)"),
        (MINIMAL + "    colour: blue\n", "line 14, sections[0].colour: unknown key"),
        (MINIMAL.replace("sections:", "deadline: soon\nsections:"), "“soon” is not a date"),
        (MINIMAL.replace("title: {en: Mini, fr: Mini}", "title: {en: Mini, fr: [Mini"), "not valid YAML"),
        (MINIMAL.replace("code: s\n", "code: s\n    code: t\n"), "line 6: duplicate key “code”"),
        ("- just\n- a list\n", "line 1: expected a mapping"),
    ],
)
def test_malformed_files_are_refused_with_line_and_field(broken, expected):
    with pytest.raises(QuestionnaireFormatError) as refused:
        version_import_yaml(text=broken)

    assert any(expected in error for error in refused.value.errors), refused.value.errors
    assert not Questionnaire.objects.exists()
    assert not Version.objects.exists()


def test_groups_nest_only_one_level():
    nested = MINIMAL.replace(
        """          - number: "1.1"
            type: text
            text: {en: Describe}
""",
        """          - number: "1.1"
            type: group
            text: {en: Group}
            items:
              - number: "1.1.a"
                type: group
                text: {en: Inner}
                items:
                  - {number: "1.1.a.i", type: text, text: {en: Deep}}
""",
    )
    with pytest.raises(QuestionnaireFormatError, match="groups may nest only one level"):
        parse_questionnaire_yaml(nested)


def test_duplicate_item_numbers_are_refused():
    duplicated = MINIMAL + """          - number: "1.1"
            type: text
            text: {en: Again}
"""
    with pytest.raises(QuestionnaireFormatError, match="item 1.1 appears twice"):
        parse_questionnaire_yaml(duplicated)


def test_yaml_aliases_are_refused_so_alias_bombs_cannot_expand():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    with pytest.raises(QuestionnaireFormatError, match="anchors and aliases"):
        parse_questionnaire_yaml(bomb)


def test_oversized_files_are_refused():
    with pytest.raises(QuestionnaireFormatError, match="larger than"):
        parse_questionnaire_yaml(MINIMAL + "#" * 3_000_000)


def test_an_error_late_in_the_file_leaves_nothing_half_imported(demo_yaml):
    broken = demo_yaml.replace('number: "16.2"\n            type: files', 'number: "16.2"\n            type: file')

    with pytest.raises(QuestionnaireFormatError, match="unknown item type “file”"):
        version_import_yaml(text=broken)

    assert not Question.objects.exists() and not Section.objects.exists() and not Choice.objects.exists()


def test_a_published_version_is_never_replaced_by_an_import(demo_yaml):
    version_publish(version=version_import_yaml(text=demo_yaml))

    with pytest.raises(QuestionnaireFormatError, match="already published"):
        version_import_yaml(text=demo_yaml.replace("Research", "Studies"), replace_draft=True)

    assert Version.objects.get().questions.get(number="5").title_en == "Research"


def test_a_draft_is_replaced_only_when_asked(demo_yaml):
    version_import_yaml(text=demo_yaml)
    with pytest.raises(QuestionnaireFormatError, match="draft version 1 of ict-2017 already exists"):
        version_import_yaml(text=demo_yaml)

    version = version_import_yaml(text=demo_yaml.replace("title: {en: \"Research\"", "title: {en: \"Studies\""),
                                  replace_draft=True)

    assert Version.objects.count() == 1
    assert version.questions.get(number="5").title_en == "Studies"


def test_import_command_reports_errors_without_a_traceback(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("type: text", "type: txt"), encoding="utf-8")

    with pytest.raises(CommandError, match="line 12.*unknown item type"):
        call_command("import_questionnaire", str(path))


def test_import_command_can_publish(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL, encoding="utf-8")

    call_command("import_questionnaire", str(path), "--publish")

    assert Version.objects.get().status == Version.Status.PUBLISHED
    assert "Imported Mini, version 1 (published)" in capsys.readouterr().out


@pytest.mark.parametrize("change, expected", [
    (("code: mini\n", "code: mini\nround: 99999999999999999999\n"), "round: must be between 0 and 32767"),
    (("            text: {en: Describe}\n",
      "            text: {en: Describe}\n            type: number\n            min: -99999999999999999999\n"),
     "min: must be between"),
    (("title: {en: Mini, fr: Mini}", 'title: {en: "Mini \\ud800", fr: Mini}'), "not valid Unicode"),
    (("title: {en: Mini, fr: Mini}", 'title: {en: "Mini \\0", fr: Mini}'), "a NUL character"),
])
def test_values_the_database_cannot_hold_are_refused_with_the_line(change, expected):
    text = MINIMAL.replace(*change)
    if "type: number" in text:
        text = text.replace("            type: text\n", "")

    with pytest.raises(QuestionnaireFormatError, match=expected):
        version_import_yaml(text=text)

    assert not Version.objects.exists()


def test_deeply_nested_yaml_is_refused_with_a_message():
    text = MINIMAL + "extra: " + "[" * 5000 + "]" * 5000 + "\n"

    with pytest.raises(QuestionnaireFormatError, match="nested too deeply"):
        version_import_yaml(text=text)
