"""Stored handbooks (migration 3) and the edits the handbook page makes."""

from __future__ import annotations

import pytest

from corpus.store import Store
from handbook import edit
from handbook.spec import SpecError, load_spec
from handbook.stored import HandbookConflict, HandbookStore

SPEC = load_spec(
    "title: Cẩm nang\nsections:\n"
    "  - title: A\n    items: [{text: a1}, {text: a2}]\n"
    "  - title: B\n    items: [{cite: Điều 44 Luật THADS}]\n"
)


def texts(spec):
    return [[getattr(i, "text", None) or i.cite for i in s.items] for s in spec.sections]


def test_moves_cross_section_boundaries_and_keep_everything():
    down = edit.move_item(SPEC, 0, 1, 1)
    assert texts(down) == [["a1"], ["a2", "Điều 44 Luật THADS"]]
    up = edit.move_item(down, 1, 0, -1)
    assert texts(up) == texts(SPEC)
    assert [s.title for s in edit.move_section(SPEC, 1, -1).sections] == ["B", "A"]
    assert texts(edit.move_item(SPEC, 0, 0, -1)) == texts(SPEC)  # the very first stays put
    with pytest.raises(IndexError):
        edit.remove_item(SPEC, 0, 5)
    with pytest.raises(SpecError):
        edit.set_section(SPEC, 0, "", "")


def test_added_items_land_in_the_unsorted_section():
    once = edit.add_item(SPEC, {"violations": "v76576003"})
    assert once.sections[-1].title == edit.INBOX_TITLE
    twice = edit.add_item(once, {"cite": "khoản 1 Điều 45 Luật THADS"})
    assert len(twice.sections) == 3 and len(twice.sections[-1].items) == 2
    with pytest.raises(SpecError):
        edit.add_item(SPEC, {"query": ""})


def test_store_keeps_specs_with_revisions_and_each_editors_current_one(data_dir):
    with Store(data_dir) as store:
        books = HandbookStore(store.conn)
        first = books.create(SPEC, editor="alice")
        second = books.create(SPEC, editor="bob")
        assert (first.id, second.id) == ("cam-nang", "cam-nang-2")
        assert books.current("alice").id == "cam-nang"
        saved = books.save("cam-nang-2", edit.add_section(SPEC, "C"), editor="alice", revision=1)
        assert saved.revision == 2 and len(saved.spec.sections) == 3
        assert books.current("alice").id == "cam-nang-2"
        with pytest.raises(HandbookConflict):
            books.save("cam-nang-2", SPEC, editor="bob", revision=1)
        assert books.save("nope", SPEC) is None
        assert books.choose("cam-nang", "alice") and books.current("alice").id == "cam-nang"
        assert [h.id for h in books.list()] == ["cam-nang", "cam-nang-2"]
        assert books.delete("cam-nang") and not books.delete("cam-nang")
    with Store(data_dir) as store:  # kept in the data folder's SQLite file
        assert HandbookStore(store.conn).get("cam-nang-2").spec.sections[-1].title == "C"
