"""Links in the store: a finding's reference → the provision it cites, and "cited by"; right
whichever side is ingested first, later, replaced or deleted. Real Pháp điển text from ../shared."""

import copy
from functools import cache

import pytest

from corpus.model import Reference
from corpus.store import Store
from ingest.pipeline import parse_file
from tests.conftest import SAMPLES, shared_path


@cache
def _parsed(path):
    return parse_file(path).document


def phapdien():
    return copy.deepcopy(_parsed(shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md")))


def conclusion(name="kl-12-2023-chi-cuc-yen-hoa.docx"):
    return copy.deepcopy(_parsed(SAMPLES / name))


@pytest.fixture
def store(data_dir):
    with Store(data_dir) as s:
        yield s


def statuses(doc):
    return [(r.article, r.clause, r.status, r.target) for f in doc.findings for r in f.refs]


def test_references_are_external_until_the_cited_document_is_stored(store):
    doc_id = store.save(conclusion()).doc_id
    before = store.get(doc_id)
    assert {s for _, _, s, _ in statuses(before)} == {"external"}
    store.save(phapdien())
    after = store.get(doc_id)
    first = after.findings[0].refs[0]
    assert (first.article, first.clause, first.status) == ("36", "1", "resolved")
    assert first.target == "thi-hanh-an-dan-su#d30.2.lq.36.k1"


def test_an_article_added_by_an_amending_law_resolves_through_the_lineage(store):
    store.save(phapdien())
    doc = store.get(store.save(conclusion()).doc_id)
    (ref,) = doc.findings[4].refs
    assert (ref.law, ref.article, ref.clause, ref.point) == ("26/2008/QH12", "7a", "2", "b")
    assert ref.target == "thi-hanh-an-dan-su#d30.2.lq.7a.k2.b"
    assert (
        store.get("thi-hanh-an-dan-su").to_dict()["cited_by"]["d30.2.lq.7a.k2.b"][0]["doc_id"]
        == doc.id
    )


def test_cited_by_lists_the_findings_under_the_provision_and_its_article(store):
    store.save(phapdien())
    doc_id = store.save(conclusion()).doc_id
    citing = store.cited_by("thi-hanh-an-dan-su")
    assert [(c["doc_id"], c["source"]) for c in citing["d30.2.lq.36.k1"]] == [(doc_id, "finding:1")]
    article = {(c["source"], c["clause"]) for c in citing["d30.2.lq.36"]}
    assert {("finding:1", "1"), ("finding:1", "2")} <= article


def test_replacing_a_conclusion_replaces_its_links(store):
    store.save(phapdien())
    old = conclusion()
    doc_id = store.save(old).doc_id
    new = copy.deepcopy(old)
    new.id = ""
    new.source.sha256 = "0" * 64
    new.findings = new.findings[1:]
    assert store.save(new).status == "replaced"
    sources = {c["source"] for c in store.cited_by("thi-hanh-an-dan-su").get("d30.2.lq.36", [])}
    assert "finding:1" not in sources
    assert store.get(doc_id).findings[0].n == "2"


def test_deleting_the_cited_document_makes_links_external_again(store):
    store.save(phapdien())
    doc_id = store.save(conclusion()).doc_id
    assert store.delete("thi-hanh-an-dan-su")
    assert {s for _, _, s, _ in statuses(store.get(doc_id))} == {"external"}


def test_a_reference_naming_no_known_document_stays_visible_as_unresolved(store):
    doc = conclusion()
    doc.findings[0].refs.append(Reference(text="Điều 12 Quy chế phối hợp", article="12"))
    doc_id = store.save(doc).doc_id
    shown = store.get(doc_id).to_dict()["findings"][0]["refs"][-1]
    assert (shown["text"], shown["law"], shown["status"], shown["target"]) == (
        "Điều 12 Quy chế phối hợp",
        None,
        "unresolved",
        None,
    )


def test_conclusions_with_the_same_office_number_in_different_years_are_different(store):
    first = conclusion()
    second = copy.deepcopy(first)
    second.id, second.source.sha256 = "", "1" * 64
    second.issued = second.issued.replace(year=2024)
    a, b = store.save(first), store.save(second)
    assert (a.status, b.status) == ("ingested", "ingested")
    assert (a.doc_id, b.doc_id) == ("12-kl-cthads-2023", "12-kl-cthads-2024")
