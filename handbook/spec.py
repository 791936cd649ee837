"""A handbook spec: what a trainer asks for, read from YAML or JSON and validated.

    title: Cẩm nang xác minh điều kiện thi hành án
    subtitle: Tài liệu tập huấn          # optional
    audience: Chấp hành viên, Thư ký      # optional
    as_of: 2024-07-01                     # optional: quote the law in force on this date
    sections:
      - title: Quy định pháp luật
        intro: …                          # optional
        items:
          - cite: khoản 1 Điều 44 Luật Thi hành án dân sự
          - query: xác minh điều kiện thi hành án
            limit: 3                      # optional; kind: article (default), finding, section
          - violations: xác minh          # words, a category, or a group id (v1a2b3c4d)
            limit: 5
          - topic: chuyen-de-xac-minh-2024-lac-son   # a topic's id, id#section, or words
          - text: Lời dẫn của giảng viên.

Every string is NFC. An error names the item it is about (`section 2, item 3 (cite): …`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
)

from corpus.vntext import nfc

ITEM_KINDS = ("cite", "query", "violations", "topic", "text")
MAX_SECTIONS = 100
MAX_ITEMS = 200


class SpecError(ValueError):
    """A spec that cannot be used; the message says where and why, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return nfc(value) if isinstance(value, str) else value


class CiteItem(_Strict):
    """A citation: `khoản 1 Điều 45 Luật Thi hành án dân sự` (several units → several quotes)."""

    cite: str = Field(min_length=1, max_length=500)


class QueryItem(_Strict):
    """The most relevant units for some words (articles unless `kind` says otherwise)."""

    query: str = Field(min_length=1, max_length=300)
    limit: int = Field(3, ge=1, le=20)
    kind: Literal["article", "finding", "section"] = "article"


class ViolationsItem(_Strict):
    """Kinds of violation from the catalogue: words of them, a category, or a group id."""

    violations: str = Field(min_length=1, max_length=300)
    limit: int = Field(5, ge=1, le=50)


class TopicItem(_Strict):
    """Conference-topic sections: a topic's id (all its parts), `id#section`, or words."""

    topic: str = Field(min_length=1, max_length=300)
    limit: int = Field(5, ge=1, le=30)


class TextItem(_Strict):
    """The trainer's own words (paragraphs separated by blank lines)."""

    text: str = Field(min_length=1, max_length=20000)


def _item_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return next(k for k in ITEM_KINDS if k in type(value).model_fields)
    if isinstance(value, dict):
        kinds = [k for k in ITEM_KINDS if k in value]
        return kinds[0] if len(kinds) == 1 else None
    return None


Item = Annotated[
    Annotated[CiteItem, Tag("cite")]
    | Annotated[QueryItem, Tag("query")]
    | Annotated[ViolationsItem, Tag("violations")]
    | Annotated[TopicItem, Tag("topic")]
    | Annotated[TextItem, Tag("text")],
    Discriminator(_item_kind),
]


class Section(_Strict):
    title: str = Field(min_length=1, max_length=300)
    intro: str = Field("", max_length=20000)
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS)


class HandbookSpec(_Strict):
    title: str = Field(min_length=1, max_length=300)
    subtitle: str = Field("", max_length=300)
    audience: str = Field("", max_length=300)
    as_of: dt.date | None = None
    sections: list[Section] = Field(min_length=1, max_length=MAX_SECTIONS)

    @field_validator("as_of", mode="before")
    @classmethod
    def _vietnamese_date(cls, value: Any) -> Any:
        """Also `01/07/2024` (day first, as Vietnamese dates are written)."""
        if isinstance(value, str):
            m = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", value)
            if m:
                day, month, year = map(int, m.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    return value
        return value

    def to_data(self) -> dict[str, Any]:
        """Plain data (what `dump_spec` writes): unset optional fields left out."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        for section in data.get("sections", []):
            section.setdefault("items", [])
        return data


def parse_spec(data: Any) -> HandbookSpec:
    """Validate already-parsed data (a dict) as a spec."""
    if not isinstance(data, dict):
        raise SpecError(["a spec is a mapping with title and sections"])
    _check_items(data)
    try:
        return HandbookSpec.model_validate(data)
    except ValidationError as err:
        raise SpecError([_describe(e, data) for e in err.errors()]) from None


def load_spec(text: str | bytes) -> HandbookSpec:
    """Read a spec from YAML or JSON text."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SpecError(["the spec is not UTF-8 text"]) from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise SpecError(["the spec is empty"])
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise SpecError([f"not valid JSON: {err.msg} (line {err.lineno})"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(err, "problem", None) or "cannot be read"
        raise SpecError([f"not valid YAML: {problem}{where}"]) from None
    except (ValueError, RecursionError) as err:  # e.g. a date that does not exist: 2024-13-01
        raise SpecError([f"cannot be read: {err}"]) from None
    return parse_spec(data)


def dump_spec(spec: HandbookSpec) -> str:
    """The spec as YAML (Vietnamese kept as written)."""
    return yaml.safe_dump(spec.to_data(), allow_unicode=True, sort_keys=False, width=100)


def _check_items(data: dict[str, Any]) -> None:
    """Items whose kind cannot be told, with their position (pydantic would say less)."""
    problems = []
    sections = data.get("sections")
    if not isinstance(sections, list):
        return
    for s, section in enumerate(sections, 1):
        items = section.get("items") if isinstance(section, dict) else None
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items, 1):
            where = f"section {s}, item {i}"
            if not isinstance(item, dict):
                problems.append(f"{where}: an item is a mapping such as {{cite: …}}")
                continue
            kinds = [k for k in ITEM_KINDS if k in item]
            if not kinds:
                keys = ", ".join(map(str, item)) or "nothing"
                problems.append(
                    f"{where}: has {keys}; an item needs one of {', '.join(ITEM_KINDS)}"
                )
            elif len(kinds) > 1:
                problems.append(f"{where}: has {' and '.join(kinds)}; an item is one kind")
    if problems:
        raise SpecError(problems)


_REASONS = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
    "too_short": "needs at least {min_length} entry",
    "too_long": "has too many entries (at most {max_length})",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "literal_error": "must be one of {expected}",
    "date_from_datetime_parsing": "must be a date such as 2024-07-01 or 01/07/2024",
    "date_parsing": "must be a date such as 2024-07-01 or 01/07/2024",
    "date_type": "must be a date such as 2024-07-01 or 01/07/2024",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
}


def _describe(error: dict[str, Any], data: dict[str, Any]) -> str:
    loc = list(error.get("loc", ()))
    where: list[str] = []
    field = None
    item_kind = None
    i = 0
    while i < len(loc):
        part = loc[i]
        if part == "sections" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            where.append(f"section {loc[i + 1] + 1}")
            i += 2
        elif part == "items" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            where.append(f"item {loc[i + 1] + 1}")
            if i + 2 < len(loc) and loc[i + 2] in ITEM_KINDS:
                item_kind = loc[i + 2]
                i += 1
            i += 2
        else:
            field = str(part)
            i += 1
    template = _REASONS.get(error.get("type", ""), "")
    try:
        reason = template.format(**{k: v for k, v in (error.get("ctx") or {}).items()})
    except (KeyError, IndexError):
        reason = ""
    reason = reason or error.get("msg", "is not valid")
    head = ", ".join(where)
    if item_kind:
        head += f" ({item_kind})"
    subject = f"'{field}' {reason}" if field else reason
    return f"{head}: {subject}" if head else subject
