"""A steady mixed load through the public APIs, and the ledger of every command.

Each command is kept with its inputs and its fate:
- ``accepted``: a 2xx came back (perhaps after attempts whose answer was lost);
- ``refused``: a 4xx came back and no earlier attempt went unanswered: no effect;
- ``ambiguous``: an attempt went unanswered (the process was killed, the database
  restarted) and then the answer was a refusal (e.g. 409: done already) or none came
  before the deadline. Its effect may exist; the accounting decides from the databases
  whether it does, and requires it at most once.

A command whose answer is lost is sent again with the same inputs, the way a careful
client retries. Nothing here reads what the services computed, except to choose what
to do next (which proposals are waiting for a decision, which enrolments to complete).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bench.faults.world import COMPETENCIES, WIB, Employee, World, session_code

METHODS = ("assessment_center", "cat", "360", "supervisor", "self")
RETRYABLE = {500, 502, 503, 504}


@dataclass
class Command:
    kind: str
    service: str
    inputs: dict[str, Any]
    sent_at: float  # time.time()
    outcome: str = "pending"  # accepted | refused | ambiguous
    status: int | None = None
    answered_at: float | None = None
    attempts: int = 0
    lost_answers: int = 0
    response: Any = None


@dataclass
class Ledger:
    commands: list[Command] = field(default_factory=list)

    def of(self, kind: str, *outcomes: str) -> list[Command]:
        return [
            c for c in self.commands if c.kind == kind and (not outcomes or c.outcome in outcomes)
        ]

    def tally(self) -> Counter[tuple[str, str]]:
        return Counter((c.kind, c.outcome) for c in self.commands)

    def effects_after(
        self, service: str | None, moment: float, *, sent_after: bool = False
    ) -> float | None:
        """When the first command answered after ``moment`` (and, with ``sent_after``,
        sent after it) was accepted (by ``service``)."""
        times = [
            c.answered_at
            for c in self.commands
            if c.outcome == "accepted"
            and c.answered_at is not None
            and c.answered_at > moment
            and (c.sent_at >= moment or not sent_after)
            and (service is None or c.service == service)
        ]
        return min(times, default=None)


class Api:
    """HTTP with the careful client's retries, every command in the ledger."""

    def __init__(
        self,
        urls: dict[str, str],
        tokens: dict[str, str],
        ledger: Ledger,
        *,
        deadline_s: float = 90.0,
    ) -> None:
        self._urls = urls
        self._tokens = tokens
        self.ledger = ledger
        self._deadline_s = deadline_s
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(15.0, connect=3.0),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def close(self) -> None:
        await self._http.aclose()

    def headers(self, who: str = "admin") -> dict[str, str]:
        return {"Authorization": f"Bearer {self._tokens[who]}"}

    async def read(self, service: str, path: str, who: str = "admin", **params: Any) -> Any:
        """A query: retried until it answers 200 (None if it never does in time)."""
        give_up = time.monotonic() + self._deadline_s
        while time.monotonic() < give_up:
            try:
                response = await self._http.get(
                    self._urls[service] + path, headers=self.headers(who), params=params
                )
                if response.status_code == 200:
                    return response.json()
                if response.status_code not in RETRYABLE:
                    return None
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
        return None

    async def command(
        self,
        kind: str,
        service: str,
        method: str,
        path: str,
        inputs: dict[str, Any],
        *,
        who: str = "admin",
        json: Any = None,
        files: dict[str, Any] | None = None,
    ) -> Command:
        command = Command(kind, service, inputs, time.time())
        self.ledger.commands.append(command)
        give_up = time.monotonic() + self._deadline_s
        backoff = 0.2
        while True:
            command.attempts += 1
            try:
                response = await self._http.request(
                    method,
                    self._urls[service] + path,
                    headers=self.headers(who),
                    json=json,
                    files=files,
                )
            except httpx.HTTPError:
                response = None
            if response is not None and response.status_code not in RETRYABLE:
                command.status = response.status_code
                command.answered_at = time.time()
                if response.is_success:
                    command.outcome = "accepted"
                    command.response = response.json() if response.content else None
                else:
                    command.outcome = "ambiguous" if command.lost_answers else "refused"
                    command.response = response.text[:500]
                return command
            command.lost_answers += 1
            if time.monotonic() > give_up:
                command.outcome = "ambiguous"
                command.status = response.status_code if response is not None else None
                return command
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 2.0)


