"""Schemathesis against a running service: every operation of its OpenAPI document,
with generated valid and invalid input and a province admin's token.

Used by tests/e2e/test_fuzz.py: short in CI (a fixed seed, a few cases an operation),
long under ``make fuzz`` (``BANGKOM_FUZZ_EXAMPLES``, at least 10,000 cases a service).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHECKS = (
    "not_a_server_error",
    "response_schema_conformance",
    "status_code_conformance",
    "negative_data_rejection",
    "ignored_auth",
)


@dataclass(frozen=True)
class FuzzRun:
    service: str
    cases: int
    failing_cases: int
    failures: list[dict[str, Any]]
    output: str

    def summary(self) -> str:
        return f"{self.service}: {self.cases} cases, {self.failing_cases} failing"


async def fuzz(
    service: str, url: str, token: str, *, max_examples: int, seed: int, workdir: Path
) -> FuzzRun:
    """Run schemathesis once against ``url`` (a service's base address)."""
    report = workdir / f"fuzz-{service}.json"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{url}/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--seed",
        str(seed),
        "--max-examples",
        str(max_examples),
        "--header",
        f"Authorization: Bearer {token}",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    done = await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, cwd=workdir, check=False
    )
    if not report.exists():
        raise AssertionError(f"schemathesis wrote no report: {done.stdout}{done.stderr}")
    outcome = json.loads(report.read_text())
    cases = outcome["test_cases"]
    return FuzzRun(
        service=service,
        cases=cases["generated"],
        failing_cases=cases["with_failures"] + cases["errored"],
        failures=outcome["failures"] + outcome["errors"],
        output=done.stdout[-20000:],
    )
