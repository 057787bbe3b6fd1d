"""Peak memory of the report writers (XLSX and CSV) for a large agency tree, against a
small one: the rows are read a page at a time and written as they come, so the peak
should not grow with the rows. Two reports: training's 20 JP compliance and
evaluation's roster with JPM (the largest: every employee of a province).

    uv run python -m bench.report_memory --rows 200000

Each report, format and size runs in a process of its own (peak RSS is per process):
the report's own code (the platform's paged, xlsx_file and csv_chunks, and for the
roster evaluation's roster_with_jpm query, which reads each page's results and computes
the JPM) fed by stores that make each page as the database would return it (the roster:
nine results an employee). The database read itself is not measured here.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from bangkom.evaluation.domain.framework import PositionType
from bangkom.evaluation.domain.model import AssessmentMethod, AssessmentResult, Employee, Position
from bangkom.evaluation.entrypoints.api.reports import ROSTER_PAGE_ROWS, ROSTER_TABLE, roster_row
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.evaluation.handlers.queries import RosterEntry, roster_with_jpm
from bangkom.kernel.nip import EmploymentType
from bangkom.platform.auth import Caller, Role
from bangkom.platform.web import spreadsheets
from bangkom.training.domain.ledger import EmployeeCompliance
from bangkom.training.entrypoints.api.reports import COMPLIANCE, compliance_row
from bench.common import write_results

REPORTS = ("compliance", "roster")
AGENCY = "12.73.BKPSDM"
STANDARD = {f"M.0{n}": 3 for n in range(1, 9)} | {"SK.01": 3}
WHEN = datetime(2027, 3, 1, tzinfo=UTC)


def _nip(n: int) -> str:
    return f"19850714{n:010d}"


def _compliance_reader(total: int) -> spreadsheets.ReadPage[EmployeeCompliance]:
    async def read(offset: int, limit: int) -> list[EmployeeCompliance]:
        return [
            EmployeeCompliance(
                nip=_nip(n),
                name=f"Pegawai Nomor {n}",
                agency_code=AGENCY,
                year=2027,
                jp=n % 40,
            )
            for n in range(offset, min(offset + limit, total))
        ]

    return read


class _Roster:
    """The three stores roster_with_jpm reads, making ``total`` employees on ten positions."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.employees, self.positions, self.results = self, self, self

    async def list(self, *, limit: int, offset: int, **_: Any) -> list[Employee]:
        return [
            Employee(
                nip=_nip(n),
                name=f"Pegawai Nomor {n}",
                employment_type=EmploymentType.PNS,
                agency_code=AGENCY,
                position_code=f"{AGENCY}-P{n % 10}",
                active=True,
                changed_at=WHEN,
            )
            for n in range(offset, min(offset + limit, self.total))
        ]

    async def of_codes(self, codes: Iterable[str]) -> dict[str, Position]:
        return {
            code: Position(
                code=code,
                name="Analis Kepegawaian",
                agency_code=AGENCY,
                position_type=PositionType.PELAKSANA,
                standard=STANDARD,
            )
            for code in codes
        }

    async def of_employees(self, nips: Iterable[str]) -> Sequence[AssessmentResult]:
        return [
            AssessmentResult(
                id=f"{nip}-{code}",
                nip=nip,
                competency_code=code,
                level=1 + (int(nip[-3:]) + index) % 5,
                method=AssessmentMethod.CAT,
                evaluated_at=WHEN,
                assessor="Tim penilai BKPSDM",
            )
            for nip in nips
            for index, code in enumerate(STANDARD)
        ]


def _roster_reader(total: int) -> spreadsheets.ReadPage[RosterEntry]:
    store = cast(EvaluationUnitOfWork, _Roster(total))
    admin = Caller(subject="bench", roles=frozenset({Role.PROVINCE_ADMIN}))

    async def read(offset: int, limit: int) -> list[RosterEntry]:
        return await roster_with_jpm(store, admin, active=None, limit=limit, offset=offset)

    return read


async def _rows(report: str, total: int) -> tuple[spreadsheets.Table, AsyncIterator[Any]]:
    if report == "roster":
        entries = await spreadsheets.paged(_roster_reader(total), ROSTER_PAGE_ROWS)
        return ROSTER_TABLE, (roster_row(e) async for e in entries)
    employees = await spreadsheets.paged(_compliance_reader(total))
    return COMPLIANCE, (compliance_row(e) async for e in employees)


async def _write(report: str, kind: str, total: int) -> int:
    table, rows = await _rows(report, total)
    written = 0
    if kind == "xlsx":
        file = await spreadsheets.xlsx_file(table, rows)
        for chunk in spreadsheets.file_chunks(file):
            written += len(chunk)
    else:
        async for chunk in spreadsheets.csv_chunks(table, rows):
            written += len(chunk)
    return written


def _child(report: str, kind: str, total: int) -> None:
    started = time.perf_counter()
    written = asyncio.run(_write(report, kind, total))
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{written} {seconds:.2f} {peak_mib:.1f}")


def _measure(report: str, kind: str, total: int) -> tuple[int, float, float]:
    child = ["--report", report, "--child", kind, "--rows", str(total)]
    done = subprocess.run(
        [sys.executable, "-m", "bench.report_memory", *child],
        capture_output=True,
        text=True,
        check=True,
    )
    written, seconds, peak = done.stdout.split()
    return int(written), float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--report", choices=REPORTS, default="compliance")
    parser.add_argument("--child", choices=("xlsx", "csv"))
    arguments = parser.parse_args()
    if arguments.child:
        _child(arguments.report, arguments.child, arguments.rows)
        return
    small = max(arguments.rows // 10, 1)
    figures: dict[str, Any] = {}
    table = []
    for report in REPORTS:
        for kind in ("xlsx", "csv"):
            written, seconds, peak = _measure(report, kind, arguments.rows)
            _, _, small_peak = _measure(report, kind, small)
            name = f"{report} {kind}"
            figures[name.replace(" ", "_")] = {
                "rows": arguments.rows,
                "bytes": written,
                "seconds": seconds,
                "peak_mib": peak,
                f"peak_mib_at_{small}_rows": small_peak,
            }
            table += [
                (
                    f"{name}: {arguments.rows:,} rows",
                    f"{seconds:.1f} s, {written / 2**20:.1f} MiB",
                    "",
                ),
                (
                    f"{name}: peak memory",
                    f"{peak:.0f} MiB ({small:,} rows: {small_peak:.0f} MiB)",
                    "does not grow with the rows",
                ),
            ]
    write_results("report_memory", figures, table)


if __name__ == "__main__":
    main()
