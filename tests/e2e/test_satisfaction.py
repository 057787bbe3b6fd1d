"""The public's satisfaction (SKM, PermenPANRB 14/2017) across the services as processes on
Kafka and PostgreSQL: the public answers without an account, a flood from one address
is refused while the rest of the public is not, a closed period takes no more answers;
a closed period's IKM, published as an event, reaches recommendation and is read there
beside the training the unit's staff completed between two periods (Kirkpatrick 4).

Each member of the public answers from an address of their own (127.0.x.y: all of
127/8 is loopback), as they would from their own phones.
"""

import statistics
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
PER_MINUTE = 5  # the survey's public rate in this test (a flood is a few more)
ELEMENTS = builders.SKM_ELEMENTS
RESPONDENTS = 30  # the fewest for which the report gives the change an interval


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    settings = {"BANGKOM_SURVEY_PUBLIC_ANSWERS_PER_MINUTE": str(PER_MINUTE)}
    async with running_system(tmp_path_factory.mktemp("skm"), extra_env=settings) as running:
        yield running


def _bearer(system: System, *roles: Role, **claims: Any) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="skm", roles=list(roles), **claims)
    return {"Authorization": f"Bearer {token}"}


def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.url}: {response.text}"
    return dict(response.json())


def _public(system: System, address: str) -> httpx.AsyncClient:
    """A member of the public at ``address``: no token."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(base_url=system["survey"].url, transport=transport, timeout=20)


def _answer(rating: int) -> dict[str, Any]:
    return {"submission_id": str(uuid.uuid4()), "ratings": dict.fromkeys(ELEMENTS, rating)}


async def _unit(system: System) -> tuple[str, dict[str, str]]:
    """A new agency and its operator's headers."""
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=20) as roster:
        agency = await builders.an_agency(roster, admin)
    return agency, _bearer(system, Role.AGENCY_OPERATOR, agencies=[agency])


async def _open_period(
    system: System, operator: dict[str, str], unit: str, label: str
) -> dict[str, Any]:
    """An SKM period of ``unit``, opened once survey has consumed the agency."""
    body = {"unit_code": unit, "label": label, "population": 1000}

    async def opened() -> dict[str, Any] | None:
        async with httpx.AsyncClient(base_url=system["survey"].url, timeout=20) as http:
            response = await http.post("/satisfaction/periods", headers=operator, json=body)
        if response.status_code == 422 and response.json()["code"] == "agency_unknown":
            return None
        return _ok(response, 201)

    return await wait_for(opened, what=f"survey knows unit {unit}")


async def _close(system: System, operator: dict[str, str], period_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=system["survey"].url, timeout=20) as http:
        return _ok(await http.post(f"/satisfaction/periods/{period_id}/close", headers=operator))


