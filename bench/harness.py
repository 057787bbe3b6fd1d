"""What the service benchmarks share: the services as processes on PostgreSQL and the
shared Kafka broker, a token, the province loaded through the public API, watchers of
the output topics, percentiles, and py-spy profiles of the service processes.

The services are started with tests.processes.running_system (fresh databases, unique
topic prefix, SIGTERM and a clean exit at the end), the same way the end-to-end tests
run them.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import math
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import httpx
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import ProposalCreated
from bangkom.platform.settings import ServiceSettings
from bench import province
from bench.common import RESULTS
from tests.infra import KAFKA
from tests.processes import System, running_system

Record: TypeAlias = "ConsumerRecord[bytes, bytes]"
# Default required level of every framework competency per position type (framework v1):
# only types above level 1 can have open gaps.
DEFAULT_LEVEL = {
    "jpt_pratama": 4,
    "administrator": 3,
    "fungsional_ahli_madya": 3,
    "pengawas": 2,
    "fungsional_ahli_muda": 2,
    "fungsional_penyelia": 2,
    "pelaksana": 1,
    "fungsional_ahli_pertama": 1,
    "fungsional_terampil": 1,
    "fungsional_mahir": 1,
}
COMPETENCIES = province.MANAGERIAL
# Each competency gets a free e-learning course (1 -> 5, 6 JP) and two dearer ones.
# The e-learning course always scores best for an open gap and nine of them fit in the
# yearly JP budget (60), so every open gap ends with exactly one ProposalCreated: the
# benchmarks know how many proposals to wait for.
ELEARNING_JP = 6


def courses() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for code in COMPETENCIES:
        slug = code.replace(".", "")
        found += [
            {
                "code": f"EL-{slug}",
                "title": f"E-learning {code}",
                "competencies": [{"competency_code": code, "level_from": 1, "level_to": 5}],
                "jp": ELEARNING_JP,
                "mode": "e_learning",
                "provider": "BPSDM Provinsi Sumatera Utara",
                "cost": 0,
            },
            {
                "code": f"KL-{slug}",
                "title": f"Pelatihan klasikal {code}",
                "competencies": [{"competency_code": code, "level_from": 2, "level_to": 4}],
                "jp": 24,
                "mode": "klasikal",
                "provider": "BPSDM Provinsi Sumatera Utara",
                "cost": 2_500_000,
            },
            {
                "code": f"BL-{slug}",
                "title": f"Blended learning {code}",
                "competencies": [{"competency_code": code, "level_from": 3, "level_to": 5}],
                "jp": 16,
                "mode": "blended",
                "provider": "LAN RI",
                "cost": 1_500_000,
            },
        ]
    return found


# ---------------------------------------------------------------------------- services


@dataclass
class Bench:
    """A running system and a province admin's token for its APIs."""

    system: System
    token: str
    workdir: Path

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def url(self, service: str) -> str:
        return self.system[service].url

    def pid(self, service: str) -> int:
        return self.system[service].process.pid

    def topic(self, logical: str) -> str:
        return f"{self.system.topic_prefix}{logical}"

    def client(self, service: str, **options: Any) -> httpx.AsyncClient:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        return httpx.AsyncClient(
            base_url=self.url(service),
            headers=self.headers,
            timeout=options.pop("timeout", 60.0),
            limits=limits,
            **options,
        )


# Consumers scale by partitions: the recommendation service may run as several
# processes on the same database and consumer group (BANGKOM_BENCH_REPLICAS=2).
REPLICAS = {"recommendation": int(os.environ.get("BANGKOM_BENCH_REPLICAS", "1"))}


@asynccontextmanager
async def services(workdir: Path, names: tuple[str, ...]) -> AsyncIterator[Bench]:
    """Start the services as processes (fresh PostgreSQL databases, unique topic prefix)."""
    extra_env = {"BANGKOM_EVALUATION_IMPORT_SPOOL_DIR": str(workdir / "spool")}
    started = time.perf_counter()
    prefix = ""
    try:
        async with running_system(
            workdir, extra_env=extra_env, services=names, replicas=REPLICAS
        ) as system:
            prefix = system.topic_prefix
            print(
                f"  services {', '.join(names)} ready in {time.perf_counter() - started:.1f} s "
                f"(topics {prefix}*)"
            )
            settings = ServiceSettings(auth_dev_key_file=system.dev_key)
            token = mint_dev_token(settings, subject="bench", roles=[Role.PROVINCE_ADMIN])
            yield Bench(system, token, workdir)
    finally:
        if prefix:
            await delete_topics(prefix)


