"""Career at the size of a province: the candidates for a position ranked over 200,000
employees, and the nine-box after a standard change touching only that position's
employees.

    uv run python -m bench.career [--employees 200000] [--requests 40]

1. The career service is bootstrapped in this process on a fresh PostgreSQL database.
   Its read models (the roster, the standards of every position, nine current levels per
   employee) and its own records (an SKP rating and a nine-box placement per employee,
   placed by the domain's rule) are written by COPY: what the events would have built,
   without timing the ingestion (bench.pipeline measures that path).
2. ``GET /positions/{administrator}/candidates`` as a province admin (every pengawas of
   the province is a candidate: ~12 % of the employees) and as the operator of one
   agency, through the ASGI app (routing, the token, the query, ranking and the JSON
   page): p50, p95 and max over ``--requests`` requests. Target p95 <= 1 s.
3. A new standard of one pengawas position (M.05 one level up), handled as the consumer
   handles it (one transaction, the batch hooks), with the administrator position above
   it marked critical (its pool is refreshed in the same transaction): which employees
   were placed again, which placements changed, and whether anyone outside that
   position was touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bangkom.career.adapters.tables import (
    EmployeeRow,
    LevelMapRow,
    LevelRow,
    PlacementHistoryRow,
    PlacementRow,
    PositionRow,
    RatingRow,
)
from bangkom.career.bootstrap import bootstrap
from bangkom.career.config import CareerSettings
from bangkom.career.domain.performance import Rating, SkpPredicate
from bangkom.career.domain.potential import PotentialRule
from bangkom.career.domain.talent import place
from bangkom.platform.auth import Role
from bangkom.platform.catalog import StandardPublished
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.db.bulk import insert_rows
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from bench import province
from bench.common import write_results
from tests.apps import asgi_client, bearer
from tests.infra import fresh_database

# The framework's default level of M.01-M.08 and SK.01 per position type (framework-v1).
DEFAULTS = {
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
    "fungsional_ahli_madya": 3,
    "fungsional_ahli_muda": 2,
    "fungsional_ahli_pertama": 1,
    "fungsional_penyelia": 2,
    "fungsional_mahir": 1,
    "fungsional_terampil": 1,
}
PREDICATES = [
    (SkpPredicate.SANGAT_BAIK, 15),
    (SkpPredicate.BAIK, 70),
    (SkpPredicate.BUTUH_PERBAIKAN, 10),
    (SkpPredicate.KURANG, 4),
    (SkpPredicate.SANGAT_KURANG, 1),
]
CHUNK = 20_000
SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def _requirements(level: int) -> list[dict[str, Any]]:
    return [
        {"competency_code": c, "competency_name": c, "required_level": level}
        for c in province.MANAGERIAL
    ]


async def _insert(service: Service, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        async with service.uow_factory() as uow:
            await insert_rows(uow.session, table, rows[start : start + CHUNK])  # type: ignore[attr-defined]
            await uow.commit()


async def load(service: Service, employees: int) -> dict[str, Any]:
    started = time.perf_counter()
    agencies = [code for code, _, kind, _ in province.agencies(8) if kind == "agency"]
    positions = province.positions(agencies)
    types = {code: kind for code, _, kind in positions}
    people = list(province.employees(employees, agencies))
    rng = random.Random(5)
    await _insert(
        service,
        PositionRow,
        [
            {
                "code": code,
                "name": f"Jabatan {kind}",
                "agency_code": agency,
                "position_type": kind,
                "version": 1,
                "requirements": _requirements(DEFAULTS[kind]),
                "published_at": SINCE,
            }
            for code, agency, kind in positions
        ],
    )
    employee_rows: list[dict[str, Any]] = []
    level_rows: list[dict[str, Any]] = []
    level_maps: list[dict[str, Any]] = []
    rating_rows: list[dict[str, Any]] = []
    placement_rows: list[dict[str, Any]] = []
    rule = PotentialRule()
    for person in people:
        levels = {c: rng.randrange(1, 6) for c in province.MANAGERIAL}
        predicate = rng.choices([p for p, _ in PREDICATES], [w for _, w in PREDICATES])[0]
        rating = Rating(person.nip, 2025, predicate, SINCE)
        placement = place(
            nip=person.nip,
            agency_code=person.agency_code,
            position_code=person.position_code,
            standard=dict.fromkeys(province.MANAGERIAL, DEFAULTS[types[person.position_code]]),
            levels=levels,
            rating=rating,
            assessment=None,
            rule=rule,
            at=SINCE,
        )
        employee_rows.append(
            {
                "nip": person.nip,
                "name": person.name,
                "agency_code": person.agency_code,
                "position_code": person.position_code,
                "supervisor_nip": None,
                "active": True,
                "changed_at": SINCE,
                "in_position_since": SINCE,
            }
        )
        level_rows.extend(
            {
                "nip": person.nip,
                "competency_code": code,
                "level": level,
                "evaluated_at": SINCE,
                "result_id": f"{person.nip}-{code}",
                "period": 2020,
                "method_rank": 6,
            }
            for code, level in levels.items()
        )
        level_maps.append({"nip": person.nip, "levels": levels})
        rating_rows.append(
            {
                "nip": person.nip,
                "year": 2025,
                "agency_code": person.agency_code,
                "predicate": predicate.value,
                "rated_at": SINCE,
            }
        )
        values = {
            "nip": person.nip,
            "agency_code": person.agency_code,
            "position_code": person.position_code,
            "performance": placement.performance.value if placement.performance else None,
            "potential": placement.potential.value if placement.potential else None,
            "potential_score": placement.potential_score,
            "box": placement.box,
            "placed_at": SINCE,
        }
        placement_rows.append(values)
    for table, rows in (
        (EmployeeRow, employee_rows),
        (LevelRow, level_rows),
        (LevelMapRow, level_maps),
        (RatingRow, rating_rows),
        (PlacementRow, placement_rows),
        (PlacementHistoryRow, placement_rows),
    ):
        await _insert(service, table, rows)
    async with service.database.engine.begin() as connection:
        await connection.exec_driver_sql("ANALYZE")
    by_position: dict[str, list[str]] = {}
    for person in people:
        by_position.setdefault(person.position_code, []).append(person.nip)
    return {
        "agencies": len(agencies),
        "positions": len(positions),
        "levels": len(level_rows),
        "by_position": by_position,
        "types": types,
        "load_seconds": time.perf_counter() - started,
    }


async def rank(
    service: Service, target: str, headers: dict[str, str], requests: int
) -> dict[str, Any]:
    timings: list[float] = []
    total = 0
    async with asgi_client(service) as client:
        for _ in range(requests + 2):
            started = time.perf_counter()
            answer = await client.get(f"/positions/{target}/candidates", headers=headers)
            timings.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise RuntimeError(f"candidates: {answer.status_code} {answer.text}")
            total = answer.json()["total"]
    timings = sorted(timings[2:])  # the first two warm the caches
    return {
        "candidates": total,
        "requests": requests,
        "p50_s": statistics.median(timings),
        "p95_s": timings[max(0, round(0.95 * len(timings)) - 1)],
        "max_s": timings[-1],
    }


async def standard_change(
    service: Service, loaded: dict[str, Any], position: str
) -> dict[str, Any]:
    """A new version of one position's standard, handled as the consumer handles it."""
    event = StandardPublished(
        position_code=position,
        position_name="Jabatan pengawas",
        position_type="pengawas",
        agency_code=position.rsplit("-", 1)[0],
        version=2,
        levels=[
            StandardLevel(
                competency_code=c,
                competency_name=c,
                required_level=DEFAULTS["pengawas"] + (1 if c == "M.05" else 0),
            )
            for c in province.MANAGERIAL
        ],
        published_at=datetime.now(UTC) - timedelta(seconds=1),
    )
    async with service.database.engine.connect() as connection:
        history_before = await connection.scalar(
            select(func.count()).select_from(PlacementHistoryRow)
        )
    hooks = service.batch_hooks
    assert hooks is not None
    assert hooks.before is not None
    assert hooks.after is not None
    started = time.perf_counter()
    async with service.uow_factory() as uow:
        await hooks.before(uow, [event])
        for handler in service.event_handlers[StandardPublished]:
            await handler(event, uow)
        placed_again = set(uow.due.nips)  # type: ignore[attr-defined]
        await hooks.after(uow)
        await uow.commit()
    seconds = time.perf_counter() - started
    async with service.database.engine.connect() as connection:
        history_after = await connection.scalar(
            select(func.count()).select_from(PlacementHistoryRow)
        )
        moved = [
            row[0]
            for row in await connection.execute(
                select(outbox.c.key).where(outbox.c.type.like("%talent-placement.changed%"))
            )
        ]
    in_position = set(loaded["by_position"][position])
    return {
        "position": position,
        "employees_in_position": len(in_position),
        "placed_again": len(placed_again),
        "placed_again_outside_position": len(placed_again - in_position),
        "placements_changed": len(moved),
        "changed_outside_position": len(set(moved) - in_position),
        "history_rows_added": (history_after or 0) - (history_before or 0),
        "seconds": seconds,
    }


