"""Handbook specs: YAML and JSON, every item kind, and errors that name the item."""

import datetime as dt
import unicodedata

import pytest

from handbook.spec import (
    CiteItem,
    QueryItem,
    SpecError,
    TextItem,
    TopicItem,
    ViolationsItem,
    dump_spec,
    load_spec,
)

SPEC = """
title: Cẩm nang xác minh
subtitle: Tập huấn
audience: Chấp hành viên
as_of: 01/07/2024
sections:
  - title: Quy định
    intro: Lời dẫn.
    items:
      - cite: khoản 1 Điều 44 Luật THADS
      - query: xác minh điều kiện thi hành án
        limit: 2
      - violations: thẩm định giá
      - topic: chuyen-de-xac-minh-2024-lac-son#sii
      - text: Ghi chú của giảng viên.
"""


def test_every_item_kind_is_read_with_defaults():
    spec = load_spec(SPEC)
    assert spec.as_of == dt.date(2024, 7, 1)
    items = spec.sections[0].items
    assert [type(i) for i in items] == [CiteItem, QueryItem, ViolationsItem, TopicItem, TextItem]
    assert items[1].limit == 2 and items[1].kind == "article"
    assert items[2].limit == 5


def test_yaml_dump_reads_back_and_json_is_accepted():
    spec = load_spec(SPEC)
    assert load_spec(dump_spec(spec)) == spec
    json_text = '{"title": "A", "as_of": "2024-07-01", "sections": [{"title": "B", "items": []}]}'
    assert load_spec(json_text).as_of == dt.date(2024, 7, 1)


def test_text_is_nfc():
    nfd = unicodedata.normalize("NFD", "Cẩm nang")
    spec = load_spec(f"title: {nfd}\nsections: [{{title: {nfd}}}]")
    assert spec.title == unicodedata.normalize("NFC", nfd)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\nsections: []", "'sections' needs at least 1 entry"),
        ("sections: [{title: a}]", "'title' is required"),
        (
            "title: x\nsections:\n - title: a\n   items:\n    - text: ok\n    - cit: y\n",
            "section 1, item 2: has cit; an item needs one of cite, query, violations",
        ),
        (
            "title: x\nsections:\n - title: a\n   items:\n    - {cite: a, query: b}\n",
            "section 1, item 1: has cite and query; an item is one kind",
        ),
        (
            "title: x\nsections:\n - title: a\n - title: b\n"
            "   items:\n    - query: y\n      limit: 0\n",
            "section 2, item 1 (query): 'limit' must be at least 1",
        ),
        (
            "title: x\nsections:\n - title: a\n   items:\n    - {query: y, kind: law}\n",
            "section 1, item 1 (query): 'kind' must be one of 'article', 'finding' or 'section'",
        ),
        (
            "title: x\nsections:\n - title: a\n   items:\n    - {violations: y, foo: 1}\n",
            "section 1, item 1 (violations): 'foo' is not a known field",
        ),
        ("title: x\nas_of: 31/02/2024\nsections: [{title: a}]", "'as_of' must be a date"),
        ("title: x\nas_of: 2024-13-01\nsections: [{title: a}]", "cannot be read"),
        ("title: [x\n", "not valid YAML"),
        ("", "the spec is empty"),
        ("- a\n- b\n", "a spec is a mapping"),
    ],
)
def test_bad_specs_say_where_and_why(text, expected):
    with pytest.raises(SpecError) as info:
        load_spec(text)
    assert expected in str(info.value)
