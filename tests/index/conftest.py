"""A data folder with the real Pháp điển THADS topic ingested once per module and engine."""

from __future__ import annotations

import pytest

from index.engines import ENGINES
from search_api.library import Library
from tests.conftest import shared_path

ALL_ENGINES = sorted(ENGINES)


@pytest.fixture(scope="module", params=ALL_ENGINES)
def engine(request) -> str:
    """Each search engine in turn: the behaviour tests run once per engine."""
    return request.param


@pytest.fixture(scope="module")
def thads(tmp_path_factory, engine):
    source = shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md")
    data = tmp_path_factory.mktemp(f"thads-{engine}")
    with Library(data, engine=engine) as library:
        outcomes = library.ingest([source])
        assert [o.status for o in outcomes] == ["ingested"]
        yield library
