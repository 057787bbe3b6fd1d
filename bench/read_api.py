"""The read API under concurrent load: GET /employees/{nip}/gaps on recommendation,
against a bare FastAPI endpoint (bench.bare_app under uvicorn in a subprocess)
measured in the same run with the same client.

    uv run python -m bench.read_api [--employees 2000] [--concurrency 32] [--seconds 20]

evaluation and recommendation run as processes on PostgreSQL; a city's roster goes in
through the API and we wait until recommendation has every employee's gaps. Then each
target gets the same closed-loop load (every connection sends its next request when the
previous one answered; a 2 s warm-up of the same load first, not counted), rotating over
every employee's NIP, with a province admin's token: requests/s and latency p50/p99,
and their ratios to the bare endpoint.

The client is wrk when it is installed (apt-get install wrk: one thread, the NIPs and
the token in a Lua script), otherwise httpx in this process; --client chooses.
With --profile, py-spy records recommendation during its load.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.common import write_results
from bench.harness import (
    Bench,
    Profiler,
    Roster,
    ms,
    percentile,
    prepare,
    services,
)
from tests.processes import REPOSITORY, free_port

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}
WARM_UP_S = 2.0


async def _httpx_load(
    base: str, paths: list[str], headers: dict[str, str], concurrency: int, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    warm_until = time.monotonic() + 1.0
    stop_at = warm_until + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as http:

        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while (now := time.monotonic()) < stop_at:
                response = await http.get(rng.choice(paths))
                if now >= warm_until:
                    latencies.append(time.monotonic() - now)
                    statuses[response.status_code] += 1

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return {
        "requests": len(latencies),
        "requests_per_s": len(latencies) / seconds,
        "p50_s": percentile(latencies, 50),
        "p99_s": percentile(latencies, 99),
        "errors": sum(n for status, n in statuses.items() if status != 200),
    }


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


async def _wrk_load(
    base: str, paths: list[str], headers: dict[str, str], concurrency: int, seconds: float
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
        script = Path(scratch) / "load.lua"
        quoted = ",".join(f'"{p}"' for p in paths)
        header_lines = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
        script.write_text(
            f"{header_lines}local paths = {{{quoted}}}\n"
            "local i = math.random(#paths)\n"
            "request = function()\n"
            "  i = i % #paths + 1\n"
            '  return wrk.format("GET", paths[i])\n'
            "end\n"
        )
        command = ["wrk", "-t1", f"-c{concurrency}", f"-d{math.ceil(seconds)}s", "--latency"]
        process = await asyncio.create_subprocess_exec(
            *command,
            "-s",
            str(script),
            base,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output = (await process.communicate())[0].decode()
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {output}")
    found = dict(re.findall(r"^\s*(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    total = re.search(r"(\d+) requests in", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if not (found and total and rate):
        raise RuntimeError(f"cannot read wrk's output: {output}")
    return {
        "requests": int(total.group(1)),
        "requests_per_s": float(rate.group(1)),
        "p50_s": _seconds(found["50"]),
        "p99_s": _seconds(found["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


async def load(
    client: str,
    base: str,
    paths: list[str],
    headers: dict[str, str],
    concurrency: int,
    seconds: float,
) -> dict[str, Any]:
    run = _wrk_load if client == "wrk" else _httpx_load
    # Warmed up first, not counted: connections opened, the token verified once, the
    # statements prepared. The figures are of the steady state.
    await run(base, paths, headers, concurrency, WARM_UP_S)
    return await run(base, paths, headers, concurrency, seconds)


async def bare_endpoint(
    client: str, paths: list[str], concurrency: int, seconds: float
) -> dict[str, Any]:
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "bench.bare_app:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            for _ in range(200):
                try:
                    if (await http.get(paths[0])).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("the bare app did not start")
        return await load(client, base, paths, {}, concurrency, seconds)
    finally:
        server.terminate()
        await server.wait()


async def measure(
    bench: Bench,
    roster: Roster,
    concurrency: int,
    seconds: float,
    client: str,
    profiler: Profiler,
) -> dict[str, Any]:
    """Load the bare endpoint, then the gaps of a loaded system; writes read_api."""
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "httpx"
    paths = [f"/employees/{p.nip}/gaps" for p in roster.people]
    print(f"read API: {len(paths):,} NIPs, {concurrency} connections, {seconds:.0f} s, {client}")
    async with bench.client("recommendation") as http:
        probe = await http.get(paths[0])
        if probe.status_code != 200 or len(probe.json()["gaps"]) == 0:
            raise RuntimeError(f"GET {paths[0]}: {probe.status_code} {probe.text}")
    bare = await bare_endpoint(client, paths, concurrency, seconds)
    print(f"  bare FastAPI: {bare['requests_per_s']:,.0f} requests/s")
    async with profiler.record("load", {"recommendation": bench.pid("recommendation")}):
        served = await load(
            client, bench.url("recommendation"), paths, bench.headers, concurrency, seconds
        )
    print(f"  recommendation: {served['requests_per_s']:,.0f} requests/s")
    figures = {
        "employees": len(paths),
        "concurrency": concurrency,
        "seconds": seconds,
        "client": client,
        "bare": bare,
        "gaps": served,
        "throughput_ratio": served["requests_per_s"] / bare["requests_per_s"],
        "p99_ratio": served["p99_s"] / bare["p99_s"],
        **profiler.figures(),
    }
    write_results(
        "read_api",
        figures,
        [
            ("load", f"{client}, {concurrency} connections, {seconds:.0f} s each", ""),
            (
                "bare FastAPI endpoint",
                f"{bare['requests_per_s']:,.0f} requests/s, p50 {ms(bare['p50_s'])}, "
                f"p99 {ms(bare['p99_s'])}",
                "ceiling",
            ),
            (
                "GET /employees/{nip}/gaps",
                f"{served['requests_per_s']:,.0f} requests/s, p50 {ms(served['p50_s'])}, "
                f"p99 {ms(served['p99_s'])}, {served['errors']} errors",
                "",
            ),
            ("requests/s: gaps / bare", f"{figures['throughput_ratio']:.2f}", "reported"),
            ("p99: gaps / bare", f"{figures['p99_ratio']:.1f} x", "reported"),
            profiler.row("load"),
        ],
    )
    return figures


async def run(
    employees: int, concurrency: int, seconds: float, client: str, profile: bool
) -> dict[str, Any]:
    roster = Roster(1, employees)
    with tempfile.TemporaryDirectory(prefix="bench-read-") as scratch:
        async with services(Path(scratch), ("evaluation", "recommendation")) as bench:
            await prepare(bench, roster, catalog=False, deadline_s=3600)
            return await measure(
                bench, roster, concurrency, seconds, client, Profiler(profile, "read_api")
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--client", choices=["auto", "wrk", "httpx"], default="auto")
    parser.add_argument("--profile", action="store_true", help="py-spy recommendation")
    arguments = parser.parse_args()
    asyncio.run(
        run(
            arguments.employees,
            arguments.concurrency,
            arguments.seconds,
            arguments.client,
            arguments.profile,
        )
    )
