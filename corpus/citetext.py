"""Ready-to-paste citation text for a provision: `khoản 1 Điều 45 Luật Thi hành án dân sự số
26/2008/QH12`.

The label comes from `model.provision_label` (smallest unit first); the document part names the
law the provision belongs to. Pháp điển articles cite their original law and article (kept on
the article as `law`/`article`), not the codification's own code. Laws are named
`<name> số <số hiệu>` (the registry's name, else the document's own title); other types
`<type> số <số hiệu>` (`Nghị định số 62/2015/NĐ-CP`).
"""

from __future__ import annotations

from functools import lru_cache

from corpus.model import Document, Provision, provision_label
from corpus.registry import KnownDocument, default_registry

DOC_TYPE_WORDS = {
    "bo_luat": "Bộ luật",
    "luat": "Luật",
    "phap_lenh": "Pháp lệnh",
    "nghi_dinh": "Nghị định",
    "nghi_quyet": "Nghị quyết",
    "thong_tu": "Thông tư",
    "thong_tu_lien_tich": "Thông tư liên tịch",
    "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị",
    "an_le": "Án lệ",
    "ban_an": "Bản án",
    "ket_luan": "Kết luận",
    "bao_cao": "Báo cáo",
    "chuyen_de": "Chuyên đề",
    "cong_van": "Công văn",
    "huong_dan": "Hướng dẫn",
    "ke_hoach": "Kế hoạch",
    "thong_bao": "Thông báo",
    "phap_dien": "Đề mục",
}
"""Vietnamese words for `Document.doc_type` codes (as written before a số hiệu)."""

_NAMED_TYPES = ("luat", "bo_luat", "phap_lenh")
"""Types cited by name before the number: `Luật Thi hành án dân sự số 26/2008/QH12`."""

# Markers inside a số hiệu that give the document's type, most specific first.
_NUMBER_TYPES = (
    ("TTLT", "thong_tu_lien_tich"),
    ("/TT-", "thong_tu"),
    ("/NĐ-", "nghi_dinh"),
    ("/QĐ-", "quyet_dinh"),
    ("/NQ-", "nghi_quyet"),
    ("/PL-", "phap_lenh"),
    ("/CT-", "chi_thi"),
    ("/AL", "an_le"),
    ("/QH", "luat"),
)


def type_of_number(number: str) -> str | None:
    """The doc_type a số hiệu implies (`62/2015/NĐ-CP` → `nghi_dinh`), or None."""
    upper = number.upper()
    for marker, doc_type in _NUMBER_TYPES:
        if marker in upper:
            return doc_type
    return None


def law_phrase(number: str, doc: Document | None = None) -> str:
    """How a citation names the document with this số hiệu.

    `doc`, when it is that document, supplies its type and title if the registry does not
    know the number.
    """
    known = _known(number)
    doc_type = known.doc_type if known else None
    if doc is not None and doc.number and doc.number == number:
        doc_type = doc_type or doc.doc_type
    doc_type = doc_type or type_of_number(number)
    if doc_type in _NAMED_TYPES:
        if known:
            return f"{known.name} số {number}"
        if doc is not None and doc.number == number and doc.title:
            word, title = DOC_TYPE_WORDS[doc_type], _sentence_case(doc.title)
            name = title if title.lower().startswith(word.lower()) else f"{word} {title}"
            return f"{name} số {number}"
    word = DOC_TYPE_WORDS.get(doc_type or "", "văn bản")
    return f"{word} số {number}"


@lru_cache(maxsize=4096)
def _known(number: str) -> KnownDocument | None:
    return default_registry().get(number)


def citation_text(doc: Document, provision: Provision, parents: list[Provision]) -> str:
    """The citation of `provision` (whose ancestors, outermost first, are `parents`)."""
    label = provision_label(provision, parents)
    article = next((p for p in [*parents, provision] if p.kind == "dieu"), None)
    number = (article.law if article is not None and article.law else None) or doc.number
    if number:
        return f"{label} {law_phrase(number, doc)}"
    return f"{label} {_document_phrase(doc)}".strip()


def _document_phrase(doc: Document) -> str:
    word = DOC_TYPE_WORDS.get(doc.doc_type or "")
    title = _sentence_case(doc.title) if doc.title else doc.id
    return f"{word} {title}" if word else title


def _sentence_case(title: str) -> str:
    """`ĐẤU GIÁ TÀI SẢN` → `Đấu giá tài sản`; titles already in mixed case are kept."""
    title = " ".join(title.split())
    if title != title.upper():
        return title
    lowered = title.lower()
    return lowered[:1].upper() + lowered[1:]