# ---------------------------------------------------------------------------- province


@dataclass
class Roster:
    """A generated province: its agencies, positions and employees."""

    cities: int
    employees: int
    seed: int = 7
    agencies: list[tuple[str, str, str, str | None]] = field(init=False)
    positions: list[tuple[str, str, str]] = field(init=False)
    people: list[province.Employee] = field(init=False)
    position_type: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.agencies = province.agencies(self.cities)
        codes = [code for code, _, kind, _ in self.agencies if kind == "agency"]
        self.positions = province.positions(codes)
        self.position_type = {code: kind for code, _, kind in self.positions}
        self.people = list(province.employees(self.employees, codes, seed=self.seed))

    def type_of(self, person: province.Employee) -> str:
        return self.position_type[person.position_code]

    def roster_csv(self, people: Iterable[province.Employee] | None = None) -> bytes:
        sink = io.StringIO()
        writer = csv.writer(sink)
        writer.writerow(["nip", "name", "agency_code", "position_code"])
        for p in self.people if people is None else people:
            writer.writerow([p.nip, p.name, p.agency_code, p.position_code])
        return sink.getvalue().encode()


def results_csv(rows: Iterable[Sequence[str]]) -> bytes:
    sink = io.StringIO()
    writer = csv.writer(sink)
    writer.writerow(["nip", "competency_code", "level", "method", "evaluated_at"])
    writer.writerows(rows)
    return sink.getvalue().encode()


async def _put(http: httpx.AsyncClient, path: str, body: dict[str, Any]) -> None:
    response = await http.put(path, json=body)
    if response.status_code != 200:
        raise RuntimeError(f"PUT {path} {body.get('code')}: {response.status_code} {response.text}")


async def load_reference(bench: Bench, roster: Roster, *, catalog: bool = True) -> None:
    """Agencies and positions through evaluation's API, the catalog through training's."""
    started = time.perf_counter()
    async with bench.client("evaluation") as evaluation:
        for code, name, kind, parent in roster.agencies:  # parents first
            await _put(
                evaluation,
                "/agencies",
                {"code": code, "name": name, "kind": kind, "parent_code": parent},
            )
        gate = asyncio.Semaphore(8)

        async def position(code: str, agency: str, kind: str) -> None:
            async with gate:
                await _put(
                    evaluation,
                    "/positions",
                    {"code": code, "name": code, "agency_code": agency, "position_type": kind},
                )

        await asyncio.gather(*(position(*p) for p in roster.positions))
    if catalog:
        async with bench.client("training") as training:
            for course in courses():
                await _put(training, "/courses", course)
    print(
        f"  {len(roster.agencies)} agencies, {len(roster.positions)} positions"
        + (f", {len(courses())} courses" if catalog else "")
        + f" in {time.perf_counter() - started:.1f} s"
    )


async def import_file(bench: Bench, kind: str, name: str, content: bytes) -> dict[str, Any]:
    """POST /imports/{kind} and poll the job until it is done; fail on rejected rows."""
    async with bench.client("evaluation", timeout=600.0) as evaluation:
        response = await evaluation.post(
            f"/imports/{kind}", files={"file": (name, content, "text/csv")}
        )
        if response.status_code != 202:
            raise RuntimeError(f"import {kind}: {response.status_code} {response.text}")
        job: dict[str, Any] = response.json()
        while job["status"] in ("queued", "running"):
            await asyncio.sleep(0.2)
            job = (await evaluation.get(f"/imports/{job['id']}")).json()
        if job["status"] != "done" or job["rows_rejected"]:
            errors = (await evaluation.get(f"/imports/{job['id']}/errors?limit=5")).json()["items"]
            raise RuntimeError(f"import {kind} {job['status']}: {job} {errors}")
    return job


async def pending_recalculations(bench: Bench) -> int:
    async with bench.client("recommendation") as recommendation:
        response = await recommendation.get("/recalculations")
        response.raise_for_status()
        return int(response.json()["pending"])


async def no_pending(bench: Bench, deadline_s: float) -> None:
    give_up = time.monotonic() + deadline_s
    while time.monotonic() < give_up:
        if not await pending_recalculations(bench):
            return
        await asyncio.sleep(0.5)
    raise RuntimeError(f"recalculations still pending after {deadline_s:.0f} s")


