"""Peak memory of the 20 JP compliance report's writers (XLSX and CSV) for a large
agency tree, against a small one: the rows are read a page at a time and written as
they come, so the peak should not grow with the rows.

    uv run python -m bench.report_memory --rows 200000

Each format and size runs in a process of its own (peak RSS is per process): the
report's own code (the platform's paged, xlsx_file and csv_chunks) fed by a function
that makes each page of EmployeeCompliance as the database would return it. The
database read itself is not measured here.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator

from bangkom.platform.web import spreadsheets
from bangkom.training.domain.ledger import EmployeeCompliance
from bangkom.training.entrypoints.api.reports import COMPLIANCE, compliance_row
from bench.common import write_results


def _reader(total: int) -> spreadsheets.ReadPage[EmployeeCompliance]:
    async def read(offset: int, limit: int) -> list[EmployeeCompliance]:
        return [
            EmployeeCompliance(
                nip=f"19850714{n:010d}",
                name=f"Pegawai Nomor {n}",
                agency_code="12.73.BKPSDM",
                year=2027,
                jp=n % 40,
            )
            for n in range(offset, min(offset + limit, total))
        ]

    return read


async def _write(kind: str, total: int) -> int:
    employees = await spreadsheets.paged(_reader(total))
    rows = (compliance_row(e) async for e in employees)
    written = 0
    if kind == "xlsx":
        file = await spreadsheets.xlsx_file(COMPLIANCE, rows)
        for chunk in spreadsheets.file_chunks(file):
            written += len(chunk)
    else:
        chunks: AsyncIterator[bytes] = spreadsheets.csv_chunks(COMPLIANCE, rows)
        async for chunk in chunks:
            written += len(chunk)
    return written


def _child(kind: str, total: int) -> None:
    started = time.perf_counter()
    written = asyncio.run(_write(kind, total))
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{written} {seconds:.2f} {peak_mib:.1f}")


def _measure(kind: str, total: int) -> tuple[int, float, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.report_memory", "--child", kind, "--rows", str(total)],
        capture_output=True,
        text=True,
        check=True,
    )
    written, seconds, peak = done.stdout.split()
    return int(written), float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--child", choices=("xlsx", "csv"))
    arguments = parser.parse_args()
    if arguments.child:
        _child(arguments.child, arguments.rows)
        return
    small = max(arguments.rows // 10, 1)
    figures, table = {}, []
    for kind in ("xlsx", "csv"):
        written, seconds, peak = _measure(kind, arguments.rows)
        _, _, small_peak = _measure(kind, small)
        figures[kind] = {
            "rows": arguments.rows,
            "bytes": written,
            "seconds": seconds,
            "peak_mib": peak,
            f"peak_mib_at_{small}_rows": small_peak,
        }
        table += [
            (f"{kind}: {arguments.rows:,} rows", f"{seconds:.1f} s, {written / 2**20:.1f} MiB", ""),
            (
                f"{kind}: peak memory",
                f"{peak:.0f} MiB ({small:,} rows: {small_peak:.0f} MiB)",
                "does not grow with the rows",
            ),
        ]
    write_results("report_memory", figures, table)


if __name__ == "__main__":
    main()
