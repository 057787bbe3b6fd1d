"""Page latency of the console: p50/p95 of each main page, against the same request
straight to the underlying API (the ratio, one run).

    uv run python -m bench.console_pages [--employees 2000] [--requests 60]

evaluation, training, survey and recommendation run as processes on PostgreSQL; a city
(or, with --cities, a province) goes in through the public APIs (bench.harness.prepare:
agencies, positions of every type, a catalog, the roster import; we wait until
recommendation has every employee's gaps). The console runs as its own process over
them; a province admin signs in through the development sign-in. Then each page is
asked ``--requests`` times one after the other (after a warm-up), rotating over
employees and searches, and so is the API request that page mostly waits for, with the
same token: the figures are latencies, not throughput. Target (issue 13): p95 of the
roster search, the employee page and Beranda <= 300 ms with 200,000 employees
(--employees 200000 --cities 33: the setup alone takes long).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.common import write_results
from bench.harness import Bench, Roster, ms, percentile, prepare, services
from tests.processes import REPOSITORY, free_port

SERVICES = ("evaluation", "training", "survey", "recommendation")
TARGET_S = 0.300
TARGETED = ("Beranda", "Pegawai: cari nama", "Pegawai: satu pegawai")


@dataclass(frozen=True)
class Page:
    """A page and the API request it mostly waits for; ``{nip}``, ``{prefix}`` (the
    first 10 digits of a NIP) and ``{name}`` rotate over the roster."""

    name: str
    console: str
    service: str
    api: str


# What Beranda asks for an administrator, all at once (its p95 is about the slowest).
BERANDA_CALLS = (
    ("recommendation", "/analytics/heatmap"),
    ("recommendation", "/analytics/compliance"),
    ("recommendation", "/analytics/jpm?limit=500"),
    ("recommendation", "/proposals?status=proposed&limit=1"),
    ("training", "/compliance/agencies?limit=500"),
    ("evaluation", "/training-evaluations?status=overdue&limit=100"),
    ("evaluation", "/imports?status=queued&status=running&limit=20"),
)
SUMMARIES_PENDING = re.compile(
    r'^bangkom_work_pending_items\{queue="analytics-summaries"\} (\S+)$', re.MULTILINE
)

PAGES = (
    Page("Beranda", "/beranda", "recommendation", "/analytics/heatmap"),
    Page("Pegawai: cari nama", "/pegawai?q={name}", "evaluation", "/employees?limit=20&q={name}"),
    Page(
        "Pegawai: awal NIP", "/pegawai?q={prefix}", "evaluation", "/employees?limit=20&q={prefix}"
    ),
    Page("Pegawai: satu pegawai", "/pegawai/{nip}", "recommendation", "/employees/{nip}/gaps"),
    Page("Usulan pelatihan", "/usulan", "recommendation", "/proposals?limit=200"),
    Page("Survei kebutuhan", "/survei", "survey", "/surveys?limit=100"),
    Page("Katalog: cari", "/katalog?q=Pelatihan", "training", "/courses?q=Pelatihan&limit=20"),
    Page("Evaluasi", "/evaluasi", "evaluation", "/training-evaluations?status=due&limit=100"),
    Page("Kamus kompetensi", "/kamus", "evaluation", "/framework"),
    Page("Jabatan dan standar", "/kamus/jabatan", "evaluation", "/positions?limit=50"),
)


def paths(template: str, roster: Roster, count: int) -> list[str]:
    people = roster.people
    found = []
    for i in range(count):
        person = people[(i * 7919) % len(people)]
        named = people[(i * 104729) % len(people)].name.replace(" ", "+")
        found.append(template.format(nip=person.nip, prefix=person.nip[:10], name=named))
    return found


async def latencies(http: httpx.AsyncClient, wanted: list[str]) -> list[float]:
    for path in wanted[:3]:  # warm-up: connections, caches
        (await http.get(path)).raise_for_status()
    found = []
    for path in wanted:
        started = time.perf_counter()
        response = await http.get(path)
        found.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:300]}")
    return found


async def summaries_caught_up(bench: Bench, deadline_s: float = 600) -> None:
    """Wait until recommendation has summed every agency the roster marked (its
    analytics summaries), as it has some seconds after a roster import: until then its
    analytics read those agencies' gaps."""
    give_up = time.monotonic() + deadline_s
    async with httpx.AsyncClient(base_url=bench.url("recommendation")) as http:
        while time.monotonic() < give_up:
            found = SUMMARIES_PENDING.search((await http.get("/metrics")).text)
            if found and float(found.group(1)) == 0:
                return
            await asyncio.sleep(0.5)
    raise RuntimeError(f"analytics summaries still pending after {deadline_s:.0f} s")


