"""Every benchmark in one command, and a summary with the targets beside the figures.

    uv run python -m bench.run_all            # full: city of 5,000, 1M rows, 200,000
    uv run python -m bench.run_all --quick    # small sizes, a few minutes
    uv run python -m bench.run_all --profile  # py-spy the services, pyinstrument the import

Order: the bulk import against COPY (bench.import_bench); then one system of
evaluation, training and recommendation with a city loaded, on which the pipeline
(ceiling, sustained, latency) and the read API run; then the standard change (full:
on its own province-size system; quick: on the city system, after the pipeline, so its
employees have results and proposals). Each scenario writes its JSON and Markdown into
bench/results/; this writes summary.json and summary.md there. A scenario that fails is
reported and the others still run; the exit code is non-zero then (a missed target is a
figure, not a failure).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import import_bench, pipeline, read_api, standard_change
from bench.common import RESULTS, machine
from bench.harness import PROFILES, Profiler, Roster, ms, prepare, services, top_lines


@dataclass(frozen=True)
class Sizes:
    city_employees: int
    latency_employees: int
    import_rows: int
    import_cities: int
    standard_employees: int | None  # None: on the city system, after the pipeline
    standard_cities: int
    read_concurrency: int
    read_seconds: float


FULL = Sizes(
    city_employees=5000,
    latency_employees=1500,
    import_rows=1_000_000,
    import_cities=8,
    standard_employees=200_000,
    standard_cities=8,
    read_concurrency=32,
    read_seconds=20,
)
QUICK = Sizes(
    city_employees=300,
    latency_employees=100,
    import_rows=15_000,
    import_cities=1,
    standard_employees=None,
    standard_cities=1,
    read_concurrency=16,
    read_seconds=6,
)
POSITION_TYPE, COMPETENCY = "pengawas", "M.05"


class Runner:
    def __init__(self) -> None:
        self.figures: dict[str, Any] = {}
        self.failures: dict[str, str] = {}
        self.seconds: dict[str, float] = {}

    async def scenario(self, name: str, body: Callable[[], Awaitable[Any]]) -> None:
        print(f"\n=== {name}")
        started = time.perf_counter()
        try:
            self.figures[name] = await body()
        except Exception as exc:
            traceback.print_exc()
            self.failures[name] = f"{type(exc).__name__}: {exc}"
        self.seconds[name] = time.perf_counter() - started


async def _import(rows: int, cities: int, profile: bool) -> dict[str, Any]:
    target = PROFILES / "import-pyinstrument.txt" if profile else None
    if target:
        PROFILES.mkdir(parents=True, exist_ok=True)
    await import_bench.main(rows, 9, cities, target)
    figures: dict[str, Any] = json.loads((RESULTS / "import.json").read_text())
    if target:
        figures["profiles"] = {"import": str(target)}
    return figures


async def _city(runner: Runner, sizes: Sizes, profile: bool, only: set[str]) -> None:
    """One system with a city: pipeline, read API, and (quick) the standard change."""
    roster = Roster(1, sizes.city_employees)
    pipeline.split(roster, sizes.latency_employees)
    with tempfile.TemporaryDirectory(prefix="bench-city-") as scratch:
        started = time.perf_counter()
        async with services(Path(scratch), pipeline.SERVICES) as bench:
            await prepare(bench, roster, catalog=True, deadline_s=3600)
            setup_s = time.perf_counter() - started
            if "pipeline" in only:
                await runner.scenario(
                    "pipeline",
                    lambda: pipeline.measure(
                        bench, roster, sizes.latency_employees, Profiler(profile, "pipeline")
                    ),
                )
            if "read_api" in only:
                await runner.scenario(
                    "read_api",
                    lambda: read_api.measure(
                        bench,
                        roster,
                        sizes.read_concurrency,
                        sizes.read_seconds,
                        "auto",
                        Profiler(profile, "read_api"),
                    ),
                )
            if sizes.standard_employees is None and "standard_change" in only:
                await runner.scenario(
                    "standard_change",
                    lambda: standard_change.measure(
                        bench,
                        roster,
                        POSITION_TYPE,
                        COMPETENCY,
                        Profiler(profile, "standard_change"),
                        state="after the pipeline (results and proposals)",
                        setup_s=setup_s,
                    ),
                )


COLUMNS = ("measure", "value", "target", "met")


def _verdict(met: bool | None) -> str:
    return "—" if met is None else ("yes" if met else "NO")


def summary_rows(runner: Runner) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    f = runner.figures
    if "pipeline" in f:
        p = f["pipeline"]
        bulk, one, top = p["sustained"], p["latency"], p["ceiling"]
        rows.append(
            (
                "pipeline: results in -> gaps and proposals out, / ceiling",
                f"{p['ratio_to_ceiling']:.3f} ({bulk['results_per_s']:,.0f} results/s; "
                f"ceiling {top['events_per_s']:,.0f} events/s; {bulk['results']:,} results)",
                ">= 0.50",
                _verdict(p["ratio_to_ceiling"] >= 0.5),
            )
        )
        rows.append(
            (
                "one result -> its proposal on Kafka, p99 at half rate",
                f"{ms(one['p99_s'])} (p50 {ms(one['p50_s'])}, p95 {ms(one['p95_s'])}; "
                f"{one['samples']:,} proposals of {one['results']:,} results at "
                f"{one['rate_per_s']:,.1f}/s, {one['missing']} missing)",
                "<= 250 ms",
                _verdict(one["p99_s"] <= 0.25 and one["missing"] == 0),
            )
        )
    if "import" in f:
        i = f["import"]
        rows.append(
            (
                "bulk import / PostgreSQL COPY",
                f"{i['ratio_to_copy']:.2f} ({i['import_rows_per_s']:,.0f} vs "
                f"{i['copy_rows_per_s']:,.0f} rows/s; {i['rows']:,} rows; "
                f"peak {i['import_peak_rss_mib']:.0f} MiB)",
                ">= 0.50",
                _verdict(i["ratio_to_copy"] >= 0.5),
            )
        )
    if "standard_change" in f:
        s = f["standard_change"]
        rows.append(
            (
                "standard change recalculates only the employees it touches",
                f"{s['affected_recalculated']:,} of {s['employees_of_type']:,} "
                f"{s['position_type']} recalculated, {s['untouched_recalculated']:,} others, "
                f"in {s['seconds']:.1f} s "
                f"({s['employees']:,} employees)",
                "only the affected",
                _verdict(s["only_affected"]),
            )
        )
    if "read_api" in f:
        r = f["read_api"]
        rows.append(
            (
                "read API: GET /employees/{nip}/gaps / bare FastAPI",
                f"{r['throughput_ratio']:.2f} x requests/s ({r['gaps']['requests_per_s']:,.0f} "
                f"vs {r['bare']['requests_per_s']:,.0f}); p99 {ms(r['gaps']['p99_s'])} vs "
                f"{ms(r['bare']['p99_s'])}",
                "reported",
                _verdict(None),
            )
        )
    rows += [(name, f"FAILED: {reason}", "", "NO") for name, reason in runner.failures.items()]
    return rows


def pyinstrument_top(path: Path, lines: int = 30) -> str:
    """The import's own work (below its start-up), from a pyinstrument text profile."""
    text = path.read_text().splitlines()
    start = next((i for i, line in enumerate(text) if "import_command" in line), 0)
    return "\n".join(text[start : start + lines])


