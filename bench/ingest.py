"""Ingest speed and memory on this machine: text PDFs, DOCX, OCR pages, a 1,000-page PDF.

    .venv/bin/python bench/ingest.py            # everything below (a few minutes)
    .venv/bin/python bench/ingest.py --grid     # also the OCR settings grid (dpi × psm)

Every figure is end to end through `camnang ingest` in a fresh process (start-up, worker
processes, parsing, the SQLite store) unless it says otherwise. Inputs are built from the real
documents in ../shared/corpus at run time: the five án lệ PDFs repeated to a 1,000-page PDF,
real DOCX regulations rendered to PDF, and pages of one rendered again as images (a scan).
Targets on a 2-core machine: >= 100 text-PDF pages/s, >= 1 OCR page/s, <= 1 GB peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zipfile
from pathlib import Path

import psutil
import pymupdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.readers import ocr  # noqa: E402
from ingest.readers.pdf import read_pdf  # noqa: E402
from tests.fixtures.documents import regulation_pdf, repeated_pdf, scanned_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CAMNANG = Path(sys.executable).parent / "camnang"
REGULATIONS = ("nghi_dinh_19_2019_ND_CP", "nghi_dinh_21_2021_ND_CP", "nghi_quyet_01_2019_NQ_HDTP")


def machine() -> str:
    cpu = "?"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {ram:.1f} GiB RAM, "
        f"Python {platform.python_version()}, PyMuPDF {pymupdf.VersionBind}, "
        f"load average {load} at start"
    )


class PeakRSS:
    """Polls the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self.peak_one = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                sizes = []
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        sizes.append(proc.memory_info().rss)
                self.peak = max(self.peak, sum(sizes))
                self.peak_one = max(self.peak_one, max(sizes, default=0))
            except psutil.Error:
                pass
            time.sleep(0.02)

    def done(self) -> tuple[int, int]:
        self.stop.set()
        self.thread.join()
        return self.peak, self.peak_one


