"""One fault campaign: the infrastructure, the four services as processes, the world
set up through the APIs, the load with the faults on their schedule, the drain, and
the accounting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from bench.faults.accounting import Accounting, Check, Databases
from bench.faults.faults import CONSUMES, Fault, Injector, Plan
from bench.faults.infra import KafkaCluster, PrivatePostgres
from bench.faults.load import Api, Ledger, LoadGenerator, Rates
from bench.faults.poison import poison_checks, send_poison
from bench.faults.topics import Topics, read_all
from bench.faults.world import AGENCIES, WIB, World
from tests.infra import group_lag
from tests.processes import System, running_system

BUSIEST_TOPICS = [
    "bangkom.evaluation.results.v1",
    "bangkom.recommendation.gaps.v1",
    "bangkom.recommendation.proposals.v1",
]


@dataclass(frozen=True)
class Settings:
    seed: int = 14
    duration_s: float = 120.0
    kills: int = 4
    broker_kills: int = 1
    broker_pauses: int = 1
    db_restarts: int = 1
    pause_s: float = 30.0
    broker_down_s: float = 15.0
    assessed: int = 120
    enrolled: int = 40
    import_size: int = 300  # employees per roster import started for a mid-import kill
    backlog: int = 10_000  # events in evaluation's outbox for the backlog restart
    rates: Rates = field(default_factory=Rates)
    drain_deadline_s: float = 300.0
    # Once the load stops, the system settles within this: every fault healed long ago.
    drained_within_s: float = 120.0

    @property
    def plan(self) -> Plan:
        return Plan(
            seed=self.seed,
            duration_s=self.duration_s,
            kills=self.kills,
            broker_kills=self.broker_kills,
            broker_pauses=self.broker_pauses,
            db_restarts=self.db_restarts,
            pause_s=self.pause_s,
            broker_down_s=self.broker_down_s,
        )

    @property
    def imports(self) -> int:
        mid_import = sum(1 for f in self.plan.faults() if f.params.get("mode") == "mid_import")
        return mid_import + 1  # one more, started with the load


# The campaign of issue 14: 100 kills, 10 broker kills and 10 pauses of 30 s, 5
# restarts of the database (one with a backlog of 10,000 events in an outbox).
LONG = Settings(
    duration_s=40 * 60,
    kills=100,
    broker_kills=10,
    broker_pauses=10,
    db_restarts=5,
    pause_s=30.0,
    assessed=600,
    enrolled=200,
    import_size=300,
    backlog=10_000,
)
# A few of each kind in a few minutes, with the same accounting (tests/faults/, in CI).
SHORT = Settings(
    duration_s=75,
    kills=4,
    broker_kills=1,
    broker_pauses=1,
    db_restarts=1,
    pause_s=10.0,
    broker_down_s=8.0,
    assessed=80,
    enrolled=30,
    import_size=300,
    backlog=300,
)


@dataclass
class Outcome:
    settings: Settings
    started: datetime
    wall_s: float
    faults: list[Fault]
    ledger: Ledger
    checks: list[Check]
    drain: dict[str, Any]
    dead_letters: dict[str, int]
    recovery: dict[str, list[float]]
    topics_resent: int

    @property
    def passed(self) -> bool:
        return all(c.ok for c in self.checks)


def log(message: str) -> None:
    print(f"[faults {datetime.now():%H:%M:%S}] {message}", flush=True)


@asynccontextmanager
async def infrastructure() -> AsyncIterator[tuple[PrivatePostgres, KafkaCluster]]:
    postgres, cluster = PrivatePostgres(), KafkaCluster()
    await asyncio.to_thread(postgres.start)
    try:
        await asyncio.to_thread(cluster.start)
        try:
            yield postgres, cluster
        finally:
            await asyncio.to_thread(cluster.stop)
    finally:
        await asyncio.to_thread(postgres.stop)


def _tokens(system: System) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    return {
        "admin": mint_dev_token(settings, subject="faults", roles=[Role.PROVINCE_ADMIN]),
        "operator": mint_dev_token(
            settings, subject="operator", roles=[Role.AGENCY_OPERATOR], agencies=list(AGENCIES)
        ),
    }


async def run(settings: Settings, workdir: Path) -> Outcome:
    started, clock = datetime.now(UTC), time.monotonic()
    await asyncio.to_thread(workdir.mkdir, parents=True, exist_ok=True)
    world = World(
        settings.seed,
        assessed=settings.assessed,
        enrolled=settings.enrolled,
        imported=settings.import_size * settings.imports + settings.backlog,
    )
    extra_env = {
        "BANGKOM_EVALUATION_IMPORT_SPOOL_DIR": str(workdir / "spool"),
        **{f"BANGKOM_{s.upper()}_LOG_LEVEL": "WARNING" for s in CONSUMES},
    }
    async with infrastructure() as (postgres, cluster):
        log(f"PostgreSQL on {postgres.port}, Kafka {cluster.bootstrap}")
        async with running_system(
            workdir,
            extra_env=extra_env,
            kafka=cluster.bootstrap,
            postgres=postgres.url,
            replication_factor=3,
        ) as system:
            databases = Databases({n: s.database_url for n, s in system.services.items()})
            api = Api({n: s.url for n, s in system.services.items()}, _tokens(system), Ledger())
            try:
                return await _campaign(
                    settings, world, system, cluster, postgres, api, databases, started, clock
                )
            finally:
                await api.close()
                await databases.close()


async def _campaign(
    settings: Settings,
    world: World,
    system: System,
    cluster: KafkaCluster,
    postgres: PrivatePostgres,
    api: Api,
    databases: Databases,
    started: datetime,
    clock: float,
) -> Outcome:
    load = LoadGenerator(api, world, settings.rates, settings.seed)
    await _set_up(api, world, load, databases)
    chunks = _import_chunks(world, settings)

    async def start_import(backlog: bool) -> str | None:
        people = chunks["backlog" if backlog else "small"].pop(0)
        command = await load.import_roster(people)
        return command.response["id"] if command.outcome == "accepted" else None

    async def import_status(job: str) -> str | None:
        rows = await databases.rows(
            "evaluation", "SELECT status FROM import_job WHERE id = :id", id=job
        )
        return str(rows[0]["status"]) if rows else None

    injector = Injector(
        system,
        cluster,
        postgres,
        busiest_topics=BUSIEST_TOPICS,
        backlog=settings.backlog,
        start_import=start_import,
        import_status=import_status,
        log=log,
    )
    faults = settings.plan.faults()
    for fault in faults:
        if fault.kind == "broker_pause":
            fault.params["pause_s"] = settings.pause_s
        if fault.kind == "broker_kill":
            fault.params["down_s"] = settings.broker_down_s

    stop = asyncio.Event()
    log(f"load for {settings.duration_s:.0f} s with {len(faults)} faults")
    load.start(stop)
    load_started = time.monotonic()
    await start_import(False)  # the roster import of the mix
    poison = await send_poison(
        cluster.bootstrap, system.topic_prefix, {t for read in CONSUMES.values() for t in read}
    )
    log(f"poison: {len(poison)} records on {len({p.topic for p in poison})} topics")
    for fault in faults:
        delay = load_started + fault.due_s - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await injector.inject(fault)
        healed = (fault.healed_at or 0) - (fault.injected_at or 0)
        log(f"{fault.label} {fault.note} healed in {healed:.1f} s")
    rest = load_started + settings.duration_s - time.monotonic()
    if rest > 0:
        await asyncio.sleep(rest)
    stop.set()
    await load.wait()
    await _close_survey(api, load)
    log(f"load stopped: {_tally(api.ledger)}")
    drain = await _drain(system, cluster, databases, settings.drain_deadline_s)
    log(f"drained: {drain}")
    topics = await read_all(cluster.bootstrap, system.topic_prefix)
    checks = await Accounting(world, api.ledger, topics, databases).run()
    checks += _drain_checks(drain, settings.drained_within_s)
    checks += poison_checks(poison, topics.poison, CONSUMES)
    checks.append(_no_dead_letters_of_the_load(topics))
    return Outcome(
        settings=settings,
        started=started,
        wall_s=time.monotonic() - clock,
        faults=faults,
        ledger=api.ledger,
        checks=checks,
        drain=drain,
        dead_letters=_dead_letters(topics),
        recovery=_recovery(faults, api.ledger, topics),
        topics_resent=topics.resent(),
    )


def _import_chunks(world: World, settings: Settings) -> dict[str, list[list[Any]]]:
    imported = world.cohort("imported")
    backlog, small = imported[: settings.backlog], imported[settings.backlog :]
    size = settings.import_size
    return {
        "backlog": [backlog] if backlog else [],
        "small": [small[i : i + size] for i in range(0, len(small), size)],
    }


async def _set_up(api: Api, world: World, load: LoadGenerator, databases: Databases) -> None:
    """Reference data, catalog, first roster and an open survey, before any fault."""
    for body in world.agency_bodies():
        await _must(api.command("setup", "evaluation", "PUT", "/agencies", body, json=body))
    for body in world.position_bodies():
        await _must(api.command("setup", "evaluation", "PUT", "/positions", body, json=body))
    for body in world.course_bodies():
        await _must(api.command("setup", "training", "PUT", "/courses", body, json=body))
    today = datetime.now(WIB).date()
    for body in world.session_bodies(today):
        await _must(api.command("setup", "training", "PUT", "/sessions", body, json=body))
    roster = world.first_roster
    command = await load.import_roster(roster)
    if command.outcome != "accepted":
        raise RuntimeError(f"first roster import refused: {command.response}")
    positions = len(world.required)
    await _until(
        databases,
        [
            ("recommendation", "SELECT count(*) FROM gap", len(roster) * 9),
            ("recommendation", "SELECT count(*) FROM course", 9),
            ("training", "SELECT count(*) FROM employee", len(roster)),
            ("survey", "SELECT count(*) FROM employee", len(roster)),
            ("survey", "SELECT count(*) FROM position_standard", positions),
            (
                "survey",
                f"SELECT count(*) FROM agency WHERE code = '{load.survey_agency}' AND active",
                1,
            ),
        ],
        what="the first roster everywhere",
    )
    respondents = [p for p in roster if p.agency_code == load.survey_agency]
    body = {"title": "AKP 2027", "period": "2027", "agency_codes": [load.survey_agency]}
    planned = await _must(
        api.command("setup", "survey", "POST", "/surveys", body, who="operator", json=body)
    )
    survey_id = planned["id"]
    give_up = time.monotonic() + 60
    while True:
        found = await api.read("survey", f"/surveys/{survey_id}", who="operator")
        if found and found["respondents_preview"] == len(respondents):
            break
        if time.monotonic() > give_up:
            raise RuntimeError(f"survey sees {found and found['respondents_preview']} respondents")
        await asyncio.sleep(0.5)
    await _must(
        api.command("setup", "survey", "POST", f"/surveys/{survey_id}/open", {}, who="operator")
    )
    load.survey_id = survey_id
    log(f"set up: {len(roster)} employees, survey {survey_id[:8]} open")


async def _must(pending: Any) -> Any:
    command = await pending
    if command.outcome != "accepted":
        raise RuntimeError(f"set-up {command.inputs}: {command.status} {command.response}")
    return command.response


async def _until(
    databases: Databases, wanted: list[tuple[str, str, int]], what: str, deadline_s: float = 180
) -> None:
    give_up = time.monotonic() + deadline_s
    while True:
        counts = [int(await databases.scalar(s, sql) or 0) for s, sql, _ in wanted]
        if all(c >= n for c, (_, _, n) in zip(counts, wanted, strict=True)):
            return
        if time.monotonic() > give_up:
            raise RuntimeError(f"{what} not reached: {counts} of {[n for *_, n in wanted]}")
        await asyncio.sleep(0.5)


async def _close_survey(api: Api, load: LoadGenerator) -> None:
    if load.survey_id is not None:
        await api.command(
            "survey_close",
            "survey",
            "POST",
            f"/surveys/{load.survey_id}/close",
            {"survey_id": load.survey_id},
            who="operator",
        )


def _tally(ledger: Ledger) -> str:
    counts = ledger.tally()
    kinds = sorted({k for k, _ in counts})
    return ", ".join(
        f"{k} {counts[(k, 'accepted')]}"
        + (f" (+{counts[(k, 'ambiguous')]} ambiguous)" if counts[(k, "ambiguous")] else "")
        for k in kinds
    )


async def _drain(
    system: System, cluster: KafkaCluster, databases: Databases, deadline_s: float
) -> dict[str, Any]:
    """Until every outbox is empty, every group has committed everything and nothing
    waits for a recalculation, three times in a row a second apart."""
    give_up = time.monotonic() + deadline_s
    started = time.monotonic()
    calm = 0
    next_report = started + 15.0
    figures: dict[str, Any] = {}
    while True:
        unsent = {
            name: int(await databases.scalar(name, "SELECT count(*) FROM outbox") or 0)
            for name in system.services
        }
        lag = {}
        for name, consumed in CONSUMES.items():
            topics = [f"{system.topic_prefix}{t}" for t in consumed]
            group = f"{system.topic_prefix}bangkom.{name}"
            lag[name] = await group_lag(group, topics, bootstrap=cluster.bootstrap)
        pending = int(
            await databases.scalar("recommendation", "SELECT count(*) FROM pending_recalculation")
            or 0
        )
        figures = {"unsent": unsent, "lag": lag, "pending_recalculations": pending}
        quiet = not any(unsent.values()) and not any(lag.values()) and not pending
        calm = calm + 1 if quiet else 0
        if calm >= 3:
            figures["drained_in_s"] = round(time.monotonic() - started, 1)
            return figures
        if time.monotonic() > give_up:
            figures["drained_in_s"] = None
            return figures
        if not quiet and time.monotonic() >= next_report:
            log(f"draining for {time.monotonic() - started:.0f} s: {figures}")
            next_report += 15.0
        await asyncio.sleep(1.0)


def _drain_checks(drain: dict[str, Any], within_s: float) -> list[Check]:
    unsent = sum(drain["unsent"].values())
    lag = sum(drain["lag"].values())
    took = drain["drained_in_s"]
    settled = Check(f"drained within {within_s:.0f} s of the load's end", 1, 0)
    if took is not None and took <= within_s:
        settled.found = 1
    else:
        settled.wrong = 1  # something stalls after the faults healed: a liveness bug
        settled.example(f"drained in {took} s" if took is not None else "never drained")
    return [
        Check("outboxes empty (unsent events)", 0, unsent, lost=unsent, note=str(drain["unsent"])),
        Check("consumer lag 0 (records not committed)", 0, lag, lost=lag, note=str(drain["lag"])),
        settled,
    ]


def _dead_letters(topics: Topics) -> dict[str, int]:
    found: dict[str, int] = {}
    for record in [*topics.records, *topics.poison]:
        if record.topic.endswith(".dlq"):
            found[record.topic] = found.get(record.topic, 0) + 1
    return found


def _no_dead_letters_of_the_load(topics: Topics) -> Check:
    """The load's own events are all handled: a dead letter of one is an effect lost."""
    letters = [r for r in topics.records if r.topic.endswith(".dlq")]
    check = Check("dead letters of the load's own events", 0, len(letters), lost=len(letters))
    for record in letters:
        check.example(f"{record.topic}: {record.headers.get('dlq.error.message', '')[:200]}")
    return check


