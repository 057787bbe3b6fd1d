"""One trace across every hop, in a real Jaeger: the request that records a result, the
relay's publish, recommendation's consume and recalculation, the proposal's publish; the
decision, training's enrolment and recommendation learning of it; survey taking the
employee in. The client sends one trace id with its requests; Jaeger (built by
scripts/jaeger.sh, memory storage, OTLP in) is asked for that trace."""

import secrets
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import (
    EmployeeUpdated,
    EnrolmentChanged,
    ProposalCreated,
    ProposalDecided,
    ResultRecorded,
)
from bangkom.platform.settings import ServiceSettings
from tests import builders, factories
from tests.infra import wait_for
from tests.processes import REPOSITORY, SERVICES, free_port, running_system, serving_process
from tests.settling import settling

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


RESULT_HOPS = [
    ("evaluation", "POST /results"),
    ("evaluation", f"publish {ResultRecorded.TYPE}"),
    ("recommendation", f"consume {ResultRecorded.TYPE}"),
    ("recommendation", "recalculate"),
    ("recommendation", f"publish {ProposalCreated.TYPE}"),
]
DECISION_HOPS = [
    ("recommendation", "POST /proposals/{proposal_id}/decision"),
    ("recommendation", f"publish {ProposalDecided.TYPE}"),
    ("training", f"consume {ProposalDecided.TYPE}"),
    ("training", f"publish {EnrolmentChanged.TYPE}"),
    ("recommendation", f"consume {EnrolmentChanged.TYPE}"),
]


@dataclass(frozen=True)
class Jaeger:
    query: str
    otlp: str


def _jaeger_binary() -> str:
    found = subprocess.run(
        ["scripts/jaeger.sh", "path"], cwd=REPOSITORY, capture_output=True, text=True
    )
    assert found.returncode == 0, f"Jaeger not built: scripts/jaeger.sh install ({found.stderr})"
    return found.stdout.strip()


@pytest.fixture
async def jaeger(tmp_path: Path) -> AsyncIterator[Jaeger]:
    binary = _jaeger_binary()
    query, otlp = free_port(), free_port()
    env = {
        "JAEGER_QUERY_PORT": str(query),
        "JAEGER_QUERY_GRPC_PORT": str(free_port()),
        "JAEGER_OTLP_PORT": str(otlp),
    }
    command = [
        binary,
        f"--config=file:{REPOSITORY / 'deploy' / 'jaeger' / 'config.yaml'}",
    ]
    ready = f"http://127.0.0.1:{query}/api/services"
    async with serving_process(command, tmp_path / "jaeger.log", ready, env):
        yield Jaeger(f"http://127.0.0.1:{query}", f"http://127.0.0.1:{otlp}")


def _chain(trace: dict[str, Any], last: str) -> list[tuple[str, str]]:
    """(service, operation) from the trace's root down to the span called ``last``."""
    services = {key: p["serviceName"] for key, p in trace["processes"].items()}
    spans = {s["spanID"]: s for s in trace["spans"]}
    [span] = [s for s in trace["spans"] if s["operationName"] == last]
    chain = []
    while span is not None:
        chain.append((services[span["processID"]], span["operationName"]))
        parents = [r["spanID"] for r in span["references"] if r["refType"] == "CHILD_OF"]
        span = spans.get(parents[0]) if parents else None
    return chain[::-1]


async def test_a_result_and_its_decision_are_one_trace_across_the_four_services(
    jaeger: Jaeger, tmp_path: Path
) -> None:
    exporting = {f"BANGKOM_{name.upper()}_OTLP_ENDPOINT": jaeger.otlp for name in SERVICES}
    trace_id = secrets.token_hex(16)
    # What the client's own span would send: this trace, a new parent for each call.
    traced = {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
    async with running_system(tmp_path, extra_env=exporting) as system:
        evaluation, training, recommendation = (
            system[n].url for n in ("evaluation", "training", "recommendation")
        )
        settings = ServiceSettings(auth_dev_key_file=system.dev_key)
        admin = {
            "Authorization": "Bearer "
            + mint_dev_token(settings, subject="tracer", roles=[Role.PROVINCE_ADMIN])
        }
        async with httpx.AsyncClient(base_url=evaluation, timeout=20) as roster:
            agency = await builders.an_agency(roster, admin)
            position = await builders.a_position(roster, admin, agency, overrides={"M.05": 3})
            nip = await builders.an_employee(roster, admin | traced, agency, position)
        async with httpx.AsyncClient(timeout=20) as http:
            async with httpx.AsyncClient(base_url=training, timeout=20) as catalog:
                course = await builders.a_course(catalog, admin, f"TR-{agency.rsplit('.', 1)[1]}")
                await builders.an_open_session(catalog, admin, course)
            # The course and the employee reach recommendation before the result, or the
            # proposal comes from their arrival (another chain) or the worker (no trace).
            async with settling(system, http, admin) as settled:
                await wait_for(settled, deadline_s=60, what="recommendation has the course")
            recorded = await http.post(
                f"{evaluation}/results",
                headers=admin | traced,
                json={
                    "nip": nip,
                    "competency_code": "M.05",
                    "level": 1,
                    "method": "cat",
                    "evaluated_at": factories.at(days_ago=1).isoformat(),
                },
            )
            assert recorded.status_code == 201, recorded.text

            async def proposed() -> Any:
                page = await http.get(f"{recommendation}/employees/{nip}/proposals", headers=admin)
                return page.json()["items"] if page.status_code == 200 else None

            [proposal] = await wait_for(proposed, deadline_s=60, what="proposal")
            decided = await http.post(
                f"{recommendation}/proposals/{proposal['id']}/decision",
                headers=admin | traced,
                json={"decision": "accepted"},
            )
            assert decided.status_code == 200, decided.text

            # Each service exports its spans on its own schedule: wait for every hop.
            wanted = {op for _, op in RESULT_HOPS + DECISION_HOPS} | {
                f"consume {EmployeeUpdated.TYPE}"
            }

            async def traced_through() -> Any:
                answer = await http.get(f"{jaeger.query}/api/traces/{trace_id}")
                if answer.status_code != 200:
                    return None
                [trace] = answer.json()["data"]
                names = {s["operationName"] for s in trace["spans"]}
                return trace if wanted <= names else None

            trace = await wait_for(traced_through, deadline_s=60, what="the trace in Jaeger")

    assert _chain(trace, f"publish {ProposalCreated.TYPE}") == RESULT_HOPS
    assert _chain(trace, f"consume {EnrolmentChanged.TYPE}") == DECISION_HOPS
    services = {p["serviceName"] for p in trace["processes"].values()}
    assert services == {"evaluation", "training", "survey", "recommendation"}
