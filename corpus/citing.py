"""Ready-to-paste citation text for a normalized reference, smallest unit first.

    {26/2008/QH12, 45, 1}  →  khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12
    {62/2015/NĐ-CP, 9}     →  Điều 9 Nghị định số 62/2015/NĐ-CP

Laws and codes are named by their registry name; other documents by their type and number.
The text reads back through `corpus.citations` to the same reference.
"""

from __future__ import annotations

import re

from corpus.model import Reference
from corpus.registry import Registry, default_registry

TYPE_NAMES = {
    "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư",
    "thong_tu_lien_tich": "Thông tư liên tịch",
    "nghi_quyet": "Nghị quyết",
    "quyet_dinh": "Quyết định",
    "phap_lenh": "Pháp lệnh",
    "luat": "Luật",
    "bo_luat": "Bộ luật",
}
_SUFFIX_TYPES = (
    (re.compile(r"/TTLT\b"), "Thông tư liên tịch"),
    (re.compile(r"/TT\b|/TT-"), "Thông tư"),
    (re.compile(r"/NĐ-"), "Nghị định"),
    (re.compile(r"/NQ\b|/NQ-"), "Nghị quyết"),
    (re.compile(r"/QĐ\b|/QĐ-"), "Quyết định"),
    (re.compile(r"/QH\d+$"), "Luật"),
)


def document_name(law: str, registry: Registry | None = None) -> str:
    """How a citation names a document: `Luật Thi hành án dân sự số 26/2008/QH12`."""
    registry = registry or default_registry()
    known = registry.get(law)
    if known is not None and known.doc_type in ("luat", "bo_luat") and "số" not in known.name:
        return f"{known.name} số {known.number}"
    if known is not None:
        return f"{TYPE_NAMES.get(known.doc_type, 'văn bản')} số {known.number}"
    for pattern, type_name in _SUFFIX_TYPES:
        if pattern.search(law):
            return f"{type_name} số {law}"
    return f"văn bản số {law}"


def citation_text(ref: Reference, registry: Registry | None = None) -> str:
    """The citation of a reference as an official writes it (its raw text if it has no law)."""
    if not ref.law:
        return ref.text
    parts = []
    if ref.point:
        parts.append(f"điểm {ref.point}")
    if ref.clause:
        parts.append(f"khoản {ref.clause}")
    if ref.article:
        parts.append(f"Điều {ref.article}")
    parts.append(document_name(ref.law, registry))
    return " ".join(parts)