@asynccontextmanager
async def console(bench: Bench, workdir: Path) -> AsyncIterator[str]:
    """The console as a process over the running services."""
    port = free_port()
    env = {
        **os.environ,
        "BANGKOM_CONSOLE_HTTP_PORT": str(port),
        "BANGKOM_CONSOLE_ENVIRONMENT": "test",
        "BANGKOM_CONSOLE_LOG_LEVEL": "WARNING",
        "BANGKOM_CONSOLE_AUTH_DEV_KEY_FILE": str(bench.system.dev_key),
        "BANGKOM_CONSOLE_SESSION_SECRET": "bench-secret",
        **{f"BANGKOM_CONSOLE_{n.upper()}_URL": bench.url(n) for n in SERVICES},
    }
    log = (workdir / "console.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bangkom.console",
        "serve",
        cwd=REPOSITORY,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            for _ in range(300):
                if process.returncode is not None:
                    raise RuntimeError((workdir / "console.log").read_text()[-2000:])
                try:
                    if (await http.get(f"{url}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("the console did not start")
        yield url
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=10)
        log.close()


async def signed_in(url: str) -> httpx.AsyncClient:
    """A province admin's browser: the session cookie of the development sign-in."""
    http = httpx.AsyncClient(base_url=url, timeout=30)
    form = (await http.get("/masuk")).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, form[:500]
    done = await http.post(
        "/masuk",
        data={"csrf_token": token.group(1), "name": "Bench", "role": "province_admin"},
    )
    if done.status_code != 303:
        raise RuntimeError(f"sign-in: {done.status_code} {done.text[:300]}")
    return http


async def measure(bench: Bench, roster: Roster, workdir: Path, count: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"employees": len(roster.people), "requests": count, "pages": {}}
    rows: list[tuple[str, str, str]] = []
    async with console(bench, workdir) as url:
        http = await signed_in(url)
        try:
            for page in PAGES:
                seen = await latencies(http, paths(page.console, roster, count))
                async with bench.client(page.service) as api:
                    direct = await latencies(api, paths(page.api, roster, count))
                figure = {
                    "p50_s": percentile(seen, 50),
                    "p95_s": percentile(seen, 95),
                    "api_p50_s": percentile(direct, 50),
                    "api_p95_s": percentile(direct, 95),
                }
                figure["p95_ratio"] = figure["p95_s"] / figure["api_p95_s"]
                figures["pages"][page.name] = figure
                verdict = "met" if figure["p95_s"] <= TARGET_S else "missed"
                rows.append(
                    (
                        page.name,
                        f"p50 {ms(figure['p50_s'])}, p95 {ms(figure['p95_s'])}; "
                        f"{page.service} {page.api.split('?')[0]} alone p50 "
                        f"{ms(figure['api_p50_s'])}, p95 {ms(figure['api_p95_s'])} "
                        f"(p95 x{figure['p95_ratio']:.1f})",
                        f"p95 ≤ 300 ms: {verdict}" if page.name in TARGETED else "reported",
                    )
                )
                print(f"  {rows[-1][0]}: {rows[-1][1]}")
        finally:
            await http.aclose()
    figures["beranda_calls"] = {}
    for service, path in BERANDA_CALLS:
        async with bench.client(service) as api:
            alone = await latencies(api, [path] * count)
        name = f"{service} {path.split('?')[0]}"
        figures["beranda_calls"][name] = {
            "p50_s": percentile(alone, 50),
            "p95_s": percentile(alone, 95),
        }
        rows.append(
            (
                f"Beranda asks {name}",
                f"alone p50 {ms(percentile(alone, 50))}, p95 {ms(percentile(alone, 95))}",
                "reported",
            )
        )
        print(f"  {rows[-1][0]}: {rows[-1][1]}")
    write_results("console_pages", figures, rows)
    return figures


async def run(employees: int, cities: int, count: int) -> dict[str, Any]:
    roster = Roster(cities, employees)
    with tempfile.TemporaryDirectory(prefix="bench-console-") as scratch:
        workdir = Path(scratch)
        async with services(workdir, SERVICES) as bench:
            await prepare(bench, roster, catalog=True, deadline_s=7200)
            await summaries_caught_up(bench)
            return await measure(bench, roster, workdir, count)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--cities", type=int, default=1)
    parser.add_argument("--requests", type=int, default=60)
    arguments = parser.parse_args()
    asyncio.run(run(arguments.employees, arguments.cities, arguments.requests))
