"""Feed the survey process what the evaluation service would publish (CloudEvents on
the prefixed topics) and talk to its REST API with development tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog.base import Event
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.settings import ServiceSettings
from tests import factories
from tests.builders import a_survey
from tests.infra import KAFKA, message_of, wait_for
from tests.processes import System
from tests.unit.survey import builders

Headers = dict[str, str]


async def publish(system: System, *events: Event) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA, enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            key, value, headers = encode(message_of(event, at=factories.at()))
            await producer.send_and_wait(
                f"{system.topic_prefix}{event.TOPIC.name}", value=value, key=key, headers=headers
            )
    finally:
        await producer.stop()


def token(
    system: System,
    *roles: Role,
    agencies: list[str] | None = None,
    nip: str | None = None,
    subject: str = "itest",
) -> Headers:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    signed = mint_dev_token(
        settings, subject=nip or subject, roles=list(roles), agencies=agencies, nip=nip
    )
    return {"Authorization": f"Bearer {signed}"}


@dataclass
class Agency:
    """One agency on the roster: a kasubbag supervising two analysts (one in a unit)."""

    code: str
    kasubbag: str
    analyst: str
    unit_analyst: str

    @property
    def nips(self) -> list[str]:
        return [self.kasubbag, self.analyst, self.unit_analyst]


async def agency_on_the_roster(system: System) -> Agency:
    """Publish an agency's standards and roster (and the dictionary)."""
    code = factories.agency_code()
    agency = Agency(code, factories.nip(), factories.nip(), factories.nip())
    await publish(
        system,
        builders.agency_updated(code),
        builders.agency_updated(f"{code}.PK"),
        builders.framework_published(),
        builders.standard_published(f"{code}-ANALIS", code, {"M.05": 3, "M.01": 3}),
        builders.standard_published(f"{code}-KASUBBAG", code, {"M.05": 4, "SK.01": 3}),
        builders.employee_updated(agency.kasubbag, code, f"{code}-KASUBBAG"),
        builders.employee_updated(
            agency.analyst, code, f"{code}-ANALIS", supervisor_nip=agency.kasubbag
        ),
        builders.employee_updated(
            agency.unit_analyst, f"{code}.PK", f"{code}-ANALIS", supervisor_nip=agency.kasubbag
        ),
    )
    return agency


async def open_survey(http: httpx.AsyncClient, system: System, *agencies: Agency) -> str:
    """Plan a draft, wait until its preview shows what the events carried, open it."""
    admin = token(system, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(base_url=system["survey"].url, timeout=20) as survey:
        survey_id = await a_survey(survey, admin, [a.code for a in agencies])

    async def roster_and_standards_arrived() -> bool:
        detail = (
            await http.get(f"{system['survey'].url}/surveys/{survey_id}", headers=admin)
        ).json()
        asked = {q["competency_code"]: q["competency_name"] for q in detail["questionnaire"]}
        return detail["respondents_preview"] == 3 * len(agencies) and asked == {
            "M.01": "Integritas",
            "M.05": "Pelayanan Publik",
            "SK.01": "Perekat Bangsa",
        }

    await wait_for(roster_and_standards_arrived, what="roster, standards and dictionary consumed")
    opened = await http.post(f"{system['survey'].url}/surveys/{survey_id}/open", headers=admin)
    assert opened.status_code == 200, opened.text
    return survey_id


def answers(importance: int, self_level: int) -> dict[str, Any]:
    """A complete response of an analyst (M.05 and M.01)."""
    return {
        "answers": [
            {
                "competency_code": "M.05",
                "importance": importance,
                "self_level": self_level,
                "learning_mode": "e_learning",
            },
            {"competency_code": "M.01", "importance": 3, "self_level": 3},
        ]
    }