def cpu_seconds() -> float:
    """CPU time (user + system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest(
    files: list[Path], data: Path, *extra: str, prefix: tuple[str, ...] = ()
) -> tuple[float, int, int, int]:
    """Run `camnang ingest` on `files`: (seconds, exit status, peak RSS of the tree, of one)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*prefix, str(CAMNANG), "ingest", *map(str, files), "--data", str(data), "--json", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    watch = PeakRSS(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    peak, one = watch.done()
    if proc.returncode:
        print(f"    (exit {proc.returncode}: {err.strip()[:300]})")
    return seconds, proc.returncode, peak, one


def pdf_pages(files: list[Path]) -> int:
    total = 0
    for path in files:
        with pymupdf.open(path) as doc:
            total += doc.page_count
    return total


CHARS_PER_PAGE = 1900
"""An A4 page of 13 pt text as the bench renders regulations (Nghị định 21/2021: 61,286
characters on 32 pages). Word's own page count (docProps/app.xml) is stale in most of these."""


def docx_pages(path: Path) -> float:
    """The pages a DOCX's text fills at `CHARS_PER_PAGE`."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8", "replace")
    chars = sum(len(t) for t in re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
    return chars / CHARS_PER_PAGE


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def bench_text_pdfs(work: Path, big_pages: int) -> None:
    print("\n## Text PDFs")
    precedents = sorted((CORPUS / "pdf").glob("*.pdf"))
    rendered = []
    for name in REGULATIONS:
        out = work / f"{name}.pdf"
        regulation_pdf(CORPUS / "docx" / f"{name}.docx", out, running_header=name)
        rendered.append(out)
    batch = precedents + rendered
    pages = pdf_pages(batch)
    for jobs in (1, 2):
        seconds, _, peak, _ = ingest(batch, work / f"data-batch-{jobs}", "--jobs", str(jobs))
        print(
            f"- {len(batch)} files, {pages} pages (5 án lệ + 3 rendered regulations), "
            f"--jobs {jobs}: {seconds:.2f} s, {pages / seconds:.0f} pages/s, peak {mb(peak)}"
        )

    cpu = cpu_seconds()
    seconds, _, _, _ = ingest(batch, work / "data-batch-cpu")
    cpu = cpu_seconds() - cpu
    print(f"  - CPU {cpu:.2f} s for the {pages} pages: {pages / cpu:.0f} pages per CPU-second")

    big = work / "big.pdf"
    count = repeated_pdf(precedents, big, big_pages)
    with pymupdf.open(big) as doc:  # PyMuPDF alone, for the ratio
        started = time.perf_counter()
        for page in doc:
            page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
        alone = count / (time.perf_counter() - started)
    started = time.perf_counter()
    read_pdf(big)
    reader = count / (time.perf_counter() - started)
    cpu = cpu_seconds()
    seconds, _, peak, one = ingest([big], work / "data-big")
    cpu = cpu_seconds() - cpu
    print(
        f"- {count}-page PDF (the án lệ pages repeated, {mb(big.stat().st_size)}): "
        f"{seconds:.2f} s end to end, **{count / seconds:.0f} pages/s**; "
        f"peak memory **{mb(peak)}** (all processes; largest one {mb(one)}); "
        f"CPU {cpu:.2f} s: {count / cpu:.0f} pages per CPU-second"
    )
    print(
        f"  - same PDF in-process: PyMuPDF get_text('dict') alone {alone:.0f} pages/s, "
        f"the reader (lines → blocks) {reader:.0f} pages/s"
    )


def bench_docx(work: Path) -> None:
    print("\n## DOCX")
    files = sorted((CORPUS / "docx").glob("*.docx"))
    pages = sum(docx_pages(p) for p in files)
    seconds, _, peak, _ = ingest(files, work / "data-docx", "--jobs", "2")
    print(
        f"- {len(files)} DOCX (~{pages:.0f} pages of {CHARS_PER_PAGE} characters), --jobs 2: "
        f"{seconds:.1f} s, **{pages / seconds:.1f} pages/s**, peak {mb(peak)}"
    )
    for path in files:
        seconds, _, _, _ = ingest([path], work / f"data-docx-{path.stem}")
        n = docx_pages(path)
        print(f"  - {path.name}: ~{n:.0f} pages, {seconds:.1f} s ({n / seconds:.1f} pages/s)")


def bench_ocr(work: Path, pages: int) -> None:
    print("\n## OCR (scanned pages, no text layer)")
    text = work / "ocr-source.pdf"
    regulation_pdf(CORPUS / "docx" / "nghi_dinh_21_2021_ND_CP.docx", text, running_header="x")
    scan = work / "scan.pdf"
    scanned_pdf(text, scan, pages=list(range(pages)), dpi=300)
    for cores in (1, 2):
        prefix = ("taskset", "-c", "0") if cores == 1 else ()
        cpu = cpu_seconds()
        seconds, status, peak, _ = ingest([scan], work / f"data-ocr-{cores}", prefix=prefix)
        cpu = cpu_seconds() - cpu
        print(
            f"- {pages} scanned pages (300 dpi images), {cores} core{'s' if cores > 1 else ''}: "
            f"{seconds:.1f} s, **{pages / seconds:.2f} OCR pages/s** (exit {status}); "
            f"CPU {cpu / pages:.2f} s/page, so {cores * pages / cpu:.2f} pages/s on "
            f"{cores} idle core{'s' if cores > 1 else ''}; peak {mb(peak)}"
        )
    print(f"  - settings: {ocr.DPI} dpi, --psm {ocr.PSM}, one tesseract per core, 1 thread each")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def bench_ocr_grid(work: Path) -> None:
    """Speed and quality of OCR settings, one tesseract process (no parallelism)."""
    from rapidfuzz.distance import Levenshtein

    print("\n## OCR settings grid (one process, single thread)")
    sources = []
    for name, pages in (("reg", [0, 2, 5]), ("precedent", [0, 1])):
        src = work / f"grid-{name}.pdf"
        if name == "reg":
            regulation_pdf(CORPUS / "docx" / "nghi_dinh_19_2019_ND_CP.docx", src, "x")
        else:
            with pymupdf.open(CORPUS / "pdf" / "an_le_so_432021AL.pdf") as doc:
                doc.select(pages)
                doc.save(src)
            pages = list(range(len(pages)))
        sub, scan = work / f"grid-{name}-text.pdf", work / f"grid-{name}-scan.pdf"
        with pymupdf.open(src) as doc:
            doc.select(pages)
            doc.save(sub)
        scanned_pdf(sub, scan, dpi=300)
        sources.append(
            (name, sub, scan, len(pages), _norm(" ".join(b.text for b in read_pdf(sub).blocks)))
        )
    chosen = (ocr.DPI, ocr.PSM)
    print("| dpi | psm | s/page | similarity: regulation | án lệ |")
    print("|---|---|---|---|---|")
    for dpi in (200, 300):
        for psm in (3, 4, 6):
            ocr.DPI, ocr.PSM = dpi, psm
            seconds, count, sims = 0.0, 0, []
            for _, _, scan, n, reference in sources:
                started = time.perf_counter()
                blocks = read_pdf(scan, ocr_workers=1).blocks
                seconds += time.perf_counter() - started
                count += n
                sims.append(
                    Levenshtein.normalized_similarity(
                        reference, _norm(" ".join(b.text for b in blocks))
                    )
                )
            print(f"| {dpi} | {psm} | {seconds / count:.2f} | {sims[0]:.4f} | {sims[1]:.4f} |")
    ocr.DPI, ocr.PSM = chosen
    _builtin_ocr(sources)


def _builtin_ocr(sources: list) -> None:
    """PyMuPDF's own OCR (the same Tesseract, as a library) on the same scans, for comparison."""
    from rapidfuzz.distance import Levenshtein

    tessdata = next(Path("/usr/share/tesseract-ocr").glob("*/tessdata"), None)
    if tessdata is None:
        return
    for name, _, scan, n, reference in sources:
        texts = []
        started = time.perf_counter()
        with pymupdf.open(scan) as doc:
            for page in doc:
                tp = page.get_textpage_ocr(
                    language="vie", dpi=300, full=True, tessdata=str(tessdata)
                )
                texts.append(page.get_text(textpage=tp))
        seconds = (time.perf_counter() - started) / n
        read = _norm(" ".join(texts))
        spaces = read.count(" ") / max(reference.count(" "), 1)
        print(
            f"- PyMuPDF get_textpage_ocr (300 dpi), {name}: {seconds:.2f} s/page, raw similarity "
            f"{Levenshtein.normalized_similarity(reference, read):.4f}, spaces kept {spaces:.0%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages of the big PDF")
    parser.add_argument("--ocr-pages", type=int, default=10, help="scanned pages to OCR")
    parser.add_argument("--grid", action="store_true", help="also measure OCR settings")
    parser.add_argument("--only", choices=("pdf", "docx", "ocr"), help="one section only")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench needs ../shared/corpus ({CORPUS} missing)")
    print(f"# camnang ingest bench\n\n{machine()}")
    with tempfile.TemporaryDirectory(prefix="camnang-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "pdf"):
            bench_text_pdfs(work, args.pages)
        if args.only in (None, "docx"):
            bench_docx(work)
        if args.only in (None, "ocr"):
            bench_ocr(work, args.ocr_pages)
            if args.grid:
                bench_ocr_grid(work)


if __name__ == "__main__":
    main()
