"""Conference topics (chuyên đề) and reports: title, presenter and unit, heading tree, figures.

A topic has a type line (`CHUYÊN ĐỀ`, `BÁO CÁO`, `THAM LUẬN`) and a title, often the event it
was given at and a presenter (`Người trình bày: …`), then headings `I.` > `1.` > `a)`. A report
written as plain paragraphs (a news-style conference report) has no headings: each paragraph is
a part, titled by its opening words, and a list inside it (`… các nhiệm vụ sau: A; B; C`) is
split into items. Every figure it states — percentages, amounts of money, counts — is marked
with its value and where it sits (`figures`: part id, character offsets in that part's text).
"""

from __future__ import annotations

import re
from typing import Any

from corpus.citations import CitingContext
from corpus.model import Document, Provision, assign_ids
from ingest.blocks import Block
from ingest.nlp import analyse
from ingest.structure.inspection import canonical_unit
from ingest.structure.outline import build_outline, outline_to_provisions, reflow
from ingest.structure.report_header import read_report_header

FIGURE_LABELS = {"PERCENT": "percent", "MONEY": "money", "COUNT": "count"}
_PRESENTER = re.compile(
    r"^(?:Người trình bày|Người thực hiện|Người viết|Trình bày|Tác giả|Báo cáo viên)"
    r"\s*:\s*(?P<who>.+)$",
    re.IGNORECASE,
)
_UNIT = re.compile(r"^(?:Đơn vị(?: thực hiện)?|Cơ quan)\s*:\s*(?P<unit>.+)$", re.IGNORECASE)
_EVENT = re.compile(r"^\(?\s*(?P<event>(?:Trình bày|Tham luận|Báo cáo) tại .+?)\s*\)?$")
_LIST_INTRO = re.compile(r":\s+(?=\S)")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ])")


def build_topic(doc: Document, blocks: list[Block]) -> None:
    """Fill a topic's facts, heading tree and figures into `doc`."""
    blocks = reflow(blocks)
    head = read_report_header(blocks)
    doc.doc_type = doc.doc_type if head.type_words == "" else _doc_type(head.type_words)
    doc.title = head.title or doc.title
    doc.number = head.number or doc.number
    doc.issued = head.issued or doc.issued
    doc.issuer = head.issuer or doc.issuer
    body = [b for b in blocks[head.body_start :] if b.text.strip()]
    facts, body = _facts(body)
    doc.extra.update(facts)
    root = build_outline(body)
    if root.children:
        doc.provisions = outline_to_provisions(root)
    else:
        doc.provisions = [_part(text, str(i)) for i, text in enumerate(root.paragraphs, 1)]
        if not head.title and root.paragraphs:
            doc.title = _SENTENCE.split(root.paragraphs[0], 1)[0][:200]
    assign_ids(doc.provisions)
    context = CitingContext(number=doc.number, on=doc.issued, bare_means_previous=True)
    doc.extra["figures"], refs, units = _analyse_parts(doc.provisions, context)
    doc.refs = refs
    if "unit" not in doc.extra and (doc.issuer or units):
        doc.extra["unit"] = doc.issuer or units[0]
    doc.extra["units"] = units


def _doc_type(type_words: str) -> str:
    key = type_words.lower()
    if key.startswith("báo cáo"):
        return "bao_cao"
    if key.startswith("tham luận"):
        return "tham_luan"
    return "chuyen_de"


def _facts(body: list[Block]) -> tuple[dict[str, Any], list[Block]]:
    """Presenter, unit and event lines before the first heading; the rest is the body."""
    facts: dict[str, Any] = {}
    rest: list[Block] = []
    for i, block in enumerate(body):
        text = block.text.strip().strip("*").strip()
        if i >= 6:
            rest.extend(body[i:])
            break
        if m := _PRESENTER.match(text):
            who, _, role = m.group("who").partition(",")
            facts["presenter"] = who.strip()
            if role.strip():
                facts["presenter_role"] = role.strip()
        elif m := _UNIT.match(text):
            facts["unit"] = m.group("unit").strip()
        elif m := _EVENT.match(text):
            facts["event"] = m.group("event").strip()
        else:
            rest.append(block)
    return facts, rest


def _part(text: str, number: str) -> Provision:
    """One paragraph of an unheaded report: titled by its opening, its list split into items.

    A list is three or more pieces separated by `;`, after a colon when there is one (`… các
    nhiệm vụ sau: A; B; C`); without a colon the first piece stays the paragraph's own text.
    """
    title = _opening(text)
    m = _LIST_INTRO.search(text)
    head, tail = (text[: m.end()].strip(), text[m.end() :]) if m else ("", text)
    pieces = [p.strip(" .…") for p in tail.split(";")]
    if not m and len(pieces) > 1:
        head, pieces = pieces[0], pieces[1:]
    items: list[Provision] = []
    if len([p for p in pieces if p]) >= 3:
        items = [
            Provision(kind="section", number=str(i), text=p)
            for i, p in enumerate((p for p in pieces if p), 1)
        ]
        text = head
    return Provision(kind="section", number=number, title=title, text=text, children=items)


def _opening(text: str) -> str:
    """The first clause of a paragraph, up to 12 words: a part's title when it has none."""
    clause = re.split(r"[:,;.(]", text, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _analyse_parts(
    provisions: list[Provision], context: CitingContext
) -> tuple[list[dict[str, Any]], list[Any], list[str]]:
    figures: list[dict[str, Any]] = []
    refs = []
    units: list[str] = []
    for p in (node for top in provisions for node in top.walk()):
        for field_name in ("title", "text"):
            text = getattr(p, field_name)
            if not text:
                continue
            analysis = analyse(text, context)
            refs.extend(analysis.refs)
            for m in analysis.mentions:
                if m.label in FIGURE_LABELS:
                    figures.append(
                        {
                            "kind": FIGURE_LABELS[m.label],
                            "text": m.text,
                            "value": m.value,
                            "part": p.id,
                            "field": field_name,
                            "start": m.start,
                            "end": m.end,
                        }
                    )
                elif m.label == "ORG":
                    unit = canonical_unit(m.text)
                    if unit not in units:
                        units.append(unit)
    return figures, refs, units
