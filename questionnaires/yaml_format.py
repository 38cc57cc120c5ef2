"""Questionnaire definitions written in the project's YAML schema, read and written.

``parse_questionnaire_yaml`` turns the text into a tree of plain specs or raises
QuestionnaireFormatError listing every problem with its line and field, e.g.
``line 42, sections[1].questions[0].items[2].type: unknown item type "txt"``; parsing touches no
database. ``version_as_document`` and ``dump_version_yaml`` read a stored version back into the schema.
"""

import datetime
import re
from dataclasses import dataclass, field

import yaml

from .models import NUMBER_RANGE
from .sanitize import LONE_SURROGATE

MAX_YAML_BYTES = 2_000_000
ITEM_TYPES = ("text", "yes_no", "choice", "multi_choice", "number", "files", "group")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
QUESTION_NUMBER = re.compile(r"^[0-9A-Za-z]+$")
ISO_CODE = re.compile(r"^[A-Z]{2}$")
# The round number is a small positive integer column (item bounds: models.NUMBER_RANGE).
ROUND_RANGE = (0, 32767)


class QuestionnaireFormatError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Text:
    en: str
    fr: str = ""


@dataclass
class Addressee:
    """A Party named by ISO code in ``addressees``, with where it was written (for the import's errors)."""
    code: str
    where: str = field(default="", compare=False, repr=False)


@dataclass
class ChoiceSpec:
    code: str
    label: Text


@dataclass
class ItemSpec:
    number: str
    type: str
    text: Text
    explain: bool = False
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    previous_number: str = ""
    choices: list[ChoiceSpec] = field(default_factory=list)
    items: list["ItemSpec"] = field(default_factory=list)
    addressees: list["Addressee"] = field(default_factory=list)


@dataclass
class QuestionSpec:
    number: str
    title: Text
    references: list[str]
    help: Text | None
    items: list[ItemSpec]
    addressees: list["Addressee"] = field(default_factory=list)


@dataclass
class SectionSpec:
    code: str
    title: Text
    questions: list[QuestionSpec]


@dataclass
class QuestionnaireSpec:
    code: str
    version: str
    title: Text
    round: int | None
    deadline: datetime.date | None
    languages: list[str]
    sections: list[SectionSpec]

    def questions(self):
        return [question for section in self.sections for question in section.questions]

    def items(self):
        """Every item, depth first, groups included."""
        def walk(items):
            for item in items:
                yield item
                yield from walk(item.items)
        return [item for question in self.questions() for item in walk(question.items)]


class _Map(dict):
    line = 0

    def __init__(self):
        super().__init__()
        self.key_lines = {}


