"""The citation grammar: find references to provisions in Vietnamese text and normalize them.

A citation names the smallest unit first and the document last:

    điểm a khoản 2 Điều 7 Luật Thi hành án dân sự
    khoản 1, điểm b và điểm e khoản 4 Điều 44 Luật THADS
    Điều 9 Nghị định số 62/2015/NĐ-CP      NĐ 62/2015/NĐ-CP      Thông tư 04/2023/TT-BTP
    Điều 9 của Nghị định này               khoản 3 Điều này        Điều 44 đến Điều 46

`find_citations` parses them (points attach to the clause that follows them, clauses to the
article that follows them, a document designation to every unit before it); `resolve` turns a
citation into normalized `Reference`s `{law, article, clause, point}` using the citing
document's own number (`này`), the registry of known documents (names, abbreviations) and the
citing document's date (the law in force then). What cannot be resolved keeps its raw text.
This one grammar serves ingest (citations in documents) and search (citations in queries); the
document part of a citation is read by `corpus.cited_document`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.cited_document import (
    DOCTYPE,
    THIS,
    CitedDocument,
    Cursor,
    names_a_regulation,
    parse_document,
)
from corpus.model import Reference
from corpus.registry import Registry, default_registry
from corpus.vntext import fold, nfc

_POINT = re.compile(r"(?:các\s+)?[Đđ]iểm\s+", re.IGNORECASE)
_CLAUSE = re.compile(r"(?:các\s+)?[Kk]hoản\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:các\s+)?[Đđ]iều\s+", re.IGNORECASE)
_LETTER = re.compile(r"([a-zđ])(?![\w/])")
_NUM = re.compile(r"(\d{1,4}[a-zđ]?)(?![\w/])")
_LIST_SEP = re.compile(r"\s*(?:,|và|hoặc|;)\s*")
_RANGE = re.compile(r"\s*(?:đến|tới|[-–])\s*(?:[Đđ]iều\s+)?")
_CLAUSE_RANGE = re.compile(r"\s*(?:đến|tới|[-–])\s*(?:[Kk]hoản\s+)?")
_POINT_RANGE = re.compile(r"\s*(?:đến|tới|[-–])\s*(?:[Đđ]iểm\s+)?")
LETTERS = "abcdđeghiklmnopqrstuvxy"
"""The letters Vietnamese documents number points with, in order (no f, j, w, z)."""
_JOIN = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?=(?:các\s+)?(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều)\s+\w)")
_UNIT_WORD = re.compile(r"(?:các\s+)?(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều)\s", re.IGNORECASE)
_OF = re.compile(r"\s*(?:của|tại|thuộc)?\s*")
START = re.compile(
    r"(?<![\w])(?:(?:các\s+)?(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều)\s+(?:\d|[a-zđ](?![\w])|này)|"
    + DOCTYPE.pattern
    + r")",
    re.IGNORECASE,
)


@dataclass(slots=True)
class CitedUnit:
    """One normalized unit of a citation before the law is resolved."""

    article: str | None
    clause: str | None = None
    point: str | None = None
    this_article: bool = False
    document: CitedDocument | None = None


@dataclass(slots=True)
class Citation:
    """A citation found in a text: its span, the units it names, the text as written."""

    start: int
    end: int
    text: str
    units: list[CitedUnit] = field(default_factory=list)
    document: CitedDocument | None = None
    """For a citation of a whole document (`Nghị định số 62/2015/NĐ-CP`): that document."""


def find_citations(text: str, registry: Registry | None = None) -> list[Citation]:
    """Every citation in `text` (NFC), in order, non-overlapping."""
    registry = registry or default_registry()
    text = nfc(text)
    folded = fold(text).lower()
    found: list[Citation] = []
    pos = 0
    for m in START.finditer(text):
        if m.start() < pos:
            continue
        citation = _parse_at(text, folded, m.start(), registry)
        if citation is not None:
            found.append(citation)
            pos = citation.end
    return found


def _parse_at(text: str, folded: str, start: int, registry: Registry) -> Citation | None:
    cur = Cursor(text, start)
    units: list[CitedUnit] = []
    open_units: list[CitedUnit] = []
    end = start
    while True:
        group = _parse_group(cur)
        if group is None:
            break
        units.extend(group)
        open_units.extend(group)
        end = cur.pos
        save = cur.pos
        cur.take(_OF)
        document = parse_document(cur, folded, registry)
        if document is not None:
            for unit in open_units:
                unit.document = document
            open_units = []
            end = cur.pos
        else:
            cur.pos = save
        if not cur.take(_JOIN):
            break
    if units:
        return Citation(start=start, end=end, text=text[start:end].strip(), units=units)
    cur = Cursor(text, start)
    document = parse_document(cur, folded, registry)
    if document is None or document.this or not names_a_regulation(document, registry):
        return None
    return Citation(start=start, end=cur.pos, text=text[start : cur.pos].strip(), document=document)


def _parse_group(cur: Cursor) -> list[CitedUnit] | None:
    """`[điểm …] [khoản …]… Điều N[, M | đến P]` → units; None when no article follows."""
    start = cur.pos
    clauses: list[tuple[str | None, list[str]]] = []
    points: list[str] = []
    while True:
        if cur.take(_POINT):
            letters = _list_of(cur, _LETTER, _POINT, _POINT_RANGE)
            if not letters:
                break
            points.extend(letters)
        elif cur.take(_CLAUSE):
            if cur.take(THIS):
                clauses.append(("this", points))
                points = []
                break
            numbers = _list_of(cur, _NUM, _CLAUSE, _CLAUSE_RANGE)
            if not numbers:
                break
            clauses.append((numbers[0], points))
            clauses.extend((n, []) for n in numbers[1:])
            points = []
        elif cur.take(_ARTICLE):
            articles, this = _articles(cur)
            if not articles and not this:
                break
            if points:
                clauses.append((None, points))
            return _expand(articles, clauses, this)
        else:
            break
        save = cur.pos
        if not cur.take(_LIST_SEP) or not cur.peek(
            re.compile(r"(?:các\s+)?(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều)\s", re.I)
        ):
            cur.pos = save
            cur.skip_ws()
    cur.pos = start
    return None


def _list_of(
    cur: Cursor, item: re.Pattern[str], repeat: re.Pattern[str], span: re.Pattern[str]
) -> list[str]:
    """`a, b và c`, `a, điểm b` or `a đến d` → items, stopping before anything else."""
    values: list[str] = []
    m = cur.take(item)
    if not m:
        return values
    values.append(m.group(1))
    while True:
        save = cur.pos
        if cur.take(span):
            last = cur.take(item)
            filled = _fill_range(values[-1], last.group(1)) if last else None
            if filled:
                values.extend(filled)
                continue
            cur.pos = save
        if cur.take(_LIST_SEP):
            cur.take(repeat)
            m = cur.take(item)
            if m:
                values.append(m.group(1))
                continue
        cur.pos = save
        return values


def _fill_range(first: str, last: str) -> list[str] | None:
    """The items after `first` up to `last`: `1`…`3` → 2, 3; `a`…`d` → b, c, d."""
    if first.isdigit() and last.isdigit():
        lo, hi = int(first), int(last)
        return [str(n) for n in range(lo + 1, hi + 1)] if lo < hi <= lo + 30 else None
    if first in LETTERS and last in LETTERS:
        lo, hi = LETTERS.index(first), LETTERS.index(last)
        return list(LETTERS[lo + 1 : hi + 1]) if lo < hi else None
    return None


def _articles(cur: Cursor) -> tuple[list[str], bool]:
    if cur.take(THIS):
        return [], True
    first = cur.take(_NUM)
    if not first:
        return [], False
    articles = [first.group(1)]
    save = cur.pos
    if cur.take(_RANGE):
        last = cur.take(_NUM)
        if last and last.group(1).isdigit() and first.group(1).isdigit():
            lo, hi = int(first.group(1)), int(last.group(1))
            if lo < hi <= lo + 50:
                return [str(n) for n in range(lo, hi + 1)], False
        cur.pos = save
    while True:
        save = cur.pos
        if cur.take(_LIST_SEP):
            cur.take(_ARTICLE)
            m = cur.take(_NUM)
            if m and not cur.peek(re.compile(r"\s*(?:[Kk]hoản|[Đđ]iểm)\b")):
                articles.append(m.group(1))
                continue
        cur.pos = save
        return articles, False


def _expand(
    articles: list[str], clauses: list[tuple[str | None, list[str]]], this: bool
) -> list[CitedUnit]:
    units: list[CitedUnit] = []
    targets: list[str | None] = list(articles) if articles else [None]
    for index, article in enumerate(targets):
        if index == 0 and clauses:
            for clause, points in clauses:
                clause_value = None if clause == "this" else clause
                if points:
                    units.extend(CitedUnit(article, clause_value, p, this) for p in points)
                else:
                    units.append(CitedUnit(article, clause_value, None, this))
        else:
            units.append(CitedUnit(article, None, None, this))
    return units


@dataclass(slots=True)
class CitingContext:
    """What `này`, bare article numbers and names mean in the citing text."""

    number: str | None = None
    """The citing document's own số hiệu: for `Nghị định này`, and bare `Điều 5` in a regulation."""
    article: str | None = None
    """The article the citation sits in (for `khoản 3 Điều này`)."""
    on: dt.date | None = None
    """The citing document's date: a name means the law in force then."""
    bare_means_self: bool = False
    """Whether a citation without a document (`khoản 2 Điều 5`) refers to the citing document."""
    bare_means_previous: bool = False
    """Whether a citation without a document refers to the document cited just before it in
    the same text (`… khoản 1 Điều 44 Luật THADS; … khoản 2 Điều 44`), as reports write."""


