"""Rebuilding the recommendation read models from the Kafka log gives the same state.

Data goes in through the evaluation and training APIs (agencies, positions, a new
framework version, employees, courses, results, a late older result); once the
recommendation service has consumed everything it is stopped, `rebuild` empties its
read models and replays the log, and every table is compared with the state before
(the gap history and proposals are the service's own record: a replay leaves them).
"""

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import create_async_engine

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import REPOSITORY, System, running_system
from tests.settling import settling

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
REBUILT = [
    "placement",
    "position_standard",
    "competency_level",
    "result_history",
    "course",
    "course_competency",
    "gap",
    "gap_history",
]
MANAGERIAL = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(
        tmp_path_factory.mktemp("rebuild"), services=("evaluation", "training", "recommendation")
    ) as running:
        yield running


async def _snapshot(database_url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(lambda sync: metadata.reflect(sync, only=REBUILT))
            snapshot = {}
            for name in REBUILT:
                table = metadata.tables[name]
                rows = await connection.execute(select(table).order_by(*table.primary_key.columns))
                snapshot[name] = [tuple(row) for row in rows]
            return snapshot
    finally:
        await engine.dispose()


async def test_rebuilding_from_the_log_gives_the_same_read_models_and_gaps(
    system: System,
) -> None:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="a", roles=[Role.PROVINCE_ADMIN])
    admin = {"Authorization": f"Bearer {token}"}
    recommendation = system["recommendation"]
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=20) as evaluation:
        agency = await builders.an_agency(evaluation, admin)
        positions = [
            await builders.a_position(evaluation, admin, agency, kind)
            for kind in ("pengawas", "pelaksana")
        ]
        nips = [
            await builders.an_employee(evaluation, admin, agency, positions[i % 2])
            for i in range(6)
        ]
        async with httpx.AsyncClient(base_url=system["training"].url, timeout=20) as training:
            for code, competency in (("PP", "M.05"), ("INT", "M.01")):
                response = await training.put(
                    "/courses",
                    headers=admin,
                    json={
                        "code": f"{code}-{agency[-4:]}",
                        "title": f"Pelatihan {code}",
                        "competencies": [
                            {"competency_code": competency, "level_from": 1, "level_to": 3}
                        ],
                        "jp": 20,
                        "mode": "e_learning",
                        "provider": "LAN",
                        "cost": 0,
                    },
                )
                assert response.status_code == 200, response.text
        for index, nip in enumerate(nips):
            for code in ("M.05", "M.01"):
                posted = await evaluation.post(
                    "/results",
                    headers=admin,
                    json={
                        "nip": nip,
                        "competency_code": code,
                        "level": 1 + index % 3,
                        "method": "cat",
                        "evaluated_at": factories.at(days_ago=5 + index).isoformat(),
                    },
                )
                assert posted.status_code == 201, posted.text
        late = await evaluation.post(
            "/results",
            headers=admin,
            json={
                "nip": nips[0],
                "competency_code": "M.05",
                "level": 4,
                "method": "cat",
                "evaluated_at": factories.at(days_ago=60).isoformat(),
            },
        )
        assert late.status_code == 201
        published = await evaluation.post(
            "/framework/versions",
            headers=admin,
            json={
                "position_type_defaults": {"pelaksana": dict.fromkeys(MANAGERIAL, 2)},
            },
        )
        assert published.status_code == 201, published.text

    async with httpx.AsyncClient(timeout=20) as http, settling(system, http, admin) as settled:

        async def last_event_applied() -> bool:
            # The new framework version is the last thing evaluation published: once its
            # standard reached recommendation and nothing is left to consume, all did.
            url = f"{recommendation.url}/employees/{nips[1]}/gaps"
            gaps = await http.get(url, headers=admin)
            if gaps.status_code == 404:  # the employee's placement has not arrived yet
                return False
            assert gaps.status_code == 200, gaps.text
            return gaps.json()["standard_version"] == 2 and await settled()

        await wait_for(last_event_applied, deadline_s=60, what="recommendation consumed all")
    assert recommendation.stop() == 0
    before = await _snapshot(recommendation.database_url)
    assert len(before["gap"]) == 6 * len(MANAGERIAL)

    try:
        rebuilt = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bangkom.recommendation", "rebuild"],
            cwd=REPOSITORY,
            env=recommendation.environment,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        raise AssertionError(f"rebuild hung: {expired.stdout!r} {expired.stderr!r}") from None

    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr[-3000:]
    assert "skipped" in rebuilt.stdout
    after = await _snapshot(recommendation.database_url)
    assert after == before
