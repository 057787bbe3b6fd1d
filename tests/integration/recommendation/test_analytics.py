"""Analytics of the recommendation service on a real database (the world of
`analytics_world`, the `analytics` fixture of conftest): the REST and gRPC endpoints
read as an administrator, operators and an employee.
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.rpc.server import GrpcServer
from bangkom.proto.recommendation.v1 import recommendation_pb2 as pb
from bangkom.proto.recommendation.v1 import recommendation_pb2_grpc as pb_grpc
from tests.integration.recommendation.analytics_world import (
    BKPSDM,
    DINKES,
    DISDIK,
    NAMES,
    P2P,
    PROVIDER,
    Analytics,
)

pytestmark = [pytest.mark.postgres]


def _cells(agency: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """competency -> (employees, met, open, unknown, mean gap, % meeting)."""
    return {
        c["competency_code"]: (
            c["employees"],
            c["met"],
            c["open"],
            c["unknown"],
            c["mean_gap"],
            c["percent_meeting"],
        )
        for c in agency["competencies"]
    }


def _by_agency(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["agency_code"]: a for a in body["agencies"]}


async def test_the_heatmap_counts_each_agency_and_competency(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/heatmap", analytics.admin)
    agencies = _by_agency(body)

    assert body["at"] is None
    assert list(agencies) == [BKPSDM, DINKES, P2P, DISDIK]
    assert _cells(agencies[BKPSDM]) == {
        "M.01": (1, 0, 1, 0, 1.0, 0.0),
        "M.05": (1, 1, 0, 0, 0.0, 100.0),
    }
    # X left on 1 July: only A1 is counted in DINKES now.
    assert _cells(agencies[DINKES]) == {
        "M.01": (1, 1, 0, 0, 0.0, 100.0),
        "M.05": (1, 0, 1, 0, 1.0, 0.0),
    }
    assert _cells(agencies[P2P]) == {
        "M.01": (1, 0, 1, 0, 1.0, 0.0),
        "M.05": (1, 0, 0, 1, None, None),
    }
    assert _cells(agencies[DISDIK]) == {
        "M.01": (2, 1, 0, 1, 0.0, 100.0),
        "M.05": (2, 1, 0, 1, 0.0, 100.0),
    }
    assert agencies[DISDIK]["competencies"][0]["competency_name"] == "Integritas"


async def test_the_heatmap_rolls_agencies_up_to_their_city(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/heatmap", analytics.admin, depth=2)
    agencies = _by_agency(body)

    assert list(agencies) == ["12.71", "12.73"]
    # 12.73, M.01: A1 met, A2 open by 1, A3 met, A4 unknown -> 1 / 3 = 0.33, 2 / 3 = 66.7 %
    # 12.73, M.05: A1 open by 1, A2 and A4 unknown, A3 met -> 1 / 2 = 0.5, 50 %
    assert _cells(agencies["12.73"]) == {
        "M.01": (4, 2, 1, 1, 0.33, 66.7),
        "M.05": (4, 1, 1, 2, 0.5, 50.0),
    }
    assert agencies["12.73"]["employees"] == 4
    assert agencies["12.73"]["total"] == {
        "met": 3,
        "open": 2,
        "unknown": 3,
        "mean_gap": 0.4,  # (1 + 1) / 5 assessed pairs
        "percent_meeting": 60.0,
    }
    province = _by_agency(await analytics.get("/analytics/heatmap", analytics.admin, depth=1))
    assert list(province) == ["12"]
    assert province["12"]["employees"] == 5


async def test_the_heatmap_of_one_competency_in_one_agency(analytics: Analytics) -> None:
    body = await analytics.get(
        "/analytics/heatmap",
        analytics.admin,
        agency_code=DINKES,
        depth=3,
        competency_code="M.05",
    )

    # DINKES with its unit P2P: A1 open by 1, A2 unknown.
    assert [a["agency_code"] for a in body["agencies"]] == [DINKES]
    assert _cells(body["agencies"][0]) == {"M.05": (2, 0, 1, 1, 1.0, 0.0)}


async def test_jpm_distribution_per_city(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/jpm", analytics.admin, depth=2)
    agencies = {a["agency_code"]: a for a in body["items"]}

    # A1 (3 + 2) / 6 = 83.3, A2 2 / 6 = 33.3, A3 6 / 6 = 100, A4 0 / 6 = 0 (never assessed)
    # -> mean 216.6 / 4 = 54.15 -> 54.2
    assert agencies["12.73"] == {
        "agency_code": "12.73",
        "employees": 4,
        "mean_jpm": 54.2,
        "bands": {"optimal": 1, "cukup_optimal": 1, "kurang_optimal": 2},
        "not_assessed": 1,
    }
    # B1 (2 + 2) / 5 = 80.0
    assert agencies["12.71"]["mean_jpm"] == 80.0
    assert agencies["12.71"]["bands"] == {"optimal": 0, "cukup_optimal": 1, "kurang_optimal": 0}


async def test_20_jp_compliance_per_agency_and_city(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/compliance", analytics.admin, year=2024)
    agencies = _by_agency(body)

    def figures(code: str) -> tuple[int, int, int, int]:
        a = agencies[code]
        return (a["employees"], a["below_target"], a["jp_missing"], a["jp_total"])

    assert (body["year"], body["target_jp"]) == (2024, 20)
    assert figures(DINKES) == (1, 0, 0, 24)  # A1 24 JP; X has left
    assert figures(P2P) == (1, 1, 12, 8)  # A2 8 JP (the failed course credits none)
    assert figures(DISDIK) == (2, 2, 28, 12)  # A3 12, A4 0 (15 in 2023); P is PPPK
    assert figures(BKPSDM) == (1, 0, 0, 20)

    city = _by_agency(await analytics.get("/analytics/compliance", analytics.admin, year=2024))
    rolled = _by_agency(
        await analytics.get("/analytics/compliance", analytics.admin, year=2024, depth=2)
    )
    assert city.keys() == agencies.keys()
    assert rolled["12.73"] == {
        "agency_code": "12.73",
        "employees": 4,
        "below_target": 3,
        "compliant": 1,
        "percent_compliant": 25.0,
        "jp_missing": 40,
        "jp_total": 44,
    }


async def test_training_effectiveness_by_course_and_provider(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/effectiveness", analytics.admin)
    courses = {c["course_code"]: c for c in body["courses"]}

    # PP-01: A1 from 1 (the assessment centre outranks the later self-assessment) to 2;
    # A2 never assessed before; B1 not assessed after -> 1 measured, +1, improved.
    assert courses["PP-01"] == {
        "course_code": "PP-01",
        "title": "Pelatihan Pelayanan Publik",
        "provider": PROVIDER,
        "completions": 3,
        "measured": 1,
        "unmeasured": 2,
        "mean_level_change": 1.0,
        "percent_improved": 100.0,
        "l4": None,  # no pair of SKM periods asked (before=, after=)
    }
    # K-02: A3 from 4 to 4; A2's failed attempt is not a completion.
    assert (
        courses["K-02"]["completions"],
        courses["K-02"]["measured"],
        courses["K-02"]["mean_level_change"],
        courses["K-02"]["percent_improved"],
    ) == (1, 1, 0.0, 0.0)
    providers = {p["provider"]: p for p in body["providers"]}
    assert providers.keys() == {PROVIDER, "LAN"}
    assert (providers[PROVIDER]["courses"], providers[PROVIDER]["completions"]) == (1, 3)

    one = await analytics.get("/analytics/effectiveness", analytics.admin, course_code="K-02")
    assert [c["course_code"] for c in one["courses"]] == ["K-02"]


async def test_the_gaps_of_an_employee_on_a_past_date(analytics: Analytics) -> None:
    a1 = await analytics.get(
        f"/analytics/employees/{analytics.people.a1}/gaps", analytics.admin, on="2024-03-31"
    )
    a2 = await analytics.get(
        f"/analytics/employees/{analytics.people.a2}/gaps",
        analytics.operator(DINKES),
        on="2024-03-31",
    )

    assert a1["at"] == "2024-03-31T17:00:00Z"
    gaps = {g["competency_code"]: g for g in a1["gaps"]}
    # On 31 March A1's M.05 was still 1 (it became 2 on 1 June).
    assert (gaps["M.05"]["current_level"], gaps["M.05"]["gap"], gaps["M.05"]["status"]) == (
        1,
        2,
        "open",
    )
    assert (gaps["M.01"]["current_level"], gaps["M.01"]["status"]) == (3, "met")
    # A2's M.01 was assessed only on 15 April.
    assert {g["competency_code"]: g["status"] for g in a2["gaps"]} == {
        "M.01": "unknown",
        "M.05": "unknown",
    }
    now = await analytics.get(f"/employees/{analytics.people.a1}/gaps", analytics.admin, status=200)
    assert {g["competency_code"]: g["current_level"] for g in now["gaps"]}["M.05"] == 2


async def test_the_heatmap_on_a_past_date_counts_who_was_there(analytics: Analytics) -> None:
    body = await analytics.get("/analytics/heatmap", analytics.admin, depth=2, on="2024-03-31")
    city = _by_agency(body)["12.73"]

    # X was still employed (open by 2 in M.01); A2 not assessed yet; A1's M.05 open by 2.
    # M.01: A1, A3 met, X open by 2 -> 2 / 3 = 0.67; M.05: A1 open by 2, A3 met -> 2 / 2
    assert body["at"] == "2024-03-31T17:00:00Z"
    assert city["employees"] == 5
    assert [c["competency_name"] for c in city["competencies"]] == list(NAMES.values())
    assert _cells(city) == {
        "M.01": (5, 2, 1, 2, 0.67, 66.7),
        "M.05": (5, 1, 1, 3, 1.0, 50.0),
    }


async def test_the_monthly_trend_of_a_city(analytics: Analytics) -> None:
    body = await analytics.get(
        "/analytics/trends",
        analytics.admin,
        agency_code="12.73",
        first="2024-01-01",
        last="2024-07-31",
    )

    points = [
        (p["period_start"], p["gaps"], p["mean_gap"], p["percent_meeting"]) for p in body["points"]
    ]
    assert points == [
        # A1, A3 met in M.01; X open by 2 (M.01), A1 open by 2 (M.05); 5 unknown
        ("2024-01-01", 10, 0.8, 60.0),
        ("2024-02-01", 10, 0.8, 60.0),
        ("2024-03-01", 10, 0.8, 60.0),
        ("2024-04-01", 10, 0.83, 50.0),  # A2's M.01 open by 1: 5 / 6
        ("2024-05-01", 10, 0.83, 50.0),
        ("2024-06-01", 10, 0.67, 50.0),  # A1's M.05 open by 1: 4 / 6
        ("2024-07-01", 8, 0.4, 60.0),  # X left: gaps 1 + 1 over 5 assessed, 3 met
    ]
    assert body["points"][0]["at"] == "2024-01-31T17:00:00Z"


async def test_an_operator_sees_only_their_agency_and_what_is_below_it(
    analytics: Analytics,
) -> None:
    dinkes = analytics.operator(DINKES)

    heatmap = await analytics.get("/analytics/heatmap", dinkes, depth=2)
    jpm = await analytics.get("/analytics/jpm", dinkes)
    compliance = await analytics.get("/analytics/compliance", dinkes, year=2024)
    effect = await analytics.get("/analytics/effectiveness", dinkes)

    # Rolled up no further than their own agency, and only it.
    assert [a["agency_code"] for a in heatmap["agencies"]] == [DINKES]
    assert heatmap["agencies"][0]["employees"] == 2
    assert [a["agency_code"] for a in jpm["items"]] == [DINKES, P2P]
    assert [a["agency_code"] for a in compliance["agencies"]] == [DINKES, P2P]
    # PP-01 of A1 and A2 only (B1 is in another city); K-02 only in DISDIK.
    assert [(c["course_code"], c["completions"]) for c in effect["courses"]] == [("PP-01", 2)]
    for path in ("/analytics/heatmap", "/analytics/jpm", "/analytics/trends"):
        await analytics.get(path, dinkes, status=404, agency_code=BKPSDM)
    await analytics.get("/analytics/heatmap", dinkes, status=404, agency_code="12.73")
    await analytics.get(
        f"/analytics/employees/{analytics.people.b1}/gaps", dinkes, status=404, on="2024-03-31"
    )
    bkpsdm = await analytics.get("/analytics/heatmap", analytics.operator(BKPSDM))
    assert [a["agency_code"] for a in bkpsdm["agencies"]] == [BKPSDM]


async def test_an_employee_is_refused_agency_analytics_but_sees_their_own_past_gaps(
    analytics: Analytics,
) -> None:
    a1 = analytics.people.a1
    employee = analytics.auth(Role.EMPLOYEE, nip=a1)

    for path in (
        "/analytics/heatmap",
        "/analytics/jpm",
        "/analytics/compliance",
        "/analytics/effectiveness",
        "/analytics/trends",
    ):
        await analytics.get(path, employee, status=403)
    own = await analytics.get(f"/analytics/employees/{a1}/gaps", employee, on="2024-03-31")
    assert len(own["gaps"]) == 2
    await analytics.get(
        f"/analytics/employees/{analytics.people.a2}/gaps", employee, status=404, on="2024-03-31"
    )


async def test_dates_in_the_future_and_too_long_trends_are_refused(
    analytics: Analytics,
) -> None:
    refused = await analytics.get(
        "/analytics/heatmap", analytics.admin, status=422, on="2999-01-01"
    )
    assert "2999-01-01" in refused["message"]
    assert refused["field"] == "query.on"
    await analytics.get(
        "/analytics/trends", analytics.admin, status=422, first="2000-01-01", interval="month"
    )
    await analytics.get("/analytics/heatmap", analytics.admin, status=422, depth=0)


async def test_the_agency_heatmap_over_grpc_is_scoped_like_rest(analytics: Analytics) -> None:
    server = GrpcServer(
        host="127.0.0.1",
        port=0,
        services=analytics.service.grpc_services,
        verifier=analytics.service.verifier,
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = pb_grpc.RecommendationServiceStub(channel)

            def metadata(headers: dict[str, str]) -> list[tuple[str, str]]:
                return [("authorization", headers["Authorization"])]

            city = await stub.AgencyHeatmap(
                pb.AgencyHeatmapRequest(depth=2, on="2024-03-31"),
                metadata=metadata(analytics.admin),
            )
            with pytest.raises(grpc.aio.AioRpcError) as hidden:
                await stub.AgencyHeatmap(
                    pb.AgencyHeatmapRequest(agency_code=BKPSDM),
                    metadata=metadata(analytics.operator(DINKES)),
                )
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.AgencyHeatmap(
                    pb.AgencyHeatmapRequest(),
                    metadata=metadata(analytics.auth(Role.EMPLOYEE, nip=analytics.people.a1)),
                )
    finally:
        await server.stop(0)

    agencies = {a.agency_code: a for a in city.agencies}
    assert list(agencies) == ["12.71", "12.73"]
    m01 = {c.competency_code: c for c in agencies["12.73"].cells}["M.01"]
    assert (m01.employees, m01.figures.met, m01.figures.unknown) == (5, 2, 2)
    assert (m01.figures.mean_gap, m01.figures.percent_meeting) == (0.67, 66.7)
    assert city.at.ToDatetime().isoformat() == "2024-03-31T17:00:00"
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