@dataclass
class Rates:
    """Commands per second of each kind (the steady mix)."""

    results: float = 3.0
    batches: float = 0.7
    decisions: float = 1.0
    enrolments: float = 0.5
    completions: float = 0.5
    answers: float = 0.7


class LoadGenerator:
    def __init__(self, api: Api, world: World, rates: Rates, seed: int) -> None:
        self.api = api
        self.world = world
        self.rates = rates
        self.rng = random.Random(seed)
        self._tick = 0  # makes every evaluated_at of the run distinct
        self._base = datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
        self._decided: set[str] = set()
        self._completed: set[str] = set()
        self._enrolled: set[str] = set()
        self._answering: set[str] = set()
        self.today = datetime.now(WIB).date()
        self.survey_id: str | None = None
        self.import_job: str | None = None
        self.tasks: list[asyncio.Task[None]] = []

    # --------------------------------------------------------------------- inputs

    def evaluated_at(self) -> str:
        """Distinct for every result of the run: precedence never falls to result ids."""
        self._tick += 1
        return (self._base + timedelta(seconds=7 * self._tick)).isoformat()

    def _result(self, person: Employee, competency: str, at: str) -> dict[str, Any]:
        return {
            "nip": person.nip,
            "competency_code": competency,
            "level": self.rng.randint(1, 5),
            "method": self.rng.choice(METHODS),
            "evaluated_at": at,
        }

    # --------------------------------------------------------------------- actors

    async def one_result(self) -> None:
        person = self.rng.choice(self.world.cohort("assessed"))
        body = self._result(person, self.rng.choice(COMPETENCIES), self.evaluated_at())
        await self.api.command("result", "evaluation", "POST", "/results", body, json=body)

    async def one_batch(self) -> None:
        person = self.rng.choice(self.world.cohort("assessed"))
        at = self.evaluated_at()
        body = {"results": [self._result(person, c, at) for c in COMPETENCIES]}
        await self.api.command(
            "results_batch", "evaluation", "POST", "/results/batch", body, json=body
        )

    async def some_decisions(self) -> None:
        page = await self.api.read(
            "recommendation", "/proposals", who="operator", status="proposed", limit=20
        )
        for proposal in (page or {}).get("items", []):
            if proposal["id"] in self._decided:
                continue
            self._decided.add(proposal["id"])
            decision = "accepted" if self.rng.random() < 0.7 else "rejected"
            body = {"decision": decision}
            if decision == "rejected":
                body["reason"] = "anggaran tahun ini sudah habis"
            inputs = {
                "proposal_id": proposal["id"],
                "decision": decision,
                "nip": proposal["nip"],
                "competency_code": proposal["competency_code"],
                "course_code": proposal["course_code"],
            }
            await self.api.command(
                "decision",
                "recommendation",
                "POST",
                f"/proposals/{proposal['id']}/decision",
                inputs,
                who="operator",
                json=body,
            )
            return  # one decision per tick: the rate is the actor's

    async def one_enrolment(self) -> None:
        waiting = [p for p in self.world.cohort("enrolled") if p.nip not in self._enrolled]
        if not waiting:
            return
        person = self.rng.choice(waiting)
        self._enrolled.add(person.nip)
        # Today's session while its enrolment is open, else tomorrow's.
        batch = 1 if datetime.now(WIB).date() == self.today else 2
        body = {
            "session_code": session_code(self.rng.choice(COMPETENCIES), batch),
            "nip": person.nip,
        }
        await self.api.command("enrolment", "training", "POST", "/enrolments", body, json=body)

    async def one_completion(self) -> None:
        page = await self.api.read("training", "/enrolments", status="enrolled", limit=100)
        started = {"01"} if datetime.now(WIB).date() == self.today else {"01", "02"}
        candidates = [
            e
            for e in (page or {}).get("items", [])
            if e["id"] not in self._completed and e["session_code"][-2:] in started
        ]
        if not candidates:
            return
        enrolment = self.rng.choice(candidates)
        self._completed.add(enrolment["id"])
        inputs = {
            "enrolment_id": enrolment["id"],
            "nip": enrolment["nip"],
            "course_code": enrolment["course_code"],
            "session_code": enrolment["session_code"],
            "proposal_id": enrolment.get("proposal_id"),
        }
        await self.api.command(
            "completion",
            "training",
            "POST",
            f"/enrolments/{enrolment['id']}/completion",
            inputs,
            json={"outcome": "passed", "score": 80},
        )

    async def one_answer(self) -> None:
        if self.survey_id is None:
            return
        respondents = [
            p
            for p in self.world.first_roster
            if p.agency_code == self.survey_agency and p.nip not in self._answering
        ]
        if not respondents:
            return
        person = self.rng.choice(respondents)
        self._answering.add(person.nip)  # one answer of a person at a time: the last wins
        answers = [
            {
                "competency_code": c,
                "importance": self.rng.randint(1, 5),
                "self_level": self.rng.randint(1, 5),
                "learning_mode": self.rng.choice(["klasikal", "e_learning"]),
            }
            for c in COMPETENCIES
        ]
        body = {"answers": answers}
        try:
            await self.api.command(
                "survey_answer",
                "survey",
                "PUT",
                f"/surveys/{self.survey_id}/responses/{person.nip}",
                {"survey_id": self.survey_id, "nip": person.nip, "answers": answers},
                who="operator",
                json=body,
            )
        finally:
            self._answering.discard(person.nip)

    @property
    def survey_agency(self) -> str:
        return self.world.first_roster[0].agency_code

    # --------------------------------------------------------------------- running

    def start(self, stop: asyncio.Event) -> None:
        actors: list[tuple[str, float, Callable[[], Awaitable[None]]]] = [
            ("results", self.rates.results, self.one_result),
            ("batches", self.rates.batches, self.one_batch),
            ("decisions", self.rates.decisions, self.some_decisions),
            ("enrolments", self.rates.enrolments, self.one_enrolment),
            ("completions", self.rates.completions, self.one_completion),
            ("answers", self.rates.answers, self.one_answer),
        ]
        for name, rate, act in actors:
            if rate > 0:
                self.tasks.append(asyncio.create_task(_steady(act, rate, stop), name=name))

    async def wait(self) -> None:
        """Until every actor has ended (after ``stop``) with its command answered."""
        await asyncio.gather(*self.tasks)

    async def import_roster(self, people: list[Employee]) -> Command:
        """POST /imports/roster (202: the job runs in the background)."""
        content = World.roster_csv(people)
        command = await self.api.command(
            "roster_import",
            "evaluation",
            "POST",
            "/imports/roster",
            {"nips": [p.nip for p in people]},
            files={"file": ("roster.csv", content, "text/csv")},
        )
        if command.outcome == "accepted":
            self.import_job = command.response["id"]
        return command


async def _steady(act: Callable[[], Awaitable[None]], rate: float, stop: asyncio.Event) -> None:
    """Open loop at ``rate``: the next command is due at a fixed interval whatever the
    last one met (up to 8 in flight; a command waiting out a fault holds its slot)."""
    interval = 1.0 / rate
    slots = asyncio.Semaphore(8)
    running: set[asyncio.Task[None]] = set()

    async def one() -> None:
        try:
            await act()
        finally:
            slots.release()

    due = time.monotonic()
    while not stop.is_set():
        await slots.acquire()
        task = asyncio.create_task(one())
        running.add(task)
        task.add_done_callback(running.discard)
        due += interval
        delay = due - time.monotonic()
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
        else:
            due = time.monotonic()
    if running:
        await asyncio.gather(*running)
