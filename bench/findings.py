"""Findings, citations and grouping against the held-out set in tests/heldout (hand labels).

    .venv/bin/python bench/findings.py            # all figures, human readable
    .venv/bin/python bench/findings.py --json     # one JSON object
    .venv/bin/python bench/findings.py --no-scan  # without the OCR run (no tesseract needed)

Figures: findings per document (exact count, boundaries: first and last words of every
finding), header facts, citation precision and recall by normalized reference (in findings and
in the sentence set), case files, categories, pairwise grouping F1 of the violations catalogue,
and findings F1 on a scan (one held-out conclusion rendered to 200 dpi images, then OCR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import itertools
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.citations import CitingContext, references_in  # noqa: E402
from corpus.model import Document  # noqa: E402
from corpus.samples.build import build  # noqa: E402
from corpus.store import Store  # noqa: E402
from corpus.vntext import fold  # noqa: E402
from handbook.categories import category_of  # noqa: E402
from handbook.violations import catalogue  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from search_api.library import Library  # noqa: E402

HELDOUT = ROOT / "tests" / "heldout"
SCANNED = "h2-kl-15-2024-cchtads-phu-ninh"
SCAN_DPI = 200


def labels() -> dict[str, Any]:
    return json.loads((HELDOUT / "labels.json").read_text(encoding="utf-8"))["documents"]


def build_all(out: Path) -> dict[str, Path]:
    """Build every held-out source into `out`; name → file."""
    return {
        p.name.split(".")[0]: build(p, out) for p in sorted((HELDOUT / "docs").glob("*.sample"))
    }


def squash(text: str) -> str:
    return " ".join(text.split())


def boundary_ok(text: str, first: str, last: str) -> bool:
    text = squash(text)
    return text.startswith(squash(first)) and text.endswith(squash(last))


def fuzzy_boundary_ok(text: str, first: str, last: str, ratio: float = 0.8) -> bool:
    """Boundaries through OCR noise: folded first/last words similar enough."""
    text = fold(squash(text)).lower()
    head, tail = fold(squash(first)).lower(), fold(squash(last)).lower()
    start = difflib.SequenceMatcher(None, text[: len(head)], head).ratio()
    end = difflib.SequenceMatcher(None, text[-len(tail) :], tail).ratio()
    return start >= ratio and end >= ratio


def ref_tuples(refs: list[Any]) -> set[tuple[Any, ...]]:
    return {(r.law, r.article, r.clause, r.point) for r in refs}


def label_tuples(refs: list[list[Any]]) -> set[tuple[Any, ...]]:
    return {tuple(r) for r in refs}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def evaluate_document(doc: Document, label: dict[str, Any], fuzzy: bool = False) -> dict[str, Any]:
    """Compare one parsed conclusion with its labels."""
    found = {f.n: f for f in doc.findings}
    expected = label["findings"]
    check = fuzzy_boundary_ok if fuzzy else boundary_ok
    matched = [
        e for e in expected if e["n"] in found and check(found[e["n"]].text, e["first"], e["last"])
    ]
    paragraphs = [e for e in matched if found[e["n"]].text.count("\n") + 1 == e["paragraphs"]]
    counts = Counter()
    for e in expected:
        got = ref_tuples(found[e["n"]].refs) if e["n"] in found else set()
        want = label_tuples(e["refs"])
        counts["ref_tp"] += len(got & want)
        counts["ref_fp"] += len(got - want)
        counts["ref_fn"] += len(want - got)
        cases = set(found[e["n"]].case_files) if e["n"] in found else set()
        counts["case_tp"] += len(cases & set(e["case_files"]))
        counts["case_fp"] += len(cases - set(e["case_files"]))
        counts["case_fn"] += len(set(e["case_files"]) - cases)
        if e["n"] in found:
            f = found[e["n"]]
            counts["category_ok"] += category_of(f.title, f.text, f.refs) == e["category"]
    extra = set(found) - {e["n"] for e in expected}
    period = doc.extra.get("period") or {}
    return {
        "kind_ok": doc.kind == label["kind"],
        "count_ok": len(doc.findings) == len(expected),
        "expected": len(expected),
        "found": len(doc.findings),
        "boundaries_ok": len(matched),
        "paragraphs_ok": len(paragraphs),
        "extra": len(extra),
        "facts": {
            "number": doc.number == label["number"],
            "issued": (doc.issued.isoformat() if doc.issued else None) == label["issued"],
            "inspected_unit": doc.extra.get("inspected_unit") == label["inspected_unit"],
            "period": [period.get("from"), period.get("to")] == label["period"],
            "recommendations": len(doc.extra.get("recommendations", []))
            == label["recommendations"],
        },
        "counts": dict(counts),
    }


def evaluate_sentences() -> dict[str, Any]:
    """Citation precision and recall on the held-out sentences (multisets per sentence)."""
    cases = json.loads((HELDOUT / "citations.json").read_text(encoding="utf-8"))["cases"]
    tp = fp = fn = 0
    kept_unresolved = total_unresolved = 0
    for case in cases:
        context = CitingContext(
            number=case.get("number"),
            article=case.get("article"),
            on=dt.date.fromisoformat(case["on"]),
        )
        refs = references_in(case["text"], context)
        got = Counter((r.law, r.article, r.clause, r.point) for r in refs)
        want = Counter(tuple(r) for r in case["refs"])
        tp += sum((got & want).values())
        fp += sum((got - want).values())
        fn += sum((want - got).values())
        for r in case["refs"]:
            if r[0] is None:
                total_unresolved += 1
                kept_unresolved += any(
                    x.law is None and x.status == "unresolved" and x.text for x in refs
                )
    return {
        **prf(tp, fp, fn),
        "sentences": len(cases),
        "unresolved_kept": f"{kept_unresolved}/{total_unresolved}",
    }


def pairwise_f1(groups: list[set[str]], kinds: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of predicted groups against labelled kinds."""
    predicted = {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}
    keys = sorted(kinds)
    truth = {frozenset((a, b)) for a, b in itertools.combinations(keys, 2) if kinds[a] == kinds[b]}
    tp = len(predicted & truth)
    return prf(tp, len(predicted - truth), len(truth - predicted))