class _Seq(list):
    line = 0

    def __init__(self):
        super().__init__()
        self.item_lines = []


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping key and sequence entry."""


def _construct_map(loader, node):
    mapping = _Map()
    mapping.line = node.start_mark.line + 1
    yield mapping
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int)):
            raise QuestionnaireFormatError([f"line {line}: a key must be a plain word"])
        if key in mapping:
            raise QuestionnaireFormatError([f"line {line}: duplicate key “{key}”"])
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line


def _construct_seq(loader, node):
    sequence = _Seq()
    sequence.line = node.start_mark.line + 1
    yield sequence
    for child in node.value:
        sequence.append(loader.construct_object(child, deep=True))
        sequence.item_lines.append(child.start_mark.line + 1)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _load(text: str):
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise QuestionnaireFormatError([f"The file is larger than {MAX_YAML_BYTES // 1_000_000} MB."])
    try:
        # Anchors and aliases have no use in a questionnaire and allow "billion laughs" files.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise QuestionnaireFormatError([f"line {line}: YAML anchors and aliases (& and *) are not allowed"])
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except RecursionError:
        raise QuestionnaireFormatError(["The file is nested too deeply to be a questionnaire."]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise QuestionnaireFormatError([f"{where}not valid YAML ({problem})"]) from None


class _Checker:
    """Walks the loaded document, collecting errors with their line and path."""

    def __init__(self):
        self.errors: list[str] = []

    def error(self, line: int, path: str, message: str):
        self.errors.append(f"line {line}, {path}: {message}" if path else f"line {line}: {message}")

    def mapping(self, value, line, path, *, required=(), optional=()):
        if not isinstance(value, _Map):
            self.error(line, path, "expected a mapping of keys to values")
            return None
        for key in required:
            if key not in value:
                self.error(value.line, path, f"missing required key “{key}”")
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                self.error(value.key_lines[key], _join(path, key), f"unknown key (allowed: {allowed})")
        return value

    def sequence(self, mapping, key, path, *, required=True):
        if key not in mapping:
            return []
        value = mapping[key]
        line = mapping.key_lines[key]
        if not isinstance(value, _Seq):
            self.error(line, _join(path, key), "expected a list")
            return []
        if required and not value:
            self.error(line, _join(path, key), "must not be empty")
        return list(zip(value, value.item_lines))

    def string(self, mapping, key, path, *, pattern=None, max_length=None, default=None):
        if key not in mapping:
            return default
        value = mapping[key]
        line = mapping.key_lines[key]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(line, _join(path, key), "expected text")
            return default
        value = str(value).strip()
        if not value:
            self.error(line, _join(path, key), "must not be empty")
        elif LONE_SURROGATE.search(value):
            self.error(line, _join(path, key), "holds a character that is not valid Unicode (a lone \\u escape)")
        elif "\x00" in value:
            self.error(line, _join(path, key), "holds a NUL character (\\0), which no text may hold")
        elif pattern and not pattern.match(value):
            self.error(line, _join(path, key), f"“{value}” is not allowed here")
        elif max_length and len(value) > max_length:
            self.error(line, _join(path, key), f"longer than {max_length} characters")
        return value

    def boolean(self, mapping, key, path, default):
        if key not in mapping:
            return default
        value = mapping[key]
        if not isinstance(value, bool):
            self.error(mapping.key_lines[key], _join(path, key), "expected true or false")
            return default
        return value

    def integer(self, mapping, key, path, *, within: tuple[int, int]):
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(mapping.key_lines[key], _join(path, key), "expected a whole number")
            return None
        if not within[0] <= value <= within[1]:
            self.error(mapping.key_lines[key], _join(path, key), f"must be between {within[0]} and {within[1]}")
            return None
        return value

    def addressees(self, mapping, path) -> list[Addressee]:
        codes = []
        for index, (code, line) in enumerate(self.sequence(mapping, "addressees", path)):
            where = f"line {line}, {_join(path, 'addressees')}[{index}]"
            if not isinstance(code, str) or not ISO_CODE.match(code):
                self.errors.append(f"{where}: “{code}” is not a country's ISO code such as BE or LU")
            elif code in [c.code for c in codes]:
                self.errors.append(f"{where}: {code} appears twice")
            else:
                codes.append(Addressee(code=code, where=where))
        return codes

    def text(self, mapping, key, path, *, required=True):
        if key not in mapping:
            return None
        value = mapping[key]
        line = mapping.key_lines[key]
        path = _join(path, key)
        if isinstance(value, str):
            self.error(line, path, "expected English and French texts, e.g. {en: ..., fr: ...}")
            return None
        texts = self.mapping(value, line, path, required=("en",), optional=("fr",))
        if texts is None:
            return None
        en = self.string(texts, "en", path, default="")
        fr = self.string(texts, "fr", path, default="")
        return Text(en=en or "", fr=fr or "")


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def parse_questionnaire_yaml(text: str) -> QuestionnaireSpec:
    """Parse and validate a questionnaire definition; raise QuestionnaireFormatError on any problem."""
    document = _load(text)
    check = _Checker()
    root = check.mapping(
        document, 1, "",
        required=("code", "version", "title", "sections"),
        optional=("round", "deadline", "languages"),
    )
    if root is None:
        raise QuestionnaireFormatError(check.errors)

    spec = QuestionnaireSpec(
        code=check.string(root, "code", "", pattern=SLUG, max_length=50),
        version=check.string(root, "version", "", max_length=20),
        title=check.text(root, "title", ""),
        round=check.integer(root, "round", "", within=ROUND_RANGE),
        deadline=_deadline(check, root),
        languages=[],
        sections=[],
    )
    if spec.round is not None and spec.round < 1:
        check.error(root.key_lines["round"], "round", "must be 1 or more")
    for index, (language, line) in enumerate(check.sequence(root, "languages", "")):
        if not isinstance(language, str) or not LANGUAGE_CODE.match(language):
            check.error(line, f"languages[{index}]", f"“{language}” is not a language code such as en or fr")
        else:
            spec.languages.append(language)
    spec.languages = spec.languages or ["en", "fr"]

    seen_sections, seen_questions, seen_items = set(), set(), set()
    for s_index, (section, s_line) in enumerate(check.sequence(root, "sections", "")):
        s_path = f"sections[{s_index}]"
        section = check.mapping(section, s_line, s_path, required=("code", "title", "questions"))
        if section is None:
            continue
        section_spec = SectionSpec(
            code=check.string(section, "code", s_path, pattern=SLUG, max_length=50),
            title=check.text(section, "title", s_path),
            questions=[],
        )
        if section_spec.code in seen_sections:
            check.error(section.key_lines["code"], f"{s_path}.code", f"section “{section_spec.code}” appears twice")
        seen_sections.add(section_spec.code)
        spec.sections.append(section_spec)

        for q_index, (question, q_line) in enumerate(check.sequence(section, "questions", s_path)):
            q_path = f"{s_path}.questions[{q_index}]"
            question = check.mapping(
                question, q_line, q_path, required=("number", "title", "items"),
                optional=("references", "help", "addressees"),
            )
            if question is None:
                continue
            number = check.string(question, "number", q_path, pattern=QUESTION_NUMBER, max_length=20)
            if number in seen_questions:
                check.error(question.key_lines["number"], f"{q_path}.number", f"question {number} appears twice")
            seen_questions.add(number)
            references = []
            for r_index, (reference, r_line) in enumerate(
                check.sequence(question, "references", q_path, required=False)
            ):
                if not isinstance(reference, str) or not reference.strip():
                    check.error(r_line, f"{q_path}.references[{r_index}]", "expected text")
                else:
                    references.append(reference.strip())
            section_spec.questions.append(QuestionSpec(
                number=number,
                title=check.text(question, "title", q_path),
                references=references,
                help=check.text(question, "help", q_path),
                items=_items(check, question, q_path, number, depth=0, seen=seen_items),
                addressees=check.addressees(question, q_path),
            ))

    if check.errors:
        raise QuestionnaireFormatError(check.errors)
    return spec


def _deadline(check: _Checker, root: _Map):
    if "deadline" not in root:
        return None
    value = root["deadline"]
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        check.error(root.key_lines["deadline"], "deadline", f"“{value}” is not a date (YYYY-MM-DD)")
        return None


def _items(check: _Checker, parent: _Map, path: str, parent_number, *, depth: int, seen: set) -> list[ItemSpec]:
    specs = []
    for index, (item, line) in enumerate(check.sequence(parent, "items", path)):
        i_path = f"{path}.items[{index}]"
        item = check.mapping(
            item, line, i_path,
            required=("number", "type", "text"),
            optional=("explain", "required", "min", "max", "choices", "items", "previous_number", "addressees"),
        )
        if item is None:
            continue
        number = check.string(item, "number", i_path, max_length=20)
        if number and parent_number and not number.startswith(f"{parent_number}."):
            check.error(item.key_lines["number"], f"{i_path}.number",
                        f"item {number} must be numbered under {parent_number} (e.g. {parent_number}.1)")
        if number in seen:
            check.error(item.key_lines["number"], f"{i_path}.number", f"item {number} appears twice")
        seen.add(number)

        kind = check.string(item, "type", i_path)
        if kind is not None and kind not in ITEM_TYPES:
            check.error(item.key_lines["type"], f"{i_path}.type",
                        f"unknown item type “{kind}” (expected one of: {', '.join(ITEM_TYPES)})")
        spec = ItemSpec(
            number=number,
            type=kind,
            text=check.text(item, "text", i_path),
            explain=check.boolean(item, "explain", i_path, default=False),
            required=check.boolean(item, "required", i_path, default=kind != "group"),
            minimum=check.integer(item, "min", i_path, within=NUMBER_RANGE),
            maximum=check.integer(item, "max", i_path, within=NUMBER_RANGE),
            previous_number=check.string(item, "previous_number", i_path, max_length=20, default="") or "",
            addressees=check.addressees(item, i_path),
        )

        def refuse(key, reason):
            if key in item:
                check.error(item.key_lines[key], f"{i_path}.{key}", reason)

        if kind == "group":
            refuse("explain", "a group answers nothing itself, so it has no explanation box")
            refuse("required", "a group answers nothing itself; mark its items as required instead")
            if depth > 0:
                check.error(item.key_lines["type"], f"{i_path}.type", "groups may nest only one level")
            elif "items" not in item:
                check.error(item.line, i_path, "a group needs “items”")
            else:
                spec.items = _items(check, item, i_path, number, depth=depth + 1, seen=seen)
        else:
            refuse("items", f"only a group has sub-items, not a {kind} item")
        if kind != "number":
            refuse("min", "only number items have bounds")
            refuse("max", "only number items have bounds")
        elif spec.minimum is not None and spec.maximum is not None and spec.minimum > spec.maximum:
            check.error(item.key_lines["min"], f"{i_path}.min", "min is greater than max")
        if kind in ("choice", "multi_choice"):
            if "choices" not in item:
                check.error(item.line, i_path, f"a {kind} item needs “choices”")
            spec.choices = _choices(check, item, i_path)
        else:
            refuse("choices", f"only choice and multi_choice items have choices, not a {kind} item")
        specs.append(spec)
    return specs


def _choices(check: _Checker, item: _Map, path: str) -> list[ChoiceSpec]:
    choices, codes = [], set()
    for index, (choice, line) in enumerate(check.sequence(item, "choices", path)):
        c_path = f"{path}.choices[{index}]"
        choice = check.mapping(choice, line, c_path, required=("code", "label"))
        if choice is None:
            continue
        code = check.string(choice, "code", c_path, pattern=SLUG, max_length=50)
        if code in codes:
            check.error(choice.key_lines["code"], f"{c_path}.code", f"choice “{code}” appears twice")
        codes.add(code)
        choices.append(ChoiceSpec(code=code, label=check.text(choice, "label", c_path)))
    return choices


def version_as_document(version) -> dict:
    """A version in the schema's shape (the inverse of the import): optional keys only when they
    differ from the schema's defaults, so that export then import gives the same questionnaire."""

    def text(obj, field):
        value = {"en": getattr(obj, f"{field}_en")}
        if getattr(obj, f"{field}_fr"):
            value["fr"] = getattr(obj, f"{field}_fr")
        return value

    def item_document(item, children):
        document = {"number": item.number, "type": item.type, "text": text(item, "text")}
        if item.explain:
            document["explain"] = True
        if item.type != "group" and not item.required:
            document["required"] = False
        if item.minimum is not None:
            document["min"] = item.minimum
        if item.maximum is not None:
            document["max"] = item.maximum
        if item.previous_number:
            document["previous_number"] = item.previous_number
        if item.addressees.all():
            document["addressees"] = sorted(country.iso_code for country in item.addressees.all())
        choices = list(item.choices.all())
        if choices:
            document["choices"] = [{"code": c.code, "label": text(c, "label")} for c in choices]
        if children:
            document["items"] = [item_document(child, []) for child in children]
        return document

    questionnaire = version.questionnaire
    document = {"code": questionnaire.code, "version": version.label, "title": text(version, "title")}
    if questionnaire.round_number:
        document["round"] = questionnaire.round_number
    if version.deadline:
        document["deadline"] = version.deadline
    document["languages"] = list(version.languages or ["en", "fr"])
    document["sections"] = []
    for section in version.sections.order_by("position").prefetch_related(
        "questions__addressees", "questions__items__choices", "questions__items__addressees"
    ):
        questions = []
        for question in sorted(section.questions.all(), key=lambda q: q.position):
            items = sorted(question.items.all(), key=lambda i: i.position)
            question_document = {"number": question.number, "title": text(question, "title")}
            if question.references:
                question_document["references"] = list(question.references)
            if question.help_en or question.help_fr:
                question_document["help"] = text(question, "help")
            if question.addressees.all():
                question_document["addressees"] = sorted(country.iso_code for country in question.addressees.all())
            question_document["items"] = [
                item_document(item, [child for child in items if child.parent_id == item.pk])
                for item in items if item.parent_id is None
            ]
            questions.append(question_document)
        document["sections"].append({"code": section.code, "title": text(section, "title"), "questions": questions})
    return document


def dump_version_yaml(version, *, label: str | None = None) -> str:
    """The version as YAML text in the project's schema (optionally under another version label)."""
    document = version_as_document(version)
    if label is not None:
        document["version"] = label
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
