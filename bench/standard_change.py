"""A standard change: one position type's default required level goes up for a province
of employees; how long until recommendation has recalculated and published the changed
gaps, and proof that nobody else was recalculated.

    uv run python -m bench.standard_change --employees 200000 [--type pengawas]

1. evaluation and recommendation (and training, with --per-person) run as processes on
   fresh PostgreSQL databases. Agencies and positions of every type (cities x 15
   agencies x 10 types) go in through PUT, the roster through POST /imports/roster;
   we wait until recommendation has published every employee's first gaps. With
   --per-person N, N results per employee through POST /imports/results as well
   (and a catalog, so that the recalculation also proposes).
2. POST /framework/versions raises one competency of one position type by a level.
   Measured from that request until recommendation's GET /recalculations says
   nothing is pending and every employee of that type has a new GapsRecalculated
   (time to the last such record's timestamp).
3. Proof: GapsRecalculated counted per employee after the change (from the topic's
   end offsets taken just before it): employees of other types must have none, every
   employee of the type exactly one, carrying the new required level. StandardPublished
   counted per position: only the positions of that type get a new version.

With --profile, py-spy records evaluation and recommendation during step 2.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import province
from bench.common import write_results
from bench.harness import (
    GAPS,
    PROPOSALS,
    STANDARDS,
    Bench,
    Outcome,
    Profiler,
    Record,
    Roster,
    TopicWatcher,
    data_of,
    import_file,
    pending_recalculations,
    prepare,
    results_csv,
    services,
    until,
)


async def _results(bench: Bench, roster: Roster, per_person: int, deadline_s: float) -> None:
    """N results per employee through the bulk import; wait until all are recalculated."""
    rows = list(province.results(roster.people, per_person))
    expected: dict[str, set[str]] = {}
    for nip, competency, *_ in rows:
        expected.setdefault(nip, set()).add(competency)
    outcome = Outcome(bench.topic(GAPS), expected)
    started = time.perf_counter()
    watched = [bench.topic(GAPS), bench.topic(PROPOSALS)]
    async with TopicWatcher(watched, outcome.on_record):
        await import_file(bench, "results", "results.csv", results_csv(rows))
        await until(
            outcome.done,
            deadline_s=deadline_s,
            what="results recalculated",
            progress=outcome.progress,
        )
    print(f"  {len(rows):,} results recalculated in {time.perf_counter() - started:.1f} s")


async def change(
    bench: Bench,
    roster: Roster,
    position_type: str,
    competency: str,
    profiler: Profiler,
    deadline_s: float,
    settle_s: float = 3.0,
) -> dict[str, Any]:
    affected = {p.nip for p in roster.people if roster.type_of(p) == position_type}
    positions = {code for code, _, kind in roster.positions if kind == position_type}
    async with bench.client("evaluation") as evaluation:
        current = (await evaluation.get("/framework")).json()
    defaults = dict(current["position_type_defaults"][position_type])
    before = defaults[competency]
    if before >= 5:
        raise SystemExit(f"{competency} of {position_type} is at level 5 already")
    defaults[competency] = before + 1

    gaps_per_nip: Counter[str] = Counter()
    with_new_level: set[str] = set()
    standards_per_position: Counter[str] = Counter()
    last_ms = 0
    gaps_topic = bench.topic(GAPS)

    def on_record(record: Record, _received: float) -> None:
        nonlocal last_ms
        key = (record.key or b"").decode()
        if record.topic != gaps_topic:
            standards_per_position[key] += 1
            return
        gaps_per_nip[key] += 1
        last_ms = max(last_ms, record.timestamp)
        for gap in data_of(record)["gaps"]:
            if gap["competency_code"] == competency and gap["required_level"] == before + 1:
                with_new_level.add(key)

    peak_pending = 0
    complete = True
    pids = {name: bench.pid(name) for name in ("evaluation", "recommendation")}
    async with (
        TopicWatcher([gaps_topic, bench.topic(STANDARDS)], on_record),
        profiler.record("change", pids),
    ):
        started = time.time()
        async with bench.client("evaluation") as evaluation:
            response = await evaluation.post(
                "/framework/versions",
                json={
                    "note": f"bench: {competency} of {position_type} {before} -> {before + 1}",
                    "position_type_defaults": {position_type: defaults},
                },
            )
            if response.status_code != 201:
                raise RuntimeError(f"POST /framework/versions: {response.text}")
        published_s = time.time() - started
        pending_zero_s = float("nan")
        give_up = time.monotonic() + deadline_s
        last_print = time.monotonic()
        while True:
            pending = await pending_recalculations(bench)
            peak_pending = max(peak_pending, pending)
            if pending == 0 and affected <= set(gaps_per_nip):
                pending_zero_s = time.time() - started
                break
            if time.monotonic() > give_up:
                complete = False
                print(f"  WARNING: not done within {deadline_s:.0f} s")
                break
            if time.monotonic() - last_print > 10:
                last_print = time.monotonic()
                print(
                    f"    ... {pending:,} pending, {len(affected & set(gaps_per_nip)):,}/"
                    f"{len(affected):,} recalculated after {time.time() - started:.0f} s"
                )
            await asyncio.sleep(0.2)
        await asyncio.sleep(settle_s)  # anything recalculated by mistake shows up too
    recalculated = set(gaps_per_nip)
    seconds = (last_ms / 1000 - started) if last_ms else float("nan")
    return {
        "position_type": position_type,
        "competency": competency,
        "level_before": before,
        "level_after": before + 1,
        "complete": complete,
        "framework_post_seconds": published_s,
        "seconds": seconds,
        "pending_zero_seen_after_s": pending_zero_s,
        "employees_per_s": len(affected) / seconds if seconds == seconds else float("nan"),
        "peak_pending_seen": peak_pending,
        "employees_of_type": len(affected),
        "gaps_events": sum(gaps_per_nip.values()),
        "employees_recalculated": len(recalculated),
        "affected_recalculated": len(affected & recalculated),
        "affected_missing": len(affected - recalculated),
        "affected_with_new_level": len(affected & with_new_level),
        "untouched_recalculated": len(recalculated - affected),
        "recalculated_more_than_once": sum(1 for n in gaps_per_nip.values() if n > 1),
        "positions_of_type": len(positions),
        "positions_restandardised": len(set(standards_per_position) & positions),
        "other_positions_restandardised": len(set(standards_per_position) - positions),
    }


def only_affected(figures: dict[str, Any]) -> bool:
    return bool(
        figures["complete"]
        and figures["untouched_recalculated"] == 0
        and figures["affected_missing"] == 0
        and figures["recalculated_more_than_once"] == 0
        and figures["affected_with_new_level"] == figures["employees_of_type"]
        and figures["other_positions_restandardised"] == 0
    )


async def measure(
    bench: Bench,
    roster: Roster,
    position_type: str,
    competency: str,
    profiler: Profiler,
    *,
    state: str,
    deadline_s: float = 6 * 3600,
    setup_s: float | None = None,
) -> dict[str, Any]:
    """The change on a loaded system; ``state`` says what the employees have (results,
    proposals). Writes standard_change into bench/results/."""
    print(f"standard change: {competency} of {position_type}")
    figures = await change(bench, roster, position_type, competency, profiler, deadline_s)
    figures.update(
        employees=len(roster.people),
        positions=len(roster.positions),
        state=state,
        setup_seconds=setup_s,
        only_affected=only_affected(figures),
        **profiler.figures(),
    )
    f = figures
    write_results(
        "standard_change",
        figures,
        [
            (
                "province",
                f"{f['employees']:,} employees, {f['positions']:,} positions, {state}",
                "",
            ),
            (
                "change",
                f"{competency} of {position_type}: level {f['level_before']} -> "
                f"{f['level_after']} ({f['positions_of_type']} positions, "
                f"{f['employees_of_type']:,} employees)",
                "",
            ),
            (
                "time to recalculate and publish the changed gaps",
                f"{f['seconds']:.1f} s ({f['employees_per_s']:,.0f} employees/s)",
                "",
            ),
            (
                "employees of the type recalculated (new level)",
                f"{f['affected_recalculated']:,} ({f['affected_with_new_level']:,}) "
                f"of {f['employees_of_type']:,}",
                "all",
            ),
            ("employees of other types recalculated", f"{f['untouched_recalculated']:,}", "0"),
            ("employees recalculated more than once", f"{f['recalculated_more_than_once']:,}", "0"),
            (
                "positions re-standardised (other types)",
                f"{f['positions_restandardised']} of {f['positions_of_type']} "
                f"({f['other_positions_restandardised']})",
                "all (0)",
            ),
            ("only the affected employees", "yes" if f["only_affected"] else "NO", "yes"),
            profiler.row("change"),
        ],
    )
    return figures


async def run(
    employees: int,
    cities: int,
    position_type: str,
    competency: str,
    per_person: int,
    profile: bool,
    deadline_s: float = 6 * 3600,
) -> dict[str, Any]:
    roster = Roster(cities, employees)
    names: tuple[str, ...] = ("evaluation", "recommendation")
    if per_person:
        names = ("evaluation", "training", "recommendation")
    setup_started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-standard-") as scratch:
        async with services(Path(scratch), names) as bench:
            await prepare(bench, roster, catalog=bool(per_person), deadline_s=deadline_s)
            if per_person:
                await _results(bench, roster, per_person, deadline_s)
            return await measure(
                bench,
                roster,
                position_type,
                competency,
                Profiler(profile, "standard_change"),
                state=f"{per_person} results each" if per_person else "no results",
                deadline_s=deadline_s,
                setup_s=time.perf_counter() - setup_started,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=200_000)
    parser.add_argument("--cities", type=int, default=8, help="15 agencies x 10 positions each")
    parser.add_argument("--type", default="pengawas", help="position type to change")
    parser.add_argument("--competency", default="M.05")
    parser.add_argument("--per-person", type=int, default=0, help="results per employee")
    parser.add_argument("--profile", action="store_true", help="py-spy the services")
    arguments = parser.parse_args()
    asyncio.run(
        run(
            arguments.employees,
            arguments.cities,
            arguments.type,
            arguments.competency,
            arguments.per_person,
            arguments.profile,
        )
    )