async def load_roster(bench: Bench, roster: Roster, *, deadline_s: float) -> None:
    """The roster through POST /imports/roster; wait until recommendation has published
    the first gaps of every employee (their placements and standards are in)."""
    started = time.perf_counter()
    seen: set[str] = set()
    wanted = {p.nip for p in roster.people}

    def on_gaps(record: Record, _received: float) -> None:
        if record.key is not None:
            seen.add(record.key.decode())

    async with TopicWatcher([bench.topic(GAPS)], on_gaps, from_end=False):
        job = await import_file(bench, "roster", "roster.csv", roster.roster_csv())
        imported = time.perf_counter() - started
        await until(
            lambda: wanted <= seen,
            deadline_s=deadline_s,
            what="first gaps of every employee",
            progress=lambda: f"{len(seen & wanted):,}/{len(wanted):,} employees with gaps",
        )
    await no_pending(bench, deadline_s)
    print(
        f"  roster of {job['rows_stored']:,} employees imported in {imported:.1f} s, "
        f"in recommendation after {time.perf_counter() - started:.1f} s"
    )


async def prepare(bench: Bench, roster: Roster, *, catalog: bool, deadline_s: float) -> None:
    """Reference data (and the catalog) and the roster, through the public APIs."""
    print(
        f"setting up: {len(roster.people):,} employees, {len(roster.positions):,} positions"
        + (", a catalog" if catalog else "")
    )
    await load_reference(bench, roster, catalog=catalog)
    await load_roster(bench, roster, deadline_s=deadline_s)


# ---------------------------------------------------------------------------- Kafka

GAPS = "bangkom.recommendation.gaps.v1"
PROPOSALS = "bangkom.recommendation.proposals.v1"
STANDARDS = "bangkom.evaluation.standards.v1"
RESULTS_TOPIC = "bangkom.evaluation.results.v1"


async def partitions_of(topic: str, deadline_s: float = 60) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    await admin.start()
    try:
        give_up = time.monotonic() + deadline_s
        while True:
            [description] = await admin.describe_topics([topic])
            if not description.get("error_code") and description.get("partitions"):
                return [TopicPartition(topic, p["partition"]) for p in description["partitions"]]
            if time.monotonic() > give_up:
                raise RuntimeError(f"topic {topic} not found")
            await asyncio.sleep(0.2)
    finally:
        await admin.close()


