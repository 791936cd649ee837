"""As-you-type suggestions: terms, document titles and số hiệu, article headings.

Built once from the store (and the expansion dictionary), kept until the documents change
(`caching.StoreCache`). Every entry is a list of folded words (marks removed, `đ`→`d`, the
analysis chain of search); a query matches an entry when each of its words is a word of the
entry and its last word begins one (the user is still typing it). Lookups go through an
inverted index (word → entries) and a sorted vocabulary for the last word's prefix, so a
suggestion costs well under a millisecond on the Pháp điển topics.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from corpus.citetext import citation_text
from corpus.model import Provision
from index.analysis.analyzers import analyze, words
from index.analysis.expansion import default_expansions
from search_api.catalog import headline
from search_api.library import Library

KIND_ORDER = {"term": 0, "document": 1, "article": 2}
PER_KIND = {"term": 3, "document": 3, "article": 8}
MAX_CANDIDATES = 5000
PHRASE_MIN_TITLES = 2
MAX_PHRASE = 4
_UNIT_WORDS = {"điều", "khoản", "điểm", "chương", "mục"}
_EDGE_WORDS = {
    "của", "và", "các", "cho", "trong", "đối", "với", "về", "theo", "khi", "được", "bị", "là",
    "có", "những", "để", "tại", "từ", "hoặc", "do", "này", "đã", "một", "không", "nào",
}  # fmt: skip
"""Connecting words a suggested phrase does not begin or end with (`của`, `và`…)."""


@dataclass(slots=True)
class Suggestion:
    text: str
    """What goes into the search box."""
    label: str
    """What the list shows."""
    kind: str
    """`term`, `document`, `article` (or `citation`, added by the route)."""
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"text": self.text, "label": self.label, "kind": self.kind, "url": self.url}


@dataclass(slots=True)
class _Entry:
    suggestion: Suggestion
    words: tuple[str, ...]
    weight: float
    joined: str = ""
    """` w1 w2 … ` for matching a typed run of words as a substring."""

    def __post_init__(self) -> None:
        self.joined = " " + " ".join(self.words) + " "


class Suggester:
    """The suggestion index of one store."""

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            for word in set(entry.words):
                postings.setdefault(word, []).append(i)
        self.postings = {w: frozenset(ids) for w, ids in postings.items()}
        self.vocabulary = sorted(self.postings)

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(self, query: str, limit: int = 8) -> list[Suggestion]:
        """The best entries for what has been typed so far."""
        typed = folded_words(query)
        if not typed:
            return []
        still_typing = not query[-1:].isspace()
        whole = typed[:-1] if still_typing else typed
        prefix = typed[-1] if still_typing else None
        candidates = self._candidates(whole, prefix)
        if candidates is None:
            return []
        ranked = sorted(candidates, key=lambda i: -self.entries[i].weight)[:MAX_CANDIDATES]
        run = " " + " ".join(typed) + ("" if still_typing else " ")
        scored = sorted(ranked, key=lambda i: self._rank(i, run))
        out: list[Suggestion] = []
        per_kind: Counter[str] = Counter()
        seen: set[str] = set()
        for i in scored:
            s = self.entries[i].suggestion
            if per_kind[s.kind] >= PER_KIND[s.kind] or s.text in seen:
                continue
            per_kind[s.kind] += 1
            seen.add(s.text)
            out.append(s)
            if len(out) >= limit:
                break
        out.sort(key=lambda s: KIND_ORDER[s.kind])
        return out

    def _candidates(self, whole: list[str], prefix: str | None) -> set[int] | None:
        sets = []
        for word in whole:
            ids = self.postings.get(word)
            if ids is None:
                return None
            sets.append(ids)
        sets.sort(key=len)
        found: set[int] | None = set(sets[0]) if sets else None
        for ids in sets[1:]:
            assert found is not None
            found &= ids
        if prefix is None:
            return found
        if found is not None and len(found) < 2000:
            return {i for i in found if " " + prefix in self.entries[i].joined}
        lo = bisect.bisect_left(self.vocabulary, prefix)
        hi = bisect.bisect_left(self.vocabulary, prefix + "\uffff")
        with_prefix: set[int] = set()
        for word in self.vocabulary[lo:hi]:
            with_prefix |= self.postings[word]
        return with_prefix if found is None else found & with_prefix

    def _rank(self, i: int, run: str) -> tuple:
        entry = self.entries[i]
        at = entry.joined.find(run)
        return (
            0 if at >= 0 else 1,
            0 if at == 0 else 1,
            KIND_ORDER[entry.suggestion.kind],
            -entry.weight,
            len(entry.words),
        )


def folded_words(text: str) -> list[str]:
    """Search's folded syllables of a text (no gap markers)."""
    return words(analyze(text).folded)


