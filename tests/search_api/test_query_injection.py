"""Queries written in the engines' own query syntax are plain text, with both engines, through
`Library.search`, `/api/search` and the `/search` page.

`index/query.py` promises that nothing typed reaches an engine's query parser: operators are
words, punctuation is dropped by the tokenizer (sentence punctuation — `: ( ) [ ]` — leaves a
break that pairs and phrases do not cross), quotes make a phrase. So a query in Whoosh or
Tantivy syntax must rank exactly as its plain-text reading, and a `field:value` must not filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from index.engine_setting import write_folder_engine
from index.engines import ENGINES
from search_api.library import Library
from tests.search_api import search_fixtures
from tests.search_api.service_fixtures import THADS_ID, copy_data, make_client

samples_template = search_fixtures.samples_template

SAMPLE_CONCLUSION = "09-kl-cthads-2021"
INJECTED = [
    "kê biên AND tài sản",
    "kê biên OR tài sản",
    "kê biên NOT tài sản",
    "tài sản AND NOT kê biên",
    "(kê biên OR cưỡng chế) AND tài sản",
    f"document:{SAMPLE_CONCLUSION} kê biên tài sản",
    f"doc_id:{THADS_ID} xác minh",
    "kind:finding thời hạn",
    "doc_type:ket_luan xác minh điều kiện",
    "title:thông báo body:(thi hành án)",
    "year:[2020 TO 2024] xác minh",
    "issued_year:{2015 TO 2020} thông báo",
    "kê* biên?",
    "thông~2 báo~",
    "kê^2 biên^10 tài sản",
    "+xác +minh -tài -sản",
    "xac minh IN [tài sản, kê biên]",
    "document: IN [thi-hanh-an-dan-su] cưỡng chế",
    "{kê biên} \\+ tài sản",
    "*:* cưỡng chế",
]
"""Whoosh and Tantivy syntax: boolean operators, fields, ranges, wildcards, fuzzy, boosts,
required/prohibited marks, set queries, escapes, match-all."""
BREAKS = re.compile(r"[:()\[\]]")
NOT_WORDS = re.compile(r"[*?~^+{}\\,]|(?<=\s)-|^-")


def plain(query: str) -> str:
    """The query as plain words: sentence punctuation as a full stop, other marks as spaces."""
    return " ".join(NOT_WORDS.sub(" ", BREAKS.sub(" . ", query)).split())


def ranking(result) -> list[tuple[str, float]]:
    return [(h.key, round(h.score, 6)) for h in result.hits]


@pytest.fixture(scope="module", params=sorted(ENGINES))
def folder(request, samples_template: Path, tmp_path_factory) -> Path:
    """The samples and the THADS topic, searched with each engine in turn."""
    data = copy_data(samples_template, tmp_path_factory.mktemp(request.param) / "data")
    write_folder_engine(data, request.param)
    return data


@pytest.fixture(scope="module")
def library(folder: Path) -> Iterator[Library]:
    with Library(folder) as lib:
        yield lib


@pytest.mark.parametrize("query", INJECTED)
def test_query_syntax_ranks_as_its_plain_words(library, query):
    injected = library.search(query, limit=30)
    words = library.search(plain(query), limit=30)
    assert injected.hits, query
    assert ranking(injected) == ranking(words), (query, plain(query))
    assert injected.total == words.total


def test_operators_are_words_not_logic(library):
    required = library.search("xyzzyq AND kê biên", limit=50)
    assert required.hits, "AND did not make a word that is nowhere required"
    prohibited = {h.key for h in library.search("tài sản NOT kê biên", limit=50).hits}
    with_phrase = {h.key for h in library.search('"kê biên"', limit=50).hits}
    assert prohibited & with_phrase, "NOT excluded the units that say kê biên"
    minus = library.search("kê biên -tài -sản", limit=50)
    assert ranking(minus) == ranking(library.search("kê biên tài sản", limit=50))
    plus = library.search("+xyzzyq kê biên", limit=10)
    assert plus.hits, "+ made a word that is nowhere required"


@pytest.mark.parametrize(
    ("field_value", "check"),
    [
        (f"document:{SAMPLE_CONCLUSION}", lambda h: h.doc_id == SAMPLE_CONCLUSION),
        (f"doc_id:{THADS_ID}", lambda h: h.doc_id == THADS_ID),
        ("kind:finding", lambda h: h.kind == "finding"),
        ("kind:article", lambda h: h.kind == "article"),
    ],
)
def test_a_field_restriction_does_not_filter(library, field_value, check):
    result = library.search(f"{field_value} xác minh điều kiện thi hành án", limit=50)
    kinds = {check(h) for h in result.hits}
    assert kinds == {True, False}, f"{field_value} acted as a filter (or matched nothing)"
    assert result.total == library.search("xác minh điều kiện thi hành án").total


@pytest.fixture(scope="module")
def client(folder: Path):
    with make_client(folder) as c:
        yield c


def api_keys(client, q: str) -> list[tuple[str, float]]:
    response = client.get(f"/api/search?q={quote(q)}&limit=30")
    assert response.status_code == 200, (q, response.text[:300])
    return [(h["key"], h["score"]) for h in response.json()["hits"]]


def page_hits(client, q: str) -> list[str]:
    response = client.get(f"/search?q={quote(q)}", headers={"accept": "text/html"})
    assert response.status_code == 200, (q, response.text[:300])
    return re.findall(r'class="hit-label" href="([^"]+)"', response.text)


@pytest.mark.parametrize("query", INJECTED)
def test_query_syntax_over_http_is_plain_words(client, library, query):
    api = api_keys(client, query)
    assert api and api == api_keys(client, plain(query))
    assert [k for k, _ in api] == [h.key for h in library.search(query, limit=30).hits]
    page = page_hits(client, query)
    assert page and page == page_hits(client, plain(query))
