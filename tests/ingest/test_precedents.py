"""Court precedents (án lệ): five PDFs and one DOCX, with number, dates, title and sections.

Adoption dates were read from each document (`thông qua (vào) ngày …`; for 72/2024 the last
day of the session `các ngày 20, 21, 23 tháng 02 năm 2024`); publication dates and decisions
are checked against source_registry.json, which records them independently. The numbered
paragraphs of the court's reasoning are counted once more in the PDF's own text by PyMuPDF.
Page spans end where the reader's last block ends (a paragraph that runs onto the next page
ends there only if the PDF reader says so in `Block.page_end`).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pymupdf
import pytest

from ingest.pipeline import read_file
from tests.ingest.realdocs import corpus_file, parsed

# file → (number, adopted, title)
PRECEDENTS = {
    ("docx", "an_le_so_262018AL.docx"): (
        "26/2018/AL", "2018-10-17",
        "Về xác định thời điểm bắt đầu tính thời hiệu và thời hiệu yêu cầu chia di sản thừa kế "
        "là bất động sản",
    ),
    ("pdf", "an_le_so_432021AL.pdf"): (
        "43/2021/AL", "2021-02-24",
        "Về hiệu lực của hợp đồng thế chấp trong trường hợp tài sản thế chấp là nhà đất do bên "
        "thế chấp nhận chuyển nhượng của người khác nhưng chưa thanh toán đủ tiền cho bên bán",
    ),
    ("pdf", "an_le_so_552022AL.pdf"): (
        "55/2022/AL", "2022-09-07",
        "Về công nhận hiệu lực của hợp đồng vi phạm điều kiện về hình thức",
    ),
    ("pdf", "an_le_so_672023AL.pdf"): (
        "67/2023/AL", "2023-08-18", "Về người được nhận hiện vật khi chia tài sản chung",
    ),
    ("pdf", "an_le_so_692023AL.pdf"): (
        "69/2023/AL", "2023-08-18",
        "Về thẩm quyền của Trọng tài thương mại trong việc giải quyết tranh chấp thỏa thuận bảo "
        "mật thông tin và không cạnh tranh",
    ),
    ("pdf", "an_le_so_722024AL.pdf"): (
        "72/2024/AL", "2024-02-23",
        "Về xác định di sản thừa kế là quyền sử dụng đất trong trường hợp di chúc không thể hiện "
        "diện tích đất cụ thể",
    ),
}  # fmt: skip
SECTIONS = [
    r"Nguồn án lệ",
    r"Vị trí nội dung (của )?án lệ",
    r"Khái quát nội dung (của )?án lệ",
    r"Quy định của pháp luật (có )?liên quan đến án lệ",
    r"Từ kh(óa|oá) của án lệ",
    r"NỘI DUNG VỤ (ÁN|VIỆC)",
    r"NHẬN ĐỊNH CỦA TÒA ÁN",
    r"QUYẾT ĐỊNH",
    r"NỘI DUNG ÁN LỆ",
]


def test_every_precedent_file_is_listed() -> None:
    found = {("pdf", p.name) for p in corpus_file("pdf").glob("*.pdf")}
    found |= {("docx", p.name) for p in corpus_file("docx").glob("an_le*.docx")}
    assert found == set(PRECEDENTS)


@pytest.mark.parametrize(("folder", "name"), sorted(PRECEDENTS))
def test_precedent_facts(folder: str, name: str) -> None:
    number, adopted, title = PRECEDENTS[(folder, name)]
    doc = parsed(folder, name)
    assert (doc.kind, doc.doc_type, doc.number, doc.title) == (
        "court_document",
        "an_le",
        number,
        title,
    )
    assert doc.issued == dt.date.fromisoformat(adopted)
    assert doc.issuer == "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO"


@pytest.mark.parametrize(("folder", "name"), sorted(PRECEDENTS))
def test_publication_matches_the_registry(folder: str, name: str) -> None:
    registry = json.loads(corpus_file("docx", "source_registry.json").read_text("utf-8"))
    doc = parsed(folder, name)
    entry = next(d for d in registry["documents"] if d["official_number"] == doc.number)
    assert doc.extra["published"] == entry["effective_from"]
    decision = re.match(r"quyet_dinh_(\w+?)_QD_CA", entry["validity_basis"]).group(1)
    assert doc.extra["published_by"] == f"{decision}/QĐ-CA"


@pytest.mark.parametrize(("folder", "name"), sorted(PRECEDENTS))
def test_precedent_sections_in_order(folder: str, name: str) -> None:
    doc = parsed(folder, name)
    titles = [p.title for p in doc.provisions]
    assert len(titles) == len(SECTIONS)
    for title, pattern in zip(titles, SECTIONS, strict=True):
        assert re.fullmatch(pattern, title, re.IGNORECASE), title
    assert all(p.kind == "section" for p in doc.walk())
    overview = doc.provisions[2]
    assert [c.title for c in overview.children] == ["Tình huống án lệ", "Giải pháp pháp lý"]
    assert all(c.text for c in overview.children)
    assert all(p.text or p.children for p in doc.provisions)


@pytest.mark.parametrize("name", sorted(n for f, n in PRECEDENTS if f == "pdf"))
def test_reasoning_paragraphs_and_page_spans(name: str) -> None:
    path = corpus_file("pdf", name)
    with pymupdf.open(path) as pdf:
        text = "".join(page.get_text() for page in pdf)
        pages = pdf.page_count
    start = text.find("NHẬN ĐỊNH CỦA TÒA ÁN")
    counted = re.findall(r"(?:^|\n)\s*\[(\d+)\]", text[start : text.find("QUYẾT ĐỊNH", start)])
    doc = parsed("pdf", name)
    reasoning = doc.provisions[6]
    assert [c.number for c in reasoning.children] == counted
    assert counted == [str(n) for n in range(1, len(counted) + 1)]
    spans = [(p.page, p.page_end) for p in doc.provisions]
    last_page = max(b.last_page for b in read_file(path).blocks)
    assert spans[0][0] == 1 and spans[-1][1] == last_page and pages - 1 <= last_page <= pages
    assert all(a <= b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] + 1 for i in range(len(spans) - 1))
    assert any(b > a for a, b in spans)
