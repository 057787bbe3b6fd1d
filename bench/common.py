"""What every benchmark shares: a fresh PostgreSQL database, timing, and the results file."""

from __future__ import annotations

import json
import os
import platform
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES = os.environ.get(
    "BANGKOM_BENCH_POSTGRES", "postgresql+asyncpg://bangkom:bangkom@127.0.0.1:55432/postgres"
)
KAFKA = os.environ.get("BANGKOM_BENCH_KAFKA", "127.0.0.1:9092")
RESULTS = Path(__file__).parent / "results"


@asynccontextmanager
async def fresh_database(prefix: str) -> AsyncIterator[str]:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_results(name: str, figures: dict[str, Any], table: list[tuple[str, str, str]]) -> Path:
    """Figures as JSON and a Markdown table (measure | value | target) in bench/results/."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(
        json.dumps({"machine": machine(), **figures}, indent=2) + "\n"
    )
    lines = ["| measure | value | target |", "|---|---|---|"]
    lines += [f"| {m} | {v} | {t} |" for m, v, t in table]
    target = RESULTS / f"{name}.md"
    target.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return target
