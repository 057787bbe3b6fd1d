"""Bulk import of assessment results against PostgreSQL COPY of the same rows.

    uv run python -m bench.import_bench --rows 1000000

Sets up a fresh database with a province's roster, writes the results file, then
times (1) COPY of those rows into a table shaped like assessment_result and
(2) `python -m bangkom.evaluation import results FILE` (the real import: parsing,
validation, employee and scope checks, results and their events in the outbox),
with the import process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.domain.agency import AgencyKind
from bangkom.evaluation.domain.framework import PositionType
from bangkom.evaluation.handlers import commands
from bangkom.platform.auth import Caller, Role
from bench import province
from bench.common import write_results
from tests.infra import fresh_database

SERVICE = Caller(subject="bench", roles=frozenset({Role.SERVICE}))


async def _roster(url: str, people: list[province.Employee], cities: int) -> None:
    """Agencies and positions through the service; employees by COPY (setup, not timed)."""
    service = bootstrap(EvaluationSettings(database_url=url, log_format="console"))
    await service.prepare()
    bus = service.app.state.bus
    agency_codes = []
    for code, name, kind, parent in province.agencies(cities):
        await bus.handle(commands.DefineAgency(SERVICE, code, name, AgencyKind(kind), parent))
        if kind == "agency":
            agency_codes.append(code)
    for code, agency, kind in province.positions(agency_codes):
        await bus.handle(
            commands.DefinePosition(SERVICE, code, code, agency, PositionType(kind), {}, {})
        )
    await service.database.dispose()


async def _copy_employees(url: str, people: list[province.Employee]) -> None:
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.copy_records_to_table(
            "employee",
            records=[
                (
                    p.nip,
                    p.name,
                    "PNS",
                    p.agency_code,
                    p.position_code,
                    None,
                    True,
                    datetime(2025, 1, 1, tzinfo=UTC),
                )
                for p in people
            ],
            columns=[
                "nip",
                "name",
                "employment_type",
                "agency_code",
                "position_code",
                "supervisor_nip",
                "active",
                "changed_at",
            ],
        )
    finally:
        await connection.close()


async def _copy_baseline(url: str, path: Path) -> float:
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(
            "CREATE TABLE copy_baseline (LIKE assessment_result INCLUDING ALL);"
            "ALTER TABLE copy_baseline ALTER COLUMN id SET DEFAULT gen_random_uuid()::text"
        )
        started = time.perf_counter()
        await connection.copy_to_table(
            "copy_baseline",
            source=path,
            columns=["nip", "competency_code", "level", "method", "evaluated_at"],
            format="csv",
            header=True,
        )
        return time.perf_counter() - started
    finally:
        await connection.close()


def _import(url: str, path: Path, profile: Path | None) -> tuple[float, int, str]:
    env = {
        **os.environ,
        "BANGKOM_EVALUATION_DATABASE_URL": url,
        "BANGKOM_EVALUATION_LOG_FORMAT": "console",
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    profiler = ["-m", "pyinstrument", "-r", "text", "-o", str(profile)] if profile else []
    finished = subprocess.run(
        [sys.executable, *profiler, "-m", "bangkom.evaluation", "import", "results", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if finished.returncode != 0:
        raise SystemExit(f"import failed: {finished.stdout}\n{finished.stderr[-3000:]}")
    return elapsed, max(peak_kib, before), finished.stdout.strip()


async def _count(url: str, table: str) -> int:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    async with engine.connect() as connection:
        value = await connection.scalar(text(f"SELECT count(*) FROM {table}"))
    await engine.dispose()
    return int(value or 0)


async def main(rows: int, per_person: int, cities: int, profile: Path | None) -> None:
    people = list(
        province.employees(
            max(rows // per_person, 1),
            [code for code, _, kind, _ in province.agencies(cities) if kind == "agency"],
        )
    )
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "results.csv"
        with path.open("w", newline="") as sink:
            writer = csv.writer(sink)
            writer.writerow(["nip", "competency_code", "level", "method", "evaluated_at"])
            written = 0
            for row in province.results(people, per_person):
                writer.writerow(row)
                written += 1
                if written >= rows:
                    break
        size_mib = path.stat().st_size / 2**20
        async with fresh_database("bench_import") as url:
            await _roster(url, people, cities)
            await _copy_employees(url, people)
            copy_s = await _copy_baseline(url, path)
            import_s, peak_kib, summary = _import(url, path, profile)
            stored = await _count(url, "assessment_result")
            events = await _count(url, "outbox")
    copy_rate, import_rate = written / copy_s, written / import_s
    ratio = import_rate / copy_rate
    print(f"{written:,} rows ({size_mib:.0f} MiB CSV), {len(people):,} employees; {summary}")
    write_results(
        "import",
        {
            "rows": written,
            "employees": len(people),
            "copy_seconds": copy_s,
            "import_seconds": import_s,
            "copy_rows_per_s": copy_rate,
            "import_rows_per_s": import_rate,
            "ratio_to_copy": ratio,
            "import_peak_rss_mib": peak_kib / 1024,
            "stored": stored,
            "events_in_outbox": events,
        },
        [
            ("rows imported", f"{written:,} ({stored:,} stored, {events:,} events)", ""),
            ("PostgreSQL COPY", f"{copy_rate:,.0f} rows/s ({copy_s:.1f} s)", "ceiling"),
            ("bangkom import", f"{import_rate:,.0f} rows/s ({import_s:.1f} s)", ""),
            ("import / COPY", f"{ratio:.2f}", ">= 0.50"),
            ("import peak memory", f"{peak_kib / 1024:.0f} MiB", "streams"),
        ],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--per-person", type=int, default=9)
    parser.add_argument("--cities", type=int, default=8)
    parser.add_argument("--profile", type=Path, help="Write a pyinstrument profile of the import")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rows, arguments.per_person, arguments.cities, arguments.profile))
