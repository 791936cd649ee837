"""Spec items → candidates: the provisions, findings, topic parts and violation groups they name.

- `cite`: the one citation grammar (`corpus.citations`) read at the handbook's date, so a name
  means the law in force then; each unit is looked up in the store (`corpus.links`: through the
  amending laws, a Pháp điển article under its original law). A law that is known but not
  stored, a unit the stored text does not have, or a name nobody knows is a reason, not a quote.
- `query`: the search index (articles in force on the handbook's date, or findings, or parts).
- `topic`: a conference topic's id (its parts), `id#part`, or words (search over parts).
- `violations`: groups of the catalogue (`handbook.violations`) by id, category or words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol

from corpus.citations import CitingContext, find_citations, resolve
from corpus.citing import citation_text, document_name
from corpus.model import Document, Reference
from corpus.store import Store
from corpus.vntext import fold
from handbook.categories import match_category
from handbook.compiled import ViolationRow
from handbook.quoting import (
    Candidate,
    finding_quote,
    provision_path,
    provision_quote,
    section_quote,
)
from handbook.violations import ViolationGroup, catalogue
from handbook.wording import document_source
from index.results import SearchFilters, SearchResult

GROUP_ID = re.compile(r"v[0-9a-f]{8}")
SEARCH_SLACK = 10
"""Extra hits fetched for a query, so duplicates of earlier items can be skipped."""


class Searcher(Protocol):
    """What compiling needs of search: `Library.search` or `SearchIndex.search`."""

    def search(
        self, query: str, filters: SearchFilters | None = None, limit: int = 10
    ) -> SearchResult: ...


@dataclass(slots=True)
class Resolved:
    """What one item gave: candidates in order (or violation rows), and why not, if nothing."""

    candidates: list[Candidate] = field(default_factory=list)
    rows: list[tuple[ViolationRow, list[tuple[str, str, str]]]] = field(default_factory=list)
    """Violation rows with the (key, text, doc_id) of each conclusion's source entry."""
    reasons: list[str] = field(default_factory=list)


