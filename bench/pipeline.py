"""End to end: evaluation results in through the public API -> gaps and proposals out on
Kafka, against the ceiling of plain aiokafka measured in the same run.

    uv run python -m bench.pipeline --employees 5000 [--latency-employees 1500] [--profile]

1. evaluation, training and recommendation run as processes on fresh PostgreSQL
   databases (tests.processes.running_system). A city is loaded through the APIs:
   agencies and positions (PUT), the catalog (training PUT /courses), the roster
   (POST /imports/roster); we wait until recommendation has published every
   employee's first gaps.
2. Ceiling: bench.ceiling with as many ResultRecorded events as the results below.
3. Sustained: one results file (9 competencies per employee) through POST
   /imports/results; from the upload until every employee's final GapsRecalculated
   (all nine levels known) and all their ProposalCreated are on Kafka (times from
   the records' timestamps). The catalog makes every open gap end in exactly one
   proposal, so the expected count is known. Results/s as a ratio to the ceiling.
4. Latency: the results of the employees kept out of step 3 (the last
   --latency-employees of the roster), drawn as in step 3, sent through the public API
   open loop at half the sustained rate: the same work at half the rate. (Results
   chosen to open a gap each would make a proposal per result where one in eleven does
   in step 3: several times its work at "half" its rate.) As in step 3 an employee's
   nine competencies come one after the other (one assessment sitting). Every TICK the
   results that have come due go out together in one POST /results/batch (the API's
   bulk form; a single POST /results each cannot be served at these rates by one
   process on two cores). A sample is a result whose gap stays open: its latency runs
   from its intended send time (not its batch's) to the arrival of the ProposalCreated
   for its competency at a consumer of the proposals topic: p50, p95, p99. The phase
   ends when every employee's final gaps and all their proposals are on Kafka.

With --profile, py-spy records evaluation and recommendation during steps 3 and 4.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bangkom.platform.catalog import ProposalCreated, ResultsRecorded
from bench import ceiling, province
from bench.common import write_results
from bench.harness import (
    COMPETENCIES,
    GAPS,
    PROPOSALS,
    RESULTS_TOPIC,
    Bench,
    Outcome,
    Profiler,
    Record,
    Roster,
    TopicWatcher,
    data_of,
    event_type,
    import_file,
    ms,
    percentile,
    prepare,
    results_csv,
    services,
    until,
)

SERVICES = ("evaluation", "training", "recommendation")
TICK_S = 0.02  # latency phase: results due within a tick go out together
PER_PERSON = len(COMPETENCIES)  # one result per framework competency


async def sustained(
    bench: Bench, rows: list[tuple[str, ...]], profiler: Profiler, deadline_s: float
) -> dict[str, Any]:
    expected: dict[str, set[str]] = {}
    for nip, competency, *_ in rows:
        expected.setdefault(nip, set()).add(competency)
    outcome = Outcome(bench.topic(GAPS), expected)
    content = results_csv(rows)
    watched = [bench.topic(GAPS), bench.topic(PROPOSALS)]
    pids = {name: bench.pid(name) for name in ("evaluation", "recommendation")}
    async with TopicWatcher(watched, outcome.on_record), profiler.record("sustained", pids):
        started_ms = time.time() * 1000
        job = await import_file(bench, "results", "results.csv", content)
        imported_s = time.time() - started_ms / 1000
        print(f"  import job done after {imported_s:.1f} s: {job['rows_stored']:,} stored")
        await until(
            outcome.done,
            deadline_s=deadline_s,
            what="gaps and proposals",
            progress=outcome.progress,
        )
    seconds = (outcome.last_ms - started_ms) / 1000
    if outcome.proposals_missing:
        print(f"  WARNING: {outcome.proposals_missing} proposals never came (nothing for 10 s)")
    return {
        "results": len(rows),
        "employees": len(expected),
        "csv_bytes": len(content),
        "seconds": seconds,
        "results_per_s": len(rows) / seconds,
        "import_job_seconds": imported_s,
        "first_event_after_s": (outcome.first_ms - started_ms) / 1000,
        "gaps_events": outcome.gaps_events,
        "proposals": outcome.proposals.total(),
        "open_gaps": sum(outcome.open_gaps.values()),
        "proposals_missing": outcome.proposals_missing,
    }


async def latency(
    bench: Bench,
    people: list[province.Employee],
    rate: float,
    profiler: Profiler,
    deadline_s: float,
) -> dict[str, Any]:
    """Open loop: result i is due at start + i / rate, whatever happened before it."""
    plan = list(province.results(people, PER_PERSON))
    due_index = {(nip, competency): i for i, (nip, competency, *_) in enumerate(plan)}
    expected: dict[str, set[str]] = {}
    for nip, competency, *_ in plan:
        expected.setdefault(nip, set()).add(competency)
    outcome = Outcome(bench.topic(GAPS), expected)
    arrivals: dict[tuple[str, str], tuple[float, int]] = {}
    recorded: dict[tuple[str, str], float] = {}  # the first hop: ResultsRecorded on Kafka

    def on_record(record: Record, received: float) -> None:
        outcome.on_record(record, received)
        kind = event_type(record)
        if kind == ResultsRecorded.TYPE:
            data = data_of(record)
            for result in data["results"]:
                recorded.setdefault((data["nip"], result["competency_code"]), received)
        elif kind == ProposalCreated.TYPE:
            data = data_of(record)
            key = (data["nip"], data["competency_code"])
            if key in due_index:
                arrivals.setdefault(key, (received, record.timestamp))

    http_seconds: list[float] = []
    failures: Counter[str] = Counter()

    async def post(http: Any, due: list[tuple[str, ...]]) -> None:
        sent = time.monotonic()
        response = await http.post(
            "/results/batch",
            json={
                "results": [
                    {
                        "nip": nip,
                        "competency_code": competency,
                        "level": int(level),
                        "method": method,
                        "evaluated_at": f"{evaluated_on}T09:00:00+07:00",
                    }
                    for nip, competency, level, method, evaluated_on in due
                ]
            },
        )
        http_seconds.append(time.monotonic() - sent)
        if response.status_code != 200 or response.json()["refused"]:
            failures[f"{response.status_code} {response.text[:200]}"] += 1

    watched = [bench.topic(GAPS), bench.topic(PROPOSALS), bench.topic(RESULTS_TOPIC)]
    pids = {name: bench.pid(name) for name in ("evaluation", "recommendation")}
    async with (
        TopicWatcher(watched, on_record),
        bench.client("evaluation") as http,
        profiler.record("latency", pids),
    ):
        start = time.monotonic() + 0.2
        start_wall = time.time() + 0.2
        tasks = []
        lag = 0.0
        index = 0
        while index < len(plan):
            # Wake at the next tick, or when the next result falls due if that is later;
            # then send every result whose time has come (none is sent early).
            first_due = start + index / rate
            wake = max(first_due, time.monotonic() + TICK_S)
            await asyncio.sleep(max(wake - time.monotonic(), 0))
            now = time.monotonic() - start
            lag = max(lag, now - index / rate - TICK_S)
            batch_end = index
            while batch_end < len(plan) and batch_end / rate <= now:
                batch_end += 1
            tasks.append(asyncio.create_task(post(http, plan[index:batch_end])))
            index = batch_end
        sent_s = time.monotonic() - start
        await asyncio.gather(*tasks)
        try:
            await until(
                outcome.done,
                deadline_s=deadline_s,
                what="every employee's final gaps and proposals",
                progress=outcome.progress,
            )
        except RuntimeError as exc:
            print(f"  WARNING: {exc}")
    latencies, broker, first_hop = [], [], []
    for key, (received, timestamp_ms) in arrivals.items():
        due = due_index[key] / rate
        latencies.append(received - (start + due))
        broker.append(timestamp_ms / 1000 - (start_wall + due))
    for key, received in recorded.items():
        if key in due_index:
            first_hop.append(received - (start + due_index[key] / rate))
    if failures:
        print(f"  WARNING: failed POST /results: {dict(failures)}")
    return {
        "results": len(plan),
        "employees": len(people),
        "samples": len(latencies),
        "rate_per_s": rate,
        "achieved_rate_per_s": (len(plan) - 1) / sent_s if sent_s > 0 else math.nan,
        "seconds": sent_s,
        "max_send_lag_s": lag,
        "missing": outcome.proposals_missing + len(expected) - len(outcome.final_ms),
        "failed_posts": sum(failures.values()),
        "p50_s": percentile(latencies, 50),
        "p95_s": percentile(latencies, 95),
        "p99_s": percentile(latencies, 99),
        "max_s": max(latencies, default=math.nan),
        "record_timestamp_p50_s": percentile(broker, 50),
        "record_timestamp_p99_s": percentile(broker, 99),
        "results_on_kafka_p50_s": percentile(first_hop, 50),
        "results_on_kafka_p99_s": percentile(first_hop, 99),
        "http_p50_s": percentile(http_seconds, 50),
        "http_p99_s": percentile(http_seconds, 99),
    }


def split(
    roster: Roster, latency_employees: int
) -> tuple[list[province.Employee], list[province.Employee]]:
    """(for the sustained phase, for the latency phase): the last ``latency_employees``
    of the roster are kept out of the sustained phase."""
    if not 0 < latency_employees < len(roster.people):
        raise SystemExit(f"{latency_employees} latency employees of {len(roster.people)}")
    cut = len(roster.people) - latency_employees
    return roster.people[:cut], roster.people[cut:]


async def measure(
    bench: Bench,
    roster: Roster,
    latency_employees: int,
    profiler: Profiler,
    latency_rate: float | None = None,
    deadline_s: float = 1800,
) -> dict[str, Any]:
    """Ceiling, sustained and latency on a system whose roster (without results) and
    catalog are loaded; writes ceiling and pipeline into bench/results/."""
    bulk_people, latency_people = split(roster, latency_employees)
    rows = list(province.results(bulk_people, PER_PERSON))
    print(
        f"pipeline: {len(roster.people):,} employees ({len(bulk_people):,} bulk, "
        f"{len(latency_people):,} for latency), {len(rows):,} results; "
        f"ceiling with as many events"
    )
    top = await ceiling.measure(len(rows))
    print(f"  ceiling {top['events_per_s']:,.0f} events/s; sustained phase")
    bulk = await sustained(bench, rows, profiler, deadline_s)
    rate = latency_rate or bulk["results_per_s"] / 2
    print(
        f"  sustained {bulk['results_per_s']:,.0f} results/s; "
        f"latency: {len(latency_people) * PER_PERSON:,} results at {rate:,.1f}/s"
    )
    one = await latency(bench, latency_people, rate, profiler, deadline_s)
    ratio = bulk["results_per_s"] / top["events_per_s"]
    write_results("ceiling", top, ceiling.table(top))
    figures = {
        "employees": len(roster.people),
        "positions": len(roster.positions),
        "ceiling": top,
        "sustained": bulk,
        "ratio_to_ceiling": ratio,
        "latency": one,
        **profiler.figures(),
    }
    write_results(
        "pipeline",
        figures,
        [
            (
                "roster",
                f"{len(roster.people):,} employees, {len(roster.positions):,} positions, "
                f"{len(roster.agencies)} agencies",
                "",
            ),
            ("ceiling (aiokafka produce -> consume)", f"{top['events_per_s']:,.0f} events/s", ""),
            (
                "sustained: results in -> gaps and proposals out",
                f"{bulk['results_per_s']:,.0f} results/s ({bulk['results']:,} results, "
                f"{bulk['seconds']:.1f} s; {bulk['gaps_events']:,} gaps, "
                f"{bulk['proposals']:,} proposals)",
                "",
            ),
            ("pipeline / ceiling", f"{ratio:.3f}", ">= 0.50"),
            (
                "one result -> its proposal, open loop",
                f"{one['results']:,} results at {one['rate_per_s']:,.1f}/s "
                f"(achieved {one['achieved_rate_per_s']:,.1f}/s, {one['seconds']:.1f} s); "
                f"{one['samples']:,} proposals timed, {one['missing']} missing",
                "half the sustained rate",
            ),
            ("latency p50", ms(one["p50_s"]), ""),
            ("latency p95", ms(one["p95_s"]), ""),
            ("latency p99", ms(one["p99_s"]), "<= 250 ms"),
            ("latency max", ms(one["max_s"]), ""),
            ("POST /results p50 / p99", f"{ms(one['http_p50_s'])} / {ms(one['http_p99_s'])}", ""),
            (
                "of the latency: until ResultsRecorded is on Kafka, p50 / p99",
                f"{ms(one['results_on_kafka_p50_s'])} / {ms(one['results_on_kafka_p99_s'])}",
                "",
            ),
            profiler.row("sustained"),
            profiler.row("latency"),
        ],
    )
    return figures


async def run(
    employees: int,
    cities: int,
    latency_employees: int,
    profile: bool,
    latency_rate: float | None = None,
    deadline_s: float = 1800,
) -> dict[str, Any]:
    roster = Roster(cities, employees)
    split(roster, latency_employees)  # fail before starting anything
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as scratch:
        async with services(Path(scratch), SERVICES) as bench:
            await prepare(bench, roster, catalog=True, deadline_s=deadline_s)
            return await measure(
                bench,
                roster,
                latency_employees,
                Profiler(profile, "pipeline"),
                latency_rate,
                deadline_s,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=5000, help="city size: 5,000")
    parser.add_argument("--cities", type=int, default=1)
    parser.add_argument(
        "--latency-employees", type=int, default=1500, help="kept for the latency phase"
    )
    parser.add_argument("--latency-rate", type=float, help="override half the sustained rate")
    parser.add_argument("--profile", action="store_true", help="py-spy the services")
    arguments = parser.parse_args()
    asyncio.run(
        run(
            arguments.employees,
            arguments.cities,
            arguments.latency_employees,
            arguments.profile,
            arguments.latency_rate,
        )
    )
