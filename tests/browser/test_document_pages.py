"""A person in a browser: open the Pháp điển THADS topic, go through the table of contents to
Điều 45 (30.2.LQ.45), copy its citation; the same on a phone; without JavaScript; uploading."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import shared_path
from tests.search_api.service_fixtures import ARTICLE_45, CITATION_45_1, THADS_ID, TRAINER_KEY

CITATION_45 = "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"
TOC_45 = "Điều 30.2.LQ.45. Thời hạn tự nguyện thi hành án"


def _context(browser, viewport, **options):
    return browser.new_context(
        viewport=viewport,
        permissions=["clipboard-read", "clipboard-write"],
        locale="vi-VN",
        **options,
    )


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def _go_to_article_45(page, server_url: str) -> None:
    page.goto(server_url + "/")
    page.get_by_role("link", name="Thi hành án dân sự").first.click()
    page.wait_for_url(re.compile(f"/documents/{THADS_ID}$"))
    toc = page.locator("aside.toc")
    toc.locator("summary", has_text=re.compile(r"^Chương III\.")).click()
    toc.get_by_role("link", name=TOC_45).click()
    page.wait_for_url(re.compile(f"#{re.escape(ARTICLE_45)}$"))


def test_toc_leads_to_article_45_and_its_citations_copy(browser, server, shot):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    errors = _watch_errors(page)
    _go_to_article_45(page, server.url)
    article = page.locator(f'article[id="{ARTICLE_45}"]')
    assert _in_viewport(page, f'article[id="{ARTICLE_45}"]')
    assert article.locator(".cite-line .cite-text").inner_text() == CITATION_45
    article.locator(".cite-line .copy-cite").click()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45
    clause = page.locator(f'li[id="{ARTICLE_45}.k1"]')
    clause.locator(":scope > .copy-cite").click()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45_1
    page.wait_for_function(
        "t => document.getElementById('copy-status').textContent.includes(t)", arg=CITATION_45_1
    )
    assert page.url.endswith(f"#{ARTICLE_45}"), "copying does not navigate"
    shot(page, "document-article-45-desktop")
    fonts = page.evaluate(
        """() => [document.fonts.check('16px "Be Vietnam Pro"', 'Thi hành án dân sự'),
                  document.fonts.check('16px "Noto Serif"', 'Thời hạn tự nguyện')]"""
    )
    assert fonts == [True, True]
    assert errors == []
    context.close()


def test_on_a_phone_the_toc_and_copy_work_too(browser, server, shot):
    context = _context(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    errors = _watch_errors(page)
    page.goto(f"{server.url}/documents/{THADS_ID}")
    shot(page, "document-top-phone")
    _go_to_article_45(page, server.url)
    page.locator(f'li[id="{ARTICLE_45}.k1"] > .copy-cite').tap()
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_45_1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing overflows sideways on a phone"
    page.wait_for_function(
        "() => getComputedStyle(document.getElementById('copy-status')).opacity === '1'"
    )
    shot(page, "document-article-45-phone")
    assert errors == []
    context.close()


def test_without_javascript_the_citation_link_opens_a_page_showing_it(browser, server, shot):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}/documents/{THADS_ID}#{ARTICLE_45}")
    page.locator(f'li[id="{ARTICLE_45}.k1"] > .copy-cite').click()
    page.wait_for_url(re.compile(f"/p/{re.escape(ARTICLE_45)}.k1$"))
    assert page.locator("#citation").inner_text() == CITATION_45_1
    shot(page, "provision-45-1-no-js")
    context.close()


def test_home_and_list_pages_render_on_desktop_and_phone(browser, server, shot):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        errors = _watch_errors(page)
        page.goto(server.url + "/")
        assert page.get_by_role("search").is_visible()
        shot(page, f"home-{name}")
        page.goto(server.url + "/documents")
        shot(page, f"documents-{name}")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert errors == []
        context.close()


def test_trainer_signs_in_uploads_a_docx_and_sees_the_result(browser, server, shot):
    docx = shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url + "/upload")
    page.get_by_role("link", name="Đăng nhập bằng khóa").click()
    page.get_by_label("Khóa API").fill(TRAINER_KEY)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile("/upload$"))
    page.locator('input[type="file"]').set_input_files(str(docx))
    page.get_by_role("button", name="Tải lên và xử lý").click()
    page.wait_for_url(re.compile(r"/jobs\?ids="))
    page.locator(".job-done").wait_for(timeout=120_000)
    shot(page, "upload-result-desktop")
    page.locator(".job-done a").click()
    page.wait_for_url(re.compile("/documents/21-2021-nd-cp$"))
    assert "21/2021/NĐ-CP" in page.locator(".facts").inner_text()
    context.close()
