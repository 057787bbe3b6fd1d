"""An employee accepting their own proposal through the recommendation API on SQLite:
a free self-paced course they may, a paid or classroom one they may not (403), and a
colleague's they cannot even see (404); the proposals say which one the viewer may
accept. Events are handled as the consumer would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.catalog import CourseUpdated, EmployeeUpdated, StandardPublished
from bangkom.platform.catalog.base import Event
from bangkom.platform.catalog.evaluation import StandardLevel
from bangkom.platform.catalog.training import CourseCompetency, LearningMode
from bangkom.platform.service import Service
from bangkom.recommendation.bootstrap import bootstrap
from bangkom.recommendation.config import RecommendationSettings
from tests import factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.unit.recommendation.satisfaction_events import handled

AGENCY = "12.73.BKPSDM"
OWN, COLLEAGUE = factories.nip(), factories.nip()
# course code: (competency, mode, cost in rupiah)
COURSES: dict[str, tuple[str, LearningMode, int]] = {
    "EL-FREE": ("M.05", "e_learning", 0),
    "EL-PAID": ("M.01", "e_learning", 750_000),
    "KL-FREE": ("M.02", "klasikal", 0),
}
ERROR_FIELDS = {"code", "message", "field", "errors"}


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(bootstrap, RecommendationSettings, tmp_path) as service:
        yield service


def _proposed_for_both() -> list[Event]:
    """Both employees below the standard in every competency a course develops."""
    events: list[Event] = [
        StandardPublished(
            position_code="POS",
            position_name="Analis",
            agency_code=AGENCY,
            version=1,
            levels=[
                StandardLevel(competency_code=c, competency_name=c, required_level=3)
                for c, _, _ in COURSES.values()
            ],
            published_at=factories.at(days_ago=30),
        )
    ]
    events += [
        CourseUpdated(
            course_code=code,
            title=f"Kursus {code}",
            competencies=[CourseCompetency(competency_code=c, level_from=1, level_to=3)],
            jp=8,
            mode=mode,
            provider="BPSDM",
            cost=cost,
            status="published",
            changed_at=factories.at(days_ago=20),
        )
        for code, (c, mode, cost) in COURSES.items()
    ]
    at = factories.at(days_ago=5)
    for nip in (OWN, COLLEAGUE):
        events.append(
            EmployeeUpdated(
                nip=nip,
                name="Pegawai",
                employment_type="PNS",
                agency_code=AGENCY,
                position_code="POS",
                active=True,
                changed_at=factories.at(days_ago=40),
            )
        )
        events += [
            factories.result_recorded(
                nip=nip, agency_code=AGENCY, competency_code=c, level=1, evaluated_at=at
            )
            for c, _, _ in COURSES.values()
        ]
    return events


async def _proposals(client: Any, headers: dict[str, str], nip: str) -> dict[str, Any]:
    """The employee's proposals by course code."""
    answer = await client.get(f"/employees/{nip}/proposals", headers=headers)
    assert answer.status_code == 200, answer.text
    return {p["course_code"]: p for p in answer.json()["items"]}


async def test_an_employee_accepts_their_own_free_self_paced_proposal_and_no_other(
    service: Service,
) -> None:
    await handled(service, _proposed_for_both())
    own = bearer(service, Role.EMPLOYEE, subject=OWN, nip=OWN)
    colleague = bearer(service, Role.EMPLOYEE, subject=COLLEAGUE, nip=COLLEAGUE)
    operator = bearer(service, Role.AGENCY_OPERATOR, agencies=[AGENCY])
    async with asgi_client(service) as client:
        mine = await _proposals(client, own, OWN)
        theirs = await _proposals(client, colleague, COLLEAGUE)
        as_operator = await _proposals(client, operator, OWN)
        listed = (await client.get("/proposals", headers=own)).json()["items"]
        one = (await client.get(f"/proposals/{mine['EL-FREE']['id']}", headers=own)).json()

        def decide(proposal: dict[str, Any], **body: Any) -> Any:
            path = f"/proposals/{proposal['id']}/decision"
            return client.post(path, headers=own, json={"decision": "accepted", **body})

        paid = await decide(mine["EL-PAID"])
        classroom = await decide(mine["KL-FREE"])
        colleagues = await decide(theirs["EL-FREE"])
        rejected = await decide(mine["EL-FREE"], decision="rejected", reason="Tidak sempat")
        accepted = await decide(mine["EL-FREE"])
        again = await decide(mine["EL-FREE"])
        after = await _proposals(client, own, OWN)
        colleague_after = await _proposals(client, colleague, COLLEAGUE)

    assert {code: p["self_acceptable"] for code, p in mine.items()} == {
        "EL-FREE": True,
        "EL-PAID": False,
        "KL-FREE": False,
    }
    assert {p["course_code"]: p["self_acceptable"] for p in listed} == {
        code: p["self_acceptable"] for code, p in mine.items()
    }
    assert one["self_acceptable"] is True
    assert not any(p["self_acceptable"] for p in as_operator.values())  # they decide anyway

    assert (paid.status_code, classroom.status_code) == (403, 403)
    for refused in (paid, classroom):
        assert set(refused.json()) == ERROR_FIELDS
        assert refused.json()["code"] == "forbidden"
    assert "berbayar" in paid.json()["message"]
    assert "mandiri" in classroom.json()["message"]
    assert colleagues.status_code == 404
    assert colleagues.json()["code"] == "not_found"
    assert COLLEAGUE not in colleagues.text
    assert "EL-FREE" not in colleagues.text
    assert rejected.status_code == 403  # accepting only: a rejection is the deciders'
    assert "penolakan" in rejected.json()["message"]

    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert (body["status"], body["decided_by"], body["self_acceptable"]) == (
        "accepted",
        OWN,
        False,
    )
    assert again.status_code == 409  # no longer open: decided once
    assert {code: p["status"] for code, p in after.items()} == {
        "EL-FREE": "accepted",
        "EL-PAID": "proposed",
        "KL-FREE": "proposed",
    }
    assert {p["status"] for p in colleague_after.values()} == {"proposed"}
