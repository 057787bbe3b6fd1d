"""Trained against untrained units of a city (difference in differences), through the
recommendation API on SQLite: the survey's IKM events and the units' rosters and
completions are handled as the consumer would; the figures are worked out by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.catalog.base import Event
from bangkom.platform.service import Service
from bangkom.recommendation.bootstrap import bootstrap
from bangkom.recommendation.config import RecommendationSettings
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.recommendation.satisfaction_events import (
    completion,
    employee,
    handled,
    ikm_published,
)

PERIODS = {"before": "2026-1", "after": "2026-2"}
# unit: (IKM before, IKM after, staff trained in M.05 by PP-1 of 4, staff trained in M.01)
UNITS = {
    "12.73.U1": (70.0, 76.0, 2, 0),  # trained (2/4), +6
    "12.73.U2": (72.0, 76.0, 2, 0),  # trained (2/4), +4
    "12.73.U3": (74.0, 79.0, 1, 0),  # trained (1/4: the threshold, 0.25), +5
    "12.73.U4": (70.0, 71.0, 0, 1),  # untrained: M.01 is not mapped, +1
    "12.73.U5": (75.0, 77.0, 0, 0),  # untrained, +2
    "12.73.U6": (80.0, 80.0, 0, 0),  # untrained, 0
    "12.74.X1": (60.0, 90.0, 4, 0),  # another city
}


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, RecommendationSettings, tmp_path) as service:
        yield service


def _city() -> list[Event]:
    events: list[Event] = []
    for unit, (before, after, by_pp1, by_other) in UNITS.items():
        staff = [factories.nip() for _ in range(4)]
        events += [employee(nip, unit) for nip in staff]
        events += [
            ikm_published(unit, "2026-1", days_ago=200, converted=before),
            ikm_published(unit, "2026-2", days_ago=10, converted=after),
        ]
        # Between the two periods:
        events += [completion(nip, unit, "M.05", days_ago=100) for nip in staff[:by_pp1]]
        events += [
            completion(nip, unit, "M.01", days_ago=100, course="AK-1")
            for nip in staff[3 : 3 + by_other]
        ]
    return events


async def test_trained_units_are_compared_with_untrained_units_of_the_city(
    service: Service,
) -> None:
    await handled(service, _city())
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    async with asgi_client(service) as client:
        answer = await client.get("/analytics/satisfaction-did", headers=operator, params=PERIODS)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    units = {u["unit_code"]: u for u in body["units"]}
    assert sorted(units) == [f"12.73.U{n}" for n in range(1, 7)]  # not the other city's
    assert [units[f"12.73.U{n}"]["trained"] for n in range(1, 7)] == [True] * 3 + [False] * 3
    assert (units["12.73.U3"]["trained_staff"], units["12.73.U3"]["share_trained"]) == (1, 0.25)
    assert units["12.73.U4"]["trained_staff"] == 0  # M.01 does not count
    difference = body["difference"]
    # trained: 70, 72, 74 -> 76, 76, 79 (mean 72 -> 77, change +6, +4, +5: mean 5)
    assert difference["trained"] == {"units": 3, "before": 72.0, "after": 77.0, "change": 5.0}
    # untrained: 70, 75, 80 -> 71, 77, 80 (mean 75 -> 76, change +1, +2, 0: mean 1)
    assert difference["untrained"] == {"units": 3, "before": 75.0, "after": 76.0, "change": 1.0}
    assert difference["ikm_did"] == 4.0
    # Each group's changes have variance 1: 4 -/+ 1.96 x sqrt(1/3 + 1/3) = 4 -/+ 1.60
    assert difference["interval"] == [2.4, 5.6]
    assert difference["caution"] is None
    series = {line["key"]: [p["ikm"] for p in line["points"]] for line in body["series"]}
    assert series == {
        "trained": [72.0, 77.0],
        "untrained": [75.0, 76.0],
        "counterfactual": [72.0, 73.0],  # 72 + the untrained units' +1
    }
    assert (body["trained_share"], body["competencies"]) == (0.25, ["M.05", "SK.01"])


async def test_too_few_units_give_no_interval_and_say_so(service: Service) -> None:
    await handled(service, _city())
    admin = bearer(service, Role.PROVINCE_ADMIN)
    async with asgi_client(service) as client:
        one_unit = await client.get(
            "/analytics/satisfaction-did",
            headers=admin,
            params={**PERIODS, "agency_code": "12.73.U1"},
        )

    difference = one_unit.json()["difference"]
    assert (difference["trained"]["units"], difference["untrained"]["units"]) == (1, 0)
    assert (difference["ikm_did"], difference["interval"]) == (None, None)
    assert "Terlalu sedikit unit" in difference["caution"]


async def test_the_l4_column_of_a_course_is_its_units_against_the_untrained(
    service: Service,
) -> None:
    await handled(service, _city())
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    async with asgi_client(service) as client:
        with_l4 = await client.get("/analytics/effectiveness", headers=operator, params=PERIODS)
        without = await client.get("/analytics/effectiveness", headers=operator)
        half = await client.get(
            "/analytics/effectiveness", headers=operator, params={"before": "2026-1"}
        )

    courses: dict[str, Any] = {c["course_code"]: c for c in with_l4.json()["courses"]}
    assert courses["PP-1"]["l4"]["ikm_did"] == 4.0  # U1-U3 against U4-U6, as above
    assert courses["PP-1"]["l4"]["interval"] == [2.4, 5.6]
    # AK-1 develops M.01, which the public does not rate: it trained no unit.
    assert courses["AK-1"]["l4"]["trained"]["units"] == 0
    assert courses["AK-1"]["l4"]["ikm_did"] is None
    assert [c["l4"] for c in without.json()["courses"]] == [None, None]
    assert (half.status_code, half.json()["field"]) == (422, "query.after")


async def test_a_stranger_and_a_period_against_itself_are_refused(service: Service) -> None:
    stranger = bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()])
    admin = bearer(service, Role.PROVINCE_ADMIN)
    async with asgi_client(service) as client:
        hidden = await client.get(
            "/analytics/satisfaction-did",
            headers=stranger,
            params={**PERIODS, "agency_code": "12.73"},
        )
        same = await client.get(
            "/analytics/satisfaction-did",
            headers=admin,
            params={"before": "2026-1", "after": "2026-1"},
        )

    assert hidden.status_code == 404
    assert (same.status_code, same.json()["field"]) == (422, "query.after")
