"""The public's satisfaction survey (SKM) under load: public answers submitted, scored,
and the IKM published when a period closes.

    uv run python -m bench.skm [--answers 100000] [--units 4] [--concurrency 32]

evaluation (which publishes the units) and survey run as processes on PostgreSQL. Each
unit opens one SKM period; the answers, spread evenly over the units, go to
`POST /public/satisfaction/{period}/answers` with no token, each from a visitor of its
own (X-Forwarded-For from 127.0.0.1, as the console sends it, so the per-address rate
applies to each visitor as in production), closed loop over --concurrency connections.
Then each period is closed in turn: the close scores every answer of the period and
writes the event to the outbox; the clock runs from the close request until the
PublicSatisfactionPublished reaches a consumer of the topic. Figures: answers/s, the
operators' read of a period's score (every answer scored again), the close and the
time to publish, the report workbook; and each answer of a period is checked to be
scored (the respondents of each event equal the answers sent).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bangkom.platform.catalog import PublicSatisfactionPublished, topics
from bench.common import write_results
from bench.harness import (
    Bench,
    Profiler,
    Record,
    TopicWatcher,
    data_of,
    event_type,
    ms,
    percentile,
    services,
    until,
)
from tests.infra import wait_for

FIRST_VISITOR = int(ipaddress.IPv4Address("10.0.0.1"))
RETRIES = 5


def _answer(rng: random.Random, elements: list[str]) -> dict[str, Any]:
    return {
        "submission_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "ratings": {e: rng.choice((2, 3, 3, 4, 4)) for e in elements},
        "respondent": {"gender": rng.choice(("laki-laki", "perempuan"))},
        "suggestion": "Antrean pagi perlu ditambah petugas." if rng.random() < 0.1 else "",
    }


async def _open_periods(bench: Bench, units: int) -> dict[str, str]:
    """A new unit per period (published by evaluation, known to survey): period -> unit."""
    periods = {}
    async with bench.client("evaluation") as roster, bench.client("survey") as survey:
        for body in (
            {"code": "12", "name": "Sumatera Utara", "kind": "province"},
            {"code": "12.73", "name": "Kota Pematangsiantar", "kind": "city", "parent_code": "12"},
        ):
            (await roster.put("/agencies", json=body)).raise_for_status()
        for number in range(1, units + 1):
            unit = f"12.73.SKM{number:02d}"
            agency = {
                "code": unit,
                "name": f"Unit {number}",
                "kind": "agency",
                "parent_code": "12.73",
            }
            (await roster.put("/agencies", json=agency)).raise_for_status()
            period: dict[str, Any] = {"unit_code": unit, "label": "2026-2", "population": 100_000}

            async def opened(body: dict[str, Any] = period) -> str | None:
                response = await survey.post("/satisfaction/periods", json=body)
                if response.status_code == 422:  # survey has not consumed the unit yet
                    return None
                response.raise_for_status()
                return str(response.json()["id"])

            periods[await wait_for(opened, what="survey knows the unit")] = unit
    return periods


async def _submit(
    bench: Bench, periods: list[str], answers: int, concurrency: int
) -> dict[str, Any]:
    """Every answer once, closed loop; returns the rate, latencies and statuses."""
    rng = random.Random(16)
    queue = list(range(answers))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    retried = [0]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=bench.url("survey"), limits=limits, timeout=60) as public:
        # The elements as the public form names them.
        form = await public.get(f"/public/satisfaction/{periods[0]}")
        elements = list(form.raise_for_status().json()["elements"])

        async def worker() -> None:
            while queue:
                number = queue.pop()
                period = periods[number % len(periods)]
                visitor = str(ipaddress.IPv4Address(FIRST_VISITOR + number))
                answer = _answer(rng, elements)
                sent = time.monotonic()
                for attempt in range(1, RETRIES + 1):
                    try:
                        response = await public.post(
                            f"/public/satisfaction/{period}/answers",
                            json=answer,
                            headers={"X-Forwarded-For": visitor},
                        )
                        break
                    except httpx.TransportError:
                        # A kept-alive connection the server closed meanwhile: the same
                        # submission again, stored once whatever happened to the first.
                        retried[0] += 1
                        if attempt == RETRIES:
                            raise
                latencies.append(time.monotonic() - sent)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.monotonic() - started
    return {
        "answers": answers,
        "seconds": wall,
        "answers_per_s": answers / wall,
        "p50_s": percentile(latencies, 50),
        "p99_s": percentile(latencies, 99),
        "statuses": statuses,
        "retried": retried[0],
    }


def _published(published: dict[str, Any], period: str) -> Callable[[], bool]:
    return lambda: period in published


async def _close_and_publish(bench: Bench, periods: dict[str, str]) -> dict[str, Any]:
    """Close each period in turn: the close's latency, and until its event is read."""
    published: dict[str, tuple[float, dict[str, Any]]] = {}

    def on_record(record: Record, received: float) -> None:
        if event_type(record) == PublicSatisfactionPublished.TYPE:
            data = data_of(record)
            published[data["period_id"]] = (received, data)

    reads, closes, publishes, workbooks = [], [], [], []
    topic = bench.topic(topics.PUBLIC_SATISFACTION.name)
    async with TopicWatcher([topic], on_record), bench.client("survey") as survey:
        for period in periods:
            started = time.monotonic()
            (await survey.get(f"/satisfaction/periods/{period}")).raise_for_status()
            reads.append(time.monotonic() - started)
            started = time.monotonic()
            (await survey.post(f"/satisfaction/periods/{period}/close")).raise_for_status()
            closes.append(time.monotonic() - started)
            await until(_published(published, period), deadline_s=120, what="IKM published")
            publishes.append(published[period][0] - started)
            started = time.monotonic()
            (await survey.get(f"/satisfaction/periods/{period}/report.xlsx")).raise_for_status()
            workbooks.append(time.monotonic() - started)
    return {
        "score_read_s": reads,
        "close_s": closes,
        "close_to_published_s": publishes,
        "report_xlsx_s": workbooks,
        "respondents": {p: published[p][1]["respondents"] for p in periods},
        "ikm": {p: published[p][1]["converted"] for p in periods},
    }