def evaluate_grouping(files: dict[str, Path], label: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "data") as library:
        outcomes = library.ingest(list(files.values()))
        ids = {Path(o.path).name.split(".")[0]: o.doc_id for o in outcomes}
        groups = catalogue(Store(library.data_dir))
    name_of = {v: k for k, v in ids.items()}
    kinds = {f"{name}#{f['n']}": f["kind"] for name, doc in label.items() for f in doc["findings"]}
    predicted = [{f"{name_of[f.doc_id]}#{f.n}" for f in g.findings} for g in groups]
    predicted = [{k for k in g if k in kinds} for g in predicted]
    return {
        **pairwise_f1(predicted, kinds),
        "groups": len(groups),
        "kinds": len(set(kinds.values())),
    }


def scan(pdf: Path, out: Path, dpi: int = SCAN_DPI) -> Path:
    """An image-only copy of a PDF: every page rendered to a grey image at `dpi`."""
    import pymupdf

    src, dst = pymupdf.open(pdf), pymupdf.open()
    for page in src:
        pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        new = dst.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=pixmap.tobytes("png"))
    dst.save(out)
    return out


def summarize(per_doc: dict[str, dict[str, Any]]) -> dict[str, Any]:
    counts = Counter()
    for result in per_doc.values():
        counts.update(result["counts"])
    expected = sum(r["expected"] for r in per_doc.values())
    found = sum(r["found"] for r in per_doc.values())
    ok = sum(r["boundaries_ok"] for r in per_doc.values())
    facts = Counter()
    for r in per_doc.values():
        facts.update({k: int(v) for k, v in r["facts"].items()})
    return {
        "documents": len(per_doc),
        "documents_exact_count": sum(r["count_ok"] for r in per_doc.values()),
        "findings_expected": expected,
        "findings_found": found,
        "boundaries_exact": ok,
        "paragraphs_exact": sum(r["paragraphs_ok"] for r in per_doc.values()),
        "findings": prf(ok, found - ok, expected - ok),
        "citations_in_findings": prf(counts["ref_tp"], counts["ref_fp"], counts["ref_fn"]),
        "case_files": prf(counts["case_tp"], counts["case_fp"], counts["case_fn"]),
        "categories_correct": f"{counts['category_ok']}/{expected}",
        "facts_correct": {k: f"{v}/{len(per_doc)}" for k, v in facts.items()},
    }