async def delete_topics(prefix: str) -> None:
    """Remove the topics of one run (their names start with its unique prefix)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    await admin.start()
    try:
        ours = [t for t in await admin.list_topics() if t.startswith(prefix)]
        if ours:
            await admin.delete_topics(ours)
    finally:
        await admin.close()


async def caught_up(bench: Bench, deadline_s: float = 600) -> None:
    """Wait until every consumer group of this run has read all its topics: what the
    setup left behind (e.g. training placing the roster) must not count in a phase."""
    prefix = bench.topic("")
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    reader = AIOKafkaConsumer(bootstrap_servers=KAFKA, enable_auto_commit=False)
    await admin.start()
    await reader.start()
    try:

        async def lag() -> int:
            total = 0
            for group, *_ in await admin.list_consumer_groups():
                if not str(group).startswith(prefix):
                    continue
                committed = await admin.list_consumer_group_offsets(group)
                # Every partition of the topics the group reads, not only those it has
                # committed on: one it has not reached yet is behind by all it holds.
                partitions = []
                for topic in {tp.topic for tp in committed}:
                    partitions += await partitions_of(topic)
                if partitions:
                    ends = await reader.end_offsets(partitions)
                    starts = await reader.beginning_offsets(partitions)
                    for tp in partitions:
                        mark = committed.get(tp)
                        position = (
                            mark.offset if mark is not None and mark.offset >= 0 else starts[tp]
                        )
                        total += max(ends[tp] - position, 0)
            return total

        give_up = time.monotonic() + deadline_s
        while (behind := await lag()) > 0:
            if time.monotonic() > give_up:
                raise RuntimeError(f"consumers still {behind:,} events behind")
            await asyncio.sleep(0.5)
    finally:
        await reader.stop()
        await admin.close()
    # A group that has not committed on a topic yet shows no lag there: the services
    # are also left until they are idle (a batch still being handled is not).
    await idle([s.process.pid for s in bench.system.services.values()], give_up_s=deadline_s)


async def idle(pids: list[int], *, give_up_s: float, below_cores: float = 0.05) -> None:
    """Wait until each process used less than ``below_cores`` for a whole second."""
    give_up = time.monotonic() + give_up_s
    while time.monotonic() < give_up:
        before = {pid: cpu_seconds(pid) for pid in pids}
        await asyncio.sleep(1.0)
        if all(cpu_seconds(pid) - used < below_cores for pid, used in before.items()):
            return
    raise RuntimeError(f"the services were still busy after {give_up_s:.0f} s")


class TopicWatcher:
    """Reads topics without a consumer group, from their current end (or beginning),
    and hands every record with its arrival time (time.monotonic()) to a callback."""

    def __init__(
        self,
        topics: list[str],
        on_record: Callable[[Record, float], None],
        *,
        from_end: bool = True,
    ) -> None:
        self._topics = topics
        self._on_record = on_record
        self._from_end = from_end
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=KAFKA,
            enable_auto_commit=False,
            # The client's own reset on assignment must agree with the seek that follows.
            auto_offset_reset="latest" if from_end else "earliest",
            fetch_max_wait_ms=100,
            max_partition_fetch_bytes=4 * 2**20,
        )
        self._task: asyncio.Task[None] | None = None
        self.records = 0
        self.failure: BaseException | None = None

    async def __aenter__(self) -> TopicWatcher:
        await self._consumer.start()
        assigned: list[TopicPartition] = []
        for topic in self._topics:
            assigned += await partitions_of(topic)
        self._consumer.assign(assigned)
        if self._from_end:
            for tp, offset in (await self._consumer.end_offsets(assigned)).items():
                self._consumer.seek(tp, offset)
        else:
            await self._consumer.seek_to_beginning(*assigned)
        self._task = asyncio.create_task(self._run(), name="topic-watcher")
        return self

    async def _run(self) -> None:
        try:
            while True:
                batch = await self._consumer.getmany(timeout_ms=100, max_records=5000)
                received = time.monotonic()
                for records in batch.values():
                    for record in records:
                        self.records += 1
                        self._on_record(record, received)
        except Exception as exc:
            self.failure = exc
            print(f"  topic watcher failed: {exc!r}")
            raise

    async def __aexit__(self, *_exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        await self._consumer.stop()


@dataclass
class Outcome:
    """What the output topics show of the sustained phase, per employee."""

    gaps_topic: str
    expected: dict[str, set[str]]
    final_ms: dict[str, int] = field(default_factory=dict)
    open_gaps: dict[str, int] = field(default_factory=dict)
    proposals: Counter[str] = field(default_factory=Counter)
    gaps_events: int = 0
    first_ms: int = 0
    last_ms: int = 0
    last_arrival: float = 0.0

    def on_record(self, record: Record, received: float) -> None:
        nip = (record.key or b"").decode()
        if nip not in self.expected:
            return
        self.first_ms = min(self.first_ms or record.timestamp, record.timestamp)
        self.last_arrival = received
        if record.topic == self.gaps_topic:
            self.gaps_events += 1
            gaps = data_of(record)["gaps"]
            assessed = [g for g in gaps if g["competency_code"] in self.expected[nip]]
            if assessed and all(g["current_level"] is not None for g in assessed):
                self.final_ms[nip] = max(self.final_ms.get(nip, 0), record.timestamp)
                self.open_gaps[nip] = sum(g["status"] == "open" for g in gaps)
                self.last_ms = max(self.last_ms, record.timestamp)
        elif event_type(record) == ProposalCreated.TYPE:
            self.proposals[nip] += 1
            self.last_ms = max(self.last_ms, record.timestamp)

    @property
    def proposals_missing(self) -> int:
        return sum(max(n - self.proposals[nip], 0) for nip, n in self.open_gaps.items())

    @property
    def all_final(self) -> bool:
        return len(self.final_ms) == len(self.expected)

    def done(self) -> bool:
        if not self.all_final:
            return False
        # Every open gap has its proposal; or nothing moved for 10 s (then reported).
        return not self.proposals_missing or time.monotonic() - self.last_arrival > 10

    def progress(self) -> str:
        return (
            f"{len(self.final_ms):,}/{len(self.expected):,} employees recalculated, "
            f"{self.proposals.total():,} proposals, {self.proposals_missing:,} still expected"
        )


def event_type(record: Record) -> str:
    for name, value in record.headers or ():
        if name == "ce_type":
            return str(value.decode())
    return ""


def data_of(record: Record) -> dict[str, Any]:
    return dict(json.loads(record.value or b"{}"))


async def until(
    done: Callable[[], bool],
    *,
    deadline_s: float,
    what: str,
    progress: Callable[[], str] | None = None,
    every_s: float = 10.0,
) -> None:
    """Wait until ``done()``, printing progress now and then; fail after the deadline."""
    started = last = time.monotonic()
    while not done():
        now = time.monotonic()
        if now - started > deadline_s:
            detail = f" ({progress()})" if progress else ""
            raise RuntimeError(f"{what} not reached within {deadline_s:.0f} s{detail}")
        if progress is not None and now - last >= every_s:
            print(f"    ... {progress()} after {now - started:.0f} s")
            last = now
        await asyncio.sleep(0.05)


# ---------------------------------------------------------------------------- figures


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of unsorted values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(math.ceil(q / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


# ---------------------------------------------------------------------------- profiles

PROFILES = RESULTS / "profiles"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def group_cpu_seconds() -> dict[str, dict[int, float]]:
    """CPU seconds so far of the shared infrastructure's processes, per pid: every
    PostgreSQL process (all databases, other users' too) and the Kafka broker(s)."""
    found: dict[str, dict[int, float]] = {"postgres (shared)": {}, "kafka (shared)": {}}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            if comm == "postgres":
                group = "postgres (shared)"
            elif comm == "java" and b"kafka.Kafka" in (entry / "cmdline").read_bytes():
                group = "kafka (shared)"
            else:
                continue
            found[group][int(entry.name)] = cpu_seconds(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return found


def every_process_cpu_seconds() -> dict[int, tuple[str, float]]:
    """(name, CPU seconds so far) of every process on the machine."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (
                    (entry / "comm").read_text().strip(),
                    cpu_seconds(int(entry.name)),
                )
            except OSError:
                continue  # gone meanwhile
    return found


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


class Profiler:
    """While a phase runs: the CPU each service process used (cores) and how busy the
    whole machine was, always; with ``enabled``, py-spy record on the services too
    (samples of the thread holding the GIL, i.e. where Python spends CPU), written as
    collapsed stacks and a summary of the top frames into bench/results/profiles/."""

    def __init__(self, enabled: bool, scenario: str) -> None:
        self.enabled = enabled
        self.scenario = scenario
        self.summaries: dict[str, Path] = {}
        self.cpu: dict[str, dict[str, float]] = {}

    @asynccontextmanager
    async def record(
        self, phase: str, pids: dict[str, int], *, rate: int = 100
    ) -> AsyncIterator[None]:
        running: dict[str, tuple[asyncio.subprocess.Process, Path]] = {}
        if self.enabled:
            PROFILES.mkdir(parents=True, exist_ok=True)
            spy = Path(sys.executable).parent / "py-spy"
            for name, pid in pids.items():
                raw = PROFILES / f"{self.scenario}-{phase}-{name}.collapsed"
                command = ["record", "--pid", str(pid), "--rate", str(rate), "--gil"]
                command += ["--format", "raw", "--output", str(raw)]
                process = await asyncio.create_subprocess_exec(
                    spy,
                    *command,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                )
                running[name] = (process, raw)
            await asyncio.sleep(0.5)  # let py-spy attach
        pids = {**pids, "bench (this process)": os.getpid()}
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        groups_before = group_cpu_seconds()
        everyone_before = every_process_cpu_seconds()
        busy_before, total_before = machine_busy_seconds()
        started = time.monotonic()
        try:
            yield
        finally:
            wall = time.monotonic() - started
            usage = {name: (cpu_seconds(pid) - before[name]) / wall for name, pid in pids.items()}
            for group, now in group_cpu_seconds().items():
                earlier = groups_before[group]
                used = sum(cpu - earlier.get(pid, 0.0) for pid, cpu in now.items())
                usage[group] = used / wall
            # The busiest processes not named above (what else shared the machine).
            named = set(pids.values()) | {pid for group in groups_before.values() for pid in group}
            others: dict[str, float] = {}
            for pid, (name, cpu) in every_process_cpu_seconds().items():
                if pid not in named:
                    earlier_cpu = everyone_before.get(pid, (name, 0.0))[1]
                    others[name] = others.get(name, 0.0) + (cpu - earlier_cpu) / wall
            for name, cores in sorted(others.items(), key=lambda item: -item[1])[:2]:
                if cores >= 0.02:
                    usage[f"other: {name}"] = cores
            busy, total = machine_busy_seconds()
            usage["machine (all processes)"] = (
                (busy - busy_before) / (total - total_before) * (os.cpu_count() or 1)
            )
            self.cpu[phase] = usage
            print(
                f"  CPU during {phase} (cores): "
                + ", ".join(f"{name} {cores:.2f}" for name, cores in usage.items())
            )
            for process, _ in running.values():
                process.send_signal(signal.SIGINT)
            for name, (process, raw) in running.items():
                _, errors = await process.communicate()
                if not raw.exists():
                    print(f"  py-spy on {name} wrote nothing: {errors.decode()[-500:]}")
                    continue
                summary = raw.with_suffix(".txt")
                title = f"{self.scenario} {phase}: {name} ({usage[name]:.2f} cores busy)"
                summary.write_text(summarise(raw.read_text(), title))
                self.summaries[f"{phase}-{name}"] = summary
                print(f"  profile of {name}: {summary.relative_to(RESULTS.parent.parent)}")

    def row(self, phase: str) -> tuple[str, str, str]:
        """A results-table row: the cores each process used during ``phase``."""
        usage = self.cpu.get(phase, {})
        text = ", ".join(f"{name} {cores:.2f}" for name, cores in usage.items())
        return (f"CPU during {phase} (cores)", text or "not measured", "")

    def figures(self) -> dict[str, Any]:
        return {
            "cpu_cores": self.cpu,
            "profiles": {k: str(v) for k, v in self.summaries.items()},
        }


# py-spy names files relative to the import root: platform/..., recommendation/...
BANGKOM_PACKAGES = {"platform", "evaluation", "training", "survey", "recommendation"}


def _function(frame: str) -> str:
    """'name (path/file.py:12)' -> 'name (path/file.py)'."""
    name, _, where = frame.rpartition(" (")
    return f"{name} ({where.rsplit(':', 1)[0]})" if name else frame


def _package(frame: str) -> str:
    where = frame.rpartition(" (")[2].rstrip(")")
    first = where.split("/", 1)[0]
    return first.removesuffix(".py") if "/" in where or first.endswith(".py") else where


def summarise(collapsed: str, title: str, top: int = 25) -> str:
    """Self time per package and per function, inclusive time per bangkom function."""
    total = 0
    own_package: Counter[str] = Counter()
    own_function: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    greenlet_roots: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own_package[_package(frames[-1])] += count
        own_function[_function(frames[-1])] += count
        for function in {_function(f) for f in frames}:
            if _package(function) in BANGKOM_PACKAGES:
                inclusive[function] += count
        if not frames[0].startswith(("_run_module_as_main", "<module>")):
            greenlet_roots[_function(frames[0])] += count
    if not total:
        return f"{title}: no samples\n"

    def table(heading: str, counts: Counter[str]) -> list[str]:
        rows = [f"\n{heading}", "   %   samples  frame"]
        rows += [f"{100 * n / total:5.1f} {n:8d}  {f}" for f, n in counts.most_common(top)]
        return rows

    lines = [f"{title}: {total} samples (py-spy --gil: the thread holding the GIL)"]
    lines += table("self time by package", own_package)
    lines += table("self time by function", own_function)
    lines += table("inclusive time, bangkom functions", inclusive)
    # SQLAlchemy's async layer runs the ORM in greenlets: py-spy shows those stacks
    # without their bangkom callers, rooted at the ORM call that entered the greenlet.
    lines += table("stacks cut at a greenlet, by the ORM call at their root", greenlet_roots)
    return "\n".join(lines) + "\n"


def top_lines(summary: Path, per_table: int = 8) -> str:
    """The first rows of each table of a summary, for printing."""
    out: list[str] = []
    taken = 0
    for line in summary.read_text().splitlines():
        if not line.strip():
            continue
        if not line.startswith((" ", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")):
            out.append(line)
            taken = 0
            continue
        if line.lstrip().startswith("%"):
            out.append(line)
            continue
        if taken < per_table:
            out.append(line)
            taken += 1
    return "\n".join(out)
