"""Every effect accounted for, once the system has drained: what the commands the load
generator got a 2xx for must have caused, computed from their inputs (and the world's
standards) with the kernel's rules, against what the four databases and the topics hold.

A row per effect: expected, found, lost (expected and absent), duplicated (present more
than once, or published as two different events), wrong (present but not what the
inputs say, or present without a cause). The campaign passes when lost, duplicated and
wrong are all zero.

Commands whose answer was lost (``ambiguous``) are looked up in the database of the
service they went to: applied ones count as expected (and must then be single), the
others must have left nothing.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bangkom.kernel.precedence import AssessmentMethod, precedence_of
from bench.faults.load import Ledger
from bench.faults.topics import Rec, Topics
from bench.faults.world import COMPETENCIES, ELEARNING_JP, World, course_code

ResultKey = tuple[str, str, str, datetime]  # nip, competency, method, evaluated_at


@dataclass
class Check:
    effect: str
    expected: int
    found: int
    lost: int = 0
    duplicated: int = 0
    wrong: int = 0
    note: str = ""
    examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lost == self.duplicated == self.wrong == 0

    def example(self, what: str) -> None:
        if len(self.examples) < 5:
            self.examples.append(what)


class Databases:
    """Plain SQL on each service's database (the accounting reads, never writes)."""

    def __init__(self, urls: Mapping[str, str]) -> None:
        self._engines = {
            name: create_async_engine(url, pool_pre_ping=True) for name, url in urls.items()
        }

    async def rows(self, service: str, sql: str, **params: Any) -> list[dict[str, Any]]:
        async with self._engines[service].connect() as connection:
            result = await connection.execute(text(sql), params)
            return [dict(row._mapping) for row in result]

    async def scalar(self, service: str, sql: str) -> Any:
        async with self._engines[service].connect() as connection:
            return await connection.scalar(text(sql))

    async def close(self) -> None:
        for engine in self._engines.values():
            await engine.dispose()


