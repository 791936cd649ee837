"""A person in a browser searches the six Pháp điển topics without diacritics, finds Điều 45 of
Luật Thi hành án dân sự (Pháp điển 30.2.LQ.45), copies its citation from the hit and from the
document; gets suggestions as they type; filters by a facet; uses the page without JavaScript;
reads the violations chart of the sample conclusions; and, as a trainer, sees "Thêm vào cẩm
nang". Screenshots of each page, desktop and phone, go to tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from search_api.library import Library
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import SAMPLES, shared_path
from tests.search_api.live_server import LiveServer, live_server
from tests.search_api.service_fixtures import ARTICLE_45, CITATION_45_1, THADS_ID, TRAINER_KEY

QUERY = "thoi han tu nguyen thi hanh an"
CITATION_45 = "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"


@pytest.fixture(scope="module")
def full_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`camnang serve` over all six Pháp điển topics and the sample conclusions."""
    data = tmp_path_factory.mktemp("search-browser") / "data"
    phapdien = shared_path("corpus", "phapdien")
    with Library(data) as library:
        outcomes = library.ingest([phapdien, SAMPLES], jobs=2)
    assert not [o for o in outcomes if o.status == "failed"], outcomes
    assert sum(1 for o in outcomes if o.path.startswith(str(phapdien))) == 6
    with live_server(data, env={"CAMNANG_API_KEYS": f"{TRAINER_KEY}=trainer"}) as running:
        yield running


def _context(browser, viewport, **options):
    return browser.new_context(
        viewport=viewport,
        permissions=["clipboard-read", "clipboard-write"],
        locale="vi-VN",
        **options,
    )


def _errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _search_from_the_header(page, url: str, query: str) -> None:
    page.goto(url + "/")
    box = page.get_by_role("search").get_by_role("combobox")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))


def _hit_45(page):
    hits = page.locator("li.hit")
    first_three = [hits.nth(i) for i in range(3)]
    found = [h for h in first_three if h.locator(f'a[href$="#{ARTICLE_45}.k1"]').count()]
    assert found, "Điều 45 (30.2.LQ.45) is among the first three hits"
    return found[0]


def test_accent_free_search_finds_article_45_and_its_citation_copies(browser, full_server, shot):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    errors = _errors(page)
    _search_from_the_header(page, full_server.url, QUERY)
    assert page.locator("#q").input_value() == QUERY
    hit = _hit_45(page)
    assert hit.locator(".hit-label").inner_text() == "Khoản 1 Điều 45"
    assert "Thời hạn tự nguyện thi hành án" in hit.locator(".hit-heading").inner_text()
    assert "26/2008/QH12" in hit.locator(".hit-doc").inner_text()
    snippet = hit.locator(".snippet")
    assert "Thời hạn tự nguyện thi hành án là 10 ngày" in snippet.inner_text()
    marks = snippet.locator("mark").all_inner_texts()
    assert marks[0] == "Thời hạn tự nguyện thi hành án", "diacritics intact in the highlight"
    shot(page, "search-thads-desktop", full_page=True)
    hit.locator(".copy-cite").click()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45_1
    assert "/search" in page.url, "copying does not navigate"
    hit.locator(".hit-label").click()
    page.wait_for_url(re.compile(f"/documents/{THADS_ID}#{re.escape(ARTICLE_45)}.k1$"))
    article = page.locator(f'article[id="{ARTICLE_45}"]')
    assert article.locator(".article-head").inner_text().startswith("Điều 30.2.LQ.45.")
    clause = page.locator(f'li[id="{ARTICLE_45}.k1"]')
    top = clause.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < DESKTOP["height"], "the hit's anchor is in view"
    article.locator(".cite-line .copy-cite").click()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45
    shot(page, "search-hit-opened-desktop")
    assert errors == []
    context.close()


