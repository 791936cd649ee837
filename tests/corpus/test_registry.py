"""The registry of core THADS documents: its facts are the documents' own, with evidence."""

import datetime as dt
import json
import re
from functools import cache

import pytest

from corpus.registry import REGISTRY_PATH, default_registry
from ingest.readers.docx import read_docx
from tests.conftest import CORPUS, shared_path

ENTRIES = json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))["documents"]
_QUOTE = re.compile(r"'([^']{12,})'")
_SOURCE = re.compile(r"^((?:phapdien|docx|ocr-noisy|seed)/[\w./-]+\.(?:md|docx|txt|json))")


@cache
def shared_text(rel):
    path = shared_path("corpus", *rel.split("/"))
    if path.suffix == ".docx":
        return "\n".join(b.text for b in read_docx(path).blocks)
    return path.read_text(encoding="utf-8")


def squash(text):
    """Spaces made single, and none before a closing bracket (the source lines have some)."""
    return " ".join(text.split()).replace(" )", ")")


def test_every_entry_says_where_its_facts_come_from():
    assert len(ENTRIES) >= 25
    for entry in ENTRIES:
        assert entry["evidence"], entry["number"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["number"] for e in ENTRIES])
def test_quoted_evidence_is_in_the_shared_documents(entry):
    checked = 0
    for evidence in entry["evidence"]:
        source = None
        for part in re.split(r"; (?=(?:phapdien|docx|ocr-noisy|seed)/)", evidence):
            named = _SOURCE.match(part)
            source = named.group(1) if named else source
            if source is None:
                continue
            text = squash(shared_text(source))
            for quote in _QUOTE.findall(part):
                for fragment in (squash(f) for f in quote.split("…")):
                    if len(fragment) >= 12:
                        assert fragment.strip(" ,;") in text, (source, fragment)
                        checked += 1
    assert checked or not any(_SOURCE.match(e) and "'" in e for e in entry["evidence"])


def test_dates_agree_with_the_phapdien_source_lines():
    text = shared_text("phapdien/thi-hanh-an-dan-su.md")
    checked = 0
    for entry in ENTRIES:
        m = re.search(
            rf"\(Điều \S+ [^()]*?số {re.escape(entry['number'])}[^()]*?"
            r"có hiệu lực thi hành kể từ ngày (\d\d)/(\d\d)/(\d{4})",
            text,
        )
        if m and entry["effective_from"]:
            d, mo, y = m.groups()
            assert entry["effective_from"] == f"{y}-{mo}-{d}", entry["number"]
            checked += 1
    assert checked >= 10


def test_relations_are_mirrored_and_dates_meet():
    registry = default_registry()
    for doc in registry.documents:
        for other in doc.amends:
            if registry.get(other):
                assert doc.number in registry.get(other).amended_by
        if doc.replaced_by and registry.get(doc.replaced_by):
            successor = registry.get(doc.replaced_by)
            assert doc.number in successor.replaces
            assert doc.effective_to == successor.effective_from


def test_lineage_finds_where_an_added_article_lives():
    registry = default_registry()
    assert registry.lineage("26/2008/QH12")[:2] == ["26/2008/QH12", "64/2014/QH13"]
    assert "26/2008/QH12" in registry.amended_documents("64/2014/QH13")
    assert registry.lineage("999/2030/NĐ-CP") == ["999/2030/NĐ-CP"]


def test_names_and_abbreviations_mean_the_law_in_force_on_a_date():
    registry = default_registry()
    assert registry.resolve_name("Luật THADS", dt.date(2020, 1, 1))[0] == "26/2008/QH12"
    assert registry.resolve_name("Luật THADS", dt.date(2026, 7, 1))[0] == "106/2025/QH15"
    assert registry.resolve_name("NĐ 62", dt.date(2020, 1, 1)) == ["62/2015/NĐ-CP"]
    assert registry.in_force_on("62/2015/NĐ-CP", dt.date(2026, 7, 1)) is False
    assert registry.get("62/2015/NĐ-CP").replaced_by == "152/2026/NĐ-CP"


def test_shared_source_registry_agrees_on_the_civil_code():
    data = json.loads((CORPUS / "docx" / "source_registry.json").read_text(encoding="utf-8"))
    shared = {d["official_number"]: d for d in data["documents"]}
    ours = default_registry().get("91/2015/QH13")
    assert ours.effective_from.isoformat() == shared["91/2015/QH13"]["effective_from"]


def test_family_of_a_law_runs_from_itself_through_its_amendments_to_what_it_replaced():
    family = default_registry().family("106/2025/QH15")
    assert family[0] == "106/2025/QH15"
    assert family.index("26/2008/QH12") < family.index("64/2014/QH13")