def resolve(
    citation: Citation,
    context: CitingContext | None = None,
    registry: Registry | None = None,
    previous: str | None = None,
) -> list[Reference]:
    """Normalize a citation's units to References; unresolved ones keep their raw text.

    `previous` is the law of the citation before this one in the same text, used for units
    without a document when `context.bare_means_previous` says so.
    """
    context = context or CitingContext()
    registry = registry or default_registry()
    if not citation.units:
        law = _law_of(citation.document, context, registry)
        return [Reference(text=citation.text, law=law, status="resolved" if law else "unresolved")]
    refs = []
    for unit in citation.units:
        if unit.this_article:
            law, article = context.number, context.article
        elif unit.document is None and context.bare_means_previous and previous:
            law, article = previous, unit.article
        else:
            law, article = _law_of(unit.document, context, registry), unit.article
        ok = bool(law and article)
        refs.append(
            Reference(
                text=citation.text,
                law=law,
                article=article,
                clause=unit.clause,
                point=unit.point,
                status="resolved" if ok else "unresolved",
            )
        )
    return refs


def _law_of(doc: CitedDocument | None, context: CitingContext, registry: Registry) -> str | None:
    if doc is None:
        return context.number if context.bare_means_self else None
    if doc.this:
        return context.number
    if doc.number:
        return doc.number
    if doc.name:
        name = doc.name if not doc.year else f"{doc.name} năm {doc.year}"
        candidates = registry.resolve_name(name, context.on) or registry.resolve_name(
            doc.name, context.on
        )
        if doc.year:
            candidates = [c for c in candidates if f"/{doc.year}/" in c]
        return candidates[0] if candidates else None
    return None


def references_in(
    text: str, context: CitingContext | None = None, registry: Registry | None = None
) -> list[Reference]:
    """Find and resolve every citation in a text."""
    registry = registry or default_registry()
    refs: list[Reference] = []
    previous: str | None = None
    for citation in find_citations(text, registry):
        resolved = resolve(citation, context, registry, previous)
        refs.extend(resolved)
        laws = [r.law for r, u in zip(resolved, citation.units, strict=False) if u.document]
        if citation.document is not None and resolved and resolved[0].law:
            laws.append(resolved[0].law)
        previous = next((law for law in reversed(laws) if law), previous)
    return refs