def test_on_a_phone_search_results_fit_and_copy(browser, full_server, shot):
    context = _context(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    errors = _errors(page)
    _search_from_the_header(page, full_server.url, QUERY)
    hit = _hit_45(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "search-thads-phone")
    hit.locator(".copy-cite").tap()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45_1
    page.locator("summary", has_text="Bộ lọc").tap()
    shot(page, "search-filters-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
    context.close()


def test_suggestions_appear_as_you_type(browser, full_server):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    errors = _errors(page)
    page.goto(full_server.url + "/search")
    page.locator("#q").press_sequentially("thoi han tu ng", delay=30)
    page.wait_for_function(
        "t => [...document.querySelectorAll('#q-suggestions option')].some(o => o.value === t)",
        arg=CITATION_45,
    )
    labels = page.locator("#q-suggestions option").evaluate_all("os => os.map(o => o.label)")
    assert any(label.startswith("Điều 45. Thời hạn tự nguyện thi hành án") for label in labels)
    assert errors == []
    context.close()


def test_a_facet_adds_a_filter_and_its_chip_removes_it(browser, full_server, shot):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.goto(full_server.url + "/search?q=x%C3%A1c+minh")
    before = page.locator(".result-count").inner_text()
    page.locator(".facet", has_text="Văn bản").get_by_role("link", name="Tố cáo").click()
    page.wait_for_url(re.compile(r"document=to-cao"))
    chip = page.locator(".chips li")
    assert "Tố cáo" in chip.inner_text()
    assert page.locator(".result-count").inner_text() != before
    assert all("Tố cáo" in t for t in page.locator(".hit-doc").all_inner_texts())
    shot(page, "search-facet-desktop")
    chip.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/search\?q=x%C3%A1c\+minh$"))
    assert page.locator(".result-count").inner_text() == before
    context.close()


def test_the_search_page_works_without_javascript(browser, full_server, shot):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(full_server.url + "/search")
    page.locator("#q").fill(QUERY)
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?"))
    hit = _hit_45(page)
    hit.locator(".copy-cite").click()
    page.wait_for_url(re.compile(f"/p/{re.escape(ARTICLE_45)}.k1$"))
    assert page.locator("#citation").inner_text() == CITATION_45_1
    page.go_back()
    page.get_by_role("link", name="Sau →").click()
    page.wait_for_url(re.compile(r"offset=10"))
    assert page.locator(".result-count").inner_text().startswith("11–20")
    shot(page, "search-page-2-no-js")
    context.close()


def test_the_violations_page_shows_the_chart_and_opens_a_kind(browser, full_server, shot):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = _context(browser, viewport)
        page = context.new_page()
        errors = _errors(page)
        page.goto(full_server.url + "/violations")
        bars = page.locator("svg.vchart-bar rect")
        groups = page.locator("li.vgroup")
        assert bars.count() == groups.count() > 5
        widths = [b.bounding_box()["width"] for b in bars.all()]
        assert widths == sorted(widths, reverse=True) and widths[-1] > 0
        assert widths[0] > 2 * widths[-1], "the most frequent kind has the longest bar"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        shot(page, f"violations-chart-{name}")
        page.locator(".vchart-label").first.click()
        first = groups.first
        page.wait_for_url(re.compile(r"#v[0-9a-f]{8}$"))
        first.locator("summary").click()
        refs = first.locator(".vg-refs li")
        assert refs.count() > 0
        citation = refs.first.locator(".cite-text").inner_text()
        assert "Luật Thi hành án dân sự số 26/2008/QH12" in citation
        refs.first.locator(".copy-cite").click()
        assert page.evaluate("navigator.clipboard.readText()") == citation
        findings = first.locator(".vg-findings li")
        assert findings.count() >= 2
        shot(page, f"violations-open-{name}")
        findings.first.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/documents/[^#]+#finding-\d+$"))
        assert page.locator(":target").count() == 1
        assert errors == []
        context.close()


def test_a_signed_in_trainer_sees_add_to_handbook(browser, full_server, shot):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.goto(full_server.url + f"/search?q={QUERY}")
    assert page.get_by_role("button", name="Thêm vào cẩm nang").count() == 0
    page.goto(full_server.url + "/signin?next=/search%3Fq%3D" + QUERY.replace(" ", "+"))
    page.get_by_label("Khóa API").fill(TRAINER_KEY)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    hit = _hit_45(page)
    form = hit.locator("form.add-handbook")
    assert form.get_attribute("action") == "/handbooks/add"
    assert form.locator('input[name="item_type"]').get_attribute("value") == "cite"
    assert form.locator('input[name="value"]').get_attribute("value") == CITATION_45_1
    shot(page, "search-trainer-desktop")
    page.goto(full_server.url + "/violations")
    assert page.locator("form.add-handbook").count() == page.locator("li.vgroup").count()
    context.close()