def write_summary(runner: Runner, mode: str, elapsed: float) -> Path:
    RESULTS.mkdir(exist_ok=True)
    rows = summary_rows(runner)
    (RESULTS / "summary.json").write_text(
        json.dumps(
            {
                "machine": machine(),
                "mode": mode,
                "seconds": elapsed,
                "scenario_seconds": runner.seconds,
                "failures": runner.failures,
                "rows": [
                    dict(zip(("measure", "value", "target", "met"), r, strict=True)) for r in rows
                ],
            },
            indent=2,
        )
        + "\n"
    )
    lines = [
        f"# Benchmarks ({mode}, {machine()['when']}, {machine()['cpus']} CPUs, "
        f"{elapsed / 60:.1f} min)",
        "",
        "| measure | value | target | met |",
        "|---|---|---|---|",
        *(f"| {m} | {v} | {t} | {ok} |" for m, v, t, ok in rows),
        "",
    ]
    profiles = sorted(PROFILES.glob("*.txt")) if PROFILES.exists() else []
    for figures in runner.figures.values():
        for summary in (figures or {}).get("profiles", {}).values():
            path = Path(summary)
            if path not in profiles:
                continue
            text = pyinstrument_top(path) if "pyinstrument" in path.name else top_lines(path)
            lines += [f"## Profile: {path.stem}", "", "```", text, "```", ""]
    target = RESULTS / "summary.md"
    target.write_text("\n".join(lines))
    print("\n" + "\n".join(lines[: 4 + len(rows)]))
    return target


async def main(quick: bool, profile: bool, only: set[str]) -> int:
    sizes = QUICK if quick else FULL
    runner = Runner()
    started = time.perf_counter()
    print(f"bench.run_all: {'quick' if quick else 'full'} {asdict(sizes)}")
    if "import" in only:
        await runner.scenario(
            "import", lambda: _import(sizes.import_rows, sizes.import_cities, profile)
        )
    if only & {"pipeline", "read_api"} or (quick and "standard_change" in only):
        await _city(runner, sizes, profile, only)
    if sizes.standard_employees is not None and "standard_change" in only:
        employees = sizes.standard_employees
        await runner.scenario(
            "standard_change",
            lambda: standard_change.run(
                employees, sizes.standard_cities, POSITION_TYPE, COMPETENCY, 0, profile
            ),
        )
    write_summary(runner, "quick" if quick else "full", time.perf_counter() - started)
    print(f"\nbench.run_all took {(time.perf_counter() - started) / 60:.1f} min")
    return 1 if runner.failures else 0


SCENARIOS = ("import", "pipeline", "read_api", "standard_change")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--profile", action="store_true", help="py-spy / pyinstrument")
    parser.add_argument(
        "--only", default=",".join(SCENARIOS), help=f"comma-separated subset of {SCENARIOS}"
    )
    arguments = parser.parse_args()
    chosen = set(arguments.only.split(","))
    if not chosen <= set(SCENARIOS):
        parser.error(f"--only takes {SCENARIOS}")
    raise SystemExit(asyncio.run(main(arguments.quick, arguments.profile, chosen)))
