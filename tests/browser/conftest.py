"""Headless Chromium (Debian's package, driven by Playwright) against a real `camnang serve`.

Screenshots go to `tests/artifacts/` (not committed). Deselect with `-m "not browser"`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.search_api import service_fixtures
from tests.search_api.live_server import LiveServer, live_server
from tests.search_api.service_fixtures import TRAINER_KEY, copy_data

thads_template = service_fixtures.thads_template

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium); CI installs it")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(thads_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`camnang serve` over a copy of the THADS data folder, with a trainer key."""
    data = copy_data(thads_template, tmp_path_factory.mktemp("browser") / "data")
    with live_server(data, env={"CAMNANG_API_KEYS": f"{TRAINER_KEY}=trainer"}) as running:
        yield running


@pytest.fixture
def shot() -> object:
    """`shot(page, name)` saves a screenshot under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page: object, name: str, full_page: bool = False) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