async def test_the_public_answers_without_a_token_a_flood_is_refused_and_a_closed_period_refuses(
    system: System,
) -> None:
    unit, operator = await _unit(system)
    period = await _open_period(system, operator, unit, "2026-1")
    path = f"/public/satisfaction/{period['id']}/answers"

    async with _public(system, "127.0.2.1") as citizen:
        form = _ok(await citizen.get(f"/public/satisfaction/{period['id']}"))
        first = _answer(4)
        accepted = await citizen.post(path, json=first)
        again = await citizen.post(path, json=first)  # the same submission, sent twice
    async with _public(system, "127.0.2.2") as flooder:
        flood = [(await flooder.post(path, json=_answer(1))) for _ in range(PER_MINUTE + 3)]
    async with _public(system, "127.0.2.3") as neighbour:
        unaffected = await neighbour.post(path, json=_answer(3))
    # Behind the console (at 127.0.0.1, which survey trusts to name the visitor): the
    # rate falls on each visitor it forwards, not on the console.
    async with _public(system, "127.0.0.1") as console:
        behind = [
            (await console.post(path, json=_answer(2), headers={"X-Forwarded-For": visitor}))
            for visitor in ["203.0.113.7"] * (PER_MINUTE + 1) + ["203.0.113.8"]
        ]
    scored = await _close(system, operator, period["id"])
    async with _public(system, "127.0.2.4") as latecomer:
        late = await latecomer.post(path, json=_answer(4))

    assert "Authorization" not in accepted.request.headers
    assert (form["status"], list(form["elements"])) == ("open", ELEMENTS)
    assert (accepted.status_code, accepted.json()) == (201, {"stored": True})
    assert (again.status_code, again.json()) == (200, {"stored": False})
    assert [r.status_code for r in flood] == [201] * PER_MINUTE + [429] * 3
    refused = flood[-1]
    assert refused.json()["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert unaffected.status_code == 201
    assert [r.status_code for r in behind] == [201] * PER_MINUTE + [429, 201]
    # Stored: the first answer once, each flood up to the rate, the neighbours'.
    assert scored["score"]["respondents"] == 1 + PER_MINUTE + 1 + PER_MINUTE + 1
    assert late.status_code == 409
    assert late.json()["code"] == "conflict"


async def _answered_by_the_public(
    system: System, period_id: str, ratings: list[int], subnet: int
) -> None:
    """Respondent i rates every element ``ratings[i]``, each from an address of their own."""
    for number, rating in enumerate(ratings, start=1):
        async with _public(system, f"127.0.{subnet}.{number}") as citizen:
            _ok(
                await citizen.post(
                    f"/public/satisfaction/{period_id}/answers", json=_answer(rating)
                ),
                201,
            )


async def test_an_ikm_published_as_an_event_is_read_beside_the_training_of_the_units_staff(
    system: System,
) -> None:
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    unit, operator = await _unit(system)
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=20) as roster:
        position = await builders.a_position(roster, admin, unit)
        staff = [await builders.an_employee(roster, admin, unit, position) for _ in range(2)]
    async with httpx.AsyncClient(base_url=system["training"].url, timeout=20) as catalog:
        course = await builders.a_course(catalog, admin, f"PP-{unit.rsplit('.', 1)[1]}")

    # Period 1: half the public rates every element 2, half 3.
    before_ratings = [2, 3] * (RESPONDENTS // 2)
    before = await _open_period(system, operator, unit, "2026-1")
    await _answered_by_the_public(system, before["id"], before_ratings, subnet=10)
    before_scored = await _close(system, operator, before["id"])

    # Between the periods one of the two staff completes a course developing M.05
    # (Pelayanan Publik, mapped to the staff elements by configuration).
    async def completed() -> bool | None:
        async with httpx.AsyncClient(base_url=system["training"].url, timeout=20) as training:
            response = await training.post(
                "/completions",
                headers=admin,
                json={
                    "nip": staff[0],
                    "source": "certificate",
                    "reference": f"SERT-{staff[0]}",
                    "course_code": course,
                    "outcome": "passed",
                    "completed_at": factories.at().isoformat(),
                },
            )
        if response.status_code == 404:  # training has not consumed the employee yet
            return None
        _ok(response, 201)
        return True

    await wait_for(completed, what="training knows the employee")

    # Period 2: half rates 3, half 4.
    after_ratings = [3, 4] * (RESPONDENTS // 2)
    after = await _open_period(system, operator, unit, "2026-2")
    await _answered_by_the_public(system, after["id"], after_ratings, subnet=11)
    after_scored = await _close(system, operator, after["id"])

    async def reported() -> dict[str, Any] | None:
        async with httpx.AsyncClient(base_url=system["recommendation"].url, timeout=20) as http:
            response = await http.get(
                "/analytics/satisfaction-effect",
                headers=operator,
                params={"unit_code": unit, "before": "2026-1", "after": "2026-2"},
            )
        if response.status_code != 200:
            return None
        body = dict(response.json())
        return body if (body["staff"], body["trained"]) == (2, 1) else None

    report = await wait_for(reported, deadline_s=60, what="the effect report with the training")

    # IKM: every element's NRR is the mean rating (2.5 and 3.5), x 1/9 x 9 x 25.
    assert before_scored["score"]["converted"] == 62.5
    assert after_scored["score"]["converted"] == 87.5
    assert report["before"]["ikm"] == 62.5
    assert report["after"]["ikm"] == 87.5
    assert (report["before"]["respondents"], report["after"]["respondents"]) == (30, 30)
    assert report["ikm_change"] == 25.0
    assert report["element_changes"] == {"kompetensi_pelaksana": 1.0, "perilaku_pelaksana": 1.0}
    # 95%: 25 -/+ 1.96 x sqrt(s1^2/30 + s2^2/30), s the SD of the respondents' own IKM
    # (50 and 75 in period 1, 75 and 100 in period 2: both 12.71).
    spread = statistics.stdev(25.0 * r for r in before_ratings)
    error = (2 * spread**2 / RESPONDENTS) ** 0.5
    assert report["ikm_change_interval"] == [
        round(25.0 - 1.96 * error, 2),
        round(25.0 + 1.96 * error, 2),
    ]
    assert report["caution"] is None
    assert (report["staff"], report["trained"], report["share_trained"]) == (2, 1, 0.5)
    assert "M.05" in report["competencies"]
