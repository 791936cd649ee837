"""The `/search` page: hits with highlighted snippets (everything else escaped), labels,
documents and citations; facet links that add a filter; pages; "did you mean"; the trainer's
"add to handbook" form; bad parameters; and no query string makes a 500 on any search route."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.model import Document, Provision, SourceFile, assign_ids
from corpus.store import Store
from search_api.http.routes_search_page import snippet_html
from tests.search_api.service_fixtures import (
    ARTICLE_45,
    CITATION_45_1,
    THADS_ID,
    TRAINER_KEY,
)

ACCENTLESS = "thoi han tu nguyen thi hanh an"


def page(client, **params):
    response = client.get("/search", params=params, headers={"accept": "text/html"})
    return response


def hits_of(text: str) -> list[str]:
    return re.findall(r'<li class="hit[^"]*">(.*?)</li>\s*(?=<li class="hit|</ol>)', text, re.S)


def test_accent_free_search_shows_article_45_first_with_its_anchor_and_citation(thads_app):
    response = page(thads_app, q=ACCENTLESS)
    assert response.status_code == 200
    hits = hits_of(response.text)
    assert len(hits) == 10
    first = hits[0]
    assert f'href="/documents/{THADS_ID}#{ARTICLE_45}.k1"' in first
    assert ">Khoản 1 Điều 45</a>" in first and "Thời hạn tự nguyện thi hành án" in first
    assert "26/2008/QH12" in first
    assert "<mark>Thời hạn tự nguyện thi hành án</mark> là 10 ngày" in first
    assert f'data-cite="{CITATION_45_1}"' in first
    assert f'<span class="cite-text">{CITATION_45_1}</span>' in first
    assert f'value="{ACCENTLESS}"' in response.text, "the box keeps the query"


def test_facet_counts_are_links_that_add_a_filter(thads_app):
    text = page(thads_app, q="xác minh điều kiện thi hành án").text
    links = re.findall(
        r'<a class="facet-value" href="([^"]+)">([^<]+)</a> <span class="count">(\d+)', text
    )
    assert links
    decree = next((u, n) for u, label, n in links if label == "Nghị định")
    query = parse_qs(urlsplit(html.unescape(decree[0])).query)
    assert query == {"q": ["xác minh điều kiện thi hành án"], "doc_type": ["nghi_dinh"]}
    narrowed = thads_app.get(html.unescape(decree[0])).text
    assert f"1–10 trong {decree[1]} kết quả" in narrowed
    assert '<span class="chip-name">Loại văn bản:</span> Nghị định' in narrowed
    year, label = next((u, label) for u, label, _ in links if label.isdigit())
    years = parse_qs(urlsplit(html.unescape(year)).query)
    assert years["year_from"] == years["year_to"] == [label]


def test_pages_link_to_the_next_results(thads_app):
    first = page(thads_app, q="kê biên tài sản").text
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert following
    second = thads_app.get(html.unescape(following.group(1))).text
    assert "11–20 trong" in second
    assert '<span aria-current="page">2</span>' in second
    assert set(hits_of(first)).isdisjoint(hits_of(second))


def test_nothing_found_offers_did_you_mean(thads_app):
    text = page(thads_app, q="kee bienn").text
    assert "Không tìm thấy kết quả nào" in text
    link = re.search(r'Có phải bạn muốn tìm: <a href="([^"]+)">([^<]+)</a>', text)
    assert link
    assert hits_of(thads_app.get(html.unescape(link.group(1))).text)


def test_an_empty_box_shows_examples_and_bad_parameters_a_message(thads_app):
    empty = page(thads_app)
    assert empty.status_code == 200 and "thoi han tu nguyen thi hanh an" in empty.text
    bad = page(thads_app, q="x", year_from="2020", year_to="2010")
    assert bad.status_code == 422
    assert "phải nhỏ hơn hoặc bằng" in html.unescape(bad.text)
    assert 'name="q"' in bad.text, "the form is still there to fix it"
    assert page(thads_app, q="x", as_of="hôm qua").status_code == 422
    assert page(thads_app, q="x", year_from="", year_to="", as_of="").status_code == 200


def test_snippets_escape_everything_but_the_highlight_marks():
    hostile = "a <mark>b</mark> &lt;script&gt;x&lt;/script&gt; <script>y</script> <mark>c"
    assert str(snippet_html(hostile)) == (
        "a <mark>b</mark> &lt;script&gt;x&lt;/script&gt; &lt;script&gt;y&lt;/script&gt; "
        "<mark>c</mark>"
    )
    assert str(snippet_html("</mark>q &amp; a")) == "q &amp; a"
    joined = "<mark>thi</mark> <mark>hành</mark> <mark>án</mark>, <mark>kê</mark>"
    assert str(snippet_html(joined)) == "<mark>thi hành án</mark>, <mark>kê</mark>"


def test_markup_in_a_stored_text_is_shown_as_text(thads_app, thads_data):
    article = Provision(
        kind="dieu",
        number="1",
        title="Điều thử nghiệm hiển thị",
        text='Nội dung <script>alert("x")</script> về kê biên <b>đặc biệt</b> & khác.',
    )
    assign_ids([article])
    doc = Document(
        id="van-ban-thu",
        kind="regulation",
        doc_type="thong_tu",
        number="99/2099/TT-BTP",
        title="Văn bản thử hiển thị",
        source=SourceFile(path="thu.md", sha256="d1" * 32, format="md"),
        provisions=[article],
    )
    with Store(thads_data) as store:
        store.save(doc)
    text = page(thads_app, q="kê biên đặc biệt", document="van-ban-thu").text
    (hit,) = hits_of(text)
    assert "<script>alert" not in text and "<b>" not in hit
    assert "&lt;script&gt;" in hit and "&lt;b&gt;<mark>đặc biệt</mark>&lt;/b&gt;" in hit


def test_only_trainers_see_add_to_handbook_on_each_hit(thads_app):
    anonymous = page(thads_app, q=ACCENTLESS).text
    assert "/handbooks/add" not in anonymous
    trainer = thads_app.get(
        "/search", params={"q": ACCENTLESS, "offset": "10"}, headers={"X-API-Key": TRAINER_KEY}
    ).text
    hits = hits_of(trainer)
    forms = [
        re.search(
            r'<form class="add-handbook" action="/handbooks/add" method="post">(.*?)</form>',
            h,
            re.S,
        )
        for h in hits
    ]
    cited = [re.search(r'data-cite="([^"]+)"', h) for h in hits]
    for form, cite in zip(forms, cited, strict=True):
        assert (form is None) == (cite is None), "a form on every hit that has a citation"
        if form is None:
            continue
        body = form.group(1)
        assert '<input type="hidden" name="item_type" value="cite">' in body
        assert f'<input type="hidden" name="value" value="{cite.group(1)}">' in body
        next_value = re.search(r'name="next" value="([^"]+)"', body).group(1)
        assert parse_qs(urlsplit(html.unescape(next_value)).query) == {
            "q": [ACCENTLESS],
            "offset": ["10"],
        }
    assert any(forms)


def test_search_pages_have_no_inline_scripts_or_styles(thads_app):
    for path in ("/search", f"/search?q={ACCENTLESS}", "/search?q=kee+bienn", "/violations"):
        text = thads_app.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert " style=" not in text and "<style" not in text, path
        assert not re.search(r"<[^>]+\son\w+=", text), path


SEARCH_KEYS = st.sampled_from(
    ["q", "ref", "kind", "doc_type", "issuer", "year_from", "year_to", "as_of", "document",
     "limit", "offset", "category", "unit", "year", "text"]
)  # fmt: skip


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(SEARCH_KEYS, st.text(max_size=30) | st.integers().map(str)),
        max_size=5,
    )
)
def test_no_query_string_makes_a_500_on_search_routes(thads_app, pairs):
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
    for path in ("/api/search", "/search", "/api/cite", "/api/suggest", "/api/violations"):
        response = thads_app.get(f"{path}?{query}")
        assert response.status_code in (200, 404, 422), (path, query, response.text[:300])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=40))
def test_raw_bytes_in_search_parameters_never_make_a_500(thads_app, raw):
    encoded = "".join(f"%{b:02X}" for b in raw)
    for url in (
        f"/api/search?q={encoded}",
        f"/search?q={encoded}&as_of={encoded}",
        f"/api/cite?ref={encoded or 'x'}",
        f"/api/suggest?q={encoded}",
        f"/violations?text={encoded}&unit={encoded}",
    ):
        response = thads_app.get(url)
        assert response.status_code < 500, (url, response.text[:300])
