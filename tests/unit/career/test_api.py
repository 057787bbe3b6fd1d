"""The career REST API on SQLite (events delivered in-process as the consumer would;
what it publishes stays in the outbox): candidates and their scope, ratings and their
import, the nine-box and its history, succession alerts, development plans."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from bangkom.career.bootstrap import bootstrap
from bangkom.career.config import CareerSettings
from bangkom.platform.auth import Role
from bangkom.platform.catalog import ProposalCreated, ProposalStatusChanged
from bangkom.platform.service import Service
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.career.world import (
    a_code,
    course,
    deliver,
    employee,
    published,
    results,
    standard,
)

CITY = "12.73"
TARGET = {"M.01": 4, "M.02": 4, "M.05": 4, "SK.01": 4, "T.KEU.01": 4}  # sum 20
OWN = {"M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3, "T.KEU.01": 3}


@dataclass
class World:
    service: Service
    client: httpx.AsyncClient
    agency: str
    other_agency: str
    target: str  # administrator position in ``agency``
    own: str  # pengawas position of ``agency``
    other_own: str  # pengawas position of ``other_agency``
    staff: str  # pelaksana position
    boss: str  # supervisor of everyone

    def admin(self) -> dict[str, str]:
        return bearer(self.service, Role.PROVINCE_ADMIN)

    def operator(self, agency: str | None = None) -> dict[str, str]:
        return bearer(self.service, Role.AGENCY_OPERATOR, agencies=[agency or self.agency])

    def employee(self, nip: str) -> dict[str, str]:
        return bearer(self.service, Role.EMPLOYEE, nip=nip, subject=nip)

    async def person(
        self, levels: dict[str, int], *, agency: str | None = None, position: str | None = None
    ) -> str:
        nip = factories.nip()
        agency = agency or self.agency
        await deliver(
            self.service,
            employee(nip, agency, position or self.own, supervisor=self.boss),
            *results(nip, agency, levels, factories.at(days_ago=10)),
        )
        return nip


@asynccontextmanager
async def a_world(tmp_path: Path, **settings: Any) -> AsyncIterator[World]:
    async with on_sqlite(bootstrap, CareerSettings, tmp_path, **settings) as service:
        agency, other = f"{CITY}.{a_code()}", f"{CITY}.{a_code()}"
        codes = [a_code() for _ in range(4)]
        await deliver(
            service,
            standard(codes[0], agency, "administrator", TARGET),
            standard(codes[1], agency, "pengawas", OWN),
            standard(codes[2], other, "pengawas", OWN),
            standard(codes[3], agency, "pelaksana", OWN),
        )
        boss = factories.nip()
        await deliver(service, employee(boss, agency, codes[0]))
        async with asgi_client(service) as client:
            yield World(service, client, agency, other, *codes, boss)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    async with a_world(tmp_path) as built:
        yield built


async def test_candidates_are_ranked_by_readiness_and_jpm_within_the_callers_agencies(
    world: World,
) -> None:
    # JPM = met / 20 x 100: 20 -> 100 (siap sekarang), 17 -> 85 (siap 1-2 tahun), 14 -> 70.
    ready = await world.person(TARGET)
    soon = await world.person({**TARGET, "M.02": 3, "M.05": 3, "T.KEU.01": 3})
    elsewhere = await world.person(
        {**TARGET, "M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3, "T.KEU.01": 2},
        agency=world.other_agency,
        position=world.other_own,
    )
    await world.person(
        TARGET, position=world.staff
    )  # pelaksana: two steps below, never a candidate
    url = f"/positions/{world.target}/candidates"

    by_admin = await world.client.get(url, headers=world.admin())
    by_operator = await world.client.get(url, headers=world.operator())
    only_ready = await world.client.get(
        url, headers=world.admin(), params={"readiness": "siap_sekarang"}
    )
    by_employee = await world.client.get(url, headers=world.employee(ready))

    assert by_admin.status_code == 200
    rows = [(c["rank"], c["nip"], c["jpm"], c["readiness"]) for c in by_admin.json()["items"]]
    assert rows == [
        (1, ready, 100.0, "siap_sekarang"),
        (2, soon, 85.0, "siap_1_2_tahun"),
        (3, elsewhere, 70.0, "belum_siap"),
    ]
    assert [c["nip"] for c in by_operator.json()["items"]] == [ready, soon]
    assert [c["nip"] for c in only_ready.json()["items"]] == [ready]
    assert by_employee.status_code == 403


async def test_readiness_shows_the_gaps_unknown_apart_and_the_courses_that_close_them(
    world: World,
) -> None:
    await deliver(world.service, course("KEU-1", "T.KEU.01", 3, 4, 24))
    nip = await world.person({"M.01": 4, "M.02": 4, "M.05": 4, "T.KEU.01": 3})

    answer = await world.client.get(
        f"/employees/{nip}/readiness/{world.target}", headers=world.operator()
    )
    hidden = await world.client.get(
        f"/employees/{nip}/readiness/{world.target}", headers=world.operator(world.other_agency)
    )
    absent = await world.client.get(f"/employees/{nip}/readiness/NOSUCH", headers=world.operator())

    assert answer.status_code == 200
    body = answer.json()
    # 4 + 4 + 4 + 3 = 15 of 20 -> 75.0, SK.01 never assessed: a lower bound.
    assert (body["jpm"], body["unknown_competencies"], body["readiness"]) == (
        75.0,
        1,
        "belum_siap",
    )
    gaps = {g["competency_code"]: (g["gap"], g["status"]) for g in body["gaps"]}
    assert gaps["SK.01"] == (None, "unknown")
    assert gaps["T.KEU.01"] == (1, "open")
    assert [c["course_code"] for c in body["courses"]] == ["KEU-1"]
    assert body["to_assess"] == ["SK.01"]
    assert hidden.status_code == 404
    assert absent.status_code == 404


async def test_a_rating_places_an_employee_and_a_new_result_moves_them_with_history(
    world: World,
) -> None:
    # Own standard at 3, potential targets at 4 over M.01, M.02, M.05, SK.01 (sum 16).
    nip = await world.person({"M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3})  # 12/16 = 75
    rated = await world.client.post(
        "/ratings",
        headers=world.operator(),
        json={
            "nip": nip,
            "year": 2025,
            "predicate": "sangat_baik",
            "rated_at": factories.at(days_ago=5).isoformat(),
        },
    )
    first = await world.client.get(f"/employees/{nip}/nine-box", headers=world.operator())
    # A new result: 4 + 4 + 3 + 3 = 14/16 = 87.5 -> tinggi.
    await deliver(
        world.service, *results(nip, world.agency, {"M.01": 4, "M.02": 4}, factories.at(days_ago=1))
    )
    now = await world.client.get(f"/employees/{nip}/nine-box", headers=world.operator())
    before = await world.client.get(
        f"/employees/{nip}/nine-box",
        headers=world.operator(),
        params={"on": factories.at(days_ago=3).date().isoformat()},
    )
    own_refused = await world.client.get(f"/employees/{nip}/nine-box", headers=world.employee(nip))
    allowed = await world.client.put(
        f"/agencies/{world.agency}/talent-policy",
        headers=world.operator(),
        json={"employees_see_own_box": True},
    )
    own_allowed = await world.client.get(f"/employees/{nip}/nine-box", headers=world.employee(nip))
    summary = await world.client.get("/nine-box/summary", headers=world.operator())

    assert rated.status_code == 200
    assert (first.json()["box"], first.json()["potential"]) == (7, "menengah")
    assert (now.json()["box"], now.json()["box_name"]) == (
        9,
        "Kinerja di atas ekspektasi dan potensial tinggi",
    )
    assert before.json()["box"] == 7
    assert [e["box"] for e in await published(world.service, "talent-placement.changed")][-2:] == [
        7,
        9,
    ]
    assert own_refused.status_code == 404
    assert allowed.status_code == 200
    assert own_allowed.json()["box"] == 9
    assert summary.json()["talent_pool"] == 1


async def test_a_ratings_file_records_the_good_rows_and_names_each_bad_one(world: World) -> None:
    nip = await world.person(OWN)
    csv = (
        "nip;tahun;predikat\n"
        f"{nip};2025;Baik\n"
        f"{nip};dua ribu;Baik\n"
        f"{nip};2024;Istimewa\n"
        f"{factories.nip()};2025;Baik\n"
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nip", "year", "predicate"])
    sheet.append([int(nip), 2024, "Sangat Baik"])  # a number cell: 15 significant digits
    xlsx = io.BytesIO()
    book.save(xlsx)

    from_csv = await world.client.post(
        "/ratings/import",
        headers=world.operator(),
        files={"file": ("skp.csv", csv.encode(), "text/csv")},
    )
    from_xlsx = await world.client.post(
        "/ratings/import",
        headers=world.operator(),
        files={"file": ("skp.xlsx", xlsx.getvalue(), "application/octet-stream")},
    )
    not_a_sheet = await world.client.post(
        "/ratings/import",
        headers=world.operator(),
        files={"file": ("skp.pdf", b"%PDF", "application/pdf")},
    )
    listed = await world.client.get(f"/employees/{nip}/ratings", headers=world.operator())

    report = from_csv.json()
    assert (report["rows"], report["recorded"]) == (4, 1)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "year"),
        (4, "predicate"),
        (5, "nip"),
    ]
    assert [(e["row"], e["field"]) for e in from_xlsx.json()["errors"]] == [(2, "nip")]
    assert not_a_sheet.status_code == 422
    assert [(r["year"], r["predicate"]) for r in listed.json()["items"]] == [(2025, "baik")]


async def test_bad_input_gets_a_named_4xx(world: World) -> None:
    nip = await world.person(OWN)
    bad_predicate = await world.client.post(
        "/ratings", headers=world.operator(), json={"nip": nip, "year": 2025, "predicate": "x"}
    )
    bad_rule = await world.client.put(
        f"/agencies/{world.agency}/talent-policy",
        headers=world.operator(),
        json={"high_from": 60, "medium_from": 80},
    )
    other_agency = await world.client.put(
        f"/agencies/{world.agency}/talent-policy",
        headers=world.operator(world.other_agency),
        json={},
    )
    bottom = await world.client.put(f"/succession/{world.staff}", headers=world.operator(), json={})
    assert bad_predicate.status_code == 422
    assert bad_predicate.json()["errors"][0]["field"].endswith("predicate")
    assert bad_rule.status_code == 422
    assert other_agency.status_code == 404
    assert bottom.status_code == 422


async def test_a_critical_position_with_one_ready_successor_raises_the_alert_once(
    world: World,
) -> None:
    ready = await world.person(TARGET)  # 20 of 20 -> 100.0: siap sekarang
    soon = await world.person({**TARGET, "M.05": 3, "T.KEU.01": 2})  # 17 -> 85.0: 1-2 years
    marked = await world.client.put(
        f"/succession/{world.target}", headers=world.operator(), json={}
    )
    pool = await world.client.get(f"/succession/{world.target}/pool", headers=world.operator())
    # A result that leaves the pool short raises nothing new ...
    await deliver(
        world.service, *results(ready, world.agency, {"M.01": 5}, factories.at(days_ago=2))
    )
    short_still = await published(world.service, "succession-alert.raised")
    # ... and one that makes the second successor ready ends the shortage.
    await deliver(
        world.service,
        *results(soon, world.agency, {"M.05": 4, "T.KEU.01": 4}, factories.at(days_ago=1)),
    )
    recovered = await world.client.get("/succession", headers=world.operator())

    assert marked.status_code == 200
    assert marked.json()["short"] is True
    assert [(m["nip"], m["readiness"]) for m in pool.json()["members"]] == [
        (ready, "siap_sekarang"),
        (soon, "siap_1_2_tahun"),
    ]
    assert [(a["reason"], a["ready_now"], a["minimum_ready"]) for a in short_still] == [
        ("too_few_ready", 1, 2)
    ]
    assert [p["short"] for p in recovered.json()["items"]] == [False]
    assert len(await published(world.service, "succession-alert.raised")) == 1
    pools = await published(world.service, "succession-pool.changed")
    assert pools[-1]["ready_now"] == 2


async def test_the_supervisor_approves_a_plan_and_its_items_are_published(world: World) -> None:
    await deliver(
        world.service,
        course("KEU-1", "T.KEU.01", 3, 4, 24),
        course("PP-1", "M.05", 3, 4, 16),
    )
    nip = await world.person({**TARGET, "M.05": 3, "T.KEU.01": 3})
    created = await world.client.post(
        "/development-plans",
        headers=world.operator(),
        json={"nip": nip, "target_position_code": world.target, "jp_budget": 40},
    )
    plan_id = created.json()["id"]
    decision = f"/development-plans/{plan_id}/decision"
    by_operator = await world.client.post(
        decision, headers=world.operator(), json={"decision": "approved"}
    )
    no_note = await world.client.post(
        decision, headers=world.employee(world.boss), json={"decision": "rejected"}
    )
    approved = await world.client.post(
        decision, headers=world.employee(world.boss), json={"decision": "approved"}
    )
    again = await world.client.post(
        decision, headers=world.employee(world.boss), json={"decision": "approved"}
    )
    own = await world.client.get(f"/employees/{nip}/development-plans", headers=world.employee(nip))
    stranger = await world.client.get(
        f"/development-plans/{plan_id}", headers=world.employee(factories.nip())
    )

    assert created.status_code == 201
    # Ordered by the kernel's course-fit rule (recommendation's); both fit in 40 JP.
    assert sorted(i["course_code"] for i in created.json()["items"]) == ["KEU-1", "PP-1"]
    assert created.json()["jp"] == 40
    assert by_operator.status_code == 403
    assert no_note.status_code == 422
    assert approved.json()["status"] == "approved"
    assert again.status_code == 409
    assert [p["id"] for p in own.json()["items"]] == [plan_id]
    assert stranger.status_code == 404
    events = await published(world.service, "development-plan.approved")
    assert [(e["plan_id"], sorted(i["course_code"] for i in e["items"])) for e in events] == [
        (plan_id, ["KEU-1", "PP-1"])
    ]

    # Recommendation's proposal of an item, then training's enrolment, as events.
    [item] = [i for i in events[0]["items"] if i["course_code"] == "KEU-1"]
    at = factories.at()
    common = {"nip": nip, "agency_code": world.agency, "course_code": "KEU-1"}
    await deliver(
        world.service,
        ProposalCreated(
            proposal_id="p-1",
            competency_code="T.KEU.01",
            current_level=item["current_level"],
            required_level=item["required_level"],
            score=item["score"],
            reasons=item["reasons"],
            created_at=at,
            plan_id=plan_id,
            **common,
        ),
        ProposalStatusChanged(proposal_id="p-1", status="enrolled", changed_at=at, **common),
    )
    followed = await world.client.get(f"/development-plans/{plan_id}", headers=world.operator())
    shown = {
        i["course_code"]: (i["proposal_id"], i["proposal_status"]) for i in followed.json()["items"]
    }
    assert shown == {"KEU-1": ("p-1", "enrolled"), "PP-1": (None, None)}


async def test_the_agency_of_the_position_sets_its_readiness_thresholds(world: World) -> None:
    # 4+4+3+4+4 = 19 of 20 -> 95.0: siap sekarang from 90 (the service's default) ...
    nip = await world.person({**TARGET, "M.05": 3})
    url = f"/positions/{world.target}/candidates"
    before = await world.client.get(url, headers=world.admin())
    # ... not from 96, as the target's agency now has it; another agency's rule is not it.
    stricter = {"ready_now_from": 96, "ready_soon_from": 80}
    set_elsewhere = await world.client.put(
        f"/agencies/{world.other_agency}/talent-policy",
        headers=world.operator(world.other_agency),
        json={"ready_now_from": 99, "ready_soon_from": 98},
    )
    after_other = await world.client.get(url, headers=world.admin())
    await world.client.put(
        f"/agencies/{world.agency}/talent-policy", headers=world.operator(), json=stricter
    )
    after = await world.client.get(url, headers=world.admin())
    readiness = await world.client.get(
        f"/employees/{nip}/readiness/{world.target}", headers=world.operator()
    )
    inverted = await world.client.put(
        f"/agencies/{world.agency}/talent-policy",
        headers=world.operator(),
        json={"ready_now_from": 70, "ready_soon_from": 80},
    )

    assert set_elsewhere.status_code == 200
    assert [c["readiness"] for c in before.json()["items"]] == ["siap_sekarang"]
    assert [c["readiness"] for c in after_other.json()["items"]] == ["siap_sekarang"]
    assert [c["readiness"] for c in after.json()["items"]] == ["siap_1_2_tahun"]
    assert readiness.json()["readiness"] == "siap_1_2_tahun"
    assert inverted.status_code == 422


@pytest.mark.parametrize(("min_years", "candidates"), [(0.5, 1), (2.0, 0)])
async def test_a_candidate_must_have_held_their_position_long_enough(
    tmp_path: Path, min_years: float, candidates: int
) -> None:
    # The roster placed everyone a year ago (world.employee): 1 year >= 0.5, < 2.
    async with a_world(tmp_path, candidate_min_years_in_position=min_years) as world:
        await world.person(TARGET)
        ranked = await world.client.get(
            f"/positions/{world.target}/candidates", headers=world.admin()
        )
    assert ranked.json()["total"] == candidates


async def test_a_pool_member_who_leaves_the_roster_or_drops_a_box_raises_an_alert(
    world: World,
) -> None:
    first = await world.person(TARGET)  # 100.0, siap sekarang
    second = await world.person(TARGET)
    third = await world.person(TARGET)
    for nip in (first, second, third):
        rated = await world.client.post(
            "/ratings",
            headers=world.operator(),
            json={"nip": nip, "year": 2025, "predicate": "sangat_baik"},
        )
        assert rated.status_code == 200
    marked = await world.client.put(
        f"/succession/{world.target}", headers=world.operator(), json={}
    )
    # first leaves the roster (a roster event); second's SKP drops to Kurang: box 9 -> 6.
    left = employee(first, world.agency, world.own, supervisor=world.boss, active=False)
    await deliver(world.service, left.model_copy(update={"changed_at": factories.at(days_ago=1)}))
    dropped = await world.client.post(
        "/ratings",
        headers=world.operator(),
        json={"nip": second, "year": 2025, "predicate": "kurang"},
    )
    pool = await world.client.get(f"/succession/{world.target}/pool", headers=world.operator())

    assert marked.json()["short"] is False  # three ready now
    assert dropped.status_code == 200
    alerts = await published(world.service, "succession-alert.raised")
    assert [(a["reason"], a["nip"]) for a in alerts] == [
        ("member_left", first),
        ("member_dropped_box", second),
    ]
    assert sorted(m["nip"] for m in pool.json()["members"]) == sorted([second, third])
