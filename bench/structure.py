"""Time the DOCX reader and the structure parsers on the real corpus and print the figures.

    .venv/bin/python bench/structure.py [../shared/corpus]

For each DOCX: its size, the blocks read, the median wall-clock and CPU time of three reads,
the time to build the Document from the blocks, and the articles found; then the same for every
other file of the corpus (PDF, Markdown, text), read once. Other work on the machine inflates
wall-clock times; the CPU column is steadier.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.model import SourceFile  # noqa: E402
from ingest.blocks import ReadResult  # noqa: E402
from ingest.pipeline import SUFFIXES, read_file  # noqa: E402
from ingest.readers.docx import read_docx  # noqa: E402
from ingest.structure.document import build_document  # noqa: E402


def main(corpus: Path) -> None:
    print(
        f"{'file':44} {'KiB':>6} {'blocks':>6} {'read s':>7} {'cpu s':>6} {'parse s':>7} "
        f"{'articles':>8}"
    )
    for path in sorted(corpus.rglob("*.docx")):
        wall, cpu = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            read = read_docx(path)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        _row(path, read, statistics.median(wall), statistics.median(cpu))
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() in SUFFIXES - {".docx"} and path.is_file():
            start, start_cpu = time.perf_counter(), time.process_time()
            read = read_file(path, ocr="never")
            _row(path, read, time.perf_counter() - start, time.process_time() - start_cpu)


def _row(path: Path, read: ReadResult, read_seconds: float, cpu_seconds: float) -> None:
    source = SourceFile(path=str(path), sha256="", format=read.format, pages=read.pages)
    start = time.perf_counter()
    doc = build_document(read, source)
    parse_seconds = time.perf_counter() - start
    print(
        f"{path.name[:44]:44} {path.stat().st_size // 1024:6d} {len(read.blocks):6d} "
        f"{read_seconds:7.2f} {cpu_seconds:6.2f} {parse_seconds:7.2f} {len(doc.articles()):8d}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
