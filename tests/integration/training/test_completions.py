"""A completion credits JP and is published for the evaluation service."""

from pathlib import Path

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.catalog import CompletionRecorded
from tests import factories
from tests.integration.training.harness import open_session, roster, running_training

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_a_completion_credits_jp_and_publishes_completion_recorded(tmp_path: Path) -> None:
    async with running_training(tmp_path) as t:
        agency = factories.agency_code()
        [nip] = await roster(t, 1, agency)
        session = await open_session(t, capacity=5)
        operator = t.auth(Role.AGENCY_OPERATOR, agencies=[agency])
        enrolment = await t.ok(
            await t.http.post(
                "/enrolments", headers=operator, json={"session_code": session, "nip": nip}
            ),
            201,
        )
        t.clock.advance(days=17)  # the three-day session is over

        completion = await t.ok(
            await t.http.post(
                f"/enrolments/{enrolment['id']}/completion",
                headers=operator,
                json={"outcome": "passed", "score": 87.5},
            ),
            201,
        )
        ledger = await t.ok(await t.http.get(f"/employees/{nip}/ledger", headers=operator))
        [event] = await t.published(CompletionRecorded, 1, nip=nip)

    assert (completion["jp_credited"], completion["year"]) == (24, 2027)
    assert (ledger["total_jp"], ledger["missing_jp"], ledger["meets_target"]) == (24, 0, True)
    assert [e["completion_id"] for e in ledger["entries"]] == [completion["id"]]
    assert event["completion_id"] == completion["id"]
    assert (event["outcome"], event["score"], event["jp"], event["source"]) == (
        "passed",
        87.5,
        24,
        "session",
    )
    assert (event["course_code"], event["session_code"], event["agency_code"]) == (
        enrolment["course_code"],
        session,
        agency,
    )
    assert event["competencies"] == [{"competency_code": "M.05", "level_from": 1, "level_to": 3}]
