"""The spaCy pipeline: named components over the one citation grammar, entities with values."""

import datetime as dt

import pytest
import spacy

from corpus.citations import CitingContext, references_in
from ingest.nlp.pipeline import analyse, get_nlp

TEXT = (
    "Hồ sơ thi hành án số 215/QĐ-CCTHADS ngày 20/12/2022: Chấp hành viên Chi cục Thi hành án "
    "dân sự huyện Yên Hòa ra quyết định chậm, vi phạm khoản 1 Điều 36 Luật THADS. Chi cục đã thu "
    "84.560.300.000 đồng, đạt 63,23%; 319 tỷ đồng; 48 hồ sơ của 05 Chấp hành viên; các hồ sơ số "
    "204/QĐ-CCTHADS và 219/QĐ-CCTHADS; ngày 18 tháng 7 năm 2015; Thư ký thi hành án, Thẩm tra "
    "viên; Viện kiểm sát nhân dân huyện Yên Hòa."
)


def mentions(label, text=TEXT):
    return [
        (m.text, m.value) for m in analyse(text, CitingContext(on=dt.date(2023, 1, 1))).of(label)
    ]


def test_pipeline_is_a_blank_vietnamese_one_with_named_components():
    nlp = get_nlp()
    assert nlp.lang == "vi"
    assert nlp.pipe_names == [
        "camnang_punct",
        "camnang_citations",
        "camnang_entities",
        "entity_ruler",
    ]
    assert {"camnang_punct", "camnang_entities"} <= set(spacy.registry.factories.get_all())
    assert "camnang_citations" in spacy.registry.factories.get_all()


def test_citations_come_from_the_one_grammar():
    context = CitingContext(on=dt.date(2023, 1, 1))
    grammar = [(r.law, r.article, r.clause, r.point) for r in references_in(TEXT, context)]
    component = [(r.law, r.article, r.clause, r.point) for r in analyse(TEXT, context).refs]
    assert component == grammar == [("26/2008/QH12", "36", "1", None)]


def test_citation_spans_are_exact_and_punctuation_is_split_off():
    nlp = get_nlp()
    doc = nlp("vi phạm khoản 1 Điều 36 Luật THADS, cần khắc phục.")
    (span,) = doc.spans["refs"]
    assert span.text == "khoản 1 Điều 36 Luật THADS"
    assert [t.text for t in doc][-4:] == [",", "cần", "khắc", "phục", "."][-4:]


def test_dates_money_percentages_and_counts_have_values():
    assert mentions("DATE") == [
        ("ngày 20/12/2022", "2022-12-20"),
        ("ngày 18 tháng 7 năm 2015", "2015-07-18"),
    ]
    assert mentions("MONEY") == [("84.560.300.000 đồng", 84560300000.0), ("319 tỷ đồng", 319e9)]
    assert mentions("PERCENT") == [("63,23%", 63.23)]
    assert mentions("COUNT") == [("48 hồ sơ", 48.0), ("05 Chấp hành viên", 5.0)]


def test_case_files_organisations_and_roles():
    assert [v for _, v in mentions("CASE_FILE")] == [
        "215/QĐ-CCTHADS",
        "204/QĐ-CCTHADS",
        "219/QĐ-CCTHADS",
    ]
    assert [t for t, _ in mentions("ORG")] == [
        "Chi cục Thi hành án dân sự huyện Yên Hòa",
        "Viện kiểm sát nhân dân huyện Yên Hòa",
    ]
    # the second "Chấp hành viên" is inside the count "05 Chấp hành viên"
    assert [t for t, _ in mentions("ROLE")] == [
        "Chấp hành viên",
        "Thư ký thi hành án",
        "Thẩm tra viên",
    ]


@pytest.mark.parametrize(
    "text",
    ["Quyết định thi hành án số 16/QĐ-CTHADS ngày 18/10/2024", "hồ sơ 16/QĐ-CTHADS"],
)
def test_case_file_forms(text):
    assert [v for _, v in mentions("CASE_FILE", text)] == ["16/QĐ-CTHADS"]


def test_a_decision_that_is_not_a_case_file_is_not_one():
    assert (
        mentions(
            "CASE_FILE", "Thực hiện Quyết định số 22/QĐ-CTHADS ngày 08/5/2023 về việc kiểm tra"
        )
        == []
    )


def test_nothing_is_downloaded_tokenizer_has_no_pyvi():
    assert get_nlp().tokenizer.use_pyvi is False
