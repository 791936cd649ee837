"""A trainer in a browser: draft a handbook for a topic, reorder it, edit a note, download it;
without JavaScript, and with no errors (the CSP allows no inline script or style)."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP, PHONE
from tests.search_api.service_fixtures import TRAINER_KEY


def _sign_in(page, url: str) -> None:
    page.goto(url + "/signin?next=/handbooks")
    page.get_by_label("Khóa").fill(TRAINER_KEY)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile("/handbooks$"))


def test_trainer_drafts_reorders_edits_and_downloads_a_handbook(browser, server, shot):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, server.url)
    page.get_by_label(re.compile("Theo chủ đề")).fill("kê biên tài sản")
    page.get_by_role("button", name="Soạn bản nháp").click()
    page.wait_for_url(re.compile("/handbooks/cam-nang-ke-bien-tai-san$"))
    assert page.locator("h1").inner_text() == "Cẩm nang kê biên tài sản"
    items = page.locator("#s0 .hb-item input[name=value]")
    first, second = items.nth(0).input_value(), items.nth(1).input_value()
    page.locator("#s0 .hb-item").nth(0).get_by_role("button", name="↓").click()
    items = page.locator("#s0 .hb-item input[name=value]")
    assert [items.nth(0).input_value(), items.nth(1).input_value()] == [second, first]
    page.locator("#s0 .hb-add select[name=kind]").select_option("text")
    page.locator("#s0 .hb-add input[name=value]").fill("Lưu ý khi kê biên quyền sử dụng đất.")
    page.locator("#s0 .hb-add").get_by_role("button", name="Thêm").click()
    assert page.locator("#s0 textarea[name=text]").last.input_value().startswith("Lưu ý khi kê")
    shot(page, "handbook-page", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    assert download.value.suggested_filename == "cam-nang-ke-bien-tai-san.docx"
    assert not errors, errors
    context.close()


def test_the_handbook_list_reads_on_a_phone(browser, server, shot):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/handbooks")
    assert page.locator("h1").inner_text() == "Cẩm nang"
    shot(page, "handbooks-phone", full_page=True)
    assert not errors, errors
    context.close()
