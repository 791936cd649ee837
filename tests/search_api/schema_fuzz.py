"""Schemathesis against a running `camnang serve`: every operation of its OpenAPI spec, valid
and invalid inputs, bounded per operation. Shared by `test_api_schema.py` and
`bench/schemathesis_run.py` (which prints the figures)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from search_api.library import Library

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]
"""No 500; every status code, content type, header and body as the spec documents it; invalid
input refused with a 4xx; a route that declares the key scheme refuses a request without it."""
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
SPEC_PATH = "/api/openapi.json"
REAL_FILES = (
    ("phapdien", "thi-hanh-an-dan-su.md"),
    ("docx", "an_le_so_262018AL.docx"),
    ("pdf", "an_le_so_432021AL.pdf"),
    ("seed", "hoi-nghi-thads-tphcm-6-thang-2021.txt"),
)
"""Real documents of ../shared/corpus served beside the bundled samples."""


@dataclass
class FuzzReport:
    """Cases sent per operation and what failed (one line per failing operation and mode)."""

    cases: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.cases.values())


def build_folder(folder: Path, samples: Path, corpus: Path) -> Path:
    """A data folder with the samples and real documents of every format ingested."""
    with Library(folder) as library:
        outcomes = library.ingest([samples, *(corpus.joinpath(*p) for p in REAL_FILES)])
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise RuntimeError(f"ingest failed: {failed}")
    return folder


def copy_folder(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def fuzz(base_url: str, headers: dict[str, str], max_examples: int = 20) -> FuzzReport:
    """Run every operation in both generation modes, `max_examples` cases each, against a
    server already listening at `base_url`. Deterministic (derandomized), no shrinking."""
    schema = schemathesis.openapi.from_url(base_url + SPEC_PATH)
    report = FuzzReport()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in MODES:
            label = f"{operation.label} [{mode.value}]"
            try:
                _run(operation, mode, label, report, base_url, headers, max_examples)
            except Unsatisfiable:  # no parameters to make invalid: no negative case exists
                if report.cases[label] or mode is not GenerationMode.NEGATIVE:
                    raise
            except (Exception, BaseExceptionGroup) as err:  # keep going: report every operation
                lines = str(err).strip().splitlines()
                report.failures.append(f"{label}: {' | '.join(lines[:12])}")
    return report


def _run(
    operation: schemathesis.APIOperation,
    mode: GenerationMode,
    label: str,
    report: FuzzReport,
    base_url: str,
    headers: dict[str, str],
    max_examples: int,
) -> None:
    report.cases[label] = 0

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        report.cases[label] += 1
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    run()
