"""The effect of training on the public's satisfaction (Kirkpatrick 4), through the
recommendation API on SQLite: the survey's IKM events and the unit's roster and
completions are handled as the consumer would, then the report is read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bangkom.platform.auth import Role
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

UNIT = "12.73.DISDUK"


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, RecommendationSettings, tmp_path) as service:
        yield service


async def test_the_ikm_change_is_read_beside_the_share_of_staff_trained_between(
    service: Service,
) -> None:
    staff = [factories.nip() for _ in range(4)]
    await handled(
        service,
        [
            *(employee(nip, UNIT) for nip in staff),
            employee(factories.nip(), "12.73.DINKES"),  # another unit's
            ikm_published(UNIT, "2026-1", days_ago=200, converted=78.0),
            completion(staff[0], UNIT, "M.05", days_ago=100),  # between the periods, counted
            completion(staff[1], UNIT, "M.01", days_ago=100),  # unrelated competency
            completion(staff[2], UNIT, "M.05", days_ago=300),  # before the first period
            ikm_published(UNIT, "2026-2", days_ago=10, converted=81.0),
        ],
    )
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=["12.73"])
    async with asgi_client(service) as client:
        report = await client.get(
            "/analytics/satisfaction-effect",
            headers=operator,
            params={"unit_code": UNIT, "before": "2026-1", "after": "2026-2"},
        )
        stranger = await client.get(
            "/analytics/satisfaction-effect",
            headers=bearer(service, Role.AGENCY_OPERATOR, agencies=[factories.agency_code()]),
            params={"unit_code": UNIT, "before": "2026-1", "after": "2026-2"},
        )

    assert report.status_code == 200, report.text
    body = report.json()
    # 81.0 - 78.0 = 3.0; error sqrt(10^2/100 + 10^2/100) = 1.414; 3.0 -/+ 1.96 * 1.414
    assert body["ikm_change"] == 3.0
    assert body["ikm_change_interval"] == [0.23, 5.77]
    assert body["caution"] is None
    # kompetensi pelaksana: 81/25 - 78/25 = 0.12
    assert body["element_changes"] == {"kompetensi_pelaksana": 0.12, "perilaku_pelaksana": 0.0}
    assert (body["staff"], body["trained"], body["share_trained"]) == (4, 1, 0.25)
    assert stranger.status_code == 404


async def test_too_few_respondents_give_no_interval_and_say_so(service: Service) -> None:
    await handled(
        service,
        [
            ikm_published(UNIT, "2026-1", days_ago=200, converted=70.0, respondents=12),
            ikm_published(UNIT, "2026-2", days_ago=10, converted=85.0),
        ],
    )
    async with asgi_client(service) as client:
        report = await client.get(
            "/analytics/satisfaction-effect",
            headers=bearer(service, Role.PROVINCE_ADMIN),
            params={"unit_code": UNIT, "before": "2026-1", "after": "2026-2"},
        )
        unknown = await client.get(
            "/analytics/satisfaction-effect",
            headers=bearer(service, Role.PROVINCE_ADMIN),
            params={"unit_code": UNIT, "before": "2025-2", "after": "2026-2"},
        )

    body = report.json()
    assert (body["ikm_change"], body["ikm_change_interval"]) == (15.0, None)
    assert "Terlalu sedikit responden" in body["caution"]
    assert "12" in body["caution"]
    assert unknown.status_code == 404