class Resolver:
    """Resolves items against one store and search index at one date."""

    def __init__(self, store: Store, searcher: Searcher, as_of: dt.date) -> None:
        self.store = store
        self.searcher = searcher
        self.as_of = as_of
        self._docs: dict[str, Document | None] = {}
        self._groups: list[ViolationGroup] | None = None

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.get(doc_id, links=False)
        return self._docs[doc_id]

    # -- cite ------------------------------------------------------------------------------

    def cite(self, text: str) -> Resolved:
        out = Resolved()
        citations = find_citations(text)
        if not citations:
            out.reasons.append("no citation found (write e.g. 'khoản 1 Điều 45 Luật THADS')")
            return out
        context = CitingContext(on=self.as_of, bare_means_previous=True)
        previous = None
        for citation in citations:
            refs = resolve(citation, context, previous=previous)
            for ref in refs:
                previous = ref.law or previous
                found = self._cited(ref, citation.text)
                if isinstance(found, str):
                    out.reasons.append(found)
                else:
                    out.candidates.append(found)
        return out

    def _cited(self, ref: Reference, written: str) -> Candidate | str:
        if not ref.law:
            return f"'{written}': no known document by that name (use its số hiệu)"
        if not ref.article:
            return f"'{written}' names a whole document; cite an article, clause or point"
        target = self.store.find_target(ref)
        wanted = citation_text(ref)
        if target is None or target.provision_id is None:
            return f"{wanted}: {document_name(ref.law)} is not in the data folder"
        doc = self.document(target.doc_id)
        path = provision_path(doc, target.provision_id) if doc else None
        if doc is None or path is None:
            return f"{wanted}: not in the data folder"
        node = path[-1]
        if (ref.point and node.kind != "diem") or (ref.clause and node.kind == "dieu"):
            missing = f"điểm {ref.point}" if ref.point and node.kind == "khoan" else None
            missing = missing or (f"khoản {ref.clause}" if ref.clause else f"điểm {ref.point}")
            return f"{wanted}: the stored text of Điều {ref.article} has no {missing}"
        return provision_quote(doc, path, self.as_of, cited=ref)

    # -- query and topic -------------------------------------------------------------------

    def query(self, words: str, kind: str, limit: int, in_force_only: bool = True) -> Resolved:
        """Units found for `words`; articles only of documents in force on the date, unless
        `in_force_only` is False (then a quote says when its document was not in force)."""
        in_force = self.as_of if kind == "article" and in_force_only else None
        filters = SearchFilters(kind=kind, in_force_on=in_force)
        out = Resolved()
        result = self.searcher.search(words, filters=filters, limit=limit + SEARCH_SLACK)
        for hit in result.hits:
            found = self._unit(hit.doc_id, hit.key.partition("#")[2], kind)
            if found is not None:
                out.candidates.append(found)
        if not out.candidates:
            out.reasons.append(f"nothing found for '{words}'")
        return out

    def _unit(self, doc_id: str, unit_id: str, kind: str) -> Candidate | None:
        doc = self.document(doc_id)
        if doc is None:
            return None
        if kind == "finding":
            index = int(unit_id[1:]) - 1 if re.fullmatch(r"f\d+", unit_id) else -1
            return finding_quote(doc, index) if 0 <= index < len(doc.findings) else None
        path = provision_path(doc, unit_id)
        if path is None:
            return None
        if kind == "article":
            return provision_quote(doc, path, self.as_of)
        return section_quote(doc, path)

    def topic(self, value: str, limit: int) -> Resolved:
        doc_id, _, part = value.partition("#")
        doc = self.document(doc_id) if re.fullmatch(r"[\w.-]+", doc_id) else None
        if doc is None:
            return self._topic_search(value, limit)
        out = Resolved()
        if part:
            path = provision_path(doc, part)
            if path is None:
                out.reasons.append(f"{doc_id} has no part '{part}'")
            else:
                out.candidates.append(section_quote(doc, path))
            return out
        out.candidates = [section_quote(doc, [p]) for p in doc.provisions]
        if not out.candidates:
            out.reasons.append(f"{doc_id} has no parts to quote")
        return out

    def _topic_search(self, words: str, limit: int) -> Resolved:
        out = Resolved()
        result = self.searcher.search(
            words, filters=SearchFilters(kind="section"), limit=limit + SEARCH_SLACK
        )
        for hit in result.hits:
            doc = self.document(hit.doc_id)
            if doc is None or doc.kind != "conference_topic":
                continue
            found = self._unit(hit.doc_id, hit.key.partition("#")[2], "section")
            if found is not None:
                out.candidates.append(found)
        if not out.candidates:
            out.reasons.append(f"no conference topic is stored with id '{words}' or about it")
        return out

    # -- violations ------------------------------------------------------------------------

    def groups(self) -> list[ViolationGroup]:
        if self._groups is None:
            self._groups = catalogue(self.store)
        return self._groups

    def violations(self, value: str, limit: int) -> Resolved:
        out = Resolved()
        groups = self.groups()
        if GROUP_ID.fullmatch(value):
            chosen = [g for g in groups if g.group_id == value]
            if not chosen:
                out.reasons.append(
                    f"no violation group {value} (groups change as conclusions are added; "
                    "see `camnang violations`)"
                )
        else:
            chosen = matching_groups(groups, value)[:limit]
            if not chosen:
                out.reasons.append(f"no violation in the catalogue matches '{value}'")
        out.rows = [(self._row(g), self._conclusions(g)) for g in chosen]
        return out

    def _row(self, group: ViolationGroup) -> ViolationRow:
        return ViolationRow(
            group_id=group.group_id,
            label=group.label,
            category=group.category,
            count=group.count,
            documents=group.documents,
            units=group.units,
            provisions=[r["citation"] for r in group.refs[:4]],
            sources=[],
        )

    def _conclusions(self, group: ViolationGroup) -> list[tuple[str, str, str]]:
        out = []
        for doc_id in dict.fromkeys(f.doc_id for f in group.findings):
            doc = self.document(doc_id)
            if doc is not None:
                out.append((f"doc:{doc.id}", document_source(doc), doc.id))
        return out


def matching_groups(groups: list[ViolationGroup], words: str) -> list[ViolationGroup]:
    """Groups named by `words`: label or category first, then groups whose findings say them;
    each list most frequent first (the catalogue's order)."""
    want = _folded(words)
    category = match_category(words)
    named = [g for g in groups if want in _folded(g.label) or (category and g.category == category)]

    def said(group: ViolationGroup) -> bool:
        return any(want in _folded(f"{f.title} {f.text}") for f in group.findings)

    return named + [g for g in groups if g not in named and said(g)]


def _folded(text: str) -> str:
    return " ".join(fold(text).lower().split())
