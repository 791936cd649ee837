"""Inspection conclusions (kết luận kiểm tra / thanh tra): facts, findings, recommendations.

header      số hiệu (`12/KL-CTHADS`), issuer, date, the inspected unit, the period inspected
sections    `I. KẾT QUẢ KIỂM TRA`, `II. NHỮNG THIẾU SÓT, VI PHẠM`, `III. KIẾN NGHỊ` … in
            whatever words the office uses, numbered or set apart by style
findings    the numbered items of the shortcomings part (`1.` or, under `2. Hạn chế…`, `a)`),
            each with every paragraph up to the next item; numbered items of other parts
            are not findings
per finding its references (spaCy pipeline over the citation grammar, resolved against the
            conclusion's own date) and the case files it names (`hồ sơ … số 215/QĐ-CCTHADS`)
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.citations import CitingContext
from corpus.model import Document, Finding, Reference, assign_ids
from corpus.vntext import fold
from ingest.blocks import Block
from ingest.nlp import analyse
from ingest.nlp.patterns import ORG
from ingest.structure.outline import Node, build_outline, outline_to_provisions, reflow
from ingest.structure.report_header import read_report_header

_SHORTCOMINGS = re.compile(
    r"\b(?:thieu sot|vi pham|ton tai|han che|sai sot|khuyet diem|yeu kem|sai pham)\b"
)
_RECOMMENDATIONS = re.compile(
    r"\b(?:kien nghi|yeu cau|de nghi|bien phap|khac phuc|chi dao|xu ly|ket luan chung)\b"
)
_BULLET = re.compile(r"^[-–•+*]\s*")
_SIGNATURE = re.compile(
    r"^(?:Nơi nhận|NƠI NHẬN)\b|^(?:KT|TM|TL|Q)\.\s*[A-ZĐ]"
    r"|^(?:PHÓ\s+)?(?:TỔNG\s+)?(?:CHI\s+)?CỤC\s+TRƯỞNG\s*$|^TRƯỞNG\s+ĐOÀN\b|^CHÁNH\s+THANH\s+TRA\b"
)
_UNIT_CUE = re.compile(r"(?:tại|đối với|của|ở)\s+$")
_PERIOD = re.compile(
    r"(?:thời\s*kỳ|phạm\s*vi|niên\s*độ|kỳ)\s+(?:kiểm\s*tra|thanh\s*tra)[^.;]*?"
    r"từ\s+(?:ngày\s+)?(?P<a>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s+đến\s+(?:ngày\s+)?"
    r"(?P<b>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})",
    re.IGNORECASE,
)


def build_inspection(doc: Document, blocks: list[Block]) -> None:
    """Fill a conclusion's facts, provisions, findings and recommendations into `doc`."""
    blocks = reflow(blocks)
    head = read_report_header(blocks)
    doc.number = head.number or doc.number
    doc.issued = head.issued or doc.issued
    doc.place = head.place or doc.place
    doc.issuer = head.issuer or doc.issuer
    doc.title = head.title or doc.title or head.type_words
    doc.doc_type = "ket_luan"
    body = blocks[head.body_start : _body_end(blocks, head.body_start)]
    root = build_outline(body)
    context = CitingContext(number=doc.number, on=doc.issued, bare_means_previous=True)
    intro = " ".join(root.paragraphs)
    doc.extra["inspected_unit"] = inspected_unit(head.title, intro, doc.issuer)
    period = period_of(intro)
    if period:
        doc.extra["period"] = {"from": period[0].isoformat(), "to": period[1].isoformat()}
    container = _part(root, _SHORTCOMINGS)
    doc.findings = [_finding(item, context) for item in _items(container)] if container else []
    recommendations = _part(root, _RECOMMENDATIONS, after=container)
    doc.extra["recommendations"] = (
        [_recommendation(item, context) for item in _items(recommendations)]
        if recommendations
        else []
    )
    doc.extra["sections"] = [
        {"n": n.n, "title": n.title, "role": _role(n, container, recommendations)}
        for n in root.children
    ]
    doc.extra["case_files"] = list(dict.fromkeys(c for f in doc.findings for c in f.case_files))
    doc.refs = _refs_outside_findings(root, container, context)
    doc.provisions = outline_to_provisions(root)
    assign_ids(doc.provisions)


def _body_end(blocks: list[Block], start: int) -> int:
    """Where the signature block starts: `Nơi nhận`, `KT. CỤC TRƯỞNG`, else the last table.

    A table inside the body (figures in the results part) comes before the signature table,
    so only the last run of table cells ends the body.
    """
    for i in range(start + 1, len(blocks)):
        if _SIGNATURE.match(blocks[i].text.strip()):
            return i
    tables = [i for i in range(start, len(blocks)) if blocks[i].in_table]
    if not tables:
        return len(blocks)
    first = tables[-1]
    while first - 1 > start and blocks[first - 1].in_table:
        first -= 1
    return first if first > start else len(blocks)


def _key(node: Node) -> str:
    """What names a part: its title, or the words before the colon of its first line."""
    title = node.title
    if not title and node.paragraphs:
        first = node.paragraphs[0]
        title = first.split(":", 1)[0] if ":" in first[:90] else ""
    return fold(title).lower()


