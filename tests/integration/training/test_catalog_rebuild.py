"""The compacted catalog topic alone rebuilds an identical catalog."""

from pathlib import Path
from typing import Any

import pytest

from bangkom.platform.catalog import CourseUpdated
from tests.infra import wait_for
from tests.integration.training.harness import Training, running_training

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]

SEARCHES: list[dict[str, Any]] = [
    {},
    {"competency_code": "M.05", "level": 2},
    {"competency_code": "M.05", "target_level": 4},
    {"q": "data", "mode": "e_learning"},
    {"provider": "lan", "status": "retired"},
]


def _course(code: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": code,
        "title": "Pelayanan Publik Prima",
        "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
        "jp": 24,
        "mode": "klasikal",
        "provider": "BPSDM Provinsi Sumatera Utara",
        "cost": 1500000,
    }
    return {**body, **changes}


async def _catalog(t: Training, params: dict[str, Any]) -> list[dict[str, Any]]:
    found = await t.ok(await t.http.get("/courses", headers=t.admin, params=params))
    return list(found["items"])


async def test_a_new_database_fed_only_the_catalog_topic_holds_the_same_catalog(
    tmp_path: Path,
) -> None:
    async with running_training(tmp_path) as source:
        changes = [
            _course("PP-1"),
            _course(
                "PP-2", competencies=[{"competency_code": "M.05", "level_from": 3, "level_to": 5}]
            ),
            _course(
                "DATA-1",
                title="Analisis Data untuk Kebijakan",
                mode="e_learning",
                competencies=[
                    {"competency_code": "M.08", "level_from": 2, "level_to": 4},
                    {"competency_code": "M.05", "level_from": 2, "level_to": 3},
                ],
                prerequisites=["PP-1"],
            ),
            _course("OLD-1", provider="LAN RI", status="published"),
            _course("DRAFT-1", status="draft"),
            # Later versions of the same courses: the last state must win.
            _course("PP-1", jp=32, cost=2000000),
            _course("OLD-1", provider="LAN RI", status="retired"),
        ]
        for body in changes:
            source.clock.advance(minutes=5)
            await source.ok(await source.http.put("/courses", headers=source.admin, json=body))
        expected = {str(params): await _catalog(source, params) for params in SEARCHES}
        await source.published(CourseUpdated, len(changes))

        # Another database, another consumer group, only the catalog topic.
        async with running_training(
            tmp_path,
            prefix=source.service.settings.kafka_topic_prefix,
            name="training-rebuild",
            only=[CourseUpdated],
        ) as rebuilt:

            async def caught_up() -> bool:
                return await _catalog(rebuilt, {}) == expected[str({})]

            await wait_for(caught_up, what="catalog rebuilt from the topic")
            actual = {str(params): await _catalog(rebuilt, params) for params in SEARCHES}

    assert actual == expected
    assert [c["code"] for c in expected[str({})]] == ["DATA-1", "DRAFT-1", "OLD-1", "PP-1", "PP-2"]
    pp1 = next(c for c in actual[str({})] if c["code"] == "PP-1")
    assert (pp1["jp"], pp1["cost"]) == (32, 2000000)
    # M.05 from level 2: every 1->3 course and DATA-1 (2->3), not PP-2 (3->5).
    assert [c["code"] for c in actual[str(SEARCHES[1])]] == ["DATA-1", "DRAFT-1", "OLD-1", "PP-1"]
    assert [c["code"] for c in actual[str(SEARCHES[2])]] == ["PP-2"]
    assert [c["code"] for c in actual[str(SEARCHES[4])]] == ["OLD-1"]