async def run(answers: int, units: int, concurrency: int, profile: bool) -> dict[str, Any]:
    profiler = Profiler(profile, "skm")
    with tempfile.TemporaryDirectory(prefix="bench-skm-") as scratch:
        async with services(Path(scratch), ("evaluation", "survey")) as bench:
            periods = await _open_periods(bench, units)
            pids = {"survey": bench.pid("survey")}
            print(f"  {answers:,} answers to {units} periods, {concurrency} connections")
            async with profiler.record("submit", pids):
                submitted = await _submit(bench, list(periods), answers, concurrency)
            print(f"  {submitted['answers_per_s']:,.0f} answers/s; closing the periods")
            async with profiler.record("close", pids):
                closed = await _close_and_publish(bench, periods)
    per_period = answers // units
    expected = {p: per_period + (1 if i < answers % units else 0) for i, p in enumerate(periods)}
    closed["all_scored"] = closed["respondents"] == expected
    return {"submit": submitted, "close": closed, **profiler.figures(), "profiler": profiler}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    figures = asyncio.run(run(options.answers, options.units, options.concurrency, options.profile))
    profiler: Profiler = figures.pop("profiler")
    submit, close = figures["submit"], figures["close"]
    per_period = options.answers // options.units
    table = [
        (
            "answers taken (201; 200 when a resent one was stored before)",
            f"{submit['statuses'].get(201, 0) + submit['statuses'].get(200, 0):,}"
            f" of {submit['answers']:,}",
            "",
        ),
        ("sent again after a dropped connection (stored once)", f"{submit['retried']:,}", ""),
        ("answers/s (submit, closed loop)", f"{submit['answers_per_s']:,.0f}", "reported"),
        ("answer latency p50 / p99", f"{ms(submit['p50_s'])} / {ms(submit['p99_s'])}", ""),
        (
            f"operators' read of a period's score ({per_period:,} answers), median",
            ms(sorted(close["score_read_s"])[len(close["score_read_s"]) // 2]),
            "",
        ),
        ("close (scores the period), max", ms(max(close["close_s"])), ""),
        (
            "close request → IKM event consumed, median / max",
            f"{ms(sorted(close['close_to_published_s'])[len(close['close_to_published_s']) // 2])}"
            f" / {ms(max(close['close_to_published_s']))}",
            "reported",
        ),
        ("report.xlsx of a period, max", ms(max(close["report_xlsx_s"])), ""),
        ("every answer scored (respondents per event)", str(close["all_scored"]), "True"),
        profiler.row("submit"),
        profiler.row("close"),
    ]
    write_results("skm", figures, table)


if __name__ == "__main__":
    main()
