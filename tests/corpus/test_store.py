"""The SQLite store: one transaction per document, unchanged files, versions, migrations."""

import sqlite3

import pytest

from corpus.model import Document, Provision, SourceFile, assign_ids
from corpus.schema import SCHEMA_VERSION, SchemaTooNew, migrate
from corpus.store import Store


def _doc(sha: str, number: str | None = "62/2015/NĐ-CP", path: str = "nd62.docx") -> Document:
    article = Provision(
        kind="dieu",
        number="9",
        title="Thi hành án",
        text="Nội dung",
        children=[Provision(kind="khoan", number="1", text="Khoản một")],
    )
    provisions = [Provision(kind="chuong", number="I", title="QUY ĐỊNH CHUNG", children=[article])]
    assign_ids(provisions)
    return Document(
        id="",
        kind="regulation",
        number=number,
        title="Nghị định mẫu",
        source=SourceFile(path=path, sha256=sha, format="docx"),
        provisions=provisions,
    )


def test_new_document_gets_id_from_number_and_round_trips(data_dir):
    with Store(data_dir) as store:
        result = store.save(_doc("a" * 64))
        assert (result.status, result.doc_id) == ("ingested", "62-2015-nd-cp")
        doc = store.get("62-2015-nd-cp")
        assert doc is not None and doc.number == "62/2015/NĐ-CP"
        assert [p.id for p in doc.walk()] == ["ci", "d9", "d9.k1"]


def test_same_file_again_is_unchanged(data_dir):
    with Store(data_dir) as store:
        store.save(_doc("a" * 64))
        again = store.save(_doc("a" * 64))
        assert again.status == "unchanged"
        assert store.count() == 1


def test_changed_file_with_same_number_replaces_and_keeps_old_record(data_dir):
    with Store(data_dir) as store:
        store.save(_doc("a" * 64))
        second = store.save(_doc("b" * 64, number="62/2015/ND-CP"))
        assert (second.status, second.doc_id, second.version) == ("replaced", "62-2015-nd-cp", 2)
        assert store.count() == 1
        old = store.versions("62-2015-nd-cp")
        assert [v["sha256"] for v in old] == ["a" * 64]


def test_failed_save_leaves_nothing(data_dir, monkeypatch):
    with Store(data_dir) as store:
        doc = _doc("c" * 64)
        doc.provisions.append(doc.provisions[0])  # duplicate ids break the primary key
        with pytest.raises(sqlite3.IntegrityError):
            store.save(doc)
        assert store.count() == 0
        assert store.conn.execute("SELECT count(*) FROM provisions").fetchone()[0] == 0


def test_schema_migrates_forward_and_refuses_newer(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    assert migrate(conn) == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert migrate(conn) == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew):
        migrate(conn)
