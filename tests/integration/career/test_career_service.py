"""The career service as a process on real PostgreSQL and Kafka, beside evaluation: the
roster, the standards and the results reach it as events only. A new result moves an
employee to another box and to another rank for a target position; a critical position
with one ready successor raises the alert event."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import topics
from bangkom.platform.settings import ServiceSettings
from tests import builders
from tests.infra import as_dict, headers, read_topic, wait_for
from tests.processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
# The framework's default standards: administrator 3, pengawas 2, on each of these.
COMPETENCIES = [f"M.0{i}" for i in range(1, 9)] + ["SK.01"]


@pytest.fixture(scope="module")
async def system(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    async with running_system(
        tmp_path_factory.mktemp("career"), services=("evaluation", "career")
    ) as running:
        yield running


def _bearer(system: System, *roles: Role, **claims: Any) -> dict[str, str]:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="tester", roles=list(roles), **claims)
    return {"Authorization": f"Bearer {token}"}


async def _results(
    evaluation: httpx.AsyncClient, headers: Any, nip: str, level: int, days_ago: float
) -> None:
    for code in COMPETENCIES:
        await builders.a_result(evaluation, headers, nip, code, level=level, days_ago=days_ago)


async def test_a_new_result_moves_a_box_and_a_rank_and_a_short_pool_raises_the_alert(
    system: System,
) -> None:
    admin = _bearer(system, Role.PROVINCE_ADMIN)
    career = system["career"].url
    async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=30) as evaluation:
        agency = await builders.an_agency(evaluation, admin)
        target = await builders.a_position(evaluation, admin, agency, "administrator")
        own = await builders.a_position(evaluation, admin, agency, "pengawas")
        ani = await builders.an_employee(evaluation, admin, agency, own)
        budi = await builders.an_employee(evaluation, admin, agency, own)
        # Ani: every competency at 3: JPM to the target (all at 3) 27/27 = 100, siap
        # sekarang; potential (pengawas 2 + 1 = 3) 100: tinggi. Budi: all at 1: 9/27 =
        # 33.3, belum siap; potential 33.3: rendah.
        await _results(evaluation, admin, ani, 3, days_ago=5)
        await _results(evaluation, admin, budi, 1, days_ago=5)
    operator = _bearer(system, Role.AGENCY_OPERATOR, agencies=[agency])
    async with httpx.AsyncClient(base_url=career, timeout=30) as http:

        async def box_of(nip: str, expected: int) -> bool:
            answer = await http.get(f"/employees/{nip}/nine-box", headers=operator)
            return answer.status_code == 200 and answer.json()["box"] == expected

        async def candidates() -> list[dict[str, Any]]:
            answer = await http.get(f"/positions/{target}/candidates", headers=operator)
            return list(answer.json().get("items", []))

        async def ranking() -> list[tuple[str, str]]:
            return [(c["nip"], c["readiness"]) for c in await candidates()]

        async def levels_arrived() -> bool:
            # Every result of both: Budi is belum siap before any of his arrive, and his
            # box needs his potential from all of them.
            found = [
                (c["nip"], c["readiness"], c["unknown_competencies"]) for c in await candidates()
            ]
            return found == [(ani, "siap_sekarang", 0), (budi, "belum_siap", 0)]

        await wait_for(levels_arrived, deadline_s=60, what="results in career")
        for nip, predicate in ((ani, "baik"), (budi, "sangat_baik")):
            rated = await http.post(
                "/ratings",
                headers=operator,
                json={"nip": nip, "year": 2025, "predicate": predicate},
            )
            assert rated.status_code == 200, rated.text
        # Ani: sesuai x tinggi = 8; Budi: di atas x rendah = 4.
        assert await box_of(ani, 8)
        assert await box_of(budi, 4)
        marked = await http.put(f"/succession/{target}", headers=operator, json={})
        assert marked.json()["short"] is True

        # Budi's new results, through evaluation and Kafka only: all at 3 -> JPM 100, siap
        # sekarang, potential tinggi -> box 9, and ahead of Ani (same class and JPM, box
        # 9 > 8).
        async with httpx.AsyncClient(base_url=system["evaluation"].url, timeout=30) as evaluation:
            await _results(evaluation, admin, budi, 3, days_ago=1)

        async def moved() -> bool:
            return (await ranking()) == [(budi, "siap_sekarang"), (ani, "siap_sekarang")]

        await wait_for(moved, deadline_s=60, what="Budi ranked first")
        assert await box_of(budi, 9)
        pool = await http.get(f"/succession/{target}/pool", headers=operator)
        critical = await http.get("/succession", headers=operator)

    assert [(m["nip"], m["readiness"]) for m in pool.json()["members"]] == [
        (budi, "siap_sekarang"),
        (ani, "siap_sekarang"),
    ]
    assert [c["short"] for c in critical.json()["items"]] == [False]

    prefix = system.topic_prefix

    def raised(records: list[Any]) -> list[dict[str, Any]]:
        return [as_dict(r) for r in records if headers(r)["ce_type"].endswith("alert.raised.v1")]

    def budi_boxes(records: list[Any]) -> list[int]:
        placed = [as_dict(r) for r in records]
        return [p["box"] for p in placed if p["nip"] == budi and p["box"] is not None]

    alerts = raised(await read_topic(f"{prefix}{topics.SUCCESSION.name}", raised))
    boxes = budi_boxes(
        await read_topic(f"{prefix}{topics.TALENT.name}", lambda rs: budi_boxes(rs)[-1:] == [9])
    )
    assert [(a["position_code"], a["reason"], a["ready_now"]) for a in alerts] == [
        (target, "too_few_ready", 1)
    ]
    # Placed in 4 once rated; the nine results may arrive in more than one batch, each
    # placing him again on the way up to 9.
    assert (boxes[0], boxes[-1]) == (4, 9)