def _recovery(faults: list[Fault], ledger: Ledger, topics: Topics) -> dict[str, list[float]]:
    """Per fault kind, seconds from the fault to the first new effect after it: for a
    killed service, its first accepted command or its first event; for a broker, the
    first record appended to a partition it led; for the database, the first accepted
    command. (Kafka's record timestamps are the producer's: a record made before a
    new leader took over carries a time before it, so broker faults are timed by a
    watcher reading the partitions the broker led.)"""
    by_kind: dict[str, list[float]] = {}
    for fault in faults:
        at = fault.injected_at
        if at is None:
            continue
        candidates: list[float] = []
        if fault.kind == "service_kill":
            first = ledger.effects_after(fault.target, at)
            if first is not None:
                candidates.append(first)
            source = f"/bangkom/{fault.target}"
            candidates += [
                r.timestamp_ms / 1000
                for r in topics.records
                if r.source == source and r.timestamp_ms / 1000 > at
            ]
        elif fault.kind in ("broker_kill", "broker_pause"):
            if fault.first_effect_at is not None:
                candidates.append(fault.first_effect_at)
        else:
            first = ledger.effects_after(None, at, sent_after=True)
            if first is not None:
                candidates.append(first)
        if candidates:
            by_kind.setdefault(fault.kind, []).append(round(min(candidates) - at, 3))
    return by_kind