def _part(root: Node, pattern: re.Pattern[str], after: Node | None = None) -> Node | None:
    """The first part (in document order) whose name matches, at a level that holds items."""
    nodes = list(root.walk())[1:]
    if after is not None:
        last = list(after.walk())[-1]
        nodes = nodes[nodes.index(last) + 1 :]
    for node in nodes:
        key = _key(node)
        if not key or not pattern.search(key) or key.startswith("uu diem"):
            continue
        if node.children or node.level <= 2:
            return node
    return None


def _items(part: Node) -> list[Node]:
    """The numbered items of a part; bullets or paragraphs when it numbers none."""
    labelled = [c for c in part.children if c.label]
    if labelled:
        return labelled
    paragraphs = [p for p in part.paragraphs if p.strip() and not p.rstrip().endswith(":")]
    chosen = [p for p in paragraphs if _BULLET.match(p)] or paragraphs
    return [
        Node(label=None, title="", paragraphs=[_BULLET.sub("", p)], blocks=part.blocks[:1])
        for p in chosen
    ]


def _text_of(item: Node) -> str:
    parts = ([item.title] if item.title else []) + item.all_paragraphs()
    return "\n".join(p for p in parts if p)


def _finding(item: Node, context: CitingContext) -> Finding:
    text = _text_of(item)
    analysis = analyse(text, context)
    case_files = list(dict.fromkeys(str(m.value) for m in analysis.of("CASE_FILE")))
    return Finding(
        n=item.n,
        title=item.title or _lead_title(text),
        text=text,
        refs=_unique(analysis.refs),
        case_files=case_files,
        page=item.page,
    )


_CASE_LEAD = re.compile(r"^(?:(?:Tại|Trong|Đối với)\s+)?(?:các\s+)?(?:hồ sơ|HS)\b", re.IGNORECASE)


def _lead_title(text: str) -> str:
    """`Thông báo không đúng thủ tục: trong hồ sơ …` → `Thông báo không đúng thủ tục`."""
    first = text.split("\n", 1)[0]
    lead, colon, _ = first.partition(":")
    if not colon or len(lead) > 100 or "." in lead or _CASE_LEAD.match(lead):
        return ""
    return lead.strip()


def _recommendation(item: Node, context: CitingContext) -> dict[str, object]:
    text = _text_of(item)
    refs = _unique(analyse(text, context).refs)
    return {"n": item.n, "text": text, "refs": [r.to_dict() for r in refs]}


def _unique(refs: list[Reference]) -> list[Reference]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for ref in refs:
        key = (ref.law, ref.article, ref.clause, ref.point, ref.law or ref.text)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _role(node: Node, findings: Node | None, recommendations: Node | None) -> str:
    """`findings`, `recommendations` or `other`: what a top-level part holds."""
    inside = {id(n) for n in node.walk()}
    if findings is not None and id(findings) in inside:
        return "findings"
    if recommendations is not None and id(recommendations) in inside:
        return "recommendations"
    return "other"


def _refs_outside_findings(
    root: Node, findings: Node | None, context: CitingContext
) -> list[Reference]:
    skip = {id(n) for n in findings.walk()} if findings else set()
    texts = [
        "\n".join([n.title, *n.paragraphs])
        for n in root.walk()
        if id(n) not in skip and (n.title or n.paragraphs)
    ]
    return _unique(analyse("\n".join(texts), context).refs) if texts else []


def inspected_unit(title: str, intro: str, issuer: str | None) -> str | None:
    """The unit inspected: an office named in the title (after `tại`/`đối với`), else the intro."""
    for text in (title, intro):
        candidates = [m for m in ORG.finditer(text)]
        if not candidates:
            continue
        cued = [m for m in candidates if _UNIT_CUE.search(text[max(0, m.start() - 12) : m.start()])]
        issuer_key = fold(issuer or "").lower()
        for m in cued + candidates:
            unit = canonical_unit(m.group(0))
            if fold(unit).lower() not in issuer_key or text is title:
                return unit
    return None


def canonical_unit(name: str) -> str:
    """`Chi cục THADS huyện X` → `Chi cục Thi hành án dân sự huyện X` (abbreviations spelt out)."""
    name = " ".join(name.split())
    name = re.sub(r"\bTHADS\b|\bTHA dân sự\b", "Thi hành án dân sự", name)
    name = re.sub(r"\bTP\.\s*", "thành phố ", name)
    name = re.sub(r"\bVKSND\b|\bViện KSND\b", "Viện kiểm sát nhân dân", name)
    return re.sub(r"\bUBND\b", "Ủy ban nhân dân", name)


def period_of(text: str) -> tuple[dt.date, dt.date] | None:
    """`thời kỳ kiểm tra từ ngày 01/10/2022 đến ngày 30/6/2023` → the two dates."""
    m = _PERIOD.search(text)
    if not m:
        return None
    dates = [_date(m.group("a")), _date(m.group("b"))]
    if dates[0] and dates[1]:
        return dates[0], dates[1]
    return None


def _date(text: str) -> dt.date | None:
    d, m, y = re.split(r"[/.-]", text)
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
