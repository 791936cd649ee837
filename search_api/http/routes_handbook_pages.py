"""Handbook pages: the list, one handbook's page (reorder, edit titles and notes, download),
and `POST /handbooks/add`, the "add to handbook" button of search hits and violation groups.

Plain forms that work without JavaScript. Every change sends the revision the page showed; a
change made meanwhile elsewhere is refused (409) rather than overwritten. "My current
handbook" is the one the trainer's key changed (or created, or chose) last; with none, adding
creates "Cẩm nang mới". Added items land in its "Chưa sắp xếp" section.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from handbook import edit
from handbook.draft import NothingFound, draft_spec
from handbook.spec import ITEM_KINDS, HandbookSpec, SpecError, dump_spec, load_spec
from handbook.stored import HandbookConflict, StoredHandbook
from search_api.http.auth import Role, requires
from search_api.http.errors import ApiError
from search_api.http.routes_handbooks import (
    compile_stored,
    editor_of,
    get_handbook,
    handbooks,
)
from search_api.http.state import library
from search_api.http.templating import render

router = APIRouter(include_in_schema=False)
READ = [requires(Role.READER)]
WRITE = [requires(Role.TRAINER)]
ADDED_PARAM = "added_to"
KIND_LABELS = {
    "cite": "Trích dẫn",
    "query": "Tìm điều luật",
    "violations": "Vi phạm",
    "topic": "Chuyên đề",
    "text": "Ghi chú",
}
Text = Annotated[str, Form(max_length=20000)]
Short = Annotated[str, Form(max_length=300)]


def _local(url: str | None) -> str:
    if url and url.startswith("/") and not url.startswith(("//", "/\\")):
        return url
    return "/handbooks"


def with_added(url: str, handbook_id: str) -> str:
    """`url` with `added_to=<id>` in its query, before any #fragment."""
    parts = urlsplit(_local(url))
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith(f"{ADDED_PARAM}="))
    query = f"{query}&{ADDED_PARAM}={handbook_id}" if query else f"{ADDED_PARAM}={handbook_id}"
    return urlunsplit(("", "", parts.path, query, parts.fragment))


def _item_rows(spec: HandbookSpec) -> list[dict[str, Any]]:
    sections = []
    for section in spec.sections:
        items = []
        for item in section.items:
            kind = next(k for k in ITEM_KINDS if k in type(item).model_fields)
            items.append(
                {
                    "kind": kind,
                    "label": KIND_LABELS[kind],
                    "value": getattr(item, kind),
                    "limit": getattr(item, "limit", None),
                }
            )
        sections.append({"title": section.title, "intro": section.intro, "items": items})
    return sections


def _page(
    request: Request, stored: StoredHandbook, error: str | None = None, status: int = 200
) -> HTMLResponse:
    book = compile_stored(request, stored.spec)
    context = {
        "hb": stored,
        "spec": stored.spec,
        "sections": _item_rows(stored.spec),
        "problems": book.problems,
        "counts": {
            "quotes": sum(1 for _ in book.quotes()),
            "rows": sum(len(t.rows) for t in book.tables()),
            "sources": len(book.sources),
        },
        "yaml": dump_spec(stored.spec),
        "error": error,
        "kinds": KIND_LABELS,
    }
    return render(request, "handbook.html", context, status=status)


@router.get("/handbooks", response_class=HTMLResponse, dependencies=READ)
def handbooks_page(request: Request) -> HTMLResponse:
    items = handbooks(request).list()
    return render(request, "handbooks.html", {"items": items, "error": None})


@router.post("/handbooks", dependencies=WRITE)
def create_page(
    request: Request, title: Short = "", topic: Short = "", spec: Text = ""
) -> Response:
    """A new handbook: empty (a title), drafted for a topic, or from a pasted spec."""
    store = handbooks(request)
    try:
        if spec.strip():
            new = load_spec(spec)
        elif topic.strip():
            lib = library(request)
            new = draft_spec(topic, lib.store, lib).spec
        else:
            new = edit.new_spec(title.strip() or edit.NEW_TITLE)
    except (SpecError, NothingFound) as err:
        context = {"items": store.list(), "error": str(err)}
        return render(request, "handbooks.html", context, status=422)
    stored = store.create(new, editor=editor_of(request))
    return RedirectResponse(f"/handbooks/{stored.id}", status_code=303)


@router.post("/handbooks/add", dependencies=WRITE)
def add_to_handbook(
    request: Request,
    item_type: Annotated[str, Form(max_length=20)],
    value: Annotated[str, Form(max_length=20000)],
    next: Annotated[str, Form(max_length=2000)] = "/handbooks",
) -> Response:
    """Add a search hit (`cite` with its citation, `topic` with `doc#part`, `query`, `text`) or a
    violation group (`violations` with its group id) to the caller's current handbook."""
    if item_type not in ITEM_KINDS:
        raise ApiError(
            422, "invalid_item", f"item_type phải là một trong: {', '.join(ITEM_KINDS)}."
        )
    store = handbooks(request)
    who = editor_of(request)
    current = store.current(who) if who else None
    spec = current.spec if current else edit.new_spec()
    try:
        changed = edit.add_item(spec, {item_type: value.strip()})
    except SpecError as err:
        message = "Mục không hợp lệ: " + "; ".join(err.problems)
        raise ApiError(422, "invalid_item", message) from None
    if current is None:
        saved = store.create(changed, editor=who)
    else:
        saved = store.save(current.id, changed, editor=who) or store.create(changed, editor=who)
    return RedirectResponse(with_added(next, saved.id), status_code=303)


