"""The JSON shapes of search, citation lookup, suggestions and violations, with OpenAPI
examples."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _example(**example: Any) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class HitOut(BaseModel):
    model_config = _example(
        doc_id="thi-hanh-an-dan-su",
        number="26/2008/QH12",
        title="Thi hành án dân sự",
        label="khoản 1 Điều 45",
        law="26/2008/QH12",
        article="45",
        heading="Thời hạn tự nguyện thi hành án",
        snippet="1. <mark>Thời</mark> <mark>hạn</mark> <mark>tự</mark> <mark>nguyện</mark> …",
        score=94.25,
        kind="article",
        key="thi-hanh-an-dan-su#d30.2.lq.45",
        cited=False,
        citation="khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
        provision_id="d30.2.lq.45.k1",
        page_url="/documents/thi-hanh-an-dan-su#d30.2.lq.45.k1",
        provision_url="/api/documents/thi-hanh-an-dan-su/provisions/d30.2.lq.45.k1",
    )
    doc_id: str
    number: str | None = Field(description="Số hiệu (for the Pháp điển: of the original law).")
    title: str
    label: str = Field(description="`khoản 1 Điều 45`, `vi phạm 3`, a section's heading.")
    law: str | None
    article: str | None
    heading: str
    snippet: str = Field(description="HTML-escaped text with the matches in `<mark>`.")
    score: float
    kind: str = Field(description="`article`, `finding`, `section` or `document`.")
    key: str = Field(description="`doc_id#unit_id`: the unit (for `camnang similar`).")
    cited: bool = Field(description="The query cited this provision (cited ones come first).")
    citation: str | None = Field(description="Ready-to-paste citation (articles and below).")
    provision_id: str | None = Field(description="The anchor: the khoản/điểm the label names.")
    page_url: str = Field(description="The hit in its document page.")
    provision_url: str | None


class SearchOut(BaseModel):
    query: str = Field(description="The query as read (NFC, cleaned).")
    total: int = Field(description="Units matching, over all pages.")
    limit: int
    offset: int
    hits: list[HitOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts over the whole result by kind, doc_type, issuer, year, document."
    )
    suggestion: str | None = Field(description="“Did you mean”, when nothing was found.")
    cited: list[dict[str, Any]] = Field(
        description="Citations read in the query, normalized `{law, article, clause, point}`."
    )


class CiteOut(BaseModel):
    model_config = _example(
        ref="khoản 1 Điều 45 Luật Thi hành án dân sự",
        cited_law="106/2025/QH15",
        law="26/2008/QH12",
        article="45",
        clause="1",
        point=None,
        doc_id="thi-hanh-an-dan-su",
        doc_title="Thi hành án dân sự",
        provision_id="d30.2.lq.45.k1",
        label="khoản 1 Điều 45",
        heading="1.",
        article_title="Thời hạn tự nguyện thi hành án",
        citation="khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
        text="Thời hạn tự nguyện thi hành án là 10 ngày, …",
        page_url="/documents/thi-hanh-an-dan-su#d30.2.lq.45.k1",
        provision_url="/api/documents/thi-hanh-an-dan-su/provisions/d30.2.lq.45.k1",
    )
    ref: str = Field(description="The citation as read.")
    cited_law: str = Field(description="The law the citation means on `as_of` (or today).")
    law: str = Field(description="The law the stored provision belongs to (same family).")
    article: str
    clause: str | None
    point: str | None
    doc_id: str
    doc_title: str
    provision_id: str
    label: str
    heading: str
    article_title: str
    citation: str | None
    text: str = Field(description="The provision's full text (with its khoản and điểm).")
    page_url: str
    provision_url: str


class SuggestionOut(BaseModel):
    text: str = Field(description="What to put in the search box.")
    label: str = Field(description="What to show in the list.")
    kind: str = Field(description="`citation`, `term`, `document` or `article`.")
    url: str | None = Field(description="A page to open directly.")


class SuggestOut(BaseModel):
    model_config = _example(
        q="thoi han tu ng",
        suggestions=[
            {
                "text": "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
                "label": "Điều 45. Thời hạn tự nguyện thi hành án — Thi hành án dân sự",
                "kind": "article",
                "url": "/documents/thi-hanh-an-dan-su#d30.2.lq.45",
            }
        ],
    )
    q: str
    suggestions: list[SuggestionOut]


class ViolationFindingOut(BaseModel):
    doc_id: str
    n: str
    title: str
    text: str
    body: str = Field(description="The text without the title it repeats (for display).")
    unit: str | None
    year: int | None
    number: str | None
    case_files: list[str]
    page_url: str


class ViolationRefOut(BaseModel):
    law: str
    article: str | None
    clause: str | None
    point: str | None
    count: int
    citation: str = Field(description="Ready to paste.")
    page_url: str | None = Field(description="The provision, when it is stored.")


class ViolationGroupOut(BaseModel):
    model_config = _example(
        group_id="v76576003",
        label="Xác minh điều kiện thi hành án",
        category="xác minh điều kiện thi hành án",
        count=3,
        documents=3,
        units=["Chi cục Thi hành án dân sự huyện Bắc Hà"],
        findings=[],
        refs=[
            {
                "law": "26/2008/QH12",
                "article": "44",
                "clause": "1",
                "point": None,
                "count": 3,
                "citation": "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12",
                "page_url": "/documents/thi-hanh-an-dan-su#d30.2.lq.44.k1",
            }
        ],
        examples=[],
        page_url="/violations#v76576003",
    )
    group_id: str
    label: str
    category: str
    count: int = Field(description="Findings of this kind.")
    documents: int = Field(description="Conclusions they come from.")
    units: list[str]
    findings: list[ViolationFindingOut]
    refs: list[ViolationRefOut]
    examples: list[dict[str, Any]]
    page_url: str


class ViolationsOut(BaseModel):
    total: int = Field(description="Kinds of violation (groups).")
    findings: int
    categories: dict[str, int] = Field(description="Findings per category.")
    groups: list[ViolationGroupOut] = Field(description="Most frequent first.")
