"""The 20 JP figures of a small data set, computed here by hand, against the
service's SQL on the real PostgreSQL; the roster arrives over Kafka."""

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bangkom.platform.catalog import ComplianceFellBehind
from bangkom.training.bootstrap import build_bus
from bangkom.training.entrypoints.schedule import SCHEDULER
from bangkom.training.handlers import commands
from tests import factories
from tests.infra import wait_for
from tests.integration.training.harness import Training, open_session, running_training
from tests.unit.training import factories as training
from tests.unit.training.factories import wib

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]

# 26 May 2027 is day 31 + 28 + 31 + 30 + 26 = 146 of 365: 0.4 of the year has gone,
# so the pace calls for employees x 20 x 0.4 = employees x 8 JP toward the target.
AS_OF = wib(2027, 5, 26)


async def _report(t: Training, nip: str, jp: int, when: datetime, **fields: Any) -> None:
    body = {
        "nip": nip,
        "source": fields.pop("source", "certificate"),
        "reference": f"REF-{factories.nip()}",
        "title": "Pelatihan di luar katalog",
        "jp": jp,
        "mode": "e_learning",
        "outcome": "passed",
        "completed_at": when.isoformat(),
        **fields,
    }
    await t.ok(await t.http.post("/completions", headers=t.admin, json=body), 201)


async def _known(t: Training, nip: str) -> bool:
    response = await t.http.get(f"/employees/{nip}/ledger", headers=t.admin)
    return response.status_code == 200


def _figures(found: dict[str, Any]) -> tuple[int, ...]:
    keys = ("employees", "below_target", "jp_missing", "jp_total", "jp_toward_target")
    return tuple(found[k] for k in keys)


async def test_compliance_figures_of_a_hand_computed_data_set(tmp_path: Path) -> None:
    async with running_training(tmp_path) as t:
        a = factories.agency_code()
        unit = f"{a}.UMUM"  # below A: counted in A's tree, not in A itself
        b = factories.agency_code()
        people = {
            "p1": training.employee_updated(agency=a),
            "p2": training.employee_updated(agency=a),
            "p3": training.employee_updated(agency=a),
            "p4": training.employee_updated(agency=a, employment_type="PPPK"),
            "p5": training.employee_updated(agency=a, active=False),
            "p6": training.employee_updated(agency=unit),
            "p7": training.employee_updated(agency=unit),
            "p8": training.employee_updated(agency=b),
            "p9": training.employee_updated(agency=b),
        }
        nip = {name: event.nip for name, event in people.items()}
        for event in people.values():
            await t.produce(event)
        for name in people:
            await wait_for(lambda name=name: _known(t, nip[name]), what=f"{name} in the roster")

        # p1 passes and p2 fails a 24 JP session held 15-17 March.
        session = await open_session(t, capacity=10)
        enrolments = {}
        for name in ("p1", "p2"):
            enrolments[name] = await t.ok(
                await t.http.post(
                    "/enrolments",
                    headers=t.admin,
                    json={"session_code": session, "nip": nip[name]},
                ),
                201,
            )
        t.clock.set(AS_OF)
        for name, outcome in (("p1", "passed"), ("p2", "failed")):
            await t.ok(
                await t.http.post(
                    f"/enrolments/{enrolments[name]['id']}/completion",
                    headers=t.admin,
                    json={"outcome": outcome, "completed_at": "2027-03-17T16:00:00+07:00"},
                ),
                201,
            )
        await _report(t, nip["p2"], 8, wib(2027, 2, 3))
        await _report(t, nip["p3"], 30, wib(2026, 12, 20))  # last year's
        await _report(t, nip["p4"], 10, wib(2027, 4, 1), source="lms")  # PPPK: not counted
        await _report(t, nip["p5"], 5, wib(2027, 1, 9), source="lms")  # inactive: not counted
        await _report(t, nip["p6"], 6, wib(2027, 2, 10), source="lms")
        # 1 Jan 2027 03:00 WIB is still 31 Dec 2026 in UTC: it counts for 2027.
        await _report(t, nip["p6"], 4, wib(2027, 1, 1, hour=3))
        await _report(t, nip["p8"], 20, wib(2027, 4, 1))

        agencies = await t.ok(await t.http.get("/compliance/agencies", headers=t.admin))
        tree = await t.ok(await t.http.get(f"/compliance/agencies/{a}", headers=t.admin))
        behind_in_unit = await t.ok(
            await t.http.get(
                f"/compliance/agencies/{unit}/employees",
                headers=t.admin,
                params={"below_target": "true"},
            )
        )
        first_check = await t.ok(await t.http.post("/compliance/checks", headers=t.admin))
        second_check = await t.ok(await t.http.post("/compliance/checks", headers=t.admin))
        [alert] = await t.published(ComplianceFellBehind, 1)

    # JP 2027 of the counted (active PNS): p1 24, p2 0 + 8, p3 0 | p6 6 + 4, p7 0 | p8 20, p9 0.
    # (employees, below 20, JP missing, JP total, JP toward 20 with each capped at 20)
    by_agency = {f["agency_code"]: f for f in agencies["items"]}
    assert _figures(by_agency[a]) == (3, 2, 12 + 20, 24 + 8, 20 + 8)
    assert _figures(by_agency[unit]) == (2, 2, 10 + 20, 10, 10)
    assert _figures(by_agency[b]) == (2, 1, 20, 20, 20)
    assert _figures(tree) == (5, 4, 62, 42, 38)
    # Pace: A 3 x 8 = 24 <= 28; UMUM 2 x 8 = 16 > 10; B 16 <= 20; A's tree 40 > 38.
    assert {
        code: (f["expected_jp_to_date"], f["behind_pace"]) for code, f in by_agency.items()
    } == {
        a: (24.0, False),
        unit: (16.0, True),
        b: (16.0, False),
    }
    assert (tree["expected_jp_to_date"], tree["behind_pace"]) == (40.0, True)
    assert [(e["nip"], e["jp"], e["missing_jp"]) for e in behind_in_unit["items"]] == [
        (nip["p7"], 0, 20),
        (nip["p6"], 10, 10),
    ]
    assert {c["agency_code"]: c["alerted"] for c in first_check["checks"]} == {
        a: False,
        unit: True,
        b: False,
    }
    assert not any(c["alerted"] for c in second_check["checks"])  # still behind: no second alarm
    assert alert == {
        "agency_code": unit,
        "year": 2027,
        "employees": 2,
        "below_target": 2,
        "jp_missing": 30,
        "expected_jp_to_date": 16.0,
        "actual_jp_to_date": 10,
        "as_of": "2027-05-26T09:00:00+07:00",
    }


async def test_replicas_checking_at_the_same_moment_alert_an_agency_once(
    tmp_path: Path,
) -> None:
    async with running_training(tmp_path) as t:
        employee = training.employee_updated()
        await t.produce(employee)
        await wait_for(lambda: _known(t, employee.nip), what="the employee in the roster")
        t.clock.set(AS_OF)  # nobody has earned a JP by late May: behind
        replicas = [build_bus(t.service.uow_factory, t.clock) for _ in range(2)]  # type: ignore[arg-type]

        checks = await asyncio.gather(
            *(bus.handle(commands.CheckCompliance(SCHEDULER)) for bus in replicas)
        )
        [alert] = await t.published(ComplianceFellBehind, 1)

    assert sorted(check.alerted for [check] in checks) == [False, True]
    assert alert["agency_code"] == employee.agency_code
