"""Pháp điển topics: one article per `Điều <code>.` heading, with its original law and article.

The test counts the headings of each raw file itself, by a different rule from the parser's:
a heading is a `Điều <code>.` occurrence that is the last one on its line and is followed by a
source line `(Điều 45 Luật số 26/2008/QH12 …)`. The related-content notes and the table of
contents at the end name codes too, and are followed by no source line.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from ingest.blocks import Block
from ingest.structure.phapdien import parse_phapdien
from tests.ingest.realdocs import corpus_file, parsed

CODE = re.compile(r"Điều\s+(\d+\.\d+\.[A-ZĐ]+(?:\.\d+)+[a-z]?)\.(?=\s|$)")
SOURCE = re.compile(
    r"^\(Điều\s+(?P<article>\d+[a-zđ]?)\s+(?:Luật|Bộ luật|Nghị định|Thông tư liên tịch|Thông tư"
    r"|Quyết định|Nghị quyết|Pháp lệnh)\s+số\s+(?P<law>[^\s,;)]+)"
)
FILES = [
    "dau-gia-tai-san.md",
    "khieu-nai.md",
    "thi-hanh-an-dan-su.md",
    "to-cao.md",
    "to-chuc-va-hoat-dong-cua-thua-phat-lai.md",
    "trach-nhiem-boi-thuong-cua-nha-nuoc.md",
]


def headings_with_sources(path: Path) -> dict[str, tuple[str, str]]:
    """code → (law, article), from the raw file: the last code of a line whose next non-empty
    line is a source line. Every code must be seen once."""
    lines = [line for line in path.read_text("utf-8").split("\n") if line.strip()]
    found: dict[str, tuple[str, str]] = {}
    for line, following in itertools.pairwise(lines):
        codes = CODE.findall(line)
        source = SOURCE.match(following)
        if codes and source:
            assert codes[-1] not in found, f"{codes[-1]} is a heading twice"
            found[codes[-1]] = (source.group("law").upper(), source.group("article"))
    return found


def test_the_list_covers_every_file() -> None:
    assert sorted(p.name for p in corpus_file("phapdien").glob("*.md")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_one_article_per_heading_with_its_law_and_article(name: str) -> None:
    expected = headings_with_sources(corpus_file("phapdien", name))
    doc = parsed("phapdien", name)
    articles = doc.articles()
    assert len(articles) == len(expected)
    assert {a.number: (a.law, a.article) for a in articles} == expected
    assert doc.kind == "regulation" and doc.doc_type == "phap_dien"


@pytest.mark.parametrize("name", FILES)
def test_articles_have_titles_clauses_and_no_navigation_notes(name: str) -> None:
    doc = parsed("phapdien", name)
    articles = doc.articles()
    assert sum(1 for a in articles if a.title) >= 0.95 * len(articles)
    assert any(c.kind == "khoan" for a in articles for c in a.children)
    assert any(p.kind == "diem" for a in articles for p in a.walk())
    texts = [p.text for p in doc.walk()]
    note = re.compile(r"\((?:Điều|Chương|Mục|Phần) này có nội dung liên quan")
    assert not any(note.search(t) for t in texts)
    assert not any(t.startswith("(Điều ") for t in texts)
    assert not any("Danh sách điều khoản" in t for t in texts)


def test_the_thads_topic_keeps_both_ids() -> None:
    doc = parsed("phapdien", "thi-hanh-an-dan-su.md")
    by_code = {a.number: a for a in doc.articles()}
    article = by_code["30.2.LQ.1"]
    assert (article.law, article.article, article.title) == (
        "26/2008/QH12",
        "1",
        "Phạm vi điều chỉnh",
    )
    inserted = [a for a in doc.articles() if (a.law, a.article) == ("64/2014/QH13", "7a")]
    assert len(inserted) == 1
    chapters = [p for p in doc.provisions if p.kind == "chuong"]
    assert chapters[0].number == "I" and chapters[0].title == "NHỮNG QUY ĐỊNH CHUNG"


def test_clauses_of_an_excerpted_article_may_start_anywhere() -> None:
    doc = parsed("phapdien", "thi-hanh-an-dan-su.md")
    starts = {a.children[0].number for a in doc.articles() if a.children}
    assert "1" in starts and starts - {"1"}


# -- the reading rules on text written for these tests ---------------------------------------


def test_glued_headings_notes_and_repeated_codes() -> None:
    blocks = [
        Block(text="Chương I"),
        Block(text="QUY ĐỊNH CHUNG"),
        Block(text="Điều 9.9.LQ.1. Phạm vi"),
        Block(text="(Điều 1 Luật số 1/2020/QH14, có hiệu lực thi hành kể từ ngày 01/01/2021)"),
        Block(
            text="1. Khoản một.(Điều này có nội dung liên quan đến Điều 9.9.LQ.5. Khác; "
            "Điều 9.9.LQ.6. Khác nữa)Điều 9.9.LQ.2. Đối tượng"
        ),
        Block(text="(Điều 2 Luật số 1/2020/QH14, có hiệu lực thi hành kể từ ngày 01/01/2021)"),
        Block(text="Văn bản áp dụng.Điều 9.9.LQ.3a."),
        Block(text="(Điều 3a Luật số 2/2022/QH15, có hiệu lực thi hành kể từ ngày 01/01/2023)"),
        Block(text="Điều 9.9.LQ.1. Phạm vi"),
        Block(text="Bản in lặp lại."),
        Block(text="Danh sách điều khoản", heading=2),
        Block(text="Điều 9.9.LQ.7. Trong mục lục"),
    ]
    nodes = parse_phapdien(blocks)
    articles = [p for n in nodes for p in n.walk() if p.kind == "dieu"]
    assert [(a.number, a.law, a.article) for a in articles] == [
        ("9.9.LQ.1", "1/2020/QH14", "1"),
        ("9.9.LQ.2", "1/2020/QH14", "2"),
        ("9.9.LQ.3a", "2/2022/QH15", "3a"),
    ]
    assert articles[0].children[0].text == "Khoản một."
    assert articles[1].text == "Văn bản áp dụng."
    assert "Bản in lặp lại." not in "".join(p.text for p in nodes[0].walk())


@pytest.mark.parametrize("name", FILES)
def test_chapters_and_sections_match_the_table_of_contents(name: str) -> None:
    """Chương/Mục headings, even glued to a paragraph's end, are all there, in TOC order."""
    raw = corpus_file("phapdien", name).read_text(encoding="utf-8")
    toc = raw.split("## Danh sách điều khoản", 1)[1]
    wanted = re.findall(r"^(Chương|Mục) ([IVXLC\d]+)\b", toc, flags=re.MULTILINE)
    doc = parsed("phapdien", name)
    kinds = {"chuong": "Chương", "muc": "Mục"}
    found = [(kinds[p.kind], p.number) for p in doc.walk() if p.kind in kinds]
    assert found == wanted