def build(library: Library) -> Suggester:
    """The suggestion index of a library's store."""
    conn = library.store.conn
    entries: list[_Entry] = []
    docs = {}
    for r in conn.execute("SELECT id, kind, doc_type, number, title FROM documents"):
        doc = headline(r)
        docs[doc.id] = doc
        label = " · ".join(x for x in (doc.number, doc.title) if x) or doc.id
        entries.append(
            _Entry(
                Suggestion(
                    doc.number or doc.title or doc.id, label, "document", f"/documents/{doc.id}"
                ),
                tuple(folded_words(f"{doc.number or ''} {doc.title}")),
                10.0,
            )
        )
    titles: list[str] = []
    rows = conn.execute(
        "SELECT doc_id, id, number, title, law, article FROM provisions WHERE kind = 'dieu' "
        "ORDER BY doc_id, ord"
    )
    for r in rows:
        doc = docs.get(r["doc_id"])
        if doc is None:
            continue
        article = Provision(
            kind="dieu", number=r["number"], title=r["title"], law=r["law"], article=r["article"]
        )
        cite = citation_text(doc, article, [])
        heading = f"Điều {r['article'] or r['number']}. {r['title']}".strip().rstrip(".")
        where = doc.title or doc.number or doc.id
        entries.append(
            _Entry(
                Suggestion(
                    cite, f"{heading} — {where}", "article", f"/documents/{doc.id}#{r['id']}"
                ),
                tuple(folded_words(f"Điều {r['article'] or r['number']} {r['title']}")),
                1.0,
            )
        )
        if r["title"]:
            titles.append(r["title"])
    entries.extend(_phrases(titles))
    entries.extend(_dictionary_terms())
    return Suggester(entries)


def _phrases(titles: list[str]) -> list[_Entry]:
    """Phrases of 2–4 words that recur in article titles (`thi hành án`, `kê biên tài sản`),
    weighted by how many titles hold them.

    A phrase begins and ends with a content word, holds no number or unit word (`Điều 45`),
    and is not always part of one longer phrase (`kê biên tài` is dropped for `kê biên tài
    sản` when every title with the one has the other).
    """
    counts: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = {}
    for title in titles:
        exact = re.findall(r"\w+", title.lower())
        seen: set[tuple[str, ...]] = set()
        for n in range(2, MAX_PHRASE + 2):
            for j in range(len(exact) - n + 1):
                gram = exact[j : j + n]
                if gram[0] in _EDGE_WORDS or gram[-1] in _EDGE_WORDS:
                    continue
                if any(w.isdigit() or w in _UNIT_WORDS for w in gram):
                    continue
                key = tuple(folded_words(" ".join(gram)))
                if len(key) != n or key in seen:
                    continue
                seen.add(key)
                counts[key] += 1
                forms.setdefault(key, Counter())[" ".join(gram)] += 1
    longest: Counter[tuple[str, ...]] = Counter()
    for key, n in counts.items():
        for part in (key[:-1], key[1:]):
            longest[part] = max(longest[part], n)
    out = []
    for key, n in counts.items():
        if n < PHRASE_MIN_TITLES or len(key) > MAX_PHRASE or longest[key] >= n:
            continue
        text = forms[key].most_common(1)[0][0]
        out.append(_Entry(Suggestion(text, text, "term"), key, float(n)))
    return out


def _dictionary_terms() -> list[_Entry]:
    """The expansion dictionary's abbreviations with what they stand for (`THADS`)."""
    out = []
    for key, alternatives in default_expansions().entries.items():
        if len(key) != 1:
            continue
        for alt in alternatives:
            text = " ".join(alt)
            label = f"{key[0].upper()} — {text}"
            words_of = (*key, *folded_words(text))
            out.append(_Entry(Suggestion(text, label, "term"), words_of, 5.0))
    return out
