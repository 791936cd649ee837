"""Built fixtures shared by the reader tests: regulation PDFs made from real DOCX regulations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from tests.fixtures.documents import SourceText, regulation_pdf

REGULATION_DOCX = "nghi_dinh_19_2019_ND_CP.docx"
"""Nghị định 19/2019/NĐ-CP (28 articles over 5 chapters, a header and a signature table)."""


@pytest.fixture(scope="session")
def regulation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SourceText]:
    """A real regulation rendered to a 13-page PDF: running header, `Trang n/N` footer."""
    out = tmp_path_factory.mktemp("regulation") / "nd-19-2019.pdf"
    source = regulation_pdf(
        shared_path("corpus", "docx", REGULATION_DOCX),
        out,
        running_header="Nghị định số 19/2019/NĐ-CP của Chính phủ về họ, hụi, biêu, phường",
        page_numbers="Trang {n}/{total}",
    )
    return out, source


@pytest.fixture(scope="session")
def regulation_top_numbers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SourceText]:
    """Another real regulation, page numbers `- n -` at the top as offices print them."""
    out = tmp_path_factory.mktemp("regulation") / "nq-01-2019.pdf"
    source = regulation_pdf(
        shared_path("corpus", "docx", "nghi_quyet_01_2019_NQ_HDTP.docx"),
        out,
        running_header="Nghị quyết 01/2019/NQ-HĐTP",
        page_numbers="- {n} -",
        number_at_top=True,
    )
    return out, source