def _at(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _answers(answers: Any) -> list[tuple[Any, ...]]:
    """A response's answers as sent, whatever the service added to them."""
    if isinstance(answers, str):
        answers = json.loads(answers)
    return sorted(
        (a["competency_code"], a["importance"], a["self_level"], a["learning_mode"])
        for a in answers
    )


def _key(item: Mapping[str, Any]) -> ResultKey:
    return (item["nip"], item["competency_code"], item["method"], _at(item["evaluated_at"]))


@dataclass
class Expected:
    """What the accepted commands say must exist, built from their inputs."""

    results: dict[ResultKey, int] = field(default_factory=dict)  # -> level
    ambiguous_results: dict[ResultKey, int] = field(default_factory=dict)
    roster: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def current_levels(self) -> dict[tuple[str, str], int]:
        """The kernel's precedence over the results the inputs hold (every evaluated_at
        of a run is distinct, so the result id never decides)."""
        best: dict[tuple[str, str], tuple[Any, int]] = {}
        for (nip, competency, method, at), level in self.results.items():
            key = precedence_of(AssessmentMethod(method), at, "")
            held = best.get((nip, competency))
            if held is None or key > held[0]:
                best[(nip, competency)] = (key, level)
        return {k: level for k, (_, level) in best.items()}


class Accounting:
    def __init__(self, world: World, ledger: Ledger, topics: Topics, databases: Databases) -> None:
        self.world = world
        self.ledger = ledger
        self.topics = topics
        self.db = databases
        self.expected = Expected()
        self.checks: list[Check] = []

    # ------------------------------------------------------------------ inputs

    async def _collect_results(self) -> None:
        stored = {
            _key(r): r["level"]
            for r in await self.db.rows(
                "evaluation",
                "SELECT nip, competency_code, method, evaluated_at, level FROM assessment_result",
            )
        }
        for command in self.ledger.commands:
            if command.kind == "result":
                items = [command.inputs]
            elif command.kind == "results_batch":
                items = list(command.inputs["results"])
            else:
                continue
            refused: set[int] = set()
            if command.outcome == "accepted" and command.kind == "results_batch":
                refused = {r["index"] for r in command.response["refused"]}
            for index, item in enumerate(items):
                key = _key(item)
                if command.outcome == "accepted" and index not in refused:
                    self.expected.results[key] = item["level"]
                elif command.outcome == "ambiguous":
                    self.expected.ambiguous_results[key] = item["level"]
        applied = {k: v for k, v in self.expected.ambiguous_results.items() if k in stored}
        self.expected.results.update(applied)
        if self.expected.ambiguous_results:
            self.expected.notes.append(
                f"results whose answer was lost: {len(self.expected.ambiguous_results)}, "
                f"of which stored {len(applied)}"
            )

    def _collect_roster(self) -> None:
        for command in self.ledger.of("roster_import", "accepted"):
            self.expected.roster.update(command.inputs["nips"])

    # ------------------------------------------------------------------ checks

    async def run(self) -> list[Check]:
        await self._collect_results()
        self._collect_roster()
        await self.results_stored()
        await self.results_published()
        await self.results_received()
        await self.levels_and_gaps()
        await self.proposals()
        await self.decisions()
        await self.enrolments()
        await self.completions()
        await self.survey()
        await self.roster()
        return self.checks

    async def results_stored(self) -> None:
        rows = await self.db.rows(
            "evaluation",
            "SELECT id, nip, competency_code, method, evaluated_at, level FROM assessment_result",
        )
        by_key: dict[ResultKey, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_key[_key(row)].append(row)
        check = Check("results stored (evaluation)", len(self.expected.results), len(rows))
        for key, level in self.expected.results.items():
            found = by_key.get(key, [])
            if not found:
                check.lost += 1
                check.example(f"lost {key}")
            elif len(found) > 1:
                check.duplicated += len(found) - 1
            elif found[0]["level"] != level:
                check.wrong += 1
                check.example(f"{key}: level {found[0]['level']} != {level}")
        for key in by_key.keys() - self.expected.results.keys():
            check.wrong += 1
            check.example(f"stored without an accepted command: {key}")
        self.checks.append(check)
        self._result_ids = {r["id"] for r in rows if _key(r) in self.expected.results}

    async def results_published(self) -> None:
        events: dict[str, set[str]] = defaultdict(set)  # result id -> distinct event ids
        for record in self.topics.distinct("evaluation.result.recorded.v1").values():
            events[record.data()["result_id"]].add(record.event_id)
        for record in self.topics.distinct("evaluation.results.recorded.v1").values():
            for result in record.data()["results"]:
                events[result["result_id"]].add(record.event_id)
        check = Check(
            "results published once (Result(s)Recorded)",
            len(self._result_ids),
            len(events),
            note=f"{self.topics.resent()} records re-sent by a relay on all topics",
        )
        for result_id in self._result_ids:
            published = events.get(result_id, set())
            if not published:
                check.lost += 1
                check.example(f"result {result_id} never published")
            elif len(published) > 1:
                check.duplicated += len(published) - 1
                check.example(f"result {result_id} in {len(published)} events")
        check.wrong = len(events.keys() - self._result_ids)
        self.checks.append(check)

    async def results_received(self) -> None:
        rows = await self.db.rows("recommendation", "SELECT result_id FROM result_history")
        found = Counter(r["result_id"] for r in rows)
        check = Check("results received (recommendation)", len(self._result_ids), len(rows))
        check.lost = len(self._result_ids - found.keys())
        check.duplicated = sum(n - 1 for n in found.values() if n > 1)
        check.wrong = len(found.keys() - self._result_ids)
        self.checks.append(check)

    def _expected_gaps(self) -> dict[str, dict[str, tuple[int, int | None, str]]]:
        """Per employee on the roster: competency -> (required, current, status), from
        scratch: the world's standard and the kernel's current level."""
        levels = self.expected.current_levels()
        gaps: dict[str, dict[str, tuple[int, int | None, str]]] = {}
        for nip in self.expected.roster:
            required = self.world.required_of(nip)
            mine: dict[str, tuple[int, int | None, str]] = {}
            for competency in COMPETENCIES:
                current = levels.get((nip, competency))
                status = (
                    "unknown"
                    if current is None
                    else "open"
                    if current < required[competency]
                    else "met"
                )
                mine[competency] = (required[competency], current, status)
            gaps[nip] = mine
        return gaps

    async def levels_and_gaps(self) -> None:
        levels = self.expected.current_levels()
        rows = await self.db.rows(
            "recommendation", "SELECT nip, competency_code, level FROM competency_level"
        )
        found = {(r["nip"], r["competency_code"]): r["level"] for r in rows}
        check = Check("current levels (recommendation) = kernel precedence", len(levels), len(rows))
        for key, level in levels.items():
            if key not in found:
                check.lost += 1
            elif found[key] != level:
                check.wrong += 1
                check.example(f"{key}: {found[key]} != {level}")
        check.wrong += len(found.keys() - levels.keys())
        self.checks.append(check)

        expected = self._expected_gaps()
        self._gaps = expected
        rows = await self.db.rows(
            "recommendation",
            "SELECT nip, competency_code, required_level, current_level, status FROM gap",
        )
        stored: dict[str, dict[str, tuple[int, int | None, str]]] = defaultdict(dict)
        for r in rows:
            stored[r["nip"]][r["competency_code"]] = (
                r["required_level"],
                r["current_level"],
                r["status"],
            )
        check = Check(
            "gaps (recommendation) = recomputation from scratch",
            sum(map(len, expected.values())),
            len(rows),
        )
        for nip, mine in expected.items():
            for competency, gap in mine.items():
                held = stored.get(nip, {}).get(competency)
                if held is None:
                    check.lost += 1
                    check.example(f"no gap {nip} {competency}")
                elif held != gap:
                    check.wrong += 1
                    check.example(f"{nip} {competency}: {held} != {gap}")
        check.wrong += len(stored.keys() - expected.keys())
        self.checks.append(check)

        last: dict[str, Rec] = {}
        for record in self.topics.of_type("recommendation.gaps.recalculated.v1"):
            before = last.get(record.key)
            if before is None or record.offset > before.offset:
                last[record.key] = record
        check = Check(
            "last GapsRecalculated per employee = recomputation", len(expected), len(last)
        )
        for nip, mine in expected.items():
            latest = last.get(nip)
            if latest is None:
                check.lost += 1
                check.example(f"no GapsRecalculated for {nip}")
                continue
            published = {
                g["competency_code"]: (g["required_level"], g["current_level"], g["status"])
                for g in latest.data()["gaps"]
            }
            if published != mine:
                check.wrong += 1
                check.example(f"{nip}: published {published} != {mine}")
        check.wrong += len(last.keys() - expected.keys())
        self.checks.append(check)

    async def proposals(self) -> None:
        rows = await self.db.rows(
            "recommendation",
            "SELECT id, nip, competency_code, course_code, status FROM proposal",
        )
        triples = Counter((r["nip"], r["competency_code"], r["course_code"]) for r in rows)
        open_gaps = {
            (nip, competency)
            for nip, mine in self._gaps.items()
            for competency, (_, _, status) in mine.items()
            if status == "open"
        }
        # A proposal needs a cause: some result of that competency below the standard.
        below: set[tuple[str, str]] = set()
        for (nip, competency, _, _), level in self.expected.results.items():
            if nip in self._gaps and level < self._gaps[nip][competency][0]:
                below.add((nip, competency))
        check = Check(
            "proposals: one per open gap, never twice per employee/competency/course",
            len(open_gaps),
            len(rows),
        )
        for nip, competency in open_gaps:
            if triples[(nip, competency, course_code(competency))] == 0:
                check.lost += 1
                check.example(f"open gap {nip} {competency} without a proposal")
        check.duplicated = sum(n - 1 for n in triples.values() if n > 1)
        for nip, competency, course in triples:
            if (nip, competency) not in below or course != course_code(competency):
                check.wrong += 1
                check.example(f"proposal {nip} {competency} {course} without a cause")
        self.checks.append(check)

        created: dict[str, set[str]] = defaultdict(set)
        for record in self.topics.distinct("recommendation.proposal.created.v1").values():
            created[record.data()["proposal_id"]].add(record.event_id)
        ids = {r["id"] for r in rows}
        check = Check("ProposalCreated published once", len(ids), len(created))
        check.lost = len(ids - created.keys())
        check.duplicated = sum(len(e) - 1 for e in created.values() if len(e) > 1)
        check.wrong = len(created.keys() - ids)
        self.checks.append(check)

    def _applied(
        self, kind: str, found: Callable[[Mapping[str, Any]], bool]
    ) -> list[Mapping[str, Any]]:
        """The inputs of the accepted commands of a kind, and of the ambiguous ones
        ``found`` says took effect."""
        return [
            c.inputs
            for c in self.ledger.commands
            if c.kind == kind
            and (c.outcome == "accepted" or (c.outcome == "ambiguous" and found(c.inputs)))
        ]

    async def decisions(self) -> None:
        """Each decision taken once: the proposal's status says it, ProposalDecided is
        published once, an accepted proposal reaches training as one enrolment request and
        at most one enrolment, a rejected one never does."""
        # An accepted proposal training could not place, or whose enrolment was
        # cancelled, expires with that reason.
        status = {
            r["id"]: "accepted-expired"
            if r["status"] == "expired" and (r["status_reason"] or "").startswith("pendaftaran")
            else r["status"]
            for r in await self.db.rows(
                "recommendation", "SELECT id, status, status_reason FROM proposal"
            )
        }
        after = {
            "accepted": {"accepted", "enrolled", "fulfilled", "accepted-expired"},
            "rejected": {"rejected"},
        }
        decided = {
            i["proposal_id"]: i["decision"]
            for i in self._applied(
                "decision", lambda i: status.get(i["proposal_id"]) in after[i["decision"]]
            )
        }
        check = Check("decisions: proposal status as decided (recommendation)", len(decided), 0)
        for proposal_id, decision in decided.items():
            held = status.get(proposal_id)
            if held is None:
                check.lost += 1
            elif held in after[decision]:
                check.found += 1
            else:
                check.wrong += 1
                check.example(f"proposal {proposal_id} decided {decision}, now {held}")
        undecided = {"proposed", "expired"}
        check.wrong += sum(1 for i, s in status.items() if s not in undecided and i not in decided)
        self.checks.append(check)

        events: dict[str, set[str]] = defaultdict(set)
        for record in self.topics.distinct("recommendation.proposal.decided.v1").values():
            events[record.data()["proposal_id"]].add(record.event_id)
        check = Check("ProposalDecided published once", len(decided), len(events))
        check.lost = len(decided.keys() - events.keys())
        check.duplicated = sum(len(e) - 1 for e in events.values() if len(e) > 1)
        check.wrong = len(events.keys() - decided.keys())
        self.checks.append(check)

        accepted = {i for i, d in decided.items() if d == "accepted"}
        requests = Counter(
            r["proposal_id"]
            for r in await self.db.rows("training", "SELECT proposal_id FROM enrolment_request")
        )
        enrolled = Counter(
            r["proposal_id"]
            for r in await self.db.rows(
                "training", "SELECT proposal_id FROM enrolment WHERE proposal_id IS NOT NULL"
            )
        )
        check = Check(
            "accepted proposals: one enrolment request, at most one enrolment (training)",
            len(accepted),
            len(requests),
        )
        check.lost = len(accepted - requests.keys())
        check.duplicated = sum(n - 1 for n in requests.values() if n > 1) + sum(
            n - 1 for n in enrolled.values() if n > 1
        )
        check.wrong = len((requests.keys() | enrolled.keys()) - accepted)
        for proposal_id in list(accepted - requests.keys())[:3]:
            check.example(f"accepted proposal {proposal_id} never reached training")
        self.checks.append(check)

    async def enrolments(self) -> None:
        rows = await self.db.rows(
            "training", "SELECT session_code, nip FROM enrolment WHERE proposal_id IS NULL"
        )
        found = Counter((r["session_code"], r["nip"]) for r in rows)
        expected = {
            (i["session_code"], i["nip"])
            for i in self._applied("enrolment", lambda i: (i["session_code"], i["nip"]) in found)
        }
        check = Check("enrolments (training)", len(expected), len(rows))
        check.lost = len(expected - found.keys())
        check.duplicated = sum(n - 1 for n in found.values() if n > 1)
        check.wrong = len(found.keys() - expected)
        self.checks.append(check)

    async def completions(self) -> None:
        """JP credited once per completion (training's ledger), CompletionRecorded
        published once, the L3 evaluation scheduled once (evaluation), the completion
        received once (recommendation)."""
        rows = await self.db.rows(
            "training",
            "SELECT id, enrolment_id, nip, jp_credited FROM completion "
            "WHERE enrolment_id IS NOT NULL",
        )
        by_enrolment: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_enrolment[row["enrolment_id"]].append(row)
        expected = {
            i["enrolment_id"]: i
            for i in self._applied("completion", lambda i: i["enrolment_id"] in by_enrolment)
        }
        check = Check("JP credited once per completion (training)", len(expected), len(rows))
        for enrolment_id, inputs in expected.items():
            found = by_enrolment.get(enrolment_id, [])
            if not found:
                check.lost += 1
                check.example(f"completion of enrolment {enrolment_id} not credited")
            elif len(found) > 1:
                check.duplicated += len(found) - 1
            elif (found[0]["nip"], found[0]["jp_credited"]) != (inputs["nip"], ELEARNING_JP):
                check.wrong += 1
                check.example(f"{enrolment_id}: {found[0]} != {inputs['nip']} {ELEARNING_JP} JP")
        check.wrong += len(by_enrolment.keys() - expected.keys())
        self.checks.append(check)
        ids = {r["id"] for r in rows if r["enrolment_id"] in expected}

        events: dict[str, set[str]] = defaultdict(set)
        for record in self.topics.distinct("training.completion.recorded.v1").values():
            events[record.data()["completion_id"]].add(record.event_id)
        check = Check("CompletionRecorded published once", len(ids), len(events))
        check.lost = len(ids - events.keys())
        check.duplicated = sum(len(e) - 1 for e in events.values() if len(e) > 1)
        check.wrong = len(events.keys() - ids)
        self.checks.append(check)

        for effect, service, sql in (
            (
                "L3 evaluations scheduled once per completion (evaluation)",
                "evaluation",
                "SELECT completion_id FROM training_evaluation",
            ),
            (
                "completions received once (recommendation)",
                "recommendation",
                "SELECT completion_id FROM completion",
            ),
        ):
            held = Counter(r["completion_id"] for r in await self.db.rows(service, sql))
            check = Check(effect, len(ids), sum(held.values()))
            check.lost = len(ids - held.keys())
            check.duplicated = sum(n - 1 for n in held.values() if n > 1)
            check.wrong = len(held.keys() - ids)
            for completion_id in list(ids - held.keys())[:3]:
                check.example(f"completion {completion_id} missing")
            self.checks.append(check)

    async def survey(self) -> None:
        """Each respondent's last answers stored (survey); at close the agency's needs
        aggregated once from them, published once and held by training and
        recommendation."""
        rows = await self.db.rows("survey", "SELECT survey_id, nip, answers FROM survey_response")
        stored = {(r["survey_id"], r["nip"]): _answers(r["answers"]) for r in rows}
        sent: dict[tuple[str, str], list[Any]] = defaultdict(list)  # in the order sent
        settled: dict[tuple[str, str], bool] = {}  # the last one sent was accepted
        for command in sorted(self.ledger.of("survey_answer"), key=lambda c: c.sent_at):
            if command.outcome == "refused":
                continue
            key = (command.inputs["survey_id"], command.inputs["nip"])
            if command.outcome == "accepted":
                sent[key] = []
            sent[key].append(_answers(command.inputs["answers"]))
            settled[key] = command.outcome == "accepted"
        expected = {k for k in sent if settled[k] or k in stored}
        check = Check("survey answers: each respondent's last (survey)", len(expected), len(rows))
        for key in expected:
            held = stored.get(key)
            if held is None:
                check.lost += 1
            elif held != sent[key][-1] and (settled[key] or held not in sent[key]):
                check.wrong += 1
                check.example(f"{key[1]}: stored answers are not the last sent")
        check.wrong += len(stored.keys() - expected)
        self.checks.append(check)

        closes = self._applied("survey_close", lambda i: True)
        if not closes:
            return
        survey_id = closes[-1]["survey_id"]
        answered = sum(1 for s, _ in expected if s == survey_id)
        needs = await self.db.rows(
            "survey",
            "SELECT agency_code, respondents FROM agency_needs WHERE survey_id = :survey_id",
            survey_id=survey_id,
        )
        agencies = {r["agency_code"] for r in needs}
        check = Check("needs aggregated at close (survey)", 1, len(needs))
        check.lost = 1 - min(len(needs), 1)
        check.duplicated = max(len(needs) - 1, 0)
        check.wrong = sum(1 for r in needs if r["respondents"] != answered)
        for r in needs:
            if r["respondents"] != answered:
                check.example(f"{r['agency_code']}: {r['respondents']} respondents != {answered}")
        self.checks.append(check)

        published = [
            r
            for r in self.topics.distinct("survey.needs.aggregated.v1").values()
            if r.data()["survey_id"] == survey_id
        ]
        check = Check("NeedsAggregated published once", len(agencies), len(published))
        keys = Counter(r.data()["agency_code"] for r in published)
        check.lost = len(agencies - keys.keys())
        check.duplicated = sum(n - 1 for n in keys.values() if n > 1)
        check.wrong = len(keys.keys() - agencies)
        self.checks.append(check)

        for effect, service, sql in (
            ("needs received (training)", "training", "SELECT agency_code FROM agency_needs"),
            (
                "needs received (recommendation)",
                "recommendation",
                "SELECT DISTINCT agency_code FROM agency_need",
            ),
        ):
            receivers = {
                r["agency_code"]
                for r in await self.db.rows(
                    service, sql + " WHERE survey_id = :survey_id", survey_id=survey_id
                )
            }
            check = Check(effect, len(agencies), len(receivers))
            check.lost = len(agencies - receivers)
            check.wrong = len(receivers - agencies)
            self.checks.append(check)

    async def roster(self) -> None:
        expected = self.expected.roster
        for service, table, column in (
            ("evaluation", "employee", "nip"),
            ("recommendation", "placement", "nip"),
            ("training", "employee", "nip"),
            ("survey", "employee", "nip"),
        ):
            rows = await self.db.rows(service, f"SELECT {column} AS nip FROM {table}")
            found = Counter(r["nip"] for r in rows)
            check = Check(f"roster: employees in {service}", len(expected), len(rows))
            check.lost = len(expected - found.keys())
            check.duplicated = sum(n - 1 for n in found.values() if n > 1)
            check.wrong = len(found.keys() - expected)
            for nip in list(expected - found.keys())[:3]:
                check.example(f"{nip} missing")
            self.checks.append(check)


def summarise(checks: Iterable[Check]) -> dict[str, int]:
    rows = list(checks)
    return {
        "expected": sum(c.expected for c in rows),
        "found": sum(c.found for c in rows),
        "lost": sum(c.lost for c in rows),
        "duplicated": sum(c.duplicated for c in rows),
        "wrong": sum(c.wrong for c in rows),
    }


UNUSED = ELEARNING_JP  # (completions: next increment)
