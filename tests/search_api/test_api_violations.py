"""`GET /api/violations` and the `/violations` page over the sample inspection conclusions and
the real Pháp điển THADS topic they cite: the catalogue as the CLI prints it, its filters, the
provisions broken with citation text and links, the bar chart, the trainer's form."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from search_api.cli import app as cli_app
from tests.search_api import search_fixtures
from tests.search_api.service_fixtures import THADS_ID, TRAINER_KEY

XAC_MINH = "xác minh điều kiện thi hành án"
samples_template = search_fixtures.samples_template
samples_app = search_fixtures.samples_app


def violations(client, **params) -> dict:
    response = client.get("/api/violations", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_catalogue_is_the_clis_most_frequent_first(samples_app, samples_template):
    result = CliRunner().invoke(cli_app, ["violations", "--json", "--data", str(samples_template)])
    assert result.exit_code == 0, result.output
    cli = [json.loads(line) for line in result.stdout.splitlines()]
    body = violations(samples_app)
    groups = body["groups"]
    assert [(g["group_id"], g["count"], g["label"]) for g in groups] == [
        (g["group_id"], g["count"], g["label"]) for g in cli
    ]
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    assert body["total"] == len(groups) and body["findings"] == sum(g["count"] for g in groups)
    for api_group, cli_group in zip(groups, cli, strict=True):
        assert [(f["doc_id"], f["n"]) for f in api_group["findings"]] == [
            (f["doc_id"], f["n"]) for f in cli_group["findings"]
        ]
        assert [r["citation"] for r in api_group["refs"]] == [
            r["citation"] for r in cli_group["refs"]
        ]


def test_provisions_broken_link_to_the_stored_provision(samples_app):
    top = violations(samples_app)["groups"][0]
    assert top["category"] == XAC_MINH
    ref = next(r for r in top["refs"] if (r["article"], r["clause"]) == ("44", "1"))
    assert ref["citation"] == "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12"
    assert ref["page_url"] == f"/documents/{THADS_ID}#d30.2.lq.44.k1"
    page = samples_app.get(f"/documents/{THADS_ID}").text
    assert 'id="d30.2.lq.44.k1"' in page
    outside = [r for g in violations(samples_app)["groups"] for r in g["refs"] if not r["page_url"]]
    assert outside, "provisions of documents not stored have no link"
    assert all(r["citation"] for r in outside)


def test_each_finding_links_to_its_place_in_its_conclusion(samples_app):
    for group in violations(samples_app)["groups"][:4]:
        for finding in group["findings"]:
            path, anchor = finding["page_url"].split("#")
            page = samples_app.get(path)
            assert page.status_code == 200
            assert f'id="{anchor}"' in page.text, finding
            assert finding["number"] and finding["unit"] and finding["year"]


def test_filters_narrow_the_findings_and_keep_the_kinds(samples_app):
    everything = violations(samples_app)
    by_words = violations(samples_app, category="xac minh")
    assert by_words["groups"] and {g["category"] for g in by_words["groups"]} == {XAC_MINH}
    top_id = everything["groups"][0]["group_id"]
    assert top_id in {g["group_id"] for g in by_words["groups"]}
    in_2024 = violations(samples_app, year=2024)
    assert 0 < in_2024["findings"] < everything["findings"]
    assert {f["year"] for g in in_2024["groups"] for f in g["findings"]} == {2024}
    bac_ha = violations(samples_app, unit="Bac Ha")
    assert {f["unit"] for g in bac_ha["groups"] for f in g["findings"]} == {
        "Chi cục Thi hành án dân sự quận Bắc Hà"
    }
    text = violations(samples_app, text="biên bản")
    assert 0 < text["findings"] < everything["findings"]
    assert violations(samples_app, text="không có chữ này ở đâu cả")["groups"] == []


def test_bad_violation_filters_are_422(samples_app):
    unknown = samples_app.get("/api/violations", params={"category": "nấu ăn"})
    assert unknown.status_code == 422
    message = unknown.json()["error"]["message"]
    assert "'category'" in message and XAC_MINH in message, "names the categories"
    for query in ("year=abc", "year=1800", "year=99999999999999999999", "unit=" + "x" * 201):
        response = samples_app.get("/api/violations?" + query)
        assert response.status_code == 422, query
        assert response.json()["error"]["code"] == "invalid_parameter"


def test_the_page_draws_a_bar_per_kind_from_svg_attributes(samples_app):
    body = violations(samples_app)
    page = samples_app.get("/violations")
    assert page.status_code == 200
    html = page.text
    bars = re.findall(r'<rect class="bar (cat-\d)" x="0" y="0" width="([\d.]+)"', html)
    assert len(bars) == body["total"]
    widths = [float(w) for _, w in bars]
    top = body["groups"][0]["count"]
    assert widths == [round(100 * g["count"] / top, 1) for g in body["groups"]]
    assert " style=" not in html and "<style" not in html
    for group in body["groups"]:
        assert f'id="{group["group_id"]}"' in html and f'href="#{group["group_id"]}"' in html
        for ref in group["refs"]:
            assert ref["citation"] in html
        for finding in group["findings"]:
            assert f'href="{finding["page_url"]}"' in html


def test_the_page_filters_and_says_when_nothing_matches(samples_app):
    page = samples_app.get("/violations", params={"category": XAC_MINH}).text
    assert page.count('class="vgroup"') == len(
        violations(samples_app, category="xac minh")["groups"]
    )
    assert f'<option value="{XAC_MINH}" selected>' in page
    empty = samples_app.get("/violations", params={"text": "không có chữ này ở đâu cả"})
    assert empty.status_code == 200 and "Không có vi phạm nào khớp bộ lọc" in empty.text
    bad = samples_app.get("/violations", params={"year": "năm ngoái"})
    assert bad.status_code == 422 and "Tham số &#39;year&#39;" in bad.text


def test_only_trainers_see_the_add_to_handbook_form_on_each_kind(samples_app):
    groups = violations(samples_app)["groups"]
    anonymous = samples_app.get("/violations").text
    assert "/handbooks/add" not in anonymous
    page = samples_app.get("/violations?year=2024", headers={"X-API-Key": TRAINER_KEY}).text
    forms = re.findall(
        r'<form class="add-handbook" action="/handbooks/add" method="post">(.*?)</form>', page, re.S
    )
    shown = [g for g in groups if any(f["year"] == 2024 for f in g["findings"])]
    assert len(forms) == len(shown) > 0
    for form in forms:
        assert '<input type="hidden" name="item_type" value="violations">' in form
        assert '<input type="hidden" name="next" value="/violations?year=2024">' in form
    values = re.findall(r'name="value" value="(v[0-9a-f]{8})"', page)
    assert set(values) == {g["group_id"] for g in shown}
