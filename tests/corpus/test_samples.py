"""The committed samples are what corpus/samples/build.py makes of their sources, and say they
are samples (TÀI LIỆU MẪU)."""

from pathlib import Path

import pytest

from corpus.samples.build import SOURCE_DIR, build, read_source
from ingest.pipeline import read_file
from tests.conftest import SAMPLES

SOURCES = sorted(SOURCE_DIR.glob("*.sample"))


def texts(path: Path) -> list[str]:
    return [" ".join(b.text.split()) for b in read_file(path).blocks]


def test_there_are_conclusions_and_a_topic_in_both_formats():
    formats = {read_source(p).format for p in SOURCES}
    names = [p.name for p in SOURCES]
    assert formats == {"docx", "pdf"}
    assert sum(n.startswith("kl-") for n in names) >= 3 and any(
        n.startswith("chuyen-de") for n in names
    )


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_committed_sample_matches_its_build(source, tmp_path):
    fresh = build(source, tmp_path)
    committed = SAMPLES / fresh.name
    assert committed.exists(), f"{committed.name} missing: run python corpus/samples/build.py"
    assert texts(committed) == texts(fresh)
    assert any("TÀI LIỆU MẪU" in t for t in texts(committed))


def test_docx_samples_use_borderless_tables_word_headings_and_bold_lines():
    from ingest.readers.docx import read_docx

    blocks = read_docx(SAMPLES / "kl-12-2023-chi-cuc-yen-hoa.docx").blocks
    assert any(b.in_table and b.text.startswith("Số: 12/KL-CTHADS") for b in blocks)
    assert any(b.heading == 1 and b.text.startswith("II.") for b in blocks)
    assert any(b.bold and not b.heading and b.text.startswith("1. Về thụ lý") for b in blocks)
