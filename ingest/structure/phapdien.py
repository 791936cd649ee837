"""Pháp điển Markdown (the official codification): topics of articles gathered from many laws.

```
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 30.2.LQ.1. Phạm vi điều chỉnh
(Điều 1 Luật số 26/2008/QH12, có hiệu lực thi hành kể từ ngày 01/07/2009, …)
Luật này quy định …
(Điều này có nội dung liên quan đến Điều 30.2.LQ.158. …)
```

Each `Điều 30.2.LQ.45.` heading opens an article whose source line names the original document
and article: the article keeps both ids (`number` = `30.2.LQ.45`, `law` = `26/2008/QH12`,
`article` = `45`). A heading is sometimes glued to the end of the paragraph before it. The list
under `## Danh sách điều khoản` is a table of contents and is not read.
"""

from __future__ import annotations

import itertools
import re

from corpus.model import Provision
from corpus.numbers import normalize_number
from ingest.blocks import Block
from ingest.structure.regulation import _CHUONG, _DIEM, _KHOAN, _MUC, _PHAN

TOC_HEADING = "Danh sách điều khoản"
_HEADING = re.compile(
    r"(?:(?<=^)|(?<=[.;:!?)”\"]))\s*Điều\s+(?P<code>\d+\.\d+\.[A-ZĐ]+(?:\.\d+)+[a-z]?)\.\s+"
)
_SOURCE = re.compile(
    r"^\(\s*Điều\s+(?P<article>\d+[a-zđ]?)\b[^()]*?\bsố\s+(?P<law>\d+[a-zA-Z]?/\d{4}/[A-ZĐa-zđ0-9-]+)"
)
_RELATED = re.compile(r"^\(Điều này có nội dung liên quan đến")


def is_phapdien(blocks: list[Block], meta: dict[str, str]) -> bool:
    """Pháp điển files have `Điều <n>.<n>.<XX>.<n>.` headings; sniff the first hundred blocks."""
    hits = sum(1 for b in blocks[:400] if _HEADING.match(b.text))
    return hits >= 2 or ("permalink" in meta and hits >= 1)


def split_glued_headings(blocks: list[Block]) -> list[Block]:
    """`…tán thành.Điều 30.2.TT.11.63. Hồ sơ …` → two blocks."""
    out: list[Block] = []
    for block in blocks:
        starts = [m.start() for m in _HEADING.finditer(block.text) if m.start() > 0]
        if not starts or block.text.startswith("(Điều này"):
            out.append(block)
            continue
        cuts = [0, *starts, len(block.text)]
        for a, b in itertools.pairwise(cuts):
            piece = block.text[a:b].strip()
            if piece:
                out.append(
                    Block(text=piece, page=block.page, bold=block.bold, heading=block.heading)
                )
    return out


def parse_phapdien(blocks: list[Block]) -> list[Provision]:
    """Parse the body of a Pháp điển topic into chapters and articles (with khoản/điểm)."""
    roots: list[Provision] = []
    chapter: Provision | None = None
    article: Provision | None = None
    clause: Provision | None = None
    point: Provision | None = None
    expect_chapter_title = False
    for block in split_glued_headings(blocks):
        text = block.text.strip()
        if block.heading and TOC_HEADING.lower() in text.lower():
            break
        if block.heading == 1:
            continue  # the topic's own title
        m = _HEADING.match(text)
        if m:
            article = Provision(
                kind="dieu", number=m.group("code"), title=text[m.end() :].strip(), page=block.page
            )
            (chapter.children if chapter else roots).append(article)
            clause = point = None
            continue
        if article is None or (_CHUONG.match(text) or _PHAN.match(text)):
            m = _CHUONG.match(text) or _PHAN.match(text) or _MUC.match(text)
            if m and text[-1:] not in ".;,":
                kind = "chuong" if _CHUONG.match(text) else ("phan" if _PHAN.match(text) else "muc")
                chapter = Provision(
                    kind=kind,
                    number=m.group("num"),
                    title=m.group("title").strip(),
                    page=block.page,
                )
                roots.append(chapter)
                article = clause = point = None
                expect_chapter_title = not chapter.title
                continue
            if expect_chapter_title and chapter is not None:
                chapter.title = text
                expect_chapter_title = False
                continue
            continue
        if article.law is None:
            source = _SOURCE.match(text)
            if source:
                article.law = normalize_number(source.group("law"))
                article.article = source.group("article")
                continue
        if _RELATED.match(text):
            continue
        m = _KHOAN.match(text)
        if m:
            clause = Provision(
                kind="khoan", number=m.group("num"), text=m.group("text"), page=block.page
            )
            article.children.append(clause)
            point = None
            continue
        m = _DIEM.match(text)
        if m:
            point = Provision(
                kind="diem", number=m.group("num"), text=m.group("text"), page=block.page
            )
            (clause or article).children.append(point)
            continue
        target = point or clause or article
        target.text = f"{target.text}\n{text}" if target.text else text
    return roots
