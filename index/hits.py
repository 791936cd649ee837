"""Engine hits dressed for display: the terms a snippet marks, the scans the re-ranking made
(kept so that a snippet reuses them), the snippet, and the khoản/điểm label of the match."""

from __future__ import annotations

from index.engine import EngineHit
from index.highlight import highlight
from index.query import ParsedQuery
from index.rerank import scanned_text
from index.results import Hit
from index.textscan import Scan, scan


def dressed(
    h: EngineHit,
    marking: tuple[set[str], set[str]] | None,
    part: tuple | None = None,
    found: Scan | None = None,
) -> Hit:
    """A hit as shown: its snippet (when `marking` gives the terms to mark, exact and
    folded) and its most precise label. `found` is a scan of `scanned_text(h)`, if made."""
    s = h.stored
    text = s.get("text") or ""
    label = s.get("label") or ""
    parts = [tuple(p) for p in s.get("parts") or []]
    snippet = ""
    window: tuple[int, int] | None = None
    if part and (part[0] or part[1]):
        for start, end, plabel in parts:
            if _part_matches(plabel, *part):
                label, window = plabel, (start, end)
                break
    if marking is not None:
        if window is not None:
            snip = highlight(text[window[0] : window[1]], *marking)
        else:
            of_text = found.after(len(s.get("heading") or "") + 1) if found else None
            snip = highlight(text, *marking, found=of_text)
        snippet = snip.text
        if window is None and snip.matches and parts:
            label = _label_at(parts, snip.start, snip.end, label)
    return Hit(
        doc_id=s.get("doc_id") or "",
        number=s.get("number"),
        title=s.get("title") or "",
        label=label,
        law=s.get("law"),
        article=s.get("article"),
        snippet=snippet,
        score=h.score,
        kind=s.get("kind") or "",
        key=h.key,
        heading=s.get("heading") or "",
    )


def marking_of(q: ParsedQuery) -> tuple[set[str], set[str]]:
    """The terms a snippet marks: exact forms (words, phrases, expansions) and folded forms
    (words typed without marks, or every word when the query has none)."""
    exact = {t for t in q.exact if t} | {t for p in q.phrases for t in p}
    exact |= {t for e in q.expansions for t in e.terms}
    folded = {f for t, f in zip(q.exact, q.folded, strict=True) if t and (not q.marked or t == f)}
    if not q.marked:
        folded |= {t for p in q.phrases for t in p}
    return exact, folded


class HitScans:
    """Scans of hits' `scanned_text` for one query's folded terms, made once per hit: the
    re-ranking's scan of a hit is reused for its snippet."""

    def __init__(self, terms: frozenset[str]) -> None:
        self.terms = terms
        self._made: dict[str, Scan] = {}

    def __call__(self, hit: EngineHit) -> Scan:
        found = self._made.get(hit.key)
        if found is None:
            found = self._made[hit.key] = scan(scanned_text(hit), self.terms)
        return found

    def made(self, hit: EngineHit) -> Scan | None:
        """The hit's scan, if one was made."""
        return self._made.get(hit.key)


def _part_matches(label: str, clause: str | None, point: str | None) -> bool:
    words = label.split()
    want = []
    if point:
        want.append(f"điểm {point}")
    if clause:
        want.append(f"khoản {clause}")
    text = " ".join(words)
    prefix = " ".join(want)
    return text.startswith(prefix + " ") and (point is not None or not text.startswith("điểm"))


def _label_at(parts: list[tuple], start: int, end: int, default: str) -> str:
    """The smallest khoản/điểm that holds the snippet's first match."""
    best = None
    for p_start, p_end, label in parts:
        if p_start <= start < p_end and (best is None or p_end - p_start < best[1] - best[0]):
            best = (p_start, p_end, label)
    return best[2] if best else default