async def run(employees: int, requests: int) -> None:
    async with fresh_database("bench_career") as url:
        workdir = Path(tempfile.mkdtemp(prefix="bench-career-"))
        service = bootstrap(CareerSettings(database_url=url, auth_dev_key_file=workdir / "dev.pem"))
        await service.prepare()
        try:
            loaded = await load(service, employees)
            print(f"loaded {employees:,} employees in {loaded['load_seconds']:.0f} s")
            agency = f"{province.CITIES[2]}.BKPSDM"
            target = f"{agency}-ADMINISTRATOR"
            admin = await rank(service, target, bearer(service, Role.PROVINCE_ADMIN), requests)
            operator = await rank(
                service,
                target,
                bearer(service, Role.AGENCY_OPERATOR, agencies=[agency]),
                requests,
            )
            # A critical position above the changed one: its pool is refreshed too.
            async with asgi_client(service) as client:
                marked = await client.put(
                    f"/succession/{target}", headers=bearer(service, Role.PROVINCE_ADMIN), json={}
                )
                if marked.status_code != 200:
                    raise RuntimeError(f"mark critical: {marked.text}")
            changed = await standard_change(service, loaded, f"{agency}-PENGAWAS")
        finally:
            await service.database.dispose()
    figures = {
        "employees": employees,
        "positions": loaded["positions"],
        "competency_levels": loaded["levels"],
        "candidates_province_admin": admin,
        "candidates_agency_operator": operator,
        "standard_change": changed,
    }
    only_affected = (
        changed["placed_again"] == changed["employees_in_position"]
        and changed["placed_again_outside_position"] == 0
        and changed["changed_outside_position"] == 0
        and changed["history_rows_added"] == changed["placements_changed"]
    )
    table = [
        (
            "province",
            f"{employees:,} employees, {loaded['positions']:,} positions, "
            f"{loaded['levels']:,} current levels",
            "",
        ),
        (
            "candidates for an administrator position, province admin",
            f"{admin['candidates']:,} ranked; p50 {admin['p50_s'] * 1000:.0f} ms, "
            f"p95 {admin['p95_s'] * 1000:.0f} ms, max {admin['max_s'] * 1000:.0f} ms "
            f"({admin['requests']} requests)",
            "p95 <= 1 s",
        ),
        (
            "the same, operator of one agency",
            f"{operator['candidates']:,} ranked; p50 {operator['p50_s'] * 1000:.0f} ms, "
            f"p95 {operator['p95_s'] * 1000:.0f} ms",
            "",
        ),
        (
            "standard change of one pengawas position (M.05 2 -> 3)",
            f"{changed['employees_in_position']} employees in it; {changed['placed_again']} "
            f"placed again, {changed['placements_changed']} boxes or potentials changed, "
            f"in {changed['seconds'] * 1000:.0f} ms (with the pools of critical positions)",
            "",
        ),
        (
            "employees outside that position placed again / changed",
            f"{changed['placed_again_outside_position']} / {changed['changed_outside_position']}",
            "0 / 0",
        ),
        ("only the affected employees", "yes" if only_affected else "NO", "yes"),
        (
            "load average of the (shared, 2-core) machine after the run",
            " / ".join(f"{v:.1f}" for v in os.getloadavg()),
            "",
        ),
    ]
    write_results("career", figures, table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=40)
    options = parser.parse_args()
    asyncio.run(run(options.employees, options.requests))


if __name__ == "__main__":
    main()
