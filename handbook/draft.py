"""A first spec for a topic, for the trainer to edit and build (`camnang handbook draft`).

Three sections, each filled from what the data folder holds about the topic:
- provisions: the ones the topic's violation groups break most (those whose text is stored),
  then the articles a search for the topic ranks highest (in force or not: the stored text
  may be older than the draft's date, and the built handbook flags what was not in force);
- violations: the catalogue's groups on the topic, by group id;
- conference topics: the parts of stored conference topics that a search finds about it.
Items are concrete (citations with số hiệu, group ids, `topic#part`), so the handbook does not
change under the trainer's feet when more documents are ingested; the YAML says in comments
what each item is, and lists the provisions that were cited but are not stored.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from corpus.model import Reference
from corpus.store import Store
from handbook.resolve import Resolver, Searcher, matching_groups
from handbook.spec import CiteItem, HandbookSpec, Item, Section, TopicItem, ViolationsItem
from handbook.wording import vn_date

MAX_PROVISIONS = 8
MAX_SEARCHED = 5
MAX_GROUPS = 6
MAX_PARTS = 4
TITLES = ("Quy định pháp luật", "Những vi phạm thường gặp", "Kinh nghiệm từ các chuyên đề")


@dataclass(slots=True)
class Draft:
    spec: HandbookSpec
    comments: dict[tuple[int, int], str] = field(default_factory=dict)
    """(section, item) → what the item is, for the YAML."""
    missing: list[str] = field(default_factory=list)
    """Provisions the violations break whose text is not in the data folder."""

    @property
    def empty(self) -> bool:
        return not any(s.items for s in self.spec.sections)


class NothingFound(ValueError):
    """The data folder holds nothing about the topic."""


def draft_spec(topic: str, store: Store, searcher: Searcher, today: dt.date | None = None) -> Draft:
    """A draft for `topic`; raises NothingFound when every section would be empty."""
    topic = " ".join(topic.split())
    if not topic:
        raise NothingFound("the topic is empty")
    today = today or dt.date.today()
    resolver = Resolver(store, searcher, today)
    groups = matching_groups(resolver.groups(), topic)[:MAX_GROUPS]
    provisions: list[tuple[CiteItem, str]] = []
    seen: set[str] = set()
    missing: list[str] = []

    def add(citation: str, key: str, note: str) -> None:
        if key not in seen and len(provisions) < MAX_PROVISIONS:
            seen.add(key)
            provisions.append((CiteItem(cite=citation), note))

    for group in groups:
        for ref in group.refs:
            reference = Reference(
                text=ref["citation"],
                law=ref["law"],
                article=ref["article"],
                clause=ref["clause"],
                point=ref["point"],
            )
            target = store.find_target(reference)
            if target is None or target.provision_id is None:
                if ref["citation"] not in missing:
                    missing.append(ref["citation"])
                continue
            add(ref["citation"], str(target), f"vi phạm {ref['count']} lần")
    searched = resolver.query(topic, "article", MAX_SEARCHED, in_force_only=False)
    for candidate in searched.candidates[:MAX_SEARCHED]:
        add(candidate.quote.citation, candidate.quote.key, candidate.quote.heading)
    parts = resolver.topic(topic, MAX_PARTS).candidates[:MAX_PARTS]

    sections = [
        (TITLES[0], [(item, note) for item, note in provisions]),
        (
            TITLES[1],
            [
                (
                    ViolationsItem(violations=g.group_id),
                    f"{g.label} ({g.count} lần, {g.documents} kết luận)",
                )
                for g in groups
            ],
        ),
        (
            TITLES[2],
            [(TopicItem(topic=c.quote.key), c.quote.heading) for c in parts],
        ),
    ]
    draft_sections: list[Section] = []
    comments: dict[tuple[int, int], str] = {}
    for title, items in sections:
        if not items:
            continue
        s = len(draft_sections)
        draft_sections.append(Section(title=title, items=[item for item, _ in items]))
        for i, (_, note) in enumerate(items):
            comments[(s, i)] = note
    if not draft_sections:
        raise NothingFound(f"nothing in the data folder about '{topic}'")
    spec = HandbookSpec(
        title=f"Cẩm nang {topic[:1].lower()}{topic[1:]}",
        subtitle="Tài liệu tập huấn",
        audience="Chấp hành viên, Thư ký thi hành án",
        as_of=today,
        sections=draft_sections,
    )
    return Draft(spec, comments, missing)


def draft_yaml(draft: Draft) -> str:
    """The draft as YAML with comments (what each item is, what is not stored)."""
    spec = draft.spec
    out = [
        f"# Bản nháp cẩm nang, lập ngày {vn_date(spec.as_of)}: sửa, sắp xếp lại rồi chạy",
        "#   camnang handbook build SPEC.yaml -o cam-nang.docx",
        f"title: {_q(spec.title)}",
        f"subtitle: {_q(spec.subtitle)}",
        f"audience: {_q(spec.audience)}",
        f"as_of: {spec.as_of.isoformat() if spec.as_of else ''}",
        "sections:",
    ]
    for s, section in enumerate(spec.sections):
        out.append(f"  - title: {_q(section.title)}")
        out.append(f"    intro: {_q(section.intro)}")
        out.append("    items:")
        for i, item in enumerate(section.items):
            note = draft.comments.get((s, i))
            out.append(f"      - {_item(item)}" + (f"  # {' '.join(note.split())}" if note else ""))
        if s == 0 and draft.missing:
            out.append("      # Vi phạm các quy định sau, nhưng văn bản chưa có trong dữ liệu:")
            out.extend(f"      #   {m}" for m in draft.missing)
    return "\n".join(out) + "\n"


def _item(item: Item) -> str:
    for kind in ("cite", "query", "violations", "topic", "text"):
        value = getattr(item, kind, None)
        if value is not None:
            return f"{kind}: {_q(value)}"
    raise TypeError(type(item).__name__)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
