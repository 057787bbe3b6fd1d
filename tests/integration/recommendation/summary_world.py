"""A small province for the analytics summaries' tests: four agencies, two positions, ten
employees, changed by the service's own event handlers (through the consumer's batch
hooks, as the consumer would), and the two ways of reading the current figures: the
summaries (``uow.analytics``) and the plain GROUP BY (``SqlAnalyticsStore``)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bangkom.kernel.calendar import local_date
from bangkom.kernel.jp import TARGET_JP
from bangkom.platform.catalog import CompletionRecorded, EmployeeUpdated, StandardPublished
from bangkom.platform.catalog.base import Event
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.clock import utc_now
from bangkom.platform.inject import inject_all
from bangkom.platform.service import Service
from bangkom.recommendation.adapters.analytics import SqlAnalyticsStore
from bangkom.recommendation.adapters.rebuild import clear_read_models
from bangkom.recommendation.bootstrap import batch_hooks, bootstrap
from bangkom.recommendation.config import RecommendationSettings
from bangkom.recommendation.domain.analytics import WIB
from bangkom.recommendation.handlers import EVENT_HANDLERS
from bangkom.recommendation.handlers.recalculation import Policy
from bangkom.recommendation.handlers.workers import recalculate_batch, refresh_summaries
from tests import factories
from tests.infra import a_database

AGENCIES = ("12.73.DINKES", "12.73.DINKES.P2P", "12.73.DISDIK", "12.71.BKPSDM")
SCOPES: tuple[frozenset[str] | None, ...] = (
    None,
    frozenset({"12.73"}),
    frozenset({"12.73.DINKES"}),
    frozenset({"12.71.BKPSDM", "12.73.DISDIK"}),
)
COMPETENCIES = {"M.01": "Integritas", "M.05": "Pelayanan Publik", "SK.01": "Perekat Bangsa"}
POSITIONS = ("P.A", "P.B", "P.NONE")  # P.NONE has no standard: its gaps stay as they were
THIS_YEAR = local_date(utc_now()).year
REPLAYING = Policy(propose=False)


@dataclass
class Person:
    nip: str
    agency: str
    position: str
    employment_type: str
    active: bool = True


@dataclass
class World:
    """The service and everything it was sent, so that a rebuild can send it again."""

    service: Service
    people: list[Person]
    sent: list[Event] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    ticks: int = 0

    def now(self) -> datetime:
        """A business time later than every one before, in this year (WIB)."""
        self.ticks += 1
        return datetime(THIS_YEAR, 1, 1, 1, tzinfo=WIB) + timedelta(minutes=self.ticks)

    async def send(self, *events: Event, policy: Policy | None = None) -> None:
        """The events in one transaction, as one batch of the consumer."""
        handlers = (
            self.service.event_handlers
            if policy is None
            else inject_all(EVENT_HANDLERS, {"policy": policy})
        )
        hooks = batch_hooks(policy or Policy())
        assert hooks.before is not None
        assert hooks.after is not None
        async with self.service.uow_factory() as uow:
            await hooks.before(uow, events)
            for event in events:
                for handler in handlers[type(event)]:
                    await handler(event, uow)
            await hooks.after(uow)
            await uow.commit()
        if policy is None:
            self.sent.extend(events)
        await self.recalculate(policy or Policy())

    async def recalculate(self, policy: Policy) -> None:
        """What a standard change queued, as the recalculation worker does it."""
        while await recalculate_batch(self.service.uow_factory, batch_size=3, policy=policy):
            pass

    async def refresh(self, limit: int = 100) -> int:
        """Summary worker passes until none is left to do; the agencies recomputed."""
        done = 0
        while found := await refresh_summaries(self.service.uow_factory, limit=limit):
            done += found
        return done

    async def clear(self) -> None:
        """What `python -m bangkom.recommendation rebuild` does first: empty."""
        await clear_read_models(self.service.database.engine)

    async def replay(self) -> None:
        """What it does then: every event again, proposing nothing."""
        for event in self.sent:
            await self.send(event, policy=REPLAYING)

    def standard(self, position: str, levels: Sequence[int]) -> StandardPublished:
        self.versions[position] = self.versions.get(position, 0) + 1
        return StandardPublished(
            position_code=position,
            position_name="Analis",
            agency_code="12",
            version=self.versions[position],
            levels=[
                StandardLevel(competency_code=code, competency_name=name, required_level=level)
                for (code, name), level in zip(COMPETENCIES.items(), levels, strict=False)
            ],
            published_at=self.now(),
        )

    def placed(self, person: Person) -> EmployeeUpdated:
        return EmployeeUpdated(
            nip=person.nip,
            name="Pegawai",
            employment_type=person.employment_type,
            agency_code=person.agency,
            position_code=person.position,
            active=person.active,
            changed_at=self.now(),
        )

    def result(self, person: Person, competency: str, level: int) -> Event:
        return factories.result_recorded(
            nip=person.nip,
            agency_code=person.agency,
            competency_code=competency,
            level=level,
            evaluated_at=self.now(),
        )

    def completion(self, person: Person, jp: int, *, failed: bool, last_year: bool) -> Event:
        at = self.now() - timedelta(days=40 if last_year else 0)
        return CompletionRecorded.model_validate(
            {
                "completion_id": f"c-{self.ticks}",
                "nip": person.nip,
                "agency_code": person.agency,
                "course_code": None,
                "outcome": "failed" if failed else "passed",
                "jp": jp,
                "mode": "klasikal",
                "competencies": [],
                "source": "certificate",
                "completed_at": at,
            }
        )


@asynccontextmanager
async def open_world(backend: str, tmp: Path, *, seed: int = 0) -> AsyncIterator[World]:
    """The service on ``backend`` with two standards and ten employees placed."""
    async with a_database(backend, tmp) as url:
        service = bootstrap(
            RecommendationSettings(database_url=url, auth_dev_key_file=tmp / "dev.pem")
        )
        try:
            await service.prepare()
            rng = random.Random(seed)
            people = [
                Person(
                    nip=factories.nip(pppk=i >= 8),
                    agency=rng.choice(AGENCIES),
                    position=rng.choice(POSITIONS[:2]),
                    employment_type="PPPK" if i >= 8 else "PNS",
                )
                for i in range(10)
            ]
            world = World(service, people)
            await world.send(world.standard("P.A", [3, 3, 2]), world.standard("P.B", [2, 4]))
            await world.send(*(world.placed(p) for p in people))
            yield world
        finally:
            await service.database.dispose()


async def figures(world: World, *, summarised: bool) -> dict[str, Any]:
    """Every current figure of every scope, as the summaries or the GROUP BY give them."""
    found: dict[str, Any] = {}
    async with world.service.uow_factory() as uow:
        store: Any = uow.analytics if summarised else SqlAnalyticsStore(uow.session)  # type: ignore[attr-defined]
        for scope in SCOPES:
            key = ",".join(sorted(scope)) if scope is not None else "*"
            for competency in (None, *COMPETENCIES):
                cells = await store.gap_cells(scope, competency_code=competency)
                found[f"cells {key} {competency}"] = sorted(cells, key=repr)
                found[f"employees {key} {competency}"] = await store.gap_employees(
                    scope, competency_code=competency
                )
            found[f"jpm {key}"] = sorted(await store.jpm_buckets(scope), key=repr)
            for year in (THIS_YEAR, THIS_YEAR - 1):
                compliance = await store.jp_compliance(scope, year=year, target=TARGET_JP)
                found[f"compliance {key} {year}"] = sorted(compliance, key=repr)
    return found


async def assert_agree(world: World, step: str = "") -> None:
    summed = await figures(world, summarised=True)
    grouped = await figures(world, summarised=False)
    differing = [k for k in grouped if summed[k] != grouped[k]]
    first = differing[0] if differing else ""
    assert not differing, f"after {step}: {differing}; {first}: {summed[first]} != {grouped[first]}"
