"""A data folder with the real Pháp điển THADS topic ingested once per module."""

from __future__ import annotations

import pytest

from search_api.library import Library
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def thads(tmp_path_factory):
    source = shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md")
    data = tmp_path_factory.mktemp("thads")
    with Library(data) as library:
        outcomes = library.ingest([source])
        assert [o.status for o in outcomes] == ["ingested"]
        yield library
