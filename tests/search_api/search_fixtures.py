"""Fixtures of the search and violations tests: a data folder with the bundled sample
conclusions and the real Pháp điển THADS topic (which their findings cite), and an app over it.
Import the fixtures into a test module to use them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.library import Library
from tests.conftest import SAMPLES
from tests.search_api.service_fixtures import copy_data, make_client, thads_file


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus/samples and the THADS topic ingested once per session (copy it to change it)."""
    folder = tmp_path_factory.mktemp("samples") / "data"
    with Library(folder) as library:
        outcomes = library.ingest([SAMPLES, thads_file()])
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return folder


@pytest.fixture
def samples_app(samples_template: Path, tmp_path: Path) -> Iterator[TestClient]:
    with make_client(copy_data(samples_template, tmp_path / "data")) as client:
        yield client
