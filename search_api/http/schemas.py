"""The JSON shapes of the API (pydantic models), with examples for the OpenAPI page."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _example(**example: Any) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class ErrorBody(BaseModel):
    code: str = Field(description="Stable English key, e.g. `document_not_found`.")
    message: str = Field(description="What went wrong, in Vietnamese, for a person.")
    details: list[dict[str, Any]] | None = None


class ErrorOut(BaseModel):
    model_config = _example(
        error={
            "code": "invalid_parameter",
            "message": "Tham số 'limit' phải nhỏ hơn hoặc bằng 200 (nhận được '5000').",
            "details": [{"param": "limit", "where": "query", "message": "…"}],
        }
    )
    error: ErrorBody


class HealthOut(BaseModel):
    model_config = _example(status="ok", documents=12, jobs_pending=0)
    status: str
    documents: int
    jobs_pending: int


class DocumentSummaryOut(BaseModel):
    model_config = _example(
        id="62-2015-nd-cp",
        kind="regulation",
        kind_label="Văn bản quy phạm pháp luật",
        doc_type="nghi_dinh",
        number="62/2015/NĐ-CP",
        title="Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi hành án dân sự",
        issuer="CHÍNH PHỦ",
        issued="2015-07-18",
        effective_from="2015-09-01",
        effective_to=None,
        format="docx",
        version=1,
        articles=73,
        url="/api/documents/62-2015-nd-cp",
        page_url="/documents/62-2015-nd-cp",
    )
    id: str
    kind: str
    kind_label: str
    doc_type: str | None
    number: str | None
    title: str
    issuer: str | None
    issued: str | None
    effective_from: str | None
    effective_to: str | None
    format: str
    version: int
    articles: int
    url: str
    page_url: str


class DocumentListOut(BaseModel):
    total: int = Field(description="Documents matching the filters, over all pages.")
    limit: int
    offset: int
    items: list[DocumentSummaryOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts of all stored documents by kind, doc_type and year issued."
    )


class ProvisionNodeOut(BaseModel):
    model_config = _example(
        id="d30.2.lq.45.k1",
        kind="khoan",
        number="1",
        title="",
        label="khoản 1 Điều 45",
        citation="khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
        text="Thời hạn tự nguyện thi hành án là …",
        children=[],
    )
    id: str
    kind: str
    number: str
    title: str
    label: str
    citation: str | None = Field(description="Ready-to-paste citation (articles and below).")
    text: str | None = None
    law: str | None = Field(None, description="Pháp điển: số hiệu of the original law.")
    article: str | None = Field(None, description="Pháp điển: the original article number.")
    cited_by: int | None = Field(None, description="How many references cite it (when any).")
    children: list[ProvisionNodeOut]


class SourceOut(BaseModel):
    format: str
    pages: int
    size: int
    file_name: str


class DocumentOut(BaseModel):
    id: str
    kind: str
    kind_label: str
    doc_type: str | None
    doc_type_label: str | None
    number: str | None
    title: str
    issuer: str | None
    place: str | None
    issued: str | None
    effective_from: str | None
    effective_to: str | None
    validity: str | None = Field(description="Hiệu lực in words.")
    legal_bases: list[str]
    source: SourceOut
    file_url: str | None
    page_url: str
    provisions: list[ProvisionNodeOut]
    findings: list[dict[str, Any]]
    extra: dict[str, Any] = Field(description="Kind-specific facts (Pháp điển header, …).")


class CitedByOut(BaseModel):
    doc_id: str
    source: str = Field(description="`document` or `finding:N`: where in the citing document.")
    text: str = Field(description="The citation as written there.")
    title: str
    number: str | None
    kind: str
    page_url: str


class ProvisionOut(BaseModel):
    model_config = _example(
        doc_id="thi-hanh-an-dan-su",
        id="d30.2.lq.45.k1",
        kind="khoan",
        number="1",
        label="khoản 1 Điều 45",
        citation="khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
        law="26/2008/QH12",
        article="45",
        text="Thời hạn tự nguyện thi hành án là …",
        cited_by=[],
    )
    doc_id: str
    doc_title: str
    doc_number: str | None
    id: str
    kind: str
    number: str
    title: str
    heading: str
    label: str
    citation: str | None
    law: str | None
    article: str | None
    text: str
    full_text: str
    parents: list[dict[str, str]]
    children: list[dict[str, str]]
    cited_by: list[CitedByOut]
    page_url: str


class JobOut(BaseModel):
    model_config = _example(
        id="5f0c3c1e0d9b4f7e8e3f6b1a2c4d5e6f",
        status="done",
        file_name="nghi_dinh_21_2021_ND_CP.docx",
        size=74437,
        format="docx",
        created="2025-01-02T03:04:05+00:00",
        started="2025-01-02T03:04:05+00:00",
        finished="2025-01-02T03:04:07+00:00",
        doc_id="21-2021-nd-cp",
        result={"status": "ingested", "doc_id": "21-2021-nd-cp", "articles": 59},
        error=None,
        url="/api/jobs/5f0c3c1e0d9b4f7e8e3f6b1a2c4d5e6f",
    )
    id: str
    status: str = Field(description="queued, running, done or failed.")
    file_name: str
    size: int
    format: str
    created: str | None
    started: str | None
    finished: str | None
    doc_id: str | None
    result: dict[str, Any] | None
    error: str | None = Field(description="Why it failed, one line.")
    url: str


class DeletedOut(BaseModel):
    model_config = _example(id="21-2021-nd-cp", deleted=True)
    id: str
    deleted: bool
