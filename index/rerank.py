"""Re-ranking the head of a result by proximity: the query's words close together in a unit.

BM25 (with the pair field) scores a unit by how often it uses each word of the query, wherever;
a question is better answered by the unit whose one passage holds most of its words and word
pairs. The best `RERANK_DEPTH` hits get `proximity × top score × f`, where `f` is the
highlighter's best-window score (distinct query words plus adjacent pairs in one snippet-wide
window) over the most it could be (`2n - 1` for `n` distinct words). The weight comes from
`bench/grid_proximity.py` on the dev sets, the depth from runs at 15 to 50 (bench/README.md
"Proximity re-ranking").
Below the first page, a hit is scored only while the largest bonus could still lift it onto
that page: the first page is exactly what scoring all 20 gives, for about a third less work.
"""

from __future__ import annotations

from collections.abc import Callable

from index.engine import EngineHit
from index.highlight import proximity_in
from index.textscan import Scan, scan

RERANK_DEPTH = 20
"""Hits re-ranked: deeper lists gave the same R@10 and MRR@10 on the dev sets."""
PAGE = 10
"""A hit below the first page is scored only if its bonus could lift it onto that page."""


def scanned_text(hit: EngineHit) -> str:
    """What the re-ranking scans of a hit: its heading, a line end, its text."""
    return f"{hit.stored.get('heading') or ''}\n{hit.stored.get('text') or ''}"


def by_proximity(
    hits: list[EngineHit],
    folded: list[str],
    weight: float,
    scans: Callable[[EngineHit], Scan] | None = None,
) -> list[EngineHit]:
    """`hits` (best first) with the first `RERANK_DEPTH` re-scored and re-sorted; a query of
    fewer than two distinct words, or a zero weight, leaves them as they are. `scans` gives the
    scan of a hit's `scanned_text` for these words or more (a caller that keeps them can reuse
    them); by default each is scanned here."""
    terms = frozenset(t for t in folded if t)
    if weight <= 0 or len(terms) < 2 or not hits:
        return hits

    def own_scan(hit: EngineHit) -> Scan:
        return scan(scanned_text(hit), terms)

    scans = scans or own_scan
    most = 2 * len(terms) - 1
    head = hits[:RERANK_DEPTH]
    top = head[0].score
    rescored: list[EngineHit] = []
    for i, h in enumerate(head):
        if i >= PAGE and h.score + weight * top < sorted(x.score for x in rescored)[-PAGE]:
            # no bonus lifts this one (nor any after it) onto the first page: left as scored
            rescored += head[i:]
            break
        bonus = weight * top * proximity_in(scans(h), terms) / most
        rescored.append(EngineHit(h.key, h.score + bonus, h.stored))
    rescored.sort(key=lambda h: -h.score)
    return rescored + hits[RERANK_DEPTH:]
