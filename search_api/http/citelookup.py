"""A citation typed by a person → the stored provision it means, or why there is none.

The citation is read as search reads one (`index.citequery`: the one grammar of
`corpus.citations`, typed loosely, with or without diacritics; a law named without its số hiệu
means the law in force on `as_of`, today by default). The provision is looked up in the store
along the registry's family of that law (`Registry.family`: the law, the laws amending it, then
the laws it replaced, so `Luật Thi hành án dân sự` still finds 26/2008/QH12's articles after
106/2025/QH15 took over) with `corpus.links.find_target`, as document links are.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace

from corpus.citing import document_name
from corpus.links import Target, find_target
from corpus.model import Reference
from corpus.numbers import normalize_number
from corpus.registry import Registry, default_registry
from index.citequery import citations_in

EXAMPLE = "khoản 1 Điều 45 Luật Thi hành án dân sự"


@dataclass(slots=True)
class Found:
    """Where a citation points: the reference as read and the stored provision."""

    ref: Reference
    target: Target
    law: str
    """The law the provision is filed under (a family member of `ref.law`)."""


@dataclass(slots=True)
class NotFound:
    """Why a citation points nowhere in the store: a stable code and a Vietnamese reason."""

    code: str
    message: str
    ref: Reference | None = None


def read_citation(text: str, on: dt.date | None = None) -> Reference | NotFound:
    """The first provision a text cites, normalized; or why none could be read."""
    found = citations_in(text, on)
    if not found:
        return NotFound(
            "citation_unreadable",
            f"Không đọc được trích dẫn '{_short(text)}'. Viết như: '{EXAMPLE}' hoặc "
            "'Điều 9 Nghị định 62/2015/NĐ-CP'.",
        )
    ref = found[0].refs[0]
    if not ref.law:
        return NotFound(
            "citation_unreadable",
            f"Trích dẫn '{_short(ref.text)}' không nói rõ văn bản nào: thêm tên luật đã biết "
            "(ví dụ 'Luật Thi hành án dân sự') hoặc số hiệu (ví dụ '62/2015/NĐ-CP').",
            ref,
        )
    return ref


def lookup(
    conn: sqlite3.Connection, ref: Reference, registry: Registry | None = None
) -> Found | NotFound:
    """The stored provision a reference cites (its law, then the law's family)."""
    registry = registry or default_registry()
    family = registry.family(ref.law or "")
    stored = [law for law in family if _law_stored(conn, law)]
    if not stored:
        return NotFound(
            "law_not_stored",
            f"Thư viện chưa có {document_name(ref.law or '', registry)}"
            + (
                f" (cũng không có văn bản mà nó thay thế: {', '.join(family[1:])})"
                if len(family) > 1
                else ""
            )
            + ".",
            ref,
        )
    for law in stored:
        target = find_target(conn, replace(ref, law=law), registry)
        if target is None or target.provision_id is None:
            continue
        if not _deep_enough(conn, target, ref):
            return NotFound(
                "provision_not_found",
                f"Điều {ref.article} {document_name(law, registry)} không có {_unit_words(ref)}.",
                ref,
            )
        return Found(ref, target, law)
    return NotFound(
        "article_not_found",
        f"{document_name(stored[0], registry)} trong thư viện không có Điều {ref.article}.",
        ref,
    )


def cite(conn: sqlite3.Connection, text: str, on: dt.date | None = None) -> Found | NotFound:
    """Read a citation and look it up."""
    ref = read_citation(text, on)
    if isinstance(ref, NotFound):
        return ref
    return lookup(conn, ref)


def _law_stored(conn: sqlite3.Connection, law: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM provisions WHERE law = ? LIMIT 1", (normalize_number(law),)
    ).fetchone()
    return row is not None


def _deep_enough(conn: sqlite3.Connection, target: Target, ref: Reference) -> bool:
    """Whether the provision found is the khoản/điểm asked for (not only its article)."""
    if not (ref.clause or ref.point):
        return True
    row = conn.execute(
        "SELECT kind FROM provisions WHERE doc_id = ? AND id = ?",
        (target.doc_id, target.provision_id),
    ).fetchone()
    want = "diem" if ref.point else "khoan"
    return row is not None and row["kind"] == want


def _unit_words(ref: Reference) -> str:
    parts = []
    if ref.point:
        parts.append(f"điểm {ref.point}")
    if ref.clause:
        parts.append(f"khoản {ref.clause}")
    return " ".join(parts)


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