@router.get("/handbooks/{handbook_id}", response_class=HTMLResponse, dependencies=READ)
def handbook_page(
    request: Request, handbook_id: Annotated[str, Path(max_length=100, pattern=r"^[a-z0-9-]+$")]
) -> HTMLResponse:
    return _page(request, get_handbook(request, handbook_id))


def _int(value: str, name: str) -> int:
    if not re.fullmatch(r"\d{1,4}", value or ""):
        raise ApiError(422, "invalid_form", f"Trường '{name}' phải là một số.")
    return int(value)


def _as_of(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SpecError([f"'as_of' must be a date such as 2024-07-01, not '{value}'"]) from None


def _apply(spec: HandbookSpec, action: str, f: dict[str, str]) -> HandbookSpec:
    """One change from the handbook page's forms."""
    s = _int(f["s"], "s") if action.startswith(("section", "item", "add_")) else 0
    i = _int(f["i"], "i") if action.startswith("item") else 0
    if action == "meta":
        return edit.set_meta(spec, f["title"], f["subtitle"], f["audience"], _as_of(f["as_of"]))
    if action == "new_section":
        return edit.add_section(spec, f["title"] or "Phần mới")
    if action == "spec":
        return load_spec(f["spec"])
    actions = {
        "section_save": lambda: edit.set_section(spec, s, f["title"], f["intro"]),
        "section_up": lambda: edit.move_section(spec, s, -1),
        "section_down": lambda: edit.move_section(spec, s, 1),
        "section_delete": lambda: edit.remove_section(spec, s),
        "item_up": lambda: edit.move_item(spec, s, i, -1),
        "item_down": lambda: edit.move_item(spec, s, i, 1),
        "item_delete": lambda: edit.remove_item(spec, s, i),
        "item_save": lambda: edit.set_item(spec, s, i, _item(f)),
        "add_item": lambda: edit.add_item(spec, _item(f), s),
    }
    if action not in actions:
        raise ApiError(422, "invalid_form", f"Thao tác '{action}' không có.")
    return actions[action]()


def _item(f: dict[str, str]) -> dict[str, Any]:
    kind = f["kind"]
    if kind not in ITEM_KINDS:
        raise ApiError(422, "invalid_form", f"Loại mục '{kind}' không có.")
    item: dict[str, Any] = {kind: f["value"] if kind != "text" else f["text"] or f["value"]}
    if f["limit"].strip() and kind in ("query", "violations", "topic"):
        item["limit"] = _int(f["limit"], "limit")
    return item


@router.post("/handbooks/{handbook_id}/edit", dependencies=WRITE)
def edit_page(
    request: Request,
    handbook_id: Annotated[str, Path(max_length=100, pattern=r"^[a-z0-9-]+$")],
    action: Annotated[str, Form(max_length=30)],
    revision: Annotated[str, Form(max_length=10)],
    s: Annotated[str, Form(max_length=4)] = "",
    i: Annotated[str, Form(max_length=4)] = "",
    title: Short = "",
    subtitle: Short = "",
    audience: Short = "",
    as_of: Annotated[str, Form(max_length=20)] = "",
    intro: Text = "",
    text: Text = "",
    kind: Annotated[str, Form(max_length=20)] = "",
    value: Text = "",
    limit: Annotated[str, Form(max_length=4)] = "",
    spec: Annotated[str, Form(max_length=60000)] = "",
) -> Response:
    store = handbooks(request)
    stored = get_handbook(request, handbook_id)
    fields = {
        "s": s, "i": i, "title": title, "subtitle": subtitle, "audience": audience,
        "as_of": as_of, "intro": intro, "text": text, "kind": kind, "value": value,
        "limit": limit, "spec": spec,
    }  # fmt: skip
    try:
        changed = stored.spec if action == "choose" else _apply(stored.spec, action, fields)
    except SpecError as err:
        return _page(request, stored, "; ".join(err.problems), status=422)
    except IndexError:
        return _page(request, stored, "Mục này không còn; trang đã cũ.", status=409)
    who = editor_of(request)
    try:
        saved = store.save(handbook_id, changed, who, _int(revision, "revision"))
    except HandbookConflict:
        fresh = get_handbook(request, handbook_id)
        message = "Cẩm nang vừa được sửa ở nơi khác; đây là bản mới nhất, hãy làm lại thao tác."
        return _page(request, fresh, message, status=409)
    if saved is None:
        get_handbook(request, handbook_id)
    anchor = f"#s{s}" if s and action not in ("meta", "spec", "choose") else ""
    return RedirectResponse(f"/handbooks/{handbook_id}{anchor}", status_code=303)


@router.post("/handbooks/{handbook_id}/delete", dependencies=[requires(Role.ADMIN)])
def delete_page(
    request: Request,
    handbook_id: Annotated[str, Path(max_length=100, pattern=r"^[a-z0-9-]+$")],
) -> Response:
    if not handbooks(request).delete(handbook_id):
        get_handbook(request, handbook_id)
    return RedirectResponse("/handbooks", status_code=303)