def run(with_scan: bool = True) -> dict[str, Any]:
    label = labels()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = build_all(Path(tmp))
        per_doc: dict[str, dict[str, Any]] = {}
        for name, path in files.items():
            start = time.perf_counter()
            doc = parse_file(path).document
            per_doc[name] = evaluate_document(doc, label[name])
            per_doc[name]["seconds"] = round(time.perf_counter() - start, 2)
        report["per_document"] = per_doc
        report["summary"] = summarize(per_doc)
        batches = sorted({label[name].get("batch", 1) for name in per_doc})
        report["by_batch"] = {
            b: summarize({n: r for n, r in per_doc.items() if label[n].get("batch", 1) == b})
            for b in batches
        }
        report["citation_sentences"] = evaluate_sentences()
        report["grouping"] = evaluate_grouping(files, label)
        if with_scan:
            scanned = scan(files[SCANNED], Path(tmp) / f"{SCANNED}-scan.pdf")
            start = time.perf_counter()
            doc = parse_file(scanned, ocr="always").document
            seconds = time.perf_counter() - start
            result = evaluate_document(doc, label[SCANNED], fuzzy=True)
            expected, found, ok = result["expected"], result["found"], result["boundaries_ok"]
            report["scan"] = {
                "document": SCANNED,
                "dpi": SCAN_DPI,
                "seconds": round(seconds, 1),
                "findings": prf(ok, found - ok, expected - ok),
                "citations": prf(
                    result["counts"]["ref_tp"],
                    result["counts"]["ref_fp"],
                    result["counts"]["ref_fn"],
                ),
                "facts": result["facts"],
            }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-scan", action="store_true", help="skip the OCR run")
    args = parser.parse_args(argv)
    report = run(with_scan=not args.no_scan)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    s = report["summary"]
    print(f"held-out conclusions: {s['documents']}, findings labelled: {s['findings_expected']}")
    print(
        "  documents with the exact number of findings: "
        f"{s['documents_exact_count']}/{s['documents']}"
    )
    print(
        f"  findings with exact boundaries: {s['boundaries_exact']}/{s['findings_expected']} "
        f"(found {s['findings_found']}); paragraphs exact: {s['paragraphs_exact']}"
    )
    print(f"  findings P/R/F1: {_prf(s['findings'])}")
    seconds = [r["seconds"] for r in report["per_document"].values()]
    mean = sum(seconds) / len(seconds)
    print(f"  parse time per conclusion: mean {mean:.2f} s, max {max(seconds):.2f} s")
    print(f"  citations in findings P/R/F1: {_prf(s['citations_in_findings'])}")
    for batch, b in report["by_batch"].items():
        print(
            f"  batch {batch}: {b['documents']} documents, "
            f"exact counts {b['documents_exact_count']}, "
            f"boundaries {b['boundaries_exact']}/{b['findings_expected']}, "
            f"citations {_prf(b['citations_in_findings'])}, case files {_prf(b['case_files'])}"
        )
    c = report["citation_sentences"]
    print(
        f"  citation sentences ({c['sentences']}) P/R/F1: {_prf(c)}; "
        f"unresolved kept: {c['unresolved_kept']}"
    )
    print(f"  case files P/R/F1: {_prf(s['case_files'])}; categories: {s['categories_correct']}")
    print(f"  header facts: {s['facts_correct']}")
    g = report["grouping"]
    print(
        f"  grouping pairwise P/R/F1: {_prf(g)} ({g['groups']} groups, {g['kinds']} labelled kinds)"
    )
    if "scan" in report:
        sc = report["scan"]
        print(
            f"  scan ({sc['document']}, {sc['dpi']} dpi, OCR {sc['seconds']} s): findings P/R/F1 "
            f"{_prf(sc['findings'])}; citations {_prf(sc['citations'])}"
        )
    return 0


def _prf(x: dict[str, float]) -> str:
    return f"{x['precision']:.3f}/{x['recall']:.3f}/{x['f1']:.3f}"


if __name__ == "__main__":
    sys.exit(main())
