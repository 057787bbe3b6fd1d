"""Result -> proposal latency as a curve (issue 19): the rate one operator-facing
endpoint sustains, and the latency a person feels below it.

    uv run python -m bench.latency [--employees 20000] [--seconds 15] [--name latency]
                                   [--profile "single 50%"] [--compare latency-before]

evaluation, training and recommendation run as processes on PostgreSQL; a city's
roster and the catalog go in through the public APIs (bench.harness.prepare). Every
result sent is level 1 for a competency of an employee whose position asks level 2 or
more, never assessed before: each opens a gap that ends in exactly one ProposalCreated
(the catalog has a free e-learning course for every competency), so each result is one
sample. Latency runs from the HTTP request's start (its intended start in an open loop,
so a client falling behind is counted, not hidden) to the ProposalCreated for that
employee and competency arriving at a consumer of the proposals topic.

Phases, first with single results (one POST /results each, as an operator records
them), then with batches (POST /results/batch of 100):
1. maximum: a closed loop (--concurrency requests in flight) for --seconds; the
   sustained rate is the results sent divided by the time until the last of their
   proposals is on Kafka (proposals must follow, not just answers);
2. 10 %, 25 %, 50 % and 75 % of that rate, open loop for --seconds each (batch phases:
   --batch-results each; the batch maximum runs --batch-seconds);
3. single results only, idle: one result at a time, the next once its proposal is out
   (--idle times).
Each phase waits until all its proposals are out before the next starts, and reports
the CPU of every process during it. With --profile PHASE, py-spy records the three
services during that phase (its latency then includes py-spy's cost).
Table in bench/results/NAME.md and .json, plot in NAME.png; --compare NAME draws an
earlier run's curves beside this one's (before/after on the same machine).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bangkom.platform.catalog import ProposalCreated, ResultRecorded, ResultsRecorded
from bench.common import RESULTS, write_results
from bench.harness import (
    COMPETENCIES,
    DEFAULT_LEVEL,
    PROPOSALS,
    RESULTS_TOPIC,
    Bench,
    Profiler,
    Record,
    Roster,
    TopicWatcher,
    caught_up,
    data_of,
    event_type,
    ms,
    percentile,
    prepare,
    services,
)

SERVICES = ("evaluation", "training", "recommendation")
FRACTIONS = (0.10, 0.25, 0.50, 0.75)
BATCH = 100
RETRIES = 2
EVALUATED_AT = "2026-11-02T09:00:00+07:00"
Key = tuple[str, str]  # (nip, competency)


def fresh_keys(roster: Roster) -> Iterator[Key]:
    """Competency by competency over the employees whose standard is above level 1, so
    that results in a row are of different people (independent recalculations)."""
    above_one = [p for p in roster.people if DEFAULT_LEVEL[roster.type_of(p)] >= 2]
    for code in COMPETENCIES:
        for person in above_one:
            yield person.nip, code


def body(key: Key) -> dict[str, Any]:
    nip, competency = key
    return {
        "nip": nip,
        "competency_code": competency,
        "level": 1,
        "method": "assessment_center",
        "evaluated_at": EVALUATED_AT,
    }


@dataclass
class Tracker:
    """When each sample was sent, when its result reached Kafka and its proposal came."""

    sent: dict[Key, float] = field(default_factory=dict)
    recorded: dict[Key, float] = field(default_factory=dict)
    proposed: dict[Key, float] = field(default_factory=dict)
    waiters: dict[Key, asyncio.Future[None]] = field(default_factory=dict)
    http_seconds: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)

    def on_record(self, record: Record, received: float) -> None:
        kind = event_type(record)
        if kind == ProposalCreated.TYPE:
            data = data_of(record)
            key = (data["nip"], data["competency_code"])
            self.proposed.setdefault(key, received)
            waiter = self.waiters.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(None)
        elif kind == ResultRecorded.TYPE:
            data = data_of(record)
            self.recorded.setdefault((data["nip"], data["competency_code"]), received)
        elif kind == ResultsRecorded.TYPE:
            data = data_of(record)
            for result in data["results"]:
                self.recorded.setdefault((data["nip"], result["competency_code"]), received)

    def proposal_of(self, key: Key) -> asyncio.Future[None]:
        waiter = asyncio.get_running_loop().create_future()
        if key in self.proposed:
            waiter.set_result(None)
        else:
            self.waiters[key] = waiter
        return waiter

    async def post(self, http: httpx.AsyncClient, keys: list[Key], due: float) -> None:
        """One request: a single result, or a batch when there are several keys."""
        for key in keys:
            self.sent[key] = due
        started = time.monotonic()
        single = len(keys) == 1
        path, content = (
            ("/results", body(keys[0]))
            if single
            else ("/results/batch", {"results": [body(k) for k in keys]})
        )
        for attempt in range(RETRIES + 1):
            try:
                response = await http.post(path, json=content)
                break
            except httpx.TransportError as exc:
                # A kept-alive connection the server closed as it was reused: sent again
                # (the API answers a result sent twice with the one recorded).
                self.failures[f"{type(exc).__name__}, sent again"] += 1
                if attempt == RETRIES:
                    return
        self.http_seconds.append(time.monotonic() - started)
        # 200 for a single result: the same one recorded before (after a retry).
        ok = response.status_code in (200, 201) if single else response.status_code == 200
        if not ok or (not single and response.json()["refused"]):
            self.failures[f"{response.status_code} {response.text[:200]}"] += 1

    def figures(self, keys: list[Key]) -> dict[str, Any]:
        latencies = [self.proposed[k] - self.sent[k] for k in keys if k in self.proposed]
        first_hop = [self.recorded[k] - self.sent[k] for k in keys if k in self.recorded]
        return {
            "samples": len(latencies),
            "missing": len(keys) - len(latencies),
            "failed_requests": dict(self.failures),
            "p50_s": percentile(latencies, 50),
            "p95_s": percentile(latencies, 95),
            "p99_s": percentile(latencies, 99),
            "max_s": max(latencies, default=math.nan),
            "results_on_kafka_p50_s": percentile(first_hop, 50),
            "results_on_kafka_p99_s": percentile(first_hop, 99),
            "http_p50_s": percentile(self.http_seconds, 50),
            "http_p99_s": percentile(self.http_seconds, 99),
        }


class Keys:
    """Hands out never-used (employee, competency) pairs."""

    def __init__(self, roster: Roster) -> None:
        self._source = fresh_keys(roster)
        self.used = 0

    def take(self, count: int) -> list[Key]:
        taken = [key for _, key in zip(range(count), self._source, strict=False)]
        if len(taken) < count:
            raise SystemExit(f"out of fresh results after {self.used:,}: raise --employees")
        self.used += count
        return taken


async def until_proposed(tracker: Tracker, keys: list[Key], deadline_s: float) -> None:
    pending = [tracker.proposal_of(key) for key in keys]
    try:
        await asyncio.wait_for(asyncio.gather(*pending), deadline_s)
    except TimeoutError:
        missing = sum(key not in tracker.proposed for key in keys)
        print(f"    WARNING: {missing:,} proposals not out after {deadline_s:.0f} s")


async def closed_loop(
    tracker: Tracker,
    http: httpx.AsyncClient,
    keys: Keys,
    size: int,
    concurrency: int,
    seconds: float,
) -> None:
    """``concurrency`` requests in flight, each sent when one answered, for ``seconds``."""
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < stop_at:
            await tracker.post(http, keys.take(size), time.monotonic())

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def open_loop(
    tracker: Tracker, http: httpx.AsyncClient, groups: list[list[Key]], per_second: float
) -> float:
    """Request i starts at start + i / per_second whatever happened before; returns the
    largest delay of a start behind its schedule."""
    start = time.monotonic() + 0.05
    tasks, lag = [], 0.0
    for index, keys in enumerate(groups):
        due = start + index / per_second
        await asyncio.sleep(max(due - time.monotonic(), 0))
        lag = max(lag, time.monotonic() - due)
        tasks.append(asyncio.create_task(tracker.post(http, keys, due)))
    await asyncio.gather(*tasks)
    return lag


async def idle(tracker: Tracker, http: httpx.AsyncClient, keys: list[Key]) -> None:
    for key in keys:
        await tracker.post(http, [key], time.monotonic())
        await until_proposed(tracker, [key], 30)


@dataclass
class Run:
    bench: Bench
    keys: Keys
    profile_phase: str | None
    deadline_s: float
    cpu: Profiler = field(default_factory=lambda: Profiler(False, "latency"))
    phases: list[dict[str, Any]] = field(default_factory=list)

    async def phase(
        self,
        name: str,
        drive: Callable[[Tracker, httpx.AsyncClient], Awaitable[float | None]],
        offered_per_s: float | None,
    ) -> dict[str, Any]:
        await caught_up(self.bench)
        tracker = Tracker()
        pids = {name: self.bench.pid(name) for name in SERVICES}
        watched = [self.bench.topic(PROPOSALS), self.bench.topic(RESULTS_TOPIC)]
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(TopicWatcher(watched, tracker.on_record))
            http = await stack.enter_async_context(self.bench.client("evaluation"))
            if name == self.profile_phase:
                spy = Profiler(True, "latency")
                spied = dict(pids)
                await stack.enter_async_context(spy.record(name.replace(" ", "-"), spied))
            await stack.enter_async_context(self.cpu.record(name, pids))
            started = time.monotonic()
            lag = await drive(tracker, http)
            sent_s = time.monotonic() - started
            keys = list(tracker.sent)
            await until_proposed(tracker, keys, self.deadline_s)
        last = max((tracker.proposed[k] for k in keys if k in tracker.proposed), default=started)
        figures = {
            "phase": name,
            "results": len(keys),
            "offered_per_s": offered_per_s,
            "sent_per_s": len(keys) / sent_s,
            "sustained_per_s": len(keys) / (last - started),
            "max_start_lag_s": lag,
            **tracker.figures(keys),
            "cpu_cores": self.cpu.cpu[name],
        }
        if tracker.failures:
            print(f"    WARNING: failed requests: {dict(tracker.failures)}")
        print(
            f"  {name}: {len(keys):,} results, sustained {figures['sustained_per_s']:,.1f}/s; "
            f"p50 {ms(figures['p50_s'])}, p95 {ms(figures['p95_s'])}, "
            f"p99 {ms(figures['p99_s'])}; {figures['missing']} missing"
        )
        self.phases.append(figures)
        return figures

    async def curve(
        self, kind: str, size: int, concurrency: int, seconds: float, per_fraction: int | None
    ) -> None:
        """The maximum with a closed loop, then the fractions of it, open loop."""

        async def saturate(tracker: Tracker, http: httpx.AsyncClient) -> None:
            await closed_loop(tracker, http, self.keys, size, concurrency, seconds)

        top = await self.phase(f"{kind} max", saturate, None)
        for fraction in FRACTIONS:
            rate = top["sustained_per_s"] * fraction
            count = per_fraction or max(int(rate * seconds), 50)
            keys = self.keys.take(count // size * size)
            groups = [keys[i : i + size] for i in range(0, len(keys), size)]

            async def offer(
                tracker: Tracker,
                http: httpx.AsyncClient,
                groups: list[list[Key]] = groups,
                rate: float = rate,
            ) -> float:
                return await open_loop(tracker, http, groups, rate / size)

            await self.phase(f"{kind} {fraction:.0%}", offer, rate)


def table(run: dict[str, Any]) -> list[tuple[str, str, str]]:
    targets = {"single idle": "<= 250 ms", "single 25%": "<= 250 ms", "single 50%": "<= 500 ms"}
    rows = [
        (
            "roster",
            f"{run['employees']:,} employees; every result opens a gap (one proposal each)",
            "",
        )
    ]
    for phase in run["phases"]:
        offered = phase["offered_per_s"]
        load = f"offered {offered:,.1f}/s, " if offered else ""
        cpu = ", ".join(
            f"{n} {c:.2f} ({c / phase['sustained_per_s'] * 1000:.1f} ms)"
            for n, c in phase["cpu_cores"].items()
        )
        rows.append(
            (
                phase["phase"],
                f"{phase['results']:,} results, {load}sustained {phase['sustained_per_s']:,.1f}/s; "
                f"p50 {ms(phase['p50_s'])}, p95 {ms(phase['p95_s'])}, "
                f"p99 {ms(phase['p99_s'])}; on Kafka p99 {ms(phase['results_on_kafka_p99_s'])}, "
                f"HTTP p99 {ms(phase['http_p99_s'])}; {phase['missing']} missing; "
                + "".join(f"{n} {why}; " for why, n in phase["failed_requests"].items())
                + f"CPU in cores (ms of CPU per result): {cpu}",
                targets.get(phase["phase"], ""),
            )
        )
    return rows


def plot(run: dict[str, Any], name: str, compare: str | None) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [(name, run)]
    if compare:
        runs.insert(0, (compare, json.loads((RESULTS / f"{compare}.json").read_text())))
    figure, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for axis, kind in zip(axes, ("single", "batch"), strict=True):
        for label, found in runs:
            points = [
                p for p in found["phases"] if p["phase"].startswith(kind) and p["offered_per_s"]
            ]
            idle = [p for p in found["phases"] if p["phase"] == f"{kind} idle"]
            xs = [p["offered_per_s"] for p in points]
            for quantile, style in (("p50_s", ":"), ("p99_s", "-")):
                ys = [p[quantile] * 1000 for p in points]
                line = axis.plot(xs, ys, style, marker="o", label=f"{label} {quantile[:3]}")
                if idle:
                    colour = line[0].get_color()
                    axis.plot([0], [idle[0][quantile] * 1000], marker="s", color=colour)
        axis.set_title(f"{kind} results -> proposal")
        axis.set_xlabel("offered results/s (square: idle, one at a time)")
        axis.set_ylabel("latency (ms)")
        axis.grid(alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    target = RESULTS / f"{name}.png"
    figure.savefig(target, dpi=110)
    return target


async def run(arguments: argparse.Namespace) -> dict[str, Any]:
    roster = Roster(arguments.cities, arguments.employees)
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as scratch:
        async with services(Path(scratch), SERVICES) as bench:
            await prepare(bench, roster, catalog=True, deadline_s=arguments.deadline)
            measured = Run(bench, Keys(roster), arguments.profile, arguments.deadline)
            await measured.curve("single", 1, arguments.concurrency, arguments.seconds, None)
            keys = measured.keys.take(arguments.idle)

            async def one_by_one(tracker: Tracker, http: httpx.AsyncClient) -> None:
                await idle(tracker, http, keys)

            await measured.phase("single idle", one_by_one, None)
            if not arguments.single_only:
                await measured.curve(
                    "batch", BATCH, 2, arguments.batch_seconds, arguments.batch_results
                )
    figures = {"employees": len(roster.people), "phases": measured.phases}
    write_results(arguments.name, figures, table(figures))
    print(f"plot: {plot(figures, arguments.name, arguments.compare)}")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=20000)
    parser.add_argument("--cities", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=15, help="per phase of single results")
    parser.add_argument("--concurrency", type=int, default=16, help="closed loop, single")
    parser.add_argument("--idle", type=int, default=200, help="results one at a time")
    parser.add_argument("--batch-seconds", type=float, default=5, help="batch maximum phase")
    parser.add_argument("--batch-results", type=int, default=3000, help="per batch fraction")
    parser.add_argument("--single-only", action="store_true", help="skip the batch phases")
    parser.add_argument("--deadline", type=float, default=600)
    parser.add_argument("--name", default="latency", help="results file name")
    parser.add_argument("--profile", help='py-spy during this phase, e.g. "single 50%%"')
    parser.add_argument("--compare", help="an earlier run's results name to plot beside")
    asyncio.run(run(parser.parse_args()))
