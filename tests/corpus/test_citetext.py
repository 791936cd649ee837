"""Citation text for provisions: the label, then the law named as Vietnamese citations do."""

from corpus.citetext import citation_text, law_phrase, type_of_number
from corpus.model import Document, Provision, SourceFile, assign_ids


def _doc(number, doc_type, title, article_law=None, article_no=None):
    clause = Provision(kind="khoan", number="1", text="…")
    article = Provision(
        kind="dieu", number="9", title="T", children=[clause], law=article_law, article=article_no
    )
    assign_ids([article])
    doc = Document(
        id="x",
        kind="regulation",
        number=number,
        doc_type=doc_type,
        title=title,
        source=SourceFile(path="x.md", sha256="0" * 64, format="md"),
        provisions=[article],
    )
    return doc, article, clause


def test_known_law_is_named_by_the_registry():
    assert law_phrase("26/2008/QH12") == "Luật Thi hành án dân sự số 26/2008/QH12"
    assert law_phrase("91/2015/QH13") == "Bộ luật Dân sự số 91/2015/QH13"


def test_other_types_are_named_by_type_and_number():
    assert law_phrase("62/2015/NĐ-CP") == "Nghị định số 62/2015/NĐ-CP"
    assert law_phrase("03/2012/TTLT-BTP-BCA") == "Thông tư liên tịch số 03/2012/TTLT-BTP-BCA"
    assert law_phrase("04/2023/TT-BTP") == "Thông tư số 04/2023/TT-BTP"
    assert law_phrase("26/2018/AL") == "Án lệ số 26/2018/AL"
    assert type_of_number("12/XYZ") is None and law_phrase("12/XYZ") == "văn bản số 12/XYZ"


def test_a_law_unknown_to_the_registry_takes_its_own_title():
    doc, _, clause = _doc("01/2099/QH99", "luat", "ĐẤU GIÁ TÀI SẢN")
    assert citation_text(doc, clause, doc.provisions) == (
        "khoản 1 Điều 9 Luật Đấu giá tài sản số 01/2099/QH99"
    )


def test_phap_dien_article_cites_its_original_law_and_article():
    doc, article, clause = _doc(None, "phap_dien", "Thi hành án dân sự", "26/2008/QH12", "45")
    assert citation_text(doc, article, []) == "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"
    assert citation_text(doc, clause, [article]) == (
        "khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"
    )


def test_document_without_number_is_named_by_title():
    doc, article, _ = _doc(None, None, "Báo cáo mẫu")
    assert citation_text(doc, article, []) == "Điều 9 Báo cáo mẫu"
